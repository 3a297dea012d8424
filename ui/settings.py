"""Per-machine settings of the desktop app, declared once with type, default and description.

What belongs to one network (the user's name, cadences, quiet hours) lives in the database
(:mod:`app.settings`); what belongs to this machine and this screen (the language, window
geometry, splitter sizes, whether the tray hint was shown) lives here, in ``QSettings``.
Tests swap the store for an in-memory one with :func:`use_memory_store`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ui.qt import QtCore


@dataclass(frozen=True)
class UiSetting:
    key: str
    type: type
    default: Any
    description: str


SPECS: dict[str, UiSetting] = {
    s.key: s
    for s in [
        UiSetting("language", str, "system", "Interface language: system, en or de"),
        UiSetting("window/geometry", bytes, b"", "Main window position and size"),
        UiSetting("window/state", bytes, b"", "Main window toolbars and docks"),
        UiSetting("window/splitter", bytes, b"", "Sizes of the contact list and the views"),
        UiSetting("window/view", str, "contacts", "The view shown when the window closed"),
        UiSetting(
            "window/list_modes",
            str,
            "",
            "Per view, the contact list's mode: full, names or hidden (view=mode,...)",
        ),
        UiSetting("window/list_width", int, 0, "Width of the full contact list (0: a share)"),
        UiSetting("window/names_width", int, 0, "Width of the names-only contact list (0: fit)"),
        UiSetting("contacts/header", bytes, b"", "Column widths and order of the contact list"),
        UiSetting("network/legend", bool, True, "The network's legend is unfolded"),
        UiSetting("tray/hint_shown", bool, False, "The 'Allies keeps running' hint was shown"),
    ]
}


class UiSettings:
    """Typed access to the per-machine settings over a ``QSettings`` or a plain dict."""

    def __init__(self, store: QtCore.QSettings | dict[str, Any]) -> None:
        self._store = store

    def get(self, key: str) -> Any:
        spec = SPECS[key]
        if isinstance(self._store, dict):
            return self._store.get(key, spec.default)
        raw = self._store.value(key)
        if raw is None:
            return spec.default
        if spec.type is bytes:
            return bytes(raw.data()) if isinstance(raw, QtCore.QByteArray) else bytes(raw)
        if spec.type is bool:
            return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1")
        return spec.type(raw)

    def set(self, key: str, value: Any) -> None:
        spec = SPECS[key]
        value = spec.type(value)
        if isinstance(self._store, dict):
            self._store[key] = value
            return
        self._store.setValue(key, QtCore.QByteArray(value) if spec.type is bytes else value)
        self._store.sync()


_current: UiSettings | None = None


def ui_settings() -> UiSettings:
    """The settings of this machine (``QSettings`` of organisation and app "Allies")."""
    global _current
    if _current is None:
        _current = UiSettings(
            QtCore.QSettings(
                QtCore.QSettings.Format.IniFormat,
                QtCore.QSettings.Scope.UserScope,
                "Allies",
                "Allies",
            )
        )
    return _current


def use_memory_store() -> UiSettings:
    """Keep the settings in memory from now on (tests)."""
    global _current
    _current = UiSettings({})
    return _current


def use_file_store(path: str) -> UiSettings:
    """Keep the settings in an INI file at ``path`` (tests of persistence across runs)."""
    global _current
    _current = UiSettings(QtCore.QSettings(path, QtCore.QSettings.Format.IniFormat))
    return _current

"""The start-at-login entry on each platform (written into private directories)."""

from __future__ import annotations

import configparser
import plistlib
import sys
import types
from pathlib import Path

import pytest

from app import autostart

COMMAND = ["/opt/My Apps/allies", "--tray"]


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config" / "autostart" / "de.allies.Allies.desktop"


def test_xdg_entry_is_created_and_removed(xdg: Path) -> None:
    assert autostart.supported("linux")
    assert not autostart.is_enabled("linux")
    autostart.set_enabled(True, COMMAND, platform="linux")
    assert autostart.is_enabled("linux")
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(xdg, encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Exec"] == '"/opt/My Apps/allies" --tray'
    assert desktop["Icon"] == "allies"
    autostart.set_enabled(False, platform="linux")
    assert not xdg.exists()
    assert not autostart.is_enabled("linux")
    autostart.set_enabled(False, platform="linux")  # removing twice is fine


def test_a_hidden_xdg_entry_counts_as_disabled(xdg: Path) -> None:
    autostart.set_enabled(True, COMMAND, platform="linux")
    xdg.write_text(xdg.read_text("utf-8") + "Hidden=true\n", "utf-8")
    assert not autostart.is_enabled("linux")


def test_exec_quoting_follows_the_desktop_entry_spec() -> None:
    got = autostart._desktop_exec(["/usr/bin/allies", 'we"ird $x', "100%", "--tray"])
    assert got == '/usr/bin/allies "we\\"ird \\$x" 100%% --tray'


def test_default_command_starts_in_the_tray(xdg: Path) -> None:
    assert autostart.launch_command()[-1] == "--tray"
    autostart.set_enabled(True, platform="linux")
    assert "--tray" in xdg.read_text("utf-8")


def test_macos_launch_agent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    autostart.set_enabled(True, COMMAND, platform="darwin")
    assert autostart.is_enabled("darwin")
    plist = plistlib.loads(autostart.launch_agent_path().read_bytes())
    assert plist == {"Label": "de.allies.Allies", "ProgramArguments": COMMAND, "RunAtLoad": True}
    autostart.set_enabled(False, platform="darwin")
    assert not autostart.is_enabled("darwin")


class _FakeKey:
    def __enter__(self) -> _FakeKey:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def _fake_winreg(values: dict[str, str]) -> types.ModuleType:
    """Enough of ``winreg`` for the Run key, storing into ``values``."""
    module = types.ModuleType("winreg")
    module.HKEY_CURRENT_USER = object()  # type: ignore[attr-defined]
    module.REG_SZ = 1  # type: ignore[attr-defined]
    module.OpenKey = lambda root, path: _FakeKey()  # type: ignore[attr-defined]
    module.CreateKey = lambda root, path: _FakeKey()  # type: ignore[attr-defined]

    def query(key: object, name: str) -> tuple[str, int]:
        if name not in values:
            raise FileNotFoundError(name)
        return values[name], 1

    def delete(key: object, name: str) -> None:
        if name not in values:
            raise FileNotFoundError(name)
        del values[name]

    module.QueryValueEx = query  # type: ignore[attr-defined]
    module.SetValueEx = lambda key, name, reserved, kind, value: values.__setitem__(name, value)  # type: ignore[attr-defined]
    module.DeleteValue = delete  # type: ignore[attr-defined]
    return module


def test_windows_run_key(monkeypatch: pytest.MonkeyPatch) -> None:
    values: dict[str, str] = {}
    monkeypatch.setitem(sys.modules, "winreg", _fake_winreg(values))
    assert autostart.supported("win32")
    assert not autostart.is_enabled("win32")
    autostart.set_enabled(True, [r"C:\Program Files\Allies\allies.exe", "--tray"], "win32")
    assert values == {"Allies": r'"C:\Program Files\Allies\allies.exe" --tray'}
    assert autostart.is_enabled("win32")
    autostart.set_enabled(False, platform="win32")
    autostart.set_enabled(False, platform="win32")
    assert values == {}


def test_other_platforms_say_clearly_it_is_not_supported() -> None:
    assert not autostart.supported("sunos5")
    assert not autostart.is_enabled("sunos5")
    with pytest.raises(autostart.AutostartUnsupported) as info:
        autostart.set_enabled(True, COMMAND, platform="sunos5")
    assert info.value.platform == "sunos5"
    assert "not supported on sunos5" in str(info.value)

"""Find the files under ``resources/`` and turn icons into cached ``QIcon`` objects.

The same code runs from a source checkout, from an installed package and from a
PyInstaller bundle; only the folder that holds ``resources/`` differs between them.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from ui.qt import QtCore, QtGui

APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _candidate_roots() -> list[Path]:
    """Folders that may hold ``resources/``, most specific first."""
    roots = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        roots.append(Path(bundle) / "resources")
    roots.append(Path(__file__).resolve().parent.parent / "resources")
    roots.append(Path(sys.prefix) / "share" / "allies" / "resources")
    return roots


@cache
def resource_root() -> Path:
    """The ``resources/`` folder in use (the first candidate that holds the icons)."""
    candidates = _candidate_roots()
    for root in candidates:
        if (root / "icons").is_dir():
            return root
    tried = ", ".join(str(root) for root in candidates)
    raise FileNotFoundError(f"Allies resources not found (looked in {tried})")


def resource_path(*parts: str) -> Path:
    """The path of a file under ``resources/``, e.g. ``resource_path("icons", "allies.svg")``."""
    return resource_root().joinpath(*parts)


def icon_names() -> list[str]:
    """The names ``icon()`` accepts: the action icons shipped in ``resources/icons/actions``."""
    return sorted(path.stem for path in resource_path("icons", "actions").glob("*.svg"))


@cache
def icon(name: str) -> QtGui.QIcon:
    """The action icon ``resources/icons/actions/<name>.svg``.

    A missing name is a programming error and raises, so a typo is caught by the first
    test or run that opens the view instead of showing an empty button.
    """
    path = resource_path("icons", "actions", f"{name}.svg")
    if not path.is_file():
        raise FileNotFoundError(f"no action icon named {name!r} ({path})")
    return QtGui.QIcon(str(path))


@cache
def app_icon() -> QtGui.QIcon:
    """The application icon, from the PNGs pre-rendered at each size (crisp at 16 px)."""
    result = QtGui.QIcon()
    for size in APP_ICON_SIZES:
        png = resource_path("icons", "hicolor", f"{size}x{size}", "apps", "allies.png")
        if png.is_file():
            result.addFile(str(png), QtCore.QSize(size, size))
    if result.isNull():
        result.addFile(str(resource_path("icons", "allies.svg")))
    return result

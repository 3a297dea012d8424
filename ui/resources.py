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


def is_dark(palette: QtGui.QPalette) -> bool:
    """True for a dark colour scheme: light text on a dark window."""
    role = QtGui.QPalette.ColorRole
    return palette.color(role.WindowText).lightness() > palette.color(role.Window).lightness()


class _PaletteIconEngine(QtGui.QIconEngine):
    """Draws a one-colour action icon so it reads on any palette.

    The SVGs are drawn in a muted slate (#5f6b7a) meant for light backgrounds. On a dark
    palette the icon takes the palette's button text colour (dimmed when disabled), on a
    selected item the highlighted text colour; otherwise it is drawn as designed. The
    colour is looked up at paint time, so a theme switch while running is followed.
    """

    def __init__(self, path: str) -> None:
        super().__init__()
        self._path = path
        self._source = QtGui.QIcon(path)
        self._cache: dict[tuple[int, int, int, int, int], QtGui.QPixmap] = {}

    def clone(self) -> QtGui.QIconEngine:
        return _PaletteIconEngine(self._path)

    def key(self) -> str:
        return "allies-palette-svg"

    def actualSize(  # noqa: N802
        self, size: QtCore.QSize, mode: QtGui.QIcon.Mode, state: QtGui.QIcon.State
    ) -> QtCore.QSize:
        return self._source.actualSize(size, mode, state)

    def availableSizes(  # noqa: N802
        self,
        mode: QtGui.QIcon.Mode = QtGui.QIcon.Mode.Normal,
        state: QtGui.QIcon.State = QtGui.QIcon.State.Off,
    ) -> list[QtCore.QSize]:
        return self._source.availableSizes(mode, state)

    @staticmethod
    def _tint(mode: QtGui.QIcon.Mode) -> QtGui.QColor | None:
        palette = QtGui.QGuiApplication.palette()
        role, group = QtGui.QPalette.ColorRole, QtGui.QPalette.ColorGroup
        if mode == QtGui.QIcon.Mode.Selected:
            return palette.color(group.Active, role.HighlightedText)
        if not is_dark(palette):
            return None
        if mode == QtGui.QIcon.Mode.Disabled:
            return palette.color(group.Disabled, role.ButtonText)
        return palette.color(group.Active, role.ButtonText)

    def scaledPixmap(  # noqa: N802
        self,
        size: QtCore.QSize,
        mode: QtGui.QIcon.Mode,
        state: QtGui.QIcon.State,
        scale: float,
    ) -> QtGui.QPixmap:
        tint = self._tint(mode)
        if tint is None:
            return self._source.pixmap(size, scale, mode, state)
        key = (size.width(), size.height(), round(scale * 100), int(mode.value), tint.rgba())
        cached = self._cache.get(key)
        if cached is None:
            pixmap = self._source.pixmap(size, scale, QtGui.QIcon.Mode.Normal, state)
            painter = QtGui.QPainter(pixmap)
            painter.setCompositionMode(QtGui.QPainter.CompositionMode.CompositionMode_SourceIn)
            painter.fillRect(pixmap.rect(), tint)
            painter.end()
            cached = self._cache[key] = pixmap
        return cached

    def pixmap(
        self, size: QtCore.QSize, mode: QtGui.QIcon.Mode, state: QtGui.QIcon.State
    ) -> QtGui.QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def paint(
        self,
        painter: QtGui.QPainter,
        rect: QtCore.QRect,
        mode: QtGui.QIcon.Mode,
        state: QtGui.QIcon.State,
    ) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))


@cache
def icon(name: str) -> QtGui.QIcon:
    """The action icon ``resources/icons/actions/<name>.svg``, drawn to suit the palette
    (see :class:`_PaletteIconEngine`).

    A missing name is a programming error and raises, so a typo is caught by the first
    test or run that opens the view instead of showing an empty button.
    """
    path = resource_path("icons", "actions", f"{name}.svg")
    if not path.is_file():
        raise FileNotFoundError(f"no action icon named {name!r} ({path})")
    return QtGui.QIcon(_PaletteIconEngine(str(path)))


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


def badge_pixmap(base: QtGui.QIcon, count: int, size: int = 64) -> QtGui.QPixmap:
    """The app icon with ``count`` in a red disc at its lower right (nothing when 0)."""
    pixmap = QtGui.QPixmap(size, size)
    pixmap.fill(QtCore.Qt.GlobalColor.transparent)
    painter = QtGui.QPainter(pixmap)
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
    if base.isNull():
        painter.setPen(QtCore.Qt.PenStyle.NoPen)
        painter.setBrush(QtGui.QColor("#2e6bc6"))
        painter.drawEllipse(QtCore.QRectF(4, 4, size - 8, size - 8))
    else:
        base.paint(painter, QtCore.QRect(0, 0, size, size))
    if count > 0:
        text = str(count) if count < 100 else "99+"
        disc = size * (0.62 if len(text) < 3 else 0.72)
        rect = QtCore.QRectF(size - disc, size - disc, disc, disc)
        painter.setPen(QtGui.QPen(QtGui.QColor("white"), size / 32))
        painter.setBrush(QtGui.QColor("#d32f2f"))
        painter.drawEllipse(rect.adjusted(1, 1, -1, -1))
        font = QtGui.QFont()
        font.setBold(True)
        font.setPixelSize(
            int(disc * (0.62 if len(text) == 1 else 0.48 if len(text) == 2 else 0.36))
        )
        painter.setFont(font)
        painter.drawText(rect, QtCore.Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return pixmap

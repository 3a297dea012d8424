"""Paint a Python-backed item view in one hold of the GIL, and only when its look changes.

Qt paints an item view from C++ and calls into Python for every cell: the delegate's
``paint``, the model's ``flags`` and a dozen ``data`` roles. Each call from C++ takes the
GIL afresh; while a worker runs Python (parsing an import, building a search result), each
take waits about the switch interval, and a list of a hundred cells made hundreds of them:
one repaint stalled the GUI thread for 100–160 ms (measured with a busy worker; 16 ms
idle). A ``paintEvent`` written in Python takes the GIL once: the calls made inside it find
it held. The worker still gets its turns (the switch interval), so the paint costs about
twice its idle time instead of ten times.

Qt's item views also repaint their whole viewport each time their window is activated or
deactivated (``QAbstractItemView::viewportEvent``), whatever the palette: opening the
import preview over the main window repainted the contact list once more (20–30 ms of the
GUI thread, while the preview's worker starts). When the view's palette has the same
colours for active and inactive windows that repaint draws the very same pixels, so it is
left out; a palette that greys an inactive selection still gets it. Likewise a view that
had the keyboard focus repainted its whole viewport as its window lost it
(``QAbstractItemView::focusOutEvent``), where only the current row's focus frame goes:
then only that row is repainted.

Put :class:`PaintsInOneHold` first among the bases of a view, header or list.

A view the window builds ahead of its first switch (``MainWindow.prepare_views``) lays
itself out and paints once while hidden with :func:`paint_ahead`: the widgets' first paint
(styles, icons, glyphs, the first text layouts) is then done in small turns while the
window is idle, and the switch only shows it.
"""

from __future__ import annotations

from ui.qt import Qt, QtCore, QtGui, QtWidgets

_ACTIVATION = (QtCore.QEvent.Type.WindowActivate, QtCore.QEvent.Type.WindowDeactivate)
_ACTIVE = QtGui.QPalette.ColorGroup.Active
_INACTIVE = QtGui.QPalette.ColorGroup.Inactive


class PaintsInOneHold:
    """Mixin: the widget's ``paintEvent`` runs in Python, so Qt's calls back into the
    model and the delegate during one paint do not each wait for the GIL; activating or
    deactivating the window repaints it only where that changes its look."""

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)  # type: ignore[misc]

    def viewportEvent(self, event: QtCore.QEvent) -> bool:  # noqa: N802
        if event.type() in _ACTIVATION and looks_the_same_inactive(self.palette()):  # type: ignore[attr-defined]
            return False  # the viewport's own handling (its children) goes on, no repaint
        return super().viewportEvent(event)  # type: ignore[misc]

    def focusOutEvent(self, event: QtGui.QFocusEvent) -> None:  # noqa: N802
        view: QtWidgets.QAbstractItemView = self  # type: ignore[assignment]
        if event.reason() != Qt.FocusReason.ActiveWindowFocusReason or not (
            looks_the_same_inactive(view.palette())
        ):
            super().focusOutEvent(event)  # type: ignore[misc]
            return
        # The item view's own handler is skipped (it updates the whole viewport); the
        # scroll area's below it still runs.
        QtWidgets.QAbstractScrollArea.focusOutEvent(view, event)
        current = view.visualRect(view.currentIndex())
        if current.isValid():
            viewport = view.viewport()
            viewport.update(QtCore.QRect(0, current.y(), viewport.width(), current.height()))


def looks_the_same_inactive(palette: QtGui.QPalette) -> bool:
    """True when a window's widgets look the same whether it is active or not."""
    return palette.isEqual(_ACTIVE, _INACTIVE)


PAINT_AHEAD_STRIP = 120  # pixels of a tall part painted ahead in one turn


def paint_ahead(view: QtWidgets.QWidget, size: QtCore.QSize) -> None:
    """Lay a hidden ``view`` out at ``size`` (about what it will have when shown) and paint
    each of its visible direct children once into an image, a piece per turn of the event
    loop, so the GUI thread paints and reacts in between: a tall child (a list of entries,
    20-30 ms to paint whole the first time) in strips of :data:`PAINT_AHEAD_STRIP` pixels.
    Stops when the view is shown meanwhile (it is painted anyway then)."""
    if view.isVisible():
        return
    view.resize(size)
    layout = view.layout()
    if layout is not None:
        layout.activate()
    direct = QtCore.Qt.FindChildOption.FindDirectChildrenOnly
    pieces = []
    for child in view.findChildren(QtWidgets.QWidget, options=direct):
        if not child.isVisibleTo(view):
            continue
        width, height = child.width(), child.height()
        for top in range(0, max(height, 1), PAINT_AHEAD_STRIP):
            pieces.append((child, QtCore.QRect(0, top, width, PAINT_AHEAD_STRIP)))
    _paint_next(view, pieces)


def _paint_next(
    view: QtWidgets.QWidget, pieces: list[tuple[QtWidgets.QWidget, QtCore.QRect]]
) -> None:
    if not pieces or view.isVisible():
        return
    widget, strip = pieces.pop(0)
    image = QtGui.QImage(
        strip.size().expandedTo(QtCore.QSize(1, 1)),
        QtGui.QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(Qt.GlobalColor.transparent)
    widget.render(image, QtCore.QPoint(), QtGui.QRegion(strip))
    QtCore.QTimer.singleShot(0, view, lambda: _paint_next(view, pieces))

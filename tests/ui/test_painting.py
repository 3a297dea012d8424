"""ui/painting.py: a Python-backed view is not repainted when its window is activated or
deactivated (opening a dialog over the main window) unless that changes its colours."""

from __future__ import annotations

from ui.painting import PaintsInOneHold, looks_the_same_inactive
from ui.qt import Qt, QtCore, QtGui, QtWidgets

GROUP = QtGui.QPalette.ColorGroup
ROLE = QtGui.QPalette.ColorRole


class View(PaintsInOneHold, QtWidgets.QTableView):
    """An item view with the mixin first among its bases, as the app's views have it."""


class PaintCounter(QtCore.QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0
        self.rects: list[QtCore.QRect] = []

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802
        if event.type() == QtCore.QEvent.Type.Paint:
            assert isinstance(event, QtGui.QPaintEvent)
            self.paints += 1
            self.rects.append(event.rect())
        return False


def _shown_view(qtbot, palette: QtGui.QPalette) -> tuple[QtWidgets.QWidget, PaintCounter]:  # type: ignore[no-untyped-def]
    window = QtWidgets.QWidget()
    qtbot.addWidget(window)
    window.setPalette(palette)
    view = View(window)
    model = QtGui.QStandardItemModel(30, 3, window)
    for row in range(30):
        model.setItem(row, 0, QtGui.QStandardItem(f"row {row}"))
    view.setModel(model)
    view.selectRow(2)
    view.resize(300, 300)
    window.resize(320, 320)
    window.show()
    qtbot.waitExposed(window)
    counter = PaintCounter()
    view.viewport().installEventFilter(counter)
    QtWidgets.QApplication.processEvents()
    counter.paints = 0
    return window, counter


def _toggle_activation(window: QtWidgets.QWidget) -> None:
    for kind in (QtCore.QEvent.Type.WindowDeactivate, QtCore.QEvent.Type.WindowActivate):
        QtWidgets.QApplication.sendEvent(window, QtCore.QEvent(kind))
        QtWidgets.QApplication.processEvents()


def test_activation_does_not_repaint_a_view_that_looks_the_same(qtbot) -> None:  # type: ignore[no-untyped-def]
    palette = QtGui.QPalette(QtWidgets.QApplication.palette())
    for role in (ROLE.Highlight, ROLE.HighlightedText, ROLE.Text, ROLE.Base):
        palette.setColor(GROUP.Inactive, role, palette.color(GROUP.Active, role))
    assert looks_the_same_inactive(palette)
    window, counter = _shown_view(qtbot, palette)
    _toggle_activation(window)
    assert counter.paints == 0


def test_activation_repaints_a_view_whose_inactive_selection_differs(qtbot) -> None:  # type: ignore[no-untyped-def]
    palette = QtGui.QPalette(QtWidgets.QApplication.palette())
    palette.setColor(GROUP.Inactive, ROLE.Highlight, QtGui.QColor("#808080"))
    assert not looks_the_same_inactive(palette)
    window, counter = _shown_view(qtbot, palette)
    _toggle_activation(window)
    assert counter.paints >= 1


def test_losing_the_window_repaints_only_the_current_row(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A view with the keyboard focus whose window is deactivated (a dialog opens over
    it) repaints the current row, whose focus frame goes, not its whole viewport."""
    palette = QtGui.QPalette(QtWidgets.QApplication.palette())
    for role in (ROLE.Highlight, ROLE.HighlightedText, ROLE.Text, ROLE.Base):
        palette.setColor(GROUP.Inactive, role, palette.color(GROUP.Active, role))
    window, counter = _shown_view(qtbot, palette)
    view = window.findChild(View)
    view.setCurrentIndex(view.model().index(2, 0))
    QtWidgets.QApplication.processEvents()
    counter.paints = 0
    counter.rects.clear()
    out = QtGui.QFocusEvent(QtCore.QEvent.Type.FocusOut, Qt.FocusReason.ActiveWindowFocusReason)
    QtWidgets.QApplication.sendEvent(view, out)
    QtWidgets.QApplication.processEvents()
    row = view.visualRect(view.currentIndex())
    assert counter.paints >= 1
    assert all(r.height() <= row.height() and r.top() >= row.top() - 1 for r in counter.rects), (
        counter.rects
    )

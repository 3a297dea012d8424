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


class Part(QtWidgets.QLabel):
    """A part of a view that counts how often it was painted ahead (rendered)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.renders = 0

    def render(self, *args: object) -> None:
        self.renders += 1
        super().render(*args)


def test_paint_ahead_lays_a_hidden_view_out_and_paints_a_part_per_turn(qtbot) -> None:  # type: ignore[no-untyped-def]
    """``paint_ahead``: a hidden view takes the size it will have and each visible part
    paints once, in its own turn of the event loop; a part hidden stays unpainted, and a
    view shown meanwhile stops (it paints as it is shown)."""
    from ui.painting import paint_ahead

    view = QtWidgets.QWidget()
    qtbot.addWidget(view)
    layout = QtWidgets.QVBoxLayout(view)
    parts = [Part(f"part {n}") for n in range(3)]
    for part in parts:
        layout.addWidget(part)
    parts[2].hide()
    paint_ahead(view, QtCore.QSize(300, 200))
    assert view.size() == QtCore.QSize(300, 200) and parts[0].width() > 0
    assert [p.renders for p in parts] == [1, 0, 0]  # the first now, the next a turn later
    qtbot.waitUntil(lambda: parts[1].renders == 1)
    qtbot.wait(20)
    assert [p.renders for p in parts] == [1, 1, 0] and not view.isVisible()

    shown_meanwhile = QtWidgets.QWidget()
    qtbot.addWidget(shown_meanwhile)
    later = [Part("a"), Part("b")]
    column = QtWidgets.QVBoxLayout(shown_meanwhile)
    for part in later:
        column.addWidget(part)
    paint_ahead(shown_meanwhile, QtCore.QSize(200, 100))
    shown_meanwhile.show()
    qtbot.waitExposed(shown_meanwhile)
    qtbot.wait(20)
    assert [p.renders for p in later] == [1, 0]  # shown before its turn: painted as shown

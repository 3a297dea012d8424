"""The network drawn a slice at a time between events (as in the app): the picture is
the one drawn at once, the view answers meanwhile, and nothing half drawn is shown or saved.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ui.network import canvas as canvas_module
from ui.network.view import NetworkView
from ui.qt import QtCore, QtGui, QtWidgets

# Showing and hiding the busy bar changes a shown top-level's size hints; the offscreen
# platform says it cannot (real desktops can).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def crowd(db) -> None:  # type: ignore[no-untyped-def]
    """A demo network of 300: enough edges and nodes for a frame of many steps."""
    from app.demo import create_demo

    create_demo(300)


@pytest.fixture
def view(qtbot, selection, crowd, monkeypatch) -> NetworkView:  # type: ignore[no-untyped-def]
    """The network view drawing in slices of one step each (many turns a frame)."""
    monkeypatch.setattr(canvas_module, "FRAME_SLICE_S", 0.0)
    widget = NetworkView(selection, undo_stack=QtGui.QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.fit()
    widget.canvas.progressive = True
    return widget


def _pixels(image: QtGui.QImage) -> np.ndarray:
    image = image.convertToFormat(QtGui.QImage.Format.Format_RGBA8888)
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    rows = data.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4]
    return rows.reshape(image.height(), image.width(), 4).astype(int)


def _canvas_pixels(view: NetworkView) -> np.ndarray:
    return _pixels(view.canvas.grab().toImage())


def _turns(qtbot, view: NetworkView) -> int:  # type: ignore[no-untyped-def]
    """Let the frame being drawn finish; how many turns of the event loop it took."""
    turns = []
    view.canvas._frame_timer.timeout.connect(lambda: turns.append(1))
    qtbot.waitUntil(lambda: not view.canvas.frame_pending)
    return len(turns)


def test_a_frame_drawn_in_slices_is_the_picture_drawn_at_once(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    view.zoom_in()
    view.canvas.viewport().repaint()
    assert view.canvas.frame_pending  # started, not drawn at once
    assert _turns(qtbot, view) > 3
    sliced = _canvas_pixels(view)
    assert view.canvas.drawn_nodes > 100 and view.canvas.drawn_edges > 100
    # The same view drawn at once, as tests and screenshots do.
    view.canvas.progressive = False
    view.canvas._changed()
    whole = _canvas_pixels(view)
    assert sliced.shape == whole.shape
    # Edges drawn as several paths may differ where two cross: a loose comparison.
    differs = np.abs(sliced - whole).max(axis=2) > 48
    assert differs.mean() < 0.01
    assert np.abs(sliced - whole).mean() < 1.0
    background = np.abs(sliced - sliced[0, 0]).max(axis=2) > 48
    assert background.mean() > 0.02  # and there is a picture to compare


def test_the_last_frame_moves_with_the_view_until_the_next_is_drawn(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    view.canvas.viewport().repaint()
    _turns(qtbot, view)
    before = _canvas_pixels(view)
    view.canvas.translate_by(-30.0, 0.0)  # the picture moves right on screen
    moved = _canvas_pixels(view)
    assert view.canvas.frame_pending
    # Not blank meanwhile: the old frame, shifted, while the new one is drawn.
    shift = round(30.0 / view.canvas.pixel_size())
    assert 0 < shift < before.shape[1] // 2
    width = before.shape[1]
    middle = slice(before.shape[0] // 4, 3 * before.shape[0] // 4)
    same = np.abs(moved[middle, shift + 40 : width - 40] - before[middle, 40 : width - 40 - shift])
    assert (same.max(axis=2) > 48).mean() < 0.05
    _turns(qtbot, view)
    assert not view.canvas.frame_pending


def test_a_click_is_answered_while_a_frame_is_drawn(qtbot, view, selection) -> None:  # type: ignore[no-untyped-def]
    view.canvas.viewport().repaint()
    _turns(qtbot, view)
    graph = view.picture.graph
    strongest = int(np.argmax(np.where(graph.ids > 0, graph.strength, -1)))
    view.zoom_out()
    view.canvas.viewport().repaint()
    assert view.canvas.frame_pending
    pending_at_click: list[bool] = []
    selection.current_changed.connect(lambda _: pending_at_click.append(view.canvas.frame_pending))
    x, y = view.canvas.positions[strongest]
    point = view.canvas.map_to_viewport(float(x), float(y)).toPoint()
    viewport = view.canvas.viewport()
    for kind, buttons in (
        (QtCore.QEvent.Type.MouseButtonPress, QtCore.Qt.MouseButton.LeftButton),
        (QtCore.QEvent.Type.MouseButtonRelease, QtCore.Qt.MouseButton.NoButton),
    ):
        event = QtGui.QMouseEvent(
            kind,
            QtCore.QPointF(point),
            QtCore.QPointF(viewport.mapToGlobal(point)),
            QtCore.Qt.MouseButton.LeftButton,
            buttons,
            QtCore.Qt.KeyboardModifier.NoModifier,
        )
        QtWidgets.QApplication.postEvent(viewport, event)
    qtbot.waitUntil(lambda: bool(pending_at_click))
    assert selection.current == int(graph.ids[strongest])
    assert pending_at_click == [True]  # answered between two slices of the frame
    _turns(qtbot, view)


def test_picture_ready_comes_when_the_first_frame_is_drawn(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    ready: list[bool] = []
    view.picture_ready.connect(lambda: ready.append(view.canvas.frame_pending))
    view.refresh()  # inline ops: the new graph is applied at once, its frame follows
    assert not ready and view.busy_bar.isVisible()
    view.canvas.viewport().repaint()
    qtbot.waitUntil(lambda: bool(ready))
    assert ready == [False] and not view.busy_bar.isVisible()


def test_export_and_screenshot_never_save_a_half_drawn_frame(qtbot, view, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view.zoom_in()
    view.canvas.viewport().repaint()
    assert view.canvas.frame_pending
    path = view.export_png(str(tmp_path / "network.png"))
    assert path is not None and not view.canvas.frame_pending
    saved = _pixels(QtGui.QImage(path))
    view.canvas.progressive = False
    view.canvas._changed()
    whole = _pixels(view.picture_box.grab().toImage())
    assert (np.abs(saved - whole).max(axis=2) > 48).mean() < 0.01


def test_with_a_real_worker_the_graph_is_read_after_the_switch_is_painted(  # type: ignore[no-untyped-def]
    qtbot, selection, crowd
) -> None:
    """As in the app: nothing is read before the window has painted the new view (a
    worker reading meanwhile slowed that paint down); the first frame is drawn in slices
    and only then is the picture ready."""
    from ui import ops as ops_module

    ops_module.reset_runner()  # a real worker thread
    try:
        widget = NetworkView(selection, undo_stack=QtGui.QUndoStack())
        qtbot.addWidget(widget)
        widget._layout_process_started = True  # the layout process is another test's
        assert widget.canvas.progressive
        assert widget._generation == 0  # nothing asked of the worker yet
        widget.resize(900, 700)
        ready: list[bool] = []
        widget.picture_ready.connect(lambda: ready.append(widget.canvas.frame_pending))
        with qtbot.waitSignal(widget.picture_ready, timeout=30000):
            widget.show()
        assert ready == [False] and widget.picture is not None
        assert widget.canvas.drawn_nodes > 100 and not widget.busy_bar.isVisible()
    finally:
        ops_module.ops().wait_idle()
        ops_module.use_inline_executor()


def test_a_frame_waits_while_the_view_is_hidden_and_goes_on_when_shown(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    """Switched to another view mid-frame: no drawing for a picture nobody sees; shown
    again, the frame is finished."""
    view.zoom_in()
    view.canvas.viewport().repaint()
    assert view.canvas.frame_pending
    view.hide()
    turns: list[int] = []
    view.canvas._frame_timer.timeout.connect(lambda: turns.append(1))
    qtbot.wait(100)
    assert len(turns) <= 1 and view.canvas.frame_pending  # one turn noticed it, then none
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: not view.canvas.frame_pending)


def test_a_view_built_ahead_while_idle_reads_nothing_until_it_is_shown(  # type: ignore[no-untyped-def]
    qtbot, selection, crowd, monkeypatch
) -> None:
    """The window builds the network view ahead of its first switch and lets it paint once
    hidden (:meth:`NetworkView.prepare`): no graph is read for a view nobody looks at (only
    the pages its first read will scan are asked of the kernel); shown, it reads and draws
    it."""
    from app import network
    from ui import ops as ops_module

    asked: list[int] = []
    monkeypatch.setattr(network, "prefetch_pages", lambda: asked.append(1) or 0)
    ops_module.reset_runner()  # a real worker thread
    try:
        widget = NetworkView(selection, undo_stack=QtGui.QUndoStack())
        qtbot.addWidget(widget)
        widget._layout_process_started = True  # the layout process is another test's
        widget.prepare(QtCore.QSize(900, 700))
        assert widget.size() == QtCore.QSize(900, 700) and not widget.isVisible()
        qtbot.waitUntil(lambda: bool(asked))
        qtbot.wait(50)
        assert widget._generation == 0 and widget.picture is None and asked == [1]
        assert widget.busy_bar.isVisibleTo(widget)  # busy until its first picture
        with qtbot.waitSignal(widget.picture_ready, timeout=30000):
            widget.show()
        assert widget.canvas.drawn_nodes > 100 and not widget.busy_bar.isVisible()
    finally:
        ops_module.ops().wait_idle()
        ops_module.use_inline_executor()

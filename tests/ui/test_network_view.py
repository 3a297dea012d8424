"""The network view driven like a person: click, drag to link, path to, filters, export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from app import settings
from app.contacts import ContactInput, create_contact
from app.models import Relationship
from app.network import EDGE_KINDS
from app.relationships import add_relationship
from app.timeline import InteractionInput, log_interaction
from ui.network.chooser import PeopleModel
from ui.network.relationships_section import RelationshipsSection
from ui.network.view import NetworkView
from ui.ops import ops
from ui.qt import QtCore, QtGui, QtWidgets

TODAY = dt.date.today()

# Showing and hiding the busy bar changes a shown top-level's size hints, and the completion
# popup raises and grabs; the offscreen platform says it cannot (real desktops can).
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|grabbing|propagateSizeHints)"
)


def _contact(name: str, **kw: object) -> int:
    cid, _ = create_contact(ContactInput(formatted_name=name, **kw))  # type: ignore[arg-type]
    return cid


@pytest.fixture
def people(db) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Anna (strong, reports to Frank), Bob, Dora and Eve met; Carl only through Bob."""
    settings.set_value("user_name", "Me Myself")
    ids = {
        "anna": _contact("Anna Müller", organization="Acme", level="above", circle="work"),
        "bob": _contact("Bob Stone", organization="Acme", level="peer", circle="work"),
        "carl": _contact("Carl Frei", organization="Beta", level="external", tags=["vip"]),
        "dora": _contact("Dora Lind", level="below", circle="university"),
        "eve": _contact("Eve Kurz", organization="Beta", level="peer"),
        "frank": _contact("Frank Ober", organization="Acme", level="above", circle="work"),
    }
    for days in (2, 9, 16):
        log_interaction(InteractionInput([ids["anna"]], occurred_on=TODAY - dt.timedelta(days)))
    log_interaction(InteractionInput([ids["bob"], ids["eve"]], occurred_on=TODAY))
    log_interaction(InteractionInput([ids["dora"]], occurred_on=TODAY - dt.timedelta(200)))
    add_relationship(ids["carl"], ids["bob"], "introduced-by")
    add_relationship(ids["anna"], ids["frank"], "reports-to")
    return ids


@pytest.fixture
def view(qtbot, selection, people) -> NetworkView:  # type: ignore[no-untyped-def]
    widget = NetworkView(selection, undo_stack=QtGui.QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(1000, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.fit()
    widget.update_labels()
    return widget


def _viewport_point(view: NetworkView, contact_id: int) -> QtCore.QPoint:
    assert view.picture is not None
    index = view.picture.graph.index_of(contact_id)
    x, y = view.canvas.positions[index]
    return view.canvas.map_to_viewport(float(x), float(y)).toPoint()


def _send_mouse(
    widget: QtWidgets.QWidget,
    kind: QtCore.QEvent.Type,
    pos: QtCore.QPoint,
    buttons: QtCore.Qt.MouseButton,
    modifiers: QtCore.Qt.KeyboardModifier = QtCore.Qt.KeyboardModifier.NoModifier,
) -> None:
    """A mouse event with the button held (QTest's mouseMove cannot hold one)."""
    local = QtCore.QPointF(pos)
    event = QtGui.QMouseEvent(
        kind,
        local,
        QtCore.QPointF(widget.mapToGlobal(pos)),
        QtCore.Qt.MouseButton.LeftButton,
        buttons,
        modifiers,
    )
    QtWidgets.QApplication.sendEvent(widget, event)


def _drag(
    view: NetworkView,
    start: QtCore.QPoint,
    end: QtCore.QPoint,
    modifiers: QtCore.Qt.KeyboardModifier = QtCore.Qt.KeyboardModifier.NoModifier,
) -> None:
    viewport = view.canvas.viewport()
    held = QtCore.Qt.MouseButton.LeftButton
    _send_mouse(viewport, QtCore.QEvent.Type.MouseButtonPress, start, held, modifiers)
    for step in range(1, 6):
        point = start + (end - start) * (step / 5)
        _send_mouse(viewport, QtCore.QEvent.Type.MouseMove, point, held, modifiers)
    _send_mouse(
        viewport,
        QtCore.QEvent.Type.MouseButtonRelease,
        end,
        QtCore.Qt.MouseButton.NoButton,
        modifiers,
    )


def test_view_shows_everyone_with_the_user_in_the_centre(view, people) -> None:  # type: ignore[no-untyped-def]
    graph = view.picture.graph
    assert graph.node_count == len(people) + 1
    assert np.allclose(view.canvas.positions[0], 0.0)
    assert view.canvas.edge_count() == graph.edge_count
    assert "Anna Müller" in view.canvas.visible_labels.values()
    assert not view.busy_bar.isVisible()


def test_clicking_a_node_selects_the_contact_everywhere(qtbot, view, selection, people) -> None:  # type: ignore[no-untyped-def]
    section = RelationshipsSection(selection, undo_stack=QtGui.QUndoStack())
    qtbot.addWidget(section)
    selection.current_changed.connect(section.set_contact)  # as the main window wires it
    centre_before = view.canvas.view_rect().center()
    with qtbot.waitSignal(selection.current_changed):
        qtbot.mouseClick(
            view.canvas.viewport(),
            QtCore.Qt.MouseButton.LeftButton,
            pos=_viewport_point(view, people["anna"]),
        )
    assert selection.current == people["anna"]
    assert selection.selected == [people["anna"]]
    assert view.canvas.selected == view.picture.graph.index_of(people["anna"])
    relation, person = (section.model.data(section.model.index(0, c)) for c in (0, 1))
    assert (relation, person) == ("Reports to", "Frank Ober")
    # A click in the network does not pan it away from under the mouse.
    assert view.canvas.view_rect().center() == centre_before


def test_selecting_in_the_list_centres_and_highlights_the_node(view, selection, people) -> None:  # type: ignore[no-untyped-def]
    selection.set_current(people["frank"])
    index = view.picture.graph.index_of(people["frank"])
    assert view.canvas.selected == index
    centre = view.canvas.view_rect().center()
    x, y = view.canvas.positions[index]
    assert centre.x() == pytest.approx(x, abs=1e-6)
    assert centre.y() == pytest.approx(y, abs=1e-6)
    view.update_labels()
    assert "Frank Ober" in view.canvas.visible_labels.values()


def test_shift_drag_between_nodes_adds_a_relationship_and_its_edge(qtbot, view, people) -> None:  # type: ignore[no-untyped-def]
    before = view.canvas.edge_count()
    _drag(
        view,
        _viewport_point(view, people["dora"]),
        _viewport_point(view, people["eve"]),
        QtCore.Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = view.link_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findText("mentor of"))
    qtbot.keyClicks(dialog.note_edit, "thesis")
    with qtbot.waitSignal(view.picture_ready):
        qtbot.mouseClick(
            dialog.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok),
            QtCore.Qt.MouseButton.LeftButton,
        )
    rel = Relationship.get(Relationship.type == "mentor-of")
    assert (rel.source_id, rel.target_id, rel.note) == (people["dora"], people["eve"], "thesis")
    assert view.canvas.edge_count() == before + 1
    graph = view.picture.graph
    added = graph.edges[graph.edge_kind == EDGE_KINDS.index("mentor-of")]
    assert added.tolist() == [[graph.index_of(people["dora"]), graph.index_of(people["eve"])]]
    assert view.undo_stack.undoText() == "Add relationship"
    with qtbot.waitSignal(view.picture_ready):
        view.undo_stack.undo()
    assert Relationship.get_or_none(Relationship.type == "mentor-of") is None
    assert view.canvas.edge_count() == before
    with qtbot.waitSignal(view.picture_ready):
        view.undo_stack.redo()
    assert Relationship.get(Relationship.type == "mentor-of").id == rel.id
    assert view.canvas.edge_count() == before + 1


def test_link_mode_drag_and_a_cancelled_dialog(qtbot, view, people) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(view.link_button, QtCore.Qt.MouseButton.LeftButton)
    assert view.canvas.link_mode
    before = view.canvas.edge_count()
    _drag(view, _viewport_point(view, people["frank"]), _viewport_point(view, people["dora"]))
    assert view.link_dialog is not None
    view.link_dialog.reject()
    assert view.canvas.edge_count() == before
    assert Relationship.select().count() == 2
    # A drag that ends on empty canvas asks nothing.
    _drag(view, _viewport_point(view, people["frank"]), QtCore.QPoint(5, 700))
    assert view.link_dialog is None


def test_plain_drag_pans_instead_of_linking(view, people) -> None:  # type: ignore[no-untyped-def]
    before = view.canvas.view_rect().center()
    _drag(view, _viewport_point(view, people["frank"]), _viewport_point(view, people["dora"]))
    assert view.link_dialog is None
    assert view.canvas.view_rect().center() != before


def test_path_to_a_second_degree_contact_highlights_the_introducer(qtbot, view, people) -> None:  # type: ignore[no-untyped-def]
    graph = view.picture.graph
    qtbot.keyClicks(view.path_chooser, "Carl")
    assert view.path_chooser.model.people == [(people["carl"], "Carl Frei")]
    qtbot.keyClick(view.path_chooser, QtCore.Qt.Key.Key_Return)
    bob, carl = graph.index_of(people["bob"]), graph.index_of(people["carl"])
    assert view.path == [0, people["bob"], people["carl"]]
    assert view.canvas.path_nodes.tolist() == [0, bob, carl]
    highlighted = {tuple(sorted(graph.edges[e])) for e in view.canvas.path_edges}
    assert highlighted == {(0, bob), tuple(sorted((bob, carl)))}
    assert view.message.text() == "Ask Bob Stone to introduce you to Carl Frei."
    assert "Bob Stone" in view.canvas.visible_labels.values()
    view.path_chooser.clear()
    qtbot.keyClicks(view.path_chooser, "a")  # edit, then empty it: the path goes away
    qtbot.keyClick(view.path_chooser, QtCore.Qt.Key.Key_Backspace)
    assert len(view.canvas.path_nodes) == 0
    assert not view.message.isVisible()


def test_path_messages_for_direct_and_unreachable_people(view, people) -> None:  # type: ignore[no-untyped-def]
    view.show_path(people["anna"])
    assert view.message.text() == "You know Anna Müller directly."
    view.level_combo.setCurrentIndex(view.level_combo.findData("external"))
    assert view.picture.flt.level == "external"
    view.path_chooser.setText("Anna Müller")
    view.show_path(people["anna"])
    assert view.message.text() == (
        "Anna Müller is not in the network shown (archived or filtered out)."
    )


def test_filters_by_level_circle_and_tag(view, people) -> None:  # type: ignore[no-untyped-def]
    view.level_combo.setCurrentIndex(view.level_combo.findData("above"))
    assert set(view.picture.graph.ids.tolist()) == {0, people["anna"], people["frank"]}
    view.level_combo.setCurrentIndex(0)
    view.circle_combo.setCurrentIndex(view.circle_combo.findData("university"))
    assert set(view.picture.graph.ids.tolist()) == {0, people["dora"]}
    view.circle_combo.setCurrentIndex(0)
    view.tag_combo.setCurrentIndex(view.tag_combo.findData("vip"))
    assert set(view.picture.graph.ids.tolist()) == {0, people["carl"]}
    assert view.canvas.edge_count() == 1


def test_layout_switcher_redraws_with_the_force_layout(view) -> None:  # type: ignore[no-untyped-def]
    rings = view.canvas.positions.copy()
    view.layout_combo.setCurrentIndex(view.layout_combo.findData("force"))
    assert view.picture.layout == "force"
    assert np.allclose(view.canvas.positions[0], 0.0)
    assert not np.allclose(view.canvas.positions, rings)


def test_layout_runs_off_the_gui_thread_and_newest_request_wins(monkeypatch, view, people) -> None:  # type: ignore[no-untyped-def]
    pending: list[tuple] = []
    runner = ops()
    real_run = runner.run

    def deferred(fn, *args, success=None, failure=None, write=True, **kwargs):  # type: ignore[no-untyped-def]
        if write:
            return real_run(fn, *args, success=success, failure=failure, write=write, **kwargs)
        pending.append((fn, args, success))
        return None

    monkeypatch.setattr(runner, "run", deferred)
    view.level_combo.setCurrentIndex(view.level_combo.findData("above"))
    view.level_combo.setCurrentIndex(view.level_combo.findData("peer"))
    assert len(pending) == 2
    assert view.busy_bar.isVisible() and view.busy_label.isVisible()
    assert view.level_combo.isEnabled() and view.path_chooser.isEnabled()
    results = [fn(*args) for fn, args, _ in pending]
    pending[1][2](results[1])  # the newer one arrives first
    pending[0][2](results[0])  # the older one is dropped
    assert view.picture.flt.level == "peer"
    assert set(view.picture.graph.ids.tolist()) == {0, people["bob"], people["eve"]}
    assert not view.busy_bar.isVisible()


def test_labels_only_for_visible_nodes(view, people) -> None:  # type: ignore[no-untyped-def]
    index = view.picture.graph.index_of(people["dora"])
    x, y = view.canvas.positions[index]
    view.canvas.set_range(x - 3, x + 3, y - 3, y + 3)
    view.update_labels()
    assert view.canvas.visible_labels == {index: "Dora Lind"}


def test_hover_tooltip_shows_details_as_plain_text(qtbot, view, people) -> None:  # type: ignore[no-untyped-def]
    evil = _contact("<b>Evil</b> & Co", organization="<i>Org</i>")
    view.refresh()
    index = view.picture.graph.index_of(evil)
    tip = view.canvas.tooltip(index)
    assert "&lt;b&gt;Evil&lt;/b&gt; &amp; Co" in tip and "&lt;i&gt;Org&lt;/i&gt;" in tip
    assert "Never met" in tip
    qtbot.mouseMove(view.canvas.viewport(), _viewport_point(view, people["anna"]))
    tip = view.canvas.toolTip()
    assert "Anna Müller" in tip and "Acme" in tip and "Above you" in tip
    assert "Last contact:" in tip


def test_export_png_grabs_the_canvas(tmp_path: Path, view) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "network.png"
    assert view.export_png(str(target)) == str(target)
    image = QtGui.QImage(str(target))
    assert not image.isNull()
    # The picture: the canvas and the legend under it.
    assert image.size() == view.picture_box.size() * view.picture_box.devicePixelRatio()
    assert view.picture_box.height() == view.canvas.height() + view.legend.height()


def test_render_for_screenshot_draws_synchronously(qtbot, selection, people) -> None:  # type: ignore[no-untyped-def]
    widget = NetworkView(selection)
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    widget.render_for_screenshot()
    assert widget.picture is not None and widget.picture.graph.node_count == 7
    assert widget.canvas.visible_labels


def test_names_are_placed_after_the_first_frame(qtbot, selection, people) -> None:  # type: ignore[no-untyped-def]
    """The picture is drawn first; the names follow in a slice of their own."""
    widget = NetworkView(selection, undo_stack=QtGui.QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.picture is not None
    qtbot.waitUntil(lambda: "Anna Müller" in widget.canvas.visible_labels.values())


def test_empty_network_says_so(qtbot, selection, db) -> None:  # type: ignore[no-untyped-def]
    widget = NetworkView(selection)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.picture.graph.node_count == 1
    assert "Nobody to show yet" in widget.message.text()


def test_people_model(qtmodeltester, people) -> None:  # type: ignore[no-untyped-def]
    model = PeopleModel()
    model.set_people([(people["anna"], "Anna Müller"), (people["bob"], "Bob Stone")])
    qtmodeltester.check(model)
    assert model.data(model.index(1, 0), QtCore.Qt.ItemDataRole.UserRole) == people["bob"]


# -- zoom, legend, names (issue 13) and level of detail (issue 17) ------------------------


def _span(view: NetworkView) -> float:
    return view.canvas.view_rect().width()


def test_zoom_buttons_and_fit_show_everyone_again(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    fitted = _span(view)
    centre = view.canvas.view_rect().center()
    qtbot.mouseClick(view.zoom_in_button, QtCore.Qt.MouseButton.LeftButton)
    assert _span(view) == pytest.approx(fitted / 1.5, rel=0.02)
    assert view.canvas.view_rect().center().x() == pytest.approx(centre.x(), abs=0.5)
    qtbot.mouseClick(view.zoom_in_button, QtCore.Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.zoom_out_button, QtCore.Qt.MouseButton.LeftButton)
    assert _span(view) == pytest.approx(fitted / 1.5, rel=0.02)
    view.canvas.translate_by(500.0, 300.0)  # panned far away
    qtbot.mouseClick(view.fit_button, QtCore.Qt.MouseButton.LeftButton)
    area = view.canvas.view_rect()
    x, y = view.canvas.positions[:, 0], view.canvas.positions[:, 1]
    assert ((x >= area.left()) & (x <= area.right())).all()
    assert ((y >= area.top()) & (y <= area.bottom())).all()
    assert _span(view) == pytest.approx(fitted, rel=0.02)
    for button in (view.zoom_in_button, view.zoom_out_button, view.fit_button):
        assert button.accessibleName() and button.toolTip()


def test_zoom_keys_while_the_view_has_the_focus(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    fitted = _span(view)
    view.canvas.setFocus()
    qtbot.keyClick(view.canvas, QtCore.Qt.Key.Key_Plus, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert _span(view) < fitted
    qtbot.keyClick(view.canvas, QtCore.Qt.Key.Key_0, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert _span(view) == pytest.approx(fitted, rel=0.02)


def test_zoom_controls_appear_once_on_the_view_not_in_the_main_toolbar(qtbot, people) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1366, 800)
    window.show()
    qtbot.waitExposed(window)
    view = window.show_view("network")
    zooms = [
        b.defaultAction() for b in (view.zoom_in_button, view.zoom_out_button, view.fit_button)
    ]
    in_bar = {a for a in window.toolbar.actions() if window.toolbar.widgetForAction(a)}
    assert not in_bar & set(zooms)  # one set of zoom controls: the view's
    assert all(b.isVisible() for b in (view.zoom_in_button, view.fit_button))
    assert set(zooms) <= set(window.view_actions_menu.actions())  # the keyboard reaches them
    window.activateWindow()
    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeWindow() is window)
    view.fit()
    fitted = _span(view)
    view.canvas.setFocus()
    qtbot.keyClick(view.canvas, QtCore.Qt.Key.Key_Plus, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert _span(view) < fitted


def test_legend_sits_under_the_graph_folds_and_is_remembered(qtbot, selection, view) -> None:  # type: ignore[no-untyped-def]
    assert view.legend.isVisible()
    legend = view.legend.geometry()
    assert not legend.intersects(view.canvas.geometry())  # never over the graph
    assert legend.top() >= view.canvas.geometry().bottom()
    canvas_height = view.canvas.height()
    qtbot.mouseClick(view.legend_button, QtCore.Qt.MouseButton.LeftButton)
    assert not view.legend.isVisible()
    qtbot.waitUntil(lambda: view.canvas.height() > canvas_height)  # the graph gets the room
    again = NetworkView(selection, undo_stack=QtGui.QUndoStack())
    qtbot.addWidget(again)
    again.show()
    assert not again.legend.isVisible() and not again.legend_button.isChecked()
    qtbot.mouseClick(again.legend_button, QtCore.Qt.MouseButton.LeftButton)
    assert again.legend.isVisible()


@pytest.fixture
def crowd(db) -> None:  # type: ignore[no-untyped-def]
    """A demo network of 150: at the default zoom, far more people than names fit."""
    from app.demo import create_demo

    create_demo(150)


def test_names_never_collide_and_the_selected_and_overdue_come_first(  # type: ignore[no-untyped-def]
    qtbot, selection, crowd
) -> None:
    widget = NetworkView(selection, undo_stack=QtGui.QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.fit()
    graph = widget.picture.graph
    weakest = int(np.argmin(np.where(graph.ids > 0, graph.strength, np.inf)))
    selection.set_current(int(graph.ids[weakest]))
    widget.fit()
    widget.update_labels()
    drawn = widget.canvas.visible_labels
    assert 5 <= len(drawn) < graph.node_count - 1  # a choice was made
    assert weakest in drawn  # the selected person is named, however weak
    rects = widget.canvas.label_rects()
    assert len(rects) == len(drawn)
    for k, first in enumerate(rects):
        for second in rects[k + 1 :]:
            assert not first.intersects(second)
    # Among the names drawn, every overdue person outranks everyone who is not.
    priority = widget.canvas.label_priority()
    late = [i for i in drawn if graph.overdue[i] and i != weakest]
    on_time = [i for i in drawn if not graph.overdue[i] and i != weakest]
    if late and on_time:
        assert min(priority[late]) > max(priority[on_time])


def test_level_of_detail_draws_only_edges_that_cross_the_view(view, people) -> None:  # type: ignore[no-untyped-def]
    view.canvas.viewport().repaint()
    assert view.canvas.drawn_edges == view.canvas.edge_count()
    index = view.picture.graph.index_of(people["dora"])
    x, y = view.canvas.positions[index]
    view.canvas.set_range(x - 2, x + 2, y - 2, y + 2)
    view.canvas.viewport().repaint()
    # Only Dora's spoke to the user reaches into this corner.
    assert view.canvas.drawn_edges == 1


# -- the canvas's own view handling (issue 17: no pyqtgraph view box) ---------------------


def _wheel(widget: QtWidgets.QWidget, pos: QtCore.QPoint, notches: int) -> None:
    event = QtGui.QWheelEvent(
        QtCore.QPointF(pos),
        QtCore.QPointF(widget.mapToGlobal(pos)),
        QtCore.QPoint(0, 0),
        QtCore.QPoint(0, 120 * notches),
        QtCore.Qt.MouseButton.NoButton,
        QtCore.Qt.KeyboardModifier.NoModifier,
        QtCore.Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QtWidgets.QApplication.sendEvent(widget, event)


def test_the_wheel_zooms_around_the_person_under_the_mouse(view, people) -> None:  # type: ignore[no-untyped-def]
    fitted = _span(view)
    under = _viewport_point(view, people["dora"])
    _wheel(view.canvas.viewport(), under, 2)
    assert _span(view) < fitted * 0.6  # two notches closer
    # Dora stays under the mouse.
    moved = _viewport_point(view, people["dora"])
    assert abs(moved.x() - under.x()) <= 1 and abs(moved.y() - under.y()) <= 1
    _wheel(view.canvas.viewport(), under, -2)
    assert _span(view) == pytest.approx(fitted, rel=0.01)


def test_arrow_keys_pan_and_a_drag_moves_the_picture_with_the_mouse(qtbot, view, people) -> None:  # type: ignore[no-untyped-def]
    view.canvas.setFocus()
    before = view.canvas.view_rect()
    qtbot.keyClick(view.canvas, QtCore.Qt.Key.Key_Right)
    after = view.canvas.view_rect()
    assert after.center().x() == pytest.approx(before.center().x() + before.width() / 10)
    assert after.center().y() == pytest.approx(before.center().y())
    qtbot.keyClick(view.canvas, QtCore.Qt.Key.Key_Up)
    assert view.canvas.view_rect().center().y() > after.center().y()  # y points up
    # A plain drag: the person under the mouse follows it.
    start = _viewport_point(view, people["anna"]) + QtCore.QPoint(30, 0)  # empty canvas
    anna = _viewport_point(view, people["anna"])
    _drag(view, start, start + QtCore.QPoint(40, -25))
    moved = _viewport_point(view, people["anna"])
    assert (moved.x() - anna.x(), moved.y() - anna.y()) == (40, -25)


def test_a_fitted_view_stays_fitted_when_the_canvas_is_resized(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    view.resize(700, 900)
    qtbot.waitUntil(lambda: view.canvas.width() < 800)
    area = view.canvas.view_rect()
    x, y = view.canvas.positions[:, 0], view.canvas.positions[:, 1]
    assert ((x >= area.left()) & (x <= area.right())).all()
    assert ((y >= area.top()) & (y <= area.bottom())).all()
    assert area.center().x() == pytest.approx(0.0) and area.center().y() == pytest.approx(0.0)
    # Once the user zoomed, a resize keeps their zoom.
    view.zoom_in()
    zoomed = _span(view) / view.canvas.viewport().width()
    view.resize(1000, 760)
    qtbot.waitUntil(lambda: view.canvas.width() > 800)
    assert _span(view) / view.canvas.viewport().width() == pytest.approx(zoomed)


def test_the_canvas_is_named_and_draws_the_user_and_the_selection(view, selection, people) -> None:  # type: ignore[no-untyped-def]
    assert view.canvas.accessibleName() == "Network"
    selection.set_current(people["anna"])
    image = view.canvas.grab().toImage()
    highlight = view.canvas.palette().color(QtGui.QPalette.ColorRole.Highlight)
    centre = _viewport_point(view, people["anna"])
    ring = (view.canvas.sizes[view.picture.graph.index_of(people["anna"])] + 12) / 2
    ratio = image.devicePixelRatio()
    on_ring = image.pixelColor(round((centre.x() + ring) * ratio), round(centre.y() * ratio))
    assert abs(on_ring.hue() - highlight.hue()) <= 12 and on_ring.saturation() > 60


def test_the_window_builds_the_network_view_ahead_while_idle(qtbot, people) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow
    from ui.settings import ui_settings

    ui_settings().set("window/view", "contacts")  # the window opens on the contacts
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1366, 800)
    window.show()
    qtbot.waitExposed(window)
    assert window.view("network") is None
    window.prepare_views()  # as the app does once the warm-up imports are done
    qtbot.waitUntil(lambda: window.view("network") is not None)
    view = window.view("network")
    qtbot.waitUntil(lambda: view.size() == window.view_stack.size())  # laid out, hidden
    assert not view.isVisible() and window.current_view != "network"
    assert window.view("insights") is None  # only views that ask for it
    assert window.show_view("network") is view
    assert view.isVisible() and view.picture is not None

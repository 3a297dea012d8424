"""Goals through the UI: create one, attach allies, see their health; the detail section."""

from __future__ import annotations

import datetime as dt

import pytest

from app.contacts import ContactInput, create_contact
from app.exchanges import add_exchange
from app.goals import attach_contact, create_goal, goal_contact_ids, goals
from app.timeline import InteractionInput, log_interaction
from app.timeline_query import contact_name_matches
from ui.insights.goals import GoalDialog, GoalsPanel
from ui.insights.goals_section import GoalsSection
from ui.qt import Qt, QtCore, QtGui, QtWidgets

TODAY = dt.date(2026, 6, 15)

# What the offscreen platform says about dialogs and completer popups.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|grabbing|propagateSizeHints)"
)


def person(name: str, met: dt.date) -> int:
    cid, _ = create_contact(ContactInput(formatted_name=name))
    log_interaction(InteractionInput([cid], kind="lunch", occurred_on=met))
    return cid


@pytest.fixture
def people(db):  # type: ignore[no-untyped-def]
    ids = {
        "ben": person("Ben Brandt", dt.date(2026, 4, 1)),
        "anna": person("Anna Adler", dt.date(2026, 6, 10)),
    }
    add_exchange(ids["ben"], "received", "advice", weight=3, occurred_on=TODAY)
    return ids


@pytest.fixture
def panel(qtbot, selection, people):  # type: ignore[no-untyped-def]
    stack = QtGui.QUndoStack()
    widget = GoalsPanel(selection, today=TODAY, undo_stack=stack)
    widget.stack_for_test = stack
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    with qtbot.waitSignal(widget.loaded):
        widget.show()
    return widget


def cell(model, row: int, column: int) -> str:  # type: ignore[no-untyped-def]
    return model.index(row, column).data()


def test_create_a_goal_attach_allies_and_see_their_health(qtbot, panel, people) -> None:  # type: ignore[no-untyped-def]
    assert panel.stack.currentWidget() is panel.empty_label
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert isinstance(dialog, GoalDialog)
    ok = dialog.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # a goal needs a title
    qtbot.keyClicks(dialog.title, "Become team lead")
    dialog.date.setFocus()
    dialog.date.setDate(QtCore.QDate(2026, 7, 15))
    qtbot.keyClicks(dialog.description, "Lead the platform team")
    with qtbot.waitSignal(panel.loaded):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    [goal] = goals()
    assert (goal.title, goal.target_date, goal.description) == (
        "Become team lead",
        dt.date(2026, 7, 15),
        "Lead the platform team",
    )
    assert panel.title_label.text() == "Become team lead"
    assert "in 30 day" in panel.when_label.text()
    assert panel.risk_label.text() == "At risk: nobody is helping with this goal yet."

    # Attach Ben by typing his name and pressing Enter, then Anna.
    for name in ("Ben Brandt", "Anna Adler"):
        panel.picker.setFocus()
        qtbot.keyClicks(panel.picker, name)
        with qtbot.waitSignal(panel.loaded):
            qtbot.keyClick(panel.picker, Qt.Key.Key_Return)
    assert sorted(goal_contact_ids(goal.id)) == sorted(people.values())
    model = panel.allies_model
    assert [cell(model, r, 0) for r in range(2)] == ["Anna Adler", "Ben Brandt"]
    assert "45" in cell(model, 1, 1) and "overdue" in cell(model, 1, 1)
    assert cell(model, 1, 2) == "\u22123"
    assert float(cell(model, 0, 3)) > float(cell(model, 1, 3))
    assert panel.next_label.text().startswith("Who to contact next: Ben Brandt")
    assert panel.risk_label.isHidden() is False  # 1 of 2 allies overdue, 30 days left
    assert panel.risk_label.text() == "At risk: 1 of 2 allies is overdue or drifting away."


def test_achieved_delete_and_undo(qtbot, panel, people) -> None:  # type: ignore[no-untyped-def]
    goal_id, _ = create_goal("Speak at a conference", target_date=dt.date(2026, 9, 1))
    attach_contact(goal_id, people["anna"], note="knows the organisers")
    with qtbot.waitSignal(panel.loaded):
        panel.reload()
    with qtbot.waitSignal(panel.loaded):
        qtbot.mouseClick(panel.achieved_button, Qt.MouseButton.LeftButton)
    assert goals()[0].achieved and panel.when_label.text() == "Achieved"
    assert panel.achieved_button.isChecked()
    with qtbot.waitSignal(panel.loaded):
        qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert goals() == [] and panel.stack.currentWidget() is panel.empty_label
    with qtbot.waitSignal(panel.loaded):
        panel.stack_for_test.undo()
    assert [g.title for g in goals()] == ["Speak at a conference"]
    assert panel.allies_model.index(0, 4).data() == "knows the organisers"


def test_edit_and_remove_an_ally(qtbot, panel, people) -> None:  # type: ignore[no-untyped-def]
    goal_id, _ = create_goal("Old title")
    attach_contact(goal_id, people["ben"])
    with qtbot.waitSignal(panel.loaded):
        panel.reload()
    dialog = panel.edit_goal()
    assert dialog is not None and not dialog.has_date.isChecked()
    dialog.title.selectAll()
    qtbot.keyClicks(dialog.title, "New title")
    with qtbot.waitSignal(panel.loaded):
        qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    assert goals()[0].title == "New title" and goals()[0].target_date is None
    panel.allies.selectRow(0)
    with qtbot.waitSignal(panel.loaded):
        qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert goal_contact_ids(goal_id) == []
    assert panel.next_label.text() == "Attach the people who can help with this goal."


def test_goal_models_pass_the_model_tester(qtbot, qtmodeltester, panel, people) -> None:  # type: ignore[no-untyped-def]
    goal_id, _ = create_goal("Goal", target_date=TODAY)
    attach_contact(goal_id, people["ben"])
    attach_contact(goal_id, people["anna"])
    with qtbot.waitSignal(panel.loaded):
        panel.reload()
    qtmodeltester.check(panel.goal_model)
    qtmodeltester.check(panel.allies_model)
    panel.picker.suggestions.set_matches(contact_name_matches("Ben"))
    qtmodeltester.check(panel.picker.suggestions)
    panel.allies.grab()  # paints the strength bars


def test_goals_section_attach_detach_undo(qtbot, qtmodeltester, selection, people) -> None:  # type: ignore[no-untyped-def]
    lead, _ = create_goal("Become team lead", target_date=dt.date(2026, 7, 15))
    create_goal("Write a book")
    stack = QtGui.QUndoStack()
    section = GoalsSection(selection, undo_stack=stack)
    qtbot.addWidget(section)
    section.show()
    assert section.title() == "Goals"
    with qtbot.waitSignal(section.loaded):
        section.set_contact(people["ben"])
    assert section.model.rowCount() == 0 and section.empty.isVisible()
    assert section.goal_choice.count() == 2
    section.goal_choice.setCurrentIndex(section.goal_choice.findData(lead))
    with qtbot.waitSignal(section.loaded):
        qtbot.mouseClick(section.attach_button, Qt.MouseButton.LeftButton)
    assert goal_contact_ids(lead) == [people["ben"]]
    assert section.model.index(0).data().startswith("Become team lead")
    assert section.goal_choice.count() == 1
    qtmodeltester.check(section.model)
    section.list.setCurrentIndex(section.model.index(0))
    with qtbot.waitSignal(section.loaded):
        qtbot.mouseClick(section.detach_button, Qt.MouseButton.LeftButton)
    assert goal_contact_ids(lead) == []
    with qtbot.waitSignal(section.loaded):
        stack.undo()
    assert goal_contact_ids(lead) == [people["ben"]]
    with qtbot.waitSignal(section.loaded):
        section.set_contact(people["anna"])
    assert section.model.rowCount() == 0

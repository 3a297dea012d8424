"""The log-interaction dialog, driven from the keyboard like a person in a hurry."""

from __future__ import annotations

import datetime as dt

import pytest

from app.contacts import ContactInput, create_contact
from app.models import Contact, Exchange, Interaction, Participant
from app.timeline import ExchangeInput, InteractionInput, log_interaction
from ui.qt import Qt, QtGui, QtWidgets
from ui.selection import ContactSelection
from ui.timeline.contact_section import ContactTimelineSection
from ui.timeline.log_dialog import LogInteractionDialog
from ui.timeline.view import TimelineView

TODAY = dt.date(2026, 11, 26)
# The offscreen platform cannot raise windows or grab the keyboard for the completer popup.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def people(db) -> dict[str, int]:  # type: ignore[no-untyped-def]
    names = ["Anna Adler", "Ben Berg", "Cem Celik", "Dora Diehl", "Anton Alt"]
    return {n: create_contact(ContactInput(formatted_name=n))[0] for n in names}


def focused() -> QtWidgets.QWidget:
    widget = QtWidgets.QApplication.focusWidget()
    assert widget is not None
    return widget


def open_dialog(qtbot, **kwargs) -> LogInteractionDialog:  # type: ignore[no-untyped-def]
    dialog = LogInteractionDialog(None, today=TODAY, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def tab(qtbot) -> QtWidgets.QWidget:  # type: ignore[no-untyped-def]
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    return focused()


def test_log_a_lunch_with_three_people_from_the_keyboard_alone(qtbot, people) -> None:  # type: ignore[no-untyped-def]
    stack = QtGui.QUndoStack()
    dialog = open_dialog(qtbot, undo_stack=stack)
    assert focused() is dialog.kind
    qtbot.keyClicks(focused(), "Lu")
    assert dialog.kind.currentData() == "lunch"
    assert tab(qtbot) is dialog.date
    assert tab(qtbot) is dialog.participant_edit
    qtbot.keyClicks(focused(), "Anna Adler")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.keyClicks(focused(), "Ben")  # the start of a name only one contact has
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.keyClicks(focused(), "cem celik")
    qtbot.keyClick(focused(), Qt.Key.Key_Enter)
    assert dialog.participant_ids() == [
        people["Anna Adler"],
        people["Ben Berg"],
        people["Cem Celik"],
    ]
    assert dialog.isVisible(), "Enter in the name field adds a person, it does not save"
    assert tab(qtbot) is dialog.summary
    qtbot.keyClicks(focused(), "Lunch by the harbour")
    assert tab(qtbot) is dialog.notes
    qtbot.keyClicks(focused(), "Talked about the budget round")
    assert tab(qtbot) is dialog.gave.rows[0].kind
    qtbot.keyClicks(focused(), "Intro")
    assert tab(qtbot) is dialog.gave.rows[0].text
    qtbot.keyClicks(focused(), "an introduction to our supplier")
    assert tab(qtbot) is dialog.gave.rows[0].weight
    assert tab(qtbot) is dialog.gave.add_button
    assert tab(qtbot) is dialog.received.rows[0].kind
    qtbot.keyClicks(focused(), "Adv")
    assert tab(qtbot) is dialog.received.rows[0].text
    qtbot.keyClicks(focused(), "advice on the budget round")
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()

    (interaction,) = Interaction.select()
    assert (interaction.kind, interaction.summary, interaction.occurred_on) == (
        "lunch",
        "Lunch by the harbour",
        TODAY,
    )
    assert interaction.notes == "Talked about the budget round"
    assert {p.contact_id for p in Participant.select()} == {
        people["Anna Adler"],
        people["Ben Berg"],
        people["Cem Celik"],
    }
    gave = Exchange.select().where(Exchange.direction == "gave")
    assert {(e.kind, e.description) for e in gave} == {
        ("introduction", "an introduction to our supplier")
    }
    assert Exchange.select().count() == 6  # one gave and one received per person
    assert Contact.get_by_id(people["Ben Berg"]).last_contact == TODAY
    assert stack.count() == 1

    # Found on each person's timeline and in the global one.
    for name in ("Anna Adler", "Ben Berg", "Cem Celik"):
        selection = ContactSelection()
        selection.set_current(people[name])
        section = ContactTimelineSection(selection)
        qtbot.addWidget(section)
        assert [e.id for e in section.model.entries()] == [interaction.id]
        assert "Lunch by the harbour" in section.model.detail_text(section.model.entries()[0])
    selection = ContactSelection()
    selection.set_current(people["Dora Diehl"])
    others = ContactTimelineSection(selection)
    qtbot.addWidget(others)
    assert others.model.entries() == []
    view = TimelineView(ContactSelection(), today=TODAY)
    qtbot.addWidget(view)
    row = view.model.row_of("interaction", interaction.id)
    title = view.model.index(row).data()
    assert title == "Lunch with Anna Adler, Ben Berg, Cem Celik"

    stack.undo()
    assert Interaction.select().count() == 0 and Exchange.select().count() == 0
    assert view.model.entries() == []
    stack.redo()
    assert Interaction.get_by_id(interaction.id).summary == "Lunch by the harbour"
    assert Exchange.select().count() == 6
    assert [e.id for e in view.model.entries()] == [interaction.id]


def test_enter_in_the_summary_saves(qtbot, people) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, participant_ids=[people["Dora Diehl"]])
    assert dialog.participant_ids() == [people["Dora Diehl"]]
    dialog.summary.setFocus()
    qtbot.keyClicks(dialog.summary, "Quick call")
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.summary, Qt.Key.Key_Return)
    assert Interaction.get().summary == "Quick call"
    assert [p.contact_id for p in Participant.select()] == [people["Dora Diehl"]]


def test_unknown_and_ambiguous_names_are_errors_and_nothing_is_saved(qtbot, people) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot)
    dialog.participant_edit.setFocus()
    qtbot.keyClicks(dialog.participant_edit, "Zacharias Nobody")
    qtbot.keyClick(dialog.participant_edit, Qt.Key.Key_Return)
    assert dialog.error.isVisible()
    assert "Zacharias Nobody" in dialog.error.text()
    assert dialog.participant_ids() == []
    dialog.save()
    assert dialog.isVisible() and Interaction.select().count() == 0
    assert "Zacharias Nobody" in dialog.error.text()

    dialog.participant_edit.clear()
    qtbot.keyClicks(dialog.participant_edit, "An")  # Anna Adler and Anton Alt
    qtbot.keyClick(dialog.participant_edit, Qt.Key.Key_Return)
    assert dialog.participant_ids() == []
    assert "An" in dialog.error.text()

    dialog.participant_edit.clear()
    dialog.save()
    assert dialog.error.text() == "Add at least one person you met."
    assert Interaction.select().count() == 0


def test_backspace_on_an_empty_field_removes_the_last_person(qtbot, people) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, participant_ids=[people["Anna Adler"], people["Ben Berg"]])
    dialog.participant_edit.setFocus()
    qtbot.keyClick(dialog.participant_edit, Qt.Key.Key_Backspace)
    assert dialog.participant_ids() == [people["Anna Adler"]]
    chips = dialog.chips.findChildren(QtWidgets.QToolButton)
    qtbot.waitUntil(lambda: len(dialog.chips.findChildren(QtWidgets.QToolButton)) == 1)
    assert chips  # the old chips were replaced
    chip = dialog.chips.findChildren(QtWidgets.QToolButton)[0]
    assert chip.text().startswith("Anna Adler")
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert dialog.participant_ids() == []


def test_the_completer_offers_matching_names(qtbot, people) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot)
    dialog.participant_edit.setFocus()
    qtbot.keyClicks(dialog.participant_edit, "an")
    model = dialog.completer.model()
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names == ["Anna Adler", "Anton Alt"]
    dialog.completer.activated[str].emit("Anton Alt")
    assert dialog.participant_ids() == [people["Anton Alt"]]
    assert dialog.participant_edit.text() == ""


def test_another_gave_row_and_weights(qtbot, people) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, participant_ids=[people["Anna Adler"]])
    qtbot.mouseClick(dialog.gave.add_button, Qt.MouseButton.LeftButton)
    assert len(dialog.gave.rows) == 2
    dialog.gave.rows[0].text.setText("help with the move")
    dialog.gave.rows[0].weight.setValue(3)
    dialog.gave.rows[1].text.setText("a book")
    dialog.gave.rows[1].kind.setCurrentIndex(dialog.gave.rows[1].kind.findData("gift"))
    dialog.save()
    assert sorted((e.kind, e.weight) for e in Exchange.select()) == [("gift", 1), ("help", 3)]
    assert Contact.get_by_id(people["Anna Adler"]).balance == 4


def test_edit_mode_changes_everything_and_undo_puts_it_back(qtbot, people) -> None:  # type: ignore[no-untyped-def]
    iid, _ = log_interaction(
        InteractionInput(
            participant_ids=[people["Anna Adler"], people["Ben Berg"]],
            kind="coffee",
            occurred_on=TODAY - dt.timedelta(days=3),
            summary="Coffee",
            exchanges=[ExchangeInput("received", "advice", "advice", 2)],
        )
    )
    stack = QtGui.QUndoStack()
    dialog = open_dialog(qtbot, interaction_id=iid, undo_stack=stack)
    assert dialog.windowTitle() == "Edit interaction"
    assert dialog.kind.currentData() == "coffee"
    assert dialog.summary.text() == "Coffee"
    assert dialog.participant_ids() == [people["Anna Adler"], people["Ben Berg"]]
    assert dialog.received.rows[0].text.text() == "advice"
    dialog.participant_edit.setFocus()
    qtbot.keyClick(dialog.participant_edit, Qt.Key.Key_Backspace)
    dialog.summary.setText("Coffee, then a walk")
    dialog.save()
    interaction = Interaction.get_by_id(iid)
    assert interaction.summary == "Coffee, then a walk"
    assert [p.contact_id for p in interaction.participants] == [people["Anna Adler"]]
    assert Contact.get_by_id(people["Ben Berg"]).balance == 0
    stack.undo()
    assert Interaction.get_by_id(iid).summary == "Coffee"
    assert Participant.select().where(Participant.interaction == iid).count() == 2
    assert Contact.get_by_id(people["Ben Berg"]).balance == -2

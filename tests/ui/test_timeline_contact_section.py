"""A person's own timeline in the contact detail."""

from __future__ import annotations

import datetime as dt

import pytest

from app.contacts import ContactInput, create_contact
from app.exchanges import add_exchange
from app.models import Interaction
from app.timeline import InteractionInput, log_interaction
from ui.qt import Qt, QtGui
from ui.timeline.contact_section import ContactTimelineSection

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
D = dt.date(2026, 11, 20)


def test_one_persons_entries_newest_first(qtbot, qtmodeltester, db, selection) -> None:  # type: ignore[no-untyped-def]
    anna = create_contact(ContactInput(formatted_name="Anna Adler"))[0]
    ben = create_contact(ContactInput(formatted_name="Ben Berg"))[0]
    older, _ = log_interaction(
        InteractionInput([anna, ben], "lunch", D - dt.timedelta(days=5), "old")
    )
    newer, _ = log_interaction(InteractionInput([anna], "call", D, "new"))
    gift, _ = add_exchange(ben, "gave", "a book", kind="gift", occurred_on=D - dt.timedelta(days=1))
    stack = QtGui.QUndoStack()
    section = ContactTimelineSection(selection, undo_stack=stack)
    qtbot.addWidget(section)
    assert section.title() == "Timeline"
    assert section.model.rowCount() == 0 and not section.empty.isHidden()
    assert not section.log_button.isEnabled()

    section.set_contact(anna)
    assert [e.id for e in section.model.entries()] == [newer, older]
    qtmodeltester.check(section.model)
    section.set_contact(ben)
    assert [(e.type, e.id) for e in section.model.entries()] == [
        ("exchange", gift),
        ("interaction", older),
    ]
    assert section.empty.isHidden()

    section.show()
    qtbot.waitExposed(section)
    row = section.model.row_of("interaction", older)
    section.list.setCurrentIndex(section.model.index(row))
    section.list.setFocus()
    qtbot.keyClick(section.list, Qt.Key.Key_Delete)
    assert Interaction.get_or_none(Interaction.id == older) is None
    assert [e.id for e in section.model.entries()] == [gift]
    stack.undo()
    assert [e.id for e in section.model.entries()] == [gift, older]

    dialog = section.log_interaction()
    qtbot.addWidget(dialog)
    assert dialog.participant_ids() == [ben]
    section.set_contact(None)
    assert section.model.rowCount() == 0


def test_the_person_is_not_named_on_their_own_timeline(qtbot, db, selection) -> None:  # type: ignore[no-untyped-def]
    anna = create_contact(ContactInput(formatted_name="Anna Adler"))[0]
    ben = create_contact(ContactInput(formatted_name="Ben Berg"))[0]
    log_interaction(InteractionInput([anna, ben], "lunch", D, "Team lunch"))
    log_interaction(InteractionInput([anna], "call", D - dt.timedelta(days=1), "Call"))
    add_exchange(anna, "received", "advice", kind="advice", occurred_on=D - dt.timedelta(days=2))
    selection.set_current(anna)
    section = ContactTimelineSection(selection)
    qtbot.addWidget(section)
    titles = [section.model.title_text(e) for e in section.model.entries()]
    assert titles == ["Lunch with Ben Berg", "Call", "Received Advice"]

"""The contact detail's Follow-ups section, driven like a person would."""

from __future__ import annotations

import datetime as dt

import pytest

from app import followups
from app.derived import due_contacts
from app.models import FollowUp
from tests.ui.test_tray import TODAY, offscreen_limits, overdue_contact
from ui.qt import QtCore, QtGui
from ui.reminders_section import FollowUpsModel, FollowUpsSection
from ui.selection import ContactSelection
from ui.views import DETAIL_SECTIONS

pytestmark = offscreen_limits


@pytest.fixture
def stack(qtbot) -> QtGui.QUndoStack:  # type: ignore[no-untyped-def]
    return QtGui.QUndoStack()


@pytest.fixture
def section(qtbot, db, selection: ContactSelection, stack) -> FollowUpsSection:  # type: ignore[no-untyped-def]
    widget = FollowUpsSection(selection, undo_stack=stack, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(640, 320)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def due_ids() -> list[int]:
    return [e.id for e in due_contacts(TODAY, include_snoozed=False)]


def test_the_section_is_registered_for_the_detail() -> None:
    entry = next(e for e in DETAIL_SECTIONS if e.key == "follow_ups")
    assert entry.load() is FollowUpsSection


def test_without_a_contact_it_is_disabled(section: FollowUpsSection) -> None:
    assert section.title() == "Follow-ups"
    assert not section.isEnabled()


def test_snooze_a_week_a_month_until_a_date_and_undo(  # type: ignore[no-untyped-def]
    qtbot, section: FollowUpsSection, selection: ContactSelection, stack
) -> None:
    anna = overdue_contact("Anna", 5)
    selection.set_current(anna)
    assert section.snooze_status.text() == "Reminders are on for this contact."
    assert section.unsnooze_button.isHidden()

    qtbot.mouseClick(section.snooze_week, QtCore.Qt.MouseButton.LeftButton)
    assert followups.active_snooze(anna, TODAY) == dt.date(2027, 3, 22)
    assert due_ids() == []
    assert section.snooze_status.text().startswith("Snoozed: no reminders until ")
    assert "2027" in section.snooze_status.text()
    assert section.unsnooze_button.isVisible()

    qtbot.mouseClick(section.snooze_month, QtCore.Qt.MouseButton.LeftButton)
    assert followups.active_snooze(anna, TODAY) == dt.date(2027, 4, 15)

    section.snooze_date.setDate(QtCore.QDate(2027, 6, 1))
    qtbot.mouseClick(section.snooze_until, QtCore.Qt.MouseButton.LeftButton)
    assert followups.active_snooze(anna, TODAY) == dt.date(2027, 6, 1)

    stack.undo()
    assert followups.active_snooze(anna, TODAY) == dt.date(2027, 4, 15)

    qtbot.mouseClick(section.unsnooze_button, QtCore.Qt.MouseButton.LeftButton)
    assert followups.active_snooze(anna, TODAY) is None
    assert due_ids() == [anna]
    assert section.unsnooze_button.isHidden()
    stack.undo()
    assert followups.active_snooze(anna, TODAY) == dt.date(2027, 4, 15)
    assert section.unsnooze_button.isVisible()


def test_add_complete_and_delete_follow_ups_with_undo(  # type: ignore[no-untyped-def]
    qtbot, section: FollowUpsSection, selection: ContactSelection, stack
) -> None:
    anna = overdue_contact("Anna", 5)
    selection.set_current(anna)
    assert section.empty_label.isVisible() and section.list.isHidden()
    assert not section.add_button.isEnabled()

    section.new_date.setDate(QtCore.QDate(2027, 3, 20))
    qtbot.keyClicks(section.new_text, "send the article")
    qtbot.keyClick(section.new_text, QtCore.Qt.Key.Key_Return)
    assert section.new_text.text() == ""
    section.new_date.setDate(QtCore.QDate(2027, 3, 10))
    qtbot.keyClicks(section.new_text, "congratulate <b>on</b> the promotion")
    qtbot.mouseClick(section.add_button, QtCore.Qt.MouseButton.LeftButton)

    model = section.model
    assert model.rowCount() == 2
    shown = [model.index(r).data() for r in range(2)]
    assert shown[0].endswith("congratulate <b>on</b> the promotion")
    assert shown[1].endswith("send the article")
    overdue = model.index(0).data(QtCore.Qt.ItemDataRole.ForegroundRole)
    assert overdue.color().red() > 150  # dated before today: red
    assert model.index(1).data(QtCore.Qt.ItemDataRole.ForegroundRole) is None

    # Tick the first one off by clicking its check box.
    rect = section.list.visualRect(model.index(0))
    option_box = QtCore.QPoint(rect.left() + 10, rect.center().y())
    qtbot.mouseClick(section.list.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=option_box)
    first_id = FollowUp.get(FollowUp.text.contains("congratulate")).id
    assert FollowUp.get_by_id(first_id).done
    assert [model.index(r).data(FollowUpsModel.IdRole) for r in range(2)][1] == first_id
    stack.undo()
    assert not FollowUp.get_by_id(first_id).done

    # Select the article follow-up and delete it with the Delete key, then undo.
    article = FollowUp.get(FollowUp.text == "send the article").id
    row = [model.index(r).data(FollowUpsModel.IdRole) for r in range(2)].index(article)
    section.list.setCurrentIndex(model.index(row))
    assert section.delete_button.isEnabled()
    qtbot.keyClick(section.list, QtCore.Qt.Key.Key_Delete)
    assert FollowUp.get_or_none(FollowUp.id == article) is None
    assert model.rowCount() == 1
    stack.undo()
    assert FollowUp.get_by_id(article).text == "send the article"
    assert model.rowCount() == 2

    stack.undo()
    stack.undo()  # both additions undone
    assert FollowUp.select().count() == 0
    assert section.empty_label.isVisible()


def test_switching_contacts_shows_their_own(  # type: ignore[no-untyped-def]
    section: FollowUpsSection, selection: ContactSelection
) -> None:
    anna, bert = overdue_contact("Anna", 1), overdue_contact("Bert", 2)
    followups.add_follow_up(anna, TODAY, "for Anna")
    followups.snooze_for(bert, 3, TODAY)
    selection.set_current(anna)
    assert section.model.rowCount() == 1
    assert section.unsnooze_button.isHidden()
    selection.set_current(bert)
    assert section.model.rowCount() == 0
    assert section.unsnooze_button.isVisible()


def test_the_model_passes_the_model_tester(qtmodeltester, db) -> None:  # type: ignore[no-untyped-def]
    anna = overdue_contact("Anna", 1)
    followups.add_follow_up(anna, TODAY, "one")
    done, _ = followups.add_follow_up(anna, TODAY, "two")
    followups.complete_follow_up(done)
    model = FollowUpsModel()
    model.set_rows(followups.follow_ups_of(anna), TODAY)
    qtmodeltester.check(model)

"""Snoozes and dated follow-ups, with undo snapshots."""

from __future__ import annotations

import datetime as dt

import pytest

from app import followups
from app.contacts import ContactInput, create_contact
from app.derived import due_contacts
from app.errors import NotFound, ValidationError
from app.models import Contact, FollowUp
from app.timeline import InteractionInput, log_interaction

TODAY = dt.date(2027, 3, 15)


def overdue_contact(name: str, last: dt.date = dt.date(2027, 1, 1)) -> int:
    cid, _ = create_contact(ContactInput(name, cadence_days=10))
    log_interaction(InteractionInput([cid], occurred_on=last))
    return cid


def due_ids(today: dt.date = TODAY) -> list[int]:
    return [e.id for e in due_contacts(today, include_snoozed=False)]


def test_snooze_hides_the_contact_until_the_day_it_ends(db) -> None:
    anna, bert = overdue_contact("Anna"), overdue_contact("Bert")
    snapshot, changes = followups.snooze(anna, TODAY + dt.timedelta(days=1))
    assert changes.follow_ups and changes.contacts == {anna}
    assert snapshot.rows == ()
    assert due_ids() == [bert]
    assert followups.active_snooze(anna, TODAY) == TODAY + dt.timedelta(days=1)
    tomorrow = TODAY + dt.timedelta(days=1)
    assert followups.active_snooze(anna, tomorrow) is None
    assert due_ids(tomorrow) == [anna, bert]


def test_a_new_snooze_replaces_the_old_and_undo_puts_it_back(db) -> None:
    anna = overdue_contact("Anna")
    followups.snooze_for(anna, 7, TODAY)
    assert followups.active_snooze(anna, TODAY) == dt.date(2027, 3, 22)
    snapshot, _ = followups.snooze(anna, followups.add_months(TODAY, 1))
    assert followups.active_snooze(anna, TODAY) == dt.date(2027, 4, 15)
    assert FollowUp.select().where(FollowUp.kind == "snooze").count() == 1
    followups.restore_snoozes(snapshot)
    assert followups.active_snooze(anna, TODAY) == dt.date(2027, 3, 22)
    assert FollowUp.select().where(FollowUp.kind == "snooze").count() == 1


def test_unsnooze_and_its_undo(db) -> None:
    anna = overdue_contact("Anna")
    followups.snooze_for(anna, 30, TODAY)
    snapshot, changes = followups.unsnooze(anna)
    assert changes.contacts == {anna}
    assert followups.active_snooze(anna, TODAY) is None
    assert due_ids() == [anna]
    followups.restore_snoozes(snapshot)
    assert due_ids() == []


def test_snooze_many_and_undo_restores_each_contact(db) -> None:
    anna, bert, carl = (overdue_contact(n) for n in ("Anna", "Bert", "Carl"))
    followups.snooze(anna, dt.date(2027, 6, 1))
    snapshot, changes = followups.snooze_many([anna, bert], TODAY + dt.timedelta(days=1))
    assert changes.contacts == {anna, bert}
    assert due_ids() == [carl]
    followups.restore_snoozes(snapshot)
    assert followups.active_snooze(anna, TODAY) == dt.date(2027, 6, 1)
    assert followups.active_snooze(bert, TODAY) is None
    assert due_ids() == [bert, carl]


def test_snooze_checks_its_input(db) -> None:
    anna = overdue_contact("Anna")
    with pytest.raises(NotFound):
        followups.snooze(anna + 100, TODAY)
    with pytest.raises(ValidationError):
        followups.snooze_for(anna, 0, TODAY)
    assert followups.snooze_many([], TODAY)[1].empty


def test_add_months_clamps_to_the_end_of_the_month() -> None:
    assert followups.add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert followups.add_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)
    assert followups.add_months(dt.date(2027, 12, 15), 1) == dt.date(2028, 1, 15)


def test_follow_ups_add_complete_delete_restore(db) -> None:
    anna = overdue_contact("Anna")
    first, changes = followups.add_follow_up(anna, dt.date(2027, 3, 20), "  send the article ")
    assert changes.follow_ups and changes.contacts == {anna}
    second, _ = followups.add_follow_up(anna, dt.date(2027, 3, 10), "congratulate")
    followups.snooze_for(anna, 7, TODAY)  # snoozes are not listed as follow-ups
    rows = followups.follow_ups_of(anna)
    assert [(r.id, r.text, r.done) for r in rows] == [
        (second, "congratulate", False),
        (first, "send the article", False),
    ]
    followups.complete_follow_up(second)
    assert [r.id for r in followups.follow_ups_of(anna)] == [first, second]
    assert followups.follow_ups_of(anna)[1].done
    followups.set_done(second, False)
    assert not followups.follow_ups_of(anna)[0].done

    snapshot, _ = followups.delete_follow_up(first)
    assert [r.id for r in followups.follow_ups_of(anna)] == [second]
    followups.restore_follow_up(snapshot)
    restored = followups.follow_ups_of(anna)
    assert [(r.id, r.due_on, r.text) for r in restored][1] == (
        first,
        dt.date(2027, 3, 20),
        "send the article",
    )


def test_follow_up_validation(db) -> None:
    anna = overdue_contact("Anna")
    with pytest.raises(ValidationError) as info:
        followups.add_follow_up(anna, TODAY, "   ")
    assert info.value.field == "text" and info.value.code == "required"
    with pytest.raises(NotFound):
        followups.add_follow_up(anna + 1, TODAY, "x")
    with pytest.raises(NotFound):
        followups.complete_follow_up(12345)
    followups.snooze_for(anna, 3, TODAY)
    snooze_id = FollowUp.get(FollowUp.kind == "snooze").id
    with pytest.raises(NotFound):
        followups.delete_follow_up(snooze_id)  # a snooze is not a to-do


def test_deleting_the_contact_deletes_its_follow_ups(db) -> None:
    anna = overdue_contact("Anna")
    followups.add_follow_up(anna, TODAY, "call")
    Contact.delete_by_id(anna)
    assert FollowUp.select().count() == 0

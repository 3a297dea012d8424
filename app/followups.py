"""Follow-ups (dated to-dos about a contact) and snoozes of a contact's reminders.

Both live in :class:`~app.models.FollowUp`: kind ``todo`` is a to-do, kind ``snooze``
silences the contact's "relationship due" reminder. A snooze *until* a date is active
while ``today < until``: the contact shows up again on ``until`` itself, so "snooze until
tomorrow" means "not today". The one SQL definition of an active snooze is in
:func:`app.derived.due_contacts`; :func:`active_snooze` asks the same question of one
contact. Snoozes do not hide dated follow-ups or birthdays: those are explicit.

Every write returns :class:`~app.changes.Changes`; destructive ones also return a
snapshot that the matching ``restore_*`` puts back, for undo.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from app.changes import Changes
from app.errors import NotFound, ValidationError
from app.models import Contact, FollowUp, FollowUpKind, database


@dataclass(frozen=True)
class FollowUpRow:
    id: int
    contact_id: int
    due_on: dt.date
    text: str
    done: bool


@dataclass(frozen=True)
class FollowUpSnapshot:
    row: dict[str, object]


@dataclass(frozen=True)
class SnoozeSnapshot:
    """The open snoozes of some contacts before a change, to put them back on undo."""

    contact_ids: tuple[int, ...]
    rows: tuple[dict[str, object], ...]


def _changes(contact_ids: Iterable[int]) -> Changes:
    return Changes(contacts=frozenset(contact_ids), follow_ups=True)


def _require_contacts(contact_ids: list[int]) -> None:
    found = Contact.select(Contact.id).where(Contact.id.in_(contact_ids)).count()
    if found != len(set(contact_ids)):
        raise NotFound("contact", contact_ids)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's end (31 Jan + 1 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- snoozes ---------------------------------------------------------------------------


def _open_snoozes(contact_ids: list[int]):  # type: ignore[no-untyped-def]
    return FollowUp.select().where(
        FollowUp.contact.in_(contact_ids)
        & (FollowUp.kind == FollowUpKind.SNOOZE.value)
        & (FollowUp.done == False)  # noqa: E712 (peewee expression)
    )


def snooze_many(contact_ids: Iterable[int], until: dt.date) -> tuple[SnoozeSnapshot, Changes]:
    """Silence the due reminders of these contacts until ``until`` (they return that day).

    A contact has at most one open snooze: a new one replaces the old.
    """
    ids = sorted(set(contact_ids))
    if not ids:
        return SnoozeSnapshot((), ()), Changes()
    if not isinstance(until, dt.date):
        raise ValidationError("until", "invalid", until)
    with database.atomic():
        _require_contacts(ids)
        snapshot = _snapshot_snoozes(ids)
        _delete(snapshot.rows)
        FollowUp.insert_many(
            [{"contact": cid, "kind": FollowUpKind.SNOOZE.value, "due_on": until} for cid in ids]
        ).execute()
    return snapshot, _changes(ids)


def snooze(contact_id: int, until: dt.date) -> tuple[SnoozeSnapshot, Changes]:
    return snooze_many([contact_id], until)


def snooze_for(contact_id: int, days: int, today: dt.date) -> tuple[SnoozeSnapshot, Changes]:
    """Snooze for ``days`` days from ``today`` (7: a week)."""
    if days < 1:
        raise ValidationError("days", "out-of-range", days)
    return snooze(contact_id, today + dt.timedelta(days=days))


def unsnooze(contact_id: int) -> tuple[SnoozeSnapshot, Changes]:
    with database.atomic():
        snapshot = _snapshot_snoozes([contact_id])
        _delete(snapshot.rows)
    return snapshot, _changes([contact_id])


def restore_snoozes(snapshot: SnoozeSnapshot) -> Changes:
    """Put back the open snoozes a snooze or unsnooze replaced (undo)."""
    ids = list(snapshot.contact_ids)
    if not ids:
        return Changes()
    with database.atomic():
        _delete(_snapshot_snoozes(ids).rows)
        if snapshot.rows:
            FollowUp.insert_many(list(snapshot.rows)).execute()
    return _changes(ids)


def _snapshot_snoozes(contact_ids: list[int]) -> SnoozeSnapshot:
    rows = tuple(dict(row.__data__) for row in _open_snoozes(contact_ids))
    return SnoozeSnapshot(tuple(contact_ids), rows)


def _delete(rows: Iterable[dict[str, object]]) -> None:
    FollowUp.delete().where(FollowUp.id.in_([row["id"] for row in rows])).execute()


def active_snooze(contact_id: int, today: dt.date) -> dt.date | None:
    """The date the contact's snooze ends, when one is active on ``today``."""
    until = (
        _open_snoozes([contact_id])
        .where(FollowUp.due_on > today)
        .order_by(FollowUp.due_on.desc())
        .limit(1)
        .first()
    )
    return None if until is None else until.due_on


# --- follow-ups ------------------------------------------------------------------------


def add_follow_up(contact_id: int, due_on: dt.date, text: str) -> tuple[int, Changes]:
    text = text.strip()
    if not text:
        raise ValidationError("text", "required")
    if not isinstance(due_on, dt.date):
        raise ValidationError("date", "invalid", due_on)
    _require_contacts([contact_id])
    row = FollowUp.create(
        contact=contact_id, kind=FollowUpKind.TODO.value, due_on=due_on, text=text
    )
    return row.id, _changes([contact_id])


def _require_follow_up(follow_up_id: int) -> FollowUp:
    row = FollowUp.get_or_none(
        (FollowUp.id == follow_up_id) & (FollowUp.kind == FollowUpKind.TODO.value)
    )
    if row is None:
        raise NotFound("follow-up", follow_up_id)
    return row


def set_done(follow_up_id: int, done: bool = True) -> Changes:
    """Complete a follow-up (or reopen it: ``done=False`` is the undo)."""
    row = _require_follow_up(follow_up_id)
    FollowUp.update(done=done).where(FollowUp.id == follow_up_id).execute()
    return _changes([row.contact_id])


def complete_follow_up(follow_up_id: int) -> Changes:
    return set_done(follow_up_id, True)


def delete_follow_up(follow_up_id: int) -> tuple[FollowUpSnapshot, Changes]:
    with database.atomic():
        row = _require_follow_up(follow_up_id)
        snapshot = FollowUpSnapshot(dict(row.__data__))
        row.delete_instance()
    return snapshot, _changes([row.contact_id])


def restore_follow_up(snapshot: FollowUpSnapshot) -> Changes:
    FollowUp.insert(**snapshot.row).execute()
    return _changes([int(str(snapshot.row["contact"]))])


def follow_ups_of(contact_id: int) -> list[FollowUpRow]:
    """The contact's to-dos: open ones first by date, then the done ones, newest first."""
    rows = list(
        FollowUp.select()
        .where((FollowUp.contact == contact_id) & (FollowUp.kind == FollowUpKind.TODO.value))
        .order_by(FollowUp.due_on, FollowUp.id)
    )
    open_rows = [r for r in rows if not r.done]
    done_rows = sorted((r for r in rows if r.done), key=lambda r: (r.due_on, r.id), reverse=True)
    return [
        FollowUpRow(r.id, r.contact_id, r.due_on, r.text, bool(r.done))
        for r in open_rows + done_rows
    ]

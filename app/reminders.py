"""What is due at a given moment, and whether to notify about it (SPEC §3).

Everything takes the moment as an argument; nothing here reads the clock, so tests run
with fixed "todays". Three kinds of reminders:

- **overdue**: a relationship past its due date, unless snoozed (the definition of
  "snoozed" is :func:`app.derived.due_contacts`' ``include_snoozed=False``);
- **follow-up**: an open to-do whose date is today or past;
- **birthday**: today, or within the coming days for the "upcoming" list. A birthday on
  29 February is kept on **28 February** in years without one (the day before the
  birthday would have been, as German and most common practice count it).

The notification policy: nothing during quiet hours (a window that may span midnight,
20:00–08:00 by default); at most one notification per contact per day; when several
contacts are new at once they make one summary. What was notified is written to
:class:`~app.models.NotificationLog` as ``("contact:<id>", day)`` rows, plus a
``"summary"`` row for a summary, so a restart on the same day stays quiet.

Results are facts (kinds, ids, counts, dates); the UI makes the sentences.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from app import settings
from app.derived import DueEntry, due_contacts
from app.models import Contact, FollowUp, FollowUpKind, NotificationLog, database

DEFAULT_BIRTHDAY_DAYS = 7
LOG_KEPT_DAYS = 30
SUMMARY_KEY = "summary"


class ReminderKind(StrEnum):
    OVERDUE = "overdue"
    FOLLOW_UP = "follow-up"
    BIRTHDAY = "birthday"


@dataclass(frozen=True)
class Reminder:
    """One thing to remind the user of, about one contact.

    ``on`` is the due date (overdue, follow-up) or the birthday's date this time round;
    ``days`` is days past due for overdue and follow-ups, days until it for birthdays;
    ``age`` is the age reached on a birthday whose year is known.
    """

    kind: ReminderKind
    contact_id: int
    name: str
    on: dt.date
    days: int
    follow_up_id: int | None = None
    text: str = ""
    age: int | None = None


@dataclass(frozen=True)
class DueReport:
    """Everything due on ``today``.

    ``overdue`` is most overdue first; ``follow_ups`` oldest first; ``birthdays`` the
    coming ones, today first. ``count`` is the number of due relationships (the tray's
    number).
    """

    today: dt.date
    overdue: tuple[Reminder, ...] = ()
    follow_ups: tuple[Reminder, ...] = ()
    birthdays: tuple[Reminder, ...] = ()

    @property
    def count(self) -> int:
        return len(self.overdue)

    @property
    def birthdays_today(self) -> tuple[Reminder, ...]:
        return tuple(b for b in self.birthdays if b.days == 0)

    def notifiable(self) -> tuple[Reminder, ...]:
        """What may cause a notification today: overdue, due follow-ups, birthdays today."""
        return self.birthdays_today + self.follow_ups + self.overdue

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.follow_ups or self.birthdays)


# --- birthdays -------------------------------------------------------------------------


def birthday_in_year(birthday: str | None, year: int) -> dt.date | None:
    """The day a birthday (``YYYY-MM-DD`` or ``--MM-DD``) falls on in ``year``.

    29 February becomes 28 February in years without it. None for an unreadable value.
    """
    if not birthday or len(birthday) < 7:
        return None
    try:
        month, day = int(birthday[-5:-3]), int(birthday[-2:])
    except ValueError:
        return None
    if month == 2 and day == 29 and not calendar.isleap(year):
        day = 28
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def next_birthday(birthday: str | None, today: dt.date) -> dt.date | None:
    """The next time the birthday comes round, today included."""
    this_year = birthday_in_year(birthday, today.year)
    if this_year is None or this_year >= today:
        return this_year
    return birthday_in_year(birthday, today.year + 1)


def _birth_year(birthday: str) -> int | None:
    return int(birthday[:4]) if birthday[:4].isdigit() else None


def upcoming_birthdays(today: dt.date, days: int = DEFAULT_BIRTHDAY_DAYS) -> list[Reminder]:
    """Birthdays of active contacts from today through ``today + days``, soonest first."""
    window = [today + dt.timedelta(days=n) for n in range(days + 1)]
    month_days = {d.strftime("%m-%d") for d in window}
    if any(d.month == 2 and d.day == 28 and not calendar.isleap(d.year) for d in window):
        month_days.add("02-29")
    marks = ",".join("?" * len(month_days))
    rows = database.execute_sql(
        "SELECT id, formatted_name, birthday FROM contact WHERE archived = 0 "
        f"AND birthday IS NOT NULL AND substr(birthday, -5) IN ({marks})",
        sorted(month_days),
    ).fetchall()
    result = []
    for cid, name, birthday in rows:
        on = next_birthday(birthday, today)
        if on is None or on > window[-1]:
            continue
        year = _birth_year(birthday)
        age = on.year - year if year is not None else None
        result.append(Reminder(ReminderKind.BIRTHDAY, cid, name, on, (on - today).days, age=age))
    result.sort(key=lambda r: (r.on, r.name.casefold(), r.contact_id))
    return result


# --- overdue relationships and follow-ups ----------------------------------------------


def _overdue(entry: DueEntry) -> Reminder:
    return Reminder(ReminderKind.OVERDUE, entry.id, entry.name, entry.due_on, entry.overdue_days)


def due_follow_ups(today: dt.date) -> list[Reminder]:
    """Open follow-ups dated today or earlier, of active contacts, oldest first."""
    rows = (
        FollowUp.select(
            FollowUp.id, FollowUp.contact, Contact.formatted_name, FollowUp.due_on, FollowUp.text
        )
        .join(Contact)
        .where(
            (FollowUp.kind == FollowUpKind.TODO.value)
            & (FollowUp.done == False)  # noqa: E712 (peewee expression)
            & (FollowUp.due_on <= today)
            & (Contact.archived == False)  # noqa: E712
        )
        .order_by(FollowUp.due_on, FollowUp.id)
        .tuples()
    )
    return [
        Reminder(
            ReminderKind.FOLLOW_UP,
            contact_id,
            name,
            due_on,
            (today - due_on).days,
            follow_up_id=fid,
            text=text,
        )
        for fid, contact_id, name, due_on, text in rows
    ]


def due_report(today: dt.date, *, birthday_days: int = DEFAULT_BIRTHDAY_DAYS) -> DueReport:
    """Everything due on ``today`` (snoozed relationships left out)."""
    return DueReport(
        today=today,
        overdue=tuple(_overdue(e) for e in due_contacts(today, include_snoozed=False)),
        follow_ups=tuple(due_follow_ups(today)),
        birthdays=tuple(upcoming_birthdays(today, birthday_days)),
    )


# --- the notification policy -----------------------------------------------------------


def in_quiet_hours(moment: dt.time, start: dt.time, end: dt.time) -> bool:
    """Whether ``moment`` falls in ``[start, end)``; the window may span midnight.

    ``start == end`` means no quiet hours at all.
    """
    if start == end:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end


class Action(StrEnum):
    NONE = "none"
    SINGLE = "single"  # one contact: its reminders
    SUMMARY = "summary"  # several contacts at once


class Reason(StrEnum):
    """Why nothing is notified."""

    QUIET_HOURS = "quiet-hours"
    NOTHING_NEW = "nothing-new"


@dataclass(frozen=True)
class Decision:
    """What to notify now.

    ``reminders`` are those of the contacts that are new today (for a single
    notification, all reminders of that one contact), in the report's order: birthdays
    today, follow-ups, overdue. ``total`` counts every contact with something due.
    """

    action: Action
    day: dt.date
    reminders: tuple[Reminder, ...] = ()
    reason: Reason | None = None
    total: int = 0

    @property
    def contact_ids(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(r.contact_id for r in self.reminders))

    @property
    def first(self) -> Reminder | None:
        return self.reminders[0] if self.reminders else None


def contact_key(contact_id: int) -> str:
    return f"contact:{contact_id}"


def decide(
    report: DueReport,
    moment: dt.datetime,
    quiet: tuple[dt.time, dt.time],
    notified_today: set[str] | frozenset[str],
) -> Decision:
    """The pure policy: what to notify at ``moment`` given what was notified today."""
    day = moment.date()
    candidates = report.notifiable()
    total = len({r.contact_id for r in candidates})
    if in_quiet_hours(moment.time(), *quiet):
        return Decision(Action.NONE, day, reason=Reason.QUIET_HOURS, total=total)
    fresh = [r for r in candidates if contact_key(r.contact_id) not in notified_today]
    contacts = list(dict.fromkeys(r.contact_id for r in fresh))
    if not contacts:
        return Decision(Action.NONE, day, reason=Reason.NOTHING_NEW, total=total)
    action = Action.SINGLE if len(contacts) == 1 else Action.SUMMARY
    return Decision(action, day, tuple(fresh), total=total)


def notified_keys(day: dt.date) -> set[str]:
    return {row.key for row in NotificationLog.select().where(NotificationLog.day == day)}


def record(decision: Decision, moment: dt.datetime) -> None:
    """Remember what was notified, so nothing is notified twice on one day."""
    if decision.action is Action.NONE:
        return
    keys = [contact_key(cid) for cid in decision.contact_ids]
    if decision.action is Action.SUMMARY:
        keys.append(SUMMARY_KEY)
    with database.atomic():
        NotificationLog.insert_many(
            [{"key": key, "day": decision.day, "sent_at": moment} for key in keys]
        ).on_conflict_ignore().execute()
        NotificationLog.delete().where(
            NotificationLog.day < decision.day - dt.timedelta(days=LOG_KEPT_DAYS)
        ).execute()


@dataclass
class NotificationPolicy:
    """The policy over the database: due report, quiet hours from settings, the log.

    Holds no state between calls beyond its options, so a new object after a restart
    decides exactly as the old one would have.
    """

    birthday_days: int = DEFAULT_BIRTHDAY_DAYS

    def report(self, moment: dt.datetime) -> DueReport:
        return due_report(moment.date(), birthday_days=self.birthday_days)

    def decide(self, moment: dt.datetime, report: DueReport | None = None) -> Decision:
        """What to notify at ``moment``, without recording it."""
        report = report if report is not None else self.report(moment)
        return decide(report, moment, settings.quiet_hours(), notified_keys(moment.date()))

    def next_notification(self, moment: dt.datetime, report: DueReport | None = None) -> Decision:
        """Decide and record in one transaction: the caller shows what this returns."""
        with database.atomic():
            decision = self.decide(moment, report)
            record(decision, moment)
        return decision

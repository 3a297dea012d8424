"""An iCalendar file of due dates, birthdays and open follow-ups, for any calendar app.

All events are all-day. A birthday repeats every year (a birthday without a year starts in
2000, a leap year, so 29 February works); a due date already past is put on ``today`` so
that it shows; archived contacts are left out. Event UIDs are stable and globally unique:
made from the contact's UID (given one, stored, if it had none), never from a row id alone,
so importing a newer file into the same calendar updates the events instead of duplicating
them, and the exports of two databases never replace each other's events. The words of
the titles come from the caller (the UI translates them); the defaults are English.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from app.interchange.selection import ensure_uids, selected_ids
from app.interchange.store import chunks
from app.models import FollowUpKind, database

if TYPE_CHECKING:
    from icalendar import Event

PRODID = "-//Allies//Allies personal relationship manager//EN"


@dataclass(frozen=True)
class CalendarTitles:
    birthday: str = "Birthday: {name}"
    due: str = "Get in touch with {name}"
    follow_up: str = "{text} ({name})"


def export_ics(
    out: TextIO,
    contact_ids: Iterable[int] | None = None,
    *,
    tag: str | None = None,
    today: dt.date | None = None,
    titles: CalendarTitles | None = None,
) -> int:
    """Write the calendar to ``out`` (open files with ``newline=""``); returns the events."""
    from icalendar import Calendar  # 0.2–0.4 s to import: only when a calendar is written

    today = today or dt.date.today()
    titles = titles or CalendarTitles()
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    ids = selected_ids(contact_ids, tag)
    uids = {cid: _bare_uid(uid) for cid, uid in ensure_uids(ids).items()}
    count = 0
    for chunk in chunks(ids):
        marks = ",".join("?" * len(chunk))
        for cid, name, birthday, due_on in database.execute_sql(
            "SELECT id, formatted_name, birthday, due_on FROM contact "
            f"WHERE archived = 0 AND id IN ({marks})",
            list(chunk),
        ):
            if due_on:
                day = max(dt.date.fromisoformat(due_on), today)
                calendar.add_component(
                    _event(f"{uids[cid]}-due", day, titles.due.format(name=name), stamp)
                )
                count += 1
            if birthday:
                first = _birthday_start(birthday)
                if first is not None:
                    event = _event(
                        f"{uids[cid]}-birthday", first, titles.birthday.format(name=name), stamp
                    )
                    event.add("rrule", _yearly(first))
                    calendar.add_component(event)
                    count += 1
        for fid, cid, created_at, text, due_on, name in database.execute_sql(
            "SELECT f.id, f.contact_id, f.created_at, f.text, f.due_on, c.formatted_name "
            "FROM follow_up f JOIN contact c ON c.id = f.contact_id "
            f"WHERE f.done = 0 AND f.kind = ? AND c.archived = 0 AND c.id IN ({marks})",
            [FollowUpKind.TODO.value, *chunk],
        ):
            summary = titles.follow_up.format(text=text, name=name)
            day = dt.date.fromisoformat(str(due_on)[:10])
            # A follow-up has no UID of its own: its contact's, with when and which one.
            key = uuid.uuid5(uuid.NAMESPACE_URL, f"{uids[cid]}/follow-up/{created_at}/{fid}")
            calendar.add_component(_event(f"{uids[cid]}-follow-up-{key}", day, summary, stamp))
            count += 1
    out.write(calendar.to_ical().decode("utf-8"))
    return count


def _event(uid: str, day: dt.date, summary: str, stamp: dt.datetime) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("transp", "TRANSPARENT")
    return event


def _yearly(first: dt.date) -> dict[str, object]:
    """Every year on the day; a 29 February birthday on the last day of February.

    RFC 5545 skips a recurrence on a date that does not exist, so a plain yearly rule
    from 29 February shows only in leap years (khal, Thunderbird, Google). With
    BYMONTH=2;BYMONTHDAY=-1 it shows on 29 February in leap years and on 28 February
    otherwise: the day before 1 March, still in the birthday's month, which is when most
    people born that day celebrate (and when they come of age under German law, BGB
    § 188(3)); one event series, so editing or deleting it in a calendar is one step.
    """
    if (first.month, first.day) == (2, 29):
        return {"freq": "yearly", "bymonth": 2, "bymonthday": -1}
    return {"freq": "yearly"}


def _bare_uid(uid: str) -> str:
    uid = uid.strip()
    return uid[9:] if uid.lower().startswith("urn:uuid:") else uid


def _birthday_start(birthday: str) -> dt.date | None:
    try:
        if birthday.startswith("--"):
            return dt.date(2000, int(birthday[2:4]), int(birthday[5:7]))
        return dt.date.fromisoformat(birthday)
    except ValueError:
        return None

"""Calendar events: past occurrences with their people, and the kind their title names.

An ``.ics`` file is parsed with ``icalendar``; a recurring event (RRULE, RDATE, EXDATE,
and instances moved with RECURRENCE-ID) is expanded with ``dateutil.rrule`` to its
occurrences up to now. Each occurrence has a stable origin: ``event:<uid>`` for a single
event, ``event:<uid>#<date>`` for one occurrence of a series, so a rescan, an edited file
or a second device never proposes it twice.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from app.models import InteractionKind

MAX_OCCURRENCES = 2000  # per series, counting from its start

# Title words (English and German) that name the kind of encounter, most specific first.
_KIND_WORDS: list[tuple[InteractionKind, str]] = [
    (InteractionKind.LUNCH, r"lunch|mittagessen|mittagstisch|mittag|brunch|dinner|abendessen"),
    (InteractionKind.COFFEE, r"coffee|kaffee|café|cafe|espresso|tea\b|tee\b"),
    (
        InteractionKind.AFTER_WORK,
        r"after[- ]?work|feierabend|drinks?\b|beer|bier|apéro|apero|happy hour|stammtisch",
    ),
    (InteractionKind.CALL, r"call\b|telefonat|anruf|phone|telefon"),
    (InteractionKind.EVENT, r"konferenz|conference|meetup|messe\b|summit|workshop|barcamp"),
]


def kind_from_title(title: str) -> str:
    """The interaction kind a calendar title names; ``meeting`` when it names none."""
    lowered = title.casefold()
    for kind, words in _KIND_WORDS:
        if re.search(rf"(?:^|\W)(?:{words})", lowered):
            return kind.value
    return InteractionKind.MEETING.value


@dataclass(frozen=True)
class Occurrence:
    origin: str
    day: dt.date
    title: str
    people: tuple[tuple[str, str], ...]  # (name, address) of organiser and attendees


def _address(value: object) -> str:
    text = str(value)
    return text[7:] if text.lower().startswith("mailto:") else text


def _people(event: object) -> tuple[tuple[str, str], ...]:
    found: list[tuple[str, str]] = []
    values: list[object] = []
    organizer = event.get("ORGANIZER")  # type: ignore[attr-defined]
    if organizer is not None:
        values.append(organizer)
    attendees = event.get("ATTENDEE")  # type: ignore[attr-defined]
    if attendees is not None:
        values.extend(attendees if isinstance(attendees, list) else [attendees])
    for value in values:
        address = _address(value).strip()
        if "@" in address:
            params = getattr(value, "params", {})
            found.append((str(params.get("CN", "")), address))
    return tuple(found)


def _as_datetime(value: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.astimezone()
    return dt.datetime.combine(value, dt.time(), tzinfo=dt.datetime.now().astimezone().tzinfo)


def _day(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        return (value.astimezone() if value.tzinfo else value).date()
    return value


def parse_calendar(data: bytes) -> list[object]:
    """The VEVENTs of an iCalendar file; a ValueError when it is not one."""
    import icalendar

    calendar = icalendar.Calendar.from_ical(data)
    return [c for c in calendar.walk("VEVENT")]


def past_occurrences(events: Iterable[object], now: dt.datetime) -> Iterator[Occurrence]:
    """Occurrences that ended before ``now`` (started before it, for events without end)."""
    from dateutil.rrule import rruleset, rrulestr

    moved: dict[str, dict[dt.date, object]] = {}
    masters = []
    for event in events:
        uid = str(event.get("UID", "")).strip()  # type: ignore[attr-defined]
        if not uid or event.get("DTSTART") is None:  # type: ignore[attr-defined]
            continue
        if str(event.get("STATUS", "")).upper() == "CANCELLED":  # type: ignore[attr-defined]
            moved.setdefault(uid, {})
            recurrence = event.get("RECURRENCE-ID")  # type: ignore[attr-defined]
            if recurrence is not None:
                moved[uid][_day(recurrence.dt)] = None
            continue
        recurrence = event.get("RECURRENCE-ID")  # type: ignore[attr-defined]
        if recurrence is not None:
            moved.setdefault(uid, {})[_day(recurrence.dt)] = event
        else:
            masters.append((uid, event))
    for uid, event in masters:
        start = event.get("DTSTART").dt  # type: ignore[attr-defined]
        end = event.get("DTEND")  # type: ignore[attr-defined]
        duration = (
            end.dt - start if end is not None and type(end.dt) is type(start) else dt.timedelta()
        )
        title = " ".join(str(event.get("SUMMARY", "")).split())  # type: ignore[attr-defined]
        people = _people(event)
        rule = event.get("RRULE")  # type: ignore[attr-defined]
        if rule is None:
            if _as_datetime(start) + duration <= now:
                yield Occurrence(f"event:{uid}", _day(start), title, people)
            continue
        start_dt = _as_datetime(start)
        rules = rruleset()
        try:
            rules.rrule(rrulestr(rule.to_ical().decode(), dtstart=start_dt))  # type: ignore[arg-type]
        except (ValueError, TypeError):
            continue  # a rule dateutil cannot read (e.g. a floating UNTIL): skip the series
        for prop, add in (("RDATE", rules.rdate), ("EXDATE", rules.exdate)):
            values = event.get(prop)  # type: ignore[attr-defined]
            for value in values if isinstance(values, list) else [values] if values else []:
                for item in value.dts:
                    add(_as_datetime(item.dt))
        overrides = moved.get(uid, {})
        for count, when in enumerate(rules):
            if count >= MAX_OCCURRENCES or when > now:
                break
            day = _day(when)
            origin = f"event:{uid}#{day.isoformat()}"
            if day in overrides:
                other = overrides[day]
                if other is None:
                    continue  # that occurrence was cancelled
                other_start = other.get("DTSTART").dt  # type: ignore[attr-defined]
                if _as_datetime(other_start) + duration > now:
                    continue
                other_title = " ".join(str(other.get("SUMMARY", title)).split())  # type: ignore[attr-defined]
                yield Occurrence(origin, _day(other_start), other_title, _people(other) or people)
                continue
            if when + duration <= now:
                yield Occurrence(origin, day, title, people)

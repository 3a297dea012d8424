"""The line reader of plain Allies objects (app.sync.ical_lines) reads what icalendar reads.

Every object Allies writes, with hostile text in every field, is read by the fast path
(no fallback) into the very object icalendar gives; anything else — what calendar apps
write — falls back to icalendar and still gives icalendar's object.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from app.sync.ical_lines import NotPlain, read_component
from app.sync.ical_map import (
    ExchangeEvent,
    ExchangeItem,
    FollowUpTodo,
    GoalTodo,
    InteractionEvent,
    Person,
    parse_slow,
    parse_stamped,
    to_ical,
)
from tests.sync.test_ical_map import OBJECTS

NASTY = [
    "",
    "plain",
    'quote " and "two" quotes',
    "semi; colon: comma, backslash \\ end\\",
    "line one\nline two\r\nthree",
    "caret ^ and ^n and ^' and ^^",
    "\\n literally, \\, \\; \\\\",
    "ümlaut ß 漢字 😀 " * 6,
    "trailing space ",
    " leading space",
    "equals = sign; x=y",
    "a" * 200,
    "tab\there",
    "mailto:someone@example.org",
    "BEGIN:VEVENT",
    "\u2028 unicode line separator \x0b vertical tab \x1c",
]


# What people write: quotes, punctuation, line breaks, any script (no control characters,
# no backslashes in names: icalendar reads those its own way, and so does the fallback).
PLAIN = ["Anna", 'Bert "Bertie" Kunz; Jr.', "Cleo, Dr.", "ü ß 漢字 😀", "a:b", "x ^ y", "O'Neil"]


def _text(rng: random.Random, words: list[str]) -> str:
    return "".join(rng.choice(words) for _ in range(rng.randint(1, 3)))


def _objects(count: int, nasty: bool) -> list:
    rng = random.Random(15 + nasty)
    words = NASTY if nasty else [*PLAIN, "line one\nline two", "semi; colon: comma, back\\slash"]
    names = NASTY if nasty else PLAIN
    found: list = []
    for n in range(count):
        people = tuple(
            Person(f"uid-{n}-{k}", _text(rng, names), rng.choice(["", f"p{n}@example.org"]))
            for k in range(rng.randint(1, 3))
        )
        item = ExchangeItem(
            f"x{n}",
            people[0],
            rng.choice(["gave", "received"]),
            rng.choice(["help", "advice", "recommendation"]),
            _text(rng, words),
            rng.randint(1, 3),
            _text(rng, names),
            rng.random() < 0.5,
        )
        day = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(-800, 800))
        found.append(
            InteractionEvent(
                f"i{n}",
                day,
                rng.choice(["lunch", "call", "other", "meeting"]),
                _text(rng, words),
                _text(rng, words),
                people,
                (item,) if rng.random() < 0.5 else (),
                f"message-id:<CAK{n}@mail.example>#{day}" if rng.random() < 0.3 else "",
            )
        )
        found.append(ExchangeEvent(day, item))
        found.append(FollowUpTodo(f"f{n}", people[0], day, _text(rng, words), rng.random() < 0.5))
        found.append(
            GoalTodo(f"g{n}", _text(rng, words), _text(rng, words), day, rng.random() < 0.5, people)
        )
    return found


STAMP = dt.datetime(2026, 12, 6, 9, 30, tzinfo=dt.UTC)


def _outcome(read, text: str):
    try:
        return read(text)
    except ValueError as exc:  # unreadable: the sync skips it either way
        return type(exc)


@pytest.mark.parametrize("obj", [*OBJECTS, *_objects(40, False)], ids=lambda o: o.uid)
def test_the_fast_reader_reads_what_allies_writes_as_icalendar_does(obj) -> None:
    text = to_ical(obj, STAMP)
    read_component(text)  # no fallback: the fast path reads it
    fast = parse_stamped(text)
    assert fast == parse_slow(text)
    assert fast[0] is not None and fast[0].uid == obj.uid


def test_hostile_text_is_read_as_icalendar_reads_it() -> None:
    """Control characters, backslashes, stray spaces in names: either reader, same result."""
    for obj in _objects(60, True):
        text = to_ical(obj, STAMP)
        assert _outcome(parse_stamped, text) == _outcome(parse_slow, text), text


PHONE_EDITS = {
    "a time zone": (
        "DTSTART;VALUE=DATE:20261120\r\nDTEND;VALUE=DATE:20261121\r\n",
        "DTSTART;TZID=Europe/Berlin:20261120T123000\r\nDTEND;TZID=Europe/Berlin:20261120T133000\r\n",
    ),
    "a floating time": (
        "DTSTART;VALUE=DATE:20261120\r\n",
        "DTSTART:20261120T123000\r\n",
    ),
    "an alarm": (
        "END:VEVENT\r\n",
        "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\nEND:VEVENT\r\n",
    ),
    "another property": (
        "END:VEVENT\r\n",
        "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC\r\nEND:VEVENT\r\n",
    ),
    "a list parameter": ("CUTYPE=INDIVIDUAL", "CUTYPE=INDIVIDUAL,GROUP"),
    "an unknown escape": ("SUMMARY:Lunch", "SUMMARY:Lunch \\t"),
    "lower-case names": ("SUMMARY:", "summary:"),
    "LF line ends": ("\r\n", "\n"),
}


@pytest.mark.parametrize("edit", PHONE_EDITS, ids=str)
def test_what_calendar_apps_write_is_read_as_icalendar_reads_it(edit: str) -> None:
    old, new = PHONE_EDITS[edit]
    text = to_ical(OBJECTS[1], STAMP)
    assert old in text
    edited = text.replace(old, new)
    assert parse_stamped(edited) == parse_slow(edited)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nBEGIN:VTODO\r\nEND:VTODO\r\n"
        "END:VCALENDAR\r\n",
        'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nATTENDEE;CN="open:x@y\r\nEND:VEVENT\r\n'
        "END:VCALENDAR\r\n",
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026-11-20\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    ],
)
def test_anything_odd_goes_to_icalendar(text: str) -> None:
    with pytest.raises(NotPlain):
        read_component(text)

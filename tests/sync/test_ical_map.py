"""The history ↔ iCalendar mapping (app.sync.ical_map): round trips and other programs' edits."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from app.sync.ical_map import (
    ExchangeEvent,
    ExchangeItem,
    FollowUpTodo,
    GoalTodo,
    InteractionEvent,
    Person,
    fields,
    parse,
    to_ical,
    with_fields,
)

ANNA = Person("a1", "Anna Müller", "anna@nordwind.example")
BERT = Person("b2", 'Bert "Bertie" Kunz; Jr.', "")
STAMP = dt.datetime(2026, 12, 6, 10, 0, tzinfo=dt.UTC)

LUNCH = InteractionEvent(
    uid="i1",
    occurred_on=dt.date(2026, 11, 20),
    kind="lunch",
    summary="At the harbour: pricing, hiring",
    notes="Line one\nLine two; with, punctuation",
    participants=(ANNA, BERT),
    exchanges=(
        ExchangeItem(
            "x1",
            ANNA,
            "received",
            "recommendation",
            'for the job, "senior"',
            3,
            'got "the" job;\nstarts in May',
            False,
        ),  # fmt: skip
        ExchangeItem("x2", BERT, "received", "recommendation", "for the job", 3, "", True),
    ),
    origin="<CAK123@mail.example>",
)
STANDALONE = ExchangeEvent(
    occurred_on=dt.date(2026, 11, 25),
    exchange=ExchangeItem("x3", BERT, "gave", "information", "an article on pricing", 1),
)
FOLLOW_UP = FollowUpTodo("f1", ANNA, dt.date(2026, 12, 10), "Send the article", False)
GOAL = GoalTodo("g1", "Team lead by summer", "Build the case", dt.date(2027, 6, 30), False,
                (ANNA, BERT))  # fmt: skip
FOLLOW_UP_URN = FollowUpTodo("f2", Person("urn:uuid:c3", "Cleo"), dt.date(2026, 12, 1), "Call")
OBJECTS = [FOLLOW_UP_URN, LUNCH, STANDALONE, FOLLOW_UP, GOAL]


@pytest.mark.parametrize("obj", OBJECTS, ids=lambda o: o.object)
def test_round_trip(obj) -> None:
    text = to_ical(obj, STAMP)
    assert parse(text) == obj
    assert parse(text.encode()) == obj
    assert with_fields(obj, fields(obj)) == obj
    Calendar.from_ical(text)  # icalendar reads it
    assert "\r\n" in text and all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_interaction_is_an_all_day_event_with_named_attendees() -> None:
    cal = Calendar.from_ical(to_ical(LUNCH, STAMP))
    [event] = cal.walk("VEVENT")
    assert event.decoded("DTSTART") == dt.date(2026, 11, 20)
    assert event.decoded("DTEND") == dt.date(2026, 11, 21)
    assert str(event["SUMMARY"]) == "Lunch: At the harbour: pricing, hiring"
    assert str(event["DESCRIPTION"]) == LUNCH.notes
    assert [str(c) for c in event["CATEGORIES"].cats] == ["lunch"]
    attendees = event["ATTENDEE"]
    assert [str(a) for a in attendees] == ["mailto:anna@nordwind.example", "urn:uuid:b2"]
    assert str(parse(to_ical(FOLLOW_UP_URN)).contact.uid) == "urn:uuid:c3"
    assert [a.params["CN"] for a in attendees] == ["Anna Müller", BERT.name]
    assert [a.params["X-ALLIES-CONTACT"] for a in attendees] == ["a1", "b2"]
    assert str(event["X-ALLIES-ORIGIN"]) == LUNCH.origin
    assert "ORGANIZER" not in event  # no scheduling: no server sends invitations


def test_todos_have_due_dates_and_completion() -> None:
    [todo] = Calendar.from_ical(to_ical(FOLLOW_UP, STAMP)).walk("VTODO")
    assert todo.decoded("DUE") == dt.date(2026, 12, 10)
    assert str(todo["STATUS"]) == "NEEDS-ACTION" and "COMPLETED" not in todo
    assert str(todo["CONTACT"]) == "Anna Müller"
    done = FollowUpTodo("f1", ANNA, dt.date(2026, 12, 10), "Send the article", True)
    [todo] = Calendar.from_ical(to_ical(done, STAMP)).walk("VTODO")
    assert str(todo["STATUS"]) == "COMPLETED" and todo.decoded("COMPLETED") == STAMP
    assert parse(to_ical(done, STAMP)) == done
    no_date = GoalTodo("g2", "Someday")
    assert "DUE" not in to_ical(no_date)
    assert parse(to_ical(no_date)) == no_date


def _edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


def test_edits_by_a_calendar_app() -> None:
    text = to_ical(LUNCH, STAMP)
    # moved to another day, at a time, in another zone
    moved = _edit(text, "DTSTART;VALUE=DATE:20261120", "DTSTART:20261124T113000Z")
    moved = _edit(moved, "DTEND;VALUE=DATE:20261121", "DTEND:20261124T123000Z")
    assert parse(moved).occurred_on == dt.date(2026, 11, 24)
    # a new title without the kind prefix: all of it is the summary, the kind stays
    retitled = _edit(text, "SUMMARY:Lunch: At the harbour: pricing\\, hiring", "SUMMARY:Pizza")
    assert (parse(retitled).kind, parse(retitled).summary) == ("lunch", "Pizza")
    # the kind prefix alone: an empty summary
    bare = _edit(text, "SUMMARY:Lunch: At the harbour: pricing\\, hiring", "SUMMARY:Coffee")
    assert (parse(bare).kind, parse(bare).summary) == ("coffee", "")
    # an app that drops X- parameters: the attendee is still known by e-mail and name
    stripped = _edit(to_ical(FOLLOW_UP, STAMP), ";X-ALLIES-CONTACT=a1", "")
    assert parse(stripped).contact == Person("", "Anna Müller", "anna@nordwind.example")
    # a task app that completes with PERCENT-COMPLETE / COMPLETED only
    todo = to_ical(FOLLOW_UP, STAMP).replace("STATUS:NEEDS-ACTION\r\n", "")
    todo = _edit(todo, "END:VTODO", "COMPLETED:20261207T080000Z\r\nEND:VTODO")
    assert parse(todo).done


def test_objects_of_other_programs_are_not_ours() -> None:
    foreign = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Phone//EN\r\nBEGIN:VEVENT\r\n"
        "UID:phone-1\r\nDTSTAMP:20261206T100000Z\r\nDTSTART;VALUE=DATE:20261201\r\n"
        "SUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert parse(foreign) is None
    with pytest.raises(ValueError):
        parse("this is not iCalendar")


def test_fields_name_contacts_by_uid_in_a_stable_order() -> None:
    values = fields(LUNCH)
    assert values["participants"] == ["a1", "b2"]
    assert [k for k in values if k.startswith("exchange:")] == ["exchange:x1", "exchange:x2"]
    assert values["exchange:x2"] == {"contact": "b2", "direction": "received",
        "kind": "recommendation", "description": "for the job", "weight": 3, "outcome": "",
        "thanked": True}  # fmt: skip
    removed = with_fields(LUNCH, {**values, "exchange:x1": None})
    assert [e.uid for e in removed.exchanges] == ["x2"]
    reordered = InteractionEvent(**{**LUNCH.__dict__, "participants": (BERT, ANNA),
                                     "exchanges": LUNCH.exchanges[::-1]})  # fmt: skip
    assert fields(reordered) == values
    merged = with_fields(LUNCH, {**values, "participants": ["a1"], "summary": "Changed"})
    assert merged.participants == (ANNA,) and merged.summary == "Changed"
    assert fields(GOAL)["allies"] == ["a1", "b2"]
    assert fields(STANDALONE)["contact"] == "b2"
    assert fields(FOLLOW_UP) == {"contact": "a1", "due": "2026-12-10", "text": "Send the article",
                                 "done": False}  # fmt: skip

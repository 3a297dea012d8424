"""The history as iCalendar objects (SPEC §10, documented in docs/sync.md): pure, no database.

- An interaction is a VEVENT on its date (all-day: interactions carry no time; an event a
  calendar app gave a time keeps that time, see :func:`timed_on`), SUMMARY "Kind:
  summary", DESCRIPTION its notes, CATEGORIES its kind, one ATTENDEE per participant
  (``mailto:`` their e-mail when known, else ``urn:uuid:`` their uid) with the contact's
  UID in the ``X-ALLIES-CONTACT`` parameter, its origin key (what capture accepted it
  from) as ``X-ALLIES-ORIGIN``, and one ``X-ALLIES-EXCHANGE`` per exchange.
- An exchange without an interaction is a VEVENT of its own with one ATTENDEE and its
  ``X-ALLIES-EXCHANGE``.
- A follow-up is a VTODO: SUMMARY its text, DUE its date, the contact as ATTENDEE and
  CONTACT, STATUS/COMPLETED when done. A goal is a VTODO: SUMMARY its title, DESCRIPTION,
  DUE its target date, one ATTENDEE per ally, COMPLETED when achieved.

Every object Allies writes says what it is in ``X-ALLIES-OBJECT``; an object without it
was written by another program and is none of Allies' business (:func:`parse` returns
None). Objects as Allies writes them are read by the small line reader of
:mod:`app.sync.ical_lines` (a first download reads thousands); anything else by
icalendar. Reading is lenient where calendar apps differ: a timed DTSTART (a user moved
the lunch to 12:30) gives its local date and the time it has (field ``time``), a missing
``X-ALLIES-CONTACT`` falls back to the e-mail and then to the name, a SUMMARY without
the kind prefix is the whole summary.

:func:`fields` flattens an object into the JSON values the three-way merge compares
(contacts by uid, each exchange of an interaction a field ``exchange:<uid>`` of its own),
and :func:`with_fields` puts merged values back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from icalendar import Calendar, Event, Todo, vCalAddress, vText

from app.sync.ical_lines import NotPlain, PlainValue, read_component

PRODID = "-//Allies//Allies personal relationship manager//EN"

INTERACTION = "interaction"
EXCHANGE = "exchange"
FOLLOW_UP = "follow-up"
GOAL = "goal"
OBJECT_KINDS = (INTERACTION, EXCHANGE, FOLLOW_UP, GOAL)

OBJECT = "X-ALLIES-OBJECT"
CONTACT_PARAM = "X-ALLIES-CONTACT"
EXCHANGE_PROP = "X-ALLIES-EXCHANGE"
ORIGIN_PROP = "X-ALLIES-ORIGIN"

# SUMMARY prefixes by interaction kind (the phone shows them; the kind itself is CATEGORIES).
KIND_LABELS = {
    "lunch": "Lunch",
    "coffee": "Coffee",
    "after-work": "After-work",
    "call": "Call",
    "email": "E-mail",
    "message": "Message",
    "meeting": "Meeting",
    "event": "Event",
    "other": "Other",
}
DIRECTION_LABELS = {"gave": "Gave", "received": "Received"}


@dataclass(frozen=True)
class Person:
    """A contact as an object names it: its uid, and name and e-mail for other programs."""

    uid: str
    name: str = ""
    email: str = ""


@dataclass(frozen=True)
class ExchangeItem:
    uid: str
    contact: Person
    direction: str
    kind: str
    description: str = ""
    weight: int = 1
    outcome: str = ""
    thanked: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "uid": self.uid,
            "contact": self.contact.uid,
            "direction": self.direction,
            "kind": self.kind,
            "description": self.description,
            "weight": self.weight,
            "outcome": self.outcome,
            "thanked": self.thanked,
        }


@dataclass(frozen=True)
class InteractionEvent:
    uid: str
    occurred_on: dt.date
    kind: str
    summary: str = ""
    notes: str = ""
    participants: tuple[Person, ...] = ()
    exchanges: tuple[ExchangeItem, ...] = ()
    origin: str = ""
    # (start, end) when a calendar app gave the event a time: UTC, or naive for a
    # floating time; None for the all-day event Allies writes.
    timed: tuple[dt.datetime, dt.datetime] | None = None
    object: str = field(default=INTERACTION, init=False)


@dataclass(frozen=True)
class ExchangeEvent:
    occurred_on: dt.date
    exchange: ExchangeItem
    object: str = field(default=EXCHANGE, init=False)

    @property
    def uid(self) -> str:
        return self.exchange.uid


@dataclass(frozen=True)
class FollowUpTodo:
    uid: str
    contact: Person
    due_on: dt.date
    text: str
    done: bool = False
    object: str = field(default=FOLLOW_UP, init=False)


@dataclass(frozen=True)
class GoalTodo:
    uid: str
    title: str
    description: str = ""
    target_date: dt.date | None = None
    achieved: bool = False
    allies: tuple[Person, ...] = ()
    object: str = field(default=GOAL, init=False)


HistoryObject = InteractionEvent | ExchangeEvent | FollowUpTodo | GoalTodo


# --- writing ---------------------------------------------------------------------------


def _stamp(stamp: dt.datetime | None) -> dt.datetime:
    value = stamp or dt.datetime.now(dt.UTC)
    if value.tzinfo is None:
        value = value.astimezone()
    return value.astimezone(dt.UTC).replace(microsecond=0)


def _attendee(person: Person) -> vCalAddress:
    if person.email:
        value = f"mailto:{person.email}"
    elif person.uid.lower().startswith("urn:"):
        value = person.uid
    else:
        value = f"urn:uuid:{person.uid}"
    address = vCalAddress(value)
    if person.name:
        address.params["CN"] = person.name
    address.params["CUTYPE"] = "INDIVIDUAL"
    address.params[CONTACT_PARAM] = person.uid
    return address


def _exchange_prop(item: ExchangeItem) -> vText:
    prop = vText(item.description)
    prop.params["X-UID"] = item.uid
    prop.params["DIRECTION"] = item.direction
    prop.params["KIND"] = item.kind
    prop.params["WEIGHT"] = str(item.weight)
    prop.params["THANKED"] = "TRUE" if item.thanked else "FALSE"
    if item.outcome:
        prop.params["OUTCOME"] = item.outcome
    prop.params[CONTACT_PARAM] = item.contact.uid
    if item.contact.name:
        prop.params["CN"] = item.contact.name
    return prop


def _all_day(component: Event, day: dt.date) -> None:
    component.add("dtstart", day)
    component.add("dtend", day + dt.timedelta(days=1))
    component.add("transp", "TRANSPARENT")


def _local_date(moment: dt.datetime) -> dt.date:
    return (moment.astimezone() if moment.tzinfo is not None else moment).date()


def timed_on(
    timed: tuple[dt.datetime, dt.datetime], day: dt.date
) -> tuple[dt.datetime, dt.datetime]:
    """The time of an event moved to ``day`` (the local date of its start), same length.

    The interaction keeps only its date; its time is what the calendar app last gave it
    (kept in the sync state). When the date changes here, the time of day goes along."""
    start, end = timed
    shift = dt.timedelta(days=(day - _local_date(start)).days)
    return start + shift, end + shift


def _utc_or_floating(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        return value.replace(microsecond=0)
    return value.astimezone(dt.UTC).replace(microsecond=0)


def interaction_summary(kind: str, summary: str) -> str:
    label = KIND_LABELS.get(kind, KIND_LABELS["other"])
    return f"{label}: {summary}" if summary else label


def exchange_summary(item: ExchangeItem) -> str:
    head = f"{DIRECTION_LABELS.get(item.direction, item.direction)} {item.kind}"
    return f"{head}: {item.description}" if item.description else head


def to_ical(
    obj: HistoryObject, stamp: dt.datetime | None = None, modified: dt.datetime | None = None
) -> str:
    """One VCALENDAR with the object's one component (CRLF line ends, folded).

    ``modified``, when the object last changed here, is its LAST-MODIFIED: what another
    installation compares with its own edits (else DTSTAMP, the time it is written)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    component: Event | Todo
    if isinstance(obj, InteractionEvent | ExchangeEvent):
        component = Event()
    else:
        component = Todo()
    component.add("uid", obj.uid)
    component.add("dtstamp", _stamp(stamp))
    if modified is not None:
        component.add("last-modified", _stamp(modified))
    component.add(OBJECT, obj.object)
    if isinstance(obj, InteractionEvent):
        if obj.timed is None:
            _all_day(component, obj.occurred_on)
        else:
            start, end = timed_on(obj.timed, obj.occurred_on)
            component.add("dtstart", start)
            component.add("dtend", end)
        component.add("summary", interaction_summary(obj.kind, obj.summary))
        if obj.notes:
            component.add("description", obj.notes)
        component.add("categories", [obj.kind])
        for person in obj.participants:
            component.add("attendee", _attendee(person))
        for item in obj.exchanges:
            component.add(EXCHANGE_PROP, _exchange_prop(item))
        if obj.origin:
            component.add(ORIGIN_PROP, obj.origin)
    elif isinstance(obj, ExchangeEvent):
        _all_day(component, obj.occurred_on)
        component.add("summary", exchange_summary(obj.exchange))
        component.add("categories", [obj.exchange.kind])
        component.add("attendee", _attendee(obj.exchange.contact))
        component.add(EXCHANGE_PROP, _exchange_prop(obj.exchange))
    elif isinstance(obj, FollowUpTodo):
        component.add("summary", obj.text)
        component.add("due", obj.due_on)
        if obj.contact.name:
            component.add("contact", obj.contact.name)
        component.add("attendee", _attendee(obj.contact))
        _status(component, obj.done, stamp)
    else:
        component.add("summary", obj.title)
        if obj.description:
            component.add("description", obj.description)
        if obj.target_date is not None:
            component.add("due", obj.target_date)
        component.add("categories", ["goal"])
        for person in obj.allies:
            component.add("attendee", _attendee(person))
        _status(component, obj.achieved, stamp)
    calendar.add_component(component)
    return calendar.to_ical().decode("utf-8")


def _status(component: Todo, done: bool, stamp: dt.datetime | None) -> None:
    if done:
        component.add("status", "COMPLETED")
        component.add("completed", _stamp(stamp))
        component.add("percent-complete", 100)
    else:
        component.add("status", "NEEDS-ACTION")


# --- reading ---------------------------------------------------------------------------


def parse(text: str | bytes) -> HistoryObject | None:
    """The Allies object in a calendar resource; None when another program wrote it.

    Raises ValueError when the text is not iCalendar at all.
    """
    return parse_stamped(text)[0]


def parse_stamped(text: str | bytes) -> tuple[HistoryObject | None, dt.datetime | None]:
    """:func:`parse`, and when the object last changed there (LAST-MODIFIED, else DTSTAMP)."""
    if isinstance(text, str):
        try:
            return _stamped(read_component(text))
        except NotPlain:
            pass  # not as Allies writes it: icalendar reads it
    calendar = Calendar.from_ical(text)
    for component in calendar.walk():
        if component.name not in ("VEVENT", "VTODO"):
            continue
        if "RECURRENCE-ID" in component:
            continue
        return _stamped(component)
    return None, None


def parse_slow(text: str | bytes) -> tuple[HistoryObject | None, dt.datetime | None]:
    """:func:`parse_stamped` by icalendar alone (the tests compare both readers)."""
    return parse_stamped(text.encode("utf-8") if isinstance(text, str) else text)


def _stamped(component: Any) -> tuple[HistoryObject | None, dt.datetime | None]:
    stamp = None
    for name in ("LAST-MODIFIED", "DTSTAMP"):
        if name in component:
            value = component.decoded(name)
            stamp = value if isinstance(value, dt.datetime) else None
            break
    return _component(component), stamp


def _component(component: Any) -> HistoryObject | None:
    kind = _text(component.get(OBJECT)).strip().lower()
    if kind not in OBJECT_KINDS:
        return None
    uid = _text(component.get("UID")).strip()
    if not uid:
        raise ValueError("an Allies object without a UID")
    if kind == INTERACTION and component.name == "VEVENT":
        return _interaction(component, uid)
    if kind == EXCHANGE and component.name == "VEVENT":
        return _exchange_event(component, uid)
    if kind == FOLLOW_UP and component.name == "VTODO":
        return _follow_up(component, uid)
    if kind == GOAL and component.name == "VTODO":
        return _goal(component, uid)
    return None


_UNESCAPE = re.compile(r"\\(.)")
_UNESCAPED = {"n": "\n", "N": "\n"}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0]
    if isinstance(value, PlainValue) and not value.raw:
        return str(value)
    if isinstance(value, vText) or type(value) is str:
        return str(value)
    # X- properties come back unparsed (vUnknown, or raw from the line reader): unescape
    # them as TEXT.
    raw = value.to_ical() if hasattr(value, "to_ical") else value
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", "replace")
    return _UNESCAPE.sub(lambda m: _UNESCAPED.get(m.group(1), m.group(1)), str(raw))


def _list(component: Any, name: str) -> list[Any]:
    value = component.get(name)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _day(component: Any, name: str) -> dt.date | None:
    if name not in component:
        return None
    value = component.decoded(name)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone()
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def _person(address: Any) -> Person:
    params = getattr(address, "params", {})
    value = str(address)
    email = value[7:] if value.lower().startswith("mailto:") else ""
    uid = str(params.get(CONTACT_PARAM, "") or "")
    if not uid and value.lower().startswith("urn:"):
        uid = value  # the contact's UID as it is (a card's UID is often urn:uuid:…)
    return Person(uid=uid, name=str(params.get("CN", "") or ""), email=email)


def _people(component: Any) -> tuple[Person, ...]:
    return tuple(_person(a) for a in _list(component, "ATTENDEE"))


def _categories(component: Any) -> list[str]:
    result: list[str] = []
    for value in _list(component, "CATEGORIES"):
        cats = getattr(value, "cats", None)
        result += [str(c) for c in cats] if cats is not None else str(value).split(",")
    return [c.strip() for c in result if c.strip()]


def _exchange_item(prop: Any, people: Mapping[str, Person]) -> ExchangeItem:
    params = prop.params
    contact_uid = str(params.get(CONTACT_PARAM, "") or "")
    person = people.get(contact_uid) or Person(contact_uid, str(params.get("CN", "") or ""))
    try:
        weight = min(3, max(1, int(str(params.get("WEIGHT", "1")))))
    except ValueError:
        weight = 1
    return ExchangeItem(
        uid=str(params.get("X-UID", "") or ""),
        contact=person,
        direction=str(params.get("DIRECTION", "gave")).lower(),
        kind=str(params.get("KIND", "help")).lower(),
        description=_text(prop),
        weight=weight,
        outcome=str(params.get("OUTCOME", "") or ""),
        thanked=str(params.get("THANKED", "FALSE")).upper() == "TRUE",
    )


def _timed(component: Any) -> tuple[dt.datetime, dt.datetime] | None:
    """(start, end) of a timed event (UTC, or naive when floating); None when all-day."""
    start = component.decoded("DTSTART") if "DTSTART" in component else None
    if not isinstance(start, dt.datetime):
        return None
    end: Any = None
    if "DTEND" in component:
        end = component.decoded("DTEND")
    elif "DURATION" in component:
        duration = component.decoded("DURATION")
        end = start + duration if isinstance(duration, dt.timedelta) else None
    if not isinstance(end, dt.datetime) or (end.tzinfo is None) != (start.tzinfo is None):
        end = start
    return _utc_or_floating(start), _utc_or_floating(end)


def _interaction(component: Any, uid: str) -> InteractionEvent:
    day = _day(component, "DTSTART")
    if day is None:
        raise ValueError("an interaction without a date")
    categories = [c.lower() for c in _categories(component)]
    kind = next((c for c in categories if c in KIND_LABELS), "")
    summary = _text(component.get("SUMMARY")).strip()
    prefixed = _strip_label(summary, kind)
    if prefixed is not None:
        kind, summary = prefixed
    participants = _people(component)
    people = {p.uid: p for p in participants if p.uid}
    exchanges = tuple(_exchange_item(p, people) for p in _list(component, EXCHANGE_PROP))
    return InteractionEvent(
        uid=uid,
        occurred_on=day,
        kind=kind or "other",
        summary=summary,
        notes=_text(component.get("DESCRIPTION")),
        participants=participants,
        exchanges=exchanges,
        origin=_text(component.get(ORIGIN_PROP)).strip(),
        timed=_timed(component),
    )


def _strip_label(summary: str, kind: str) -> tuple[str, str] | None:
    """(kind, summary) when ``summary`` starts with a kind's label ("Lunch: …", "Lunch")."""
    labels = [(kind, KIND_LABELS[kind])] if kind else []
    labels += [(k, v) for k, v in KIND_LABELS.items() if k != kind]
    folded = summary.casefold()
    for k, label in labels:
        low = label.casefold()
        if folded == low:
            return k, ""
        if folded.startswith(low + ":"):
            return k, summary[len(label) + 1 :].strip()
    return None


def _exchange_event(component: Any, uid: str) -> ExchangeEvent:
    day = _day(component, "DTSTART")
    props = _list(component, EXCHANGE_PROP)
    if day is None or not props:
        raise ValueError("an exchange without a date or its X-ALLIES-EXCHANGE")
    people = {p.uid: p for p in _people(component) if p.uid}
    item = replace(_exchange_item(props[0], people), uid=uid)
    if not item.contact.uid and people:
        item = replace(item, contact=next(iter(people.values())))
    return ExchangeEvent(occurred_on=day, exchange=item)


def _done(component: Any) -> bool:
    status = _text(component.get("STATUS")).strip().upper()
    if status:
        return status == "COMPLETED"
    if "COMPLETED" in component:
        return True
    try:
        return int(str(component.get("PERCENT-COMPLETE", 0))) >= 100
    except ValueError:
        return False


def _follow_up(component: Any, uid: str) -> FollowUpTodo:
    due = _day(component, "DUE") or _day(component, "DTSTART")
    people = _people(component)
    if due is None or not people:
        raise ValueError("a follow-up without a due date or a contact")
    return FollowUpTodo(
        uid=uid,
        contact=people[0],
        due_on=due,
        text=_text(component.get("SUMMARY")).strip(),
        done=_done(component),
    )


def _goal(component: Any, uid: str) -> GoalTodo:
    return GoalTodo(
        uid=uid,
        title=_text(component.get("SUMMARY")).strip(),
        description=_text(component.get("DESCRIPTION")),
        target_date=_day(component, "DUE"),
        achieved=_done(component),
        allies=_people(component),
    )


# --- fields for the three-way merge ----------------------------------------------------


EXCHANGE_FIELD = "exchange:"


def _exchange_value(item: ExchangeItem) -> dict[str, Any]:
    value = item.as_json()
    del value["uid"]
    return value


def _uids(people: Iterable[Person]) -> list[str]:
    return sorted({p.uid for p in people if p.uid})


def _iso(value: dt.datetime) -> str:
    text = value.replace(tzinfo=None).isoformat()
    return text + "Z" if value.tzinfo is not None else text


def _moment(text: str) -> dt.datetime:
    if text.endswith("Z"):
        return dt.datetime.fromisoformat(text[:-1]).replace(tzinfo=dt.UTC)
    return dt.datetime.fromisoformat(text)


def time_field(timed: tuple[dt.datetime, dt.datetime], day: dt.date) -> dict[str, str]:
    """The ``time`` field of a timed event on ``day``: its start and end, ISO 8601."""
    start, end = timed_on(timed, day)
    return {"start": _iso(start), "end": _iso(end)}


def time_value(value: Any) -> tuple[dt.datetime, dt.datetime] | None:
    """The (start, end) of a ``time`` field; None when there is none or it is unreadable."""
    if not isinstance(value, dict):
        return None
    try:
        return _moment(value["start"]), _moment(value["end"])
    except (KeyError, TypeError, ValueError):
        return None


def fields(obj: HistoryObject) -> dict[str, Any]:
    """The object as JSON values per field; contacts by uid, lists in a canonical order.

    A timed interaction has one more field, ``time`` (absent when all-day, so the fields
    of the objects Allies writes are the same as before)."""
    if isinstance(obj, InteractionEvent):
        timed = {"time": time_field(obj.timed, obj.occurred_on)} if obj.timed else {}
        return {
            **timed,
            "date": obj.occurred_on.isoformat(),
            "kind": obj.kind,
            "summary": obj.summary,
            "notes": obj.notes,
            "participants": _uids(obj.participants),
            "origin": obj.origin,
            # One field per exchange, so that what each side did to one exchange (thanked
            # here, outcome written there) merges on its own.
            **{EXCHANGE_FIELD + e.uid: _exchange_value(e) for e in obj.exchanges if e.uid},
        }
    if isinstance(obj, ExchangeEvent):
        data = obj.exchange.as_json()
        del data["uid"]
        return {"date": obj.occurred_on.isoformat(), **data}
    if isinstance(obj, FollowUpTodo):
        return {
            "contact": obj.contact.uid,
            "due": obj.due_on.isoformat(),
            "text": obj.text,
            "done": obj.done,
        }
    return {
        "title": obj.title,
        "description": obj.description,
        "target_date": obj.target_date.isoformat() if obj.target_date else None,
        "achieved": obj.achieved,
        "allies": _uids(obj.allies),
    }


def _person_for(uid: str, known: Mapping[str, Person]) -> Person:
    return known.get(uid) or Person(uid)


def with_fields(
    obj: HistoryObject, values: Mapping[str, Any], people: Iterable[Person] = ()
) -> HistoryObject:
    """``obj`` with merged field values; ``people`` name the contacts the values refer to."""
    known = {p.uid: p for p in people if p.uid}
    if isinstance(obj, InteractionEvent):
        known = {**{p.uid: p for p in obj.participants if p.uid}, **known}
        return replace(
            obj,
            occurred_on=dt.date.fromisoformat(values["date"]),
            kind=values["kind"],
            summary=values["summary"],
            notes=values["notes"],
            participants=tuple(_person_for(u, known) for u in values["participants"]),
            exchanges=tuple(
                ExchangeItem(
                    uid=key[len(EXCHANGE_FIELD) :],
                    contact=_person_for(e["contact"], known),
                    direction=e["direction"],
                    kind=e["kind"],
                    description=e["description"],
                    weight=int(e["weight"]),
                    outcome=e["outcome"],
                    thanked=bool(e["thanked"]),
                )
                for key, e in sorted(values.items())
                if key.startswith(EXCHANGE_FIELD) and e  # None: removed by the merge
            ),
            origin=values.get("origin", "") or "",
            timed=time_value(values.get("time")),
        )
    if isinstance(obj, ExchangeEvent):
        known = {obj.exchange.contact.uid: obj.exchange.contact, **known}
        item = ExchangeItem(
            uid=obj.uid,
            contact=_person_for(values["contact"], known),
            direction=values["direction"],
            kind=values["kind"],
            description=values["description"],
            weight=int(values["weight"]),
            outcome=values["outcome"],
            thanked=bool(values["thanked"]),
        )
        return ExchangeEvent(occurred_on=dt.date.fromisoformat(values["date"]), exchange=item)
    if isinstance(obj, FollowUpTodo):
        known = {obj.contact.uid: obj.contact, **known}
        return replace(
            obj,
            contact=_person_for(values["contact"], known),
            due_on=dt.date.fromisoformat(values["due"]),
            text=values["text"],
            done=bool(values["done"]),
        )
    known = {**{p.uid: p for p in obj.allies if p.uid}, **known}
    target = values["target_date"]
    return replace(
        obj,
        title=values["title"],
        description=values["description"],
        target_date=dt.date.fromisoformat(target) if target else None,
        achieved=bool(values["achieved"]),
        allies=tuple(_person_for(u, known) for u in values["allies"]),
    )

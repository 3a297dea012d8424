"""A small reader for the plain calendar objects Allies writes: the fast path of the sync.

A first download reads every object of the calendar, and icalendar takes about a
millisecond an object, most of it building a general tree this sync never needs. The
objects Allies writes are plain: one VEVENT or VTODO in a VCALENDAR, a known set of
properties, dates in UTC or all-day, parameters quoted the way icalendar quotes them.
:func:`read_component` reads exactly those, line by line, into a :class:`PlainComponent`
that answers the few questions :mod:`app.sync.ical_map` asks (``get``, ``in``,
``decoded``), and raises :class:`NotPlain` for anything else — another property, a time
zone, an alarm, a recurrence, an escape it does not know — so the caller reads that
object with icalendar instead. Both readers give the same object (tested property by
property on hostile text).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_UNFOLD = re.compile(r"\r?\n[ \t]")
_NEWLINE = re.compile(r"\r?\n")
_TOKEN = re.compile(r"[A-Za-z0-9-]+\Z")
_PARAM_END = re.compile(r'[;:,"]')
_ESCAPE = re.compile(r"\\(.?)")
# Escapes icalendar rewrites in parameters, and characters it refuses there.
_ODD_PARAMS = re.compile("[\\\\%\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")
_KNOWN = frozenset("nN,;\\")
_RFC6868 = re.compile(r"\^\^|\^n|\^'")
_RFC6868_CHARS = {"^^": "^", "^n": "\n", "^'": '"'}
_DATE = re.compile(r"\d{8}\Z")
_DATE_TIME = re.compile(r"(\d{8})T(\d{6})(Z?)\Z")

# What Allies writes (and what a server adds without changing the meaning).
TEXT = frozenset({"SUMMARY", "DESCRIPTION", "CONTACT", "STATUS", "TRANSP", "UID"})
RAW = frozenset(
    {"X-ALLIES-OBJECT", "X-ALLIES-EXCHANGE", "X-ALLIES-ORIGIN", "PERCENT-COMPLETE", "SEQUENCE"}
)
TIMES = frozenset({"DTSTART", "DTEND", "DUE", "DTSTAMP", "LAST-MODIFIED", "COMPLETED", "CREATED"})
OTHER = frozenset({"ATTENDEE", "CATEGORIES"})
COMPONENT = frozenset(TEXT | RAW | TIMES | OTHER)
CALENDAR = frozenset({"VERSION", "PRODID", "CALSCALE"})


class NotPlain(Exception):
    """The object is not one this reader handles: read it with icalendar."""


class PlainValue(str):
    """A property value with its parameters (upper-case names), as icalendar gives them.

    ``raw`` values are as written (``X-`` properties, whose escapes the caller undoes);
    the others are unescaped TEXT."""

    params: dict[str, str]
    raw: bool

    def __new__(cls, value: str, params: dict[str, str], raw: bool = False) -> PlainValue:
        self = super().__new__(cls, value)
        self.params = params
        self.raw = raw
        return self


class PlainComponent:
    """One VEVENT or VTODO: properties by name, each a value or a list of values."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._props: dict[str, list[PlainValue]] = {}

    def add(self, name: str, value: PlainValue) -> None:
        self._props.setdefault(name, []).append(value)

    def __contains__(self, name: object) -> bool:
        return name in self._props

    def get(self, name: str, default: Any = None) -> Any:
        values = self._props.get(name)
        if values is None:
            return default
        return values[0] if len(values) == 1 else list(values)

    def decoded(self, name: str) -> dt.date | dt.datetime:
        return _time(self._props[name][0])


def _time(value: PlainValue) -> dt.date | dt.datetime:
    if value.params.get("VALUE", "").upper() == "DATE" or _DATE.match(value):
        if not _DATE.match(value):
            raise NotPlain(value)
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    m = _DATE_TIME.match(value)
    if m is None:
        raise NotPlain(value)
    day, clock, utc = m.groups()
    return dt.datetime(
        int(day[:4]),
        int(day[4:6]),
        int(day[6:8]),
        int(clock[:2]),
        int(clock[2:4]),
        int(clock[4:6]),
        tzinfo=dt.UTC if utc else None,
    )


def _known_escapes(value: str) -> bool:
    """Whether every backslash escape is one TEXT defines (icalendar keeps others)."""
    return "\\" not in value or all(m.group(1) in _KNOWN for m in _ESCAPE.finditer(value))


def _unescape(value: str) -> str:
    if "\\" not in value:
        return value
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _param_value(text: str) -> str:
    return _RFC6868.sub(lambda m: _RFC6868_CHARS[m.group(0)], text) if "^" in text else text


def _split(line: str) -> tuple[str, dict[str, str], str]:
    """(NAME, parameters, value) of one unfolded content line."""
    colon = line.find(":")
    semi = line.find(";")
    if colon <= 0:
        raise NotPlain(line)
    if semi == -1 or semi > colon:
        return line[:colon].upper(), {}, line[colon + 1 :]
    name = line[:semi].upper()
    params: dict[str, str] = {}
    pos = semi + 1
    while True:
        eq = line.find("=", pos)
        if eq == -1:
            raise NotPlain(line)
        key = line[pos:eq]
        if not _TOKEN.match(key):
            raise NotPlain(line)
        if line.startswith('"', eq + 1):
            close = line.find('"', eq + 2)
            if close == -1:
                raise NotPlain(line)
            value = line[eq + 2 : close]
            end = close + 1
        else:
            m = _PARAM_END.search(line, eq + 1)
            if m is None or m.group() in ',"':
                raise NotPlain(line)  # a list of values, or a stray quote
            value = line[eq + 1 : m.start()]
            if value != value.strip():
                raise NotPlain(line)
            end = m.start()
        key = key.upper()
        if key in params or _ODD_PARAMS.search(value):
            raise NotPlain(line)
        params[key] = _param_value(value)
        if end >= len(line):
            raise NotPlain(line)
        if line[end] == ":":
            return name, params, line[end + 1 :]
        if line[end] != ";":
            raise NotPlain(line)
        pos = end + 1


def read_component(text: str) -> PlainComponent:
    """The one VEVENT or VTODO of a plain Allies object; :class:`NotPlain` otherwise."""
    lines = _NEWLINE.split(_UNFOLD.sub("", text))
    while lines and not lines[-1]:
        lines.pop()
    if len(lines) < 4 or lines[0] != "BEGIN:VCALENDAR" or lines[-1] != "END:VCALENDAR":
        raise NotPlain("not one calendar")
    component: PlainComponent | None = None
    done = False
    for line in lines[1:-1]:
        if not line or "\r" in line:
            raise NotPlain(line)
        name, params, value = _split(line)
        if name == "BEGIN":
            if component is not None or done or value not in ("VEVENT", "VTODO"):
                raise NotPlain(line)
            component = PlainComponent(value)
            continue
        if name == "END":
            if component is None or value != component.name:
                raise NotPlain(line)
            done = True
            continue
        if component is None or done:
            if name in CALENDAR and not params:
                continue
            raise NotPlain(line)
        if name not in COMPONENT:
            raise NotPlain(name)
        if "TZID" in params:
            raise NotPlain(line)
        if name in TEXT:
            if not _known_escapes(value):
                raise NotPlain(line)
            component.add(name, PlainValue(_unescape(value), params))
        elif name in RAW:
            if not _known_escapes(value):
                raise NotPlain(line)
            component.add(name, PlainValue(value, params, raw=True))
        elif name in TIMES:
            _time(PlainValue(value, params))  # a shape it cannot read: icalendar reads it
            component.add(name, PlainValue(value, params))
        elif name == "CATEGORIES":
            if "\\" in value:
                raise NotPlain(line)
            component.add(name, PlainValue(value, params))
        else:
            component.add(name, PlainValue(value, params))
    if component is None or not done:
        raise NotPlain("no event or task")
    return component

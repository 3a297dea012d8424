"""Findings about the network: its shape, and what to do next (SPEC §2 Insights, §5).

:func:`findings` returns facts a person can act on, each with a ``code``, a ``severity``,
the ``contact_ids`` it concerns, an English ``message`` (what ``allies insights`` prints
and the JSON carries) and structured ``params`` from which the UI builds its own,
translated sentence.

Rules (``today`` is always given, so tests fix it):

- Only active (not archived) contacts count anywhere.
- **Severity** says what kind of advice it is: ``action`` — do something for a person now
  (``overdue``, ``birthday-soon``, ``not-thanked``, ``goal-at-risk``); ``warning`` — the
  shape or a relationship is off balance (``no-ally-above``, ``no-ally-below``,
  ``no-peer``, ``no-external``, ``one-circle``, ``taking-more-than-giving``); ``info`` — an
  opportunity or a gap worth knowing (``owed-favours``, ``role-unfilled``, ``broker``).
- **Order**: severity (action, warning, info), then code, then within a code the most
  urgent first (most overdue, soonest birthday, …), ties by name and id.
- **One finding per subject**: per contact for ``overdue``, ``taking-more-than-giving``,
  ``owed-favours``, ``birthday-soon`` and ``broker``; per unthanked exchange for
  ``not-thanked``; per goal for ``goal-at-risk``; per role for ``role-unfilled``; one each
  for the coverage codes and ``one-circle``.
- **Your own organisation** is the ``user_organization`` setting, compared
  case-insensitively after dropping punctuation and legal suffixes (GmbH, AG, Inc, Ltd,
  LLC, SE, KG, …): "ACME GmbH" and "Acme" are the same. ``no-ally-above``,
  ``no-ally-below`` and ``no-peer`` look for an active contact of that level in your own
  organisation (any organisation while the setting is empty). ``no-external`` looks for an
  active contact who is ``external`` or works at another organisation.
- Coverage, ``one-circle`` and ``role-unfilled`` are only reported once the network has
  :data:`MIN_CONTACTS_FOR_SHAPE` active contacts: an empty or tiny network has no shape.
- ``overdue`` is the due list (:func:`app.derived.due_contacts`: due today or earlier)
  without snoozed contacts; ``birthday-soon`` covers today and the next
  :data:`BIRTHDAY_WITHIN_DAYS` days, birthdays without a year included (29 February falls
  on 28 February in other years); ``not-thanked`` is every received ``recommendation`` or
  ``introduction`` not marked thanked; ``goal-at-risk`` follows :func:`app.goals.at_risk`;
  ``broker`` lists the people whose absence splits the contact graph into at least two
  groups of two or more (:func:`app.network.brokers`; someone who is merely the only link
  to a lone acquaintance is not a broker), most people cut off first; ``params`` carry
  ``people`` (how many would be cut off) and ``groups`` (how many groups they join).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from peewee import fn

from app import settings
from app.derived import OWED_THRESHOLD, TAKING_THRESHOLD, due_contacts
from app.goals import AT_RISK_WITHIN_DAYS, at_risk, goals_health
from app.models import (
    Circle,
    Contact,
    Direction,
    Exchange,
    ExchangeKind,
    Interaction,
    Level,
    Participant,
    Role,
    database,
)

BIRTHDAY_WITHIN_DAYS = 14
_THANKS_KINDS = [ExchangeKind.RECOMMENDATION.value, ExchangeKind.INTRODUCTION.value]
ONE_CIRCLE_SHARE = 0.75
MIN_CONTACTS_FOR_SHAPE = 4


class Code(StrEnum):
    OVERDUE = "overdue"
    NO_ALLY_ABOVE = "no-ally-above"
    NO_ALLY_BELOW = "no-ally-below"
    NO_PEER = "no-peer"
    NO_EXTERNAL = "no-external"
    ONE_CIRCLE = "one-circle"
    ROLE_UNFILLED = "role-unfilled"
    TAKING_MORE_THAN_GIVING = "taking-more-than-giving"
    OWED_FAVOURS = "owed-favours"
    NOT_THANKED = "not-thanked"
    BIRTHDAY_SOON = "birthday-soon"
    GOAL_AT_RISK = "goal-at-risk"
    BROKER = "broker"


class Severity(StrEnum):
    ACTION = "action"
    WARNING = "warning"
    INFO = "info"


SEVERITY_ORDER = {Severity.ACTION: 0, Severity.WARNING: 1, Severity.INFO: 2}

SEVERITY_OF: dict[str, Severity] = {
    Code.OVERDUE: Severity.ACTION,
    Code.BIRTHDAY_SOON: Severity.ACTION,
    Code.NOT_THANKED: Severity.ACTION,
    Code.GOAL_AT_RISK: Severity.ACTION,
    Code.NO_ALLY_ABOVE: Severity.WARNING,
    Code.NO_ALLY_BELOW: Severity.WARNING,
    Code.NO_PEER: Severity.WARNING,
    Code.NO_EXTERNAL: Severity.WARNING,
    Code.ONE_CIRCLE: Severity.WARNING,
    Code.TAKING_MORE_THAN_GIVING: Severity.WARNING,
    Code.OWED_FAVOURS: Severity.INFO,
    Code.ROLE_UNFILLED: Severity.INFO,
    Code.BROKER: Severity.INFO,
}

# Codes about one person each: the UI offers open / log / snooze on them.
PERSON_CODES = frozenset(
    {
        Code.OVERDUE,
        Code.BIRTHDAY_SOON,
        Code.NOT_THANKED,
        Code.TAKING_MORE_THAN_GIVING,
        Code.OWED_FAVOURS,
        Code.BROKER,
    }
)

_LEGAL_SUFFIXES = {
    "ag", "se", "kg", "kgaa", "gmbh", "mbh", "ug", "ev", "gbr", "ohg", "co", "cie",
    "inc", "incorporated", "corp", "corporation", "company", "llc", "llp", "lp", "ltd",
    "limited", "plc", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "ab", "as", "oy",
}  # fmt: skip


@dataclass(frozen=True)
class Finding:
    """One piece of advice. ``params`` holds what the UI needs to word it (JSON-safe)."""

    code: str
    severity: str
    message: str
    contact_ids: tuple[int, ...] = ()
    params: dict[str, Any] = field(default_factory=dict, compare=False)

    def as_json(self) -> dict[str, Any]:
        """The stable JSON form of SPEC §5 (``params`` is not part of it)."""
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "contact_ids": list(self.contact_ids),
        }


def organization_key(name: str) -> str:
    """Compare organisations: casefolded words without punctuation and legal suffixes."""
    words = re.findall(r"\w+", name.casefold().replace(".", ""))
    while len(words) > 1 and words[-1] in _LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


@dataclass(frozen=True)
class _Person:
    id: int
    name: str
    organization: str
    level: str
    circle: str
    roles: tuple[str, ...]
    birthday: str | None
    balance: int


def _active_people() -> list[_Person]:
    query = (
        Contact.select(
            Contact.id,
            Contact.formatted_name,
            Contact.organization,
            Contact.level,
            Contact.circle,
            Contact.roles,
            Contact.birthday,
            Contact.balance,
        )
        .where(Contact.archived == False)  # noqa: E712
        .order_by(Contact.id)
        .tuples()
    )
    return [
        _Person(
            id=cid,
            name=name,
            organization=org or "",
            level=level,
            circle=circle,
            roles=tuple(r for r in (roles or "").split(",") if r),
            birthday=birthday,
            balance=int(balance or 0),
        )
        for cid, name, org, level, circle, roles, birthday, balance in query
    ]


def findings(today: dt.date) -> list[Finding]:
    """Everything worth telling the user about the network on ``today``, in order."""
    people = _active_people()
    by_id = {p.id: p for p in people}
    found: list[tuple[tuple[Any, ...], Finding]] = []
    found += _overdue(today, by_id)
    found += _coverage(people)
    found += _one_circle(people)
    found += _roles(people)
    found += _balance(people)
    found += _not_thanked(by_id)
    found += _birthdays(people, today)
    found += _goals(today)
    found += _brokers(today, by_id)
    found.sort(key=lambda item: (SEVERITY_ORDER[item[1].severity], item[1].code, item[0]))
    return [f for _, f in found]


def insights_json(today: dt.date) -> list[dict[str, Any]]:
    """The JSON of ``allies insights --json`` (SPEC §5)."""
    return [f.as_json() for f in findings(today)]


def _finding(code: Code, message: str, contact_ids: Iterable[int] = (), **params: Any) -> Finding:
    return Finding(
        code=code.value,
        severity=SEVERITY_OF[code].value,
        message=message,
        contact_ids=tuple(contact_ids),
        params=params,
    )


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _overdue(today: dt.date, by_id: dict[int, _Person]) -> list[tuple[tuple[Any, ...], Finding]]:
    result = []
    for entry in due_contacts(today, include_snoozed=False):
        if entry.overdue_days == 0:
            message = f"Your relationship with {entry.name} is due today: get in touch."
        else:
            message = (
                f"You have not been in touch with {entry.name} for too long: "
                f"{_days(entry.overdue_days)} overdue."
            )
        finding = _finding(
            Code.OVERDUE,
            message,
            [entry.id],
            name=entry.name,
            overdue_days=entry.overdue_days,
            last_contact=entry.last_contact.isoformat() if entry.last_contact else None,
            cadence_days=entry.cadence_days,
        )
        result.append(((-entry.overdue_days, entry.name.casefold(), entry.id), finding))
    return result


def _coverage(people: list[_Person]) -> list[tuple[tuple[Any, ...], Finding]]:
    if len(people) < MIN_CONTACTS_FOR_SHAPE:
        return []
    own = organization_key(str(settings.get("user_organization") or ""))

    def inside(p: _Person) -> bool:
        return not own or organization_key(p.organization) == own

    def outside(p: _Person) -> bool:
        return p.level == Level.EXTERNAL or bool(
            own and p.organization.strip() and organization_key(p.organization) != own
        )

    organization = str(settings.get("user_organization") or "")
    where = f" at {organization}" if own else ""
    checks = [
        (
            Code.NO_ALLY_ABOVE,
            Level.ABOVE,
            f"You have no ally above you{where}: find a mentor or sponsor among the people "
            "who decide.",
        ),
        (
            Code.NO_ALLY_BELOW,
            Level.BELOW,
            f"You have no ally below you{where}: the people who do the work often know first.",
        ),
        (
            Code.NO_PEER,
            Level.PEER,
            f"You have no peer ally{where}: colleagues at your level are your daily support.",
        ),
    ]
    result = []
    for code, level, message in checks:
        if not any(p.level == level and inside(p) for p in people):
            result.append(((), _finding(code, message, organization=organization)))
    if not any(outside(p) for p in people):
        message = (
            "Everyone you know is inside your own organisation: build allies outside it "
            "(associations, events, former colleagues)."
        )
        result.append(((), _finding(Code.NO_EXTERNAL, message, organization=organization)))
    return result


def _one_circle(people: list[_Person]) -> list[tuple[tuple[Any, ...], Finding]]:
    if len(people) < MIN_CONTACTS_FOR_SHAPE:
        return []
    counts = Counter(p.circle for p in people)
    circle, count = min(counts.items(), key=lambda item: (-item[1], item[0]))
    if count <= ONE_CIRCLE_SHARE * len(people):
        return []
    percent = round(100 * count / len(people))
    label = "an unknown circle" if circle == Circle.OTHER else f"{circle}"
    message = (
        f"{percent} % of your contacts come from {label}: your network is one-sided; "
        "meet people from other circles."
    )
    ids = [p.id for p in people if p.circle == circle]
    finding = _finding(
        Code.ONE_CIRCLE, message, ids, circle=circle, percent=percent, count=count,
        total=len(people),
    )  # fmt: skip
    return [((), finding)]


def _roles(people: list[_Person]) -> list[tuple[tuple[Any, ...], Finding]]:
    if len(people) < MIN_CONTACTS_FOR_SHAPE:
        return []
    filled = {role for p in people for role in p.roles}
    result = []
    for order, role in enumerate(Role):
        if role.value not in filled:
            message = f"Nobody is your {role.value} yet: look for one."
            result.append(((order,), _finding(Code.ROLE_UNFILLED, message, role=role.value)))
    return result


def _balance(people: list[_Person]) -> list[tuple[tuple[Any, ...], Finding]]:
    result = []
    for p in people:
        if p.balance < TAKING_THRESHOLD:
            message = (
                f"You are taking more than giving with {p.name} (balance {p.balance}): "
                "give something back before you ask again."
            )
            finding = _finding(
                Code.TAKING_MORE_THAN_GIVING, message, [p.id], name=p.name, balance=p.balance
            )
            result.append(((p.balance, p.name.casefold(), p.id), finding))
        elif p.balance > OWED_THRESHOLD:
            message = (
                f"{p.name} owes you favours (balance +{p.balance}): a good time to ask for help."
            )
            finding = _finding(Code.OWED_FAVOURS, message, [p.id], name=p.name, balance=p.balance)
            result.append(((-p.balance, p.name.casefold(), p.id), finding))
    return result


def _not_thanked(by_id: dict[int, _Person]) -> list[tuple[tuple[Any, ...], Finding]]:
    query = (
        Exchange.select()
        .where(
            (Exchange.direction == Direction.RECEIVED.value)
            & Exchange.kind.in_(_THANKS_KINDS)
            & (Exchange.thanked == False)  # noqa: E712
        )
        .order_by(Exchange.occurred_on, Exchange.id)
    )
    result = []
    for ex in query:
        person = by_id.get(ex.contact_id)
        if person is None:
            continue
        occurred = _date(ex.occurred_on)
        what = "recommended you" if ex.kind == ExchangeKind.RECOMMENDATION else "introduced you"
        detail = f" ({ex.description})" if ex.description else ""
        message = f"{person.name} {what} on {occurred.isoformat()}{detail}: say thank you."
        finding = _finding(
            Code.NOT_THANKED,
            message,
            [person.id],
            name=person.name,
            kind=ex.kind,
            exchange_id=ex.id,
            date=occurred.isoformat(),
            description=ex.description,
            outcome=ex.outcome,
        )
        result.append(((occurred, ex.id), finding))
    return result


def next_birthday(birthday: str | None, today: dt.date) -> dt.date | None:
    """The next date (today included) of a ``YYYY-MM-DD`` or ``--MM-DD`` birthday."""
    if not birthday:
        return None
    m = re.fullmatch(r"(\d{4}|-)-(\d{2})-(\d{2})", birthday)
    if not m:
        return None
    month, day = int(m.group(2)), int(m.group(3))
    for year in (today.year, today.year + 1):
        try:
            date = dt.date(year, month, day)
        except ValueError:  # 29 February outside leap years
            date = dt.date(year, 2, 28)
        if date >= today:
            return date
    return None


def _birthdays(people: list[_Person], today: dt.date) -> list[tuple[tuple[Any, ...], Finding]]:
    result = []
    for p in people:
        date = next_birthday(p.birthday, today)
        if date is None or (date - today).days > BIRTHDAY_WITHIN_DAYS:
            continue
        days = (date - today).days
        year = p.birthday[:4] if p.birthday and p.birthday[0].isdigit() else None
        age = date.year - int(year) if year else None
        when = "today" if days == 0 else ("tomorrow" if days == 1 else f"in {days} days")
        turning = f" (turns {age})" if age else ""
        message = f"{p.name} has a birthday {when}, on {date.isoformat()}{turning}: congratulate."
        finding = _finding(
            Code.BIRTHDAY_SOON, message, [p.id], name=p.name, date=date.isoformat(), days=days,
            age=age,
        )  # fmt: skip
        result.append(((days, p.name.casefold(), p.id), finding))
    return result


def _goals(today: dt.date) -> list[tuple[tuple[Any, ...], Finding]]:
    result = []
    for health in goals_health(today):
        if not at_risk(health):
            continue
        assert health.target_date is not None and health.days_left is not None
        when = (
            f"was due {_days(-health.days_left)} ago"
            if health.days_left < 0
            else f"is due in {_days(health.days_left)}"
        )
        active = health.active_allies
        weak = health.weak_allies
        if not active:
            reason = "no-allies"
            message = f'Your goal "{health.title}" {when} and nobody is helping with it yet.'
        else:
            reason = "weak-allies"
            message = (
                f'Your goal "{health.title}" {when} and {len(weak)} of its {len(active)} '
                "allies are overdue or drifting away: get in touch."
            )
        finding = _finding(
            Code.GOAL_AT_RISK,
            message,
            [a.contact_id for a in weak],
            goal_id=health.goal_id,
            title=health.title,
            target_date=health.target_date.isoformat(),
            days_left=health.days_left,
            reason=reason,
            weak=len(weak),
            allies=len(active),
            next_contact_id=health.next_contact_id,
            next_contact_name=next(
                (a.name for a in active if a.contact_id == health.next_contact_id), None
            ),
            within_days=AT_RISK_WITHIN_DAYS,
        )
        result.append(((health.days_left, health.goal_id), finding))
    return result


def _brokers(today: dt.date, by_id: dict[int, _Person]) -> list[tuple[tuple[Any, ...], Finding]]:
    from app.network import broker_splits

    result = []
    for rank, broker in enumerate(broker_splits(today)):  # most people cut off first
        person = by_id.get(broker.contact_id)
        if person is None:
            continue
        message = (  # at least two groups of two: always "people", never "person"
            f"{person.name} is the only link between {broker.cut_off} people you know "
            "and the rest of your network: keep this relationship strong."
        )
        finding = _finding(
            Code.BROKER,
            message,
            [broker.contact_id],
            name=person.name,
            people=broker.cut_off,
            groups=broker.groups,
        )
        result.append(((rank,), finding))
    return result


def _date(value: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class OrganisationCount:
    """Active contacts at one organisation (spellings merged by :func:`organization_key`)."""

    name: str  # the most common spelling (the setting's for the user's own organisation)
    contacts: int
    due: int  # of them due today or overdue
    levels: dict[str, int]
    own: bool  # the user's own organisation


@dataclass(frozen=True)
class NetworkShape:
    """What the Insights charts draw: the network by level, by circle and over time."""

    levels: dict[str, int]  # every Level, in enum order
    circles: dict[str, int]  # every Circle, in enum order
    breadth: list[tuple[dt.date, int]]  # (first day of a quarter, distinct people met in it)
    organisations: list[OrganisationCount]  # most contacts first


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def network_shape(today: dt.date, quarters: int = 8) -> NetworkShape:
    """Counts of the active contacts, and how many different people were met per quarter
    over the last ``quarters`` quarters (today's included): the breadth of the network."""
    levels = {level.value: 0 for level in Level}
    circles = {circle.value: 0 for circle in Circle}
    for column, counts in ((Contact.level, levels), (Contact.circle, circles)):
        query = (
            Contact.select(column, fn.COUNT(Contact.id))
            .where(Contact.archived == False)  # noqa: E712
            .group_by(column)
            .tuples()
        )
        for value, n in query:
            counts[value] = counts.get(value, 0) + n
    starts = [quarter_start(today)]
    for _ in range(quarters - 1):
        starts.append(quarter_start(starts[-1] - dt.timedelta(days=1)))
    starts.reverse()
    sql = (
        "SELECT CAST(strftime('%Y', i.occurred_on) AS INTEGER), "
        "(CAST(strftime('%m', i.occurred_on) AS INTEGER) - 1) / 3, COUNT(DISTINCT p.contact_id) "
        f"FROM {Interaction._meta.table_name} i "
        f"JOIN {Participant._meta.table_name} p ON p.interaction_id = i.id "
        "WHERE i.occurred_on >= ? AND i.occurred_on <= ? GROUP BY 1, 2"
    )
    met = {
        dt.date(year, 3 * q + 1, 1): n
        for year, q, n in database.execute_sql(sql, [starts[0].isoformat(), today.isoformat()])
    }
    breadth = [(start, met.get(start, 0)) for start in starts]
    return NetworkShape(levels, circles, breadth, _organisations(today))


def _organisations(today: dt.date) -> list[OrganisationCount]:
    own_name = str(settings.get("user_organization") or "").strip()
    own = organization_key(own_name)
    groups: dict[str, dict[str, Any]] = {}
    query = (
        Contact.select(Contact.organization, Contact.level, Contact.due_on)
        .where((Contact.archived == False) & (Contact.organization != ""))  # noqa: E712
        .tuples()
    )
    for organization, level, due_on in query:
        key = organization_key(organization)
        if not key:
            continue
        group = groups.setdefault(key, {"names": Counter(), "levels": Counter(), "due": 0})
        group["names"][organization.strip()] += 1
        group["levels"][level] += 1
        if due_on is not None and _date(due_on) <= today:
            group["due"] += 1
    result = [
        OrganisationCount(
            name=own_name
            if own and key == own
            else min(g["names"].items(), key=lambda item: (-item[1], item[0]))[0],
            contacts=sum(g["levels"].values()),
            due=g["due"],
            levels=dict(g["levels"]),
            own=bool(own) and key == own,
        )
        for key, g in groups.items()
    ]
    result.sort(key=lambda o: (-o.contacts, o.name.casefold()))
    return result

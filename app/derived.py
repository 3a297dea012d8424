"""Derived values: last contact, due date, overdue days, balance and strength.

``last_contact``, ``due_on`` and ``balance`` are kept in Contact columns so the due list
and the contact list are plain scans of one table. Every write of interactions,
participants, exchanges, cadences or levels calls :func:`refresh_derived` inside its own
transaction, so the columns never drift from the facts (a test replays random writes and
compares them with :func:`computed_last_contact` and :func:`computed_balance`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping

from app.cadence import default_cadences
from app.due import DueEntry as DueEntry  # the due list is read there, without Peewee
from app.due import as_date, cadence_case
from app.due import due_contacts as due_contacts
from app.models import Contact, Direction, Exchange, Interaction, Participant, database

# Balance thresholds of SPEC §1.
TAKING_THRESHOLD = -2
OWED_THRESHOLD = 4

_CHUNK = 500


_LAST_CONTACT_SQL = (
    "(SELECT MAX(i.occurred_on) FROM participant p JOIN interaction i "
    "ON i.id = p.interaction_id WHERE p.contact_id = contact.id)"
)
_BALANCE_SQL = (
    "(SELECT COALESCE(SUM(CASE e.direction WHEN 'gave' THEN e.weight ELSE -e.weight END), 0) "
    "FROM exchange e WHERE e.contact_id = contact.id)"
)


def _due_sql(cadence_sql: str) -> str:
    return (
        f"CASE WHEN {cadence_sql} = 0 THEN NULL ELSE "
        f"date(COALESCE(last_contact, date(created_at)), '+' || {cadence_sql} || ' days') END"
    )


def refresh_derived(contact_ids: Iterable[int] | None = None) -> None:
    """Recompute last contact, balance and due date of these contacts (all when None)."""
    cadence_sql, params = cadence_case()
    with database.atomic():
        if contact_ids is None:
            database.execute_sql(
                f"UPDATE contact SET last_contact = {_LAST_CONTACT_SQL}, balance = {_BALANCE_SQL}"
            )
            database.execute_sql(f"UPDATE contact SET due_on = {_due_sql(cadence_sql)}", params * 2)
            return
        ids = sorted(set(contact_ids))
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            database.execute_sql(
                f"UPDATE contact SET last_contact = {_LAST_CONTACT_SQL}, "
                f"balance = {_BALANCE_SQL} WHERE id IN ({marks})",
                chunk,
            )
            database.execute_sql(
                f"UPDATE contact SET due_on = {_due_sql(cadence_sql)} WHERE id IN ({marks})",
                params * 2 + chunk,
            )


def add_to_derived(last_dates: Mapping[int, dt.date], balance_deltas: Mapping[int, int]) -> None:
    """What new interactions and exchanges do to the derived values (none changed or
    removed: those need :func:`refresh_derived`), without recomputing them from every row
    of those contacts: a later last contact, the balance moved by the new weights, the due
    date from both. A sync that downloads 100,000 interactions in batches would otherwise
    read each contact's whole history again for every batch."""
    cadence_sql, params = cadence_case()
    with database.atomic():
        cursor = database.cursor()
        cursor.executemany(
            "UPDATE contact SET last_contact = ? WHERE id = ? "
            "AND (last_contact IS NULL OR last_contact < ?)",
            [(d.isoformat(), cid, d.isoformat()) for cid, d in last_dates.items()],
        )
        cursor.executemany(
            "UPDATE contact SET balance = balance + ? WHERE id = ?",
            [(delta, cid) for cid, delta in balance_deltas.items() if delta],
        )
        ids = sorted(set(last_dates) | set(balance_deltas))
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            database.execute_sql(
                f"UPDATE contact SET due_on = {_due_sql(cadence_sql)} WHERE id IN ({marks})",
                params * 2 + chunk,
            )


def refresh_due_all() -> None:
    """Recompute every due date, e.g. after the default cadences changed."""
    cadence_sql, params = cadence_case()
    database.execute_sql(f"UPDATE contact SET due_on = {_due_sql(cadence_sql)}", params * 2)


def computed_last_contact(contact_id: int) -> dt.date | None:
    """The last contact straight from the interactions (the reference for the column)."""
    value = (
        Interaction.select(Interaction.occurred_on)
        .join(Participant)
        .where(Participant.contact == contact_id)
        .order_by(Interaction.occurred_on.desc())
        .limit(1)
        .scalar()
    )
    return as_date(value)


def computed_balance(contact_id: int) -> int:
    total = 0
    for ex in Exchange.select().where(Exchange.contact == contact_id):
        total += ex.weight if ex.direction == Direction.GAVE else -ex.weight
    return total


def effective_cadence(contact: Contact, defaults: dict[str, int] | None = None) -> int:
    if contact.cadence_days is not None:
        return int(contact.cadence_days)
    defaults = defaults or default_cadences()
    return defaults.get(contact.level, defaults["external"])


def overdue_days(due_on: dt.date | None, today: dt.date) -> int | None:
    """Days past due (0 when due today), None when not due yet or never due."""
    due_on = as_date(due_on)
    if due_on is None or due_on > today:
        return None
    return (today - due_on).days


class DueState:
    NEVER = "never"  # cadence 0: no reminders
    OK = "ok"
    SOON = "soon"  # due within a week
    DUE = "due"  # due today or overdue


def due_state(due_on: dt.date | str | None, today: dt.date) -> str:
    due = as_date(due_on)
    if due is None:
        return DueState.NEVER
    if due <= today:
        return DueState.DUE
    if (due - today).days <= 7:
        return DueState.SOON
    return DueState.OK


class BalanceState:
    TAKING = "taking"
    OWED = "owed"
    EVEN = "even"


def balance_state(balance: int) -> str:
    if balance < TAKING_THRESHOLD:
        return BalanceState.TAKING
    if balance > OWED_THRESHOLD:
        return BalanceState.OWED
    return BalanceState.EVEN


JULIAN_DAY_OF_ORDINAL_ZERO = 1721424.5  # julianday(d) == d.toordinal() + this


def strengths(contact_ids: Iterable[int] | None, today: dt.date) -> dict[int, float]:
    """Strength 0–100 from recency and frequency of interactions.

    Each interaction counts ``0.5 ** (age / half_life)`` with the contact's cadence as the
    half-life (30 days when it has none), so a relationship kept at its cadence stays
    strong and fades when neglected. The sum maps onto 0–100 with ``1 - exp(-sum / 2)``.
    """
    defaults = default_cadences()
    # The sum runs inside SQLite (a million participations: ≈ 1.2 s instead of 3.5 s
    # row by row in Python); the half-life is the cadence, else the level's default,
    # else 30 days, exactly as :func:`effective_cadence` would give it.
    level_default = " ".join("WHEN ? THEN ?" for _ in defaults)
    half_life = (
        f"COALESCE(NULLIF(c.cadence_days, 0), NULLIF(CASE c.level {level_default} END, 0), 30)"
        if defaults
        else "COALESCE(NULLIF(c.cadence_days, 0), 30)"
    )
    # Dates are stored as ISO text: ``julianday`` of the column itself, today's as a number
    # (``substr`` around a million dates cost a third of the query).
    sql = (
        f"SELECT p.contact_id, SUM(pow(0.5, (? - julianday(i.occurred_on)) / {half_life})) "
        "FROM participant p "
        "JOIN interaction i ON i.id = p.interaction_id JOIN contact c ON c.id = p.contact_id "
        "WHERE i.occurred_on <= ?"
    )
    args: list[object] = [today.toordinal() + JULIAN_DAY_OF_ORDINAL_ZERO]
    for level, days in defaults.items():
        args += [level, days]
    args.append(today.isoformat())
    ids: list[int] | None = None
    if contact_ids is not None:
        ids = sorted(set(contact_ids))
    totals: dict[int, float] = {}
    chunks = [None] if ids is None else [ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)]
    for chunk in chunks:
        q, a = sql, list(args)
        if chunk is not None:
            q += f" AND p.contact_id IN ({','.join('?' * len(chunk))})"
            a += chunk
        q += " GROUP BY p.contact_id"
        totals.update(database.execute_sql(q, a))
    result = {cid: round(100 * (1 - math.exp(-s / 2)), 1) for cid, s in totals.items()}
    if ids is not None:
        for cid in ids:
            result.setdefault(cid, 0.0)
    return result


def strength(contact_id: int, today: dt.date) -> float:
    return strengths([contact_id], today)[contact_id]

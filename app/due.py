"""The due list (SPEC §1 "due"): relationships due today or overdue, from the stored columns.

Apart from :mod:`app.derived` (which keeps ``last_contact``, ``due_on`` and ``balance`` up
to date) and free of Peewee, so that ``allies due`` can run on the plain connection of
:func:`app.db_file.connect_for_reading`: each function takes the ``execute`` it reads
through (``sqlite3.Connection.execute``), and uses the app's database when given none.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from app.cadence import default_cadences
from app.db_file import Execute, app_execute


def as_date(value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def cadence_case(execute: Execute | None = None) -> tuple[str, list[int]]:
    """SQL for a contact's effective cadence, with the level defaults as parameters."""
    d = default_cadences(execute)
    sql = (
        "COALESCE(cadence_days, CASE level WHEN 'above' THEN ? WHEN 'peer' THEN ? "
        "WHEN 'below' THEN ? ELSE ? END)"
    )
    return sql, [d["above"], d["peer"], d["below"], d["external"]]


class DueEntry(NamedTuple):
    id: int
    name: str
    last_contact: dt.date | None
    cadence_days: int
    overdue_days: int
    balance: int
    due_on: dt.date


def due_contacts(
    today: dt.date,
    *,
    limit: int | None = None,
    include_snoozed: bool = True,
    execute: Execute | None = None,
) -> list[DueEntry]:
    """Relationships due today or overdue, most overdue first (archived ones never)."""
    execute = execute or app_execute()
    cadence_sql, params = cadence_case(execute)
    sql = (
        f"SELECT id, formatted_name, last_contact, {cadence_sql}, due_on, balance "
        "FROM contact WHERE due_on <= ? AND archived = 0"
    )
    args: list[object] = [*params, today.isoformat()]
    if not include_snoozed:
        sql += (
            " AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.contact_id = contact.id "
            "AND f.kind = 'snooze' AND f.done = 0 AND f.due_on > ?)"
        )
        args.append(today.isoformat())
    sql += " ORDER BY due_on, id"
    if limit is not None:
        sql += " LIMIT ?"
        args.append(int(limit))
    result = []
    for cid, name, last, cadence, due_on, balance in execute(sql, args):
        due = as_date(due_on)
        assert due is not None
        result.append(
            DueEntry(
                id=cid,
                name=name,
                last_contact=as_date(last),
                cadence_days=int(cadence),
                overdue_days=(today - due).days,
                balance=int(balance),
                due_on=due,
            )
        )
    return result

"""When each field of a history object last changed here: "the newer edit wins" (SPEC §10).

Like ``contact_field_time`` for contacts, ``history_field_time`` is kept by triggers, so
every write path (the timeline, the ledger, follow-ups, goals, imports, the sync itself)
records when each field the sync compares (:func:`app.sync.ical_map.fields`) changed. An
exchange tied to an interaction is the interaction's field ``exchange:<uid>``: its change
(or its addition or removal) is recorded on the interaction. Sets (participants, a goal's
allies) merge as sets and need no times.

The schema is plain SQL, created by :func:`create_history_field_times` for a new database
and by the migration that brings an older one to it; safe to run twice.
"""

from __future__ import annotations

from collections.abc import Iterable

import peewee

from app.models import database

_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

# (object kind, table, column → field) of the scalar fields the sync compares.
_FIELDS = {
    "interaction": (
        "interaction",
        {"occurred_on": "date", "kind": "kind", "summary": "summary", "notes": "notes",
         "origin": "origin"},
    ),
    "follow-up": (
        "follow_up",
        {"contact_id": "contact", "due_on": "due", "text": "text", "done": "done"},
    ),
    "goal": (
        "goal",
        {"title": "title", "description": "description", "target_date": "target_date",
         "achieved": "achieved"},
    ),
}  # fmt: skip
_EXCHANGE_FIELDS = {
    "occurred_on": "date",
    "direction": "direction",
    "kind": "kind",
    "description": "description",
    "weight": "weight",
    "outcome": "outcome",
    "thanked": "thanked",
    "contact_id": "contact",
}
_TABLES = {"interaction", "exchange", "follow_up", "goal"}


def _changed(columns: dict[str, str]) -> str:
    """A row per changed column: (field) for OLD → NEW of one update."""
    selects = " UNION ALL ".join(
        f"SELECT '{name}' WHERE OLD.{column} IS NOT NEW.{column}"
        for column, name in columns.items()
    )
    return f"(SELECT NULL AS f WHERE 0 UNION ALL {selects}) AS changed"


def _record(kind: str, local_id: str, changed: str) -> str:
    return (
        "INSERT OR REPLACE INTO history_field_time (kind, local_id, field, changed_at) "
        f"SELECT '{kind}', {local_id}, changed.f, {_NOW} FROM {changed};"
    )


def _statements() -> list[str]:
    found = [
        'CREATE TABLE IF NOT EXISTS "history_field_time" ("kind" VARCHAR(255) NOT NULL, '
        '"local_id" INTEGER NOT NULL, "field" VARCHAR(255) NOT NULL, '
        '"changed_at" VARCHAR(255) NOT NULL, PRIMARY KEY ("kind", "local_id", "field"))'
    ]
    for kind, (table, columns) in _FIELDS.items():
        found.append(
            f"CREATE TRIGGER IF NOT EXISTS {table}_field_time AFTER UPDATE ON {table} BEGIN "
            + _record(kind, "NEW.id", _changed(columns))
            + " END"
        )
    found.append(  # a standalone exchange: its own fields
        "CREATE TRIGGER IF NOT EXISTS exchange_field_time AFTER UPDATE ON exchange "
        "WHEN NEW.interaction_id IS NULL BEGIN "
        + _record("exchange", "NEW.id", _changed(_EXCHANGE_FIELDS))
        + " END"
    )
    any_change = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in [*_EXCHANGE_FIELDS, "uid"])
    one = "(SELECT 'exchange:' || NEW.uid AS f)"
    old = "(SELECT 'exchange:' || OLD.uid AS f)"
    found += [  # an exchange of an interaction: a field of the interaction
        "CREATE TRIGGER IF NOT EXISTS exchange_in_interaction_time AFTER UPDATE ON exchange "
        f"WHEN NEW.interaction_id IS NOT NULL AND NEW.uid IS NOT NULL AND ({any_change}) BEGIN "
        + _record("interaction", "NEW.interaction_id", f"{one} AS changed")
        + " END",
        "CREATE TRIGGER IF NOT EXISTS exchange_in_interaction_added AFTER INSERT ON exchange "
        "WHEN NEW.interaction_id IS NOT NULL AND NEW.uid IS NOT NULL BEGIN "
        + _record("interaction", "NEW.interaction_id", f"{one} AS changed")
        + " END",
        "CREATE TRIGGER IF NOT EXISTS exchange_in_interaction_removed AFTER DELETE ON exchange "
        "WHEN OLD.interaction_id IS NOT NULL AND OLD.uid IS NOT NULL BEGIN "
        + _record("interaction", "OLD.interaction_id", f"{old} AS changed")
        + " END",
    ]
    for kind, table in (("interaction", "interaction"), ("exchange", "exchange"),
                        ("follow-up", "follow_up"), ("goal", "goal")):  # fmt: skip
        found.append(
            f"CREATE TRIGGER IF NOT EXISTS {table}_field_time_delete AFTER DELETE ON {table} "
            f"BEGIN DELETE FROM history_field_time WHERE kind = '{kind}' "
            "AND local_id = OLD.id; END"
        )
    return found


def create_history_field_times(db: peewee.SqliteDatabase) -> None:
    """Schema 8: the history's field change times and the triggers that keep them."""
    for statement in _statements():
        db.execute_sql(statement)


def field_times(kind: str, ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """local id → field → when it last changed here (ISO 8601 UTC), for these objects."""
    times: dict[int, dict[str, str]] = {}
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for local_id, name, when in database.execute_sql(
            "SELECT local_id, field, changed_at FROM history_field_time "
            f"WHERE kind = ? AND local_id IN ({marks})",
            [kind, *chunk],
        ):
            times.setdefault(local_id, {})[name] = when
    return times


def last_changes(kind: str) -> dict[int, str]:
    """local id → when any of its fields last changed here (objects never edited: none)."""
    return dict(
        database.execute_sql(
            "SELECT local_id, MAX(changed_at) FROM history_field_time WHERE kind = ? "
            "GROUP BY local_id",
            [kind],
        ).fetchall()
    )

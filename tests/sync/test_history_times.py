"""When each history field changed here (app.sync.history_times): kept by triggers on every
write path, written as LAST-MODIFIED, migrated into older databases."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from app import db as dbmod
from app import followups, goals
from app.contacts import ContactInput, create_contact
from app.db import close_database, open_database, schema_version
from app.exchanges import add_exchange, update_exchange
from app.models import Exchange, Interaction
from app.sync.history_adapter import HistoryAdapter
from app.sync.history_times import create_history_field_times, field_times
from app.sync.ical_map import parse_stamped
from app.timeline import ExchangeInput, InteractionInput, log_interaction, update_interaction


def _fields(kind: str, local_id: int) -> set[str]:
    return set(field_times(kind, [local_id]).get(local_id, {}))


def test_every_write_path_records_the_fields_it_changed(tmp_path: Path) -> None:
    open_database(tmp_path / "a.sqlite3")
    try:
        anna, _ = create_contact(ContactInput("Anna Berg"))
        lunch, _ = log_interaction(
            InteractionInput(
                [anna], kind="lunch", summary="Harbour", exchanges=[ExchangeInput("gave", "tip")]
            )
        )
        [tip] = Exchange.select().where(Exchange.interaction == lunch)
        assert _fields("interaction", lunch) == {f"exchange:{tip.uid}"}  # added with it
        update_interaction(lunch, summary="Harbour walk", notes="")  # notes unchanged
        assert _fields("interaction", lunch) == {"summary", f"exchange:{tip.uid}"}
        before = field_times("interaction", [lunch])[lunch][f"exchange:{tip.uid}"]
        update_exchange(tip.id, thanked=True)
        assert field_times("interaction", [lunch])[lunch][f"exchange:{tip.uid}"] >= before
        alone = add_exchange(anna, "received", "an intro", kind="introduction")[0]
        update_exchange(alone, outcome="got the job", weight=3)
        assert _fields("exchange", alone) == {"outcome", "weight"}
        todo, _ = followups.add_follow_up(anna, dt.date(2026, 12, 10), "Send slides")
        followups.complete_follow_up(todo)
        assert _fields("follow-up", todo) == {"done"}
        goal, _ = goals.create_goal("Team lead")
        goals.update_goal(goal, title="Team lead by summer")
        assert _fields("goal", goal) == {"title"}
        when = field_times("interaction", [lunch])[lunch]["summary"]
        assert abs(
            dt.datetime.fromisoformat(when.replace("Z", "+00:00")) - dt.datetime.now(dt.UTC)
        ) < dt.timedelta(minutes=5)
        # written as the object's LAST-MODIFIED, which a second installation compares with
        adapter = HistoryAdapter("interaction")
        obj = adapter.local_objects()[lunch]
        _, stamp = parse_stamped(adapter.serialize(obj.uid, obj.fields, None))
        assert stamp == dt.datetime.fromisoformat(when.replace("Z", "+00:00")).replace(
            microsecond=0
        )
        # a deleted object takes its times along
        Interaction.delete().where(Interaction.id == lunch).execute()
        assert _fields("interaction", lunch) == set()
    finally:
        close_database()


def test_the_migration_gives_the_same_schema_as_a_fresh_database(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite3"
    database = open_database(old)
    names = [
        r[0]
        for r in database.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
            "(name LIKE '%field_time%' OR name LIKE 'exchange_in_interaction%') "
            "AND name NOT LIKE 'contact_%'"
        )
    ]
    assert len(names) == 11
    for name in names:
        database.execute_sql(f"DROP TRIGGER {name}")
    database.execute_sql("DROP TABLE history_field_time")
    step = next(v for v, f in dbmod.MIGRATIONS.items() if f is create_history_field_times)
    database.execute_sql(f"PRAGMA user_version = {step - 1}")
    close_database()
    database = open_database(old)
    assert schema_version(database) == dbmod.SCHEMA_VERSION
    close_database()
    open_database(tmp_path / "fresh.sqlite3")
    close_database()

    def schema(path: Path) -> list[tuple[str, str]]:
        con = sqlite3.connect(path)
        try:
            return sorted(con.execute("SELECT name, sql FROM sqlite_master WHERE sql NOT NULL"))
        finally:
            con.close()

    assert schema(old) == schema(tmp_path / "fresh.sqlite3")

"""Interactions, exchanges, goals and follow-ups carry a stable, globally unique uid (sync)."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

from app import db as dbmod
from app import followups, goals
from app.contacts import ContactInput, create_contact
from app.db import close_database, open_database, schema_version
from app.demo import create_demo
from app.exchanges import add_exchange, delete_exchange, restore_exchange
from app.models import Exchange, FollowUp, Goal, Interaction, database
from app.timeline import (
    ExchangeInput,
    InteractionInput,
    delete_interaction,
    log_interaction,
    restore_interaction,
)
from tests.helpers.schema1 import schema1_copy

UID = re.compile(r"[0-9a-f]{32}")
TABLES = dbmod.HISTORY_UID_TABLES


def all_uids(table: str) -> list[str | None]:
    return [r[0] for r in database.execute_sql(f"SELECT uid FROM {table}")]


def test_every_write_path_sets_a_unique_uid(db) -> None:
    anna, _ = create_contact(ContactInput("Anna Berg"))
    bert, _ = create_contact(ContactInput("Bert Kunz"))
    iid, _ = log_interaction(
        InteractionInput(
            [anna, bert],
            kind="lunch",
            exchanges=[ExchangeInput("received", "a recommendation", "recommendation")],
        )
    )
    add_exchange(anna, "gave", "an article", kind="information")
    followups.add_follow_up(anna, dt.date(2027, 1, 1), "send the article")
    goals.create_goal("Team lead", target_date=dt.date(2027, 6, 1))
    for table in TABLES:
        uids = all_uids(table)
        assert uids and all(u is not None and UID.fullmatch(u) for u in uids), table
        assert len(set(uids)) == len(uids)
    assert Interaction.get_by_id(iid).uid in all_uids("interaction")


def test_rows_inserted_by_plain_sql_get_a_uid(db) -> None:
    cid, _ = create_contact(ContactInput("Anna Berg"))
    database.execute_sql(
        "INSERT INTO interaction (occurred_on, kind, summary, notes, created_at) "
        "VALUES ('2026-01-02', 'call', 'x', '', '2026-01-02 10:00:00')"
    )
    database.execute_sql(
        "INSERT INTO follow_up (contact_id, kind, due_on, text, done, created_at) "
        "VALUES (?, 'todo', '2026-02-01', 'y', 0, '2026-01-02 10:00:00')",
        [cid],
    )
    assert UID.fullmatch(all_uids("interaction")[0] or "")
    assert UID.fullmatch(all_uids("follow_up")[0] or "")


def test_demo_rows_all_have_distinct_uids(db) -> None:
    create_demo(60, today=dt.date(2026, 12, 6))
    for table in TABLES:
        uids = all_uids(table)
        assert uids and None not in uids and len(set(uids)) == len(uids), table


def test_undo_of_a_delete_brings_the_same_uid_back(db) -> None:
    cid, _ = create_contact(ContactInput("Anna Berg"))
    iid, _ = log_interaction(
        InteractionInput([cid], exchanges=[ExchangeInput("gave", "advice", "advice")])
    )
    before = Interaction.get_by_id(iid).uid
    exchange_uid = Exchange.get(Exchange.interaction == iid).uid
    snapshot, _ = delete_interaction(iid)
    restore_interaction(snapshot)
    assert Interaction.get_by_id(iid).uid == before
    assert Exchange.get(Exchange.interaction == iid).uid == exchange_uid
    xid, _ = add_exchange(cid, "received", "help")
    xuid = Exchange.get_by_id(xid).uid
    snap, _ = delete_exchange(xid)
    restore_exchange(snap)
    assert Exchange.get_by_id(xid).uid == xuid


def test_migration_fills_uids_for_existing_rows(tmp_path: Path) -> None:
    path = schema1_copy(tmp_path)
    con = sqlite3.connect(path)
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    con.close()
    assert all(counts.values())
    database = open_database(path)
    try:
        assert schema_version(database) == dbmod.SCHEMA_VERSION
        for table in TABLES:
            uids = all_uids(table)
            assert len(uids) == counts[table]
            assert None not in uids and len(set(uids)) == len(uids), table
        cid = database.execute_sql("SELECT id FROM contact LIMIT 1").fetchone()[0]
        iid, _ = log_interaction(InteractionInput([cid], kind="call"))
        assert UID.fullmatch(Interaction.get_by_id(iid).uid)
        fid, _ = followups.add_follow_up(cid, dt.date(2027, 1, 1), "call back")
        assert UID.fullmatch(FollowUp.get_by_id(fid).uid)
        gid, _ = goals.create_goal("Promotion")
        assert UID.fullmatch(Goal.get_by_id(gid).uid)
        database.execute_sql(
            "INSERT INTO exchange (contact_id, occurred_on, direction, kind, description, "
            "weight, outcome, thanked, created_at) "
            "VALUES (?, '2026-01-01', 'gave', 'help', '', 1, '', 0, '2026-01-01')",
            [cid],
        )
        assert None not in all_uids("exchange")
    finally:
        close_database()

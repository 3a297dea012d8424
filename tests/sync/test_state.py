"""The sync schema: the migration gives what a new database has; field times are kept."""

from __future__ import annotations

from pathlib import Path

import peewee

from app.contacts import ContactInput, create_contact, load_contact, update_contact
from app.db import HISTORY_UID_TABLES, SCHEMA_VERSION, close_database, open_database, schema_version
from app.sync.state import ContactFieldTime


def _schema(db: peewee.SqliteDatabase) -> set[tuple[str, str]]:
    """Tables by their columns and foreign keys (a column added by ALTER TABLE is written
    at the end of the CREATE text), everything else by its SQL."""
    found = set()
    for kind, name, sql in db.execute_sql(
        "SELECT type, name, sql FROM sqlite_master WHERE sql NOT NULL"
    ):
        if kind == "table":
            columns = sorted(tuple(r[1:6]) for r in db.execute_sql(f'PRAGMA table_info("{name}")'))
            keys = sorted(
                tuple(r[2:5]) for r in db.execute_sql(f'PRAGMA foreign_key_list("{name}")')
            )
            found.add((name, repr((columns, keys))))
        else:
            found.add((name, " ".join(sql.split())))
    return found


def test_migration_to_the_sync_schema_equals_a_new_database(tmp_path: Path) -> None:
    fresh = _schema(open_database(tmp_path / "new.sqlite3"))
    close_database()
    path = tmp_path / "old.sqlite3"
    db = open_database(path)
    for table in ("sync_item", "sync_collection", "sync_conflict", "sync_account"):
        db.execute_sql(f"DROP TABLE {table}")
    db.execute_sql("DROP TABLE contact_field_time")
    db.execute_sql("DROP TRIGGER contact_field_time_update")
    db.execute_sql("DROP TRIGGER contact_field_time_delete")
    for table in HISTORY_UID_TABLES:  # schema 3 (issue 15) goes too
        db.execute_sql(f"DROP TRIGGER {table}_uid_on_insert")
        db.execute_sql(f"DROP INDEX {table}_uid")
        db.execute_sql(f"ALTER TABLE {table} DROP COLUMN uid")
    db.execute_sql("PRAGMA user_version = 1")
    close_database()
    db = open_database(path)
    assert schema_version(db) == SCHEMA_VERSION
    assert _schema(db) == fresh
    close_database()


def test_each_changed_field_records_when_it_changed_here(db: peewee.SqliteDatabase) -> None:
    cid, _ = create_contact(ContactInput(formatted_name="Ann Example", title="Engineer"))
    assert not ContactFieldTime.select().where(ContactFieldTime.contact_id == cid).exists()
    data = load_contact(cid)
    data.title = "Director"
    update_contact(cid, data)
    fields = {r.field for r in ContactFieldTime.select().where(ContactFieldTime.contact_id == cid)}
    assert fields == {"title"}
    [row] = ContactFieldTime.select().where(ContactFieldTime.contact_id == cid)
    assert row.changed_at.endswith("Z") and row.changed_at[:2] == "20"

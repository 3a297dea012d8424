"""The sync schema: the migration gives what a new database has; field times are kept."""

from __future__ import annotations

from pathlib import Path

import peewee

from app.contacts import ContactInput, create_contact, load_contact, update_contact
from app.db import SCHEMA_VERSION, close_database, open_database, schema_version
from app.sync.state import ContactFieldTime


def _schema(db: peewee.SqliteDatabase) -> set[tuple[str, str]]:
    return {
        (name, " ".join(sql.split()))
        for name, sql in db.execute_sql("SELECT name, sql FROM sqlite_master WHERE sql NOT NULL")
    }


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
    # … and what capture's later migration adds (tests/capture/test_parts.py checks it alone)
    for table in ("capture_mark", "capture_seen", "capture_correspondent", "suggestion",
                  "dismissal", "capture_source"):  # fmt: skip
        db.execute_sql(f"DROP TABLE {table}")
    db.execute_sql("DROP INDEX interaction_origin")
    db.execute_sql("ALTER TABLE interaction DROP COLUMN origin")
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

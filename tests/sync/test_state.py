"""The sync schema: the migration gives what a new database has; field times are kept."""

from __future__ import annotations

from pathlib import Path

import peewee

from app.contacts import ContactInput, create_contact, load_contact, update_contact
from app.db import SCHEMA_VERSION, close_database, open_database, schema_version
from app.sync.state import ContactFieldTime
from tests.helpers.schema1 import schema1_copy


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


def test_migrating_a_schema_1_database_gives_the_schema_of_a_new_one(tmp_path: Path) -> None:
    fresh = _schema(open_database(tmp_path / "new.sqlite3"))
    close_database()
    path = schema1_copy(tmp_path, "old.sqlite3")  # every migration, from the first release
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

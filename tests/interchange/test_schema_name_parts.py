"""Schema 2: a database of schema 1 gets the N components' columns, its contacts kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app import db as dbmod
from app.contacts import ContactInput, create_contact
from app.db import close_database, open_database, schema_version
from app.interchange.store import load_contacts


def test_a_schema_1_database_is_migrated_and_keeps_its_contacts(tmp_path: Path) -> None:
    path = tmp_path / "allies.sqlite3"
    open_database(path)
    cid, _ = create_contact(ContactInput("Old Friend", given_name="Old", family_name="Friend"))
    close_database()
    con = sqlite3.connect(path)  # make it a database of schema 1, as it was written then
    for column in ("additional_names", "name_prefix", "name_suffix"):
        con.execute(f"ALTER TABLE contact DROP COLUMN {column}")
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    database = open_database(path)
    assert schema_version(database) == dbmod.SCHEMA_VERSION >= 2
    friend = load_contacts([cid])[cid].input
    assert (friend.formatted_name, friend.given_name, friend.family_name) == (
        "Old Friend",
        "Old",
        "Friend",
    )
    assert (friend.additional_names, friend.name_prefix, friend.name_suffix) == ("", "", "")
    close_database()
    assert list(tmp_path.glob("allies.sqlite3.schema1-*.bak"))

"""Schema 2: a database of schema 1 gets the N components' columns, its contacts kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app import db as dbmod
from app.db import close_database, open_database, schema_version
from app.interchange.store import load_contacts
from tests.helpers.schema1 import schema1_copy


def test_a_schema_1_database_is_migrated_and_keeps_its_contacts(tmp_path: Path) -> None:
    path = schema1_copy(tmp_path)  # written by the first release
    con = sqlite3.connect(path)
    cid, given, family = con.execute(
        "SELECT id, given_name, family_name FROM contact WHERE formatted_name = 'Anna Schmidt'"
    ).fetchone()
    count = con.execute("SELECT count(*) FROM contact").fetchone()[0]
    con.close()
    database = open_database(path)
    assert schema_version(database) == dbmod.SCHEMA_VERSION >= 2
    assert database.execute_sql("SELECT count(*) FROM contact").fetchone()[0] == count
    anna = load_contacts([cid])[cid].input
    assert (anna.formatted_name, anna.given_name, anna.family_name) == (
        "Anna Schmidt",
        given,
        family,
    )
    assert (anna.additional_names, anna.name_prefix, anna.name_suffix) == ("", "", "")
    close_database()
    assert list(tmp_path.glob("allies.sqlite3.schema1-*.bak"))

"""The database file: where it lives, modes, migrations with a copy first, daily backups."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
from pathlib import Path

import peewee
import pytest

from app import db as dbmod
from app.db import close_database, daily_backup, open_database, resolve_db_path, schema_version
from app.errors import DatabaseRefused
from app.models import Setting


def test_path_from_argument_then_environment_then_data_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ALLIES_DB", str(tmp_path / "env.sqlite3"))
    assert resolve_db_path(tmp_path / "arg.sqlite3") == tmp_path / "arg.sqlite3"
    assert resolve_db_path(None) == tmp_path / "env.sqlite3"
    monkeypatch.delenv("ALLIES_DB")
    assert resolve_db_path(None) == dbmod.data_dir() / "allies.sqlite3"


def test_new_database_is_private_wal_with_foreign_keys(db: peewee.SqliteDatabase) -> None:
    path = Path(db.database)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert schema_version(db) == dbmod.SCHEMA_VERSION


def test_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"just some text, not a database\n" * 10)
    before = path.read_bytes()
    with pytest.raises(DatabaseRefused, match="not an Allies database"):
        open_database(path)
    assert path.read_bytes() == before


def test_sqlite_file_of_another_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseRefused, match="another program"):
        open_database(path)
    close_database()
    assert path.read_bytes() == before


def test_reopening_reads_the_version_from_the_header_without_a_second_connection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Start-up: an Allies file's header holds its schema version, so the check for
    another program's file opens no connection of its own (whose close would checkpoint
    the WAL just before the real connection opens it)."""
    path = tmp_path / "allies.sqlite3"
    open_database(path)
    close_database()
    assert dbmod._check_is_sqlite(path) == dbmod.SCHEMA_VERSION

    def no_second_connection(_path: Path) -> None:
        raise AssertionError("a second connection was opened")

    monkeypatch.setattr(dbmod, "_check_not_foreign", no_second_connection)
    assert schema_version(open_database(path)) == dbmod.SCHEMA_VERSION
    close_database()


def test_an_empty_sqlite_file_without_a_version_is_checked_and_taken(tmp_path: Path) -> None:
    path = tmp_path / "allies.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE scratch (x)")  # header written, user_version 0
    con.execute("DROP TABLE scratch")
    con.commit()
    con.close()
    assert dbmod._check_is_sqlite(path) == 0
    assert schema_version(open_database(path)) == dbmod.SCHEMA_VERSION
    close_database()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "allies.sqlite3"
    open_database(path).execute_sql(f"PRAGMA user_version = {dbmod.SCHEMA_VERSION + 1}")
    close_database()
    with pytest.raises(DatabaseRefused, match="newer Allies"):
        open_database(path)
    close_database()


def test_migration_saves_a_copy_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "allies.sqlite3"
    database = open_database(path)
    Setting.create(key="user_name", value='"Alex"')
    close_database()
    seen: list[int] = []
    current = dbmod.SCHEMA_VERSION
    later = current + 1

    def to_later(database: peewee.SqliteDatabase) -> None:
        copies = list(tmp_path.glob(f"allies.sqlite3.schema{current}-*.bak"))
        seen.append(len(copies))
        database.execute_sql("ALTER TABLE contact ADD COLUMN pronouns TEXT DEFAULT ''")

    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", later)
    monkeypatch.setitem(dbmod.MIGRATIONS, later, to_later)
    database = open_database(path)
    assert seen == [1]
    assert schema_version(database) == later
    columns = {c.name for c in database.get_columns("contact")}
    assert "pronouns" in columns
    close_database()
    [copy] = tmp_path.glob(f"allies.sqlite3.schema{current}-*.bak")
    con = sqlite3.connect(copy)
    assert con.execute("PRAGMA user_version").fetchone()[0] == current
    assert con.execute("SELECT value FROM setting").fetchone()[0] == '"Alex"'
    con.close()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600


def test_daily_backup_once_a_day_keeps_seven(db: peewee.SqliteDatabase) -> None:
    path = Path(db.database)
    start = dt.date(2026, 1, 1)
    assert daily_backup(path, start) is not None
    assert daily_backup(path, start) is None  # the day's copy exists already
    for day in range(1, 10):
        daily_backup(path, start + dt.timedelta(days=day))
    kept = sorted(p.name for p in dbmod.backup_dir(path).glob("*.sqlite3"))
    assert len(kept) == 7
    assert kept[0] == "allies.sqlite3-2026-01-04.sqlite3"
    assert kept[-1] == "allies.sqlite3-2026-01-10.sqlite3"
    con = sqlite3.connect(dbmod.backup_dir(path) / kept[-1])
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()

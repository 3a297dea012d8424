"""Open the database: where it lives, pragmas, schema migrations and daily backups.

The file lives in the platform's user data directory unless ``--db`` or ``ALLIES_DB``
names another. Before a migration the file is copied beside itself; once a day a
consistent copy is made with SQLite's online backup API and the last seven are kept.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import peewee
from platformdirs import user_data_path

from app.errors import DatabaseRefused
from app.models import ALL_MODELS, database
from app.sync.state import create_sync_schema

log = logging.getLogger(__name__)

APP_NAME = "Allies"
DB_FILENAME = "allies.sqlite3"
SCHEMA_VERSION = 3
BACKUPS_KEPT = 7

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "busy_timeout": 10000,
    "cache_size": -32000,
    "temp_store": "memory",
}

# version reached -> function that brings a database of the previous version to it.
Migration = Callable[[peewee.SqliteDatabase], None]


def _capture_tables(db: peewee.SqliteDatabase) -> None:
    """Schema 3: capture sources, their bookkeeping, suggestions, dismissals (SPEC §11) and
    the origin of an interaction. Plain SQL, so it stays right when the models move on."""
    for sql in (
        'CREATE TABLE "capture_source" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, '
        '"name" VARCHAR(255) NOT NULL, "kind" VARCHAR(255) NOT NULL, "location" TEXT NOT NULL, '
        '"username" VARCHAR(255) NOT NULL, "folders" TEXT NOT NULL, '
        '"owner_addresses" TEXT NOT NULL, "created_at" DATETIME NOT NULL, '
        '"last_scan_at" DATETIME, "last_error" TEXT NOT NULL)',
        'CREATE UNIQUE INDEX "capture_source_name" ON "capture_source" ("name")',
        'CREATE TABLE "capture_mark" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"source_id" INTEGER NOT NULL, "key" VARCHAR(255) NOT NULL, "value" TEXT NOT NULL, '
        'FOREIGN KEY ("source_id") REFERENCES "capture_source" ("id") ON DELETE CASCADE)',
        'CREATE UNIQUE INDEX "capture_mark_source_id_key" ON "capture_mark" ("source_id", "key")',
        'CREATE TABLE "capture_seen" ("source_id" INTEGER NOT NULL, "name" VARCHAR(255) NOT NULL, '
        'PRIMARY KEY ("source_id", "name"), FOREIGN KEY ("source_id") REFERENCES '
        '"capture_source" ("id") ON DELETE CASCADE) WITHOUT ROWID',
        'CREATE TABLE "capture_correspondent" ("source_id" INTEGER NOT NULL, '
        '"address" VARCHAR(255) NOT NULL, "thread" VARCHAR(255) NOT NULL, '
        '"name" VARCHAR(255) NOT NULL, PRIMARY KEY ("source_id", "address", "thread"), '
        'FOREIGN KEY ("source_id") REFERENCES "capture_source" ("id") ON DELETE CASCADE) '
        "WITHOUT ROWID",
        'CREATE TABLE "suggestion" ("id" VARCHAR(255) NOT NULL PRIMARY KEY, "key" TEXT NOT NULL, '
        '"kind" VARCHAR(255) NOT NULL, "source_id" INTEGER, "occurred_on" DATE, '
        '"interaction_kind" VARCHAR(255) NOT NULL, "summary" TEXT NOT NULL, '
        '"contact_ids" TEXT NOT NULL, "name" VARCHAR(255) NOT NULL, '
        '"email" VARCHAR(255) NOT NULL, "created_at" DATETIME NOT NULL, '
        'FOREIGN KEY ("source_id") REFERENCES "capture_source" ("id") ON DELETE CASCADE)',
        'CREATE UNIQUE INDEX "suggestion_key" ON "suggestion" ("key")',
        'CREATE INDEX "suggestion_source_id" ON "suggestion" ("source_id")',
        'CREATE TABLE "dismissal" ("key" TEXT NOT NULL PRIMARY KEY, '
        '"dismissed_at" DATETIME NOT NULL)',
        'ALTER TABLE "interaction" ADD COLUMN "origin" TEXT',
        'CREATE INDEX "interaction_origin" ON "interaction" ("origin")',
    ):
        db.execute_sql(sql)


MIGRATIONS: dict[int, Migration] = {
    2: create_sync_schema,  # accounts, sync state, conflicts, field times (issue 14)
    3: _capture_tables,  # capture sources, suggestions, Interaction.origin (issue 16)
}


def data_dir() -> Path:
    return user_data_path(APP_NAME, appauthor=False, ensure_exists=False)


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--db`` beats ``ALLIES_DB`` beats the user data directory."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("ALLIES_DB")
    if env:
        return Path(env).expanduser()
    return default_db_path()


def open_database(
    path: str | os.PathLike[str] | None = None, *, backup: bool = False
) -> peewee.SqliteDatabase:
    """Initialise :data:`app.models.database` on ``path``, migrating it if needed."""
    target = resolve_db_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    existed = target.exists() and target.stat().st_size > 0
    if existed:
        _check_is_sqlite(target)
        _check_not_foreign(target)
    if not database.is_closed():
        database.close()
    database.init(str(target), pragmas=PRAGMAS, check_same_thread=False)
    try:
        database.connect(reuse_if_open=True)
    except peewee.DatabaseError as exc:
        raise DatabaseRefused(f"{target}: cannot open the database ({exc})") from exc
    _restrict_permissions(target)
    migrate(database, target)
    if backup:
        try:
            daily_backup(target)
        except (OSError, sqlite3.Error) as exc:
            log.warning("daily backup failed: %s", exc)
    return database


def close_database() -> None:
    if not database.is_closed():
        database.close()


def _check_is_sqlite(path: Path) -> None:
    with open(path, "rb") as fh:
        head = fh.read(16)
    if head != b"SQLite format 3\x00":
        raise DatabaseRefused(f"{path} is not an Allies database (not an SQLite file)")


def _check_not_foreign(path: Path) -> None:
    """Refuse another program's SQLite file before the pragmas (WAL) would change it."""
    try:
        con = sqlite3.connect(str(path))
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master")}
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(f"{path}: cannot open the database ({exc})") from exc
    known = {m._meta.table_name for m in ALL_MODELS}
    if version == 0 and tables and tables.isdisjoint(known):
        raise DatabaseRefused(f"{path} is an SQLite file of another program")


def _restrict_permissions(path: Path) -> None:
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            if candidate.exists():
                os.chmod(candidate, 0o600)
        except OSError as exc:  # e.g. a file system without modes
            log.debug("chmod %s failed: %s", candidate, exc)


def schema_version(db: peewee.SqliteDatabase) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def migrate(db: peewee.SqliteDatabase, path: Path) -> None:
    version = schema_version(db)
    if version > SCHEMA_VERSION:
        raise DatabaseRefused(
            f"{path} was written by a newer Allies (schema {version}, this one knows "
            f"{SCHEMA_VERSION})"
        )
    if version == 0:
        tables = set(db.get_tables())
        if tables and not tables.isdisjoint({m._meta.table_name for m in ALL_MODELS}):
            raise DatabaseRefused(f"{path} holds Allies tables but no schema version")
        if tables - {"sqlite_sequence"}:
            raise DatabaseRefused(f"{path} is an SQLite file of another program")
        with db.atomic():
            db.create_tables(ALL_MODELS)
            create_sync_schema(db)
            db.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return
    if version == SCHEMA_VERSION:
        return
    copy = save_copy_before_migration(db, path, version)
    log.info("migrating %s from schema %d to %d (copy at %s)", path, version, SCHEMA_VERSION, copy)
    for target in range(version + 1, SCHEMA_VERSION + 1):
        step = MIGRATIONS[target]
        with db.atomic():
            step(db)
            db.execute_sql(f"PRAGMA user_version = {target}")


def save_copy_before_migration(db: peewee.SqliteDatabase, path: Path, version: int) -> Path:
    copy = path.with_name(f"{path.name}.schema{version}-{dt.datetime.now():%Y%m%d-%H%M%S}.bak")
    _online_backup(db, copy)
    return copy


def _online_backup(db: peewee.SqliteDatabase, target: Path) -> None:
    tmp = target.with_name(target.name + ".part")
    dest = sqlite3.connect(str(tmp))
    try:
        db.connection().backup(dest)
    finally:
        dest.close()
    os.chmod(tmp, 0o600)
    os.replace(tmp, target)


def backup_dir(path: Path) -> Path:
    return path.parent / "backups"


def daily_backup(path: Path, today: dt.date | None = None) -> Path | None:
    """Make today's backup unless it exists; keep the newest :data:`BACKUPS_KEPT`."""
    today = today or dt.date.today()
    folder = backup_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{path.stem}-{today.isoformat()}.sqlite3"
    made = None
    if not target.exists():
        _online_backup(database, target)
        made = target
    backups = sorted(folder.glob(f"{path.stem}-????-??-??.sqlite3"))
    for old in backups[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
    return made

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

# Rows of the history that sync (CalDAV) carry a globally unique ``uid``.
HISTORY_UID_TABLES = ("interaction", "exchange", "goal", "follow_up")
_SQL_UID = "lower(hex(randomblob(16)))"


def create_uid_triggers(db: peewee.SqliteDatabase) -> None:
    """A row inserted without a uid (bulk SQL of the demo or an import) gets one at once."""
    for table in HISTORY_UID_TABLES:
        db.execute_sql(
            f"CREATE TRIGGER IF NOT EXISTS {table}_uid_on_insert AFTER INSERT ON {table} "
            f"WHEN NEW.uid IS NULL BEGIN UPDATE {table} SET uid = {_SQL_UID} "
            f"WHERE id = NEW.id; END"
        )


def _add_history_uids(db: peewee.SqliteDatabase) -> None:
    """Schema 3: interactions, exchanges, goals and follow-ups get a stable ``uid``."""
    for table in HISTORY_UID_TABLES:
        db.execute_sql(f"ALTER TABLE {table} ADD COLUMN uid VARCHAR(255)")
        db.execute_sql(f"UPDATE {table} SET uid = {_SQL_UID} WHERE uid IS NULL")
        db.execute_sql(f'CREATE UNIQUE INDEX "{table}_uid" ON "{table}" ("uid")')
    create_uid_triggers(db)


MIGRATIONS: dict[int, Migration] = {
    2: create_sync_schema,  # accounts, sync state, conflicts, field times (issue 14)
    3: _add_history_uids,  # uids of the history rows (issue 15)
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
            create_uid_triggers(db)
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

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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import peewee
from platformdirs import user_data_path

from app.errors import DatabaseRefused
from app.models import ALL_MODELS, database

log = logging.getLogger(__name__)

APP_NAME = "Allies"
DB_FILENAME = "allies.sqlite3"
SCHEMA_VERSION = 2
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

# -- the timeline's full-text index (schema 2) ------------------------------------------
#
# ``interaction_search`` holds, per interaction, its summary, its notes, what was given and
# received in it and its participants' names; ``exchange_search`` holds, per exchange
# logged on its own (without an interaction), its description, outcome and the contact's
# name. Their rowid is the **timeline key**
# ``YYYYMMDD << 32 | id`` (see :func:`timeline_key`): FTS5 returns hits in rowid order, so
# the newest matches of any search come first without sorting its hits, however many.
# Triggers keep both in step in the same transaction as every write, whichever code path
# writes (the app, the command line, an import, a sync).

_SEARCH_OPTIONS = "prefix='1 2 3', tokenize='unicode61 remove_diacritics 2'"
ID_BITS = 32


def timeline_key(day: str, row_id: int) -> int:
    """The full-text rowid of an interaction or exchange on ``day`` (ISO) with this id."""
    return (int(day[:10].replace("-", "")) << ID_BITS) | row_id


def _key(alias: str) -> str:
    """:func:`timeline_key` in SQL, of the row ``alias`` (``i``, ``e``, ``NEW``, ``OLD``)."""
    return (
        f"((CAST(replace(substr({alias}.occurred_on, 1, 10), '-', '') AS INTEGER) << {ID_BITS})"
        f" | {alias}.id)"
    )


_INTERACTION_ROW = f"""
INSERT INTO interaction_search (rowid, summary, notes, trades, names)
SELECT {_key("i")}, i.summary, i.notes,
    COALESCE((SELECT group_concat(e.description || ' ' || COALESCE(e.outcome, ''), ' ')
              FROM exchange e WHERE e.interaction_id = i.id), ''),
    COALESCE((SELECT group_concat(c.formatted_name, ' ') FROM participant p
              JOIN contact c ON c.id = p.contact_id WHERE p.interaction_id = i.id), '')
FROM interaction i WHERE i.id {{which}}"""
_EXCHANGE_ROW = f"""
INSERT INTO exchange_search (rowid, description, outcome, name)
SELECT {_key("e")}, e.description, COALESCE(e.outcome, ''), COALESCE(c.formatted_name, '')
FROM exchange e LEFT JOIN contact c ON c.id = e.contact_id
WHERE e.interaction_id IS NULL AND e.id {{which}}"""


def _refresh_interaction(key: str) -> str:
    """Trigger statements that rewrite the index row of the interaction with id ``key``."""
    return (
        "DELETE FROM interaction_search WHERE rowid = "
        f"(SELECT {_key('i')} FROM interaction i WHERE i.id = {key});"
        + _INTERACTION_ROW.format(which=f"= {key}")
        + ";"
    )


_OF_CONTACT = "(SELECT interaction_id FROM participant WHERE contact_id = NEW.id)"
_SEARCH_TRIGGERS = {
    "interaction_search_ai": "AFTER INSERT ON interaction BEGIN "
    + _INTERACTION_ROW.format(which="= NEW.id")
    + "; END",
    "interaction_search_au": "AFTER UPDATE ON interaction BEGIN "
    f"DELETE FROM interaction_search WHERE rowid = {_key('OLD')};"
    + _INTERACTION_ROW.format(which="= NEW.id")
    + "; END",
    "interaction_search_ad": "AFTER DELETE ON interaction BEGIN "
    f"DELETE FROM interaction_search WHERE rowid = {_key('OLD')}; END",
    "participant_search_ai": "AFTER INSERT ON participant BEGIN "
    + _refresh_interaction("NEW.interaction_id")
    + " END",
    "participant_search_ad": "AFTER DELETE ON participant BEGIN "
    + _refresh_interaction("OLD.interaction_id")
    + " END",
    "participant_search_au": "AFTER UPDATE ON participant BEGIN "
    + _refresh_interaction("OLD.interaction_id")
    + _refresh_interaction("NEW.interaction_id")
    + " END",
    "exchange_search_ai": "AFTER INSERT ON exchange BEGIN "
    + _EXCHANGE_ROW.format(which="= NEW.id")
    + ";"
    + _refresh_interaction("NEW.interaction_id")
    + " END",
    "exchange_search_au": "AFTER UPDATE ON exchange BEGIN "
    f"DELETE FROM exchange_search WHERE rowid = {_key('OLD')};"
    + _EXCHANGE_ROW.format(which="= NEW.id")
    + ";"
    + _refresh_interaction("OLD.interaction_id")
    + _refresh_interaction("NEW.interaction_id")
    + " END",
    "exchange_search_ad": "AFTER DELETE ON exchange BEGIN "
    f"DELETE FROM exchange_search WHERE rowid = {_key('OLD')};"
    + _refresh_interaction("OLD.interaction_id")
    + " END",
    "contact_name_search_au": "AFTER UPDATE OF formatted_name ON contact BEGIN "
    "DELETE FROM interaction_search WHERE rowid IN "
    f"(SELECT {_key('i')} FROM interaction i WHERE i.id IN {_OF_CONTACT});"
    + _INTERACTION_ROW.format(which=f"IN {_OF_CONTACT}")
    + "; DELETE FROM exchange_search WHERE rowid IN "
    f"(SELECT {_key('e')} FROM exchange e WHERE e.contact_id = NEW.id);"
    + _EXCHANGE_ROW.format(which="IN (SELECT id FROM exchange WHERE contact_id = NEW.id)")
    + "; END",
}


def create_timeline_search(db: peewee.SqliteDatabase) -> None:
    """Create the timeline's full-text tables and the triggers that keep them in step."""
    db.execute_sql(
        "CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search USING fts5"
        f"(summary, notes, trades, names, {_SEARCH_OPTIONS})"
    )
    db.execute_sql(
        "CREATE VIRTUAL TABLE IF NOT EXISTS exchange_search USING fts5"
        f"(description, outcome, name, {_SEARCH_OPTIONS})"
    )
    for name, body in _SEARCH_TRIGGERS.items():
        db.execute_sql(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")


def _add_timeline_search(db: peewee.SqliteDatabase) -> None:
    """Schema 2: the timeline's full-text index, filled from what is there."""
    create_timeline_search(db)
    db.execute_sql("DELETE FROM interaction_search")
    db.execute_sql("DELETE FROM exchange_search")
    db.execute_sql(_INTERACTION_ROW.format(which="IS NOT NULL"))
    db.execute_sql(_EXCHANGE_ROW.format(which="IS NOT NULL"))


@contextmanager
def timeline_search_suspended(db: peewee.SqliteDatabase) -> Iterator[None]:
    """Bulk writes without the index triggers (a row-by-row refresh costs ~85 µs a
    write: a 10,000-contact demo took 22 s instead of 3 s), then the index rebuilt from
    all rows. Use it inside the bulk write's transaction, on a database whose timeline
    is (nearly) empty: the rebuild reads everything."""
    for name in _SEARCH_TRIGGERS:
        db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
    try:
        yield
    finally:
        _add_timeline_search(db)


MIGRATIONS: dict[int, Migration] = {2: _add_timeline_search}


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
            create_timeline_search(db)
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

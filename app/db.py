"""Open the database: where it lives, pragmas, schema migrations and daily backups.

The file lives in the platform's user data directory unless ``--db`` or ``ALLIES_DB``
names another. Before a migration the file is copied beside itself; once a day a
consistent copy is made with SQLite's online backup API and the last seven are kept.

Writes from every process go through :func:`write_transaction` (or a ``database.atomic()``,
which is the same at the outermost level): ``BEGIN IMMEDIATE``, waiting up to the busy
timeout for another writer. Files are private from their first byte: folders this module
makes are 0700, the database, its backups and their temporary files 0600. A database the
user made read-only (no write bit in its mode) is opened read-only and stays so.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import logging
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import peewee

from app.db_file import (
    BUSY_TIMEOUT_MS,
    SCHEMA_VERSION,
    data_dir,
    resolve_db_path,
)
from app.errors import DatabaseRefused
from app.models import ALL_MODELS, database
from app.sync.history_times import create_history_field_times
from app.sync.state import create_sync_schema

log = logging.getLogger(__name__)

BACKUPS_KEPT = 7

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "busy_timeout": BUSY_TIMEOUT_MS,
    "cache_size": -32000,
    "temp_store": "memory",
}

# version reached -> function that brings a database of the previous version to it.
Migration = Callable[[peewee.SqliteDatabase], None]


def _capture_tables(db: peewee.SqliteDatabase) -> None:
    """Schema 6: capture sources, their bookkeeping, suggestions, dismissals (SPEC §11) and
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


def _add_name_parts(db: peewee.SqliteDatabase) -> None:
    """Schema 2: the middle names, prefix and suffix of a vCard N get columns."""
    for column in ("additional_names", "name_prefix", "name_suffix"):
        db.execute_sql(f"ALTER TABLE contact ADD COLUMN {column} VARCHAR(255) NOT NULL DEFAULT ''")


# -- the timeline's full-text index (schema 5) ------------------------------------------
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
    "interaction_search_au": "AFTER UPDATE OF summary, notes, occurred_on ON interaction BEGIN "
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
    "exchange_search_au": "AFTER UPDATE OF description, outcome, occurred_on, contact_id, "
    "interaction_id ON exchange BEGIN "
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
    """Schema 5: the timeline's full-text index, filled from what is there."""
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
    """Schema 4: interactions, exchanges, goals and follow-ups get a stable ``uid``."""
    for table in HISTORY_UID_TABLES:
        db.execute_sql(f"ALTER TABLE {table} ADD COLUMN uid VARCHAR(255)")
        db.execute_sql(f"UPDATE {table} SET uid = {_SQL_UID} WHERE uid IS NULL")
        db.execute_sql(f'CREATE UNIQUE INDEX "{table}_uid" ON "{table}" ("uid")')
    create_uid_triggers(db)


def _capture_trusted_cert(db: peewee.SqliteDatabase) -> None:
    """Schema 7: the certificate a mail source's user chose to trust (a self-signed one)."""
    db.execute_sql(
        "ALTER TABLE \"capture_source\" ADD COLUMN \"trusted_cert\" TEXT NOT NULL DEFAULT ''"
    )


# The last key is SCHEMA_VERSION, which lives in app.db_file (read without Peewee by the
# command line): a new migration raises it there.
MIGRATIONS: dict[int, Migration] = {
    2: _add_name_parts,  # middle names, prefix, suffix of a vCard N (issue 12)
    3: create_sync_schema,  # accounts, sync state, conflicts, field times (issue 14)
    4: _add_history_uids,  # uids of the history rows (issue 15)
    5: _add_timeline_search,  # the timeline's full-text index (issue 17)
    6: _capture_tables,  # capture sources, suggestions, Interaction.origin (issue 16)
    7: _capture_trusted_cert,  # an IMAP certificate the user trusts (polish)
    8: create_history_field_times,  # when each history field changed here (issue 15)
}


def open_database(
    path: str | os.PathLike[str] | None = None, *, backup: bool = False
) -> peewee.SqliteDatabase:
    """Initialise :data:`app.models.database` on ``path``, migrating it if needed.

    A file without any write bit in its mode is opened read-only (``database.read_only``):
    nothing is migrated, backed up or written, and every write is refused.
    """
    target = resolve_db_path(path)
    make_private_dir(target.parent, tighten=target.parent == data_dir())
    existed = target.exists() and target.stat().st_size > 0
    if existed:
        # A version in the header is ours (or refused by migrate()): no second connection
        # to read it (its close would checkpoint the WAL just before ours opens it).
        if not _check_is_sqlite(target):
            _check_not_foreign(target)
    if not database.is_closed():
        database.close()
    read_only = existed and is_read_only_file(target)
    if not existed:
        _create_private_file(target)
    if read_only:
        database.init(
            f"{target.resolve().as_uri()}?mode=ro",
            pragmas=READ_ONLY_PRAGMAS,
            check_same_thread=False,
            uri=True,
        )
    else:
        database.init(str(target), pragmas=PRAGMAS, check_same_thread=False)
    database.read_only = read_only
    database.file_path = str(target)
    try:
        database.connect(reuse_if_open=True)
        if read_only:
            # a read-only WAL file whose -shm cannot be made is readable as immutable
            database.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except peewee.DatabaseError as exc:
        if read_only and not database.is_closed():
            database.close()
        if not read_only:
            raise DatabaseRefused(f"{target}: cannot open the database ({exc})") from exc
        _open_immutable(target)
    if read_only:
        _check_version_readable(database, target)
        return database
    _restrict_permissions(target)
    migrate(database, target)
    if backup:
        try:
            daily_backup(target)
        except (OSError, sqlite3.Error) as exc:
            log.warning("daily backup failed: %s", exc)
    return database


READ_ONLY_PRAGMAS = {
    key: value for key, value in PRAGMAS.items() if key not in ("journal_mode", "synchronous")
}


def _open_immutable(target: Path) -> None:
    database.init(
        f"{target.resolve().as_uri()}?mode=ro&immutable=1",
        pragmas=READ_ONLY_PRAGMAS,
        check_same_thread=False,
        uri=True,
    )
    try:
        database.connect(reuse_if_open=True)
        database.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except peewee.DatabaseError as exc:
        raise DatabaseRefused(f"{target}: cannot open the database ({exc})") from exc


def _check_version_readable(db: peewee.SqliteDatabase, target: Path) -> None:
    version = schema_version(db)
    if version != SCHEMA_VERSION:
        db.close()
        raise DatabaseRefused(
            f"{target} is read-only and has schema {version}; this Allies needs "
            f"{SCHEMA_VERSION} and cannot migrate a read-only file"
        )


def write_transaction() -> peewee._atomic:
    """The one way to write: ``BEGIN IMMEDIATE`` at the outermost level, a savepoint inside.

    Waits up to :data:`BUSY_TIMEOUT_MS` for another writer, then raises
    :class:`~app.errors.DatabaseBusy`. A failed COMMIT raises its own error (e.g. "database
    or disk is full"); a read-only database raises :class:`~app.errors.DatabaseReadOnly`
    when something is written.
    """
    return database.atomic()


def use_scratch_copy() -> None:
    """Go on with an in-memory copy of the open, read-only database.

    For reads that would store a by-product (an export gives every contact a UID): the
    by-product is written to the copy and forgotten; the user's file is not touched.
    """
    path = database.file_path
    held = sqlite3.connect(":memory:", check_same_thread=False)
    database.connection().backup(held)
    database.close()
    database.init(":memory:", pragmas={"foreign_keys": 1}, check_same_thread=False)
    database.read_only = False
    database.file_path = path
    database.connect()
    held.backup(database.connection())
    held.close()


def is_read_only_file(path: Path) -> bool:
    """No write bit at all in the file's mode: the user's "read-only", even for root."""
    return not stat.S_IMODE(path.stat().st_mode) & 0o222


def make_private_dir(folder: Path, *, tighten: bool = False) -> None:
    """Create ``folder`` (and missing parents) 0700 from the start; ``tighten`` an existing
    one of ours (the data or backups folder), never a folder the user chose."""
    if not folder.exists():
        with _umask(0o077):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    elif tighten:
        try:
            mode = stat.S_IMODE(folder.stat().st_mode)
            if mode & 0o077:
                os.chmod(folder, mode & 0o700)
        except OSError as exc:  # a file system without modes
            log.debug("chmod %s failed: %s", folder, exc)


def _create_private_file(path: Path) -> None:
    """An empty file, 0600 from its first byte (SQLite gives -wal and -shm the same)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(fd)


@contextlib.contextmanager
def _umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def close_database() -> None:
    if not database.is_closed():
        database.close()
    database.read_only = False


def _check_is_sqlite(path: Path) -> int:
    """Refuse a file that is not SQLite; the ``user_version`` its header holds (offset 60,
    as of the last checkpoint: 0 when not set or the file is shorter)."""
    with open(path, "rb") as fh:
        head = fh.read(100)
    if head[:16] != b"SQLite format 3\x00":
        raise DatabaseRefused(f"{path} is not an Allies database (not an SQLite file)")
    return int.from_bytes(head[60:64], "big") if len(head) == 100 else 0


def _check_not_foreign(path: Path) -> None:
    """Refuse another program's SQLite file before the pragmas (WAL) would change it."""
    try:
        con = sqlite3.connect(str(path))
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            if version:  # ours, or refused by migrate(): no need to read the schema
                return
            tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master")}
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(f"{path}: cannot open the database ({exc})") from exc
    known = {m._meta.table_name for m in ALL_MODELS}
    if version == 0 and tables and tables.isdisjoint(known):
        raise DatabaseRefused(f"{path} is an SQLite file of another program")


def _restrict_permissions(path: Path) -> None:
    """Take group and others' bits off an older file; never add a bit the user removed."""
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            if candidate.exists():
                mode = stat.S_IMODE(candidate.stat().st_mode)
                if mode & 0o077:
                    os.chmod(candidate, mode & 0o700)
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
            create_timeline_search(db)
            create_history_field_times(db)
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
    tmp.unlink(missing_ok=True)
    _create_private_file(tmp)  # 0600 before SQLite writes a byte of the copy
    try:
        dest = sqlite3.connect(str(tmp))
        try:
            db.connection().backup(dest)
        finally:
            dest.close()
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def backup_dir(path: Path) -> Path:
    return path.parent / "backups"


def backup_name(path: Path, day: dt.date) -> str:
    """Named after the whole file name: ``x.db`` and ``x.sqlite3`` never share backups."""
    return f"{path.name}-{day.isoformat()}.sqlite3"


def daily_backup(path: Path, today: dt.date | None = None) -> Path | None:
    """Make today's backup unless it exists; keep the newest :data:`BACKUPS_KEPT`.

    Today's backup is always among those kept, even when the clock was set back and older
    backups carry later dates.
    """
    today = today or dt.date.today()
    folder = backup_dir(path)
    make_private_dir(folder, tighten=True)
    target = folder / backup_name(path, today)
    made = None
    if not target.exists():
        _online_backup(database, target)
        made = target
    pattern = f"{glob.escape(path.name)}-[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].sqlite3"
    others = sorted(p for p in folder.glob(pattern) if p != target)
    for old in others[: max(0, len(others) - (BACKUPS_KEPT - 1))]:
        old.unlink(missing_ok=True)
    return made

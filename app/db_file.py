"""The database file without Peewee: where it lives, the schema it must have, and a plain
connection for the command line's reads.

:mod:`app.db` opens, creates, migrates and backs up the database through Peewee. Importing
Peewee and the models was about 40 % of ``allies due`` (SPEC §7 allows it 0.25 s as a
whole process; see tests/benchmarks/bench_cli.py), so a read command asks
:func:`connect_for_reading` first: it gives a plain :mod:`sqlite3` connection, but only
when :func:`app.db.open_database` would do nothing but connect. Anything else (no file
yet, not an SQLite file, another schema, a file the user made read-only, a mode bit to
take away) gives None, and the caller opens the database the usual way, which creates,
refuses, migrates or tightens as it must.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3

APP_NAME = "Allies"
DB_FILENAME = "allies.sqlite3"
SCHEMA_VERSION = 8

# How long a writer waits for another one; it must outlast the longest commit (a
# 100,000-card import commits in about 10 s on a busy 2-core machine).
BUSY_TIMEOUT_MS = 60_000

SQLITE_HEADER = b"SQLite format 3\x00"

# Runs one SQL statement with its parameters and gives the rows: the app's
# ``database.execute_sql`` or a plain connection's ``execute``. Domain reads that the
# command line makes without Peewee (:mod:`app.due`, :mod:`app.cadence`) take one.
Execute = Callable[[str, Sequence[Any]], Iterable[tuple[Any, ...]]]


def app_execute() -> Execute:
    """The app's database (:data:`app.models.database`, imported only when it is used)."""
    from app.models import database

    return database.execute_sql


def data_dir() -> Path:
    """The user data directory: platformdirs' ``user_data_path``. On Linux it is read
    straight from the XDG Base Directory rules (``$XDG_DATA_HOME``, else
    ``$HOME/.local/share``; a relative path counts as unset), as platformdirs reads it:
    importing platformdirs costs ``allies due`` 10–20 ms (a test compares the two)."""
    if sys.platform == "linux":
        xdg = os.environ.get("XDG_DATA_HOME", "")
        if os.path.isabs(xdg):
            return Path(xdg, APP_NAME)
        home = os.environ.get("HOME", "")
        if os.path.isabs(home):
            return Path(home, ".local", "share", APP_NAME)
    from platformdirs import user_data_path

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


def connect_for_reading(path: Path) -> sqlite3.Connection | None:
    """A read-only (``query_only``) connection to an up-to-date database, else None.

    None whenever opening through :func:`app.db.open_database` would do more than connect:
    the file is missing or empty, is not an SQLite file, has no write bit (opened
    specially), has another schema version, or it, its ``-wal``/``-shm`` or the data
    folder holding it has group or other permission bits (tightened there).
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size == 0:
            return None
        if not stat.S_IMODE(info.st_mode) & 0o222 or _loose(info):
            return None
        for companion in (f"{path}-wal", f"{path}-shm"):
            try:
                if _loose(os.stat(companion)):
                    return None
            except FileNotFoundError:
                pass
        parent = path.parent
        if _loose(parent.stat()) and parent.name == APP_NAME and parent == data_dir():
            return None
        with open(path, "rb") as fh:
            if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return None
    except OSError:
        return None  # the usual way reports it
    import sqlite3  # here: ``allies --help`` needs no database

    try:
        connection = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return None
    try:
        if connection.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            connection.close()
            return None
        connection.execute("PRAGMA query_only = 1")
        connection.execute("PRAGMA temp_store = memory")
    except sqlite3.Error:
        connection.close()
        return None
    return connection


def _loose(info: os.stat_result) -> bool:
    return bool(stat.S_IMODE(info.st_mode) & 0o077)

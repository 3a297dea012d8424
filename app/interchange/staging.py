"""A private scratch database that holds the cards of one import between reading and commit.

An import used to keep every parsed card in memory until it committed (some 4–5 KB a card:
700 MB for 100,000 cards, 2.4 GB for a million tiny ones). Here each card goes, as one
compact ``marshal`` blob, into a temporary SQLite file as soon as it is read; what stays in
memory is only what matching needs (the identity keys and a few numbers a person). The
preview and the commit read the cards back in batches, so memory grows with the batch, not
with the file.

The file lives in a folder of the user's own (0700) in the system's temporary directory,
is 0600 from its first byte (``mkstemp``), has no journal (it is scratch: a crash loses
nothing that was not in the file being imported), and is removed when the import commits
or is dropped; files that a killed process left behind are removed by the next import.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import marshal
import operator
import os
import sqlite3
import stat
import tempfile
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from app.contact_fields import IMPORTED_SCALARS
from app.contacts import AddressInput, ContactInput, Labeled
from app.interchange.records import ContactRecord, Ref

PREFIX = "import-"
SUFFIX = ".staging"
# Where pids cannot be probed (Windows), a file this old is a left-over.
LEFT_OVER_SECONDS = 24 * 3600

_SCALARS = IMPORTED_SCALARS
_EMPTY: frozenset[str] = frozenset()
_scalars_of = operator.attrgetter(*_SCALARS)


def staging_folder() -> Path:
    """The user's own folder for staging files: created 0700, refused when not ours."""
    uid = os.getuid() if hasattr(os, "getuid") else None
    folder = Path(tempfile.gettempdir()) / f"allies-import-{uid if uid is not None else 'user'}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
        ours = stat.S_ISDIR(info.st_mode) and (uid is None or info.st_uid == uid)
        if ours and stat.S_IMODE(info.st_mode) & 0o077:
            folder.chmod(0o700)
        if ours:
            return folder
    except OSError:
        pass
    return Path(tempfile.mkdtemp(prefix="allies-import-"))  # someone else's name: our own


def remove_left_overs(folder: Path) -> list[Path]:
    """Remove staging files of processes that no longer run (a crash or a kill)."""
    removed = []
    for path in folder.glob(f"{PREFIX}*{SUFFIX}"):
        pid_text = path.name[len(PREFIX) :].split("-", 1)[0]
        if not pid_text.isdigit() or _alive(int(pid_text), path):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def _alive(pid: int, path: Path) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill would end the process there
        try:
            return time.time() - path.stat().st_mtime < LEFT_OVER_SECONDS
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, only not ours to signal
    return True


def pack(
    rec: ContactRecord, file: int, keys: list[tuple[str, str]]
) -> tuple[int, int, int, int, str, bytes, bytes]:
    """The row of a card: (file, card, line, target 0, name, identity, blob). The identity
    is what matching needs (the card's identity ``keys`` and its references), the blob
    every field in a fixed order."""
    c = rec.contact
    related = [(r.kind, r.value, r.line, r.type, r.reverse, r.note, r.raw) for r in rec.related]
    data = (
        rec.line,
        _scalars_of(c),
        c.roles,
        [(e.value, e.label) for e in c.emails],
        [(p.value, p.label) for p in c.phones],
        [tuple(a.__dict__.values()) for a in c.addresses],
        [(lk.value, lk.label) for lk in c.links],
        c.tags,
        rec.phone_keys,
        related,
        tuple(rec.given),
        rec.archived,
        rec.connected_on.toordinal() if rec.connected_on else None,
    )
    ident = marshal.dumps((keys, related))
    return file, rec.card, rec.line, 0, c.formatted_name, ident, marshal.dumps(data)


def unpack_identity(blob: bytes) -> tuple[list[tuple[str, str]], list[Ref]]:
    """The identity keys and references of :func:`pack`."""
    keys, related = marshal.loads(blob)
    return keys, [Ref(*r) for r in related]


_new = object.__new__


def unpack(blob: bytes, source: str, card: int) -> ContactRecord:
    (
        line,
        scalars,
        roles,
        emails,
        phones,
        addresses,
        links,
        tags,
        phone_keys,
        related,
        given,
        archived,
        connected,
    ) = marshal.loads(blob)
    contact = _new(ContactInput)
    d = contact.__dict__
    d.update(zip(_SCALARS, scalars, strict=True))
    d["roles"] = roles
    d["emails"] = [_labeled(v, lb) for v, lb in emails]
    d["phones"] = [_labeled(v, lb) for v, lb in phones]
    d["addresses"] = [AddressInput(*a) for a in addresses]
    d["links"] = [_labeled(v, lb) for v, lb in links]
    d["tags"] = tags
    return ContactRecord(
        source,
        card,
        line,
        contact,
        phone_keys,
        [Ref(*r) for r in related],
        frozenset(given) if given else _EMPTY,
        archived,
        dt.date.fromordinal(connected) if connected else None,
    )


def _labeled(value: str, label: str) -> Labeled:
    item = _new(Labeled)
    item.__dict__.update(value=value, label=label)
    return item


class Staging:
    """The cards of one import: ``card(seq, file, card, line, target, name, data)``.

    ``seq`` is the card's place in the import (files in order, cards in file order);
    ``target`` the contact it goes to (see :mod:`app.interchange.importer`).
    """

    def __init__(self) -> None:
        folder = staging_folder()
        remove_left_overs(folder)
        fd, name = tempfile.mkstemp(prefix=f"{PREFIX}{os.getpid()}-", suffix=SUFFIX, dir=folder)
        os.close(fd)
        self.path = Path(name)
        self.db = sqlite3.connect(name, check_same_thread=False, isolation_level=None)
        self._closer = weakref.finalize(self, _remove, self.db, self.path)
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "temp_store = MEMORY"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.execute(
            "CREATE TABLE card (seq INTEGER PRIMARY KEY, file INTEGER, card INTEGER, "
            "line INTEGER, target INTEGER, name TEXT, ident BLOB, data BLOB)"
        )
        self.count = 0
        self._indexed = self._numbered = False

    @classmethod
    def reader(cls, path: Path) -> Staging:
        """Another connection to a staging file, for reading only, that never removes it
        (in a forked process, which must not use its parent's connection)."""
        staging = object.__new__(cls)
        staging.path = path
        staging.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        staging._closer = weakref.finalize(staging, staging.db.close)
        staging.count = 0
        staging._indexed = staging._numbered = True  # made by the writer, never here
        return staging

    def ready_for_readers(self) -> None:
        """Make the index that reads by target need (before another connection reads)."""
        self._index()

    @property
    def closed(self) -> bool:
        return not self._closer.alive

    def close(self) -> None:
        """Remove the file (also done when the staging is garbage-collected)."""
        self._closer()

    def add(self, rows: Sequence[tuple[int, int, int, int, str, bytes, bytes]]) -> None:
        """Append rows made by :func:`pack`; their seqs follow on."""
        with self._transaction():
            self.db.executemany(
                "INSERT INTO card (file, card, line, target, name, ident, data) "
                "VALUES (?,?,?,?,?,?,?)",
                rows,
            )
        self.count += len(rows)

    @contextlib.contextmanager
    def attached(self, path: str) -> Iterator[Callable[[int, int], None]]:
        """Another scratch file of staging rows (a parsing child's, see
        :mod:`app.interchange.parse_worker`): yields ``copy(first, last)``, which appends
        its rows ``first..last`` in one statement."""
        self.db.execute("ATTACH DATABASE ? AS part", (path,))
        try:

            def copy(first: int, last: int) -> None:
                with self._transaction():
                    self.db.execute(
                        "INSERT INTO card (file, card, line, target, name, ident, data) "
                        "SELECT file, card, line, target, name, ident, data FROM part.card "
                        "WHERE rowid BETWEEN ? AND ? ORDER BY rowid",
                        (first, last),
                    )
                self.count += last - first + 1

            yield copy
        finally:
            self.db.execute("DETACH DATABASE part")

    def drop_from(self, count: int) -> None:
        """Forget every card after the first ``count`` (a file that failed halfway)."""
        with self._transaction():
            self.db.execute("DELETE FROM card WHERE seq > ?", (count,))
        self.count = count

    def retarget(self, rows: Iterable[tuple[int, int]]) -> None:
        """Set (target, seq): the cards matched again."""
        with self._transaction():
            self.db.executemany("UPDATE card SET target = ? WHERE seq = ?", rows)

    def cards(
        self, start: int = 1, batch: int = 500
    ) -> Iterator[list[tuple[int, int, int, str, bytes]]]:
        """(seq, file, card, name, identity) in seq order, ``batch`` at a time."""
        seq = start
        while True:
            rows = self.db.execute(
                "SELECT seq, file, card, name, ident FROM card WHERE seq >= ? ORDER BY seq LIMIT ?",
                (seq, batch),
            ).fetchall()
            if not rows:
                return
            yield rows
            seq = rows[-1][0] + 1

    def of_targets(self, low: int, high: int) -> list[tuple[int, int, int, int, bytes]]:
        """(target, seq, file, card, data) of the targets ``low <= target < high``."""
        self._index()
        return self.db.execute(
            "SELECT target, seq, file, card, data FROM card WHERE target >= ? AND target < ? "
            "ORDER BY target, seq",
            (low, high),
        ).fetchall()

    def of_target_list(self, targets: Sequence[int]) -> list[tuple[int, int, int, int, bytes]]:
        self._index()
        found: list[tuple[int, int, int, int, bytes]] = []
        for start in range(0, len(targets), 500):
            chunk = targets[start : start + 500]
            found += self.db.execute(
                "SELECT target, seq, file, card, data FROM card WHERE target IN "
                f"({','.join('?' * len(chunk))}) ORDER BY target, seq",
                list(chunk),
            ).fetchall()
        found.sort(key=lambda row: (row[0], row[1]))
        return found

    def data(self, seqs: Sequence[int]) -> dict[int, bytes]:
        """The blobs of some cards by seq."""
        found: dict[int, bytes] = {}
        for start in range(0, len(seqs), 500):
            chunk = list(seqs[start : start + 500])
            found.update(
                self.db.execute(
                    f"SELECT seq, data FROM card WHERE seq IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
            )
        return found

    def by_card(self, keys: Iterable[tuple[int, int]]) -> dict[tuple[int, int], bytes]:
        """The blobs of (file, card) pairs."""
        self._number_index()
        found = {}
        for file, card in set(keys):
            row = self.db.execute(
                "SELECT data FROM card WHERE file = ? AND card = ?", (file, card)
            ).fetchone()
            if row is not None:
                found[(file, card)] = row[0]
        return found

    def names(self) -> Iterator[tuple[str, int]]:
        """(name, target) of every card."""
        yield from self.db.execute("SELECT name, target FROM card")

    def _index(self) -> None:
        if not self._indexed:
            self.db.execute("CREATE INDEX card_target ON card (target, seq)")
            self._indexed = True

    def _number_index(self) -> None:
        """Cards by number are looked up for the preview only: its index is made then
        (a million cards: a second or two that a commit does without)."""
        if not self._numbered:
            self.db.execute("CREATE INDEX card_number ON card (file, card)")
            self._numbered = True

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")


def _remove(db: sqlite3.Connection, path: Path) -> None:
    with contextlib.suppress(sqlite3.Error):
        db.close()
    with contextlib.suppress(OSError):
        path.unlink()

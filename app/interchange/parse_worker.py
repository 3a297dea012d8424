"""Parse a large UTF-8 vCard file on two cores: this process from the front, a child from the back.

A file is cut into parts before ``BEGIN:VCARD`` lines (:func:`cut`, the same cuts wherever
it runs). The importer cuts and reads the parts in order as it goes. A child process cuts
the whole file first, counting where each part starts: after how many line breaks
(exact) and after how many cards (a count of ``BEGIN:VCARD`` lines, which the scanner
agrees with on every file that is not odd); then it reads the parts from the last one
backwards, each into a scratch SQLite file of its own, as staging rows
(:func:`app.interchange.staging.pack`) with the part's problems and group cards beside
them. Before each part the importer looks which parts the child has begun ("claim") and
stops where the two meet; it then takes the child's parts in order, each only if it
starts where the importer got to and was numbered from the cards and lines read there
(else it reads that part itself), so the result is the same cards, problems and order as
one process reading the file. Text between two cards is never cut: the problems do not
depend on the parts.

The child is a fork where that is safe (a process with no other thread and no Qt: the
command line), else a fresh interpreter (``spawn``; the GUI, whose Qt threads make a fork
unsafe; in the bundle the executable again, see ``packaging/launcher.py``); either
imports only the reader. It stops when told, when its parent is gone (its end of the
pipe closes) or is killed by the importer; an error in it ends it quietly (the importer
reads what it did not finish). Its scratch file is removed by whichever side ends first,
and by the next import after a crash of both (the file is named with the importer's
process id, see :func:`app.interchange.staging.remove_left_overs`).

The child started by a thread other than the main one (the window imports on a worker)
runs at a lower CPU priority (:mod:`app.priority`): a process of its own, it holds no lock
the GUI thread waits for, and the window gets a core first. The child of the command line
(its main thread) keeps the priority it has.
"""

from __future__ import annotations

import contextlib
import dataclasses
import marshal
import os
import re
import sqlite3
import sys
import threading
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.priority import BACKGROUND_NICENESS

# The first pass reads this much at a time; a part is what lies between the last
# BEGIN:VCARD line of one read and that of the next (about this size, never a card cut;
# the text between two cards is never cut either, so the problems are those of one
# piece). Small parts: where the two processes meet, one waits for the other's part.
PART_BYTES = 1 << 18
# Files this large (and of at least two parts) are read with a child. A forked child
# starts in milliseconds; a spawned one needs about 0.3 s of imports before it helps.
FORK_MIN_BYTES = 2 << 20
SPAWN_MIN_BYTES = 3 << 20

_LINE_BREAK = re.compile(rb"\r*\n|\r")


@dataclass(frozen=True, slots=True)
class Part:
    """Bytes ``start:end`` of the file, after ``cards`` cards and ``lines`` line breaks."""

    start: int
    end: int
    cards: int
    lines: int


def parts(path: Path, bom: int, size: int | None = None) -> list[Part]:
    """The file (after a byte order mark of ``bom`` bytes) in parts cut before lines that
    begin a card, as :func:`app.interchange.vcard_reader.read_vcards` may cut it, read
    ``size`` bytes at a time (default :data:`PART_BYTES`)."""
    return list(cut(path, bom, size))


def cut(path: Path, bom: int, size: int | None = None, *, counted: bool = True) -> Iterator[Part]:
    """:func:`parts` one at a time, as the file is read (``counted=False``: without the
    counts of cards and lines before each, which the importer has from reading them)."""
    cards = lines = 0
    position = bom
    step = size or PART_BYTES
    with open(path, "rb") as fh:
        fh.seek(bom)
        pending = b""
        for chunk in iter(lambda: fh.read(step), b""):
            pending += chunk
            at = max(pending.rfind(b"\nBEGIN:VCARD"), pending.rfind(b"\rBEGIN:VCARD"))
            if at > 0:
                piece = pending[: at + 1]
                yield Part(position, position + len(piece), cards, lines)
                if counted:
                    cards += _card_lines(piece)
                    lines += _line_breaks(piece)
                position += len(piece)
                pending = pending[at + 1 :]
        if pending:
            yield Part(position, position + len(pending), cards, lines)


def _card_lines(data: bytes) -> int:
    """Lines that begin with ``BEGIN:VCARD`` (or ``begin:vcard``): the scanner's count of
    cards on any file that is not odd (where it is not, the parts are read again)."""
    found = data.startswith((b"BEGIN:VCARD", b"begin:vcard"))
    for marker in (b"\nBEGIN:VCARD", b"\rBEGIN:VCARD", b"\nbegin:vcard", b"\rbegin:vcard"):
        found += data.count(marker)
    return found


def _line_breaks(data: bytes) -> int:
    """Line breaks as :func:`app.interchange.vcard_reader.split_lines` counts them."""
    if b"\r\r" in data:
        return len(_LINE_BREAK.findall(data))
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")


def read_part(path: Path, part: Part) -> str:
    with open(path, "rb") as fh:
        fh.seek(part.start)
        return fh.read(part.end - part.start).decode("utf-8")


# How a child starts: None chooses (a fork where :func:`fork_is_safe`, else spawn);
# "spawn" makes the self-check start it as the GUI does.
START: str | None = None


def fork_is_safe() -> bool:
    """A fork copies only the calling thread: safe while it is the only one (and Qt, which
    starts threads of its own, is not loaded). Linux only: macOS's system libraries are
    not safe to use after a fork (Python spawns there by default)."""
    if START is not None:
        return START == "fork"
    return (
        sys.platform.startswith("linux")
        and threading.active_count() == 1
        and not any(name.startswith(("PySide6", "shiboken6")) for name in sys.modules)
    )


@dataclass(frozen=True)
class Job:
    """What the child reads: the file's path and name (for problems), its index among the
    import's files, the phone region, the encoding, the byte order mark's length and the
    size the parts are cut by."""

    path: str
    file: str
    index: int
    region: str
    encoding: str
    bom: int
    part_bytes: int  # the importer's PART_BYTES: it cuts the parts as the child does
    out: str  # the scratch SQLite file for the results
    niceness: int = 0  # how much lower the child's CPU priority is (set by Helper)


def child_main(conn: Any, job: Job, inherited: Any = None) -> None:
    """The child: cuts the file into parts itself (the importer cuts it as it reads), then
    reads them from the last one backwards until told to stop (never part 0)."""
    if inherited is not None:  # a fork holds the parent's end too: EOF needs it closed
        inherited.close()
    if job.niceness:
        from app.priority import lower_this_thread

        lower_this_thread(job.niceness)
    db: sqlite3.Connection | None = None
    try:
        db = _open_results(job.out)
        found = parts(Path(job.path), job.bom, job.part_bytes)
        for index in range(len(found) - 1, 0, -1):
            if conn.poll():
                break  # "stop", or the parent is gone (EOF)
            conn.send_bytes(marshal.dumps(("claim", index)))
            _parse_part(db, job, found[index], index)
            conn.send_bytes(marshal.dumps(("done", index)))
        conn.send_bytes(marshal.dumps(("end", 0)))
    except (EOFError, OSError):
        with contextlib.suppress(OSError):  # the parent is gone: its file goes too
            Path(job.out).unlink()
    except Exception:  # noqa: S110 - the importer reads the parts this one did not finish
        pass  # (its error, if the file holds one, is then reported there, as without us)
    finally:
        if db is not None:
            db.close()
        conn.close()


def _open_results(path: str) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode = OFF", "synchronous = OFF"):
        db.execute(f"PRAGMA {pragma}")
    db.execute(
        "CREATE TABLE IF NOT EXISTS card (file INTEGER, card INTEGER, line INTEGER, "
        "target INTEGER, name TEXT, ident BLOB, data BLOB)"
    )
    db.execute(
        "CREATE TABLE IF NOT EXISTS part (number INTEGER PRIMARY KEY, start INTEGER, "
        "first_card INTEGER, first_line INTEGER, first_row INTEGER, last_row INTEGER, "
        "cards INTEGER, lines INTEGER, problems BLOB, groups BLOB)"
    )
    return db


def _parse_part(db: sqlite3.Connection, job: Job, part: Part, index: int) -> None:
    from app.interchange.keys import identity
    from app.interchange.problems import ProblemSink
    from app.interchange.records import ContactRecord
    from app.interchange.staging import pack
    from app.interchange.textdecode import DecodedText
    from app.interchange.vcard_reader import read_vcards

    rows: list[tuple[int, int, int, int, str, bytes, bytes]] = []

    def stage(rec: ContactRecord) -> None:
        rows.append(pack(rec, job.index, identity(rec)))

    sink = ProblemSink(job.file)
    result = read_vcards(
        DecodedText("", job.encoding, None),
        sink,
        region=job.region,
        segments=[read_part(Path(job.path), part)],
        emit=stage,
        first_card=part.cards,
        first_line=part.lines,
    )
    problems = [(p.card, p.line, p.code, p.reason, p.severity.value) for p in sink.items]
    groups = [
        (
            g.card,
            g.line,
            g.name,
            g.uid,
            [(r.kind, r.value, r.line, r.type, r.reverse, r.note, r.raw) for r in g.members],
        )
        for g in result.groups
    ]
    db.execute("BEGIN")
    first = db.execute("SELECT COALESCE(MAX(rowid), 0) + 1 FROM card").fetchone()[0]
    db.executemany("INSERT INTO card VALUES (?,?,?,?,?,?,?)", rows)
    db.execute(
        "INSERT INTO part VALUES (?,?,?,?,?,?,?,?,?,?)",
        (
            index,
            part.start,
            part.cards,
            part.lines,
            first,
            first + len(rows) - 1,
            result.cards,
            result.lines,
            marshal.dumps(problems),
            marshal.dumps(groups),
        ),
    )
    db.execute("COMMIT")


@dataclass(frozen=True)
class PartResult:
    """A part the child read: where it starts in the file, the cards and lines it was
    numbered after, its staging rows ``first_row..last_row`` in the child's file, the
    cards and lines in it, its problems and group cards."""

    start: int
    first_card: int
    first_line: int
    first_row: int
    last_row: int
    cards: int
    lines: int
    problems: list[tuple[int | None, int | None, str, str, str]]
    groups: list[tuple[int, int, str, str | None, list[tuple[Any, ...]]]]


def part_results(path: str) -> Iterator[tuple[int, PartResult]]:
    db = sqlite3.connect(path)
    try:
        for number, *facts, problems, groups in db.execute(
            "SELECT number, start, first_card, first_line, first_row, last_row, cards, lines, "
            "problems, groups FROM part"
        ):
            yield number, PartResult(*facts, marshal.loads(problems), marshal.loads(groups))
    finally:
        db.close()


_running: weakref.WeakSet[Helper] = weakref.WeakSet()
taken = 0  # parts a child read and the importer took, since the start (self-check, tests)


def child_pending() -> bool:
    """Whether a running import has a child that has begun no part yet (the self-check
    waits for it in a progress callback, to prove the child works in the bundle)."""
    return any(h.claimed() == NO_CLAIM and not h.ended for h in list(_running))


NO_CLAIM = sys.maxsize  # what Helper.claimed() says before the child has begun a part


def start_child(context: Any, target: Any, args: tuple[Any, ...]) -> Any:
    """A started daemon child process of ``context`` (fork or spawn) running ``target``.
    Standard output and error are flushed first: a fork would write their buffers again."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    process = context.Process(target=target, args=args, daemon=True)
    process.start()
    return process


def end_child(process: Any, conn: Any) -> None:
    """Kill ``process`` if it still runs, wait for it and close it and our end of its pipe."""
    if process.is_alive():
        process.kill()
    process.join()
    process.close()
    conn.close()


class Helper:
    """The child process of one file, seen from the importer."""

    def __init__(self, job: Job, fork: bool) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork" if fork else "spawn")
        self.job = job
        self.lowest_claim = NO_CLAIM
        self.ended = False
        self.done: set[int] = set()
        if threading.current_thread() is not threading.main_thread():
            # The window imports on a worker: its child gives way to the GUI thread.
            job = dataclasses.replace(job, niceness=BACKGROUND_NICENESS)
        self._conn, child_end = context.Pipe()
        args = (child_end, job, self._conn) if fork else (child_end, job)
        self._process = start_child(context, child_main, args)
        child_end.close()
        _running.add(self)

    def claimed(self) -> int:
        """The first part the child has begun (its parts run from there to the last)."""
        self._drain(0)
        return self.lowest_claim

    def finish(self, check: Any) -> dict[int, PartResult]:
        """Stop the child after its part in hand and wait for it (calling ``check()``, which
        may raise, every 50 ms); the parts it read. A child that died read fewer."""
        with contextlib.suppress(OSError):
            self._conn.send_bytes(b"stop")
        while not self.ended:
            check()
            self._drain(0.05)
        self._process.join(5)
        return {n: r for n, r in part_results(self.job.out) if n in self.done}

    def _drain(self, timeout: float) -> None:
        try:
            while not self.ended and self._conn.poll(timeout):
                kind, number = marshal.loads(self._conn.recv_bytes())
                if kind == "claim":
                    self.lowest_claim = min(self.lowest_claim, number)
                elif kind == "done":
                    self.done.add(number)
                else:
                    self.ended = True
                timeout = 0
        except (EOFError, OSError):  # the child died: what it finished is in the file
            self.ended = True

    def close(self) -> None:
        """End the child (if it still runs) and remove its file."""
        _running.discard(self)
        end_child(self._process, self._conn)
        for suffix in ("", "-journal"):
            with contextlib.suppress(OSError):
                os.unlink(self.job.out + suffix)

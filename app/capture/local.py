"""Local mail folders: Maildir and mbox, read with plain file access, headers only.

The standard library's ``mailbox`` module would parse every message whole (body and
attachments) and, for mbox, build a table of contents of the entire file first; Allies
needs neither. A Maildir message is read only up to the end of its header (a few KB);
an mbox is walked line by line from where the last scan stopped, and body lines are
skipped without being kept.

Incremental (SPEC §11): a Maildir by the unique part of its file names (flags after
``:2,`` change when a message is read, the name before them never does), an mbox by the
byte offset after the last message read (and a fingerprint of its first bytes, so a
compacted or replaced file is read again from the start; suggestions have stable keys,
so nothing is proposed twice).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.capture.messages import MAX_HEADER_BYTES, Header, parse_header
from app.errors import SourceFailed

BATCH = 2000
_READ = 8192


@dataclass
class MailBatch:
    """Headers read, and the bookkeeping to commit together with what they yield."""

    headers: list[Header]
    marks: dict[str, dict[str, object]] = field(default_factory=dict)
    seen_names: list[str] = field(default_factory=list)
    done: int = 0
    total: int = 0


def maildir_unique(name: str) -> str:
    return name.split(":", 1)[0]


def read_file_header(path: str) -> bytes:
    """The header bytes of one message file, never more than :data:`MAX_HEADER_BYTES`."""
    with open(path, "rb") as fh:
        data = fh.read(_READ)
        while b"\n\n" not in data and b"\r\n\r\n" not in data and len(data) < MAX_HEADER_BYTES:
            more = fh.read(_READ)
            if not more:
                break
            data += more
    return data


def is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() and (path / "new").is_dir()


MAILDIR_KEY = "maildir"


def maildir_batches(
    name: str,
    path: Path,
    seen: Callable[[set[str]], set[str]],
    mark: dict[str, object] | None,
) -> Iterator[MailBatch]:
    """The messages of the Maildir at ``path`` whose unique names ``seen`` does not know
    (``seen(names)`` returns those of ``names`` read before).

    A folder (``cur/`` or ``new/``) whose modification time is still the one of the last
    complete scan (in ``mark``) gained no file and is not listed at all: new mail lands in
    ``new/``, so an incremental scan usually lists a handful of names."""
    if not is_maildir(path):
        raise SourceFailed(name, "not-found", str(path))
    try:
        stamps = {sub: (path / sub).stat().st_mtime_ns for sub in ("cur", "new")}
    except OSError as exc:
        raise SourceFailed(name, "unreadable", str(exc)) from exc
    before = dict((mark or {}).get("mtimes") or {})  # type: ignore[call-overload]
    files: dict[str, tuple[str, str]] = {}
    for sub in ("new", "cur"):
        if before.get(sub) == stamps[sub]:
            continue
        try:
            names = os.listdir(path / sub)
        except OSError as exc:
            raise SourceFailed(name, "unreadable", str(exc)) from exc
        files.update((n.split(":", 1)[0], (sub, n)) for n in names if not n.startswith("."))
    if not files and before == stamps:
        return
    new = sorted(files.keys() - seen(set(files)))
    total = len(new)
    done_mark = {MAILDIR_KEY: {"mtimes": stamps}}
    if not new:
        yield MailBatch([], marks=done_mark)
    for start in range(0, total, BATCH):
        chunk = new[start : start + BATCH]
        headers = []
        read = []
        for unique in chunk:
            sub, file_name = files[unique]
            try:
                data = read_file_header(os.path.join(path, sub, file_name))
            except FileNotFoundError:
                continue  # moved between cur/ and new/ meanwhile: the next scan reads it
            except OSError as exc:
                raise SourceFailed(name, "unreadable", str(exc)) from exc
            headers.append(parse_header(data, fallback_id=unique))
            read.append(unique)
        last = start + BATCH >= total and len(read) == len(chunk)
        yield MailBatch(
            headers,
            marks=done_mark if last else {},
            seen_names=read,
            done=start + len(chunk),
            total=total,
        )


MBOX_KEY = "mbox"


def _fingerprint(head: bytes, offset: int) -> str:
    """What the file's first bytes (up to ``offset``) looked like: a changed start means
    the file was compacted or replaced."""
    return hashlib.sha256(head[: min(len(head), offset)]).hexdigest()


def mbox_batches(name: str, path: Path, mark: dict[str, object] | None) -> Iterator[MailBatch]:
    """The messages of the mbox at ``path`` after the offset in ``mark``."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise SourceFailed(name, "not-found", str(exc)) from exc
    offset = 0
    if mark:
        previous = int(mark.get("offset", 0))  # type: ignore[call-overload]
        if previous <= size and mark.get("fingerprint") == _fingerprint(head, previous):
            offset = previous
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise SourceFailed(name, "unreadable", str(exc)) from exc
    with fh:
        fh.seek(offset)
        if offset == 0:
            first = fh.readline()
            if first and not first.startswith(b"From "):
                raise SourceFailed(name, "unreadable", "not an mbox file")
            fh.seek(0)
        headers: list[Header] = []
        position = offset
        lines: list[bytes] | None = None  # header lines of the message being read
        start = offset
        previous_blank = True
        for line in fh:
            if line.startswith(b"From ") and previous_blank:
                if lines is not None:
                    headers.append(parse_header(b"".join(lines), fallback_id=f"mbox-{start}"))
                    if len(headers) >= BATCH:
                        yield MailBatch(
                            headers,
                            marks={MBOX_KEY: _mark(head, position)},
                            done=position,
                            total=size,
                        )
                        headers = []
                lines = []
                start = position
            elif lines is not None and not _header_ended(lines):
                if sum(map(len, lines)) < MAX_HEADER_BYTES:
                    lines.append(line)
            previous_blank = line in (b"\n", b"\r\n")
            position += len(line)
        if lines is not None:
            headers.append(parse_header(b"".join(lines), fallback_id=f"mbox-{start}"))
        yield MailBatch(
            headers,
            marks={MBOX_KEY: _mark(head, position)},
            done=position,
            total=size,
        )


def _mark(head: bytes, offset: int) -> dict[str, object]:
    return {"offset": offset, "fingerprint": _fingerprint(head, offset)}


def _header_ended(lines: list[bytes]) -> bool:
    return bool(lines) and lines[-1] in (b"\n", b"\r\n")

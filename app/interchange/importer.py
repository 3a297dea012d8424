"""Import vCard and CSV files: plan (read, match, preview), commit (one transaction), undo.

``plan_import`` reads every file into a private staging file (:mod:`.staging`), a batch of
cards at a time, then matches the cards (:mod:`.matching`): whether each creates a contact,
updates one (same UID, then e-mail, then phone, then LinkedIn profile) or changes nothing.
Near-identical names become merge candidates for the preview, never automatic merges.
Nothing is written, and no write lock is held while files are read and matched (SPEC §7);
memory grows with the batch and the identity keys, not with a copy of every card.
``commit_import`` takes the write lock (one ``atomic(lock_type="IMMEDIATE")``, which waits
for other writers), reuses the plan's matching when the database is unchanged since, else
matches again (the preview may have been open a while), and writes the cards from the
staging file in batches, with an :class:`~app.models.ImportBatch` and one
:class:`~app.models.ImportChange` per contact (a JSON snapshot of each updated contact), so
that ``undo_last_import`` can put the database back. A kill or a
:class:`~app.errors.Cancelled` mid-commit leaves the database as it was.

Both run without Qt, in whatever thread calls them; ``progress(done, total)`` is called now
and then, and ``cancel()`` returning True stops the work with ``Cancelled``.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import itertools
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app import settings
from app.changes import Changes
from app.collector import collector_paused
from app.contacts import ContactInput, reindex
from app.derived import refresh_derived
from app.errors import Cancelled, ImportFailed
from app.interchange import commit_worker, csv_reader, parse_worker, textdecode
from app.interchange.keys import identity
from app.interchange.matching import CONNECTED_SUMMARY, Matching
from app.interchange.merging import Target
from app.interchange.problems import Problem, ProblemSink, Severity
from app.interchange.records import ContactRecord, GroupRecord, Ref
from app.interchange.similar import candidate_pairs
from app.interchange.staging import PREFIX, SUFFIX, Staging, pack, staging_folder, unpack
from app.interchange.store import (
    ContactRow,
    NewContext,
    chunks,
    insert_contacts,
    next_contact_id,
    restore,
    update_contacts,
    write_new,
)
from app.interchange.textdecode import BinaryData, decode_file
from app.interchange.vcard_reader import VCardResult, read_vcards
from app.models import ImportBatch, InteractionKind, database, now

MAX_FILE_BYTES = 256 * 1024 * 1024
# Longer lines are no vCard or CSV: above the largest photo a card may carry (base64 on
# one line) and the longest CSV field (csv_reader's limit).
MAX_LINE_BYTES = 16 * 1024 * 1024

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]

_BEGIN_TEXT = re.compile(r"BEGIN:VCARD", re.IGNORECASE)
_CHARSET = re.compile(rb"CHARSET=\"?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class InlineData:
    """vCard data that is not a file, e.g. ``text/vcard`` dragged from a mail client."""

    data: bytes | str
    name: str = "dropped vCard data"


Source = str | os.PathLike[str] | InlineData


@dataclass(frozen=True)
class MergeCandidate:
    """A card whose name is almost that of a contact (or of another card): merge by hand?"""

    file: str
    card: int
    name: str
    other_name: str
    score: float
    contact_id: int | None = None  # an existing contact …
    other_file: str | None = None  # … or another card of this import
    other_card: int | None = None


@dataclass
class FilePlan:
    file: str
    kind: str = ""  # "vcard", "linkedin", "google", "google-legacy"; "" when unreadable
    encoding: str = ""
    cards: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    groups: int = 0
    failed: Problem | None = None
    problems: list[Problem] = field(default_factory=list)
    group_records: list[GroupRecord] = field(default_factory=list, repr=False)

    def error(self) -> ImportFailed | None:
        return ImportFailed(self.file, self.failed.reason) if self.failed else None


@dataclass
class ImportPlan:
    """What an import would do. The cards themselves wait in a private staging file
    (:mod:`app.interchange.staging`) until :func:`commit_import`, which removes it; a plan
    that is dropped removes it too (:meth:`close`)."""

    files: list[FilePlan]
    merge_candidates: list[MergeCandidate] = field(default_factory=list)
    region: str = ""
    _staging: Staging | None = field(default=None, repr=False, compare=False)
    # The matching behind the counts, reused by commit_import if the database is unchanged.
    _matching: Matching | None = field(default=None, repr=False, compare=False)
    _fingerprint: tuple[int, int, int] | None = field(default=None, repr=False, compare=False)

    @property
    def new(self) -> int:
        return sum(f.new for f in self.files)

    @property
    def updated(self) -> int:
        return sum(f.updated for f in self.files)

    @property
    def unchanged(self) -> int:
        return sum(f.unchanged for f in self.files)

    @property
    def skipped(self) -> int:
        return sum(f.skipped for f in self.files)

    @property
    def problems(self) -> list[Problem]:
        return [p for f in self.files for p in f.problems]

    @property
    def failed_files(self) -> list[FilePlan]:
        return [f for f in self.files if f.failed is not None]

    def close(self) -> None:
        """Remove the staging file; the plan cannot be committed after."""
        if self._staging is not None:
            self._staging.close()
        self._staging = self._matching = self._fingerprint = None

    def targets(self) -> Iterator[Target]:
        """Every contact the import touches, as the commit would write it, batch by batch
        (the preview's people): ``contact``, ``stored`` (None for a new one), ``changed``,
        ``connected_on`` and ``records`` (the cards, the first one first)."""
        matching = self._matching
        if matching is None and self._staging is not None and not self._staging.closed:
            matching = Matching(self._staging, self.files)
        if matching is not None:
            yield from matching.targets()

    def card_contacts(
        self, cards: Iterable[tuple[str, int]]
    ) -> dict[tuple[str, int], ContactInput]:
        """The contacts of (file, card number) pairs, as read from the file."""
        staging = self._staging
        if staging is None or staging.closed:
            return {}
        index = {f.file: i for i, f in enumerate(self.files)}
        wanted = {(index[file], card) for file, card in cards if file in index}
        return {
            (self.files[file].file, card): unpack(blob, self.files[file].file, card).contact
            for (file, card), blob in staging.by_card(wanted).items()
        }


@dataclass
class ImportResult:
    created: int
    updated: int
    unchanged: int
    created_ids: list[int]
    updated_ids: list[int]
    batch_id: int | None
    plan: ImportPlan
    changes: Changes

    def as_dict(self) -> dict[str, object]:
        """The documented JSON of ``allies import --json``."""
        return plan_dict(self.plan) | {"created": self.created, "updated": self.updated}


def plan_dict(plan: ImportPlan) -> dict[str, object]:
    """JSON-ready facts of a plan (``--dry-run``): counts, skipped cards, problems."""
    return {
        "created": plan.new,
        "updated": plan.updated,
        "unchanged": plan.unchanged,
        "skipped": [p.as_dict() for p in plan.problems if p.severity is Severity.ERROR and p.card],
        "files": [
            {
                "file": f.file,
                "kind": f.kind,
                "cards": f.cards,
                "new": f.new,
                "updated": f.updated,
                "unchanged": f.unchanged,
                "skipped": f.skipped,
                "groups": f.groups,
                "error": f.failed.reason if f.failed else None,
            }
            for f in plan.files
        ],
        "problems": [p.as_dict() for p in plan.problems],
        "merge_candidates": [
            {
                "file": m.file,
                "card": m.card,
                "name": m.name,
                "other_name": m.other_name,
                "score": round(m.score, 1),
                "contact_id": m.contact_id,
                "other_file": m.other_file,
                "other_card": m.other_card,
            }
            for m in plan.merge_candidates
        ],
    }


@dataclass(frozen=True)
class UndoResult:
    batch_id: int
    removed: int
    restored: int
    changes: Changes


class _Ticker:
    """Counts work, reports progress every few items and honours cancel."""

    def __init__(self, total: int, progress: ProgressFn | None, cancel: CancelFn | None) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.progress = progress
        self.cancel = cancel

    def __call__(self, amount: int = 1) -> None:
        before = self.done
        self.done += amount
        if self.done // 50 != before // 50 or self.done >= self.total:
            self.check()

    def finish(self) -> None:
        self.done = self.total
        self.check()

    def check(self) -> None:
        if self.cancel is not None and self.cancel():
            raise Cancelled()
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)


# --- planning --------------------------------------------------------------------------


def plan_import(
    sources: Iterable[Source],
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    *,
    region: str | None = None,
    candidates: bool = True,
) -> ImportPlan:
    """Read and match every source; nothing is written. Never raises for a bad file.
    ``candidates=False`` leaves out the merge candidates (a caller that shows none).

    The cyclic collector pauses meanwhile: an import makes millions of small objects
    without cycles and keeps its identity keys and names until it ends, and every
    automatic collection would walk all of them again (15–30 % of a 10,000-card import).
    Callers that build more from a plan (the GUI's preview rows) hold the pause around
    all of it: on a worker, full collections walking a 100,000-contact window's heap held
    the GIL 100–270 ms each, and the GUI thread stalled as long."""
    with collector_paused():
        return _plan(sources, progress, cancel, region, candidates)


def _plan(
    sources: Iterable[Source],
    progress: ProgressFn | None,
    cancel: CancelFn | None,
    region: str | None,
    candidates: bool,
) -> ImportPlan:
    region = settings.get("phone_region") if region is None else region
    # A first pass over each file in small chunks: refuses giants early, counts the cards
    # for the progress and tells whether the file can be decoded piece by piece.
    checked = [_check(source) for source in sources]
    total = sum(c.estimate for c in checked)
    tick = _Ticker(2 * total + 1, progress, cancel)  # reading, then matching
    staging = Staging()
    try:
        plan = ImportPlan([c.plan for c in checked], region=region, _staging=staging)
        before = _fingerprint()
        for index, c in enumerate(checked):
            if c.source is not None:
                _read_staged(c, index, staging, region, tick)
        matching = Matching(staging, plan.files, tick)
        _add_problems(plan, matching)
        if candidates:
            plan.merge_candidates = _merge_candidates(matching)
        if _fingerprint() == before:
            plan._matching, plan._fingerprint = matching, before
        tick.finish()
    except BaseException:
        staging.close()
        raise
    return plan


def _add_problems(plan: ImportPlan, matching: Matching) -> None:
    by_name = {f.file: f for f in plan.files}
    for problem in matching.problems:
        by_name[problem.file].problems.append(problem)


def _read_staged(
    checked: _Checked, index: int, staging: Staging, region: str, tick: _Ticker
) -> None:
    """Read one file into the staging file; a file that fails leaves no card there."""
    file_plan = checked.plan
    stager = _Stager(staging, index)
    failed_at = staging.count
    try:
        _read(file_plan, checked, region, tick, stager)
        if file_plan.failed is None:
            stager.flush()
            file_plan.skipped = file_plan.cards - stager.staged - len(file_plan.group_records)
    except Cancelled:
        raise
    except MemoryError:
        _fail(file_plan, "file-too-large", "The file is too large to be read.")
    except Exception as exc:  # SPEC §7: a file's trouble is reported, never raised
        _fail(
            file_plan,
            "file-unreadable",
            f"The file could not be read ({type(exc).__name__}: {exc}).",
        )
    if file_plan.failed is not None:
        stager.rows.clear()
        file_plan.group_records = []
        staging.drop_from(failed_at)


class _Stager:
    """Packs the cards of one file into the staging file, a batch at a time."""

    def __init__(self, staging: Staging, index: int) -> None:
        self.staging = staging
        self.index = index
        self.rows: list[tuple[int, int, int, int, str, bytes, bytes]] = []
        self.staged = 0

    def __call__(self, rec: ContactRecord) -> None:
        self.rows.append(pack(rec, self.index, identity(rec)))
        self.staged += 1
        if len(self.rows) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.staging.add(self.rows)
            self.rows.clear()


def _fingerprint() -> tuple[int, int, int]:
    """Changes to the database since: by other connections (``data_version``) or by this
    one (``total_changes``). Equal fingerprints mean the plan's matching still holds."""
    connection = database.connection()
    version = database.execute_sql("PRAGMA data_version").fetchone()[0]
    return id(connection), version, connection.total_changes


@dataclass
class _Checked:
    """A source after the first pass: its plan, the source to read (None: refused), a
    guess of its cards, and whether it is UTF-8 that can be decoded piece by piece."""

    plan: FilePlan
    source: Source | None
    estimate: int = 0
    utf8: bool = False
    bom: int = 0  # bytes of a UTF-8 byte order mark to skip
    size: int = 0  # bytes


def _check(source: Source) -> _Checked:
    """A plan for the source and a guess of its card count; a failed plan (and no source
    to read) for a file that is missing, unreadable, too large or has a giant line."""
    if isinstance(source, InlineData):
        plan = FilePlan(source.name)
        data = source.data.encode("utf-8") if isinstance(source.data, str) else source.data
        chunks_of: Iterable[bytes] = (data[i : i + _CHUNK] for i in range(0, len(data), _CHUNK))
        return _scan_chunks(plan, source, chunks_of)
    plan = FilePlan(os.fspath(source))
    try:
        path = Path(source)
        if path.stat().st_size > MAX_FILE_BYTES:
            _fail(plan, "file-too-large", f"The file is larger than {MAX_FILE_BYTES >> 20} MB.")
            return _Checked(plan, None)
        with open(path, "rb") as fh:
            return _scan_chunks(plan, source, iter(lambda: fh.read(_CHUNK), b""))
    except FileNotFoundError:
        _fail(plan, "file-not-found", "The file does not exist.")
    except OSError as exc:
        _fail(plan, "file-unreadable", f"The file cannot be read ({exc.strerror or exc}).")
    return _Checked(plan, None)


_CHUNK = 1 << 20


def _scan_chunks(plan: FilePlan, source: Source, chunks_of: Iterable[bytes]) -> _Checked:
    """Line lengths and cards, chunk by chunk: a line longer than :data:`MAX_LINE_BYTES`
    (a 200 MB file of one line) is refused after reading that much of it, not all. Also
    whether the file is UTF-8 throughout (then it is decoded piece by piece later)."""
    size = run = cards = lines = 0
    tail = b""
    utf8: codecs.IncrementalDecoder | None = codecs.getincrementaldecoder("utf-8")()
    bom = 0
    for chunk in chunks_of:
        if size == 0:
            if chunk.startswith(codecs.BOM_UTF8):
                bom = len(codecs.BOM_UTF8)
            elif chunk.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
                b"\x00" in chunk[:65536]
            ):
                utf8 = None  # UTF-16/32 or binary: decoded as a whole
        size += len(chunk)
        if size > MAX_FILE_BYTES:
            _fail(plan, "file-too-large", f"The data is larger than {MAX_FILE_BYTES >> 20} MB.")
            return _Checked(plan, None)
        first = min((i for i in (chunk.find(b"\n"), chunk.find(b"\r")) if i >= 0), default=-1)
        if first < 0:
            run += len(chunk)
        else:  # a chunk is shorter than the limit: only the line across chunks can pass it
            run += first
            if run <= MAX_LINE_BYTES:
                run = len(chunk) - 1 - max(chunk.rfind(b"\n"), chunk.rfind(b"\r"))
        if run > MAX_LINE_BYTES:
            _fail(
                plan,
                "file-line-too-long",
                f"The file has a line longer than {MAX_LINE_BYTES >> 20} MB; "
                "it is not a vCard or CSV file.",
            )
            return _Checked(plan, None)
        if utf8 is not None:
            try:
                utf8.decode(chunk)
            except UnicodeDecodeError:
                utf8 = None
        # BEGIN:VCARD in the usual cases (a card split between chunks is counted too).
        joined = tail + chunk
        cards += joined.count(b"BEGIN:VCARD") + joined.count(b"begin:vcard")
        lines += chunk.count(b"\n")
        tail = chunk[-10:]
    if utf8 is not None:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = None
    return _Checked(plan, source, max(1, cards or lines), utf8 is not None, bom, size)


def _bytes_of(source: Source) -> bytes:
    if isinstance(source, InlineData):
        return source.data.encode("utf-8") if isinstance(source.data, str) else source.data
    return Path(source).read_bytes()


def _fail(plan: FilePlan, code: str, reason: str) -> None:
    plan.failed = Problem(plan.file, None, None, code, reason, Severity.ERROR)
    plan.problems.append(plan.failed)


def _read(
    plan: FilePlan,
    checked: _Checked,
    region: str,
    tick: _Ticker,
    stage: _Stager,
) -> None:
    """Read the file's cards into ``stage``; a vCard file in UTF-8 a part at a time
    (never the whole text at once; a large one on two cores, see
    :mod:`app.interchange.parse_worker`), anything else decoded as a whole."""
    assert checked.source is not None
    sink = ProblemSink(plan.file)
    if checked.utf8 and not isinstance(checked.source, InlineData):
        path = Path(checked.source)
        parts = parse_worker.cut(path, checked.bom, parse_worker.PART_BYTES, counted=False)
        first = next(parts, None)
        head = parse_worker.read_part(path, first) if first is not None else ""
        if head.lstrip("\ufeff \t\r\n")[:11].upper() == "BEGIN:VCARD":
            try:
                decoded = textdecode.checked_text(head, "utf-8-sig" if checked.bom else "utf-8")
            except BinaryData:
                parts.close()
                _fail(plan, "file-binary", "The file is binary data, not a vCard or CSV file.")
                return
            plan.encoding, plan.kind = decoded.encoding, "vcard"
            result = _read_parts(plan, checked, parts, head, decoded, sink, region, tick, stage)
            _finish_vcards(plan, result, sink)
            return
        del head
        parts.close()
    data = _bytes_of(checked.source)
    declared = tuple(m.decode("ascii") for m in set(_CHARSET.findall(data[: 1 << 20])))
    try:
        decoded = decode_file(data, declared)
    except BinaryData:
        _fail(plan, "file-binary", "The file is binary data, not a vCard or CSV file.")
        return
    del data  # the text only from here: one copy of the file at a time
    plan.encoding = decoded.encoding
    if not decoded.text or decoded.text.isspace():
        _fail(plan, "file-empty", "The file is empty.")
        return
    if _is_vcard(plan.file, decoded.text):
        plan.kind = "vcard"
        result = read_vcards(decoded, sink, region=region, tick=tick, emit=stage)
        _finish_vcards(plan, result, sink)
        return
    try:
        csv_result = csv_reader.read_csv(decoded, sink, region=region, tick=tick, emit=stage)
    except csv_reader.UnknownLayout as exc:
        _fail(plan, "file-unknown-format", str(exc))
        return
    plan.kind = csv_result.layout
    plan.cards = csv_result.rows
    if plan.cards == 0:
        _fail(plan, "file-no-cards", "The file holds no cards.")
        return
    plan.problems.extend(sink.items)


def _finish_vcards(plan: FilePlan, result: VCardResult, sink: ProblemSink) -> None:
    plan.cards = result.cards
    plan.group_records = result.groups
    plan.groups = len(result.groups)
    if plan.cards == 0:
        _fail(plan, "file-no-cards", "The file holds no cards.")
        return
    plan.problems.extend(sink.items)


def _read_parts(
    plan: FilePlan,
    checked: _Checked,
    parts: Iterator[parse_worker.Part],
    head: str,
    decoded: textdecode.DecodedText,
    sink: ProblemSink,
    region: str,
    tick: _Ticker,
    stage: _Stager,
) -> VCardResult:
    """The cards of a UTF-8 vCard file read part by part (``head`` the first, the rest
    cut as they are read): from the front here and, for a large file, from the back in a
    child process until the two meet; the child's parts are taken in order where they
    start and are numbered where this process got to, else read here (same result)."""
    assert checked.source is not None and not isinstance(checked.source, InlineData)
    path = Path(checked.source)
    helper = _helper(plan, checked, decoded, region, stage.index)
    mine = 1  # the parts read here: [0, mine)
    rest: list[parse_worker.Part] = []  # the first part not read here, once known

    def own_parts() -> Iterator[str]:
        nonlocal mine
        yield head
        for part in parts:
            if helper is not None and mine >= helper.claimed():
                rest.append(part)
                return
            yield parse_worker.read_part(path, part)
            mine += 1

    try:
        result = read_vcards(
            decoded, sink, region=region, tick=tick, segments=own_parts(), emit=stage
        )
        if helper is None or not rest:
            return result
        done = helper.finish(tick.check)
        stage.flush()
        with stage.staging.attached(helper.job.out) as copy:
            for number, part in enumerate(itertools.chain(rest, parts), start=mine):
                theirs = done.get(number)
                if theirs is not None and (theirs.start, theirs.first_card, theirs.first_line) == (
                    part.start,
                    result.cards,
                    result.lines,
                ):
                    copy(theirs.first_row, theirs.last_row)
                    parse_worker.taken += 1
                    stage.staged += theirs.last_row - theirs.first_row + 1
                    sink.items += [
                        Problem(plan.file, c, ln, code, reason, Severity(severity))
                        for c, ln, code, reason, severity in theirs.problems
                    ]
                    result.groups += [
                        GroupRecord(plan.file, c, ln, name, uid, [Ref(*r) for r in members])
                        for c, ln, name, uid, members in theirs.groups
                    ]
                    result.cards += theirs.cards
                    result.lines += theirs.lines
                    tick(theirs.cards)
                    continue
                more = read_vcards(  # not read there, or numbered from a wrong count
                    decoded,
                    sink,
                    region=region,
                    tick=tick,
                    segments=[parse_worker.read_part(path, part)],
                    emit=stage,
                    first_card=result.cards,
                    first_line=result.lines,
                )
                stage.flush()
                result.groups += more.groups
                result.cards += more.cards
                result.lines += more.lines
        return result
    finally:
        parts.close()
        if helper is not None:
            helper.close()


def _helper(
    plan: FilePlan,
    checked: _Checked,
    decoded: textdecode.DecodedText,
    region: str,
    index: int,
) -> parse_worker.Helper | None:
    """A child to read the file's parts from the back, for a file large enough to gain."""
    if not PARALLEL_PARSE or os.name != "posix":
        return None
    assert checked.source is not None and not isinstance(checked.source, InlineData)
    fork = parse_worker.fork_is_safe()
    if checked.size < (parse_worker.FORK_MIN_BYTES if fork else parse_worker.SPAWN_MIN_BYTES):
        return None
    fd, out = tempfile.mkstemp(
        prefix=f"{PREFIX}{os.getpid()}-parts-", suffix=SUFFIX, dir=staging_folder()
    )
    os.close(fd)
    job = parse_worker.Job(
        os.fspath(checked.source),
        plan.file,
        index,
        region,
        decoded.encoding,
        checked.bom,
        parse_worker.PART_BYTES,
        out,
    )
    try:
        return parse_worker.Helper(job, fork)
    except OSError:  # no process to be had: read it all here
        with contextlib.suppress(OSError):
            os.unlink(out)
        return None


# Read large vCard files on two cores (tests and benchmarks turn it off to compare).
PARALLEL_PARSE = True


_CSV_SUFFIXES = (".csv", ".tsv", ".txt")


def _is_vcard(name: str, text: str) -> bool:
    """What the file is, from its content and its name together (SPEC §4).

    A file that starts with a card is vCard. Otherwise a known CSV header makes it CSV,
    even when a cell holds ``BEGIN:VCARD`` (a note with a pasted card, exported by us). A
    file named ``.csv`` is never read as vCard for a ``BEGIN:VCARD`` further down: that is
    a cell, and guessing would import it as a person. Anything else with a card in it
    (a mail's text before the first card) is vCard.
    """
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if head[:11].upper() == "BEGIN:VCARD":
        return True
    if csv_reader.find_header(text) is not None:
        return False
    if name.lower().endswith(_CSV_SUFFIXES):
        return False
    return _BEGIN_TEXT.search(text) is not None


# --- matching ---------------------------------------------------------------------------


def _merge_candidates(matching: Matching) -> list[MergeCandidate]:
    """New contacts whose folded names are near those of contacts or other new cards
    (see :mod:`app.interchange.similar`: about linear in the names, bounded per card)."""
    new_targets = [t for t in range(len(matching)) if matching.is_new(t) and matching.cards[t]]
    if not new_targets:
        return []
    names = [matching.names[t] for t in new_targets]
    first_existing = len(names)
    existing: list[int] = []
    for cid, name in database.execute_sql(
        "SELECT id, formatted_name FROM contact WHERE archived = 0"
    ):
        if cid not in matching.by_existing:
            existing.append(cid)
            names.append(name)
    result = []
    files = matching.sources
    for a, b, score in candidate_pairs(names, first_existing):
        target = new_targets[a]
        file, card = files[matching.first_file[target]], matching.first_card[target]
        if b < first_existing:
            other = new_targets[b]
            candidate = MergeCandidate(
                file,
                card,
                names[a],
                names[b],
                score,
                other_file=files[matching.first_file[other]],
                other_card=matching.first_card[other],
            )
        else:
            candidate = MergeCandidate(
                file, card, names[a], names[b], score, contact_id=existing[b - first_existing]
            )
        result.append(candidate)
    return result


# --- committing -------------------------------------------------------------------------


def commit_import(
    plan: ImportPlan,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> ImportResult:
    """Write the plan in one transaction; ``Cancelled`` (or a crash) leaves no trace.
    The collector pauses as for :func:`plan_import`."""
    with collector_paused():
        return _commit(plan, progress, cancel)


def _commit(plan: ImportPlan, progress: ProgressFn | None, cancel: CancelFn | None) -> ImportResult:
    staging = plan._staging
    if staging is None or staging.closed:
        raise ImportFailed("", "This import was committed or dropped already.")
    with database.atomic(lock_type="IMMEDIATE"):
        matching = plan._matching
        if matching is None or plan._fingerprint != _fingerprint():
            matching = Matching(staging, plan.files)  # the preview was open a while
        plan._matching = plan._fingerprint = None  # its targets get ids now: use once
        changed = [t for t in range(len(matching)) if matching.changed[t]]
        tick = _Ticker(len(changed) + 4, progress, cancel)
        tick.check()
        if not changed:
            result = ImportResult(0, 0, plan.unchanged, [], [], None, plan, Changes())
            plan.close()
            return result
        region = plan.region
        batch = ImportBatch.create(sources="\n".join(f.file for f in plan.files if not f.failed))
        last_tag = database.execute_sql("SELECT COALESCE(MAX(id), 0) FROM tag").fetchone()[0]
        cursor = database.cursor()
        # New contacts get ids past the largest one: their search rows need no DELETE
        # first unless the index holds rows past it (left behind by some bug).
        unindexed = not database.execute_sql(
            "SELECT EXISTS (SELECT 1 FROM contact_search WHERE rowid > "
            "(SELECT COALESCE(MAX(id), 0) FROM contact))"
        ).fetchone()[0]
        created: list[int] = []
        updated: list[int] = []
        connected = False
        # In batches, each finished before the next (derived values and the search index
        # included): what SQLite keeps for a nested savepoint then covers one batch's pages
        # (refresh_derived over 100,000 new contacts at once held 190 MB of them). The
        # cards of a batch come from the staging file and are let go after it.
        batches = [changed[start : start + _BATCH] for start in range(0, len(changed), _BATCH)]
        builder = _row_builder(matching, batches, region)
        try:
            for targets in batches:
                built = builder.next(tick.check) if builder is not None else None
                if built is not None and built[0] != next_contact_id():
                    builder.close()  # numbered from a wrong id: the rest is built here
                    builder = built = None
                if built is not None:
                    first, rows_of, on = built
                    write_new(rows_of)
                    ids = list(range(first, first + len(targets)))
                    cursor.executemany(
                        "INSERT INTO import_change (batch_id, contact_id, action) "
                        "VALUES (?, ?, 'created')",
                        [(batch.id, cid) for cid in ids],
                    )
                    for target, cid in zip(targets, ids, strict=True):
                        matching.cid[target] = cid
                    pairs = [(ids[i], dt.date.fromordinal(day)) for i, day in on]
                    connected = _write_connection_rows(pairs, batch.id) or connected
                    _refresh([cid for cid, _ in pairs])
                    reindex(ids, new=unindexed)
                    created += ids
                    tick(len(targets))
                    continue
                connected = (
                    _commit_batch(matching, targets, batch.id, region, unindexed, created, updated)
                    or connected
                )
                tick(len(targets))
        finally:
            if builder is not None:
                builder.close()
        cursor.executemany(
            "INSERT INTO import_change (batch_id, tag_id, action) VALUES (?, ?, 'tag-created')",
            [
                (batch.id, row[0])
                for row in database.execute_sql("SELECT id FROM tag WHERE id > ?", (last_tag,))
            ],
        )
        _write_relationships(matching)
        tick()
        batch.created_count = len(created)
        batch.updated_count = len(updated)
        batch.save()
        tick.finish()
    plan.close()  # committed: the staging file goes
    return ImportResult(
        len(created),
        len(updated),
        len(matching) - len(changed),
        created,
        updated,
        batch.id,
        plan,
        Changes(
            contacts=frozenset(created) | frozenset(updated),
            contact_list=True,
            interactions=connected,
            relationships=bool(matching.relationships),
        ),
    )


_BATCH = 500


def _commit_batch(
    matching: Matching,
    targets: list[int],
    batch_id: int,
    region: str,
    unindexed: bool,
    created: list[int],
    updated: list[int],
) -> bool:
    """Write one batch of targets (built here); whether it wrote a connection."""
    cursor = database.cursor()
    part = [
        matching.merge(target, stored, records)
        for target, stored, records, _ in matching.load(targets)
    ]
    new = [t for t in part if t.stored is None]
    old = [t for t in part if t.stored is not None]
    if new:
        rows = [ContactRow(t.contact, t.archived, t.phone_keys) for t in new]
        for made, cid in zip(new, insert_contacts(rows, region), strict=True):
            made.contact_id = cid
        cursor.executemany(
            "INSERT INTO import_change (batch_id, contact_id, action) VALUES (?, ?, 'created')",
            [(batch_id, t.contact_id) for t in new],
        )
    if old:
        cursor.executemany(
            "INSERT INTO import_change (batch_id, contact_id, action, before) "
            "VALUES (?, ?, 'updated', ?)",
            [(batch_id, t.contact_id, json.dumps(t.stored.snapshot())) for t in old],
        )
        update_contacts(
            [(t.contact_id, ContactRow(t.contact, t.archived, t.phone_keys)) for t in old],
            region,
        )
    for target, made in zip(targets, part, strict=True):
        matching.cid[target] = made.contact_id or 0
    connected = _write_connections(part, batch_id)
    # New contacts were written with their derived values; those with a
    # connection (an interaction now) and updated ones are computed again.
    _refresh([t.contact_id for t in part if t.stored is not None or t.connected_on])
    reindex([t.contact_id for t in old])
    reindex([t.contact_id for t in new], new=unindexed)
    created.extend(t.contact_id for t in new if t.contact_id is not None)
    updated.extend(t.contact_id for t in old if t.contact_id is not None)
    return connected


def _row_builder(
    matching: Matching, batches: list[list[int]], region: str
) -> commit_worker.RowBuilder | None:
    """A forked child that builds the rows of the all-new batches, where a fork is safe
    and the commit large enough to gain."""
    if not PARALLEL_PARSE or not parse_worker.fork_is_safe():
        return None
    new = [t for targets in batches for t in targets if not matching.cid[t]]
    if len(new) < commit_worker.MIN_CONTACTS:
        return None
    matching.staging.ready_for_readers()
    try:
        return commit_worker.RowBuilder(
            matching, batches, region, next_contact_id(), NewContext.now()
        )
    except OSError:  # no process to be had: every batch is built here
        return None


def _refresh(contact_ids: list[int | None]) -> None:
    ids = [cid for cid in contact_ids if cid is not None]
    if ids:
        refresh_derived(ids)


def _write_relationships(matching: Matching) -> None:
    def contact_id(end: int) -> int:
        return -end if end < 0 else matching.cid[end]

    stamp = now().isoformat(sep=" ")
    database.cursor().executemany(
        "INSERT OR IGNORE INTO relationship (source_id, target_id, type, note, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            (contact_id(s), contact_id(d), kind, note, stamp)
            for s, d, kind, note in matching.relationships
        ],
    )


def _write_connections(targets: Sequence[Target], batch_id: int) -> bool:
    """LinkedIn's "Connected On" as the first interaction, tied to the batch for undo.
    Whether there was any."""
    return _write_connection_rows(
        [
            (t.contact_id, t.connected_on)
            for t in targets
            if t.connected_on is not None and t.contact_id is not None
        ],
        batch_id,
    )


def _write_connection_rows(pairs: Sequence[tuple[int, dt.date]], batch_id: int) -> bool:
    stamp = now().isoformat(sep=" ")
    cursor = database.cursor()
    for contact_id, day in pairs:
        cursor.execute(
            "INSERT INTO interaction (occurred_on, kind, summary, notes, created_at, "
            "import_batch_id) VALUES (?, ?, ?, '', ?, ?)",
            (day.isoformat(), InteractionKind.OTHER.value, CONNECTED_SUMMARY, stamp, batch_id),
        )
        cursor.execute(
            "INSERT INTO participant (interaction_id, contact_id) VALUES (?, ?)",
            (cursor.lastrowid, contact_id),
        )
    return bool(pairs)


# --- undo -------------------------------------------------------------------------------


def undo_last_import() -> UndoResult | None:
    """Remove what the last import created and restore what it changed (one transaction).

    Returns None when there is no import left to undo.
    """
    # IMMEDIATE: it reads, then writes; a deferred transaction would be refused at once
    # when another process writes (TECH-NOTES), where this one waits for the busy timeout.
    with database.atomic(lock_type="IMMEDIATE"):
        batch = (
            ImportBatch.select()
            .where(ImportBatch.undone == False)  # noqa: E712 - a peewee expression, not a test
            .order_by(ImportBatch.id.desc())
            .first()
        )
        if batch is None:
            return None
        rows = database.execute_sql(
            "SELECT contact_id, tag_id, action, before FROM import_change WHERE batch_id = ? "
            "ORDER BY id",
            (batch.id,),
        ).fetchall()
        created = [cid for cid, _, action, _ in rows if action == "created"]
        updated = [(cid, before) for cid, _, action, before in rows if action == "updated"]
        tags = [tid for _, tid, action, _ in rows if action == "tag-created"]
        database.execute_sql("DELETE FROM interaction WHERE import_batch_id = ?", (batch.id,))
        for chunk in chunks(created):
            marks = ",".join("?" * len(chunk))
            database.execute_sql(f"DELETE FROM contact WHERE id IN ({marks})", list(chunk))
            database.execute_sql(
                f"DELETE FROM contact_search WHERE rowid IN ({marks})", list(chunk)
            )
        alive = {
            row[0]
            for chunk in chunks([cid for cid, _ in updated])
            for row in database.execute_sql(
                f"SELECT id FROM contact WHERE id IN ({','.join('?' * len(chunk))})", list(chunk)
            )
        }
        region = settings.get("phone_region")
        restored = [cid for cid, _ in updated if cid in alive]
        for cid, before in updated:
            if cid in alive:
                restore(cid, json.loads(before), region)
        for chunk in chunks(tags):
            database.execute_sql(
                f"DELETE FROM tag WHERE id IN ({','.join('?' * len(chunk))}) "
                "AND NOT EXISTS (SELECT 1 FROM contact_tag WHERE tag_id = tag.id)",
                list(chunk),
            )
        refresh_derived(restored)
        reindex(restored)
        batch.undone = True
        batch.save()
    return UndoResult(
        batch.id,
        len(created),
        len(restored),
        Changes(
            contacts=frozenset(created) | frozenset(restored),
            contact_list=True,
            interactions=True,
            relationships=True,
        ),
    )

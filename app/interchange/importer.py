"""Import vCard and CSV files: plan (read, match, preview), commit (one transaction), undo.

``plan_import`` reads every file and decides, card by card, whether it creates a contact,
updates one (same UID, then e-mail, then phone, then LinkedIn profile) or changes nothing.
Cards of one import are one person when they share a UID, an e-mail or a profile (the same
person twice in a file); a shared phone number only finds a contact that is already in the
database, because distinct people share numbers (an office, a switchboard, a family's
landline). Near-identical names become merge candidates for the preview, never automatic
merges.
Nothing is written, and no write lock is held while files are read and matched (SPEC §7).
``commit_import`` takes the write lock (one ``atomic(lock_type="IMMEDIATE")``, which waits
for other writers), reuses the plan's matching when the database is unchanged since, else
matches again (the preview may have been open a while), and writes everything in batches,
with an
:class:`~app.models.ImportBatch` and one :class:`~app.models.ImportChange` per contact
(a JSON snapshot of each updated contact), so that ``undo_last_import`` can put the
database back. A kill or a :class:`~app.errors.Cancelled` mid-commit leaves the database as
it was.

Both run without Qt, in whatever thread calls them; ``progress(done, total)`` is called now
and then, and ``cancel()`` returning True stops the work with ``Cancelled``.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from app import settings
from app.changes import Changes
from app.contacts import ContactInput, reindex
from app.derived import refresh_derived
from app.errors import Cancelled, ImportFailed
from app.interchange import csv_reader, vocab
from app.interchange.keys import email_key, linkedin_key, name_key, uid_key, uid_variants
from app.interchange.problems import Problem, ProblemSink, Severity
from app.interchange.records import ContactRecord, GroupRecord, Ref
from app.interchange.similar import abbreviates, candidate_pairs
from app.interchange.store import (
    ContactRow,
    StoredContact,
    chunks,
    copy_input,
    insert_contacts,
    load_contacts,
    restore,
    update_contacts,
)
from app.interchange.textdecode import BinaryData, decode_file
from app.interchange.vcard_reader import read_vcards
from app.models import ImportBatch, InteractionKind, Level, database, now

MAX_FILE_BYTES = 256 * 1024 * 1024
# Longer lines are no vCard or CSV: above the largest photo a card may carry (base64 on
# one line) and the longest CSV field (csv_reader's limit).
MAX_LINE_BYTES = 16 * 1024 * 1024
CONNECTED_SUMMARY = "Connected on LinkedIn"

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
    records: list[ContactRecord] = field(default_factory=list, repr=False)
    group_records: list[GroupRecord] = field(default_factory=list, repr=False)

    def error(self) -> ImportFailed | None:
        return ImportFailed(self.file, self.failed.reason) if self.failed else None


@dataclass
class ImportPlan:
    files: list[FilePlan]
    merge_candidates: list[MergeCandidate] = field(default_factory=list)
    region: str = ""
    # The matching behind the counts, reused by commit_import if the database is unchanged.
    _resolution: _Resolution | None = field(default=None, repr=False, compare=False)
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


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while an import builds its many objects.

    An import makes millions of small objects that live until it ends; every automatic
    collection would walk all of them again (measured: 15–30 % of a 10,000-card import).
    Reference counting still frees everything; cycles wait until the import is over.

    What is still alive at the end (the plan: some 400,000 objects for 10,000 cards) lives
    as long as the plan does, so it goes straight to the oldest generation: a freeze and
    unfreeze move the lists in one step, where the first young collection after the import
    would walk every object (60 ms for 10,000 cards). Cycles among them, if any, are
    collected by the next full collection. Skipped if someone else froze objects.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


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
) -> ImportPlan:
    """Read and match every source; nothing is written. Never raises for a bad file."""
    with _no_cyclic_gc():
        return _plan(sources, progress, cancel, region)


def _plan(
    sources: Iterable[Source],
    progress: ProgressFn | None,
    cancel: CancelFn | None,
    region: str | None,
) -> ImportPlan:
    region = settings.get("phone_region") if region is None else region
    # A first pass over each file in small chunks: refuses giants early and counts the
    # cards for the progress; the bytes of one file at a time are read after it.
    checked = [_check(source) for source in sources]
    total = sum(estimate for _, _, estimate in checked)
    tick = _Ticker(total + 1, progress, cancel)
    plans = []
    for file_plan, source, _ in checked:
        if source is not None:
            try:
                _read(file_plan, _bytes_of(source), region, tick)
            except Cancelled:
                raise
            except MemoryError:
                file_plan.records, file_plan.group_records = [], []
                _fail(file_plan, "file-too-large", "The file is too large to be read.")
            except Exception as exc:  # SPEC §7: a file's trouble is reported, never raised
                file_plan.records, file_plan.group_records = [], []
                _fail(
                    file_plan,
                    "file-unreadable",
                    f"The file could not be read ({type(exc).__name__}: {exc}).",
                )
        plans.append(file_plan)
    plan = ImportPlan(plans, region=region)
    before = _fingerprint()
    resolution = _Resolution(plan)
    resolution.count()
    plan.merge_candidates = _merge_candidates(resolution)
    if _fingerprint() == before:
        plan._resolution, plan._fingerprint = resolution, before
    tick.finish()
    return plan


def _fingerprint() -> tuple[int, int, int]:
    """Changes to the database since: by other connections (``data_version``) or by this
    one (``total_changes``). Equal fingerprints mean the plan's matching still holds."""
    connection = database.connection()
    version = database.execute_sql("PRAGMA data_version").fetchone()[0]
    return id(connection), version, connection.total_changes


def _check(source: Source) -> tuple[FilePlan, Source | None, int]:
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
            return plan, None, 0
        with open(path, "rb") as fh:
            return _scan_chunks(plan, source, iter(lambda: fh.read(_CHUNK), b""))
    except FileNotFoundError:
        _fail(plan, "file-not-found", "The file does not exist.")
    except OSError as exc:
        _fail(plan, "file-unreadable", f"The file cannot be read ({exc.strerror or exc}).")
    return plan, None, 0


_CHUNK = 1 << 20


def _scan_chunks(
    plan: FilePlan, source: Source, chunks_of: Iterable[bytes]
) -> tuple[FilePlan, Source | None, int]:
    """Line lengths and cards, chunk by chunk: a line longer than :data:`MAX_LINE_BYTES`
    (a 200 MB file of one line) is refused after reading that much of it, not all."""
    size = run = cards = lines = 0
    tail = b""
    for chunk in chunks_of:
        size += len(chunk)
        if size > MAX_FILE_BYTES:
            _fail(plan, "file-too-large", f"The data is larger than {MAX_FILE_BYTES >> 20} MB.")
            return plan, None, 0
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
            return plan, None, 0
        # BEGIN:VCARD in the usual cases (a card split between chunks is counted too).
        joined = tail + chunk
        cards += joined.count(b"BEGIN:VCARD") + joined.count(b"begin:vcard")
        lines += chunk.count(b"\n")
        tail = chunk[-10:]
    return plan, source, max(1, cards or lines)


def _bytes_of(source: Source) -> bytes:
    if isinstance(source, InlineData):
        return source.data.encode("utf-8") if isinstance(source.data, str) else source.data
    return Path(source).read_bytes()


def _fail(plan: FilePlan, code: str, reason: str) -> None:
    plan.failed = Problem(plan.file, None, None, code, reason, Severity.ERROR)
    plan.problems.append(plan.failed)


def _read(plan: FilePlan, data: bytes, region: str, tick: _Ticker) -> None:
    sink = ProblemSink(plan.file)
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
        result = read_vcards(decoded, sink, region=region, tick=tick)
        plan.cards = result.cards
        plan.records = result.records
        plan.group_records = result.groups
        plan.groups = len(result.groups)
    else:
        try:
            csv_result = csv_reader.read_csv(decoded, sink, region=region, tick=tick)
        except csv_reader.UnknownLayout as exc:
            _fail(plan, "file-unknown-format", str(exc))
            return
        plan.kind = csv_result.layout
        plan.cards = csv_result.rows
        plan.records = csv_result.records
    if plan.cards == 0:
        _fail(plan, "file-no-cards", "The file holds no cards.")
        return
    plan.problems.extend(sink.items)
    plan.skipped = plan.cards - len(plan.records) - len(plan.group_records)


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


@dataclass(eq=False, slots=True)
class _Target:
    """One contact the import writes: an existing one (``stored``) or a new one."""

    stored: StoredContact | None
    records: list[ContactRecord] = field(default_factory=list)
    contact: ContactInput = field(default_factory=lambda: ContactInput(formatted_name=""))
    archived: bool = False
    phone_keys: list[str] = field(default_factory=list)
    connected_on: dt.date | None = None
    contact_id: int | None = None
    changed: bool = False

    @property
    def is_new(self) -> bool:
        return self.stored is None


class _DatabaseKeys:
    """Which existing contacts hold the UIDs, e-mails, phones and profiles of the cards."""

    def __init__(self, records: Sequence[ContactRecord], refs: Sequence[Ref]) -> None:
        uids: dict[str, None] = {}
        emails: dict[str, None] = {}
        phones: dict[str, None] = {}
        # An empty table holds no key: its keys are not even gathered (a first import).
        want_uids, want_emails, want_phones = (
            database.execute_sql(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]
            for table in ("contact", "email_address", "phone_number")
        )
        for rec in records:
            if want_uids and rec.contact.uid:
                uids.update(dict.fromkeys(uid_variants(rec.contact.uid)))
            if want_emails:
                emails.update(dict.fromkeys(email_key(e.value) for e in rec.contact.emails))
            if want_phones:
                phones.update(dict.fromkeys(k for k in rec.phone_keys if k))
        for ref in refs:
            if ref.kind == "uid" and want_uids:
                uids.update(dict.fromkeys(uid_variants(ref.value)))
            elif ref.kind == "email" and want_emails:
                emails[ref.value] = None
            elif ref.kind == "phone" and ref.value and want_phones:
                phones[ref.value] = None
        self.uid = self._lookup("contact", "uid", "id", uids, uid_key)
        self.email = self._lookup("email_address", "address", "contact_id", emails, email_key)
        self.phone = self._lookup("phone_number", "normalized", "contact_id", phones, str)
        self.linkedin: dict[str, int] = {}
        if any(linkedin_key(lk.value) for rec in records for lk in rec.contact.links):
            for url, cid in database.execute_sql(
                "SELECT url, contact_id FROM link WHERE url LIKE '%linkedin.com/in/%' "
                "ORDER BY contact_id"
            ):
                key = linkedin_key(url)
                if key:
                    self.linkedin.setdefault(key, cid)

    @staticmethod
    def _lookup(
        table: str, column: str, owner: str, keys: dict[str, None], fold: Callable[[str], str]
    ) -> dict[str, int]:
        """Key → lowest contact id: the whole (small) table, or the keys in indexed chunks."""
        found: dict[str, int] = {}
        if not keys:
            return found
        select = f"SELECT {column}, {owner} FROM {table} WHERE {column} IS NOT NULL"
        rows = database.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        if rows <= len(keys):
            batches = [database.execute_sql(select)]
        else:
            values = list(keys)
            batches = (
                database.execute_sql(
                    f"{select} AND {column} IN ({','.join('?' * len(chunk))})", chunk
                )
                for chunk in (values[i : i + 500] for i in range(0, len(values), 500))
            )
        for cursor in batches:
            for value, cid in cursor:
                key = fold(value)
                if key not in found or cid < found[key]:
                    found[key] = cid
        return found


PHONE_NAME_SCORE = 80.0  # rapidfuzz token_sort_ratio of folded names


def same_person(name: str, other: str) -> bool:
    """Whether two names may belong to one person: nearly the same words in any order, or
    one name's words all within the other's ("Anna Müller" and "Dr. Anna Müller")."""
    a, b = name_key(name), name_key(other)
    if not a or not b:
        return False
    if set(a.split()) <= set(b.split()) or set(b.split()) <= set(a.split()):
        return True
    return fuzz.token_sort_ratio(a, b) >= PHONE_NAME_SCORE


class _Resolution:
    """Cards matched to targets, references resolved, changes decided (read-only)."""

    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        files = [f for f in plan.files if f.failed is None]
        self.records = [r for f in files for r in f.records]
        self.groups = [g for f in files for g in f.group_records]
        refs = [ref for r in self.records for ref in r.related]
        refs += [m for g in self.groups for m in g.members]
        self.db = _DatabaseKeys(self.records, refs)
        self.targets: list[_Target] = []
        self.by_record: dict[int, _Target] = {}
        self._by_existing: dict[int, _Target] = {}
        self._local: dict[tuple[str, str], _Target] = {}
        self._existing_names: dict[int, str] = {}
        self._assign()
        self._merge()
        self.relationships: list[tuple[_Target | int, _Target | int, str, str]] = []
        self.unresolved: list[tuple[ContactRecord | GroupRecord, Ref]] = []
        self.resolved_lines: dict[int, set[str]] = {}  # id(target) → kept lines now modelled
        self._resolve_references()
        self._decide_changes()

    # Which target each record goes to.

    def _identity(self, rec: ContactRecord) -> list[tuple[str, str]]:
        keys = []
        if rec.contact.uid:
            keys.append(("uid", uid_key(rec.contact.uid)))
        keys += [("email", email_key(e.value)) for e in rec.contact.emails]
        keys += [("phone", k) for k in rec.phone_keys if k]
        keys += [("linkedin", k) for k in (linkedin_key(lk.value) for lk in rec.contact.links) if k]
        return keys

    def _existing(self, contact_id: int) -> _Target:
        target = self._by_existing.get(contact_id)
        if target is None:
            target = _Target(stored=None, contact_id=contact_id)
            self._by_existing[contact_id] = target
            self.targets.append(target)
        return target

    def _find(self, kind: str, key: str, rec: ContactRecord) -> _Target | None:
        """The target of an identity key: a card of this import that had it (not for phone
        numbers, which people share), else the existing contact that has it. A phone
        number alone only finds a contact of a similar name: an office switchboard must not
        turn one colleague into another."""
        target = self._local.get((kind, key)) if kind != "phone" else None
        if target is not None:
            return target
        cid = getattr(self.db, kind).get(key)
        if cid is None:
            return None
        if kind == "phone" and not same_person(rec.name, self._name_of(cid)):
            return None
        return self._existing(cid)

    def _name_of(self, contact_id: int) -> str:
        if contact_id not in self._existing_names:
            row = database.execute_sql(
                "SELECT formatted_name FROM contact WHERE id = ?", (contact_id,)
            ).fetchone()
            self._existing_names[contact_id] = row[0] if row else ""
        return self._existing_names[contact_id]

    def _assign(self) -> None:
        keyless: list[ContactRecord] = []
        for rec in self.records:
            keys = self._identity(rec)  # in the order of trust: UID, e-mail, phone, profile
            if not keys:
                keyless.append(rec)
                continue
            target = None
            for kind, value in keys:
                target = self._find(kind, value, rec)
                if target is not None:
                    break
            if target is None:
                # contact: a stand-in until _merge copies the first card (saves making an
                # empty ContactInput per card)
                target = _Target(stored=None, contact=rec.contact)
                self.targets.append(target)
            target.records.append(rec)
            self.by_record[id(rec)] = target
            for key in keys:
                self._local.setdefault(key, target)
        same_name = _contacts_named({rec.name for rec in keyless})
        wanted = set(self._by_existing) | {cid for ids in same_name.values() for cid in ids}
        stored = load_contacts(wanted, relationships=True)
        for cid, target in self._by_existing.items():
            target.stored = stored.get(cid)
            if target.stored is None:  # deleted meanwhile: the cards make a new contact
                target.contact_id = None
        for rec in keyless:
            target = self._twin(rec, same_name.get(rec.name, []), stored)
            if target is None:
                target = _Target(stored=None)
                self.targets.append(target)
            target.records.append(rec)
            self.by_record[id(rec)] = target

    def _twin(
        self, rec: ContactRecord, ids: list[int], stored: dict[int, StoredContact]
    ) -> _Target | None:
        """A card with nothing that identifies it (no UID, e-mail, phone or profile) is the
        one contact of the same name only if it adds nothing to it: importing a file again
        must not double such contacts, and different people may share a name."""
        if len(ids) != 1 or ids[0] not in stored:
            return None
        trial = _Target(stored=stored[ids[0]])
        _start_from(trial, stored[ids[0]])
        _apply(trial, rec)
        if trial.archived != stored[ids[0]].archived or _comparable(trial.contact) != _comparable(
            stored[ids[0]].input
        ):
            return None
        target = self._existing(ids[0])
        target.stored = stored[ids[0]]
        return target

    def _merge(self) -> None:
        own_organization = name_key(settings.get("user_organization") or "")
        for target in self.targets:
            records = target.records
            if target.stored is not None:
                _start_from(target, target.stored)
            elif records:  # a new contact starts as its first card
                first = records[0]
                # A contact of one card is that card's (no copy per stage: a tenth of the
                # memory of a large import); the changes made to it later (group tags,
                # kept lines that became relationships, the level) are the same when a
                # commit resolves the plan again.
                target.contact = copy_input(first.contact) if len(records) > 1 else first.contact
                target.phone_keys = list(first.phone_keys) if len(records) > 1 else first.phone_keys
                target.archived = bool(first.archived)
                target.connected_on = first.connected_on
                records = records[1:]
            for rec in records:
                _apply(target, rec)
            if target.stored is None and own_organization:
                _level_from_organization(target, own_organization)

    # References: RELATED, X-ABRELATEDNAMES, MEMBER …

    def _names(self) -> dict[str, _Target | None]:
        names: dict[str, _Target | None] = {}
        for target in self.targets:
            for name in (target.contact.formatted_name, *(r.name for r in target.records)):
                key = name_key(name)
                if key:  # the same target twice changes nothing
                    names[key] = target if names.get(key, target) is target else None
        return names

    def _ref_target(self, ref: Ref, names: dict[str, _Target | None]) -> _Target | int | None:
        if ref.kind == "name":
            return names.get(name_key(ref.value))
        if ref.kind not in {"uid", "email", "phone"} or not ref.value:
            return None
        target = self._local.get((ref.kind, ref.value))
        if target is not None:
            return target
        cid = getattr(self.db, ref.kind).get(ref.value)
        if cid is None:
            return None
        return self._by_existing.get(cid, cid)

    def _resolve_references(self) -> None:
        names = self._names()
        seen: set[tuple[object, object, str]] = set()
        for rec in self.records:
            own = self.by_record[id(rec)]
            for ref in rec.related:
                other = self._ref_target(ref, names)
                if other is None or other is own or other == own.contact_id:
                    self.unresolved.append((rec, ref))
                    continue
                self.resolved_lines.setdefault(id(own), set()).update(ref.raw.split("\n"))
                source, dest = (other, own) if ref.reverse else (own, other)
                key = (_ident(source), _ident(dest), ref.type)
                reverse_key = (key[1], key[0], ref.type)
                if key in seen or (ref.type in vocab.SYMMETRIC_TYPES and reverse_key in seen):
                    continue
                seen.add(key)
                self.relationships.append((source, dest, ref.type, ref.note))
        for group in self.groups:
            for member in group.members:
                other = self._ref_target(member, names)
                if other is None:
                    self.unresolved.append((group, member))
                    continue
                target = other if isinstance(other, _Target) else self._existing_loaded(other)
                if group.name.casefold() not in {t.casefold() for t in target.contact.tags}:
                    target.contact.tags.append(group.name)

    def _existing_loaded(self, contact_id: int) -> _Target:
        target = self._existing(contact_id)
        if target.stored is None:
            target.stored = load_contacts([contact_id], relationships=True)[contact_id]
            _start_from(target, target.stored)
        return target

    def _decide_changes(self) -> None:
        for target in self.targets:
            modelled = self.resolved_lines.get(id(target))
            if modelled:  # the relation is a relationship now, no longer a kept line
                lines = target.contact.kept_properties.split("\n")
                target.contact.kept_properties = "\n".join(
                    line for line in lines if line not in modelled
                )
        existing_rels = {
            (r[0], r[1], r[2])
            for t in self.targets
            if t.stored is not None
            for r in t.stored.relationships
        }
        new_rels = []
        for source, dest, kind, note in self.relationships:
            s, d = _ident(source), _ident(dest)
            if isinstance(s, int) and isinstance(d, int):
                if (s, d, kind) in existing_rels or (
                    kind in vocab.SYMMETRIC_TYPES and (d, s, kind) in existing_rels
                ):
                    continue
            new_rels.append((source, dest, kind, note))
            for end in (source, dest):
                if isinstance(end, _Target):
                    end.changed = True
        self.relationships = new_rels
        connected = self._already_connected()
        for target in self.targets:
            if target.stored is None:
                target.changed = True
                continue
            if target.connected_on is not None and target.contact_id in connected:
                target.connected_on = None
            before = target.stored.input
            target.changed = (
                target.changed
                or target.connected_on is not None
                or target.archived != target.stored.archived
                or _comparable(target.contact) != _comparable(before)
            )

    def _already_connected(self) -> set[int]:
        ids = [t.contact_id for t in self.targets if t.stored and t.connected_on and t.contact_id]
        found: set[int] = set()
        for chunk in chunks(ids):
            rows = database.execute_sql(
                "SELECT p.contact_id FROM participant p "
                "JOIN interaction i ON i.id = p.interaction_id "
                f"WHERE i.summary = ? AND p.contact_id IN ({','.join('?' * len(chunk))})",
                [CONNECTED_SUMMARY, *chunk],
            )
            found.update(r[0] for r in rows)
        return found

    def count(self) -> None:
        """Fill the per-file counts of new, updated and unchanged cards."""
        by_file = {id(f): f for f in self.plan.files}
        file_of = {id(r): f for f in self.plan.files for r in f.records}
        for f in by_file.values():
            f.new = f.updated = f.unchanged = 0
        for target in self.targets:
            for index, rec in enumerate(target.records):
                f = file_of[id(rec)]
                if target.is_new and index == 0:
                    f.new += 1
                elif target.changed:
                    f.updated += 1
                else:
                    f.unchanged += 1
        for owner, ref in self.unresolved:
            f = file_of.get(id(owner)) or next(
                p for p in self.plan.files if owner in p.group_records
            )
            what = "group member" if isinstance(owner, GroupRecord) else "related person"
            f.problems.append(
                Problem(
                    f.file,
                    owner.card,
                    ref.line,
                    "member-unresolved" if isinstance(owner, GroupRecord) else "related-unresolved",
                    f"The {what} {ref.value!r} is not among the imported cards or contacts; "
                    + ("kept as text." if ref.raw else "ignored."),
                    Severity.INFO,
                )
            )


def _level_from_organization(target: _Target, own_organization: str) -> None:
    """Levels are relative to the user (SPEC §2): a new contact of another organisation
    is ``external``, unless a card said the level (our own export does)."""
    organization = name_key(target.contact.organization)
    if organization and organization != own_organization:
        if not any("level" in rec.given for rec in target.records):
            target.contact.level = Level.EXTERNAL.value


def _contacts_named(names: set[str]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    values = sorted(names)
    for start in range(0, len(values), 500):
        chunk = values[start : start + 500]
        for cid, name in database.execute_sql(
            f"SELECT id, formatted_name FROM contact WHERE formatted_name IN "
            f"({','.join('?' * len(chunk))}) ORDER BY id",
            chunk,
        ):
            found.setdefault(name, []).append(cid)
    return found


def _start_from(target: _Target, stored: StoredContact) -> None:
    target.contact = copy_input(stored.input)
    target.archived = stored.archived
    target.phone_keys = list(stored.phone_keys)


def _ident(end: _Target | int) -> object:
    """A contact id, or a stand-in for a contact this import creates."""
    if isinstance(end, int):
        return end
    return end.contact_id if end.contact_id is not None else ("new", id(end))


def _comparable(c: ContactInput) -> ContactInput:
    return ContactInput(**{**vars(c), "vcard_source": None})


def _join_lines(existing: str, blocks: Iterable[str]) -> str:
    """Kept vCard lines united; a group name (``item1.``) that another card already used
    for other lines is renamed, so that an ``X-ABLabel`` stays with its own property."""
    have = existing.split("\n") if existing else []
    seen = set(have)
    used = {_group_of(line) for line in have} - {""}
    for block in blocks:
        lines = [line for line in block.split("\n") if line]
        by_group: dict[str, list[str]] = {}
        for line in lines:
            by_group.setdefault(_group_of(line), []).append(line)
        rename = {}
        for group, members in by_group.items():
            if group and group in used and not all(line in seen for line in members):
                fresh = next(f"{group}-{n}" for n in range(2, 10**6) if f"{group}-{n}" not in used)
                rename[group] = fresh
                used.add(fresh)
        for line in lines:
            group = _group_of(line)
            if group in rename:
                line = rename[group] + line[len(group) :]
            if line not in seen:
                seen.add(line)
                have.append(line)
                used.add(_group_of(line))
    return "\n".join(have)


_GROUP = re.compile(r"^([A-Za-z0-9-]+)\.[A-Za-z0-9-]+[;:]")


def _group_of(line: str) -> str:
    m = _GROUP.match(line)
    return m.group(1).lower() if m else ""


def _apply(target: _Target, rec: ContactRecord) -> None:
    """Fold one card into the target: new values win, lists unite, nothing is lost."""
    c, new = target.contact, rec.contact
    for name in (
        "formatted_name",
        "given_name",
        "family_name",
        "additional_names",
        "name_prefix",
        "name_suffix",
        "nickname",
        "organization",
        "department",
        "title",
        "birthday",
        "photo",
        "vcard_source",
    ):
        value = getattr(new, name)
        if value:
            if name in _NAMES and abbreviates(value, getattr(c, name)):
                continue  # "B. Okafor" does not replace "Bernd Okafor"
            if name == "birthday" and _less_of_a_date(value, c.birthday):
                continue  # "--04-12" does not take the year away from "1985-04-12"
            setattr(c, name, value)
    if not c.uid and new.uid:
        c.uid = new.uid
    c.notes = _joined_notes(c.notes, new.notes)
    for name in rec.given:
        setattr(c, name, getattr(new, name))
    if rec.archived is not None:
        target.archived = rec.archived
    emails = {email_key(e.value) for e in c.emails}
    for e in new.emails:
        if email_key(e.value) not in emails:
            emails.add(email_key(e.value))
            c.emails.append(e)
    have_phones = {(k or p.value) for p, k in zip(c.phones, target.phone_keys, strict=True)}
    have_phones |= {p.value for p in c.phones}
    for p, k in zip(new.phones, rec.phone_keys, strict=True):
        if (k or p.value) not in have_phones and p.value not in have_phones:
            have_phones.add(k or p.value)
            c.phones.append(p)
            target.phone_keys.append(k)
    for a in new.addresses:
        if a not in c.addresses:
            c.addresses.append(a)
    urls = {_url_key(lk.value) for lk in c.links}
    for lk in new.links:
        if _url_key(lk.value) not in urls:
            urls.add(_url_key(lk.value))
            c.links.append(lk)
    tags = {t.casefold() for t in c.tags}
    for t in new.tags:
        if t.casefold() not in tags:
            tags.add(t.casefold())
            c.tags.append(t)
    if new.kept_properties:
        c.kept_properties = _join_lines(c.kept_properties, [new.kept_properties])
    if rec.connected_on and (target.connected_on is None or rec.connected_on < target.connected_on):
        target.connected_on = rec.connected_on


_NAMES = frozenset(("formatted_name", "given_name", "family_name", "additional_names"))


def _less_of_a_date(new: str, have: str | None) -> bool:
    return (
        bool(have) and new.startswith("--") and not have.startswith("--") and have.endswith(new[1:])
    )


def _joined_notes(have: str, new: str) -> str:
    if not new or new in have:
        return have
    if not have or have in new:
        return new
    return f"{have}\n\n{new}"


def _url_key(url: str) -> str:
    url = url.strip().casefold()
    for prefix in ("https://", "http://"):
        url = url.removeprefix(prefix)
    return url.removeprefix("www.").rstrip("/")


def _merge_candidates(resolution: _Resolution) -> list[MergeCandidate]:
    """New contacts whose folded names are near those of contacts or other new cards
    (see :mod:`app.interchange.similar`: about linear in the names, bounded per card)."""
    new_targets = [t for t in resolution.targets if t.is_new and t.records]
    if not new_targets:
        return []
    matched = {t.contact_id for t in resolution.targets if not t.is_new}
    people: list[tuple[_Target | int, str]] = [(t, t.contact.formatted_name) for t in new_targets]
    first_existing = len(people)
    for cid, name in database.execute_sql(
        "SELECT id, formatted_name FROM contact WHERE archived = 0"
    ):
        if cid not in matched:
            people.append((cid, name))
    result = []
    for a, b, score in candidate_pairs([name for _, name in people], first_existing):
        target = people[a][0]
        assert isinstance(target, _Target)
        rec = target.records[0]
        other, other_name = people[b]
        if isinstance(other, _Target):
            orec = other.records[0]
            candidate = MergeCandidate(
                rec.source,
                rec.card,
                people[a][1],
                other_name,
                score,
                other_file=orec.source,
                other_card=orec.card,
            )
        else:
            candidate = MergeCandidate(
                rec.source, rec.card, people[a][1], other_name, score, contact_id=other
            )
        result.append(candidate)
    return result


# --- committing -------------------------------------------------------------------------


def commit_import(
    plan: ImportPlan,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> ImportResult:
    """Write the plan in one transaction; ``Cancelled`` (or a crash) leaves no trace."""
    with _no_cyclic_gc():
        return _commit(plan, progress, cancel)


def _commit(plan: ImportPlan, progress: ProgressFn | None, cancel: CancelFn | None) -> ImportResult:
    with database.atomic(lock_type="IMMEDIATE"):
        resolution = plan._resolution
        if resolution is None or plan._fingerprint != _fingerprint():
            resolution = _Resolution(plan)
            resolution.count()
        plan._resolution = plan._fingerprint = None  # its targets get ids now: use once
        changed = [t for t in resolution.targets if t.changed]
        tick = _Ticker(len(changed) + 4, progress, cancel)
        tick.check()
        if not changed:
            return ImportResult(0, 0, plan.unchanged, [], [], None, plan, Changes())
        region = plan.region
        batch = ImportBatch.create(sources="\n".join(f.file for f in plan.files if not f.failed))
        new = [t for t in changed if t.is_new]
        updated = [t for t in changed if not t.is_new]
        last_tag = database.execute_sql("SELECT COALESCE(MAX(id), 0) FROM tag").fetchone()[0]
        cursor = database.cursor()
        # In batches, each finished before the next (derived values and the search index
        # included): what SQLite keeps for a nested savepoint then covers one batch's pages
        # (refresh_derived over 100,000 new contacts at once held 190 MB of them).
        for start in range(0, len(new), _BATCH):
            part = new[start : start + _BATCH]
            rows = [ContactRow(t.contact, t.archived, t.phone_keys) for t in part]
            for target, cid in zip(part, insert_contacts(rows, region), strict=True):
                target.contact_id = cid
            _write_connections(part, batch.id)
            cursor.executemany(
                "INSERT INTO import_change (batch_id, contact_id, action) VALUES (?, ?, 'created')",
                [(batch.id, t.contact_id) for t in part],
            )
            _refresh([t.contact_id for t in part])
            tick(len(part))
        for start in range(0, len(updated), _BATCH):
            part = updated[start : start + _BATCH]
            cursor.executemany(
                "INSERT INTO import_change (batch_id, contact_id, action, before) "
                "VALUES (?, ?, 'updated', ?)",
                [
                    (batch.id, t.contact_id, json.dumps(t.stored.snapshot()))
                    for t in part
                    if t.stored
                ],
            )
            update_contacts(
                [(t.contact_id, ContactRow(t.contact, t.archived, t.phone_keys)) for t in part],
                region,
            )
            _write_connections(part, batch.id)
            _refresh([t.contact_id for t in part])
            tick(len(part))
        cursor.executemany(
            "INSERT INTO import_change (batch_id, tag_id, action) VALUES (?, ?, 'tag-created')",
            [
                (batch.id, row[0])
                for row in database.execute_sql("SELECT id FROM tag WHERE id > ?", (last_tag,))
            ],
        )
        _write_relationships(resolution.relationships)
        ids = [t.contact_id for t in changed if t.contact_id is not None]
        tick()
        batch.created_count = len(new)
        batch.updated_count = len(updated)
        batch.save()
        tick.finish()
    return ImportResult(
        len(new),
        len(updated),
        sum(1 for t in resolution.targets if not t.changed),
        [t.contact_id for t in new if t.contact_id is not None],
        [t.contact_id for t in updated if t.contact_id is not None],
        batch.id,
        plan,
        Changes(
            contacts=frozenset(ids),
            contact_list=True,
            interactions=any(t.connected_on for t in changed),
            relationships=bool(resolution.relationships),
        ),
    )


_BATCH = 500


def _refresh(contact_ids: list[int | None]) -> None:
    ids = [cid for cid in contact_ids if cid is not None]
    refresh_derived(ids)
    reindex(ids)


def _contact_id(end: _Target | int) -> int:
    if isinstance(end, int):
        return end
    assert end.contact_id is not None
    return end.contact_id


def _write_relationships(relationships: Sequence[tuple[_Target | int, _Target | int, str, str]]):
    stamp = now().isoformat(sep=" ")
    database.cursor().executemany(
        "INSERT OR IGNORE INTO relationship (source_id, target_id, type, note, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [(_contact_id(s), _contact_id(d), kind, note, stamp) for s, d, kind, note in relationships],
    )


def _write_connections(targets: Sequence[_Target], batch_id: int) -> None:
    """LinkedIn's "Connected On" as the first interaction, tied to the batch for undo."""
    stamp = now().isoformat(sep=" ")
    cursor = database.cursor()
    for target in targets:
        if target.connected_on is None or target.contact_id is None:
            continue
        cursor.execute(
            "INSERT INTO interaction (occurred_on, kind, summary, notes, created_at, "
            "import_batch_id) VALUES (?, ?, ?, '', ?, ?)",
            (
                target.connected_on.isoformat(),
                InteractionKind.OTHER.value,
                CONNECTED_SUMMARY,
                stamp,
                batch_id,
            ),
        )
        cursor.execute(
            "INSERT INTO participant (interaction_id, contact_id) VALUES (?, ?)",
            (cursor.lastrowid, target.contact_id),
        )


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

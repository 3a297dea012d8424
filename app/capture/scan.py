"""Scanning: read what is new in a source and turn it into suggestions (SPEC §11).

A scan reads and parses a batch (a few thousand headers, or a calendar file) without any
lock, then commits the batch's suggestions together with the bookkeeping that says it
was read, in one ``IMMEDIATE`` transaction. A scan that is cancelled, killed or loses its
server therefore resumes where the last committed batch ended, and never proposes a
thing twice: suggestion keys are stable, and a key that is dismissed or already the
origin of an interaction is never proposed again.

Matching: every address is normalised (:func:`~app.capture.messages.normalize_address`)
and compared with every e-mail of every contact. Ignored: list, bulk and automatic
messages, ``noreply``-style senders, and the user's own addresses (the setting "my
e-mail addresses", the IMAP login, and the mailbox owner a scan recognises: an address
that is no contact's and takes part in nearly every thread of the source).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from app import settings
from app.capture import suggestions as inbox
from app.capture.calendar import Occurrence, kind_from_title, parse_calendar, past_occurrences
from app.capture.imap import ImapSession, imap_batches, parse_url
from app.capture.local import MAILDIR_KEY, MBOX_KEY, MailBatch, maildir_batches, mbox_batches
from app.capture.messages import Header, clean_subject, decode_text, is_noreply, normalize_address
from app.capture.sources import SourceKind, imap_password, source_folders
from app.changes import Changes
from app.errors import NotFound, SourceFailed
from app.models import (
    CaptureCorrespondent,
    CaptureMark,
    CaptureSource,
    Dismissal,
    Interaction,
    InteractionKind,
    Suggestion,
    database,
)

log = logging.getLogger(__name__)

FREQUENT_THREADS = 3  # an unknown correspondent in this many threads is proposed
MAX_PEOPLE = 10  # messages to more people do not make anyone a proposed contact
OWNER_SHARE = 0.8  # an address (not a contact) in more than this share of a source's threads
OWNER_MIN_THREADS = 5  # is the mailbox's owner
ICS_KEY = "file"


class ProgressLike(Protocol):
    """``ui.ops.Progress`` or any callable with a ``cancelled`` attribute."""

    cancelled: bool

    def __call__(self, done: int, total: int) -> None: ...


@dataclass
class ScanResult:
    name: str
    new_messages: int = 0
    new_events: int = 0
    suggestions: int = 0  # new suggestions
    accepted: int = 0  # accepted automatically (the setting)
    error: str | None = None  # SourceFailed.code
    detail: str = ""
    cancelled: bool = False
    changes: Changes = field(default_factory=Changes)

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "new_messages": self.new_messages,
            "new_events": self.new_events,
            "suggestions": self.suggestions,
            "error": f"{self.error}: {self.detail}" if self.error and self.detail else self.error,
        }


@dataclass
class _Proposal:
    key: str
    day: dt.date
    kind: str
    summary: str
    contact_ids: set[int]


def own_addresses() -> set[str]:
    """The user's addresses: the setting, every IMAP login, every recognised owner."""
    own = {
        normalize_address(a)
        for a in str(settings.get("my_email_addresses")).replace(";", ",").split(",")
        if "@" in a
    }
    for source in CaptureSource.select(CaptureSource.username, CaptureSource.owner_addresses):
        if "@" in source.username:
            own.add(normalize_address(source.username))
        own |= {a for a in source.owner_addresses.split(",") if a}
    return own


def contact_addresses() -> dict[str, int]:
    """Every e-mail of every contact, normalised, to its contact id."""
    found: dict[str, int] = {}
    for address, contact_id in database.execute_sql(
        "SELECT address, contact_id FROM email_address ORDER BY contact_id DESC"
    ):
        found[normalize_address(address)] = contact_id
    return found


class _Matcher:
    def __init__(self, source: CaptureSource) -> None:
        self.source = source
        self.contacts = contact_addresses()
        self.own = own_addresses()
        self.touched: set[str] = set()  # strangers noted in this scan

    def mail(self, headers: Iterable[Header]) -> tuple[dict[str, _Proposal], set[tuple]]:  # type: ignore[type-arg]
        proposals: dict[str, _Proposal] = {}
        correspondents: set[tuple[str, str, str]] = set()
        for header in headers:
            day = header.day
            if header.automatic or day is None:
                continue
            if any(is_noreply(address) for _, address in header.sender):
                continue
            people = [*header.sender, *header.recipients]
            normalized = {normalize_address(a): (n, a) for n, a in people}
            others = {a: v for a, v in normalized.items() if a not in self.own}
            known = {self.contacts[a] for a in others if a in self.contacts}
            if known:
                key = f"message-id:{header.thread}#{day.isoformat()}"
                proposal = proposals.get(key)
                if proposal is None:
                    proposals[key] = _Proposal(
                        key, day, InteractionKind.EMAIL.value, clean_subject(header.subject), known
                    )
                else:
                    proposal.contact_ids |= known
                    if not proposal.summary:
                        proposal.summary = clean_subject(header.subject)
            if len(people) <= MAX_PEOPLE:
                for address, (name, _) in others.items():
                    if address not in self.contacts and not is_noreply(address):
                        correspondents.add((address, header.thread, decode_text(name)))
                        self.touched.add(address)
        return proposals, correspondents

    def events(self, occurrences: Iterable[Occurrence]) -> dict[str, _Proposal]:
        proposals: dict[str, _Proposal] = {}
        for event in occurrences:
            known = {
                self.contacts[a]
                for a in (normalize_address(address) for _, address in event.people)
                if a in self.contacts and a not in self.own
            }
            if known:
                proposals[event.origin] = _Proposal(
                    event.origin, event.day, kind_from_title(event.title), event.title, known
                )
        return proposals


def _marks(source_id: int) -> dict[str, dict[str, object]]:
    return {
        m.key: json.loads(m.value)
        for m in CaptureMark.select().where(CaptureMark.source == source_id)
    }


def _save_marks(source_id: int, marks: dict[str, dict[str, object]]) -> None:
    for key, value in marks.items():
        CaptureMark.insert(source=source_id, key=key, value=json.dumps(value)).on_conflict(
            conflict_target=[CaptureMark.source, CaptureMark.key],
            update={CaptureMark.value: json.dumps(value)},
        ).execute()


def _store_proposals(source_id: int, proposals: dict[str, _Proposal]) -> int:
    """Insert new suggestions, widen open ones; nothing dismissed or accepted. New count."""
    keys = list(proposals)
    if not keys:
        return 0
    blocked: set[str] = set()
    existing: dict[str, Suggestion] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        blocked |= {d.key for d in Dismissal.select(Dismissal.key).where(Dismissal.key.in_(chunk))}
        blocked |= {
            i.origin
            for i in Interaction.select(Interaction.origin).where(Interaction.origin.in_(chunk))
        }
        existing |= {s.key: s for s in Suggestion.select().where(Suggestion.key.in_(chunk))}
    new_rows = []
    widened = []
    for key, proposal in proposals.items():
        if key in blocked:
            continue
        old = existing.get(key)
        ids = ",".join(map(str, sorted(proposal.contact_ids)))
        if old is None:
            new_rows.append(
                (inbox.stable_id(key), key, inbox.INTERACTION, source_id,
                 proposal.day.isoformat(), proposal.kind, proposal.summary, ids)
            )  # fmt: skip
            continue
        merged = {int(x) for x in old.contact_ids.split(",") if x} | proposal.contact_ids
        widened.append((",".join(map(str, sorted(merged))), old.summary or proposal.summary, key))
    cursor = database.cursor()
    cursor.executemany(
        "INSERT INTO suggestion (id, key, kind, source_id, occurred_on, interaction_kind, "
        "summary, contact_ids, name, email, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', '', datetime('now', 'localtime'))",
        new_rows,
    )
    cursor.executemany("UPDATE suggestion SET contact_ids = ?, summary = ? WHERE key = ?", widened)
    return len(new_rows)


def _store_correspondents(source_id: int, rows: set[tuple[str, str, str]]) -> None:
    if rows:
        database.cursor().executemany(
            "INSERT OR IGNORE INTO capture_correspondent (source_id, address, thread, name) "
            "VALUES (?, ?, ?, ?)",
            [(source_id, a, t, n) for a, t, n in rows],
        )


def _propose_contacts(
    source_id: int, own: set[str], contacts: dict[str, int], touched: set[str]
) -> int:
    """Unknown addresses seen in several threads (over every source) become proposals."""
    known = {
        normalize_address(row[0])
        for row in database.execute_sql("SELECT address FROM email_address")
    }
    taken = {
        row[0]
        for row in database.execute_sql(
            "SELECT key FROM suggestion WHERE kind = 'contact' UNION "
            "SELECT key FROM dismissal WHERE key LIKE 'contact:%'"
        )
    }
    rows = []
    for address, _threads, name in _thread_counts(sorted(touched), FREQUENT_THREADS):
        key = f"contact:{address}"
        if address in own or address in contacts or address in known or key in taken:
            continue
        if is_noreply(address):
            continue
        rows.append((inbox.stable_id(key), key, source_id, name or "", address))
    database.cursor().executemany(
        "INSERT INTO suggestion (id, key, kind, source_id, occurred_on, interaction_kind, "
        "summary, contact_ids, name, email, created_at) VALUES (?, ?, 'contact', ?, NULL, '', "
        "'', '', ?, ?, datetime('now', 'localtime'))",
        rows,
    )
    return len(rows)


def _thread_counts(
    addresses: list[str], at_least: float, source_id: int | None = None
) -> Iterator[tuple[str, int, str]]:
    """(address, threads, a name) of these addresses in at least ``at_least`` threads."""
    where = "" if source_id is None else "AND source_id = ? "
    for start in range(0, len(addresses), 500):
        chunk = addresses[start : start + 500]
        yield from database.execute_sql(
            "SELECT address, COUNT(DISTINCT thread), MAX(name) FROM capture_correspondent "
            f"WHERE address IN ({','.join('?' * len(chunk))}) {where}"
            "GROUP BY address HAVING COUNT(DISTINCT thread) >= ?",
            [*chunk, *([] if source_id is None else [source_id]), at_least],
        )


def _owners(source_id: int, contacts: dict[str, int], touched: set[str]) -> set[str]:
    """The mailbox owner: the address (no contact's) in nearly every thread of the source.

    Every thread with someone who is not a contact is noted in ``capture_correspondent``
    (the owner, not yet known, counts as such), so the owner stands out there, also when
    a first scan was interrupted and resumed."""
    total = database.execute_sql(
        "SELECT COUNT(DISTINCT thread) FROM capture_correspondent WHERE source_id = ?",
        [source_id],
    ).fetchone()[0]
    if total < OWNER_MIN_THREADS:
        return set()
    candidates = sorted(a for a in touched if a not in contacts)
    return {
        address
        for address, threads, _ in _thread_counts(candidates, OWNER_SHARE * total, source_id)
        if threads > OWNER_SHARE * total
    }


def _commit_batch(
    source: CaptureSource,
    proposals: dict[str, _Proposal],
    correspondents: set[tuple[str, str, str]],
    marks: dict[str, dict[str, object]],
    seen_names: list[str],
) -> int:
    with database.atomic(lock_type="IMMEDIATE"):
        created = _store_proposals(source.id, proposals)
        _store_correspondents(source.id, correspondents)
        _save_marks(source.id, marks)
        if seen_names:
            database.cursor().executemany(
                "INSERT OR IGNORE INTO capture_seen (source_id, name) VALUES (?, ?)",
                [(source.id, n) for n in seen_names],
            )
    return created


def _mail_batches(source: CaptureSource) -> Iterator[MailBatch]:
    if source.kind == SourceKind.MAILDIR:

        def seen(names: set[str]) -> set[str]:
            if len(names) > 5000:  # a first or large scan: one pass over what was read
                return names & {
                    row[0]
                    for row in database.execute_sql(
                        "SELECT name FROM capture_seen WHERE source_id = ?", [source.id]
                    )
                }
            wanted = sorted(names)
            found: set[str] = set()
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                found |= {
                    row[0]
                    for row in database.execute_sql(
                        "SELECT name FROM capture_seen WHERE source_id = ? AND name IN "
                        f"({','.join('?' * len(chunk))})",
                        [source.id, *chunk],
                    )
                }
            return found

        mark = _marks(source.id).get(MAILDIR_KEY)
        yield from maildir_batches(source.name, Path(source.location), seen, mark)
    elif source.kind == SourceKind.MBOX:
        yield from mbox_batches(source.name, Path(source.location), _marks(source.id).get(MBOX_KEY))
    elif source.kind == SourceKind.IMAP:
        address = parse_url(source.location)
        password = imap_password(source)
        with ImapSession(
            source.name, address, source.username, password, trusted_cert=source.trusted_cert
        ) as session:
            folders = source_folders(source) or session.default_folders()
            yield from imap_batches(session, folders, _marks(source.id))
    else:
        raise SourceFailed(source.name, "not-found", f"unknown kind {source.kind}")


def _scan_mail(source: CaptureSource, result: ScanResult, progress: ProgressLike | None) -> None:
    matcher = _Matcher(source)
    for batch in _mail_batches(source):
        proposals, correspondents = matcher.mail(batch.headers)
        result.suggestions += _commit_batch(
            source, proposals, correspondents, batch.marks, batch.seen_names
        )
        result.new_messages += len(batch.headers)
        if progress is not None:
            progress(batch.done, batch.total)
            if progress.cancelled:
                result.cancelled = True
                break
    if not matcher.touched:
        return  # no stranger took part in anything new: no owner, no contact to propose
    with database.atomic(lock_type="IMMEDIATE"):
        owners = _owners(source.id, matcher.contacts, matcher.touched)
        if owners:
            known = {a for a in source.owner_addresses.split(",") if a}
            CaptureSource.update(owner_addresses=",".join(sorted(known | owners))).where(
                CaptureSource.id == source.id
            ).execute()
            CaptureCorrespondent.delete().where(
                CaptureCorrespondent.address.in_(sorted(owners))
            ).execute()
        own = own_addresses()
        Suggestion.delete().where(
            (Suggestion.kind == inbox.CONTACT) & Suggestion.email.in_(sorted(own))
        ).execute()
        result.suggestions += _propose_contacts(source.id, own, matcher.contacts, matcher.touched)


def _scan_calendar_file(
    source: CaptureSource, result: ScanResult, now: dt.datetime, progress: ProgressLike | None
) -> None:
    path = Path(source.location)
    try:
        data = path.read_bytes()
        stat = path.stat()
    except OSError as exc:
        raise SourceFailed(source.name, "not-found", str(exc)) from exc
    etag = f"{stat.st_size}-{stat.st_mtime_ns}"
    mark = _marks(source.id).get(ICS_KEY) or {}
    if mark.get("etag") == etag and mark.get("scanned_on") == now.date().isoformat():
        return  # unchanged, and nothing has become past since the scan earlier today
    try:
        events = parse_calendar(data)
    except ValueError as exc:
        raise SourceFailed(source.name, "unreadable", str(exc)) from exc
    seen = {
        row[0]
        for row in database.execute_sql(
            "SELECT name FROM capture_seen WHERE source_id = ?", [source.id]
        )
    }
    fresh = [o for o in past_occurrences(events, now) if o.origin not in seen]
    proposals = _Matcher(source).events(fresh)
    result.suggestions += _commit_batch(
        source,
        proposals,
        set(),
        {ICS_KEY: {"etag": etag, "scanned_on": now.date().isoformat()}},
        [o.origin for o in fresh],
    )
    result.new_events += len(fresh)
    if progress is not None:
        progress(1, 1)


HISTORY_CALENDAR = "Allies"  # the sync's own history calendar (app/sync): never scanned
_DAV_CODES = {
    "unauthorized": "login",
    "forbidden": "login",
    "certificate": "tls",
    "malformed": "protocol",
    "refused": "protocol",
    "not-found": "not-found",
    "no-collection": "not-found",
}


def _scan_account(
    source: CaptureSource, result: ScanResult, now: dt.datetime, progress: ProgressLike | None
) -> None:
    """The calendars of a sync account, by ETag: changed events and those not past yet
    (a recurring series, a future meeting) are fetched again; the sync's own "Allies"
    calendar is left alone (its events are interactions already)."""
    from app.sync.accounts import AccountError, client_for, get_account
    from app.sync.dav import DavError

    try:
        account = get_account(source.location)
    except NotFound as exc:
        raise SourceFailed(source.name, "not-found", source.location) from exc
    marks = _marks(source.id)
    seen = {
        row[0]
        for row in database.execute_sql(
            "SELECT name FROM capture_seen WHERE source_id = ?", [source.id]
        )
    }
    try:
        with client_for(account) as client:
            calendars = [
                c
                for c in client.collections(account.calendar_home)
                if c.kind == "calendar"
                and c.displayname != HISTORY_CALENDAR
                and (not c.components or "VEVENT" in c.components)
            ]
            for number, calendar in enumerate(calendars, start=1):
                key = f"calendar:{calendar.url}"
                mark = marks.get(key) or {}
                known: dict[str, str] = dict(mark.get("etags") or {})  # type: ignore[call-overload]
                pending = set(mark.get("pending") or [])  # type: ignore[call-overload]
                etags = client.list_etags(calendar.url)
                wanted = sorted(h for h, e in etags.items() if known.get(h) != e or h in pending)
                fetched = client.multiget(calendar.url, wanted, kind="calendar") if wanted else []
                events: list[object] = []
                still_pending = []
                for item in fetched:
                    try:
                        found = parse_calendar(item.data.encode("utf-8"))
                    except ValueError:
                        continue  # one broken event does not stop the calendar
                    events.extend(found)
                    if any(_not_over(e, now) for e in found):
                        still_pending.append(item.href)
                fresh = [o for o in past_occurrences(events, now) if o.origin not in seen]
                seen |= {o.origin for o in fresh}
                result.suggestions += _commit_batch(
                    source,
                    _Matcher(source).events(fresh),
                    set(),
                    {key: {"etags": etags, "pending": sorted(still_pending)}},
                    [o.origin for o in fresh],
                )
                result.new_events += len(fresh)
                if progress is not None:
                    progress(number, len(calendars))
    except DavError as exc:
        raise SourceFailed(source.name, _DAV_CODES.get(exc.code, "unreachable"), str(exc)) from exc
    except AccountError as exc:
        raise SourceFailed(source.name, "no-password", exc.code) from exc


def _not_over(event: object, now: dt.datetime) -> bool:
    """A recurring event, or one that has not ended yet: look at it again next time."""
    if event.get("RRULE") is not None or event.get("RDATE") is not None:  # type: ignore[attr-defined]
        return True
    start = event.get("DTSTART")  # type: ignore[attr-defined]
    if start is None:
        return False
    end = event.get("DTEND") or start  # type: ignore[attr-defined]
    value = end.dt
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(), tzinfo=now.tzinfo)
    elif value.tzinfo is None:
        value = value.astimezone()
    return value > now


def scan_source(
    source_id: int,
    progress: ProgressLike | None = None,
    *,
    now: dt.datetime | None = None,
) -> ScanResult:
    """Read what is new in one source; a failure is reported in the result, not raised."""
    source = CaptureSource.get_by_id(source_id)
    result = ScanResult(source.name)
    moment = now or dt.datetime.now().astimezone()
    try:
        if source.kind == SourceKind.ICS:
            _scan_calendar_file(source, result, moment, progress)
        elif source.kind == SourceKind.ACCOUNT:
            _scan_account(source, result, moment, progress)
        else:
            _scan_mail(source, result, progress)
    except SourceFailed as exc:
        result.error, result.detail = exc.code, exc.detail
    except OSError as exc:
        result.error, result.detail = "unreadable", str(exc)
    if result.error is None and settings.get("capture_auto_accept_email"):
        result.accepted = _auto_accept()
    with database.atomic(lock_type="IMMEDIATE"):
        CaptureSource.update(
            last_scan_at=dt.datetime.now().replace(microsecond=0),
            last_error=f"{result.error}: {result.detail}" if result.error else "",
        ).where(CaptureSource.id == source.id).execute()
    result.changes = Changes(suggestions=True)
    if result.accepted:
        result.changes = result.changes | Changes(interactions=True, contact_list=True)
    return result


def _auto_accept() -> int:
    ids = [
        s.id
        for s in inbox.open_suggestions()
        if s.kind == inbox.INTERACTION
        and s.interaction_kind == InteractionKind.EMAIL.value
        and s.key.startswith("message-id:")
    ]
    if not ids:
        return 0
    return len(inbox.accept(ids).accepted)


@dataclass
class ScanReport:
    results: list[ScanResult]
    changes: Changes = field(default_factory=Changes)

    @property
    def failed(self) -> bool:
        return any(r.error for r in self.results)


def scan(
    names: Iterable[str] | None = None,
    progress: ProgressLike | None = None,
    *,
    now: dt.datetime | None = None,
    on_source: Callable[[str], None] | None = None,
) -> ScanReport:
    """Scan every source (or those named), one after the other."""
    query = CaptureSource.select().order_by(CaptureSource.name)
    sources = list(query)
    if names is not None:
        from app.capture.sources import find_source

        sources = [find_source(n) for n in names]
    results = []
    changes = Changes()
    for source in sources:
        if on_source is not None:
            on_source(source.name)
        result = scan_source(source.id, progress, now=now)
        results.append(result)
        changes = changes | result.changes
        if result.cancelled:
            break
    return ScanReport(results, changes)

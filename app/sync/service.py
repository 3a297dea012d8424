"""Sync every account (or one): what ``allies sync`` and the desktop app's worker call.

Each account's collections are synced one after the other (contacts with its address
book; the CalDAV adapters add their collections in :func:`collection_jobs`). A failure
stops that account's sync where it was — everything done so far is committed and
consistent, the rest is done by the next sync — and is reported as a code
(:class:`AccountResult.error`), never raised: the caller shows it as a sentence.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.changes import Changes
from app.errors import AlliesError
from app.models import database, now
from app.sync.accounts import AccountError, accounts, client_for, get_account
from app.sync.contacts_adapter import ContactsAdapter
from app.sync.dav import CertificateUntrusted, DavClient, DavError
from app.sync.engine import CollectionSync, ConflictRecord, Progress, SyncRefused
from app.sync.state import SyncAccount, SyncConflict

log = logging.getLogger(__name__)


@dataclass
class AccountResult:
    name: str
    pulled: int = 0
    pushed: int = 0
    deleted_here: int = 0
    deleted_there: int = 0
    linked: int = 0
    conflicts: list[ConflictRecord] = field(default_factory=list)
    error: str | None = None  # a code: unreachable, unauthorized, emptied-there, …
    error_detail: str = ""
    status: int | None = None
    fingerprint: str = ""  # of an untrusted certificate
    finished_at: str = ""
    changes: Changes = field(default_factory=Changes)

    def as_json(self) -> dict[str, Any]:
        """SPEC §5's account object (``error`` is filled in by the caller's wording)."""
        return {
            "name": self.name,
            "pulled": self.pulled,
            "pushed": self.pushed,
            "deleted_here": self.deleted_here,
            "deleted_there": self.deleted_there,
            "conflicts": [c.as_json() for c in self.conflicts],
            "error": self.error,
        }

    def stored(self) -> dict[str, Any]:
        data = self.as_json()
        data.update(
            linked=self.linked,
            error_detail=self.error_detail,
            status=self.status,
            fingerprint=self.fingerprint,
            finished_at=self.finished_at,
        )
        return data


def collection_jobs(
    account: SyncAccount, client: DavClient, progress: Progress | None, allow_emptied: bool
) -> list[CollectionSync]:
    """The collections of an account, in the order they sync."""
    jobs = [
        CollectionSync(
            client,
            account,
            account.addressbook_url,
            ContactsAdapter(private=account.sync_private),
            allow_emptied=allow_emptied,
            progress=progress,
        )
    ]
    from app.sync.history_adapter import history_jobs

    jobs += history_jobs(account, client, progress, allow_emptied)
    return jobs


def sync_account(
    account: SyncAccount,
    *,
    progress: Progress | None = None,
    allow_emptied: bool = False,
    client_factory: Callable[[SyncAccount], DavClient] = client_for,
) -> AccountResult:
    result = AccountResult(account.name)
    try:
        with client_factory(account) as client:
            for job in collection_jobs(account, client, progress, allow_emptied):
                try:
                    job.run()
                finally:  # a failed job's work so far counts too
                    r = job.report
                    result.pulled += r.pulled
                    result.pushed += r.pushed
                    result.deleted_here += r.deleted_here
                    result.deleted_there += r.deleted_there
                    result.linked += r.linked
                    result.conflicts += r.conflicts
                    result.changes = result.changes | job.local_changes()
    except CertificateUntrusted as exc:
        result.error, result.error_detail, result.fingerprint = (
            exc.code,
            exc.detail,
            exc.fingerprint,
        )
    except DavError as exc:
        result.error, result.error_detail, result.status = exc.code, exc.detail, exc.status
    except SyncRefused as exc:
        result.error, result.error_detail = exc.code, f"{exc.count}/{exc.total}"
    except AccountError as exc:
        result.error, result.error_detail = exc.code, exc.detail
    except AlliesError as exc:
        log.exception("sync of %s failed", account.name)
        result.error, result.error_detail = "failed", str(exc)
    result.finished_at = dt.datetime.now().replace(microsecond=0).isoformat()
    _remember(account, result)
    return result


def _remember(account: SyncAccount, result: AccountResult) -> None:
    values: dict[Any, Any] = {
        SyncAccount.last_sync_at: now(),
        SyncAccount.last_result: json.dumps(result.stored(), ensure_ascii=False),
    }
    if result.error is None:
        values[SyncAccount.last_ok_at] = now()
    with database.atomic(lock_type="IMMEDIATE"):
        SyncAccount.update(values).where(SyncAccount.id == account.id).execute()


def sync_all(
    name: str | None = None,
    *,
    progress: Progress | None = None,
    allow_emptied: bool = False,
) -> list[AccountResult]:
    chosen = [get_account(name)] if name else accounts()
    return [sync_account(a, progress=progress, allow_emptied=allow_emptied) for a in chosen]


def last_result(account: SyncAccount) -> dict[str, Any] | None:
    if not account.last_result:
        return None
    try:
        data = json.loads(account.last_result)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


# --- conflicts -----------------------------------------------------------------------


@dataclass(frozen=True)
class ConflictRow:
    id: int
    object: str
    uid: str
    local_id: int | None
    field: str
    kept: Any
    other: Any
    created_at: dt.datetime
    resolved: bool


def conflicts(
    *, contact_id: int | None = None, include_resolved: bool = False
) -> list[ConflictRow]:
    query = SyncConflict.select().order_by(SyncConflict.created_at.desc(), SyncConflict.id.desc())
    if contact_id is not None:
        query = query.where(
            (SyncConflict.object == "contact") & (SyncConflict.local_id == contact_id)
        )
    if not include_resolved:
        query = query.where(SyncConflict.resolved == False)  # noqa: E712 (peewee expression)
    return [
        ConflictRow(
            c.id,
            c.object,
            c.uid,
            c.local_id,
            c.field,
            json.loads(c.kept),
            json.loads(c.other),
            c.created_at,
            c.resolved,
        )
        for c in query
    ]


def dismiss_conflict(conflict_id: int) -> Changes:
    with database.atomic(lock_type="IMMEDIATE"):
        SyncConflict.update(resolved=True).where(SyncConflict.id == conflict_id).execute()
    return Changes(settings=True)


def restore_other(conflict_id: int) -> Changes:
    """Put the value that lost a conflict back on the contact or history object (pushed by
    the next sync)."""
    from app.sync.history_adapter import HISTORY_KINDS, HistoryAdapter

    row = SyncConflict.get_or_none(SyncConflict.id == conflict_id)
    known = ("contact", *HISTORY_KINDS)
    if row is None or row.object not in known or row.local_id is None:
        from app.errors import NotFound

        raise NotFound("conflict", conflict_id)
    adapter: Any = (
        ContactsAdapter(private=True) if row.object == "contact" else HistoryAdapter(row.object)
    )
    with database.atomic(lock_type="IMMEDIATE"):
        adapter.local_objects()
        adapter.update([(row.local_id, {row.field: json.loads(row.other)})])
        SyncConflict.update(resolved=True).where(SyncConflict.id == conflict_id).execute()
    return adapter.changes({row.local_id})

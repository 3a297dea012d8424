"""Two-way sync of one server collection with one kind of local object.

Modelled on vdirsyncer's ``sync()`` (BSD): list both sides, compare each with the state
of the last sync, act per item. Unlike vdirsyncer's status (hashes only), the state keeps
the last-synced content as parsed fields (:class:`~app.sync.state.SyncItem.base`), which
makes the per-field three-way merge of SPEC §10 possible (see ``docs/sync.md``).

The engine knows nothing about contacts or calendars: an :class:`Adapter` lists the local
objects as field dicts, turns fields into a resource body and back, and applies changes.
:mod:`app.sync.contacts_adapter` is the contacts' adapter; CalDAV adapters for
interactions and tasks plug in the same way.

Order of a run (each step leaves the state consistent with the database if killed):

1. List the remote side: the sync-token's changes (RFC 6578), else the CTag says
   "nothing changed", else every ETag (PROPFIND).
2. Fetch the changed resources (multiget) and parse them.
3. Refuse when most objects vanished on one side ("storage emptied", SPEC §10).
4. Pull: per changed remote object, merge with the local one and the base, write the
   local result and the new state in one transaction (batches of :data:`BATCH`).
5. Push: local objects changed since the base and new local objects, ``PUT`` with
   ``If-Match``/``If-None-Match``; a 412 re-reads the resource and merges again.
   New resources are named after their UID, so a push repeated after a kill answers 412
   and is linked, never duplicated.
6. Deletes: a server-side delete lets the adapter archive (or remove) the local object;
   a local object that is gone is deleted there (``If-Match``).
7. Save the new sync-token and CTag.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

from app.changes import Changes
from app.errors import AlliesError
from app.models import database
from app.sync.dav import DavClient, DavError, Fetched, Listing, SyncTokenInvalid
from app.sync.merge import FieldConflict, Fields, MergeResult, merge3
from app.sync.state import SyncAccount, SyncCollection, SyncConflict, SyncItem

log = logging.getLogger(__name__)

BATCH = 200  # local writes per transaction
EMPTIED_MIN = 4  # a side that lost more than half of at least this many objects: stop
PUT_RETRIES = 3
PUT_WORKERS = 4  # PUTs in flight at once
PUT_CHUNK = 50  # PUTs between two saves of the state
FETCH_WORKERS = 3  # multigets in flight at once
FETCH_BATCH = 200  # resources per multiget
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


class SyncRefused(AlliesError):
    """The sync stopped before changing anything: ``code`` ``emptied-here`` or
    ``emptied-there`` (most objects vanished on that side; confirm to go on)."""

    def __init__(self, code: str, count: int, total: int) -> None:
        super().__init__(f"{code}: {count} of {total} objects are gone")
        self.code = code
        self.count = count
        self.total = total


@dataclass
class LocalObject:
    id: int
    uid: str  # "" when the object has none yet
    fields: Fields


@dataclass
class RemoteObject:
    href: str
    etag: str
    uid: str
    fields: Fields
    time: str  # ISO 8601 UTC of the last change there (REV / last-modified), "" unknown
    data: str


@dataclass(frozen=True)
class Parsed:
    uid: str
    fields: Fields
    time: str = ""


class Adapter(Protocol):
    """One kind of local object ↔ one kind of resource."""

    kind: str  # the state's kind, e.g. "contact"
    object_name: str  # the conflicts' "object", e.g. "contact"
    content_type: str  # of PUT bodies, e.g. "text/vcard; charset=utf-8"
    extension: str  # of new resources, e.g. ".vcf"
    set_fields: frozenset[str]

    def local_objects(self) -> dict[int, LocalObject]:
        """Every local object that syncs (fields as they would be sent)."""
        ...

    def ensure_uids(self, ids: list[int]) -> dict[int, str]:
        """Give the objects without one a UID, stored (call inside a transaction)."""
        ...

    def parse(self, data: str) -> Parsed | None:
        """A resource's fields, None when it is not an object of this kind."""
        ...

    def serialize(self, uid: str, fields: Fields, previous: str | None) -> str:
        """The resource body; ``previous`` is the server's last version, if known."""
        ...

    def field_times(self, ids: Iterable[int]) -> dict[int, dict[str, str]]:
        """When each field of these objects last changed here (ISO 8601 UTC)."""
        ...

    def default_time(self, local_id: int) -> str: ...

    def set_key(self, field: str, item: Any) -> Any:
        """What makes two items of a set-valued field the same item (for the merge)."""
        ...

    def match(self, fields: Fields, candidates: set[int]) -> int | None:
        """A local object (of ``candidates``) that is this remote one (first sync)."""
        ...

    def duplicate(self, fields: Fields, candidates: set[int]) -> int | None:
        """A linked local object that this new remote one repeats beyond doubt."""
        ...

    def create(self, items: list[tuple[str, Fields]]) -> list[int]:
        """Create local objects (inside the caller's transaction); their ids in order."""
        ...

    def update(self, items: list[tuple[int, Fields]]) -> None:
        """Set these fields (only those given) of local objects (inside a transaction)."""
        ...

    def deleted_there(self, ids: list[int]) -> None:
        """The server deleted these objects: archive or remove them here."""
        ...

    def revived(self, fields: Fields) -> bool:
        """Whether an object the server deleted (and this side archived) was brought back
        here since: then it goes to the server again."""
        ...

    def finish(self) -> None:
        """After the pull (inside a transaction): links between objects of different
        batches (a relationship to a card that came later)."""
        ...

    def changes(self, ids: set[int]) -> Changes: ...


class AdapterDefaults:
    """What an adapter may leave out: no first-sync matching, no duplicates, sets of plain
    items, nothing to revive, nothing to finish. Subclass it and override."""

    def set_key(self, field: str, item: Any) -> Any:
        return tuple(item) if isinstance(item, list) else item

    def match(self, fields: Fields, candidates: set[int]) -> int | None:
        return None

    def duplicate(self, fields: Fields, candidates: set[int]) -> int | None:
        return None

    def revived(self, fields: Fields) -> bool:
        return False

    def finish(self) -> None:
        return None

    def default_time(self, local_id: int) -> str:
        return ""


@dataclass
class ConflictRecord:
    object: str
    uid: str
    local_id: int | None
    field: str
    kept: Any
    other: Any

    def as_json(self) -> dict[str, Any]:
        """SPEC §5's conflict object (``contact_id`` is null for history objects)."""
        return {
            "object": self.object,
            "uid": self.uid,
            "contact_id": self.local_id if self.object == "contact" else None,
            "field": self.field,
            "kept": self.kept,
            "other": self.other,
        }


@dataclass
class CollectionReport:
    pulled: int = 0
    pushed: int = 0
    deleted_here: int = 0
    deleted_there: int = 0
    linked: int = 0
    conflicts: list[ConflictRecord] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # hrefs that could not be read
    changes: Changes = field(default_factory=Changes)


Progress = Callable[[str, int, int], None]  # (phase, done, total)


def content_hash(fields: Fields) -> str:
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _sortable(value: Any) -> Any:
    return json.dumps(value, sort_keys=True)


def comparable(fields: Fields, set_fields: frozenset[str]) -> Fields:
    """The fields with set-valued ones in a fixed order: order alone is not a change."""
    return {
        k: sorted(v, key=_sortable) if k in set_fields and isinstance(v, list) else v
        for k, v in fields.items()
    }


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _utc_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"


class CollectionSync:
    """One run of the two-way sync of ``collection_url`` with the adapter's objects."""

    def __init__(
        self,
        client: DavClient,
        account: SyncAccount,
        collection_url: str,
        adapter: Adapter,
        *,
        dav_kind: str = "addressbook",
        allow_emptied: bool = False,
        progress: Progress | None = None,
    ) -> None:
        self.client = client
        self.account = account
        self.url = collection_url
        self.adapter = adapter
        self.dav_kind = dav_kind
        self.allow_emptied = allow_emptied
        self.progress = progress or (lambda phase, done, total: None)
        self.report = CollectionReport()
        self._touched: set[int] = set()
        self._local_ids: set[int] = set()
        self._duplicates: list[tuple[str, str]] = []  # (href, etag) of cards folded in
        self._threads = threading.local()
        self._serial = False  # True once the server refused parallel writes
        self._clones: list[DavClient] = []

    # --- state -----------------------------------------------------------------------

    def _collection(self) -> SyncCollection:
        with database.atomic(lock_type="IMMEDIATE"):
            row, _ = SyncCollection.get_or_create(
                account=self.account.id,
                url=self.url,
                kind=self.adapter.kind,
                defaults={"sync_token": "", "ctag": ""},
            )
        return row

    def _items(self, coll: SyncCollection) -> list[SyncItem]:
        return list(SyncItem.select().where(SyncItem.collection == coll.id))

    # --- run -------------------------------------------------------------------------

    def run(self) -> CollectionReport:
        try:
            return self._run()
        finally:
            for clone in self._clones:
                clone.close()
            self._clones.clear()

    def _run(self) -> CollectionReport:
        coll = self._collection()
        items = self._items(coll)
        by_href = {i.href: i for i in items if i.href}
        by_uid = {i.uid: i for i in items}
        self.progress("listing", 0, 0)
        listing, ctag = self._listing(coll, by_href)
        changed = [h for h, e in listing.etags.items() if h not in by_href or by_href[h].etag != e]
        if listing.full:
            gone = [h for h in by_href if h not in listing.etags]
        else:
            gone = [h for h in listing.deleted if h in by_href]
        gone = [h for h in gone if not by_href[h].remote_deleted]
        remote = self._fetch(changed)
        # A resource gone from one href but back under another with its UID was moved.
        moved = {r.uid for r in remote}
        gone = [h for h in gone if by_href[h].uid not in moved]
        local = self.adapter.local_objects()
        missing = [o.id for o in local.values() if not o.uid]
        if missing:  # UIDs first: relationships travel as the other contact's UID
            with database.atomic(lock_type="IMMEDIATE"):
                self.adapter.ensure_uids(missing)
            local = self.adapter.local_objects()
        local_gone = [
            i for i in items if i.href and (i.local_id is None or i.local_id not in local)
        ]
        live = [i for i in items if i.href and not i.remote_deleted]
        self._check_emptied(len(gone), len(local_gone), len(live))

        self._pull(coll, remote, local, by_href, by_uid)
        with database.atomic(lock_type="IMMEDIATE"):
            self.adapter.finish()
        items = self._items(coll)
        self._push(coll, items, local)
        self._deletes_there(coll, gone)
        self._deletes_here(coll)
        token = self._token_after_own_writes(coll, listing.sync_token)
        with database.atomic(lock_type="IMMEDIATE"):
            SyncCollection.update(sync_token=token, ctag=ctag).where(
                SyncCollection.id == coll.id
            ).execute()
        self.report.changes = self.local_changes()
        return self.report

    def local_changes(self) -> Changes:
        """What this run changed here so far (also after a failure, for the views)."""
        return self.adapter.changes(self._touched)

    def _listing(self, coll: SyncCollection, by_href: dict[str, SyncItem]) -> tuple[Listing, str]:
        if not coll.sync_token and not coll.ctag:
            # The first sync: the full listing brings its sync-token, no need to ask for
            # the collection's state first (a server computes it over every object).
            try:
                return self.client.sync_collection(self.url, ""), ""
            except SyncTokenInvalid:
                log.info("sync-collection refused by %s: PROPFIND", self.url)
        ctag, token = self.client.collection_state(self.url)
        if coll.sync_token and token and token == coll.sync_token:
            return Listing({}, frozenset(), token, full=False), ctag
        if not token and ctag and coll.ctag == ctag:
            return Listing({}, frozenset(), "", full=False), ctag
        if token:
            try:
                return self.client.sync_collection(self.url, coll.sync_token), ctag
            except SyncTokenInvalid:
                log.info("sync-token of %s refused: listing in full", self.url)
                try:
                    return self.client.sync_collection(self.url, ""), ctag
                except SyncTokenInvalid:
                    log.info("sync-collection refused by %s: PROPFIND", self.url)
        etags = self.client.list_etags(self.url)
        return Listing(etags, frozenset(), "", full=True), ctag

    def _token_after_own_writes(self, coll: SyncCollection, token: str) -> str:
        """The token to keep: past our own writes when nothing else changed meanwhile.

        Keeping the token from before our writes would be safe but not enough: a server
        may leave out of the next report a resource created and deleted since that token
        (RFC 6578 §3.5.1; Xandikos does), so a card we pushed and a phone then deleted
        would never be reported deleted.
        """
        r = self.report
        if not token or not (r.pushed or r.deleted_there):  # nothing written there
            return token
        try:
            since = self.client.sync_collection(self.url, token)
        except SyncTokenInvalid:
            return ""
        known = {
            i.href: i.etag
            for i in SyncItem.select().where(
                (SyncItem.collection == coll.id) & SyncItem.href.is_null(False)
            )
        }
        foreign = [h for h, e in since.etags.items() if known.get(h) != e]
        foreign += [h for h in since.deleted if h in known]
        return token if foreign else since.sync_token

    def _fetch(self, hrefs: list[str]) -> list[RemoteObject]:
        """The changed resources, a few multigets in flight at once, parsed here."""
        found: list[RemoteObject] = []
        total = len(hrefs)
        batches = [hrefs[start : start + FETCH_BATCH] for start in range(0, total, FETCH_BATCH)]

        def fetch(batch: list[str]) -> list[Fetched]:
            return self._client().multiget(self.url, batch, self.dav_kind)

        with ThreadPoolExecutor(FETCH_WORKERS, "allies-fetch") as pool:
            for n, fetched_batch in enumerate(pool.map(fetch, batches)):
                self.progress("downloading", n * FETCH_BATCH, total)
                for fetched in fetched_batch:
                    obj = self._parsed(fetched)
                    if obj is not None:
                        found.append(obj)
        return found

    def _parsed(self, fetched: Fetched) -> RemoteObject | None:
        try:
            parsed = self.adapter.parse(fetched.data)
        except Exception as exc:  # one unreadable resource must not stop the sync
            log.warning("%s unreadable: %s", fetched.href, exc)
            parsed = None
        if parsed is None or not parsed.uid:
            self.report.skipped.append(fetched.href)
            return None
        from app.sync.dav import parse_http_date

        time = parsed.time or parse_http_date(fetched.last_modified)
        return RemoteObject(
            fetched.href, fetched.etag, parsed.uid, parsed.fields, time, fetched.data
        )

    def _check_emptied(self, gone_there: int, gone_here: int, total: int) -> None:
        if self.allow_emptied or total < EMPTIED_MIN:
            return
        if gone_there * 2 > total:
            raise SyncRefused("emptied-there", gone_there, total)
        if gone_here * 2 > total:
            raise SyncRefused("emptied-here", gone_here, total)

    # --- pull ------------------------------------------------------------------------

    def _pull(
        self,
        coll: SyncCollection,
        remote: list[RemoteObject],
        local: dict[int, LocalObject],
        by_href: dict[str, SyncItem],
        by_uid: dict[str, SyncItem],
    ) -> None:
        linked_ids = {i.local_id for i in by_uid.values() if i.local_id is not None}
        local_by_uid = {o.uid: o for o in local.values() if o.uid and o.id not in linked_ids}
        unlinked = {o.id for o in local.values() if o.id not in linked_ids}
        times = self.adapter.field_times(
            [
                i.local_id
                for r in remote
                if (i := by_href.get(r.href) or by_uid.get(r.uid)) and i.local_id is not None
            ]
        )
        total = len(remote)
        for start in range(0, total, BATCH):
            self.progress("merging", start, total)
            batch = remote[start : start + BATCH]
            with database.atomic(lock_type="IMMEDIATE"):
                creates: list[RemoteObject] = []
                updates: list[tuple[int, Fields]] = []
                for obj in batch:
                    item = by_href.get(obj.href) or by_uid.get(obj.uid)
                    if item is not None and item.remote_deleted:
                        item.remote_deleted = False  # the server has it again
                    if item is not None and item.local_id in local:
                        self._pull_known(coll, item, obj, local[item.local_id], times, updates)
                        continue
                    if item is not None and item.local_id is None and item.href:
                        continue  # deleted here: the delete goes there (step 6)
                    target = local_by_uid.get(obj.uid)
                    if target is None:
                        found = self.adapter.match(obj.fields, unlinked)
                        target = local.get(found) if found is not None else None
                    if target is not None and target.id in unlinked:
                        unlinked.discard(target.id)
                        local_by_uid.pop(target.uid, None)
                        self.report.linked += 1
                        self._pull_link(coll, item, obj, target, updates)
                        continue
                    twin = self.adapter.duplicate(obj.fields, set(local) - unlinked)
                    if item is None and twin is not None and twin in local:
                        self._fold_duplicate(obj, local[twin], updates)
                    else:
                        creates.append(obj)
                if updates:
                    combined: dict[int, Fields] = {}
                    for cid, changed in updates:
                        combined.setdefault(cid, {}).update(changed)
                    self.adapter.update(list(combined.items()))
                    self._touched.update(combined)
                if creates:
                    ids = self.adapter.create([(o.uid, o.fields) for o in creates])
                    self._touched.update(ids)
                    for obj, cid in zip(creates, ids, strict=True):
                        self._save(
                            coll, by_uid.get(obj.uid), cid, obj.uid, obj.href, obj.etag, obj.fields
                        )
                        local[cid] = LocalObject(cid, obj.uid, obj.fields)
                        self.report.pulled += 1

    def _pull_known(
        self,
        coll: SyncCollection,
        item: SyncItem,
        obj: RemoteObject,
        current: LocalObject,
        times: dict[int, dict[str, str]],
        updates: list[tuple[int, Fields]],
    ) -> None:
        base = json.loads(item.base) if item.base else None
        sets = self.adapter.set_fields
        if base is not None and comparable(base, sets) == comparable(obj.fields, sets):
            # Only the bytes changed (a server reordering properties): not a change.
            database.execute_sql(
                "UPDATE sync_item SET href = ?, etag = ? WHERE id = ?",
                [obj.href, obj.etag, item.id],
            )
            return
        result, changed = self._merge(base, current, obj, item.uid, times.get(current.id, {}))
        if changed:
            updates.append((current.id, changed))
            current.fields = result.merged
            self.report.pulled += 1
        # What the server holds is the new base; a merged result that differs from it is
        # pushed in step 5 (the local object now differs from the base).
        self._save(coll, item, current.id, obj.uid, obj.href, obj.etag, obj.fields)

    def _fold_duplicate(
        self, obj: RemoteObject, target: LocalObject, updates: list[tuple[int, Fields]]
    ) -> None:
        """A new card of someone who has a card already (another client added them again):
        its fields go into the contact, the card is deleted there; the contact's own card
        gets the merged fields in the push. Nobody appears twice, nothing is lost."""
        result, changed = self._merge(None, target, obj, target.uid)
        if changed:
            updates.append((target.id, changed))
            target.fields = result.merged
            self.report.pulled += 1
        self.report.linked += 1
        self._duplicates.append((obj.href, obj.etag))

    def _pull_link(
        self,
        coll: SyncCollection,
        item: SyncItem | None,
        obj: RemoteObject,
        target: LocalObject,
        updates: list[tuple[int, Fields]],
    ) -> None:
        result, changed = self._merge(None, target, obj, obj.uid)
        if target.uid != obj.uid:
            changed["uid"] = obj.uid  # the card's UID names this contact from now on
        if changed:
            updates.append((target.id, changed))
            target.fields = result.merged
            self.report.pulled += 1
        target.uid = obj.uid
        self._save(coll, item, target.id, obj.uid, obj.href, obj.etag, obj.fields)

    def _merge(
        self,
        base: Fields | None,
        local: LocalObject,
        remote: RemoteObject,
        uid: str,
        local_times: dict[str, str] | None = None,
    ) -> tuple[MergeResult, Fields]:
        """Merge ``remote`` into ``local`` three ways, record the conflicts under ``uid``;
        the result and what it changes in the local object."""
        result = merge3(
            base,
            local.fields,
            remote.fields,
            set_fields=self.adapter.set_fields,
            set_key=self.adapter.set_key,
            local_times=local_times,
            local_default_time=self.adapter.default_time(local.id),
            remote_time=remote.time or _utc_now(),
        )
        self._record(uid, local.id, result.conflicts)
        return result, self._changed(local.fields, result.merged)

    def _changed(self, have: Fields, merged: Fields) -> Fields:
        sets = self.adapter.set_fields
        old, new = comparable(have, sets), comparable(merged, sets)
        return {k: merged[k] for k in merged if old.get(k) != new[k]}

    def _save(
        self,
        coll: SyncCollection,
        item: SyncItem | None,
        local_id: int | None,
        uid: str,
        href: str | None,
        etag: str | None,
        base: Fields,
    ) -> None:
        digest, text = content_hash(base), _dumps(base)
        if item is not None and item.uid != uid:  # the card at this href changed its UID
            database.execute_sql(
                "UPDATE sync_item SET local_id = ?, uid = ?, href = ?, etag = ?, hash = ?, "
                "base = ?, remote_deleted = 0 WHERE id = ?",
                [local_id, uid, href, etag, digest, text, item.id],
            )
            return
        # Plain SQL: the ORM's statement building was half of a 10,000-card first sync.
        database.execute_sql(
            "INSERT INTO sync_item (collection_id, kind, local_id, uid, href, etag, hash, base, "
            "remote_deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0) "
            "ON CONFLICT (collection_id, uid) DO UPDATE SET local_id = excluded.local_id, "
            "href = excluded.href, etag = excluded.etag, hash = excluded.hash, "
            "base = excluded.base, remote_deleted = 0",
            [coll.id, self.adapter.kind, local_id, uid, href, etag, digest, text],
        )

    def _record(self, uid: str, local_id: int | None, conflicts: list[FieldConflict]) -> None:
        for c in conflicts:
            SyncConflict.create(
                account=self.account.id,
                object=self.adapter.object_name,
                uid=uid,
                local_id=local_id,
                field=c.field,
                kept=_dumps(c.kept),
                other=_dumps(c.other),
            )
            self.report.conflicts.append(
                ConflictRecord(self.adapter.object_name, uid, local_id, c.field, c.kept, c.other)
            )

    # --- push ------------------------------------------------------------------------

    def _push(
        self, coll: SyncCollection, items: list[SyncItem], local: dict[int, LocalObject]
    ) -> None:
        # ``local`` holds what the pull wrote (merged fields, new objects): no reload.
        self._local_ids = set(local)
        sets = self.adapter.set_fields
        by_local = {i.local_id: i for i in items if i.local_id is not None}
        todo: list[tuple[LocalObject, SyncItem | None]] = []
        for obj in local.values():
            item = by_local.get(obj.id)
            if item is None:
                todo.append((obj, None))
            elif item.remote_deleted:
                if self.adapter.revived(obj.fields):
                    todo.append((obj, item))  # brought back here: a new card there
                # else deleted there, archived here: never pushed back
            elif not item.base or comparable(json.loads(item.base), sets) != comparable(
                obj.fields, sets
            ):
                todo.append((obj, item))
        if not todo:
            return
        missing = [obj.id for obj, _ in todo if not obj.uid]
        if missing:
            with database.atomic(lock_type="IMMEDIATE"):
                uids = self.adapter.ensure_uids(missing)
            for obj, _ in todo:
                obj.uid = obj.uid or uids[obj.id]
        total = len(todo)
        pending: list[tuple[SyncItem | None, LocalObject, str, str]] = []
        try:
            with ThreadPoolExecutor(PUT_WORKERS, "allies-put") as pool:
                for start in range(0, total, PUT_CHUNK):
                    self.progress("uploading", start, total)
                    chunk = todo[start : start + PUT_CHUNK]
                    self._put_chunk(coll, pool, chunk, pending)
                    self._save_pushed(coll, pending)
        finally:  # what reached the server is remembered, even when the server fails now
            self._save_pushed(coll, pending)

    def _put_chunk(
        self,
        coll: SyncCollection,
        pool: ThreadPoolExecutor,
        chunk: list[tuple[LocalObject, SyncItem | None]],
        pending: list[tuple[SyncItem | None, LocalObject, str, str]],
    ) -> None:
        """PUT a chunk a few at a time (the server's latency overlaps), then settle the
        412s one by one here (they read, merge and write the database)."""
        futures = [
            (obj, item, self._submit(pool, self._put_plain, self._href_etag(obj, item), obj))
            for obj, item in chunk
        ]
        retry: list[tuple[LocalObject, SyncItem | None]] = []
        busy: list[tuple[LocalObject, SyncItem | None]] = []
        failure: DavError | None = None
        for obj, item, future in futures:
            try:
                href, etag = future.result()
            except DavError as exc:
                if exc.code == "precondition-failed":
                    retry.append((obj, item))
                elif exc.code == "busy":
                    busy.append((obj, item))
                elif failure is None:
                    failure = exc
                continue
            self._pushed(obj, item, href, etag, pending)
        if busy:
            # The server takes one write at a time (Xandikos answers 423 Locked): these
            # again, and from now on one PUT after the other.
            self._serial = True
            for obj, item in busy:
                try:
                    href, etag = self._put_plain(self._href_etag(obj, item), obj)
                except DavError as exc:
                    if exc.code == "precondition-failed":
                        retry.append((obj, item))
                    elif failure is None:
                        failure = exc
                    continue
                self._pushed(obj, item, href, etag, pending)
        if failure is not None:
            raise failure
        for obj, item in retry:
            done = self._put(coll, obj, item)
            if done is not None:
                pending.append((item, obj, *done))

    def _pushed(
        self,
        obj: LocalObject,
        item: SyncItem | None,
        href: str,
        etag: str,
        pending: list[tuple[SyncItem | None, LocalObject, str, str]],
    ) -> None:
        self.report.pushed += 1
        self._touched.add(obj.id)
        pending.append((item, obj, href, etag))

    def _submit(self, pool: ThreadPoolExecutor, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        if not self._serial:
            return pool.submit(fn, *args)
        done: Future[Any] = Future()
        try:
            done.set_result(fn(*args))
        except Exception as exc:  # delivered where the result is read, as a worker's
            done.set_exception(exc)
        return done

    def _href_etag(self, obj: LocalObject, item: SyncItem | None) -> tuple[str, str | None]:
        if item is not None and item.href:
            return item.href, item.etag
        return self._new_href(obj.uid), None

    def _client(self) -> DavClient:
        """This thread's client (a requests session is not shared between threads)."""
        client = getattr(self._threads, "client", None)
        if client is None:
            client = self.client.clone()
            self._threads.client = client
            self._clones.append(client)
        return client

    def _put_plain(self, target: tuple[str, str | None], obj: LocalObject) -> tuple[str, str]:
        """One conditional PUT (no database here: it runs on the upload threads)."""
        href, etag = target
        client = self._client()
        body = self.adapter.serialize(obj.uid, obj.fields, None)
        new_etag = client.put(href, body, self.adapter.content_type, etag=etag)
        return href, new_etag or client.etag_of(href)

    def _save_pushed(
        self, coll: SyncCollection, pending: list[tuple[SyncItem | None, LocalObject, str, str]]
    ) -> None:
        if not pending:
            return
        with database.atomic(lock_type="IMMEDIATE"):
            for item, obj, href, etag in pending:
                self._save(coll, item, obj.id, obj.uid, href, etag, obj.fields)
        pending.clear()

    def _new_href(self, uid: str) -> str:
        """A name made from the UID alone, so a repeated first PUT meets its own copy."""
        bare = uid[9:] if uid.lower().startswith("urn:uuid:") else uid
        if not _SAFE_NAME.fullmatch(bare):
            bare = hashlib.sha1(uid.encode("utf-8")).hexdigest()
        return self.url.rstrip("/") + "/" + bare + self.adapter.extension

    def _put(
        self, coll: SyncCollection, obj: LocalObject, item: SyncItem | None
    ) -> tuple[str, str] | None:
        """Settle a PUT that met a 412: the resource changed (or was created) there since
        we looked. Read it, merge again, write with its ETag (a few times at most).
        Returns (href, etag), or None when it must wait for the next run."""
        href, etag = self._href_etag(obj, item)
        for _ in range(PUT_RETRIES):
            try:
                fetched = self.client.get(href)
            except DavError as exc:
                if exc.code != "not-found" or item is None:
                    raise
                # Gone there since we last listed (a PUT with If-Match on a missing
                # resource answers 412): a delete there, as if the listing had said so.
                log.info("%s was deleted there meanwhile", href)
                self._deletes_there(coll, [href])
                return None
            remote = self._parsed(fetched)
            if remote is None:
                return None
            with database.atomic(lock_type="IMMEDIATE"):
                base = json.loads(item.base) if item is not None and item.base else None
                times = self.adapter.field_times([obj.id])
                result, changed = self._merge(base, obj, remote, obj.uid, times.get(obj.id, {}))
                if changed:
                    self.adapter.update([(obj.id, changed)])
                    self._touched.add(obj.id)
                    self.report.pulled += 1
                obj.fields = result.merged
                self._save(coll, item, obj.id, obj.uid, href, remote.etag, remote.fields)
                item = SyncItem.get((SyncItem.collection == coll.id) & (SyncItem.uid == obj.uid))
            if self._changed(remote.fields, result.merged) == {}:
                return href, remote.etag
            body = self.adapter.serialize(obj.uid, obj.fields, remote.data)
            try:
                new_etag = self.client.put(href, body, self.adapter.content_type, etag=remote.etag)
            except DavError as exc:
                if exc.code != "precondition-failed":
                    raise
                continue  # changed again meanwhile: once more
            self.report.pushed += 1
            self._touched.add(obj.id)
            return href, new_etag or self.client.etag_of(href)
        return None

    # --- deletes ---------------------------------------------------------------------

    def _deletes_there(self, coll: SyncCollection, gone: list[str]) -> None:
        """The server deleted these resources: let the adapter archive the objects."""
        if not gone:
            return
        with database.atomic(lock_type="IMMEDIATE"):
            rows = list(
                SyncItem.select().where(
                    (SyncItem.collection == coll.id) & (SyncItem.href.in_(gone))
                )
            )
            ids = [r.local_id for r in rows if r.local_id is not None]
            if ids:
                self.adapter.deleted_there(ids)
                self._touched.update(ids)
            for row in rows:
                if row.local_id is None:
                    row.delete_instance()
                else:
                    SyncItem.update(remote_deleted=True, href=None, etag=None).where(
                        SyncItem.id == row.id
                    ).execute()
            self.report.deleted_here += len(ids)

    def _deletes_here(self, coll: SyncCollection) -> None:
        """Local objects that are gone (merged away, deleted) and cards folded into a
        contact: delete their resources."""
        for href, etag in self._duplicates:
            try:
                self.client.delete(href, etag)
            except DavError as exc:
                if exc.code != "precondition-failed":
                    raise
                log.info("%s changed since it was read: kept for the next sync", href)
                continue
            self.report.deleted_there += 1
        existing = self._local_ids
        rows = [
            r
            for r in SyncItem.select().where(
                (SyncItem.collection == coll.id) & SyncItem.href.is_null(False)
            )
            if r.local_id is None or r.local_id not in existing
        ]
        for row in rows:
            try:
                self.client.delete(row.href, row.etag)
            except DavError as exc:
                if exc.code != "precondition-failed":
                    raise
                # Changed there since: still ours to delete (merged or deleted here).
                self.client.delete(row.href, self.client.etag_of(row.href) or None)
            with database.atomic(lock_type="IMMEDIATE"):
                row.delete_instance()
            self.report.deleted_there += 1

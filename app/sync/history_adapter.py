"""The history's adapters for the sync engine: one calendar "Allies", four kinds of object.

Interactions, standalone exchanges, follow-ups and goals live in one CalDAV calendar
(:func:`history_jobs` finds it, or creates it with MKCALENDAR, also when it was deleted on
the server). Each kind is one :class:`HistoryAdapter` and one engine run over the same
calendar, with its own sync state and sync-token; an adapter reads only the objects of its
kind (``X-ALLIES-OBJECT``) and leaves every other object alone — those of the other kinds,
and whatever another program put in the calendar.

Fields are those of :func:`app.sync.ical_map.fields`, contacts by their local UID: a
person the server names by another UID, or only by e-mail or name, is resolved to the
local contact when the object is read, so both sides compare the same values. An object
that names nobody known here (its contacts have not arrived yet) is skipped and read
again when it changes. When both sides changed the same field, the newer edit is kept
and the other recorded as the conflict (nothing is lost): each field's change time here
(:mod:`app.sync.history_times`) against the object's LAST-MODIFIED there, which Allies
writes as the object's last change here. A time a calendar app gave an event lives only
in the sync state (field ``time``, see :func:`_kept_times`) and is written again.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterable
from typing import Any

from app.changes import Changes
from app.derived import refresh_derived
from app.models import database
from app.sync import history_store as store
from app.sync import history_times
from app.sync.dav import DavClient, DavError, Fetched, Listing, normalize_href
from app.sync.engine import AdapterDefaults, CollectionSync, LocalObject, Parsed, Progress
from app.sync.ical_map import (
    EXCHANGE,
    FOLLOW_UP,
    GOAL,
    INTERACTION,
    OBJECT,
    ExchangeEvent,
    ExchangeItem,
    FollowUpTodo,
    GoalTodo,
    HistoryObject,
    InteractionEvent,
    Person,
    fields,
    parse_stamped,
    time_field,
    time_value,
    to_ical,
    with_fields,
)
from app.sync.merge import Fields
from app.sync.state import SyncAccount, SyncCollection, SyncItem

log = logging.getLogger(__name__)

CALENDAR_NAME = "Allies"
HISTORY_KINDS = (INTERACTION, EXCHANGE, FOLLOW_UP, GOAL)
_CHANGES = {
    INTERACTION: Changes(contact_list=True, interactions=True, exchanges=True),
    EXCHANGE: Changes(contact_list=True, exchanges=True),
    FOLLOW_UP: Changes(follow_ups=True),
    GOAL: Changes(goals=True),
}
_BLANK: dict[str, HistoryObject] = {
    INTERACTION: InteractionEvent("", dt.date(2000, 1, 1), "other"),
    EXCHANGE: ExchangeEvent(dt.date(2000, 1, 1), ExchangeItem("", Person(""), "gave", "help")),
    FOLLOW_UP: FollowUpTodo("", Person(""), dt.date(2000, 1, 1), ""),
    GOAL: GoalTodo("", ""),
}


def _moment(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        return None


def _utc(value: Any) -> str:
    if not isinstance(value, dt.datetime):
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _kept_times() -> dict[int, tuple[dt.datetime, dt.datetime]]:
    """The times calendar apps gave interactions, as last synced (the interaction itself
    keeps only its date): local id → (start, end)."""
    found = {}
    for local_id, value in database.execute_sql(
        "SELECT local_id, json_extract(base, '$.time') FROM sync_item "
        "WHERE kind = ? AND local_id IS NOT NULL AND instr(base, '\"time\":') > 0",
        [INTERACTION],
    ):
        timed = time_value(json.loads(value)) if value else None
        if timed is not None:
            found[local_id] = timed
    return found


class HistoryAdapter(AdapterDefaults):
    """One kind of history object ↔ its events or tasks in the calendar.

    No first-sync matching (the UID is the object), per-field change times from
    ``history_field_time``, plain sets of contact UIDs.
    """

    content_type = "text/calendar; charset=utf-8"
    extension = ".ics"
    set_fields = frozenset({"participants", "allies"})

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.object_name = kind
        self._resolver = store.ContactResolver()
        self._people_cache: dict[int, Person] = {}
        self._modified: dict[str, dt.datetime | None] = {}
        self._mine = re.compile(rf"^{OBJECT}:{re.escape(kind)}\r?$", re.M | re.I)

    # --- reading ---------------------------------------------------------------------

    def local_objects(self) -> dict[int, LocalObject]:
        store.ensure_contact_uids()
        found = {
            o.local_id: LocalObject(o.local_id, o.obj.uid, fields(o.obj))
            for o in store.local_objects(self.kind)
        }
        # An object written there says when it last changed here (its LAST-MODIFIED), so
        # that another installation compares edit times, not upload times.
        self._modified = {
            found[local_id].uid: _moment(when)
            for local_id, when in history_times.last_changes(self.kind).items()
            if local_id in found and _moment(when) is not None
        }
        if self.kind == INTERACTION:
            for local_id, timed in _kept_times().items():
                obj = found.get(local_id)
                if obj is not None:
                    obj.fields["time"] = time_field(
                        timed, dt.date.fromisoformat(obj.fields["date"])
                    )
        return found

    def ensure_uids(self, ids: list[int]) -> dict[int, str]:
        table = store.TABLES[self.kind]
        found: dict[int, str] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                database.execute_sql(f"SELECT id, uid FROM {table} WHERE id IN ({marks})", chunk)
            )
        return found

    def parse(self, data: str) -> Parsed | None:
        if not self._mine.search(data):
            return None  # another kind, or not Allies': not even parsed
        obj, stamp = parse_stamped(data)
        if obj is None or obj.object != self.kind:
            return None
        obj = self._localized(obj)
        if obj is None:
            return None
        return Parsed(obj.uid, fields(obj), _utc(stamp))

    def _local(self, person: Person) -> Person | None:
        contact_id = self._resolver.contact_id(person)
        if contact_id is None:
            return None
        if contact_id not in self._people_cache:
            self._people_cache.update(store.people([contact_id]))
        return self._people_cache[contact_id]

    def _localized(self, obj: HistoryObject) -> HistoryObject | None:
        """The object with its people named by local UIDs; None when it names nobody here."""
        from dataclasses import replace

        if isinstance(obj, InteractionEvent):
            found = [p for p in map(self._local, obj.participants) if p is not None]
            if not found:
                return None
            items = []
            for item in obj.exchanges:
                person = self._local(item.contact)
                if person is not None:
                    items.append(replace(item, contact=person))
            return replace(obj, participants=tuple(found), exchanges=tuple(items))
        if isinstance(obj, ExchangeEvent):
            person = self._local(obj.exchange.contact)
            if person is None:
                return None
            return replace(obj, exchange=replace(obj.exchange, contact=person))
        if isinstance(obj, FollowUpTodo):
            person = self._local(obj.contact)
            return None if person is None else replace(obj, contact=person)
        allies = tuple(p for p in map(self._local, obj.allies) if p is not None)
        return replace(obj, allies=allies)

    # --- writing ---------------------------------------------------------------------

    def _object(self, uid: str, values: Fields) -> HistoryObject:
        from dataclasses import replace

        blank = _BLANK[self.kind]
        blank = (
            replace(blank, exchange=replace(blank.exchange, uid=uid))
            if isinstance(blank, ExchangeEvent)
            else replace(blank, uid=uid)
        )
        return with_fields(blank, values, self._people(values))

    def _people(self, values: Fields) -> list[Person]:
        uids: set[str] = set(values.get("participants") or []) | set(values.get("allies") or [])
        for value in values.values():
            if isinstance(value, dict) and value.get("contact"):
                uids.add(value["contact"])
        if values.get("contact"):
            uids.add(values["contact"])
        ids = [cid for cid in (self._resolver.contact_id(Person(u)) for u in uids) if cid]
        missing = [cid for cid in ids if cid not in self._people_cache]
        if missing:
            self._people_cache.update(store.people(missing))
        return [self._people_cache[cid] for cid in ids if cid in self._people_cache]

    def serialize(self, uid: str, values: Fields, previous: str | None) -> str:
        return to_ical(self._object(uid, values), modified=self._modified.get(uid))

    def field_times(self, ids: Iterable[int]) -> dict[int, dict[str, str]]:
        return history_times.field_times(self.kind, ids)

    def create(self, items: list[tuple[str, Fields]]) -> list[int]:
        ids: dict[int, int] = {}
        touched: set[int] = set()
        news = store.NewFacts()
        existing = store.find_many(self.kind, [uid for uid, _ in items])
        # In date order: the timeline's search index keys rows by date, and SQLite's FTS5
        # writes its pending entries out whenever a key is smaller than the last one.
        order = sorted(range(len(items)), key=lambda n: str(items[n][1].get("date") or ""))
        for n in order:
            uid, values = items[n]
            obj = self._object(uid, values)
            ids[n] = store.apply(obj, existing.get(uid), self._resolver, touched, news)
        news.add()
        if touched:
            refresh_derived(touched)
        return [ids[n] for n in range(len(items))]

    def update(self, items: list[tuple[int, Fields]]) -> None:
        touched: set[int] = set()
        for local_id, changed in items:
            if set(changed) <= {"time"}:
                continue  # the time lives in the sync state alone
            current = store.load(self.kind, local_id)
            if current is None:
                continue
            values = {**fields(current), **changed}
            if self.kind == INTERACTION:
                values = {k: v for k, v in values.items() if v is not None}
            store.apply(self._object(current.uid, values), local_id, self._resolver, touched)
        if touched:
            refresh_derived(touched)

    def deleted_there(self, ids: list[int]) -> None:
        for local_id in ids:
            store.remove(self.kind, local_id)

    def changes(self, ids: set[int]) -> Changes:
        return _CHANGES[self.kind] if ids else Changes()


# --- the calendar ------------------------------------------------------------------------


def _mkcalendar(client: DavClient, href: str) -> None:
    body = (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>'
        f"<D:displayname>{CALENDAR_NAME}</D:displayname>"
        '<C:supported-calendar-component-set><C:comp name="VEVENT"/><C:comp name="VTODO"/>'
        "</C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>"
    )
    try:
        client.request(
            "MKCALENDAR",
            href,
            body=body,
            headers={"Content-Type": "application/xml; charset=utf-8"},
            ok=(200, 201),
        )
    except DavError as exc:
        if exc.status not in (403, 405, 501):
            raise
        client.make_collection(href, "calendar", CALENDAR_NAME)  # extended MKCOL


def _known_url(account: SyncAccount) -> str:
    row = (
        SyncCollection.select(SyncCollection.url)
        .where((SyncCollection.account == account.id) & SyncCollection.kind.in_(HISTORY_KINDS))
        .first()
    )
    return row.url if row is not None else ""


def _calendar_home(account: SyncAccount, client: DavClient) -> str:
    if account.calendar_home:
        return account.calendar_home
    principal = account.principal_url or client.discover_principal("caldav")
    home = client.home_set(principal, "caldav")
    with database.atomic(lock_type="IMMEDIATE"):
        SyncAccount.update(calendar_home=home).where(SyncAccount.id == account.id).execute()
    return home


def _forget_state(account: SyncAccount, url: str) -> None:
    """The calendar was deleted there: everything here goes up again as new."""
    with database.atomic(lock_type="IMMEDIATE"):
        colls = [
            c.id
            for c in SyncCollection.select(SyncCollection.id).where(
                (SyncCollection.account == account.id) & (SyncCollection.url == url)
            )
        ]
        if colls:
            SyncItem.delete().where(SyncItem.collection.in_(colls)).execute()
            SyncCollection.update(sync_token="", ctag="").where(
                SyncCollection.id.in_(colls)
            ).execute()


def _is_calendar(client: DavClient, url: str) -> bool:
    """Whether ``url`` is a calendar (a deleted one answers 404, or 207 with a 404 inside)."""
    from app.sync.dav import _el

    try:
        responses = client.propfind(url, ["d:resourcetype"])
    except DavError as exc:
        if exc.code == "not-found":
            return False
        raise
    for response in responses:
        rtype = response.props.get(_el("d:resourcetype"))
        if response.status != 404 and rtype is not None:
            if rtype.find(_el("cal:calendar")) is not None:
                return True
    return False


def _calendars(client: DavClient, home: str) -> list[tuple[str, str]]:
    """(URL, display name) of the calendars in a home: no CTags or sync-tokens asked, which
    a server computes over every object of every collection (seconds for a big one)."""
    from app.sync.dav import _el

    found = []
    for response in client.propfind(home, ["d:resourcetype", "d:displayname"], depth="1"):
        rtype = response.props.get(_el("d:resourcetype"))
        if rtype is None or rtype.find(_el("cal:calendar")) is None:
            continue
        name = response.props.get(_el("d:displayname"))
        found.append((response.href, (name.text or "") if name is not None else ""))
    return found


def ensure_calendar(account: SyncAccount, client: DavClient) -> str:
    """The URL of the account's "Allies" calendar, created when it is missing."""
    url = _known_url(account)
    if url:
        if _is_calendar(client, url):
            return url
        log.warning("calendar %s was deleted on the server: creating it again", url)
        _mkcalendar(client, url)
        _forget_state(account, url)
        return url
    home = _calendar_home(account, client)
    for href, name in _calendars(client, home):
        if name == CALENDAR_NAME:
            return href
    url = normalize_href(client.absolute(home.rstrip("/") + "/allies/"))
    _mkcalendar(client, url)
    return url


class SharedFetches:
    """The account's client, with what one run listed and fetched kept for the next runs.

    The four kinds share one calendar: each run lists it and fetches what changed, and
    without this the calendar would be listed and downloaded four times. What a later run
    gets from here is at most one account sync old, and only ever older: a listing from
    before another run's writes lists objects of that other kind (skipped), and a token
    from before them makes the next sync list them again (skipped again); nothing of the
    run's own kind is missed. An object another run fetched was current a moment ago (its
    ETag is what the state keeps; a later change shows as a new ETag at the next sync).
    """

    def __init__(self, client: DavClient) -> None:
        self._client = client
        self._fetched: dict[str, Fetched] = {}
        self._states: dict[str, tuple[str, str]] = {}
        self._listings: dict[tuple[str, str], Listing] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    def clone(self) -> SharedFetches:
        """A client for another thread (the engine downloads on several) with the same
        memory: dict reads and writes are atomic, and a race only fetches twice."""
        twin = SharedFetches(self._client.clone())
        twin._fetched, twin._states, twin._listings = self._fetched, self._states, self._listings
        return twin

    def collection_state(self, href: str) -> tuple[str, str]:
        key = normalize_href(href)
        if key not in self._states:
            self._states[key] = self._client.collection_state(href)
        return self._states[key]

    def sync_collection(self, href: str, token: str) -> Listing:
        key = (normalize_href(href), token)
        if key not in self._listings:
            self._listings[key] = self._client.sync_collection(href, token)
        return self._listings[key]

    def multiget(self, href: str, hrefs: list[str], kind: str = "calendar") -> list[Fetched]:
        missing = [h for h in hrefs if normalize_href(h) not in self._fetched]
        if missing:
            for fetched in self._client.multiget(href, missing, kind):
                self._fetched[normalize_href(fetched.href)] = fetched
        found = (self._fetched.get(normalize_href(h)) for h in hrefs)
        return [f for f in found if f is not None]

    def put(self, href: str, *args: Any, **kwargs: Any) -> str:
        self._fetched.pop(normalize_href(href), None)
        return self._client.put(href, *args, **kwargs)


def history_jobs(
    account: SyncAccount, client: DavClient, progress: Progress | None, allow_emptied: bool
) -> list[CollectionSync]:
    """The engine runs that sync the history (none when the account does not send it)."""
    if not account.sync_history:
        return []
    url = ensure_calendar(account, client)
    shared: Any = SharedFetches(client)
    return [
        CollectionSync(
            shared,
            account,
            url,
            HistoryAdapter(kind),
            dav_kind="calendar",
            allow_emptied=allow_emptied,
            progress=progress,
        )
        for kind in HISTORY_KINDS
    ]

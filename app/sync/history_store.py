"""The local side of the history sync: database rows ↔ :mod:`app.sync.ical_map` objects.

:func:`local_objects` reads every interaction, standalone exchange, open or done
follow-up (snoozes ride on the contact, never as tasks) and goal as an object, in bulk;
:func:`apply` writes an object that came from the server (create or update, keeping its
uid), :func:`remove` deletes one. Contacts are named by their uid; a person the server
names is found here by uid, then e-mail, then exact name (:class:`ContactResolver`). Every
write refreshes the derived values of the contacts it touches, inside the caller's
transaction (the sync writes the object and its sync state in one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from app.derived import add_to_derived, refresh_derived
from app.models import (
    Exchange,
    FollowUp,
    FollowUpKind,
    Goal,
    GoalContact,
    Interaction,
    InteractionKind,
    Participant,
    database,
    now,
)
from app.sync.ical_map import (
    EXCHANGE,
    FOLLOW_UP,
    GOAL,
    INTERACTION,
    ExchangeEvent,
    ExchangeItem,
    FollowUpTodo,
    GoalTodo,
    HistoryObject,
    InteractionEvent,
    Person,
)

_CHUNK = 500
_EXCHANGE_KINDS = {"information", "advice", "help", "introduction", "recommendation", "favour",
                   "gift"}  # fmt: skip
_DIRECTIONS = {"gave", "received"}


TABLES = {INTERACTION: "interaction", EXCHANGE: "exchange", FOLLOW_UP: "follow_up",
          GOAL: "goal"}  # fmt: skip


class Unresolved(Exception):
    """An object names no contact that exists here (yet): it is left for a later sync."""


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _has_origin() -> bool:
    """``interaction.origin`` is added by the capture work; carried when present."""
    return "origin" in Interaction._meta.fields


# --- contacts ----------------------------------------------------------------------------


def ensure_contact_uids() -> int:
    """Give every contact without a uid one (objects name contacts by uid), as the
    export and the contacts' sync do."""
    from app.interchange.selection import ensure_uids

    missing = [
        r[0] for r in database.execute_sql("SELECT id FROM contact WHERE uid IS NULL OR uid = ''")
    ]
    if missing:
        with database.atomic(lock_type="IMMEDIATE"):
            ensure_uids(missing)
    return len(missing)


def people(contact_ids: Iterable[int]) -> dict[int, Person]:
    """Contacts as objects name them: uid, name and first e-mail."""
    ids = sorted(set(contact_ids))
    result: dict[int, Person] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        emails: dict[int, str] = {}
        for cid, address in database.execute_sql(
            f"SELECT contact_id, address FROM email_address WHERE contact_id IN ({marks}) "
            "ORDER BY contact_id, position DESC, id DESC",
            chunk,
        ):
            emails[cid] = address
        for cid, uid, name in database.execute_sql(
            f"SELECT id, uid, formatted_name FROM contact WHERE id IN ({marks})", chunk
        ):
            result[cid] = Person(uid or "", name, emails.get(cid, ""))
    return result


class ContactResolver:
    """Finds the local contact a server object names: by uid, else e-mail, else name."""

    def __init__(self) -> None:
        self._by_uid: dict[str, int] = {}

    def contact_id(self, person: Person) -> int | None:
        if person.uid:
            if person.uid in self._by_uid:
                return self._by_uid[person.uid]
            bare = person.uid[9:] if person.uid.lower().startswith("urn:uuid:") else person.uid
            row = database.execute_sql(
                "SELECT id FROM contact WHERE uid IN (?, ?, ?) ORDER BY archived, id LIMIT 1",
                [person.uid, bare, f"urn:uuid:{bare}"],
            ).fetchone()
            if row:
                self._by_uid[person.uid] = row[0]
                return int(row[0])
        if person.email:
            row = database.execute_sql(
                "SELECT c.id FROM email_address e JOIN contact c ON c.id = e.contact_id "
                "WHERE e.address = ? COLLATE NOCASE ORDER BY c.archived, c.id LIMIT 1",
                [person.email],
            ).fetchone()
            if row:
                return int(row[0])
        if person.name:
            rows = database.execute_sql(
                "SELECT id FROM contact WHERE formatted_name = ? COLLATE NOCASE "
                "ORDER BY archived, id LIMIT 2",
                [person.name.strip()],
            ).fetchall()
            if len(rows) == 1:
                return int(rows[0][0])
        return None

    def contact_ids(self, persons: Iterable[Person]) -> list[int]:
        found = (self.contact_id(p) for p in persons)
        return list(dict.fromkeys(cid for cid in found if cid is not None))


# --- reading -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LocalObject:
    kind: str
    local_id: int
    obj: HistoryObject


def local_objects(kind: str, ids: Sequence[int] | None = None) -> Iterator[LocalObject]:
    """Every local object of ``kind`` (or only those ``ids``), read in bulk."""
    reader = {
        INTERACTION: _interactions,
        EXCHANGE: _exchanges,
        FOLLOW_UP: _follow_ups,
        GOAL: _goals,
    }[kind]
    if ids is None:
        table = TABLES[kind]
        where = {
            EXCHANGE: " WHERE interaction_id IS NULL",
            FOLLOW_UP: f" WHERE kind = '{FollowUpKind.TODO.value}'",
        }.get(kind, "")
        ids = [r[0] for r in database.execute_sql(f"SELECT id FROM {table}{where} ORDER BY id")]
    for start in range(0, len(ids), _CHUNK):
        yield from reader(list(ids[start : start + _CHUNK]))


def load(kind: str, local_id: int) -> HistoryObject | None:
    found = list(local_objects(kind, [local_id]))
    return found[0].obj if found else None


def _marks(ids: Sequence[int]) -> str:
    return ",".join("?" * len(ids))


def _exchange_item(row: Sequence, who: dict[int, Person]) -> ExchangeItem:
    uid, contact_id, direction, kind, description, weight, outcome, thanked = row
    return ExchangeItem(
        uid=uid,
        contact=who.get(contact_id, Person("")),
        direction=direction,
        kind=kind,
        description=description,
        weight=int(weight),
        outcome=outcome,
        thanked=bool(thanked),
    )


def _interactions(ids: list[int]) -> Iterator[LocalObject]:
    marks = _marks(ids)
    origin = ", origin" if _has_origin() else ", ''"
    rows = database.execute_sql(
        f"SELECT id, uid, occurred_on, kind, summary, notes{origin} FROM interaction "
        f"WHERE id IN ({marks})",
        ids,
    ).fetchall()
    parts: dict[int, list[int]] = {}
    for iid, cid in database.execute_sql(
        f"SELECT interaction_id, contact_id FROM participant WHERE interaction_id IN ({marks})",
        ids,
    ):
        parts.setdefault(iid, []).append(cid)
    trades: dict[int, list[tuple]] = {}
    for iid, *row in database.execute_sql(
        "SELECT interaction_id, uid, contact_id, direction, kind, description, weight, outcome, "
        f"thanked FROM exchange WHERE interaction_id IN ({marks})",
        ids,
    ):
        trades.setdefault(iid, []).append(tuple(row))
    who = people(
        [c for cs in parts.values() for c in cs] + [t[1] for ts in trades.values() for t in ts]
    )
    for iid, uid, day, kind, summary, notes, origin_key in rows:
        yield LocalObject(
            INTERACTION,
            iid,
            InteractionEvent(
                uid=uid,
                occurred_on=_date(day),
                kind=kind,
                summary=summary,
                notes=notes,
                participants=tuple(who[c] for c in parts.get(iid, []) if c in who),
                exchanges=tuple(_exchange_item(t, who) for t in trades.get(iid, [])),
                origin=origin_key or "",
            ),
        )


def _exchanges(ids: list[int]) -> Iterator[LocalObject]:
    rows = database.execute_sql(
        "SELECT id, occurred_on, uid, contact_id, direction, kind, description, weight, outcome, "
        f"thanked FROM exchange WHERE id IN ({_marks(ids)}) AND interaction_id IS NULL",
        ids,
    ).fetchall()
    who = people(r[3] for r in rows)
    for xid, day, *row in rows:
        yield LocalObject(EXCHANGE, xid, ExchangeEvent(_date(day), _exchange_item(row, who)))


def _follow_ups(ids: list[int]) -> Iterator[LocalObject]:
    rows = database.execute_sql(
        "SELECT id, uid, contact_id, due_on, text, done FROM follow_up "
        f"WHERE id IN ({_marks(ids)}) AND kind = ?",
        [*ids, FollowUpKind.TODO.value],
    ).fetchall()
    who = people(r[2] for r in rows)
    for fid, uid, cid, due, text, done in rows:
        obj = FollowUpTodo(uid, who.get(cid, Person("")), _date(due), text, bool(done))
        yield LocalObject(FOLLOW_UP, fid, obj)


def _goals(ids: list[int]) -> Iterator[LocalObject]:
    marks = _marks(ids)
    rows = database.execute_sql(
        "SELECT id, uid, title, description, target_date, achieved FROM goal "
        f"WHERE id IN ({marks})",
        ids,
    ).fetchall()
    links: dict[int, list[int]] = {}
    for gid, cid in database.execute_sql(
        f"SELECT goal_id, contact_id FROM goal_contact WHERE goal_id IN ({marks})", ids
    ):
        links.setdefault(gid, []).append(cid)
    who = people(c for cs in links.values() for c in cs)
    for gid, uid, title, description, target, achieved in rows:
        obj = GoalTodo(
            uid=uid,
            title=title,
            description=description,
            target_date=_date(target) if target else None,
            achieved=bool(achieved),
            allies=tuple(who[c] for c in links.get(gid, []) if c in who),
        )
        yield LocalObject(GOAL, gid, obj)


# --- writing -----------------------------------------------------------------------------


def find_local(kind: str, uid: str) -> int | None:
    """The local id of the object with this uid (a standalone exchange only as such)."""
    return find_many(kind, [uid]).get(uid)


def find_many(kind: str, uids: Sequence[str]) -> dict[str, int]:
    """:func:`find_local` of many uids at once: uid → local id, for those found."""
    table = TABLES[kind]
    found: dict[str, int] = {}
    for start in range(0, len(uids), _CHUNK):
        chunk = list(uids[start : start + _CHUNK])
        found.update(
            (uid, int(local_id))
            for local_id, uid in database.execute_sql(
                f"SELECT id, uid FROM {table} WHERE uid IN ({_marks(chunk)})", chunk
            )
        )
    return found


@dataclass
class NewFacts:
    """What newly created interactions and exchanges add to the derived values, for
    :func:`app.derived.add_to_derived` once per batch (cheaper than refreshing)."""

    last: dict[int, dt.date] = field(default_factory=dict)
    balance: dict[int, int] = field(default_factory=dict)

    def met(self, contact_id: int, day: dt.date) -> None:
        if contact_id not in self.last or self.last[contact_id] < day:
            self.last[contact_id] = day

    def traded(self, contact_id: int, direction: str, weight: int) -> None:
        delta = weight if direction == "gave" else -weight
        self.balance[contact_id] = self.balance.get(contact_id, 0) + delta

    def add(self) -> None:
        if self.last or self.balance:
            add_to_derived(self.last, self.balance)
        self.last.clear()
        self.balance.clear()


def apply(
    obj: HistoryObject,
    local_id: int | None,
    resolver: ContactResolver,
    touched: set[int] | None = None,
    news: NewFacts | None = None,
) -> int:
    """Create (``local_id`` None) or overwrite the local object; returns its id.

    The derived values of the contacts it touches are refreshed before it returns, or,
    when the caller passes a ``touched`` set, added to it for the caller to refresh once
    for a whole batch (in the same transaction); with ``news`` too, what a created object
    adds goes there instead (for :meth:`NewFacts.add`). Raises :class:`Unresolved` when it
    names no contact known here.
    """
    contacts: set[int] = set()
    new = news if touched is not None and local_id is None else None
    with database.atomic(lock_type="IMMEDIATE"):
        if isinstance(obj, InteractionEvent):
            result = _apply_interaction(obj, local_id, resolver, contacts, new)
        elif isinstance(obj, ExchangeEvent):
            result = _apply_exchange(obj, local_id, resolver, contacts, new)
        elif isinstance(obj, FollowUpTodo):
            result = _apply_follow_up(obj, local_id, resolver)
        else:
            result = _apply_goal(obj, local_id, resolver)
        if touched is None:
            if contacts:
                refresh_derived(contacts)
        else:
            touched |= contacts
    return result


def _clean_exchange(item: ExchangeItem) -> tuple[str, str, int]:
    direction = item.direction if item.direction in _DIRECTIONS else "gave"
    kind = item.kind if item.kind in _EXCHANGE_KINDS else "help"
    return direction, kind, min(3, max(1, int(item.weight)))


def _apply_interaction(
    obj: InteractionEvent,
    local_id: int | None,
    resolver: ContactResolver,
    touched: set[int],
    news: NewFacts | None = None,
) -> int:
    participants = resolver.contact_ids(obj.participants)
    if not participants:
        raise Unresolved(obj.uid)
    kind = obj.kind if obj.kind in {k.value for k in InteractionKind} else "other"
    values: dict[str, object] = {
        "occurred_on": obj.occurred_on,
        "kind": kind,
        "summary": obj.summary,
        "notes": obj.notes,
    }
    if _has_origin():
        values["origin"] = obj.origin or None
    if news is None:
        touched |= set(participants)
    else:
        for contact_id in participants:
            news.met(contact_id, obj.occurred_on)
    if local_id is None:
        columns = ["uid", *values]
        cursor = database.execute_sql(
            f"INSERT INTO interaction ({', '.join(columns)}, created_at) "
            f"VALUES ({', '.join('?' * len(columns))}, ?)",
            [obj.uid, *values.values(), now()],
        )
        local_id = int(cursor.lastrowid)
        database.cursor().executemany(
            "INSERT INTO participant (interaction_id, contact_id) VALUES (?, ?)",
            [(local_id, c) for c in participants],
        )
        _insert_exchanges(obj, local_id, resolver, touched, news)
        return local_id
    Interaction.update(**values).where(Interaction.id == local_id).execute()
    before = {
        r[0]
        for r in database.execute_sql(
            "SELECT contact_id FROM participant WHERE interaction_id = ?", [local_id]
        )
    }
    touched |= before
    Participant.delete().where(
        (Participant.interaction == local_id) & Participant.contact.not_in(participants)
    ).execute()
    new = [c for c in participants if c not in before]
    if new:
        Participant.insert_many([{"interaction": local_id, "contact": c} for c in new]).execute()
    old = {
        uid: (xid, cid)
        for xid, uid, cid in database.execute_sql(
            "SELECT id, uid, contact_id FROM exchange WHERE interaction_id = ?", [local_id]
        )
    }
    touched |= {cid for _, cid in old.values()}
    keep: set[str] = set()
    for item in obj.exchanges:
        contact_id = resolver.contact_id(item.contact)
        if contact_id is None or not item.uid:
            continue
        direction, ex_kind, weight = _clean_exchange(item)
        row = {
            "contact": contact_id,
            "interaction": local_id,
            "occurred_on": obj.occurred_on,
            "direction": direction,
            "kind": ex_kind,
            "description": item.description,
            "weight": weight,
            "outcome": item.outcome,
            "thanked": item.thanked,
        }
        touched.add(contact_id)
        keep.add(item.uid)
        if item.uid in old:
            Exchange.update(**row).where(Exchange.id == old[item.uid][0]).execute()
        else:
            # The uid may belong to a standalone exchange that was tied to this interaction.
            Exchange.delete().where(Exchange.uid == item.uid).execute()
            Exchange.insert(uid=item.uid, **row).execute()
    gone = [xid for uid, (xid, _) in old.items() if uid not in keep]
    if gone:
        Exchange.delete().where(Exchange.id.in_(gone)).execute()
    return local_id


def _insert_exchanges(
    obj: InteractionEvent,
    local_id: int,
    resolver: ContactResolver,
    touched: set[int],
    news: NewFacts | None = None,
) -> None:
    """The exchanges of a new interaction (their uids are new here too)."""
    rows = []
    for item in obj.exchanges:
        contact_id = resolver.contact_id(item.contact)
        if contact_id is None or not item.uid:
            continue
        direction, kind, weight = _clean_exchange(item)
        if news is None:
            touched.add(contact_id)
        else:
            news.traded(contact_id, direction, weight)
        rows.append(
            (item.uid, contact_id, local_id, obj.occurred_on.isoformat(), direction, kind,
             item.description, weight, item.outcome, int(item.thanked), now())
        )  # fmt: skip
    if rows:
        uids = [r[0] for r in rows]
        # a standalone exchange now tied to this interaction: its old weight goes
        touched |= {
            r[0]
            for r in database.execute_sql(
                f"SELECT contact_id FROM exchange WHERE uid IN ({_marks(uids)})", uids
            )
        }
        database.execute_sql(f"DELETE FROM exchange WHERE uid IN ({_marks(uids)})", uids)
        database.cursor().executemany(
            "INSERT INTO exchange (uid, contact_id, interaction_id, occurred_on, direction, "
            "kind, description, weight, outcome, thanked, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def _apply_exchange(
    obj: ExchangeEvent,
    local_id: int | None,
    resolver: ContactResolver,
    touched: set[int],
    news: NewFacts | None = None,
) -> int:
    item = obj.exchange
    contact_id = resolver.contact_id(item.contact)
    if contact_id is None:
        raise Unresolved(obj.uid)
    direction, kind, weight = _clean_exchange(item)
    row = {
        "contact": contact_id,
        "interaction": None,
        "occurred_on": obj.occurred_on,
        "direction": direction,
        "kind": kind,
        "description": item.description,
        "weight": weight,
        "outcome": item.outcome,
        "thanked": item.thanked,
    }
    if news is None:
        touched.add(contact_id)
    else:
        news.traded(contact_id, direction, weight)
    if local_id is None:
        local_id = int(Exchange.insert(uid=obj.uid, **row).execute())
    else:
        before = Exchange.get_or_none(Exchange.id == local_id)
        if before is not None:
            touched.add(before.contact_id)
        Exchange.update(**row).where(Exchange.id == local_id).execute()
    return local_id


def _apply_follow_up(obj: FollowUpTodo, local_id: int | None, resolver: ContactResolver) -> int:
    contact_id = resolver.contact_id(obj.contact)
    if contact_id is None:
        raise Unresolved(obj.uid)
    row = {"contact": contact_id, "due_on": obj.due_on, "text": obj.text, "done": obj.done}
    if local_id is None:
        return int(FollowUp.insert(uid=obj.uid, kind=FollowUpKind.TODO.value, **row).execute())
    FollowUp.update(**row).where(FollowUp.id == local_id).execute()
    return local_id


def _apply_goal(obj: GoalTodo, local_id: int | None, resolver: ContactResolver) -> int:
    allies = resolver.contact_ids(obj.allies)
    row = {
        "title": obj.title or "?",
        "description": obj.description,
        "target_date": obj.target_date,
        "achieved": obj.achieved,
    }
    if local_id is None:
        local_id = int(Goal.insert(uid=obj.uid, **row).execute())
    else:
        Goal.update(**row).where(Goal.id == local_id).execute()
    GoalContact.delete().where(
        (GoalContact.goal == local_id) & GoalContact.contact.not_in(allies)
    ).execute()
    for cid in allies:
        GoalContact.insert(goal=local_id, contact=cid).on_conflict_ignore().execute()
    return local_id


def remove(kind: str, local_id: int) -> None:
    """Delete a local object the server deleted (derived values refreshed)."""
    with database.atomic(lock_type="IMMEDIATE"):
        if kind == INTERACTION:
            touched = {
                r[0]
                for r in database.execute_sql(
                    "SELECT contact_id FROM participant WHERE interaction_id = ? UNION "
                    "SELECT contact_id FROM exchange WHERE interaction_id = ?",
                    [local_id, local_id],
                )
            }
            Exchange.delete().where(Exchange.interaction == local_id).execute()
            Interaction.delete().where(Interaction.id == local_id).execute()
            refresh_derived(touched)
        elif kind == EXCHANGE:
            row = Exchange.get_or_none(Exchange.id == local_id)
            if row is not None:
                row.delete_instance()
                refresh_derived([row.contact_id])
        elif kind == FOLLOW_UP:
            FollowUp.delete().where(FollowUp.id == local_id).execute()
        else:
            Goal.delete().where(Goal.id == local_id).execute()

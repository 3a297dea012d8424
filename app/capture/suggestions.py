"""The Suggestions inbox: list, accept and dismiss what the scans proposed (SPEC §11).

A suggestion's ``key`` is the origin its interaction will keep (``message-id:<root>#day``,
``event:<uid>``) or ``contact:<address>``; its id is a short hash of the key, so it is
the same after a rescan and on a second device. A suggestion is open while no
interaction carries its key as origin (and, for a contact, no contact has its address):
accepting logs the interaction through :func:`app.timeline.log_interaction`, so last
contact and the due list change in the same transaction, and undoing that log brings
the suggestion back. A dismissal keeps the key forever, even after a source is forgotten;
the suggestion row stays (hidden) so that undoing the dismissal brings it back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from app.changes import Changes
from app.contacts import ContactInput, Labeled, create_contact
from app.errors import NotFound, ValidationError
from app.models import Contact, Dismissal, InteractionKind, database
from app.timeline import InteractionInput, log_interaction

INTERACTION = "interaction"
CONTACT = "contact"

_OPEN_SQL = (
    "SELECT s.id, s.kind, s.occurred_on, s.interaction_kind, s.summary, s.contact_ids, "
    "s.name, s.email, s.key, src.name FROM suggestion s "
    "LEFT JOIN capture_source src ON src.id = s.source_id "
    "WHERE NOT EXISTS (SELECT 1 FROM interaction i WHERE i.origin = s.key) "
    "AND NOT EXISTS (SELECT 1 FROM dismissal d WHERE d.key = s.key) "
    "AND NOT (s.kind = 'contact' AND EXISTS "
    "(SELECT 1 FROM email_address e WHERE e.address = s.email)) "
)


def stable_id(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True)
class SuggestionInfo:
    id: str
    kind: str  # "interaction" | "contact"
    date: dt.date | None
    interaction_kind: str
    summary: str
    source: str | None
    contact_ids: tuple[int, ...]
    name: str
    email: str
    key: str
    names: tuple[str, ...] = ()  # the participants' names, in contact_ids order

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "date": self.date.isoformat() if self.date else None,
            "interaction_kind": self.interaction_kind or None,
            "summary": self.summary,
            "source": self.source,
            "contact_ids": list(self.contact_ids),
            "name": self.name or None,
            "email": self.email or None,
        }


def _ids(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split(",") if x)


def open_suggestions(ids: Iterable[str] | None = None) -> list[SuggestionInfo]:
    """Open suggestions, newest first (contacts after the interactions of their day)."""
    sql = _OPEN_SQL
    args: list[object] = []
    if ids is not None:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return []
        sql += f"AND s.id IN ({','.join('?' * len(wanted))}) "
        args = wanted
    sql += "ORDER BY COALESCE(s.occurred_on, '9999') DESC, s.kind DESC, s.summary, s.id"
    rows = database.execute_sql(sql, args).fetchall()
    everyone = {cid for row in rows for cid in _ids(row[5])}
    names = _names(everyone)
    result = []
    for sid, kind, day, ikind, summary, cids, name, address, key, source in rows:
        alive = tuple(c for c in _ids(cids) if c in names)
        if kind == INTERACTION and not alive:
            continue  # every participant was deleted meanwhile
        result.append(
            SuggestionInfo(
                id=sid,
                kind=kind,
                date=dt.date.fromisoformat(str(day)) if day else None,
                interaction_kind=ikind,
                summary=summary,
                source=source,
                contact_ids=alive,
                name=name,
                email=address,
                key=key,
                names=tuple(names[c] for c in alive),
            )
        )
    return result


def open_count() -> int:
    return len(open_suggestions())


def _names(ids: Iterable[int]) -> dict[int, str]:
    wanted = sorted(set(ids))
    found: dict[int, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for c in Contact.select(Contact.id, Contact.formatted_name).where(Contact.id.in_(chunk)):
            found[c.id] = c.formatted_name
    return found


@dataclass
class AcceptResult:
    accepted: list[str] = field(default_factory=list)
    interaction_ids: list[int] = field(default_factory=list)
    contact_ids: list[int] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)


def _require_open(ids: Sequence[str]) -> list[SuggestionInfo]:
    found = {s.id: s for s in open_suggestions(ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotFound("suggestion", missing[0])
    return [found[i] for i in dict.fromkeys(ids)]


def accept(ids: Sequence[str] = (), *, all_interactions: bool = False) -> AcceptResult:
    """Log each interaction suggestion (a contact suggestion adds the contact), in one
    transaction. ``all_interactions``: every open interaction suggestion (SPEC §5)."""
    result = AcceptResult()
    with database.atomic(lock_type="IMMEDIATE"):
        chosen = _require_open(ids)
        if all_interactions:
            seen = {s.id for s in chosen}
            chosen += [s for s in open_suggestions() if s.kind == INTERACTION and s.id not in seen]
        for suggestion in chosen:
            changes = _accept_one(suggestion, result)
            result.changes = result.changes | changes
            result.accepted.append(suggestion.id)
    return result


def _accept_one(suggestion: SuggestionInfo, result: AcceptResult) -> Changes:
    if suggestion.kind == CONTACT:
        contact_id, changes = create_contact(
            ContactInput(
                formatted_name=suggestion.name or suggestion.email,
                emails=[Labeled(suggestion.email)],
            )
        )
        result.contact_ids.append(contact_id)
        return changes | Changes(suggestions=True)
    assert suggestion.date is not None
    interaction_id, changes = log_interaction(
        InteractionInput(
            participant_ids=list(suggestion.contact_ids),
            kind=suggestion.interaction_kind or InteractionKind.EMAIL.value,
            occurred_on=suggestion.date,
            summary=suggestion.summary,
            origin=suggestion.key,
        )
    )
    result.interaction_ids.append(interaction_id)
    return changes | Changes(suggestions=True)


def interaction_input(suggestion_id: str) -> InteractionInput:
    """What accepting would log: for "edit, then accept" (the log dialog, prefilled)."""
    (suggestion,) = _require_open([suggestion_id])
    if suggestion.kind != INTERACTION or suggestion.date is None:
        raise ValidationError("suggestion", "not-an-interaction", suggestion_id)
    return InteractionInput(
        participant_ids=list(suggestion.contact_ids),
        kind=suggestion.interaction_kind or InteractionKind.EMAIL.value,
        occurred_on=suggestion.date,
        summary=suggestion.summary,
        origin=suggestion.key,
    )


def dismiss(ids: Sequence[str]) -> Changes:
    """Never propose these again (their keys are remembered)."""
    with database.atomic(lock_type="IMMEDIATE"):
        chosen = _require_open(ids)
        for suggestion in chosen:
            Dismissal.insert(key=suggestion.key).on_conflict_ignore().execute()
    return Changes(suggestions=True)


def undismiss(keys: Sequence[str]) -> Changes:
    """Undo of a dismissal: the suggestions are open again."""
    with database.atomic(lock_type="IMMEDIATE"):
        Dismissal.delete().where(Dismissal.key.in_(list(keys))).execute()
    return Changes(suggestions=True)


def ids_with_contact(contact_id: int) -> list[str]:
    """The open interaction suggestions one person takes part in ("accept all of one")."""
    return [
        s.id for s in open_suggestions() if s.kind == INTERACTION and contact_id in s.contact_ids
    ]

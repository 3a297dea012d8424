"""Interactions: log, edit and delete encounters, with undo snapshots.

An interaction has one or more participants; an exchange recorded "in the same step"
(what was given or received during it) is tied to it. Every write refreshes the derived
values of the contacts involved in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from app.changes import Changes
from app.derived import refresh_derived
from app.errors import NotFound, ValidationError
from app.models import (
    Contact,
    Direction,
    Exchange,
    ExchangeKind,
    Interaction,
    InteractionKind,
    Participant,
    database,
)


@dataclass
class ExchangeInput:
    direction: str
    description: str
    kind: str = ExchangeKind.HELP.value
    weight: int = 1
    outcome: str = ""
    thanked: bool = False


@dataclass
class InteractionInput:
    participant_ids: list[int]
    kind: str = InteractionKind.MEETING.value
    occurred_on: dt.date = field(default_factory=dt.date.today)
    summary: str = ""
    notes: str = ""
    exchanges: list[ExchangeInput] = field(default_factory=list)
    origin: str | None = None  # what it was captured from (app.capture), else None


def validate_interaction(data: InteractionInput) -> None:
    if not data.participant_ids:
        raise ValidationError("participants", "required")
    if data.kind not in {k.value for k in InteractionKind}:
        raise ValidationError("kind", "unknown", data.kind)
    if not isinstance(data.occurred_on, dt.date):
        raise ValidationError("date", "invalid", data.occurred_on)
    known = Contact.select(Contact.id).where(Contact.id.in_(data.participant_ids)).count()
    if known != len(set(data.participant_ids)):
        raise NotFound("contact", data.participant_ids)
    for ex in data.exchanges:
        validate_exchange_fields(ex.direction, ex.kind, ex.weight)


def validate_exchange_fields(direction: str, kind: str, weight: int) -> None:
    if direction not in {d.value for d in Direction}:
        raise ValidationError("direction", "unknown", direction)
    if kind not in {k.value for k in ExchangeKind}:
        raise ValidationError("exchange_kind", "unknown", kind)
    if not 1 <= int(weight) <= 3:
        raise ValidationError("weight", "out-of-range", weight)


def log_interaction(data: InteractionInput) -> tuple[int, Changes]:
    """Record an encounter (and what was exchanged in it) with every participant."""
    validate_interaction(data)
    ids = list(dict.fromkeys(data.participant_ids))
    with database.atomic():
        interaction = Interaction.create(
            occurred_on=data.occurred_on,
            kind=data.kind,
            summary=data.summary.strip(),
            notes=data.notes,
            origin=data.origin,
        )
        Participant.insert_many(
            [{"interaction": interaction.id, "contact": cid} for cid in ids]
        ).execute()
        for ex in data.exchanges:
            for cid in ids:
                Exchange.create(
                    contact=cid,
                    interaction=interaction.id,
                    occurred_on=data.occurred_on,
                    direction=ex.direction,
                    kind=ex.kind,
                    description=ex.description.strip(),
                    weight=ex.weight,
                    outcome=ex.outcome,
                    thanked=ex.thanked,
                )
        refresh_derived(ids)
    return interaction.id, Changes(
        contacts=frozenset(ids), interactions=True, exchanges=bool(data.exchanges)
    )


def update_interaction(
    interaction_id: int,
    *,
    participant_ids: Sequence[int] | None = None,
    kind: str | None = None,
    occurred_on: dt.date | None = None,
    summary: str | None = None,
    notes: str | None = None,
) -> Changes:
    interaction = Interaction.get_or_none(Interaction.id == interaction_id)
    if interaction is None:
        raise NotFound("interaction", interaction_id)
    if kind is not None and kind not in {k.value for k in InteractionKind}:
        raise ValidationError("kind", "unknown", kind)
    if participant_ids is not None and not participant_ids:
        raise ValidationError("participants", "required")
    with database.atomic():
        before = set(participants_of(interaction_id))
        updates: dict[str, object] = {}
        if kind is not None:
            updates["kind"] = kind
        if occurred_on is not None:
            updates["occurred_on"] = occurred_on
        if summary is not None:
            updates["summary"] = summary.strip()
        if notes is not None:
            updates["notes"] = notes
        if updates:
            Interaction.update(**updates).where(Interaction.id == interaction_id).execute()
        if occurred_on is not None:
            Exchange.update(occurred_on=occurred_on).where(
                Exchange.interaction == interaction_id
            ).execute()
        after = before
        if participant_ids is not None:
            after = set(participant_ids)
            Participant.delete().where(
                (Participant.interaction == interaction_id) & (Participant.contact.not_in(after))
            ).execute()
            for cid in after - before:
                Participant.create(interaction=interaction_id, contact=cid)
        refresh_derived(before | after)
    return Changes(contacts=frozenset(before | after), interactions=True, exchanges=True)


def participants_of(interaction_id: int) -> list[int]:
    return [
        p.contact_id
        for p in Participant.select(Participant.contact).where(
            Participant.interaction == interaction_id
        )
    ]


@dataclass(frozen=True)
class InteractionSnapshot:
    """Everything needed to bring a deleted interaction back exactly."""

    row: dict[str, object]
    participant_ids: tuple[int, ...]
    exchanges: tuple[dict[str, object], ...]


def delete_interaction(interaction_id: int) -> tuple[InteractionSnapshot, Changes]:
    """Delete an interaction with the exchanges tied to it; the snapshot undoes it."""
    with database.atomic():
        interaction = Interaction.get_or_none(Interaction.id == interaction_id)
        if interaction is None:
            raise NotFound("interaction", interaction_id)
        ids = participants_of(interaction_id)
        exchanges = tuple(Exchange.select().where(Exchange.interaction == interaction_id).dicts())
        snapshot = InteractionSnapshot(
            row=dict(interaction.__data__), participant_ids=tuple(ids), exchanges=exchanges
        )
        Exchange.delete().where(Exchange.interaction == interaction_id).execute()
        Interaction.delete().where(Interaction.id == interaction_id).execute()
        # An exchange may belong to someone no longer taking part (participants edited).
        ids = list(dict.fromkeys([*ids, *(int(ex["contact"]) for ex in exchanges)]))
        refresh_derived(ids)
    return snapshot, Changes(contacts=frozenset(ids), interactions=True, exchanges=True)


def restore_interaction(snapshot: InteractionSnapshot) -> Changes:
    with database.atomic():
        Interaction.insert(**snapshot.row).execute()
        alive = {
            c.id for c in Contact.select(Contact.id).where(Contact.id.in_(snapshot.participant_ids))
        }
        ids = [cid for cid in snapshot.participant_ids if cid in alive]
        if ids:
            Participant.insert_many(
                [{"interaction": snapshot.row["id"], "contact": cid} for cid in ids]
            ).execute()
        exchange_ids = {int(ex["contact"]) for ex in snapshot.exchanges}  # type: ignore[call-overload]
        alive |= {c.id for c in Contact.select(Contact.id).where(Contact.id.in_(exchange_ids))}
        for ex in snapshot.exchanges:
            if ex["contact"] in alive:
                Exchange.insert(**ex).execute()
        ids = list(dict.fromkeys([*ids, *(cid for cid in exchange_ids if cid in alive)]))
        refresh_derived(ids)
    return Changes(contacts=frozenset(ids), interactions=True, exchanges=True)


def interactions_of(contact_id: int) -> list[Interaction]:
    return list(
        Interaction.select()
        .join(Participant)
        .where(Participant.contact == contact_id)
        .order_by(Interaction.occurred_on.desc(), Interaction.id.desc())
    )


def met_together(contact_ids: Iterable[int] | None = None) -> list[tuple[int, int, int]]:
    """Pairs of contacts who took part in the same interaction, with how often."""
    sql = (
        "SELECT a.contact_id, b.contact_id, COUNT(*) FROM participant a JOIN participant b "
        "ON a.interaction_id = b.interaction_id AND a.contact_id < b.contact_id "
    )
    args: list[object] = []
    if contact_ids is not None:
        ids = sorted(set(contact_ids))
        marks = ",".join("?" * len(ids))
        sql += f"WHERE a.contact_id IN ({marks}) AND b.contact_id IN ({marks}) "
        args = ids + ids
    sql += "GROUP BY a.contact_id, b.contact_id"
    return database.execute_sql(sql, args).fetchall()  # rows are tuples already


def replace_interaction(
    interaction_id: int, data: InteractionInput
) -> tuple[InteractionSnapshot, Changes]:
    """Overwrite an interaction and what was exchanged in it; the snapshot undoes it.

    Editing from the timeline changes everything at once (kind, date, participants,
    texts and the exchanges tied to it), so undo needs the whole previous state.
    """
    validate_interaction(data)
    ids = list(dict.fromkeys(data.participant_ids))
    with database.atomic():
        interaction = Interaction.get_or_none(Interaction.id == interaction_id)
        if interaction is None:
            raise NotFound("interaction", interaction_id)
        before = participants_of(interaction_id)
        exchanges = tuple(Exchange.select().where(Exchange.interaction == interaction_id).dicts())
        snapshot = InteractionSnapshot(
            row=dict(interaction.__data__), participant_ids=tuple(before), exchanges=exchanges
        )
        update_interaction(
            interaction_id,
            participant_ids=ids,
            kind=data.kind,
            occurred_on=data.occurred_on,
            summary=data.summary,
            notes=data.notes,
        )
        Exchange.delete().where(Exchange.interaction == interaction_id).execute()
        for ex in data.exchanges:
            for cid in ids:
                Exchange.create(
                    contact=cid,
                    interaction=interaction_id,
                    occurred_on=data.occurred_on,
                    direction=ex.direction,
                    kind=ex.kind,
                    description=ex.description.strip(),
                    weight=ex.weight,
                    outcome=ex.outcome,
                    thanked=ex.thanked,
                )
        touched = set(before) | set(ids)
        refresh_derived(touched)
    return snapshot, Changes(contacts=frozenset(touched), interactions=True, exchanges=True)


def revert_interaction(snapshot: InteractionSnapshot) -> Changes:
    """Put an interaction back exactly as ``snapshot`` holds it (undo of an edit)."""
    with database.atomic():
        _, deleted = delete_interaction(int(snapshot.row["id"]))  # type: ignore[call-overload]
        restored = restore_interaction(snapshot)
    return deleted | restored

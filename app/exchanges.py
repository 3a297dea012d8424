"""The give-and-take ledger: exchanges with one contact, and the balance they make."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.changes import Changes
from app.derived import refresh_derived
from app.errors import NotFound
from app.models import Contact, Exchange, ExchangeKind, Interaction, database
from app.timeline import validate_exchange_fields


def add_exchange(
    contact_id: int,
    direction: str,
    description: str,
    *,
    kind: str = ExchangeKind.HELP.value,
    occurred_on: dt.date | None = None,
    weight: int = 1,
    interaction_id: int | None = None,
    outcome: str = "",
    thanked: bool = False,
) -> tuple[int, Changes]:
    validate_exchange_fields(direction, kind, weight)
    if Contact.get_or_none(Contact.id == contact_id) is None:
        raise NotFound("contact", contact_id)
    with database.atomic():
        row = Exchange.create(
            contact=contact_id,
            direction=direction,
            description=description.strip(),
            kind=kind,
            occurred_on=occurred_on or dt.date.today(),
            weight=weight,
            interaction=interaction_id,
            outcome=outcome,
            thanked=thanked,
        )
        refresh_derived([contact_id])
    return row.id, Changes(contacts=frozenset({contact_id}), exchanges=True)


def update_exchange(exchange_id: int, **values: object) -> Changes:
    row = Exchange.get_or_none(Exchange.id == exchange_id)
    if row is None:
        raise NotFound("exchange", exchange_id)
    allowed = {"direction", "description", "kind", "occurred_on", "weight", "outcome", "thanked"}
    unknown = set(values) - allowed
    if unknown:
        raise TypeError(f"unknown exchange fields: {sorted(unknown)}")
    merged = {**row.__data__, **values}
    validate_exchange_fields(str(merged["direction"]), str(merged["kind"]), int(merged["weight"]))
    with database.atomic():
        Exchange.update(**values).where(Exchange.id == exchange_id).execute()
        refresh_derived([row.contact_id])
    return Changes(contacts=frozenset({row.contact_id}), exchanges=True)


@dataclass(frozen=True)
class ExchangeSnapshot:
    row: dict[str, object]


def delete_exchange(exchange_id: int) -> tuple[ExchangeSnapshot, Changes]:
    with database.atomic():
        row = Exchange.get_or_none(Exchange.id == exchange_id)
        if row is None:
            raise NotFound("exchange", exchange_id)
        snapshot = ExchangeSnapshot(dict(row.__data__))
        row.delete_instance()
        refresh_derived([row.contact_id])
    return snapshot, Changes(contacts=frozenset({row.contact_id}), exchanges=True)


def restore_exchange(snapshot: ExchangeSnapshot) -> Changes:
    """Undo a deletion; the tie to an interaction deleted since is dropped."""
    contact_id = int(snapshot.row["contact"])  # type: ignore[arg-type]
    if Contact.get_or_none(Contact.id == contact_id) is None:
        raise NotFound("contact", contact_id)
    row = dict(snapshot.row)
    if row.get("interaction") is not None and (
        Interaction.get_or_none(Interaction.id == row["interaction"]) is None
    ):
        row["interaction"] = None
    with database.atomic():
        Exchange.insert(**row).execute()
        refresh_derived([contact_id])
    return Changes(contacts=frozenset({contact_id}), exchanges=True)


def ledger(contact_id: int) -> list[Exchange]:
    return list(
        Exchange.select()
        .where(Exchange.contact == contact_id)
        .order_by(Exchange.occurred_on.desc(), Exchange.id.desc())
    )

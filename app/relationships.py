"""Typed links between two contacts (who reports to whom, who introduced whom)."""

from __future__ import annotations

from dataclasses import dataclass

from app.changes import Changes
from app.contacts import fts_query
from app.errors import NotFound, ValidationError
from app.models import Contact, ContactSearch, Relationship, RelationshipType, database


def add_relationship(
    source_id: int, target_id: int, type_: str, note: str = ""
) -> tuple[int, Changes]:
    if type_ not in {t.value for t in RelationshipType}:
        raise ValidationError("relationship_type", "unknown", type_)
    if source_id == target_id:
        raise ValidationError("relationship", "same-contact", source_id)
    found = Contact.select().where(Contact.id.in_([source_id, target_id])).count()
    if found != 2:
        raise NotFound("contact", (source_id, target_id))
    with database.atomic():
        existing = Relationship.get_or_none(
            (Relationship.source == source_id)
            & (Relationship.target == target_id)
            & (Relationship.type == type_)
        )
        if existing is not None:
            if note and note != existing.note:
                existing.note = note
                existing.save()
            rel_id = existing.id
        else:
            rel_id = Relationship.create(
                source=source_id, target=target_id, type=type_, note=note
            ).id
    return rel_id, Changes(contacts=frozenset({source_id, target_id}), relationships=True)


@dataclass(frozen=True)
class RelationshipSnapshot:
    row: dict[str, object]


def delete_relationship(rel_id: int) -> tuple[RelationshipSnapshot, Changes]:
    with database.atomic():
        rel = Relationship.get_or_none(Relationship.id == rel_id)
        if rel is None:
            raise NotFound("relationship", rel_id)
        snapshot = RelationshipSnapshot(dict(rel.__data__))
        rel.delete_instance()
    ids = frozenset({rel.source_id, rel.target_id})
    return snapshot, Changes(contacts=ids, relationships=True)


def restore_relationship(snapshot: RelationshipSnapshot) -> Changes:
    with database.atomic():
        Relationship.insert(**snapshot.row).execute()
    ids = frozenset({int(snapshot.row["source"]), int(snapshot.row["target"])})  # type: ignore[arg-type]
    return Changes(contacts=ids, relationships=True)


@dataclass(frozen=True)
class RelationshipAdded:
    """What an add did, for undo: the row after it, and before it (None when it is new;
    an add of an existing relationship only replaces its note)."""

    before: RelationshipSnapshot | None
    after: RelationshipSnapshot

    @property
    def changed_anything(self) -> bool:
        return self.before != self.after


def add_relationship_undoably(
    source_id: int, target_id: int, type_: str, note: str = ""
) -> tuple[RelationshipAdded, Changes]:
    """:func:`add_relationship`, telling what :func:`put_relationship` needs to undo it."""
    with database.atomic():
        existing = Relationship.get_or_none(
            (Relationship.source == source_id)
            & (Relationship.target == target_id)
            & (Relationship.type == type_)
        )
        before = RelationshipSnapshot(dict(existing.__data__)) if existing is not None else None
        rel_id, changes = add_relationship(source_id, target_id, type_, note)
        after = RelationshipSnapshot(dict(Relationship.get_by_id(rel_id).__data__))
    return RelationshipAdded(before, after), changes


def put_relationship(rel_id: int, snapshot: RelationshipSnapshot | None) -> Changes:
    """Make relationship ``rel_id`` what ``snapshot`` holds, or remove it when None
    (undo and redo of an add)."""
    with database.atomic():
        rel = Relationship.get_or_none(Relationship.id == rel_id)
        ids = {rel.source_id, rel.target_id} if rel is not None else set()
        Relationship.delete().where(Relationship.id == rel_id).execute()
        if snapshot is not None:
            Relationship.insert(**snapshot.row).execute()
            ids |= {int(snapshot.row["source"]), int(snapshot.row["target"])}  # type: ignore[call-overload]
    return Changes(contacts=frozenset(ids), relationships=True)


@dataclass(frozen=True)
class RelationshipView:
    """A relationship seen from one contact: ``type`` is read "this contact -type-> other"
    when ``outgoing`` is true, "other -type-> this contact" otherwise."""

    id: int
    type: str
    other_id: int
    other_name: str
    outgoing: bool
    note: str


def relationships_of(contact_id: int) -> list[RelationshipView]:
    result = []
    for rel in (
        Relationship.select(Relationship, Contact)
        .join(Contact, on=(Relationship.target == Contact.id))
        .where(Relationship.source == contact_id)
    ):
        result.append(
            RelationshipView(
                rel.id, rel.type, rel.target_id, rel.target.formatted_name, True, rel.note
            )
        )
    for rel in (
        Relationship.select(Relationship, Contact)
        .join(Contact, on=(Relationship.source == Contact.id))
        .where(Relationship.target == contact_id)
    ):
        result.append(
            RelationshipView(
                rel.id, rel.type, rel.source_id, rel.source.formatted_name, False, rel.note
            )
        )
    return sorted(result, key=lambda r: (r.type, r.other_name.casefold()))


def find_people(text: str, limit: int = 20, exclude: int | None = None) -> list[tuple[int, str]]:
    """Active contacts whose name starts with the words typed, for completion (id, name).

    Searches names only (not notes or e-mails) so a chooser offers the people meant.
    """
    query = fts_query(text)
    if not query:
        return []
    matches = ContactSearch.select(ContactSearch.rowid).where(ContactSearch.name.match(query))
    rows = (
        Contact.select(Contact.id, Contact.formatted_name)
        .where(Contact.id.in_(matches) & (Contact.archived == False))  # noqa: E712
        .order_by(Contact.formatted_name.collate("NOCASE"), Contact.id)
        .limit(limit + 1)
    )
    return [(c.id, c.formatted_name) for c in rows if c.id != exclude][:limit]

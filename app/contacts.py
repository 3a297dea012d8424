"""Contacts: create, update, archive, tag, merge, search and find by name.

A contact is written from a :class:`ContactInput` (every field of SPEC §1 plus its lists
of e-mails, phones, addresses, links and tags) so the form, the command line and the
importer share one validation. Each write keeps the full-text index in step and returns
a :class:`~app.changes.Changes`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace

from peewee import Expression, Model

from app import settings
from app.changes import Changes
from app.contact_fields import SAVED_FIELDS
from app.derived import refresh_derived
from app.errors import AmbiguousName, NotFound, ValidationError
from app.models import (
    Circle,
    Contact,
    ContactSearch,
    ContactTag,
    EmailAddress,
    Exchange,
    FollowUp,
    Goal,
    GoalContact,
    Interaction,
    Level,
    Link,
    Participant,
    PhoneNumber,
    PostalAddress,
    Relationship,
    Role,
    Tag,
    database,
    now,
)


@dataclass
class Labeled:
    value: str
    label: str = ""


@dataclass
class AddressInput:
    label: str = ""
    po_box: str = ""
    extended: str = ""
    street: str = ""
    locality: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self) if f.name != "label")


@dataclass
class ContactInput:
    formatted_name: str
    given_name: str = ""
    family_name: str = ""
    nickname: str = ""
    organization: str = ""
    department: str = ""
    title: str = ""
    birthday: str | None = None
    notes: str = ""
    level: str = Level.PEER.value
    circle: str = Circle.OTHER.value
    roles: list[str] = field(default_factory=list)
    trust: int = 3
    cadence_days: int | None = None
    emails: list[Labeled] = field(default_factory=list)
    phones: list[Labeled] = field(default_factory=list)
    addresses: list[AddressInput] = field(default_factory=list)
    links: list[Labeled] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    photo: bytes | None = None
    uid: str | None = None
    vcard_source: str | None = None
    kept_properties: str = ""
    # The rest of a vCard N; written by imports only (app.interchange.store), not a form's.
    additional_names: str = ""
    name_prefix: str = ""
    name_suffix: str = ""


# The columns a save writes and a load reads back (declared in app.contact_fields).
_SCALAR_FIELDS = SAVED_FIELDS

_BIRTHDAY = re.compile(r"^(\d{4}|-)-(\d{2})-(\d{2})$")

# Fields that are one line of text: a line break or a control character in them breaks
# lists, exports and other programs reading them, and is never what a person meant.
SINGLE_LINE_FIELDS = (
    "formatted_name",
    "given_name",
    "family_name",
    "nickname",
    "organization",
    "department",
    "title",
)
CONTROL_CHARACTER = "control-character"
_CONTROL_DETAIL = "line breaks and control characters are not allowed"


def has_control_characters(text: str) -> bool:
    """CR, LF, tab, other C0/C1 controls, and Unicode's line and paragraph separators."""
    return any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in text)


def check_single_line(field_name: str, value: str) -> None:
    """Raise :class:`ValidationError` (code ``control-character``) for a bad one-line value."""
    if has_control_characters(value):
        raise ValidationError(field_name, CONTROL_CHARACTER, value, _CONTROL_DETAIL)


def normalize_email(address: str) -> str:
    # Imported here: together they cost ~125 ms, which start-up does not need to pay.
    from email_validator import EmailNotValidError, validate_email

    address = address.strip()
    try:
        info = validate_email(address, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationError("email", "invalid", address, str(exc)) from exc
    return info.normalized


def normalize_phone(number: str, region: str | None = None) -> tuple[str, str]:
    """(international display form, E.164) for a number a person typed."""
    import phonenumbers

    raw = number.strip()
    region = region if region is not None else settings.get("phone_region")
    try:
        parsed = phonenumbers.parse(raw, region or None)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError("phone", "invalid", raw, str(exc)) from exc
    if not phonenumbers.is_possible_number(parsed):
        raise ValidationError("phone", "invalid", raw)
    return (
        phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
        phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164),
    )


def phone_key(number: str, region: str | None = None) -> str:
    """A matching key for any phone text: E.164 when parseable, else its digits."""
    try:
        return normalize_phone(number, region)[1]
    except ValidationError:
        digits = re.sub(r"\D", "", number)
        return ("+" + digits) if number.strip().startswith("+") else digits


def normalize_birthday(value: str | dt.date | None) -> str | None:
    """``YYYY-MM-DD`` or ``--MM-DD``; accepts the RFC forms ``19850412`` and ``--0412``."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    text = value.strip()
    m = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})", text)
    if m:
        year, month, day = m.groups()
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError as exc:
            raise ValidationError("birthday", "invalid", value) from exc
        return f"{year}-{month}-{day}"
    m = re.fullmatch(r"--(\d{2})-?(\d{2})", text)
    if m:
        month, day = m.groups()
        try:
            dt.date(2000, int(month), int(day))  # a leap year admits 29 February
        except ValueError as exc:
            raise ValidationError("birthday", "invalid", value) from exc
        return f"--{month}-{day}"
    raise ValidationError("birthday", "invalid", value)


def birthday_month_day(birthday: str | None) -> tuple[int, int] | None:
    if not birthday:
        return None
    m = _BIRTHDAY.match(birthday)
    if not m:
        return None
    return int(m.group(2)), int(m.group(3))


def validate(data: ContactInput, region: str | None = None) -> ContactInput:
    """The input cleaned and normalised; raises the first :class:`ValidationError`."""
    problems = validation_errors(data, region)
    if problems:
        raise problems[0]
    return _normalized(data, region)


def validation_errors(data: ContactInput, region: str | None = None) -> list[ValidationError]:
    """Every problem of the input, for a form that marks all bad fields at once."""
    problems: list[ValidationError] = []
    if not data.formatted_name.strip():
        problems.append(ValidationError("formatted_name", "required"))
    for name in SINGLE_LINE_FIELDS:
        try:
            check_single_line(name, getattr(data, name))
        except ValidationError as exc:
            problems.append(exc)
    for tag in data.tags:
        try:
            check_single_line("tags", tag)
        except ValidationError as exc:
            problems.append(exc)
    if data.level not in {lv.value for lv in Level}:
        problems.append(ValidationError("level", "unknown", data.level))
    if data.circle not in {c.value for c in Circle}:
        problems.append(ValidationError("circle", "unknown", data.circle))
    for role in data.roles:
        if role not in {r.value for r in Role}:
            problems.append(ValidationError("roles", "unknown", role))
    if not 1 <= int(data.trust) <= 5:
        problems.append(ValidationError("trust", "out-of-range", data.trust))
    if data.cadence_days is not None and not 0 <= int(data.cadence_days) <= 3650:
        problems.append(ValidationError("cadence_days", "out-of-range", data.cadence_days))
    for email in data.emails:
        if email.value.strip():
            try:
                normalize_email(email.value)
            except ValidationError as exc:
                problems.append(exc)
    for phone in data.phones:
        if phone.value.strip():
            try:
                normalize_phone(phone.value, region)
            except ValidationError as exc:
                problems.append(exc)
    try:
        normalize_birthday(data.birthday)
    except ValidationError as exc:
        problems.append(exc)
    return problems


def _normalized(data: ContactInput, region: str | None) -> ContactInput:
    return replace(
        data,
        formatted_name=data.formatted_name.strip(),
        emails=[Labeled(normalize_email(e.value), e.label) for e in data.emails if e.value.strip()],
        phones=[
            Labeled(normalize_phone(p.value, region)[0], p.label)
            for p in data.phones
            if p.value.strip()
        ],
        addresses=[a for a in data.addresses if not a.is_empty()],
        links=[lk for lk in data.links if lk.value.strip()],
        tags=_unique_tags(data.tags),
        roles=[r.value for r in Role if r.value in set(data.roles)],
        birthday=normalize_birthday(data.birthday),
    )


def _unique_tags(tags: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for tag in tags:
        tag = tag.strip()
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return list(seen.values())


def create_contact(data: ContactInput, *, validated: bool = False) -> tuple[int, Changes]:
    """Insert a contact; ``validated=True`` skips validation (the importer's own)."""
    data = data if validated else validate(data)
    with database.atomic():
        contact = Contact.create(**_scalar_values(data), roles=",".join(data.roles))
        _write_lists(contact.id, data)
        refresh_derived([contact.id])
        reindex([contact.id])
    return contact.id, Changes(contacts=frozenset({contact.id}), contact_list=True)


def update_contact(contact_id: int, data: ContactInput, *, validated: bool = False) -> Changes:
    """Replace every field and list of the contact with ``data``."""
    data = data if validated else validate(data)
    with database.atomic():
        _require(contact_id)
        Contact.update(**_scalar_values(data), roles=",".join(data.roles), updated_at=now()).where(
            Contact.id == contact_id
        ).execute()
        for model in (EmailAddress, PhoneNumber, PostalAddress, Link):
            model.delete().where(model.contact == contact_id).execute()
        ContactTag.delete().where(ContactTag.contact == contact_id).execute()
        _write_lists(contact_id, data)
        refresh_derived([contact_id])
        reindex([contact_id])
    return Changes(contacts=frozenset({contact_id}), contact_list=True)


def _scalar_values(data: ContactInput) -> dict[str, object]:
    return {name: getattr(data, name) for name in _SCALAR_FIELDS}


def _write_lists(contact_id: int, data: ContactInput) -> None:
    region = settings.get("phone_region")
    for pos, email in enumerate(data.emails):
        EmailAddress.create(
            contact=contact_id, address=email.value, label=email.label, position=pos
        )
    for pos, phone in enumerate(data.phones):
        PhoneNumber.create(
            contact=contact_id,
            number=phone.value,
            normalized=phone_key(phone.value, region),
            label=phone.label,
            position=pos,
        )
    for pos, addr in enumerate(data.addresses):
        PostalAddress.create(contact=contact_id, position=pos, **vars(addr))
    for pos, link in enumerate(data.links):
        Link.create(contact=contact_id, url=link.value, label=link.label, position=pos)
    for tag in data.tags:
        ContactTag.insert(contact=contact_id, tag=tag_id(tag)).on_conflict_ignore().execute()


def tag_id(name: str) -> int:
    name = name.strip()
    existing = Tag.get_or_none(Tag.name == name)
    if existing is not None:
        return existing.id
    return Tag.create(name=name).id


def _require(contact_id: int) -> Contact:
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None:
        raise NotFound("contact", contact_id)
    return contact


def load_contact(contact_id: int) -> ContactInput:
    """Everything a contact holds, as the input that would write it again."""
    c = _require(contact_id)
    return ContactInput(
        **{name: getattr(c, name) for name in _SCALAR_FIELDS},
        roles=c.role_list,
        emails=[Labeled(e.address, e.label) for e in c.emails.order_by(EmailAddress.position)],
        phones=[Labeled(p.number, p.label) for p in c.phones.order_by(PhoneNumber.position)],
        addresses=[
            AddressInput(**{f.name: getattr(a, f.name) for f in fields(AddressInput)})
            for a in c.addresses.order_by(PostalAddress.position)
        ],
        links=[Labeled(lk.url, lk.label) for lk in c.links.order_by(Link.position)],
        tags=tags_of(contact_id),
    )


def tags_of(contact_id: int) -> list[str]:
    return [
        t.name
        for t in Tag.select(Tag.name)
        .join(ContactTag)
        .where(ContactTag.contact == contact_id)
        .order_by(Tag.name)
    ]


def all_tags() -> list[str]:
    return [t.name for t in Tag.select(Tag.name).order_by(Tag.name)]


def set_archived(contact_ids: Iterable[int], archived: bool) -> Changes:
    ids = sorted(set(contact_ids))
    with database.atomic():
        Contact.update(archived=archived, updated_at=now()).where(Contact.id.in_(ids)).execute()
    return Changes(contacts=frozenset(ids), contact_list=True)


def add_tag(contact_ids: Iterable[int], tag: str) -> Changes:
    ids = sorted(set(contact_ids))
    if not tag.strip():
        raise ValidationError("tag", "required")
    check_single_line("tags", tag)
    with database.atomic():
        tid = tag_id(tag)
        for cid in ids:
            ContactTag.insert(contact=cid, tag=tid).on_conflict_ignore().execute()
        reindex(ids)
    return Changes(contacts=frozenset(ids), contact_list=True)


def remove_tag(contact_ids: Iterable[int], tag: str) -> Changes:
    ids = sorted(set(contact_ids))
    with database.atomic():
        existing = Tag.get_or_none(Tag.name == tag.strip())
        if existing is not None:
            ContactTag.delete().where(
                (ContactTag.tag == existing.id) & (ContactTag.contact.in_(ids))
            ).execute()
        reindex(ids)
    return Changes(contacts=frozenset(ids), contact_list=True)


@dataclass(frozen=True)
class MergeSnapshot:
    """Both contacts as they were before a merge, and the ids of the facts it moved.

    ``*_row`` are the raw ``Contact`` rows (archived flag, dates, derived values),
    ``*_data`` their e-mails, phones, addresses, links and tags. The other contact's
    interactions are split in those moved to the survivor and those both took part in
    (where the other was only dropped); its goal links and relationships are kept as rows,
    with the goal links and relationships the merge added to the survivor.
    """

    survivor_id: int
    other_id: int
    survivor_row: dict[str, object]
    survivor_data: ContactInput
    other_row: dict[str, object]
    other_data: ContactInput
    moved_interactions: tuple[int, ...]
    shared_interactions: tuple[int, ...]
    exchanges: tuple[int, ...]
    follow_ups: tuple[int, ...]
    goal_links: tuple[dict[str, object], ...]
    goals_added: tuple[int, ...]
    relationships: tuple[dict[str, object], ...]
    relationships_added: tuple[int, ...]


_MERGE_CHANGES = Changes(
    contact_list=True,
    interactions=True,
    exchanges=True,
    relationships=True,
    goals=True,
    follow_ups=True,
)


def merge_contacts(survivor_id: int, other_id: int) -> tuple[MergeSnapshot, Changes]:
    """Fold ``other`` into ``survivor``; every e-mail, phone, tag, interaction and
    exchange of both ends up on the survivor, and the other contact is removed.

    The snapshot lets :func:`unmerge` bring both back exactly as they were.
    """
    if survivor_id == other_id:
        raise ValidationError("merge", "same-contact", survivor_id)
    with database.atomic():
        survivor_row = _require(survivor_id)
        other_row = _require(other_id)
        survivor = load_contact(survivor_id)
        other = load_contact(other_id)
        merged = merge_inputs(survivor, other)
        if survivor_row.archived and not other_row.archived:
            Contact.update(archived=False).where(Contact.id == survivor_id).execute()
        # Move the facts that reference the other contact.
        survivor_interactions = {
            p.interaction_id
            for p in Participant.select(Participant.interaction).where(
                Participant.contact == survivor_id
            )
        }
        other_interactions = [
            p.interaction_id
            for p in Participant.select(Participant.interaction).where(
                Participant.contact == other_id
            )
        ]
        shared = tuple(i for i in other_interactions if i in survivor_interactions)
        moved = tuple(i for i in other_interactions if i not in survivor_interactions)
        Participant.delete().where(
            (Participant.contact == other_id) & (Participant.interaction.in_(shared))
        ).execute()
        Participant.update(contact=survivor_id).where(Participant.contact == other_id).execute()
        exchanges = _ids_of(Exchange, Exchange.contact == other_id)
        Exchange.update(contact=survivor_id).where(Exchange.contact == other_id).execute()
        follow_ups = _ids_of(FollowUp, FollowUp.contact == other_id)
        FollowUp.update(contact=survivor_id).where(FollowUp.contact == other_id).execute()
        goal_links = tuple(
            dict(link.__data__)
            for link in GoalContact.select().where(GoalContact.contact == other_id)
        )
        survivor_goals = {
            link.goal_id
            for link in GoalContact.select(GoalContact.goal).where(
                GoalContact.contact == survivor_id
            )
        }
        goals_added = []
        for link in goal_links:
            if link["goal"] not in survivor_goals:
                GoalContact.create(goal=link["goal"], contact=survivor_id, note=link["note"])
                goals_added.append(int(link["goal"]))  # type: ignore[call-overload]
        relationships = tuple(
            dict(rel.__data__)
            for rel in Relationship.select().where(
                (Relationship.source == other_id) | (Relationship.target == other_id)
            )
        )
        relationships_added = []
        for rel in relationships:
            source = survivor_id if rel["source"] == other_id else rel["source"]
            target = survivor_id if rel["target"] == other_id else rel["target"]
            if source == target:
                continue
            exists = Relationship.get_or_none(
                (Relationship.source == source)
                & (Relationship.target == target)
                & (Relationship.type == rel["type"])
            )
            if exists is None:
                added = Relationship.create(
                    source=source, target=target, type=rel["type"], note=rel["note"]
                )
                relationships_added.append(added.id)
        snapshot = MergeSnapshot(
            survivor_id=survivor_id,
            other_id=other_id,
            survivor_row=dict(survivor_row.__data__),
            survivor_data=survivor,
            other_row=dict(other_row.__data__),
            other_data=other,
            moved_interactions=moved,
            shared_interactions=shared,
            exchanges=exchanges,
            follow_ups=follow_ups,
            goal_links=goal_links,
            goals_added=tuple(goals_added),
            relationships=relationships,
            relationships_added=tuple(relationships_added),
        )
        Contact.delete().where(Contact.id == other_id).execute()
        ContactSearch.delete().where(ContactSearch.rowid == other_id).execute()
        update_contact(survivor_id, merged, validated=True)
    return snapshot, replace(_MERGE_CHANGES, contacts=frozenset({survivor_id, other_id}))


def unmerge(snapshot: MergeSnapshot) -> Changes:
    """Undo :func:`merge_contacts`: both contacts back as they were, with their own facts.

    Facts deleted since the merge stay deleted; the other contact keeps its own id.
    """
    survivor_id, other_id = snapshot.survivor_id, snapshot.other_id
    with database.atomic():
        _require(survivor_id)
        if Contact.get_or_none(Contact.id == other_id) is not None:
            raise ValidationError("merge", "not-merged", other_id)
        _insert_contact(other_id, snapshot.other_data, snapshot.other_row)
        update_contact(survivor_id, snapshot.survivor_data, validated=True)
        Contact.update(**_row_values(snapshot.survivor_row)).where(
            Contact.id == survivor_id
        ).execute()
        if snapshot.moved_interactions:
            Participant.update(contact=other_id).where(
                (Participant.contact == survivor_id)
                & (Participant.interaction.in_(snapshot.moved_interactions))
            ).execute()
        for interaction_id in _existing(Interaction, snapshot.shared_interactions):
            Participant.insert(
                interaction=interaction_id, contact=other_id
            ).on_conflict_ignore().execute()
        if snapshot.exchanges:
            Exchange.update(contact=other_id).where(
                (Exchange.contact == survivor_id) & (Exchange.id.in_(snapshot.exchanges))
            ).execute()
        if snapshot.follow_ups:
            FollowUp.update(contact=other_id).where(
                (FollowUp.contact == survivor_id) & (FollowUp.id.in_(snapshot.follow_ups))
            ).execute()
        if snapshot.goals_added:
            GoalContact.delete().where(
                (GoalContact.contact == survivor_id) & (GoalContact.goal.in_(snapshot.goals_added))
            ).execute()
        goals = _existing(Goal, [link["goal"] for link in snapshot.goal_links])
        for link in snapshot.goal_links:
            if link["goal"] in goals:
                GoalContact.insert(**link).on_conflict_ignore().execute()
        if snapshot.relationships_added:
            Relationship.delete().where(Relationship.id.in_(snapshot.relationships_added)).execute()
        people = _existing(
            Contact,
            [rel[end] for rel in snapshot.relationships for end in ("source", "target")],
        )
        for rel in snapshot.relationships:
            if rel["source"] in people and rel["target"] in people:
                Relationship.insert(**rel).on_conflict_ignore().execute()
        refresh_derived([survivor_id, other_id])
        reindex([survivor_id, other_id])
    return replace(_MERGE_CHANGES, contacts=frozenset({survivor_id, other_id}))


def _ids_of(model: type[Model], where: Expression) -> tuple[int, ...]:
    return tuple(row.id for row in model.select(model.id).where(where).order_by(model.id))


def _existing(model: type[Model], ids: Iterable[object]) -> set[int]:
    wanted = sorted({int(i) for i in ids})  # type: ignore[call-overload]
    return {row.id for row in model.select(model.id).where(model.id.in_(wanted))}


def _row_values(row: dict[str, object]) -> dict[str, object]:
    """A contact row's columns but its id, to write back over the contact."""
    return {name: value for name, value in row.items() if name != "id"}


def _insert_contact(
    contact_id: int, data: ContactInput, row: dict[str, object] | None = None
) -> None:
    """Insert a contact under a given id from ``data`` (already valid) and, when given,
    its former raw ``row``; derived values and the search index follow."""
    values = {**_scalar_values(data), "roles": ",".join(data.roles)}
    if row is not None:
        values.update(_row_values(row))
    Contact.insert(id=contact_id, **values).execute()
    _write_lists(contact_id, data)
    refresh_derived([contact_id])
    reindex([contact_id])


def restore_contact(contact_id: int, data: ContactInput) -> Changes:
    """Create a contact again under its former id (redo after its creation was undone).

    ``data`` is what :func:`load_contact` returned before the contact was deleted.
    """
    with database.atomic():
        if Contact.get_or_none(Contact.id == contact_id) is not None:
            raise ValidationError("contact", "exists", contact_id)
        _insert_contact(contact_id, data)
    return Changes(contacts=frozenset({contact_id}), contact_list=True)


def merge_inputs(a: ContactInput, b: ContactInput) -> ContactInput:
    """``a`` completed by ``b``: empty fields filled, lists united, notes joined."""
    merged = replace(a)
    for name in _SCALAR_FIELDS:
        if getattr(merged, name) in (None, "", b"") and getattr(b, name) not in (None, "", b""):
            setattr(merged, name, getattr(b, name))
    if a.notes and b.notes and b.notes not in a.notes:
        merged.notes = f"{a.notes}\n\n{b.notes}"
    merged.trust = max(a.trust, b.trust)
    if a.kept_properties and b.kept_properties:
        merged.kept_properties = a.kept_properties.rstrip("\n") + "\n" + b.kept_properties
    merged.roles = [r.value for r in Role if r.value in set(a.roles) | set(b.roles)]
    merged.emails = _unite(a.emails, b.emails, key=lambda v: v.casefold())
    merged.phones = _unite(a.phones, b.phones, key=phone_key)
    merged.links = _unite(a.links, b.links, key=lambda v: v.rstrip("/").casefold())
    merged.addresses = list(a.addresses) + [x for x in b.addresses if x not in a.addresses]
    merged.tags = _unique_tags([*a.tags, *b.tags])
    return merged


def _unite(a: Sequence[Labeled], b: Sequence[Labeled], key) -> list[Labeled]:  # type: ignore[no-untyped-def]
    seen = {key(x.value) for x in a}
    result = list(a)
    for x in b:
        if key(x.value) not in seen:
            seen.add(key(x.value))
            result.append(x)
    return result


def delete_contact(contact_id: int) -> Changes:
    """Remove a contact for good (the UI archives; this is for undoing a creation)."""
    with database.atomic():
        Contact.delete().where(Contact.id == contact_id).execute()
        ContactSearch.delete().where(ContactSearch.rowid == contact_id).execute()
    return Changes(contacts=frozenset({contact_id}), contact_list=True, relationships=True)


# --- full-text search -----------------------------------------------------------------


def reindex(contact_ids: Iterable[int] | None = None, *, new: bool = False) -> None:
    """Bring the FTS rows of these contacts (all when None) in step with the tables.

    ``new``: the contacts were just inserted and have no FTS rows yet, so none are
    deleted first (the DELETE took a third of the indexing of a large import)."""
    select = (
        "SELECT c.id, c.formatted_name || ' ' || c.given_name || ' ' || c.family_name || ' ' "
        "|| c.nickname, c.organization || ' ' || c.department || ' ' || c.title, "
        "COALESCE((SELECT group_concat(address, ' ') FROM email_address e "
        "WHERE e.contact_id = c.id), ''), "
        "COALESCE((SELECT group_concat(t.name, ' ') FROM contact_tag ct JOIN tag t "
        "ON t.id = ct.tag_id WHERE ct.contact_id = c.id), ''), c.notes FROM contact c"
    )
    insert = "INSERT INTO contact_search(rowid, name, organization, emails, tags, notes) "
    with database.atomic():
        if contact_ids is None:
            database.execute_sql("DELETE FROM contact_search")
            database.execute_sql(insert + select)
            return
        ids = sorted(set(contact_ids))
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            if not new:
                database.execute_sql(f"DELETE FROM contact_search WHERE rowid IN ({marks})", chunk)
            database.execute_sql(insert + select + f" WHERE c.id IN ({marks})", chunk)


def fts_query(text: str) -> str | None:
    """Search-box text as an FTS5 query of prefix terms, all of which must match."""
    terms = re.findall(r"\w+", text, flags=re.UNICODE)
    if not terms:
        return None
    return " ".join('"' + t.replace('"', '""') + '"*' for t in terms)


@dataclass(frozen=True)
class ContactFilter:
    text: str = ""
    tag: str | None = None
    level: str | None = None
    circle: str | None = None
    due_now: bool = False
    taking: bool = False
    archived: bool = False  # True: show the archived contacts instead of the active ones


SORT_COLUMNS = {
    "name": "c.formatted_name COLLATE NOCASE",
    "organization": "c.organization COLLATE NOCASE",
    "level": "CASE c.level WHEN 'above' THEN 0 WHEN 'peer' THEN 1 WHEN 'below' THEN 2 ELSE 3 END",
    "last_contact": "c.last_contact",
    "due": "c.due_on",
    "balance": "c.balance",
}
NULLABLE_SORTS = {"last_contact", "due"}


# Above this many search hits, a first page is found faster by walking the name index
# than by sorting the hits (measured at 100,000 contacts: tests/benchmarks/bench_search.py).
_WALK_INDEX_ABOVE = 3000


def _hit_count(query: str) -> int:
    sql = "SELECT count(*) FROM contact_search WHERE contact_search MATCH ?"
    return int(database.execute_sql(sql, [query]).fetchone()[0])


def query_contact_ids(
    flt: ContactFilter,
    *,
    sort: str = "name",
    descending: bool = False,
    today: dt.date | None = None,
    limit: int | None = None,
) -> list[int]:
    """The ids of the contacts that pass the filter, in the given order (the first
    ``limit`` of them when given)."""
    today = today or dt.date.today()
    where = ["c.archived = ?"]
    args: list[object] = [1 if flt.archived else 0]
    source = "contact c"
    query = fts_query(flt.text)
    by_name = sort not in SORT_COLUMNS or sort == "name"
    if query and limit is not None and by_name and _hit_count(query) > _WALK_INDEX_ABOVE:
        # The first page in name order of a search with many hits: walk the name index
        # and stop after ``limit`` hits, instead of sorting tens of thousands of them.
        source = "contact c INDEXED BY contact_archived_name_nocase"
        where.append("c.id IN (SELECT rowid FROM contact_search WHERE contact_search MATCH ?)")
        args.append(query)
    elif query:
        # Driven by the search hits: left to itself SQLite walks every contact instead.
        source = "contact_search s CROSS JOIN contact c ON c.id = s.rowid"
        where.append("contact_search MATCH ?")
        args.append(query)
    elif flt.text.strip():
        return []
    if flt.tag:
        where.append(
            "c.id IN (SELECT ct.contact_id FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
            "WHERE t.name = ? COLLATE NOCASE)"
        )
        args.append(flt.tag)
    if flt.level:
        where.append("c.level = ?")
        args.append(flt.level)
    if flt.circle:
        where.append("c.circle = ?")
        args.append(flt.circle)
    if flt.due_now:
        where.append("c.due_on <= ?")
        args.append(today.isoformat())
    if flt.taking:
        where.append("c.balance < ?")
        args.append(-2)
    order = SORT_COLUMNS.get(sort, SORT_COLUMNS["name"])
    direction = "DESC" if descending else "ASC"
    nulls = ""
    if sort in NULLABLE_SORTS:
        nulls = "NULLS LAST" if not descending else "NULLS FIRST"
    if by_name:
        ordering = f"{SORT_COLUMNS['name']} {direction}, c.id {direction}"
    else:
        ordering = f"{order} {direction} {nulls}, c.formatted_name COLLATE NOCASE, c.id"
    sql = f"SELECT c.id FROM {source} WHERE {' AND '.join(where)} ORDER BY {ordering}"
    if limit is not None:
        sql += " LIMIT ?"
        args.append(int(limit))
    return [row[0] for row in database.execute_sql(sql, args)]


@dataclass(frozen=True)
class ContactRow:
    """What the contact list shows of one contact."""

    id: int
    name: str
    organization: str
    title: str
    level: str
    circle: str
    last_contact: dt.date | None
    due_on: dt.date | None
    balance: int
    archived: bool
    has_photo: bool


def contact_rows(contact_ids: Sequence[int]) -> dict[int, ContactRow]:
    """One query for a page of the list."""
    result: dict[int, ContactRow] = {}
    ids = list(contact_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        sql = (
            "SELECT id, formatted_name, organization, title, level, circle, last_contact, "
            "due_on, balance, archived, photo IS NOT NULL FROM contact "
            f"WHERE id IN ({marks})"
        )
        for r in database.execute_sql(sql, chunk):
            result[r[0]] = ContactRow(
                id=r[0],
                name=r[1],
                organization=r[2],
                title=r[3],
                level=r[4],
                circle=r[5],
                last_contact=dt.date.fromisoformat(r[6]) if r[6] else None,
                due_on=dt.date.fromisoformat(r[7]) if r[7] else None,
                balance=r[8],
                archived=bool(r[9]),
                has_photo=bool(r[10]),
            )
    return result


def photo_of(contact_id: int) -> bytes | None:
    return Contact.select(Contact.photo).where(Contact.id == contact_id).scalar()


def find_contact(name_or_id: str) -> Contact:
    """A contact by id or case-insensitive full name; an ambiguous name lists the candidates."""
    text = name_or_id.strip()
    if text.isdigit():
        contact = Contact.get_or_none(Contact.id == int(text))
        if contact is not None:
            return contact
    wanted = " ".join(text.split()).casefold()
    query = fts_query(text)
    if not query:
        raise NotFound("contact", name_or_id)
    candidates = Contact.select(Contact.id, Contact.formatted_name, Contact.archived).where(
        Contact.id.in_(ContactSearch.select(ContactSearch.rowid).where(ContactSearch.match(query)))
    )
    matches = [c for c in candidates if " ".join(c.formatted_name.split()).casefold() == wanted]
    active = [c for c in matches if not c.archived]
    matches = active or matches
    if not matches:
        raise NotFound("contact", name_or_id)
    if len(matches) > 1:
        raise AmbiguousName(
            text, [(c.id, c.formatted_name) for c in sorted(matches, key=lambda c: c.id)]
        )
    return Contact.get_by_id(matches[0].id)

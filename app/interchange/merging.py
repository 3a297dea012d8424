"""Folding cards into one contact: new values win, lists unite, nothing is lost.

Pure functions over :class:`~app.contacts.ContactInput`: the matcher
(:mod:`app.interchange.matching`) and the commit apply them, batch by batch, to the cards
the staging file gives back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.contacts import ContactInput
from app.interchange.keys import email_key, name_key
from app.interchange.records import ContactRecord
from app.interchange.similar import abbreviates
from app.interchange.store import StoredContact, copy_input
from app.models import Level


@dataclass(eq=False, slots=True)
class Target:
    """One contact the import writes: an existing one (``stored``) or a new one."""

    stored: StoredContact | None
    records: list[ContactRecord] = field(default_factory=list)
    contact: ContactInput = field(default_factory=lambda: ContactInput(formatted_name=""))
    archived: bool = False
    phone_keys: list[str] = field(default_factory=list)
    connected_on: dt.date | None = None
    contact_id: int | None = None
    changed: bool = False

    @property
    def is_new(self) -> bool:
        return self.stored is None


def level_from_organization(target: Target, own_organization: str) -> None:
    """Levels are relative to the user (SPEC §2): a new contact of another organisation
    is ``external``, unless a card said the level (our own export does)."""
    organization = name_key(target.contact.organization)
    if organization and organization != own_organization:
        if not any("level" in rec.given for rec in target.records):
            target.contact.level = Level.EXTERNAL.value


def start_from(target: Target, stored: StoredContact) -> None:
    target.contact = copy_input(stored.input)
    target.archived = stored.archived
    target.phone_keys = list(stored.phone_keys)


def comparable(c: ContactInput) -> ContactInput:
    return ContactInput(**{**vars(c), "vcard_source": None})


def _join_lines(existing: str, blocks: Iterable[str]) -> str:
    """Kept vCard lines united; a group name (``item1.``) that another card already used
    for other lines is renamed, so that an ``X-ABLabel`` stays with its own property."""
    have = existing.split("\n") if existing else []
    seen = set(have)
    used = {_group_of(line) for line in have} - {""}
    for block in blocks:
        lines = [line for line in block.split("\n") if line]
        by_group: dict[str, list[str]] = {}
        for line in lines:
            by_group.setdefault(_group_of(line), []).append(line)
        rename = {}
        for group, members in by_group.items():
            if group and group in used and not all(line in seen for line in members):
                fresh = next(f"{group}-{n}" for n in range(2, 10**6) if f"{group}-{n}" not in used)
                rename[group] = fresh
                used.add(fresh)
        for line in lines:
            group = _group_of(line)
            if group in rename:
                line = rename[group] + line[len(group) :]
            if line not in seen:
                seen.add(line)
                have.append(line)
                used.add(_group_of(line))
    return "\n".join(have)


_GROUP = re.compile(r"^([A-Za-z0-9-]+)\.[A-Za-z0-9-]+[;:]")


def _group_of(line: str) -> str:
    m = _GROUP.match(line)
    return m.group(1).lower() if m else ""


def apply_card(target: Target, rec: ContactRecord) -> None:
    """Fold one card into the target: new values win, lists unite, nothing is lost."""
    c, new = target.contact, rec.contact
    for name in (
        "formatted_name",
        "given_name",
        "family_name",
        "additional_names",
        "name_prefix",
        "name_suffix",
        "nickname",
        "organization",
        "department",
        "title",
        "birthday",
        "photo",
        "vcard_source",
    ):
        value = getattr(new, name)
        if value:
            if name in _NAMES and abbreviates(value, getattr(c, name)):
                continue  # "B. Okafor" does not replace "Bernd Okafor"
            if name == "birthday" and _less_of_a_date(value, c.birthday):
                continue  # "--04-12" does not take the year away from "1985-04-12"
            setattr(c, name, value)
    if not c.uid and new.uid:
        c.uid = new.uid
    c.notes = _joined_notes(c.notes, new.notes)
    for name in rec.given:
        setattr(c, name, getattr(new, name))
    if rec.archived is not None:
        target.archived = rec.archived
    emails = {email_key(e.value) for e in c.emails}
    for e in new.emails:
        if email_key(e.value) not in emails:
            emails.add(email_key(e.value))
            c.emails.append(e)
    have_phones = {(k or p.value) for p, k in zip(c.phones, target.phone_keys, strict=True)}
    have_phones |= {p.value for p in c.phones}
    for p, k in zip(new.phones, rec.phone_keys, strict=True):
        if (k or p.value) not in have_phones and p.value not in have_phones:
            have_phones.add(k or p.value)
            c.phones.append(p)
            target.phone_keys.append(k)
    for a in new.addresses:
        if a not in c.addresses:
            c.addresses.append(a)
    urls = {_url_key(lk.value) for lk in c.links}
    for lk in new.links:
        if _url_key(lk.value) not in urls:
            urls.add(_url_key(lk.value))
            c.links.append(lk)
    tags = {t.casefold() for t in c.tags}
    for t in new.tags:
        if t.casefold() not in tags:
            tags.add(t.casefold())
            c.tags.append(t)
    if new.kept_properties:
        c.kept_properties = _join_lines(c.kept_properties, [new.kept_properties])
    if rec.connected_on and (target.connected_on is None or rec.connected_on < target.connected_on):
        target.connected_on = rec.connected_on


_NAMES = frozenset(("formatted_name", "given_name", "family_name", "additional_names"))


def _less_of_a_date(new: str, have: str | None) -> bool:
    return (
        bool(have) and new.startswith("--") and not have.startswith("--") and have.endswith(new[1:])
    )


def _joined_notes(have: str, new: str) -> str:
    if not new or new in have:
        return have
    if not have or have in new:
        return new
    return f"{have}\n\n{new}"


def _url_key(url: str) -> str:
    url = url.strip().casefold()
    for prefix in ("https://", "http://"):
        url = url.removeprefix(prefix)
    return url.removeprefix("www.").rstrip("/")


def merged(
    records: list[ContactRecord],
    stored: StoredContact | None,
    own_organization: str,
    *,
    tags: Iterable[str] = (),
    modelled_lines: set[str] | None = None,
    copy: bool = True,
) -> Target:
    """The contact the cards make, starting from the stored one (an update) or the first
    card (a new contact); then the group names as tags and without the kept lines that
    became relationships. ``copy=False`` lets a new contact of one card be that card's
    own contact (the records are fresh from the staging file and used once)."""
    rest = records
    if stored is not None:
        target = Target(stored, records, stored.input)
        start_from(target, stored)
        target.contact_id = stored.id
    else:
        first = records[0]
        single = len(records) == 1 and not copy
        target = Target(
            None,
            records,
            first.contact if single else copy_input(first.contact),
            bool(first.archived),
            first.phone_keys if single else list(first.phone_keys),
            first.connected_on,
        )
        rest = records[1:]
    for rec in rest:
        apply_card(target, rec)
    if stored is None and own_organization:
        level_from_organization(target, own_organization)
    if tags:
        have = {t.casefold() for t in target.contact.tags}
        for name in tags:
            if name.casefold() not in have:
                have.add(name.casefold())
                target.contact.tags.append(name)
    if modelled_lines:
        lines = target.contact.kept_properties.split("\n")
        target.contact.kept_properties = "\n".join(
            line for line in lines if line not in modelled_lines
        )
    return target


def merged_name(current: str, new: str) -> str:
    """The formatted name after a card with ``new`` is folded in (as :func:`apply_card`)."""
    if new and not abbreviates(new, current):
        return new
    return current

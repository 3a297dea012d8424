"""vCard 4.0 export that gives back every Allies field when imported again.

Standard properties carry what every address book understands (names, organisation and
department, title, e-mails, phones, addresses and links with their labels, tags as
CATEGORIES, birthday with or without year, notes, the photo as a data URI). What only
Allies knows travels in ``X-ALLIES-*`` properties; relationships are RELATED lines that
point at the other contact's ``urn:uuid:`` (contacts without a UID get one, stored, on the
first export); properties Allies does not model are written back as they were imported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TextIO

import phonenumbers

from app import settings
from app.contacts import Labeled
from app.interchange.dates import vcard_date
from app.interchange.photos import data_uri
from app.interchange.selection import ensure_uids, selected_ids
from app.interchange.store import StoredContact, chunks, load_contacts
from app.interchange.vcard_reader import escape_value
from app.interchange.vocab import LABEL_ORDER
from app.models import RelationshipType, database

PRODID = "-//Allies//Allies personal relationship manager//EN"
_FOLD_AT = 75  # octets per line, RFC 6350 §3.2
_PLAIN_PARAM = re.compile(r"^[^\";:,\n^]*$")
# The nearest RELATED;TYPE of RFC 6350 for each Allies relationship type.
_RELATED_TYPE = {
    RelationshipType.COLLEAGUE.value: "colleague",
    RelationshipType.FRIEND.value: "friend",
    RelationshipType.KNOWS.value: "acquaintance",
}


def export_vcard(
    out: TextIO, contact_ids: Iterable[int] | None = None, *, tag: str | None = None
) -> int:
    """Write the contacts (all, these ids, or those with ``tag``) to ``out``; returns the count.

    Lines end in CRLF: open files with ``newline=""``.
    """
    ids = selected_ids(contact_ids, tag)
    if not ids:
        return 0
    region = settings.get("phone_region")
    related = _related_ids(ids)
    uids = ensure_uids(set(ids) | related)
    for chunk in chunks(ids):
        contacts = load_contacts(chunk, relationships=True)
        for cid in chunk:
            out.write(card_text(contacts[cid], uids, region))
    return len(ids)


def _related_ids(ids: list[int]) -> set[int]:
    found: set[int] = set()
    for chunk in chunks(ids):
        marks = ",".join("?" * len(chunk))
        for (target,) in database.execute_sql(
            f"SELECT target_id FROM relationship WHERE source_id IN ({marks})", list(chunk)
        ):
            found.add(target)
    return found


def card_text(stored: StoredContact, uids: dict[int, str], region: str) -> str:
    """One contact as a vCard 4.0 card, folded, CRLF line ends."""
    c = stored.input
    lines = ["BEGIN:VCARD", "VERSION:4.0", f"PRODID:{PRODID}"]
    uid = uids.get(stored.id) or c.uid or ""
    lines.append(f"UID:{escape_value(uid)}")
    lines.append(f"FN:{escape_value(c.formatted_name)}")
    n_parts = (c.family_name, c.given_name, c.additional_names, c.name_prefix, c.name_suffix)
    lines.append("N:" + ";".join(escape_value(p) for p in n_parts))
    if c.nickname:
        lines.append(f"NICKNAME:{escape_value(c.nickname)}")
    if c.organization or c.department:
        lines.append(f"ORG:{escape_value(c.organization)};{escape_value(c.department)}")
    if c.title:
        lines.append(f"TITLE:{escape_value(c.title)}")
    if c.birthday:
        lines.append(f"BDAY:{vcard_date(c.birthday)}")
    groups = _Groups()
    for pos, email in enumerate(c.emails):
        lines += groups.lines("EMAIL", email.label, escape_value(email.value), pref=pos == 0)
    for pos, phone in enumerate(c.phones):
        params, value = _phone_value(phone, region)
        lines += groups.lines("TEL", phone.label, value, pref=pos == 0, extra=params)
    for a in c.addresses:
        value = ";".join(
            escape_value(v)
            for v in (
                a.po_box,
                a.extended,
                a.street,
                a.locality,
                a.region,
                a.postal_code,
                a.country,
            )
        )
        lines += groups.lines("ADR", a.label, value)
    for link in c.links:
        lines += groups.lines("URL", link.label, escape_value(link.value))
    if c.tags:
        lines.append("CATEGORIES:" + ",".join(escape_value(t) for t in c.tags))
    if c.notes:
        lines.append(f"NOTE:{escape_value(c.notes)}")
    if c.photo:
        lines.append(f"PHOTO:{data_uri(c.photo)}")
    lines.append(f"X-ALLIES-LEVEL:{c.level}")
    lines.append(f"X-ALLIES-CIRCLE:{c.circle}")
    if c.roles:
        lines.append("X-ALLIES-ROLES:" + escape_value(",".join(c.roles)))
    lines.append(f"X-ALLIES-TRUST:{c.trust}")
    if c.cadence_days is not None:
        lines.append(f"X-ALLIES-CADENCE:{c.cadence_days}")
    if stored.archived:
        lines.append("X-ALLIES-ARCHIVED:1")
    for source, target, kind, note, _ in stored.relationships:
        if source == stored.id and target in uids:
            params = f";TYPE={_RELATED_TYPE.get(kind, 'contact')};X-ALLIES-TYPE={kind}"
            if note:
                params += f";X-ALLIES-NOTE={_param(note)}"
            lines.append(f"RELATED{params}:urn:uuid:{_bare_uid(uids[target])}")
    lines += [line for line in c.kept_properties.split("\n") if line.strip()]
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


class _Groups:
    """Labels that are not vCard TYPE words travel as Apple-style ``itemN.X-ABLabel``."""

    def __init__(self) -> None:
        self.count = 0

    def lines(
        self, name: str, label: str, value: str, *, pref: bool = False, extra: str = ""
    ) -> list[str]:
        words = label.split()
        params = extra + (";PREF=1" if pref else "")
        if all(w in LABEL_ORDER for w in words):
            if words:
                params = f";TYPE={','.join(words)}" + params
            return [f"{name}{params}:{value}"]
        self.count += 1
        group = f"allies{self.count}"
        return [f"{group}.{name}{params}:{value}", f"{group}.X-ABLabel:{escape_value(label)}"]


def _phone_value(phone: Labeled, region: str) -> tuple[str, str]:
    """(parameters, value): a ``tel:`` URI when the number parses, else the text."""
    try:
        parsed = phonenumbers.parse(phone.value, region or None)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is not None and phonenumbers.is_possible_number(parsed):
        return ";VALUE=uri", phonenumbers.format_number(
            parsed, phonenumbers.PhoneNumberFormat.RFC3966
        )
    return ";VALUE=text", escape_value(phone.value)


def _bare_uid(uid: str) -> str:
    return uid[9:] if uid.lower().startswith("urn:uuid:") else uid


def _param(text: str) -> str:
    """A parameter value, RFC 6868-escaped and quoted when it must be."""
    text = text.replace("^", "^^").replace("\n", "^n").replace('"', "^'")
    return text if _PLAIN_PARAM.match(text) else f'"{text}"'


def fold(line: str) -> str:
    """Fold at 75 octets without splitting a UTF-8 character (RFC 6350 §3.2)."""
    if len(line) <= _FOLD_AT and (line.isascii() or len(line.encode("utf-8")) <= _FOLD_AT):
        return line
    if line.isascii():
        parts = [line[:_FOLD_AT]]
        parts += [line[i : i + _FOLD_AT - 1] for i in range(_FOLD_AT, len(line), _FOLD_AT - 1)]
        return "\r\n ".join(parts)
    parts, current, size, limit = [], [], 0, _FOLD_AT
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, _FOLD_AT - 1
        current.append(ch)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)

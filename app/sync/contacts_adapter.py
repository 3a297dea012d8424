"""Contacts ↔ vCard 3.0 cards on a CardDAV server: the engine's adapter for contacts.

A contact travels as a dict of fields (what the merge compares). Lists are lists of
plain values so that they merge as sets: ``emails``/``phones``/``links`` as ``[value,
label]``, ``addresses`` as ``[label, po_box, extended, street, locality, region,
postal_code, country]``, ``related`` as ``"type|uid-key"`` (a relationship to the contact
with that UID), ``kept`` as the card's lines Allies does not model (written back as they
came, so the phone's own properties survive).

Cards are read with the importer's reader (:func:`app.interchange.vcard_reader.read_vcards`)
and written here as vCard 3.0 (what iOS reads best; the export writes 4.0). Allies' own
fields are ``X-ALLIES-*`` properties; level, circle, roles, trust, cadence, notes and the
snooze are "private" and travel only when the account allows it. Values are compared in a
canonical form (e-mail domains lower-cased, phone numbers in international form, kept
lines with upper-cased names and sorted parameters), so a card a server rewrote (Radicale
reorders and upper-cases) is not a change.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from app import settings
from app.changes import Changes
from app.contact_fields import SYNCED_SCALARS
from app.contacts import AddressInput, ContactInput, Labeled, reindex
from app.derived import refresh_derived
from app.interchange.dates import parse_vcard_date
from app.interchange.keys import email_key, normalized_email, normalized_phone, uid_key
from app.interchange.photos import image_kind
from app.interchange.problems import ProblemSink
from app.interchange.selection import ensure_uids
from app.interchange.store import (
    ContactRow,
    chunks,
    insert_contacts,
    load_contacts,
    update_contacts,
)
from app.interchange.textdecode import DecodedText
from app.interchange.vcard_reader import escape_value, read_vcards
from app.interchange.vcard_writer import fold
from app.interchange.vocab import LABEL_ORDER
from app.models import Contact, FollowUp, FollowUpKind, Relationship, database, now
from app.sync.engine import AdapterDefaults, LocalObject, Parsed
from app.sync.merge import Fields

PRODID = "-//Allies//Allies personal relationship manager//EN"
PRIVATE_FIELDS = frozenset(
    {"notes", "level", "circle", "roles", "trust", "cadence_days", "snoozed_until"}
)
SET_FIELDS = frozenset(
    {"emails", "phones", "addresses", "links", "tags", "roles", "kept", "related"}
)
# The contact columns that travel and merge as one plain value each (app.contact_fields).
SCALARS = SYNCED_SCALARS
_TYPE_WORDS = {"home", "work", "cell", "fax", "voice", "pager", "internet"}
_REV = re.compile(r"^REV(?:;[^:]*)?:(.*)$", re.IGNORECASE | re.MULTILINE)
_SNOOZE = "X-ALLIES-SNOOZED-UNTIL"


def _utc_iso(value: dt.datetime) -> str:
    if value.tzinfo is None:
        value = value.astimezone()  # the database keeps local wall-clock time
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _rev_time(text: str) -> str:
    m = _REV.search(text.replace("\r\n ", "").replace("\n ", ""))
    if not m:
        return ""
    raw = m.group(1).strip()
    for fmt in ("%Y-%m-%dT%H:%M:%SZ", "%Y%m%dT%H%M%SZ", "%Y-%m-%dT%H:%M:%S.%fZ"):
        try:
            return _utc_iso(dt.datetime.strptime(raw, fmt).replace(tzinfo=dt.UTC))
        except ValueError:
            continue
    try:
        return _utc_iso(dt.datetime.fromisoformat(raw.replace("Z", "+00:00")))
    except ValueError:
        return ""


def canonical_line(line: str) -> str:
    """A kept vCard line in one spelling: name and parameter names upper-cased, sorted."""
    head, colon, value = line.partition(":")
    if not colon:
        return line
    name, *params = head.split(";")
    group, dot, bare = name.rpartition(".")
    name = f"{group.lower()}.{bare.upper()}" if dot else bare.upper()
    fixed = []
    for param in params:
        key, eq, val = param.partition("=")
        fixed.append(f"{key.upper()}={val}" if eq else param.upper())
    return ";".join([name, *sorted(fixed)]) + ":" + value


class ContactsAdapter(AdapterDefaults):
    """See the module docstring; ``private`` says whether private fields travel."""

    kind = "contact"
    object_name = "contact"
    content_type = "text/vcard; charset=utf-8"
    extension = ".vcf"

    def __init__(self, *, private: bool = True) -> None:
        self.private = private
        self.set_fields = SET_FIELDS if private else SET_FIELDS - PRIVATE_FIELDS
        self.region = settings.get("phone_region")
        self._created: dict[int, str] = {}
        self._uid_ids: dict[str, int] = {}
        self._emails: dict[str, int] = {}
        self._phones: dict[str, int] = {}
        self._unresolved: dict[int, list[str]] = {}  # relationships to cards not seen yet
        self._names: dict[int, str] = {}

    # --- local side ------------------------------------------------------------------

    def local_objects(self) -> dict[int, LocalObject]:
        ids = [cid for (cid,) in database.execute_sql("SELECT id FROM contact ORDER BY id")]
        uids: dict[int, str] = {}
        for cid, uid, created in database.execute_sql("SELECT id, uid, created_at FROM contact"):
            uids[cid] = uid or ""
            self._created[cid] = created
        self._uid_ids = {uid_key(u): cid for cid, u in uids.items() if u}
        snoozes = {
            cid: str(day)
            for cid, day in database.execute_sql(
                "SELECT contact_id, MAX(due_on) FROM follow_up WHERE kind = ? AND done = 0 "
                "GROUP BY contact_id",
                [FollowUpKind.SNOOZE.value],
            )
        }
        found: dict[int, LocalObject] = {}
        self._emails.clear()
        self._phones.clear()
        for chunk in chunks(ids):
            for cid, stored in load_contacts(chunk, relationships=True).items():
                related = sorted(
                    f"{kind}|{uid_key(uids[target])}"
                    for source, target, kind, _note, *_ in stored.relationships
                    if source == cid and uids.get(target)
                )
                fields = self._fields(stored.input, stored.archived, related, snoozes.get(cid))
                found[cid] = LocalObject(cid, uids[cid], fields)
                self._names[cid] = " ".join(stored.input.formatted_name.split()).casefold()
                for e in stored.input.emails:
                    self._emails.setdefault(email_key(e.value), cid)
                for key in stored.phone_keys:
                    if key:
                        self._phones.setdefault(key, cid)
        return found

    def _fields(
        self, c: ContactInput, archived: bool, related: list[str], snoozed: str | None
    ) -> Fields:
        fields: Fields = {name: getattr(c, name) for name in SCALARS}
        fields["birthday"] = c.birthday or ""
        fields["emails"] = [[self._email(e.value), e.label] for e in c.emails]
        fields["phones"] = [[self._phone(p.value), p.label] for p in c.phones]
        fields["addresses"] = [
            [
                a.label,
                a.po_box,
                a.extended,
                a.street,
                a.locality,
                a.region,
                a.postal_code,
                a.country,
            ]
            for a in c.addresses
        ]
        fields["links"] = [[lk.value, lk.label] for lk in c.links]
        fields["tags"] = list(c.tags)
        fields["roles"] = list(c.roles)
        fields["photo"] = base64.b64encode(c.photo).decode("ascii") if c.photo else ""
        fields["archived"] = bool(archived)
        fields["related"] = related
        fields["snoozed_until"] = snoozed or ""
        fields["kept"] = [
            canonical_line(line)
            for line in c.kept_properties.split("\n")
            if line.strip() and not line.upper().startswith(_SNOOZE)
        ]
        if not self.private:
            for name in PRIVATE_FIELDS:
                fields.pop(name, None)
        return fields

    def _email(self, value: str) -> str:
        try:
            return normalized_email(value)
        except Exception:  # an address the validator refuses is kept as written
            return value.strip()

    def _phone(self, value: str) -> str:
        return normalized_phone(value, self.region)[0]

    def ensure_uids(self, ids: list[int]) -> dict[int, str]:
        return ensure_uids(ids)

    def field_times(self, ids: Iterable[int]) -> dict[int, dict[str, str]]:
        times: dict[int, dict[str, str]] = {}
        wanted = sorted(set(ids))
        for chunk in chunks(wanted):
            marks = ",".join("?" * len(chunk))
            for cid, name, when in database.execute_sql(
                f"SELECT contact_id, field, changed_at FROM contact_field_time "
                f"WHERE contact_id IN ({marks})",
                list(chunk),
            ):
                times.setdefault(cid, {})[name] = when
        return times

    def default_time(self, local_id: int) -> str:
        created = self._created.get(local_id)
        if isinstance(created, str):
            try:
                created = dt.datetime.fromisoformat(created)
            except ValueError:
                created = None
        return _utc_iso(created) if isinstance(created, dt.datetime) else ""

    def set_key(self, field: str, item: Any) -> Any:
        """One e-mail, phone or link is one item whatever its label; an address is its
        parts; other items are themselves."""
        if field == "emails":
            return email_key(item[0])
        if field in ("phones", "links"):
            return item[0]
        if field == "addresses":
            return tuple(item[1:])
        return item if not isinstance(item, list) else tuple(item)

    def match(self, fields: Fields, candidates: set[int]) -> int | None:
        """The first sync's matching, as an import's: e-mail, then phone."""
        for value, _label in fields.get("emails", []):
            cid = self._emails.get(email_key(value))
            if cid in candidates:
                return cid
        for value, _label in fields.get("phones", []):
            cid = self._phones.get(normalized_phone(value, self.region)[1])
            if cid in candidates:
                return cid
        return None

    def duplicate(self, fields: Fields, candidates: set[int]) -> int | None:
        """A contact this new card repeats: the same e-mail or phone *and* the same name
        (a shared office number alone never makes two people one)."""
        found = self.match(fields, candidates)
        if found is None:
            return None
        name = " ".join(str(fields.get("formatted_name", "")).split()).casefold()
        mine = self._names.get(found, "")
        return found if name and name == mine else None

    # --- writes ----------------------------------------------------------------------

    def _input(self, fields: Fields, base: ContactInput | None = None) -> ContactInput:
        c = base or ContactInput(formatted_name="")
        for name in SCALARS:
            if name in fields:
                setattr(c, name, fields[name])
        if "birthday" in fields:
            c.birthday = fields["birthday"] or None
        if "emails" in fields:
            c.emails = [Labeled(v, label) for v, label in fields["emails"]]
        if "phones" in fields:
            c.phones = [Labeled(v, label) for v, label in fields["phones"]]
        if "addresses" in fields:
            c.addresses = [AddressInput(*row) for row in fields["addresses"]]
        if "links" in fields:
            c.links = [Labeled(v, label) for v, label in fields["links"]]
        if "tags" in fields:
            c.tags = list(fields["tags"])
        if "roles" in fields:
            c.roles = list(fields["roles"])
        if "photo" in fields:
            c.photo = base64.b64decode(fields["photo"]) if fields["photo"] else None
        if "kept" in fields:
            c.kept_properties = "\n".join(fields["kept"])
        if "uid" in fields:
            c.uid = fields["uid"]
        c.formatted_name = c.formatted_name or c.organization or "?"
        return c

    def _row(self, c: ContactInput, archived: bool) -> ContactRow:
        keys = [normalized_phone(p.value, self.region)[1] for p in c.phones]
        return ContactRow(c, archived=archived, phone_keys=keys)

    def create(self, items: list[tuple[str, Fields]]) -> list[int]:
        rows = []
        for uid, fields in items:
            c = self._input(fields)
            c.uid = uid
            rows.append(self._row(c, bool(fields.get("archived"))))
        ids = insert_contacts(rows, self.region)
        for cid, (uid, _) in zip(ids, items, strict=True):
            self._uid_ids[uid_key(uid)] = cid
        self._after_write(list(zip(ids, (f for _, f in items), strict=True)), created=True)
        return ids

    def update(self, items: list[tuple[int, Fields]]) -> None:
        stored = load_contacts([cid for cid, _ in items])
        rows = []
        for cid, fields in items:
            current = stored[cid]
            archived = fields.get("archived", current.archived)
            rows.append((cid, self._row(self._input(fields, current.input), bool(archived))))
        update_contacts(rows, self.region)
        self._after_write(items, created=False)

    def _after_write(self, items: list[tuple[int, Fields]], *, created: bool) -> None:
        ids = [cid for cid, _ in items]
        if created:
            self._new_links(items)
        else:
            for cid, fields in items:
                if "related" in fields:
                    self._set_related(cid, fields["related"])
                if self.private and "snoozed_until" in fields:
                    self._set_snooze(cid, fields["snoozed_until"])
        refresh_derived(ids)
        reindex(ids)

    def _new_links(self, items: list[tuple[int, Fields]]) -> None:
        """Relationships and snoozes of new contacts, in two statements (nothing to
        replace: they are new)."""
        stamp = now().isoformat(sep=" ")
        links, snoozes = [], []
        for cid, fields in items:
            for item in fields.get("related", []):
                kind, _, key = item.partition("|")
                target = self._uid_ids.get(key)
                if target is None:
                    self._unresolved[cid] = fields["related"]
                elif target != cid:
                    links.append((cid, target, kind, "", stamp))
            if self.private and fields.get("snoozed_until"):
                day = dt.date.fromisoformat(fields["snoozed_until"]).isoformat()
                snoozes.append((cid, FollowUpKind.SNOOZE.value, day, "", 0, stamp))
        cursor = database.cursor()
        if links:
            cursor.executemany(
                "INSERT OR IGNORE INTO relationship (source_id, target_id, type, note, "
                "created_at) VALUES (?, ?, ?, ?, ?)",
                links,
            )
        if snoozes:
            cursor.executemany(
                "INSERT INTO follow_up (contact_id, kind, due_on, text, done, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                snoozes,
            )

    def finish(self) -> None:
        """After the pull: relationships to cards that came in a later batch."""
        pending, self._unresolved = self._unresolved, {}
        for cid, related in pending.items():
            self._set_related(cid, related)

    def _set_related(self, cid: int, related: list[str]) -> None:
        wanted: set[tuple[int, str]] = set()
        for item in related:
            kind, _, key = item.partition("|")
            target = self._uid_ids.get(key)
            if target is None:
                self._unresolved[cid] = related
            elif target != cid:
                wanted.add((target, kind))
        have = {
            (r.target_id, r.type): r.id
            for r in Relationship.select().where(Relationship.source == cid)
        }
        stale = [rid for pair, rid in have.items() if pair not in wanted]
        if stale:
            Relationship.delete().where(Relationship.id.in_(stale)).execute()
        for target, kind in wanted - set(have):
            Relationship.insert(source=cid, target=target, type=kind).on_conflict_ignore().execute()

    def _set_snooze(self, cid: int, until: str) -> None:
        FollowUp.delete().where(
            (FollowUp.contact == cid)
            & (FollowUp.kind == FollowUpKind.SNOOZE.value)
            & (FollowUp.done == False)  # noqa: E712 (peewee expression)
        ).execute()
        if until:
            FollowUp.create(
                contact=cid, kind=FollowUpKind.SNOOZE.value, due_on=dt.date.fromisoformat(until)
            )

    def revived(self, fields: Fields) -> bool:
        return not fields.get("archived", False)

    def deleted_there(self, ids: list[int]) -> None:
        """A card deleted on the server archives its contact here; its history stays."""
        for chunk in chunks(ids):
            Contact.update(archived=True).where(Contact.id.in_(list(chunk))).execute()

    def changes(self, ids: set[int]) -> Changes:
        if not ids:
            return Changes()
        return Changes(
            contacts=frozenset(ids), contact_list=True, relationships=True, follow_ups=True
        )

    # --- cards -----------------------------------------------------------------------

    def parse(self, data: str) -> Parsed | None:
        result = read_vcards(
            DecodedText(data, "utf-8", None), ProblemSink("server"), region=self.region
        )
        if not result.records:
            return None
        record = result.records[0]
        c = record.contact
        related_raw: set[str] = set()
        related: list[str] = []
        for ref in record.related:
            if ref.kind == "uid":
                related.append(f"{ref.type}|{ref.value}")
                related_raw.update(ref.raw.split("\n") if ref.raw else [])
        kept_lines = [line for line in c.kept_properties.split("\n") if line.strip()]
        snoozed = ""
        for line in kept_lines:
            if line.upper().startswith(_SNOOZE):
                snoozed = parse_vcard_date(line.partition(":")[2]) or ""
        c.kept_properties = "\n".join(
            line
            for line in kept_lines
            if line not in related_raw and not line.upper().startswith(_SNOOZE)
        )
        fields = self._fields(c, bool(record.archived), sorted(related), snoozed)
        return Parsed(c.uid or "", fields, _rev_time(data))

    def serialize(self, uid: str, fields: Fields, previous: str | None) -> str:
        lines = ["BEGIN:VCARD", "VERSION:3.0", f"PRODID:{PRODID}", f"UID:{escape_value(uid)}"]
        lines.append(f"FN:{escape_value(fields.get('formatted_name', ''))}")
        family, given = fields.get("family_name", ""), fields.get("given_name", "")
        lines.append(f"N:{escape_value(family)};{escape_value(given)};;;")
        if fields.get("nickname"):
            lines.append(f"NICKNAME:{escape_value(fields['nickname'])}")
        org, dept = fields.get("organization", ""), fields.get("department", "")
        if org or dept:
            lines.append(f"ORG:{escape_value(org)}" + (f";{escape_value(dept)}" if dept else ""))
        if fields.get("title"):
            lines.append(f"TITLE:{escape_value(fields['title'])}")
        if fields.get("birthday"):
            lines.append(f"BDAY:{fields['birthday']}")
        groups = _Groups()
        for pos, (value, label) in enumerate(fields.get("emails", [])):
            lines += groups.lines(
                "EMAIL", label, escape_value(value), pref=pos == 0, extra=("INTERNET",)
            )
        for pos, (value, label) in enumerate(fields.get("phones", [])):
            lines += groups.lines("TEL", label, escape_value(value), pref=pos == 0)
        for label, *parts in fields.get("addresses", []):
            lines += groups.lines("ADR", label, ";".join(escape_value(p) for p in parts))
        for value, label in fields.get("links", []):
            lines += groups.lines("URL", label, escape_value(value))
        if fields.get("tags"):
            lines.append("CATEGORIES:" + ",".join(escape_value(t) for t in fields["tags"]))
        if fields.get("notes"):
            lines.append(f"NOTE:{escape_value(fields['notes'])}")
        if fields.get("photo"):
            kind = (image_kind(base64.b64decode(fields["photo"])) or "jpeg").upper()
            lines.append(f"PHOTO;ENCODING=b;TYPE={kind}:{fields['photo']}")
        if self.private:
            lines.append(f"X-ALLIES-LEVEL:{fields.get('level', '')}")
            lines.append(f"X-ALLIES-CIRCLE:{fields.get('circle', '')}")
            if fields.get("roles"):
                lines.append("X-ALLIES-ROLES:" + escape_value(",".join(fields["roles"])))
            lines.append(f"X-ALLIES-TRUST:{fields.get('trust', 3)}")
            if fields.get("cadence_days") is not None:
                lines.append(f"X-ALLIES-CADENCE:{fields['cadence_days']}")
            if fields.get("snoozed_until"):
                lines.append(f"{_SNOOZE}:{fields['snoozed_until']}")
        if fields.get("archived"):
            lines.append("X-ALLIES-ARCHIVED:1")
        for item in fields.get("related", []):
            kind, _, key = item.partition("|")
            lines.append(f"RELATED;TYPE=contact;X-ALLIES-TYPE={kind}:urn:uuid:{key}")
        lines += [line for line in fields.get("kept", []) if line.strip()]
        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        lines.append(f"REV:{stamp}")
        lines.append("END:VCARD")
        return "".join(fold(line) + "\r\n" for line in lines)


class _Groups:
    """Labels that are not vCard 3.0 TYPE words travel as Apple's ``itemN.X-ABLabel``."""

    def __init__(self) -> None:
        self.count = 0

    def lines(
        self,
        name: str,
        label: str,
        value: str,
        *,
        pref: bool = False,
        extra: tuple[str, ...] = (),
    ) -> list[str]:
        words = label.split()
        types = list(extra)
        custom = not all(w in LABEL_ORDER for w in words)
        if not custom:
            types += words
        if pref:
            types.append("pref")
        params = f";TYPE={','.join(types)}" if types else ""
        if not custom:
            return [f"{name}{params}:{value}"]
        self.count += 1
        group = f"item{self.count}"
        return [f"{group}.{name}{params}:{value}", f"{group}.X-ABLabel:{escape_value(label)}"]

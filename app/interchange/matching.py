"""Which contact each staged card goes to, and what the import changes (nothing written).

Cards of one import are one person when they share a UID, an e-mail or a profile (the same
person twice in a file); a shared phone number only finds a contact that is already in the
database, because distinct people share numbers (an office, a switchboard, a family's
landline). A card with nothing that identifies it is the one contact of its name only if
it adds nothing to it.

The matcher streams: the cards come from the staging file in batches of :data:`BATCH`, the
database is asked about each batch's keys, and what stays in memory is per person a few
numbers and the name, plus the identity keys seen so far (a dict each). The contacts
themselves are folded together (:func:`app.interchange.merging.merged`) only batch by
batch: for deciding whether an existing contact changes, for the preview's people, and
for the commit.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from app import settings
from app.interchange import vocab
from app.interchange.keys import email_key, linkedin_key, name_key, uid_key, uid_variants
from app.interchange.merging import Target, apply_card, comparable, merged, merged_name, start_from
from app.interchange.problems import Problem, Severity
from app.interchange.records import ContactRecord, GroupRecord, Ref
from app.interchange.staging import Staging, unpack, unpack_identity
from app.interchange.store import StoredContact, chunks, load_contacts, rows_in
from app.models import database

if TYPE_CHECKING:
    from app.interchange.importer import FilePlan

BATCH = 500
CONNECTED_SUMMARY = "Connected on LinkedIn"
PHONE_NAME_SCORE = 80.0  # rapidfuzz token_sort_ratio of folded names
KINDS = ("uid", "email", "phone", "linkedin")

# An end of a relationship: a target (>= 0) or a contact that is no target (-id).
End = int


def same_person(name: str, other: str) -> bool:
    """Whether two names may belong to one person: nearly the same words in any order, or
    one name's words all within the other's ("Anna Müller" and "Dr. Anna Müller")."""
    a, b = name_key(name), name_key(other)
    if not a or not b:
        return False
    if set(a.split()) <= set(b.split()) or set(b.split()) <= set(a.split()):
        return True
    return fuzz.token_sort_ratio(a, b) >= PHONE_NAME_SCORE


class _DatabaseKeys:
    """Which existing contacts hold the given keys (key → lowest contact id)."""

    def __init__(self) -> None:
        # An empty table holds no key: its keys are not even looked up (a first import).
        self.want = {
            kind: database.execute_sql(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]
            for kind, table in (
                ("uid", "contact"),
                ("email", "email_address"),
                ("phone", "phone_number"),
            )
        }
        self._linkedin: dict[str, int] | None = None

    def lookup(self, wanted: dict[str, set[str]]) -> dict[str, dict[str, int]]:
        uids: set[str] = set()
        if self.want["uid"]:  # no spellings to look up in an empty table
            for uid in wanted.get("uid", ()):
                uids.update(uid_variants(uid))
        found = {
            "uid": self._lookup("uid", "contact", "uid", "id", uids, uid_key),
            "email": self._lookup(
                "email",
                "email_address",
                "address",
                "contact_id",
                wanted.get("email", ()),
                email_key,
            ),
            "phone": self._lookup(
                "phone", "phone_number", "normalized", "contact_id", wanted.get("phone", ()), str
            ),
            "linkedin": {},
        }
        if wanted.get("linkedin"):
            found["linkedin"] = self.linkedin()
        return found

    def linkedin(self) -> dict[str, int]:
        if self._linkedin is None:
            self._linkedin = {}
            for url, cid in database.execute_sql(
                "SELECT url, contact_id FROM link WHERE url LIKE '%linkedin.com/in/%' "
                "ORDER BY contact_id"
            ):
                key = linkedin_key(url)
                if key:
                    self._linkedin.setdefault(key, cid)
        return self._linkedin

    def _lookup(
        self,
        kind: str,
        table: str,
        column: str,
        owner: str,
        keys: Sequence[str] | set[str],
        fold: Callable[[str], str],
    ) -> dict[str, int]:
        found: dict[str, int] = {}
        if not keys or not self.want[kind]:
            return found
        sql = f"SELECT {column}, {owner} FROM {table} WHERE {column} IN ({{marks}})"
        for value, cid in rows_in(sql, list(keys)):
            key = fold(value)
            if key not in found or cid < found[key]:
                found[key] = cid
        return found


class Matching:
    """The cards of a staging file matched to targets: the contacts the import writes.

    Targets are numbered in the order they are found; per target it keeps the contact id
    (0 for a new contact), its first card, how many cards it has, its name, and whether it
    changes. Cards carry their target in the staging file.
    """

    def __init__(
        self,
        staging: Staging,
        files: list[FilePlan],
        tick: Callable[[int], None] | None = None,
    ) -> None:
        self.staging = staging
        self.files = files
        self.sources = [f.file for f in files]
        self.own_organization = name_key(settings.get("user_organization") or "")
        self.cid = array("q")
        self.first = array("q")  # seq of the first card; 0 for a target without cards
        self.first_file = array("i")
        self.first_card = array("i")
        self.cards = array("i")
        self.names: list[str] = []
        self.changed = bytearray()
        self.by_existing: dict[int, int] = {}
        self.local: dict[str, dict[str, int]] = {kind: {} for kind in KINDS}
        self.refs: list[tuple[int, int, int, list[Ref]]] = []  # (target, file, card, refs)
        self.group_tags: dict[int, list[str]] = {}
        self.modelled: dict[int, set[str]] = {}  # kept lines that became relationships
        self.relationships: list[tuple[End, End, str, str]] = []
        self.connected_already: set[int] = set()
        self.problems: list[Problem] = []
        self._db = _DatabaseKeys()
        self._tick = tick
        for f in files:
            f.new = f.updated = f.unchanged = 0
        self._assign()
        self._resolve_references()
        self._decide_changes()

    # --- targets -------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.cid)

    def is_new(self, target: int) -> bool:
        return self.cid[target] == 0

    def _new_target(self, contact_id: int = 0) -> int:
        self.cid.append(contact_id)
        self.first.append(0)
        self.first_file.append(-1)
        self.first_card.append(0)
        self.cards.append(0)
        self.names.append("")
        self.changed.append(0)
        return len(self.cid) - 1

    def _existing(self, contact_id: int, name: str | None = None) -> int:
        target = self.by_existing.get(contact_id)
        if target is None:
            target = self._new_target(contact_id)
            self.by_existing[contact_id] = target
            self.names[target] = name if name is not None else self._name_of(contact_id)
        return target

    def _name_of(self, contact_id: int) -> str:
        row = database.execute_sql(
            "SELECT formatted_name FROM contact WHERE id = ?", (contact_id,)
        ).fetchone()
        return row[0] if row else ""

    def _add_card(
        self, target: int, seq: int, file: int, card: int, name: str, refs: list[Ref]
    ) -> None:
        if self.cards[target] == 0:
            self.first[target] = seq
            self.first_file[target] = file
            self.first_card[target] = card
            if self.cid[target] == 0:
                self.names[target] = name
                self.files[file].new += 1
            else:
                self.names[target] = merged_name(self.names[target], name)
        else:
            self.names[target] = merged_name(self.names[target], name)
            if self.cid[target] == 0:
                self.files[file].updated += 1
        self.cards[target] += 1
        if refs:
            self.refs.append((target, file, card, refs))

    # --- pass 1: which target each card goes to -----------------------------------------

    def _assign(self) -> None:
        for rows in self.staging.cards(batch=BATCH):
            cards = [(row, *unpack_identity(row[4])) for row in rows]
            wanted: dict[str, set[str]] = {kind: set() for kind in KINDS}
            for _, card_keys, _ in cards:
                for kind, value in card_keys:
                    wanted[kind].add(value)
            db = self._db.lookup(wanted)
            self._existing_names(db)
            assigned: list[tuple[int, int]] = []
            keyless: list[tuple[int, int, int, str, list[Ref]]] = []
            for (seq, file, card, name, _), card_keys, refs in cards:
                if not card_keys:
                    keyless.append((seq, file, card, name, refs))
                    continue
                target = None
                for kind, value in card_keys:
                    target = self._find(kind, value, name, db)
                    if target is not None:
                        break
                if target is None:
                    target = self._new_target()
                self._add_card(target, seq, file, card, name, refs)
                assigned.append((target, seq))
                for kind, value in card_keys:
                    self.local[kind].setdefault(value, target)
            if keyless:
                self._assign_keyless(keyless, assigned)
            self.staging.retarget(assigned)
            if self._tick is not None:
                self._tick(len(rows))

    def _existing_names(self, db: dict[str, dict[str, int]]) -> None:
        """The names of the contacts a batch found, in one query (for phone matches)."""
        ids = {cid for found in db.values() for cid in found.values()} - set(self.by_existing)
        self._names_found: dict[int, str] = {}
        for chunk in chunks(sorted(ids)):
            marks = ",".join("?" * len(chunk))
            for cid, name in database.execute_sql(
                f"SELECT id, formatted_name FROM contact WHERE id IN ({marks})", list(chunk)
            ):
                self._names_found[cid] = name

    def _find(self, kind: str, key: str, name: str, db: dict[str, dict[str, int]]) -> int | None:
        """The target of an identity key: a card of this import that had it (not for phone
        numbers, which people share), else the existing contact that has it. A phone
        number alone only finds a contact of a similar name: an office switchboard must not
        turn one colleague into another."""
        if kind != "phone":
            target = self.local[kind].get(key)
            if target is not None:
                return target
        cid = db[kind].get(key)
        if cid is None:
            return None
        target = self.by_existing.get(cid)
        if kind == "phone":
            stored_name = self._names_found.get(cid)
            if stored_name is None:
                stored_name = self._name_of(cid)
            if not same_person(name, stored_name):
                return None
        return target if target is not None else self._existing(cid, self._names_found.get(cid))

    def _assign_keyless(
        self, keyless: list[tuple[int, int, int, str, list[Ref]]], assigned: list[tuple[int, int]]
    ) -> None:
        """A card with nothing that identifies it (no UID, e-mail, phone or profile) is the
        one contact of the same name only if it adds nothing to it: importing a file again
        must not double such contacts, and different people may share a name."""
        same_name = _contacts_named({name for _, _, _, name, _ in keyless})
        single = {name: ids[0] for name, ids in same_name.items() if len(ids) == 1}
        stored = load_contacts(single.values()) if single else {}
        wanted = [seq for seq, _, _, name, _ in keyless if single.get(name) in stored]
        blobs = self.staging.data(wanted) if wanted else {}
        for seq, file, card, name, refs in keyless:
            target = None
            if seq in blobs:
                original = stored[single[name]]
                trial = Target(stored=original)
                start_from(trial, original)
                apply_card(trial, unpack(blobs[seq], self.sources[file], card))
                if trial.archived == original.archived and comparable(trial.contact) == comparable(
                    original.input
                ):
                    target = self._existing(original.id, original.input.formatted_name)
            if target is None:
                target = self._new_target()
            self._add_card(target, seq, file, card, name, refs)
            assigned.append((target, seq))

    # --- references: RELATED, X-ABRELATEDNAMES, MEMBER … ----------------------------------

    def _groups(self) -> list[tuple[int, GroupRecord]]:
        return [
            (i, g) for i, f in enumerate(self.files) if f.failed is None for g in f.group_records
        ]

    def _name_map(self) -> dict[str, int | None]:
        names: dict[str, int | None] = {}

        def add(name: str, target: int) -> None:
            key = name_key(name)
            if key:  # the same target twice changes nothing
                names[key] = target if names.get(key, target) == target else None

        for name, target in self.staging.names():
            add(name, target)
        for target, name in enumerate(self.names):
            add(name, target)
        return names

    def _resolve_references(self) -> None:
        groups = self._groups()
        if not self.refs and not groups:
            return
        wanted: dict[str, set[str]] = {kind: set() for kind in KINDS}
        for ref in (r for *_, refs in self.refs for r in refs):
            if ref.kind in ("uid", "email", "phone") and ref.value:
                wanted[ref.kind].add(ref.value)
        for ref in (m for _, g in groups for m in g.members):
            if ref.kind in ("uid", "email", "phone") and ref.value:
                wanted[ref.kind].add(ref.value)
        db = self._db.lookup(wanted)
        names = self._name_map()
        seen: set[tuple[object, object, str]] = set()
        for own, file, card, refs in self.refs:
            for ref in refs:
                other = self._ref_target(ref, names, db)
                if other is None or other == own:
                    self._unresolved(file, card, ref, group=False)
                    continue
                self.modelled.setdefault(own, set()).update(ref.raw.split("\n"))
                source, dest = (other, own) if ref.reverse else (own, other)
                key = (self._ident(source), self._ident(dest), ref.type)
                reverse_key = (key[1], key[0], ref.type)
                if key in seen or (ref.type in vocab.SYMMETRIC_TYPES and reverse_key in seen):
                    continue
                seen.add(key)
                self.relationships.append((source, dest, ref.type, ref.note))
        for file, group in groups:
            for member in group.members:
                other = self._ref_target(member, names, db)
                if other is None:
                    self._unresolved(file, group.card, member, group=True)
                    continue
                target = other if other >= 0 else self._existing(-other)
                tags = self.group_tags.setdefault(target, [])
                if group.name.casefold() not in {t.casefold() for t in tags}:
                    tags.append(group.name)

    def _ref_target(
        self, ref: Ref, names: dict[str, int | None], db: dict[str, dict[str, int]]
    ) -> End | None:
        if ref.kind == "name":
            return names.get(name_key(ref.value))
        if ref.kind not in {"uid", "email", "phone"} or not ref.value:
            return None
        target = self.local[ref.kind].get(ref.value)
        if target is not None:
            return target
        cid = db[ref.kind].get(ref.value)
        if cid is None:
            return None
        target = self.by_existing.get(cid)
        return target if target is not None else -cid

    def _ident(self, end: End) -> object:
        """A contact id, or a stand-in for a contact this import creates."""
        if end < 0:
            return -end
        return self.cid[end] or ("new", end)

    def _unresolved(self, file: int, card: int, ref: Ref, *, group: bool) -> None:
        what = "group member" if group else "related person"
        self.problems.append(
            Problem(
                self.files[file].file,
                card,
                ref.line,
                "member-unresolved" if group else "related-unresolved",
                f"The {what} {ref.value!r} is not among the imported cards or contacts; "
                + ("kept as text." if ref.raw else "ignored."),
                Severity.INFO,
            )
        )

    # --- pass 2: what changes ----------------------------------------------------------

    def _decide_changes(self) -> None:
        self._new_relationships()
        for target in range(len(self)):
            if self.cid[target] == 0:
                self.changed[target] = 1
        existing = [t for t in range(len(self)) if self.cid[t]]
        for start in range(0, len(existing), BATCH):
            batch = existing[start : start + BATCH]
            for target, stored, records, files in self.load(batch):
                if stored is None:  # deleted meanwhile: the cards make a new contact
                    del self.by_existing[self.cid[target]]
                    self.cid[target] = 0
                    self.changed[target] = 1
                    for index, file in enumerate(files):
                        f = self.files[file]
                        if index == 0:
                            f.new += 1
                        else:
                            f.updated += 1
                    continue
                made = self.merge(target, stored, records)
                self.changed[target] = (
                    self.changed[target]
                    or made.connected_on is not None
                    or made.archived != stored.archived
                    or comparable(made.contact) != comparable(stored.input)
                )
                for file in files:
                    f = self.files[file]
                    if self.changed[target]:
                        f.updated += 1
                    else:
                        f.unchanged += 1
            if self._tick is not None:
                self._tick(0)

    def _new_relationships(self) -> None:
        """Only relationships the database does not hold yet; their ends change."""
        pairs = [
            (-s if s < 0 else self.cid[s], -d if d < 0 else self.cid[d], kind)
            for s, d, kind, _ in self.relationships
        ]
        ids = sorted({a for a, b, _ in pairs if a and b})
        existing: set[tuple[int, int, str]] = set()
        for chunk in chunks(ids):
            marks = ",".join("?" * len(chunk))
            for row in database.execute_sql(
                f"SELECT source_id, target_id, type FROM relationship WHERE source_id IN ({marks})",
                list(chunk),
            ):
                existing.add(tuple(row))
        new = []
        for (source, dest, kind, note), (s, d, _) in zip(self.relationships, pairs, strict=True):
            if (
                s
                and d
                and (
                    (s, d, kind) in existing
                    or (kind in vocab.SYMMETRIC_TYPES and (d, s, kind) in existing)
                )
            ):
                continue
            new.append((source, dest, kind, note))
            for end in (source, dest):
                if end >= 0:
                    self.changed[end] = 1
        self.relationships = new

    def load(
        self, targets: Sequence[int]
    ) -> Iterator[tuple[int, StoredContact | None, list[ContactRecord], list[int]]]:
        """Each target with its stored contact (None for a new one), its cards and the
        files they come from (indexes into the plan's files)."""
        cids = [self.cid[t] for t in targets if self.cid[t]]
        stored = load_contacts(cids, relationships=True) if cids else {}
        by_target: dict[int, tuple[list[ContactRecord], list[int]]] = {}
        rows = (
            self.staging.of_targets(targets[0], targets[-1] + 1)
            if targets and targets[-1] - targets[0] + 1 == len(targets)
            else self.staging.of_target_list(targets)
        )
        for target, _, file, card, data in rows:
            records, files = by_target.setdefault(target, ([], []))
            records.append(unpack(data, self.sources[file], card))
            files.append(file)
        connected = self._already_connected(cids)
        for target in targets:
            cid = self.cid[target]
            if cid and cid in connected:
                self.connected_already.add(target)
            records, files = by_target.get(target, ([], []))
            yield target, stored.get(cid) if cid else None, records, files

    def merge(
        self, target: int, stored: StoredContact | None, records: list[ContactRecord]
    ) -> Target:
        made = merged(
            records,
            stored,
            self.own_organization,
            tags=self.group_tags.get(target, ()),
            modelled_lines=self.modelled.get(target),
            copy=False,
        )
        if target in self.connected_already:
            made.connected_on = None
        made.changed = bool(self.changed[target])
        return made

    def _already_connected(self, contact_ids: list[int]) -> set[int]:
        found: set[int] = set()
        for chunk in chunks(contact_ids):
            rows = database.execute_sql(
                "SELECT p.contact_id FROM participant p "
                "JOIN interaction i ON i.id = p.interaction_id "
                f"WHERE i.summary = ? AND p.contact_id IN ({','.join('?' * len(chunk))})",
                [CONNECTED_SUMMARY, *chunk],
            )
            found.update(r[0] for r in rows)
        return found

    def targets(self, wanted: Callable[[int], bool] | None = None) -> Iterator[Target]:
        """The merged targets in order, batch by batch (the preview's people)."""
        chosen = [t for t in range(len(self)) if wanted is None or wanted(t)]
        for start in range(0, len(chosen), BATCH):
            for target, stored, records, _ in self.load(chosen[start : start + BATCH]):
                made = self.merge(target, stored, records)
                if stored is None and self.cid[target]:
                    continue  # deleted since
                yield made


def _contacts_named(names: set[str]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    sql = "SELECT id, formatted_name FROM contact WHERE formatted_name IN ({marks}) ORDER BY id"
    for cid, name in rows_in(sql, sorted(names)):
        found.setdefault(name, []).append(cid)
    return found

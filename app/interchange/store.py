"""Bulk reads and writes of whole contacts, for imports, exports and undo.

:mod:`app.contacts` writes one contact at a time through the ORM, a few dozen statements
each; a 10,000-card import needs the same rows written with ``executemany`` in chunks
(TECH-NOTES: about five times faster than ``insert_many``). The rows are the ones
``app.contacts`` writes, so both can read what the other wrote. Callers hold the
transaction and call :func:`app.derived.refresh_derived` (not needed for contacts just
inserted, until they get interactions or exchanges) and :func:`app.contacts.reindex`
afterwards.
"""

from __future__ import annotations

import base64
import datetime as dt
import operator
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from app.cadence import default_cadences
from app.contact_fields import IMPORTED_SCALARS
from app.contacts import AddressInput, ContactInput, Labeled, phone_key
from app.models import database, now

CHUNK = 500

_SCALARS = IMPORTED_SCALARS
_ADDRESS_FIELDS = tuple(f.name for f in fields(AddressInput))


@dataclass
class StoredContact:
    """A contact as the database holds it, in the shape of the form's input."""

    id: int
    input: ContactInput
    archived: bool
    phone_keys: list[str] = field(default_factory=list)  # phone_number.normalized, in order
    relationships: list[tuple[int, int, str, str, str]] = field(default_factory=list)

    def snapshot(self) -> dict[str, object]:
        """Everything an import may change, as JSON-ready data (see :func:`restore`)."""
        data: dict[str, object] = {name: getattr(self.input, name) for name in _SCALARS}
        photo = self.input.photo
        data["photo"] = base64.b64encode(photo).decode("ascii") if photo else None
        data["roles"] = list(self.input.roles)
        data["archived"] = self.archived
        data["emails"] = [[e.value, e.label] for e in self.input.emails]
        data["phones"] = [[p.value, p.label] for p in self.input.phones]
        data["addresses"] = [[getattr(a, f) for f in _ADDRESS_FIELDS] for a in self.input.addresses]
        data["links"] = [[lk.value, lk.label] for lk in self.input.links]
        data["tags"] = list(self.input.tags)
        data["relationships"] = [list(r) for r in self.relationships]
        return data


def chunks(items: Sequence[int], size: int = CHUNK) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def rows_in(sql: str, values: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
    """The rows of ``sql`` for ``values`` in chunks of :data:`CHUNK`: ``{marks}`` in
    ``sql`` stands for the chunk's ``?`` placeholders (SQLite limits their number)."""
    for chunk in chunks(values):
        yield from database.execute_sql(sql.format(marks=_marks(len(chunk))), chunk)


def load_contacts(
    contact_ids: Iterable[int], *, relationships: bool = False
) -> dict[int, StoredContact]:
    """The contacts with every list, in a handful of queries per 500 contacts."""
    ids = sorted(set(contact_ids))
    result: dict[int, StoredContact] = {}
    columns = ", ".join(("id", *_SCALARS, "roles", "archived"))
    for chunk in chunks(ids):
        marks = _marks(len(chunk))
        for row in database.execute_sql(
            f"SELECT {columns} FROM contact WHERE id IN ({marks})", list(chunk)
        ):
            values = dict(zip(_SCALARS, row[1 : 1 + len(_SCALARS)], strict=True))
            if values["photo"] is not None:
                values["photo"] = bytes(values["photo"])
            roles = [r for r in (row[-2] or "").split(",") if r]
            result[row[0]] = StoredContact(
                row[0], ContactInput(**values, roles=roles), bool(row[-1])
            )
        args = list(chunk)
        for cid, value, label in database.execute_sql(
            f"SELECT contact_id, address, label FROM email_address WHERE contact_id IN ({marks}) "
            "ORDER BY contact_id, position, id",
            args,
        ):
            result[cid].input.emails.append(Labeled(value, label))
        for cid, value, key, label in database.execute_sql(
            f"SELECT contact_id, number, normalized, label FROM phone_number "
            f"WHERE contact_id IN ({marks}) ORDER BY contact_id, position, id",
            args,
        ):
            result[cid].input.phones.append(Labeled(value, label))
            result[cid].phone_keys.append(key)
        address_columns = ", ".join(_ADDRESS_FIELDS)
        for row in database.execute_sql(
            f"SELECT contact_id, {address_columns} FROM postal_address "
            f"WHERE contact_id IN ({marks}) ORDER BY contact_id, position, id",
            args,
        ):
            result[row[0]].input.addresses.append(AddressInput(*row[1:]))
        for cid, url, label in database.execute_sql(
            f"SELECT contact_id, url, label FROM link WHERE contact_id IN ({marks}) "
            "ORDER BY contact_id, position, id",
            args,
        ):
            result[cid].input.links.append(Labeled(url, label))
        for cid, name in database.execute_sql(
            "SELECT ct.contact_id, t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
            f"WHERE ct.contact_id IN ({marks}) ORDER BY ct.contact_id, t.name COLLATE NOCASE",
            args,
        ):
            result[cid].input.tags.append(name)
        if relationships:
            for row in database.execute_sql(
                "SELECT source_id, target_id, type, note, created_at FROM relationship "
                f"WHERE source_id IN ({marks}) OR target_id IN ({marks})",
                args + args,
            ):
                for cid in {row[0], row[1]}:
                    if cid in result:
                        result[cid].relationships.append(tuple(row))
    return result


@dataclass
class ContactRow:
    """One contact to write: the input plus what the input type does not hold."""

    input: ContactInput
    archived: bool = False
    phone_keys: list[str] = field(default_factory=list)  # "" where the number did not parse


_scalars_of = operator.attrgetter(*_SCALARS)
_address_fields_of = operator.attrgetter(*_ADDRESS_FIELDS)


def _scalar_values(row: ContactRow) -> list[object]:
    c = row.input
    return [*_scalars_of(c), ",".join(c.roles), 1 if row.archived else 0]


def insert_contacts(rows: Sequence[ContactRow], region: str) -> list[int]:
    """Insert new contacts with all their lists; returns their ids in order.

    Must run inside a write transaction (``atomic(lock_type="IMMEDIATE")`` or after a write).
    """
    # Inside the caller's write transaction nobody else can insert, so the ids that
    # follow the largest one are ours to give (one executemany instead of a row each).
    first = next_contact_id()
    write_new(new_rows(rows, region, first, NewContext.now()))
    return list(range(first, first + len(rows)))


def next_contact_id() -> int:
    return int(database.execute_sql("SELECT COALESCE(MAX(id), 0) + 1 FROM contact").fetchone()[0])


@dataclass(frozen=True)
class NewContext:
    """What the rows of new contacts take from the database and the clock: the time
    stamp, today and the default cadences (read once: an import's parsing process
    builds rows without a database, see :mod:`app.interchange.parse_worker`)."""

    stamp: str
    today: dt.date
    defaults: dict[str, int | None]

    @classmethod
    def now(cls) -> NewContext:
        stamp = now().isoformat(sep=" ")
        return cls(stamp, dt.date.fromisoformat(stamp[:10]), default_cadences())


# The rows of new contacts with their ids, as plain tuples (marshal can carry them):
# contacts, e-mails, phones, addresses, links, and (contact id, tag name) pairs.
NewRows = tuple[list[list[Any]], list[Any], list[Any], list[Any], list[Any], list[Any]]


def new_rows(rows: Sequence[ContactRow], region: str, first: int, ctx: NewContext) -> NewRows:
    """The rows of new contacts numbered from ``first``, ready for :func:`write_new`."""
    # The derived values of a contact without interactions or exchanges, written with it
    # (app.derived's rule): an UPDATE per contact afterwards would run the contact's
    # field-time trigger for every row, a third of a large import's commit.
    stamp, today, defaults = ctx.stamp, ctx.today, ctx.defaults
    dues: dict[int, str | None] = {}

    def due_on(c: ContactInput) -> str | None:
        cadence = c.cadence_days
        if cadence is None:
            cadence = defaults.get(c.level, defaults["external"])
        if cadence not in dues:
            dues[cadence] = (today + dt.timedelta(days=cadence)).isoformat() if cadence else None
        return dues[cadence]

    numbered = list(zip(range(first, first + len(rows)), rows, strict=True))
    contacts = [
        [cid, *_scalar_values(row), stamp, stamp, 0, due_on(row.input)] for cid, row in numbered
    ]
    return (contacts, *_list_rows(numbered, region))


def write_new(new: NewRows) -> list[int]:
    """Insert the rows of :func:`new_rows`; returns created tag ids."""
    contacts, *lists = new
    database.cursor().executemany(_INSERT_CONTACT, contacts)
    return _write_list_rows(*lists)  # type: ignore[arg-type]


_INSERT_CONTACT = (
    f"INSERT INTO contact (id, {', '.join(_SCALARS)}, roles, archived, created_at, "
    f"updated_at, balance, due_on) VALUES ({_marks(len(_SCALARS) + 7)})"
)


def update_contacts(rows: Sequence[tuple[int, ContactRow]], region: str) -> None:
    """Replace every field and list of existing contacts."""
    if not rows:
        return
    stamp = now().isoformat(sep=" ")
    assignments = ", ".join(f"{name} = ?" for name in (*_SCALARS, "roles", "archived"))
    database.cursor().executemany(
        f"UPDATE contact SET {assignments}, updated_at = ? WHERE id = ?",
        [[*_scalar_values(row), stamp, cid] for cid, row in rows],
    )
    ids = [cid for cid, _ in rows]
    for table in ("email_address", "phone_number", "postal_address", "link", "contact_tag"):
        for chunk in chunks(ids):
            database.execute_sql(
                f"DELETE FROM {table} WHERE contact_id IN ({_marks(len(chunk))})", list(chunk)
            )
    write_lists(list(rows), region)


def write_lists(rows: Sequence[tuple[int, ContactRow]], region: str) -> list[int]:
    """Insert e-mails, phones, addresses, links and tag links; returns created tag ids."""
    return _write_list_rows(*_list_rows(rows, region))


def _list_rows(
    rows: Sequence[tuple[int, ContactRow]], region: str
) -> tuple[list[Any], list[Any], list[Any], list[Any], list[Any]]:
    emails, phones, addresses, links = [], [], [], []
    for cid, row in rows:
        c = row.input
        for pos, e in enumerate(c.emails):
            emails.append((cid, e.value, e.label, pos))
        keys = row.phone_keys
        for pos, p in enumerate(c.phones):
            key = keys[pos] if pos < len(keys) and keys[pos] else phone_key(p.value, region)
            phones.append((cid, p.value, key, p.label, pos))
        for pos, a in enumerate(c.addresses):
            addresses.append((cid, *_address_fields_of(a), pos))
        for pos, lk in enumerate(c.links):
            links.append((cid, lk.value, lk.label, pos))
    tags = [(cid, t) for cid, row in rows for t in row.input.tags]
    return emails, phones, addresses, links, tags


def _write_list_rows(
    emails: list[Any], phones: list[Any], addresses: list[Any], links: list[Any], tags: list[Any]
) -> list[int]:
    cursor = database.cursor()
    cursor.executemany(
        "INSERT INTO email_address (contact_id, address, label, position) VALUES (?,?,?,?)", emails
    )
    cursor.executemany(
        "INSERT INTO phone_number (contact_id, number, normalized, label, position) "
        "VALUES (?,?,?,?,?)",
        phones,
    )
    cursor.executemany(
        f"INSERT INTO postal_address (contact_id, {', '.join(_ADDRESS_FIELDS)}, position) "
        f"VALUES ({_marks(len(_ADDRESS_FIELDS) + 2)})",
        addresses,
    )
    cursor.executemany(
        "INSERT INTO link (contact_id, url, label, position) VALUES (?,?,?,?)", links
    )
    tag_ids, created = ensure_tags(t for _, t in tags)
    cursor.executemany(
        "INSERT OR IGNORE INTO contact_tag (contact_id, tag_id) VALUES (?, ?)",
        [(cid, tag_ids[t.casefold()]) for cid, t in tags],
    )
    return created


def ensure_tags(names: Iterable[str]) -> tuple[dict[str, int], list[int]]:
    """Tag ids by case-folded name, creating missing tags; also the ids created."""
    wanted: dict[str, str] = {}
    for name in names:
        wanted.setdefault(name.casefold(), name)
    found: dict[str, int] = {}
    for tid, name in rows_in(
        "SELECT id, name FROM tag WHERE name IN ({marks})", list(wanted.values())
    ):
        found[name.casefold()] = tid
    created = []
    cursor = database.cursor()
    for key, name in wanted.items():
        if key not in found:
            cursor.execute("INSERT INTO tag (name) VALUES (?)", (name,))
            found[key] = cursor.lastrowid
            created.append(cursor.lastrowid)
    return found, created


def restore(contact_id: int, snapshot: dict[str, Any], region: str) -> None:
    """Put a contact back to a :meth:`StoredContact.snapshot` (undo of an import)."""
    photo = snapshot["photo"]
    # A snapshot from before schema 2 has no name parts: they were empty then.
    values = {name: snapshot.get(name, "") for name in _SCALARS}
    values["photo"] = base64.b64decode(photo) if photo else None
    contact = ContactInput(
        **values,
        roles=list(snapshot["roles"]),
        emails=[Labeled(*e) for e in snapshot["emails"]],
        phones=[Labeled(*p) for p in snapshot["phones"]],
        addresses=[AddressInput(*a) for a in snapshot["addresses"]],
        links=[Labeled(*lk) for lk in snapshot["links"]],
        tags=list(snapshot["tags"]),
    )
    update_contacts([(contact_id, ContactRow(contact, bool(snapshot["archived"])))], region)
    database.execute_sql(
        "DELETE FROM relationship WHERE source_id = ? OR target_id = ?", (contact_id, contact_id)
    )
    database.cursor().executemany(
        "INSERT OR IGNORE INTO relationship (source_id, target_id, type, note, created_at) "
        "SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM contact WHERE id = ?) "
        "AND EXISTS (SELECT 1 FROM contact WHERE id = ?)",
        [(*r, r[0], r[1]) for r in snapshot["relationships"]],
    )


def copy_input(c: ContactInput) -> ContactInput:
    """A copy whose lists can change without touching ``c`` (``dataclasses.replace`` would
    run the constructor again: a tenth of the matching time for a large import)."""
    new = object.__new__(type(c))  # copy.copy without its __reduce_ex__ round trip
    new.__dict__.update(c.__dict__)
    new.roles = list(c.roles)
    new.emails = list(c.emails)
    new.phones = list(c.phones)
    new.addresses = list(c.addresses)
    new.links = list(c.links)
    new.tags = list(c.tags)
    return new

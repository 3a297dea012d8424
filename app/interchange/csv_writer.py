"""CSV export in the layout of Google Contacts' "Google CSV" (the one with a ``Name`` column).

A spreadsheet reads it, Google Contacts imports it, and so does Allies: the formatted name
has its own column, tags are ``Group Membership``, relationships are ``Relation`` columns
(the other person by name) and the Allies fields are custom fields named ``Allies …``.
Photos and properties Allies does not model are not written: vCard is the lossless format.
Cells a spreadsheet would run as a formula are written with a leading ``'`` (OWASP), which
Allies' own CSV import takes off again (rows that carry an ``Allies UID``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from app.interchange.selection import ensure_uids, selected_ids
from app.interchange.store import StoredContact, chunks, load_contacts
from app.models import database

_LABELS = {
    "home": "Home",
    "work": "Work",
    "other": "Other",
    "cell": "Mobile",
    "main": "Main",
    "home fax": "Home Fax",
    "work fax": "Work Fax",
    "pager": "Pager",
}
_ADDRESS_PARTS = (
    ("Street", "street"),
    ("City", "locality"),
    ("PO Box", "po_box"),
    ("Region", "region"),
    ("Postal Code", "postal_code"),
    ("Country", "country"),
    ("Extended Address", "extended"),
)


def export_csv(
    out: TextIO, contact_ids: Iterable[int] | None = None, *, tag: str | None = None
) -> int:
    """Write the contacts as CSV to ``out`` (open files with ``newline=""``); returns the count."""
    ids = selected_ids(contact_ids, tag)
    uids = ensure_uids(ids)
    contacts: dict[int, StoredContact] = {}
    for chunk in chunks(ids):
        contacts.update(load_contacts(chunk, relationships=True))
    names = _names({t for c in contacts.values() for _, t, *_ in c.relationships})
    rows = [_row(contacts[cid], uids, names) for cid in ids]
    header = _header(rows)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralised(row.get(column, "")) for column in header])
    return len(ids)


# OWASP "CSV Injection": a cell that starts with one of these is run as a formula by some
# spreadsheet (LibreOffice: "=", Excel: all of them); a leading "'" makes it text. A cell
# that starts with "'" gets one more, so that our import can take exactly one off again
# (csv_reader.FORMULA_MARK) and every value comes back as it was.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def neutralised(cell: str) -> str:
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def _names(ids: set[int]) -> dict[int, str]:
    names: dict[int, str] = {}
    for chunk in chunks(sorted(ids)):
        marks = ",".join("?" * len(chunk))
        names.update(
            database.execute_sql(
                f"SELECT id, formatted_name FROM contact WHERE id IN ({marks})", list(chunk)
            ).fetchall()
        )
    return names


def _label(label: str, primary: bool) -> str:
    text = _LABELS.get(label, label)
    return f"* {text}" if primary and text else text


def _row(stored: StoredContact, uids: dict[int, str], names: dict[int, str]) -> dict[str, str]:
    c = stored.input
    row = {
        "Name": c.formatted_name,
        "Given Name": c.given_name,
        "Additional Name": c.additional_names,
        "Family Name": c.family_name,
        "Name Prefix": c.name_prefix,
        "Name Suffix": c.name_suffix,
        "Nickname": c.nickname,
        "Birthday": c.birthday or "",
        "Notes": c.notes,
        "Group Membership": " ::: ".join(c.tags),
        "Organization 1 - Name": c.organization,
        "Organization 1 - Title": c.title,
        "Organization 1 - Department": c.department,
    }
    for n, email in enumerate(c.emails, start=1):
        row[f"E-mail {n} - Type"] = _label(email.label, n == 1)
        row[f"E-mail {n} - Value"] = email.value
    for n, phone in enumerate(c.phones, start=1):
        row[f"Phone {n} - Type"] = _label(phone.label, n == 1)
        row[f"Phone {n} - Value"] = phone.value
    for n, a in enumerate(c.addresses, start=1):
        row[f"Address {n} - Type"] = _label(a.label, False)
        for column, attribute in _ADDRESS_PARTS:
            row[f"Address {n} - {column}"] = getattr(a, attribute)
    for n, link in enumerate(c.links, start=1):
        row[f"Website {n} - Type"] = _label(link.label, False)
        row[f"Website {n} - Value"] = link.value
    relations = [
        (note if kind == "knows" and note else kind, names[target])
        for source, target, kind, note, _ in stored.relationships
        if source == stored.id and target in names
    ]
    for n, (kind, name) in enumerate(relations, start=1):
        row[f"Relation {n} - Type"] = kind
        row[f"Relation {n} - Value"] = name
    custom = [
        ("Allies UID", uids.get(stored.id, "")),
        ("Allies level", c.level),
        ("Allies circle", c.circle),
        ("Allies roles", ",".join(c.roles)),
        ("Allies trust", str(c.trust)),
        ("Allies cadence", "" if c.cadence_days is None else str(c.cadence_days)),
        ("Allies archived", "1" if stored.archived else ""),
    ]
    for n, (label, value) in enumerate(((k, v) for k, v in custom if v), start=1):
        row[f"Custom Field {n} - Type"] = label
        row[f"Custom Field {n} - Value"] = value
    return row


def _header(rows: list[dict[str, str]]) -> list[str]:
    """Fixed columns first, then as many numbered columns as the widest contact needs."""
    fixed = [
        "Name",
        "Given Name",
        "Additional Name",
        "Family Name",
        "Name Prefix",
        "Name Suffix",
        "Nickname",
        "Birthday",
        "Notes",
        "Group Membership",
    ]
    counts: dict[str, int] = {}
    for row in rows:
        for column in row:
            kind, sep, rest = column.rpartition(" - ")
            if sep and kind.split()[-1].isdigit():
                prefix, _, n = kind.rpartition(" ")
                counts[prefix] = max(counts.get(prefix, 0), int(n))
    parts = {
        "E-mail": ("Type", "Value"),
        "Phone": ("Type", "Value"),
        "Address": ("Type", *(column for column, _ in _ADDRESS_PARTS)),
        "Organization": ("Name", "Title", "Department"),
        "Website": ("Type", "Value"),
        "Relation": ("Type", "Value"),
        "Custom Field": ("Type", "Value"),
    }
    columns = list(fixed)
    for prefix, fields in parts.items():
        for n in range(1, max(counts.get(prefix, 0), 1) + 1):
            columns += [f"{prefix} {n} - {f}" for f in fields]
    return columns

"""The rows an import writes, pinned by a digest: a faster importer must write the same.

Every sample file in ``shared/data`` and in ``tests/interchange`` is imported into one
database, file after file (later files update contacts of earlier ones), then all of them
again in one import (cross-file matching, unchanged cards), then the last import is undone
and done once more. The digest covers every row the import touches (contacts with every
list, tags, relationships, interactions, the search index, the undo log) except what
depends on the clock. The expected digests were taken on main before the importer was made
faster (issue 17); a change to what an import writes on purpose updates them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import peewee

from app.interchange import InlineData, commit_import, plan_import, undo_last_import
from app.models import database

from .conftest import DATA

HERE = Path(__file__).parent
FILES = sorted(
    [p for p in DATA.rglob("*") if p.suffix.lower() in {".vcf", ".csv"}],
    key=lambda p: str(p.relative_to(DATA)),
) + sorted(p for p in (HERE / "fuzz_regressions").iterdir() if p.suffix in {".vcf", ".csv"})

# The samples relate nobody: relationships by UID, e-mail and name, and a group card.
RELATED = InlineData(
    "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:0a1\r\nFN:Ada Related\r\n"
    "EMAIL:ada@example.com\r\nRELATED;TYPE=spouse:urn:uuid:0a2\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:0a2\r\nFN:Bob Related\r\n"
    "RELATED;TYPE=colleague:mailto:ada@example.com\r\n"
    "item1.X-ABRELATEDNAMES:Ada Related\r\nitem1.X-ABLabel:_$!<Sister>!$_\r\n"
    "X-MS-MANAGER:Cy Related\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Related\r\nTEL:030 1234567\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:group\r\nFN:Related People\r\n"
    "MEMBER:urn:uuid:0a1\r\nMEMBER:urn:uuid:0a2\r\nEND:VCARD\r\n",
    "related.vcf",
)

# Columns that hold the clock (or a random UID given by a trigger), left out of the digest.
CLOCK = {"created_at", "updated_at", "started_at", "due_on", "changed_at"}
TABLES = {
    "contact": "id",
    "email_address": "id",
    "phone_number": "id",
    "postal_address": "id",
    "link": "id",
    "tag": "id",
    "contact_tag": "contact_id, tag_id",
    "relationship": "id",
    "interaction": "id",
    "participant": "interaction_id, contact_id",
    "import_batch": "id",
    "import_change": "id",
}
SEARCH = {
    "contact_search": "rowid, name, organization, emails, tags, notes",
    "interaction_search": "rowid, summary, notes, trades, names",
}


def table_digests() -> dict[str, str]:
    digests = {}
    for table, order in TABLES.items():
        columns = [
            row[1]
            for row in database.execute_sql(f"PRAGMA table_info({table})")
            if row[1] not in CLOCK and not (table == "interaction" and row[1] == "uid")
        ]
        digest = hashlib.sha256()
        for row in database.execute_sql(
            f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}"
        ):
            if table == "import_change" and row[-1]:
                row = (*row[:-1], _without_clock(row[-1]))
            if table == "import_batch":
                row = tuple(_without_folders(v) if isinstance(v, str) else v for v in row)
            digest.update(repr(row).encode("utf-8", "surrogatepass"))
        digests[table] = digest.hexdigest()[:16]
    for table, columns in SEARCH.items():
        digest = hashlib.sha256()
        for row in database.execute_sql(f"SELECT {columns} FROM {table} ORDER BY rowid"):
            digest.update(repr(row).encode("utf-8", "surrogatepass"))
        digests[table] = digest.hexdigest()[:16]
    return digests


def _without_folders(sources: str) -> str:
    """A batch's source files named from the samples' folders (the checkout's place on
    disk is not what an import writes)."""
    for folder, name in ((DATA.resolve(), "DATA"), (DATA, "DATA"), (HERE.resolve(), "HERE")):
        sources = sources.replace(str(folder), name)
    return sources


def _without_clock(before: str) -> str:
    """An update's snapshot without its relationships' creation times."""
    snapshot = json.loads(before)
    snapshot["relationships"] = [r[:4] for r in snapshot.get("relationships", [])]
    return json.dumps(snapshot, sort_keys=True)


def import_everything() -> list[dict[str, str]]:
    stages = []
    for path in [*FILES, RELATED]:
        commit_import(plan_import([path], region="DE"))
    stages.append(table_digests())
    commit_import(plan_import([*FILES, RELATED], region="DE"))
    stages.append(table_digests())
    undo_last_import()
    commit_import(plan_import([RELATED, *reversed(FILES)], region="DE"))
    stages.append(table_digests())
    return stages


EXPECTED: list[dict[str, str]] = [
    {
        "contact": "a8630633f95b0b62",
        "contact_search": "8517c18506323108",
        "contact_tag": "c1ca569eae0eed6a",
        "email_address": "293fa92e463a6d7c",
        "import_batch": "9eb8bcda37aaf740",
        "import_change": "6524a1b6831f944c",
        "interaction": "126381e12c0b0683",
        "interaction_search": "07dee42d769849b7",
        "link": "fffa17f911321033",
        "participant": "11ea8371a308a5c0",
        "phone_number": "9ecd73141a46a249",
        "postal_address": "9b1f1dd47c623ab4",
        "relationship": "4b7020aa4874b637",
        "tag": "43d0272acc77c400",
    },
    {
        "contact": "e59a29c7db58f64a",
        "contact_search": "d44c2a9cb40c25bf",
        "contact_tag": "c1ca569eae0eed6a",
        "email_address": "1063abe0f22ae6cc",
        "import_batch": "a7ff3963d08f7c40",
        "import_change": "dd4ec13881200dcc",
        "interaction": "126381e12c0b0683",
        "interaction_search": "07dee42d769849b7",
        "link": "dd8466eb0c36d065",
        "participant": "11ea8371a308a5c0",
        "phone_number": "43904b9844e54617",
        "postal_address": "ccfb249b6aab2ea5",
        "relationship": "baa986359c88797e",
        "tag": "43d0272acc77c400",
    },
    {
        "contact": "f36be3c0b475fc47",
        "contact_search": "ba4a64c55814f6a6",
        "contact_tag": "c1ca569eae0eed6a",
        "email_address": "1063abe0f22ae6cc",
        "import_batch": "030c15f548d19b6b",
        "import_change": "c215aa406afd33ad",
        "interaction": "126381e12c0b0683",
        "interaction_search": "07dee42d769849b7",
        "link": "dd8466eb0c36d065",
        "participant": "11ea8371a308a5c0",
        "phone_number": "6558a04c20b4cbe6",
        "postal_address": "ccfb249b6aab2ea5",
        "relationship": "821dae3d188e0386",
        "tag": "43d0272acc77c400",
    },
]


def test_the_rows_of_every_sample_are_those_of_main(db: peewee.SqliteDatabase) -> None:
    assert len(FILES) >= 60
    assert import_everything() == EXPECTED

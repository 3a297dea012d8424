"""Planning and committing imports: matching, one transaction, cancel, undo, bad files."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import peewee
import pytest
from rapidfuzz import fuzz

from app.contacts import (
    ContactFilter,
    ContactInput,
    Labeled,
    create_contact,
    normalize_phone,
    query_contact_ids,
)
from app.errors import Cancelled
from app.interchange import InlineData, commit_import, plan_import, undo_last_import
from app.interchange.store import load_contacts
from app.models import (
    Contact,
    ContactSearch,
    ImportBatch,
    ImportChange,
    Interaction,
    Relationship,
    Tag,
    database,
)

from .conftest import Importer, all_contacts, codes, contact, sample

REPO = Path(__file__).parents[2]


def vcard(*lines: str) -> str:
    return "\r\n".join(["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD"]) + "\r\n"


def table_counts() -> dict[str, int]:
    tables = [t for t in database.get_tables() if not t.startswith("contact_search_")]
    return {t: database.execute_sql(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


def snapshot() -> dict[int, object]:
    ids = [c.id for c in Contact.select(Contact.id)]
    return {
        cid: (s.input, s.archived, sorted(s.relationships))
        for cid, s in load_contacts(ids, relationships=True).items()
    }


def test_uid_then_email_then_phone_update_instead_of_creating(do_import: Importer) -> None:
    do_import(
        vcard("FN:By Uid", "UID:urn:uuid:0A0B0C0D-0000-4000-8000-000000000001")
        + vcard("FN:By Mail", "EMAIL:Mail@Example.com")
        + vcard("FN:By Phone", "TEL:+49 30 1234567")
    )
    plan, result = do_import(
        vcard("FN:By Uid Renamed", "UID:0a0b0c0d-0000-4000-8000-000000000001")
        + vcard("FN:By Mail", "EMAIL:mail@EXAMPLE.com", "TITLE:Chefin")
        + vcard("FN:By Phone", "TEL:030 1234567", "ORG:ACME")
    )
    assert (result.created, result.updated, plan.updated) == (0, 3, 3)
    assert set(all_contacts()) == {"By Uid Renamed", "By Mail", "By Phone"}
    assert contact("By Mail").title == "Chefin"
    assert contact("By Phone").phones[0].value == "+49 30 1234567"


def test_a_shared_phone_joins_no_cards_of_one_import(do_import: Importer) -> None:
    # Two colleagues with the office switchboard, and one person twice (same e-mail).
    plan, result = do_import(
        vcard("FN:Ada Office", "TEL:030 1234567", "EMAIL:ada@example.com")
        + vcard("FN:Bert Office", "TEL;TYPE=WORK:+49 30 1234567")
        + vcard("FN:Ada Again", "EMAIL:ADA@example.com", "TITLE:CTO")
    )
    assert (result.created, plan.new, plan.updated) == (2, 2, 1)
    assert set(all_contacts()) == {"Ada Again", "Bert Office"}
    assert contact("Ada Again").title == "CTO"
    assert contact("Bert Office").phones[0].value == "+49 30 1234567"


def test_a_phone_alone_only_finds_a_contact_of_a_similar_name(do_import: Importer) -> None:
    do_import(vcard("FN:Anna Müller", "TEL:+49 40 123456"))
    plan, result = do_import(
        vcard("FN:Bert Meier", "TEL:040 123456")  # the same switchboard: another person
        + vcard("FN:Dr. Anna Müller", "TEL:+49 40 123456", "TITLE:Prokuristin")
    )
    assert (result.created, result.updated) == (1, 1)
    assert set(all_contacts()) == {"Dr. Anna Müller", "Bert Meier"}
    assert contact("Dr. Anna Müller").title == "Prokuristin"


def test_reimport_changes_nothing(do_import: Importer) -> None:
    do_import("vcards/ez-vcard/John_Doe_IPHONE.vcf", "csv/google/google_contacts_legacy_format.csv")
    before = snapshot()
    plan, result = do_import(
        "vcards/ez-vcard/John_Doe_IPHONE.vcf", "csv/google/google_contacts_legacy_format.csv"
    )
    assert (result.created, result.updated, result.batch_id) == (0, 0, None)
    assert plan.unchanged == 7 and snapshot() == before


def test_an_update_keeps_what_allies_knows_and_unites_the_lists(do_import: Importer) -> None:
    cid, _ = create_contact(
        ContactInput(
            "Anna Berg",
            level="above",
            trust=5,
            notes="Met at the fair.",
            emails=[Labeled("anna@example.com", "work")],
            tags=["Kunde"],
        )
    )
    do_import(
        vcard(
            "FN:Anna Berg",
            "EMAIL;TYPE=HOME:anna@private.example",
            "EMAIL:ANNA@example.com",
            "TEL;TYPE=CELL:0151 2345678",
            "NOTE:Likes hiking.",
            "CATEGORIES:VIP",
        )
    )
    c = load_contacts([cid])[cid].input
    assert (c.level, c.trust) == ("above", 5)
    assert [e.value for e in c.emails] == ["anna@example.com", "anna@private.example"]
    assert c.notes == "Met at the fair.\n\nLikes hiking."
    assert c.tags == ["Kunde", "VIP"]
    assert c.phones[0].value == normalize_phone("0151 2345678", "DE")[0]


def test_cards_of_one_import_resolve_each_other(do_import: Importer) -> None:
    do_import(
        vcard(
            "FN:Alice",
            "UID:alice-1",
            "RELATED;TYPE=co-worker:urn:uuid:bob-2",
            "X-MS-MANAGER:Carol Chef",
            "item1.X-ABRELATEDNAMES:dave@example.com",
            "item1.X-ABLabel:Mentor",
        )
        + vcard("FN:Bob", "UID:bob-2", "RELATED;TYPE=colleague:urn:uuid:alice-1")
        + vcard("FN:Carol Chef")
        + vcard(
            "FN:Dave", "EMAIL:dave@example.com", "RELATED;TYPE=contact:mailto:nobody@example.com"
        )
    )
    links = {
        (r.source.formatted_name, r.target.formatted_name, r.type) for r in Relationship.select()
    }
    assert links == {
        ("Alice", "Bob", "colleague"),  # said twice, once each way: one link
        ("Alice", "Carol Chef", "reports-to"),
    }
    # A name that is an e-mail is still a name; the unknown mailto: stays a kept line.
    assert "RELATED;TYPE=contact:mailto:nobody@example.com" in contact("Dave").kept_properties


def test_references_to_existing_contacts_by_uid(do_import: Importer) -> None:
    do_import(vcard("FN:Boss", "UID:urn:uuid:b0550000-0000-4000-8000-000000000000"))
    do_import(
        vcard("FN:Worker", "RELATED;TYPE=co-worker:urn:uuid:B0550000-0000-4000-8000-000000000000")
        + vcard(
            "FN:Team",
            "X-ADDRESSBOOKSERVER-KIND:group",
            "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:b0550000-0000-4000-8000-000000000000",
        )
    )
    (rel,) = Relationship.select()
    assert (rel.source.formatted_name, rel.target.formatted_name) == ("Worker", "Boss")
    assert contact("Boss").tags == ["Team"]


def test_near_identical_names_are_merge_candidates_not_merges(do_import: Importer) -> None:
    do_import(vcard("FN:Jonathan Müller", "EMAIL:jm@example.com"))
    plan, result = do_import(
        vcard("FN:Jonathon Mueller", "EMAIL:other@example.com") + vcard("FN:Zoe Quinn")
    )
    assert result.created == 2
    existing = contact("Jonathan Müller")
    (candidate,) = plan.merge_candidates
    assert (candidate.name, candidate.other_name) == ("Jonathon Mueller", "Jonathan Müller")
    assert candidate.contact_id is not None and candidate.score >= 90
    assert existing.emails[0].value == "jm@example.com"
    score = fuzz.token_sort_ratio("jonathon mueller", "jonathan muller")
    assert candidate.score == pytest.approx(score, abs=1e-4)  # cdist scores are float32


def test_merge_candidates_compare_names_word_order_aside(do_import: Importer) -> None:
    plan, _ = do_import(
        vcard("FN:Anna Maria Schmidt", "EMAIL:a@example.com")
        + vcard("FN:Schmidt\\, Anna-Maria", "EMAIL:b@example.com")
        + vcard("FN:Anna Marie Schmid", "EMAIL:c@example.com")
    )
    found = {(m.card, m.other_card): m.score for m in plan.merge_candidates}
    assert found[(1, 2)] == 100.0
    score = fuzz.token_sort_ratio("anna maria schmidt", "anna marie schmid")
    assert found[(1, 3)] == pytest.approx(score, abs=1e-4)
    assert all(m.other_file == m.file and m.contact_id is None for m in plan.merge_candidates)


def test_commit_matches_again_if_the_database_changed(db: peewee.SqliteDatabase) -> None:
    plan = plan_import([InlineData(vcard("FN:Late Bird", "EMAIL:late@example.com"))], region="DE")
    assert plan.new == 1
    create_contact(ContactInput("Late", emails=[Labeled("late@example.com")]))
    result = commit_import(plan)
    assert (result.created, result.updated) == (0, 1)
    assert set(all_contacts()) == {"Late Bird"}


def test_derived_values_and_search_are_kept_in_step(do_import: Importer) -> None:
    _, result = do_import("csv/linkedin/Connections_2018_format.csv")
    claus = Contact.get(Contact.formatted_name == "Claus Eksempel")
    assert str(claus.last_contact) == "2018-01-08" and claus.due_on is not None
    assert query_contact_ids(ContactFilter(text="Eksemp")) == [claus.id]
    assert ContactSearch.select().count() == result.created == 7


def test_inline_vcard_data_as_bytes_and_text(do_import: Importer) -> None:
    data = vcard("FN:Dragged From Mail", "EMAIL:drag@example.com")
    plan, result = do_import(InlineData(data.encode("utf-16")), InlineData(data, "mail.vcf"))
    assert result.created == 1 and plan.files[1].file == "mail.vcf"


def test_unreadable_files_import_nothing_and_say_why(do_import: Importer, tmp_path: Path) -> None:
    do_import(vcard("FN:Already Here", "EMAIL:here@example.com"))
    before = table_counts()
    binary = tmp_path / "photo.vcf"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(4096))
    empty = tmp_path / "empty.vcf"
    empty.write_bytes(b"")
    text = tmp_path / "notes.txt"
    text.write_text("Dear diary,\nnothing to import here.\n")
    plan, result = do_import(binary, empty, text, tmp_path / "missing.vcf", tmp_path)
    assert [f.failed.code for f in plan.files if f.failed] == [
        "file-binary",
        "file-empty",
        "file-unknown-format",
        "file-not-found",
        "file-unreadable",
    ]
    assert all(f.failed.reason and f.error() for f in plan.files if f.failed)
    assert result.batch_id is None and table_counts() == before


def test_a_50_mb_photo_is_refused_and_nothing_else_changes(
    do_import: Importer, tmp_path: Path
) -> None:
    do_import(vcard("FN:Already Here", "EMAIL:here@example.com"))
    before = snapshot()
    encoded = base64.b64encode(b"\xff\xd8\xff" + bytes(50 * 1024 * 1024 - 3)).decode()
    lines = ["BEGIN:VCARD", "VERSION:3.0", "FN:Big Photo", "PHOTO;ENCODING=b;TYPE=JPEG:"]
    body = "\r\n ".join(encoded[i : i + 74] for i in range(0, len(encoded), 74))
    path = tmp_path / "big.vcf"
    path.write_text("\r\n".join(lines) + body + "\r\nEMAIL:big@example.com\r\nEND:VCARD\r\n")
    plan, result = do_import(path)
    assert codes(plan) == ["photo-too-large"]
    assert "limit" in plan.problems[0].reason and plan.problems[0].card == 1
    big = contact("Big Photo")
    assert big.photo is None and big.emails[0].value == "big@example.com"
    assert big.vcard_source is None  # too large to keep as the original text
    after = snapshot()
    del after[result.created_ids[0]]
    assert after == before


def test_cancel_during_commit_rolls_back(do_import: Importer) -> None:
    do_import(vcard("FN:Keep Me"))
    before = table_counts()
    plan = plan_import([sample("vcards/VCards/Examples__LargeFile.vcf")], region="DE")
    seen: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        commit_import(
            plan,
            progress=lambda done, total: seen.append((done, total)),
            cancel=lambda: len(seen) > 1,
        )
    assert table_counts() == before
    assert seen and seen[-1][1] >= 1000


def test_cancel_during_planning(db: peewee.SqliteDatabase) -> None:
    with pytest.raises(Cancelled):
        plan_import([sample("vcards/VCards/Examples__LargeFile.vcf")], cancel=lambda: True)


def test_progress_is_reported_up_to_the_total(db: peewee.SqliteDatabase) -> None:
    reports: list[tuple[int, int]] = []
    plan = plan_import(
        [sample("vcards/VCards/Examples__LargeFile.vcf")],
        progress=lambda d, t: reports.append((d, t)),
    )
    assert reports[-1][0] == reports[-1][1] and len(reports) > 5
    assert [d for d, _ in reports] == sorted(d for d, _ in reports)
    commit_import(plan, progress=lambda d, t: reports.append((d, t)))
    assert reports[-1][0] == reports[-1][1]


def test_undo_last_import_removes_and_restores(do_import: Importer) -> None:
    _, first = do_import(
        vcard("FN:Anna", "EMAIL:anna@example.com", "NOTE:original", "CATEGORIES:Old")
        + vcard("FN:Ben", "EMAIL:ben@example.com")
    )
    before = snapshot()
    tags_before = {t.name for t in Tag.select()}
    _, second = do_import(
        vcard("FN:Anna Changed", "EMAIL:anna@example.com", "NOTE:more", "CATEGORIES:New")
        + vcard("FN:Carl", "EMAIL:carl@example.com", "X-MS-MANAGER:Anna Changed")
        + vcard("FN:Team", "KIND:group", "MEMBER:mailto:ben@example.com")
    )
    assert (second.created, second.updated) == (1, 2)
    actions = [c.action for c in ImportChange.select().where(ImportChange.batch == second.batch_id)]
    assert sorted(actions) == ["created", "tag-created", "tag-created", "updated", "updated"]
    rows = ImportChange.select().where(ImportChange.batch == second.batch_id)
    new_tags = {t.id for t in Tag.select().where(Tag.name.in_(["New", "Team"]))}
    assert {r.tag_id for r in rows if r.action == "tag-created"} == new_tags
    assert all(r.contact_id is None for r in rows if r.action == "tag-created")
    assert all(r.tag_id is None and r.contact_id for r in rows if r.action != "tag-created")
    undone = undo_last_import()
    assert undone is not None and (undone.batch_id, undone.removed, undone.restored) == (
        second.batch_id,
        1,
        2,
    )
    assert snapshot() == before and {t.name for t in Tag.select()} == tags_before
    assert Relationship.select().count() == 0
    assert ImportBatch.get_by_id(second.batch_id).undone
    again = undo_last_import()
    assert again is not None and again.batch_id == first.batch_id
    assert not all_contacts() and Tag.select().count() == 0
    assert undo_last_import() is None


def test_undo_removes_the_linkedin_interactions(do_import: Importer) -> None:
    do_import("csv/linkedin/Connections_2018_format.csv")
    assert Interaction.select().count() == 7
    undo_last_import()
    assert Interaction.select().count() == 0 and Contact.select().count() == 0


def test_malformed_linkedin_rows_are_repaired_or_rejected(
    do_import: Importer, tmp_path: Path
) -> None:
    rows = sample("csv/linkedin/Connections_user_edited_malformed.csv").read_text()
    path = tmp_path / "Connections.csv"
    header = "First Name,Last Name,Email Address,Company,Position,Connected On\n"
    path.write_text(header + rows + "Broken,Row,with,too,many,fields,here\n")
    plan, result = do_import(path)
    assert result.created == 5
    laura = contact("Laura Muster")
    assert (laura.organization, laura.title) == (
        "Example Gruppe",
        "Digital Products & Technology, Working Student",
    )
    serena = contact("Serena Example, MBA")
    assert (serena.organization, serena.title) == ("IABG-Example", "Senior Recruiter")
    assert contact("Nikolay Primer").organization == "Example Instruments, Inc."
    assert codes(plan).count("row-repaired") == 3
    (rejected,) = [p for p in plan.problems if p.code == "row-field-count"]
    assert (rejected.card, rejected.line) == (6, 7)


def test_the_import_modules_do_not_load_qt() -> None:
    code = (
        "import sys, app.interchange, app.interchange.importer;"
        "assert 'PySide6' not in sys.modules, 'Qt loaded'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)


def test_a_search_row_left_past_the_last_contact_gives_way(do_import: Importer) -> None:
    """New contacts are indexed without deleting rows first, unless the index holds a row
    past the last contact (left by some bug): then it is replaced, not a failed import."""
    database.execute_sql(
        "INSERT INTO contact_search (rowid, name, organization, emails, tags, notes) "
        "VALUES (1, 'Stale', '', '', '', '')"
    )
    _, result = do_import("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fresh Person\r\nEND:VCARD\r\n")
    assert result.created_ids == [1]

    def found(word: str) -> list[int]:
        return [
            row[0]
            for row in database.execute_sql(
                "SELECT rowid FROM contact_search WHERE contact_search MATCH ?", (word,)
            )
        ]

    assert (found("Stale"), found("Fresh")) == ([], [1])
    do_import("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Second Person\r\nEND:VCARD\r\n")
    assert (found("Fresh"), found("Second")) == ([1], [2])

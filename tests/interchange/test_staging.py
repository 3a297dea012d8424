"""Issue 17: an import streams its cards through a private staging file (SPEC §4, §7)."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import peewee
import pytest

from app.derived import computed_balance, computed_last_contact
from app.errors import Cancelled, ImportFailed
from app.interchange import InlineData, commit_import, importer, matching, plan_import, staging
from app.models import Contact

from .conftest import all_contacts


def card(name: str, email: str = "", extra: str = "") -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{name}"]
    if email:
        lines.append(f"EMAIL:{email}")
    if extra:
        lines.append(extra)
    return "\r\n".join([*lines, "END:VCARD", ""])


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder, for this test alone."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def staged_files(root: Path) -> list[Path]:
    return sorted(root.glob(f"allies-import-*/{staging.PREFIX}*{staging.SUFFIX}"))


def test_the_staging_file_is_private_while_the_plan_lives_and_gone_after_the_commit(
    db: peewee.SqliteDatabase, private_tmp: Path
) -> None:
    plan = plan_import([InlineData(card("Ada", "ada@example.com"))], region="DE")
    (path,) = staged_files(private_tmp)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    commit_import(plan)
    assert staged_files(private_tmp) == []
    assert set(all_contacts()) == {"Ada"}
    with pytest.raises(ImportFailed):
        commit_import(plan)  # a plan is committed once


def test_a_dropped_or_cancelled_plan_leaves_no_staging_file(
    db: peewee.SqliteDatabase, private_tmp: Path
) -> None:
    plan = plan_import([InlineData(card("Ada"))], region="DE")
    assert staged_files(private_tmp)
    del plan  # the preview closed without importing
    assert staged_files(private_tmp) == []

    data = "".join(card(f"P{i}", f"p{i}@example.com") for i in range(300))
    with pytest.raises(Cancelled):
        plan_import([InlineData(data)], cancel=lambda: True, region="DE")
    assert staged_files(private_tmp) == []

    plan = plan_import([InlineData(data)], region="DE")
    plan.close()
    assert staged_files(private_tmp) == []
    assert Contact.select().count() == 0


def test_staging_files_of_a_killed_process_are_removed_by_the_next_import(
    db: peewee.SqliteDatabase, private_tmp: Path
) -> None:
    folder = staging.staging_folder()
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead = folder / f"{staging.PREFIX}{gone.stdout.strip()}-left{staging.SUFFIX}"
    mine = folder / f"{staging.PREFIX}{os.getpid()}-open{staging.SUFFIX}"
    other = folder / "unrelated.txt"
    for path in (dead, mine, other):
        path.write_bytes(b"x")
    plan = plan_import([InlineData(card("Ada"))], region="DE")
    assert not dead.exists()
    assert mine.exists() and other.exists()  # a live process's file, and not ours at all
    plan.close()


def test_a_file_that_fails_halfway_leaves_nothing_of_it(
    db: peewee.SqliteDatabase, private_tmp: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = tmp_path / "good.vcf"
    good.write_text(card("Ada", "ada@example.com") + card("Bob", "bob@example.com"))
    bad = tmp_path / "bad.vcf"
    cards = [card(f"Bad {i}", f"bad{i}@example.com") for i in range(1200)]
    cards.insert(3, card("Ada Again", "ada@example.com"))  # would update Ada
    bad.write_text("".join(cards))
    real_pack = importer.pack
    packed = 0

    def pack_then_break(rec: object, file: int, keys: object) -> object:
        nonlocal packed
        if file == 1:
            packed += 1
            if packed == 1100:  # two batches of the bad file are in the staging file
                raise RuntimeError("a bug halfway through the file")
        return real_pack(rec, file, keys)  # type: ignore[arg-type]

    monkeypatch.setattr(importer, "pack", pack_then_break)
    plan = plan_import([good, bad], region="DE")
    (failed,) = plan.failed_files
    assert failed.file == str(bad) and failed.failed is not None
    assert "a bug halfway through the file" in failed.failed.reason
    assert (plan.new, plan.updated, plan.unchanged) == (2, 0, 0)
    assert [t.contact.formatted_name for t in plan.targets()] == ["Ada", "Bob"]
    result = commit_import(plan)
    assert result.created == 2
    assert set(all_contacts()) == {"Ada", "Bob"}


def test_small_batches_match_cards_across_batches_like_one_batch(
    db: peewee.SqliteDatabase, private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = (
        card("Ann Example", "ann@example.com")
        + card("Tom", "tom@example.com", "RELATED;TYPE=colleague:mailto:ann@example.com")
        + card("Zoe")
        + card("Ann E.", "ANN@example.com", "TEL:+49 30 1234567")
        + card("Uwe", "uwe@example.com", "CATEGORIES:Team")
        + "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:group\r\nFN:Friends\r\n"
        "MEMBER:mailto:tom@example.com\r\nEND:VCARD\r\n"
    )
    whole = plan_import([InlineData(data)], region="DE")
    whole_people = sorted((t.contact.formatted_name, t.contact.tags) for t in whole.targets())
    whole.close()
    monkeypatch.setattr(matching, "BATCH", 2)
    monkeypatch.setattr(importer, "_BATCH", 2)
    plan = plan_import([InlineData(data)], region="DE")
    people = sorted((t.contact.formatted_name, t.contact.tags) for t in plan.targets())
    assert people == whole_people
    assert (plan.new, plan.updated) == (4, 1)  # Ann's second card updates her first
    result = commit_import(plan)
    assert result.created == 4
    contacts = all_contacts()
    assert set(contacts) == {"Ann Example", "Tom", "Zoe", "Uwe"}
    ann = contacts["Ann Example"]
    assert [p.value for p in ann.input.phones] == ["+49 30 1234567"]
    assert contacts["Tom"].input.tags == ["Friends"]
    assert [r[2] for r in contacts["Tom"].relationships] == ["colleague"]


def test_imported_contacts_have_their_derived_values(
    db: peewee.SqliteDatabase, private_tmp: Path
) -> None:
    data = (
        card("Plain")
        + card("Never", extra="X-ALLIES-CADENCE:0")
        + card("Often", extra="X-ALLIES-CADENCE:7")
        + card("Boss", extra="X-ALLIES-LEVEL:above")
    )
    commit_import(plan_import([InlineData(data)], region="DE"))
    linkedin = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        "Lin,Ked,https://www.linkedin.com/in/linked,lin@example.com,ACME,CTO,06 Jan 2020\r\n"
    )
    commit_import(plan_import([InlineData(linkedin, "Connections.csv")], region="DE"))
    from app.derived import refresh_derived

    rows = {c.formatted_name: (c.last_contact, c.balance, c.due_on) for c in Contact.select()}
    assert len(rows) == 5
    for contact in Contact.select():
        assert contact.last_contact == computed_last_contact(contact.id)
        assert contact.balance == computed_balance(contact.id)
    refresh_derived()  # the reference: every derived value computed again in SQL
    again = {c.formatted_name: (c.last_contact, c.balance, c.due_on) for c in Contact.select()}
    assert rows == again
    assert rows["Never"][2] is None
    assert rows["Often"][2] == dt.date.today() + dt.timedelta(days=7)


def test_a_cancelled_commit_keeps_the_plan_for_another_try(
    db: peewee.SqliteDatabase, private_tmp: Path
) -> None:
    data = "".join(card(f"P{i}", f"p{i}@example.com") for i in range(1200))
    plan = plan_import([InlineData(data)], region="DE")
    with pytest.raises(Cancelled):
        commit_import(plan, progress=lambda done, total: None, cancel=lambda: True)
    assert Contact.select().count() == 0
    assert staged_files(private_tmp)  # the preview is still open: it can import again
    assert commit_import(plan).created == 1200
    assert staged_files(private_tmp) == []

"""``allies import``, ``export`` and ``insights`` end to end (SPEC §5)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from app.cli import main

CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Müller\r\nEMAIL:anna@example.com\r\n"
    "BDAY:--0412\r\nCATEGORIES:Alumni,Hamburg\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Brown\r\nUID:bob-1\r\nNOTE:sailing\\, chess\r\nEND:VCARD\r\n"
)


def cli(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def names(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in con.execute("SELECT formatted_name FROM contact"))
    finally:
        con.close()


@pytest.fixture
def cards(tmp_path: Path) -> Path:
    path = tmp_path / "team.vcf"
    path.write_text(CARDS, encoding="utf-8")
    return path


def test_import_json_and_exit_status(capsys, tmp_path: Path, cards: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "a.sqlite3"
    code, out, err = cli(capsys, db, "import", "--json", str(cards))
    assert code == 0 and err == ""
    data = json.loads(out)
    assert {"created", "updated", "skipped", "files"} <= set(data)
    assert (data["created"], data["updated"], data["skipped"]) == (2, 0, [])
    assert names(db) == ["Anna Müller", "Bob Brown"]
    code, out, _ = cli(capsys, db, "import", "--json", str(cards))
    assert json.loads(out)["created"] == 0  # matched, not duplicated
    assert names(db) == ["Anna Müller", "Bob Brown"]


def test_unreadable_file_exits_1_and_the_good_file_still_imports(capsys, tmp_path: Path, cards: Path) -> None:  # type: ignore[no-untyped-def]
    binary = tmp_path / "photo.vcf"
    binary.write_bytes(bytes(range(256)) * 64)
    db = tmp_path / "b.sqlite3"
    code, out, err = cli(capsys, db, "import", str(binary), str(cards))
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("allies: error: ") and "photo.vcf" in lines[0]
    assert names(db) == ["Anna Müller", "Bob Brown"]


def test_skipped_card_is_reported_with_file_card_and_line(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "cut.vcf"
    path.write_text(CARDS + "BEGIN:VCARD\r\nVERSION:3.0\r\n", encoding="utf-8")
    code, out, _ = cli(capsys, tmp_path / "c.sqlite3", "import", "--json", str(path))
    assert code == 0
    skipped = json.loads(out)["skipped"]
    assert len(skipped) == 1
    assert skipped[0]["file"] == str(path) and skipped[0]["card"] == 3 and skipped[0]["line"] == 14
    assert skipped[0]["reason"]


def test_dry_run_writes_nothing(capsys, tmp_path: Path, cards: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "d.sqlite3"
    code, out, _ = cli(capsys, db, "import", "--dry-run", "--json", str(cards))
    assert code == 0 and json.loads(out)["created"] == 2
    assert names(db) == []


def test_export_then_import_gives_back_the_same_contacts(capsys, tmp_path: Path, cards: Path) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "first.sqlite3", tmp_path / "second.sqlite3"
    assert cli(capsys, first, "import", str(cards))[0] == 0
    out_file = tmp_path / "all.vcf"
    code, _, err = cli(capsys, first, "export", "--format", "vcard", "-o", str(out_file))
    assert code == 0 and "exported 2 contacts" in err
    assert cli(capsys, second, "import", str(out_file))[0] == 0
    code, out, _ = cli(capsys, second, "contacts", "--json")
    people = {p["name"]: p for p in json.loads(out)}
    assert set(people) == {"Anna Müller", "Bob Brown"}
    assert people["Anna Müller"]["birthday"] == "--04-12"
    assert sorted(people["Anna Müller"]["tags"]) == ["Alumni", "Hamburg"]
    assert people["Bob Brown"]["notes"] == "sailing, chess"


def test_export_to_stdout_csv_and_ics(capsys, tmp_path: Path, cards: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "e.sqlite3"
    assert cli(capsys, db, "import", str(cards))[0] == 0
    code, out, _ = cli(capsys, db, "export", "--format", "csv")
    assert code == 0 and "Anna Müller" in out and "Bob Brown" in out
    code, out, _ = cli(capsys, db, "export", "--format", "ics", "--tag", "Alumni")
    assert code == 0 and "BEGIN:VCALENDAR" in out and "Anna Müller" in out
    assert "Bob Brown" not in out
    code, _, err = cli(capsys, db, "export", "--format", "pdf")
    assert code == 2 and err.count("\n") == 1


def test_insights_json(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "f.sqlite3"
    assert cli(capsys, db, "demo", "--contacts", "60")[0] == 0
    code, out, _ = cli(capsys, db, "insights", "--json", "--today", "2026-11-26")
    assert code == 0
    found = json.loads(out)
    assert found and all(set(f) == {"code", "severity", "message", "contact_ids"} for f in found)
    assert {"overdue", "not-thanked"} <= {f["code"] for f in found}
    code, out, _ = cli(capsys, db, "insights", "--today", "2026-11-26")
    assert code == 0 and len(out.splitlines()) == len(found)
    assert cli(capsys, db, "insights", "--today", "26.11.2026")[0] == 2

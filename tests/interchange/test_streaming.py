"""Issue 17: the import reads a file piece by piece and refuses a giant line early."""

from __future__ import annotations

from pathlib import Path

import peewee
import pytest

from app.interchange import InlineData, importer, plan_import, vcard_reader
from app.interchange.problems import ProblemSink
from app.interchange.textdecode import decode_file

from .conftest import DATA

VCARDS = sorted(p for p in DATA.rglob("*.vcf"))


def read(path: Path) -> tuple[list[object], list[object], int]:
    sink = ProblemSink(path.name)
    result = vcard_reader.read_vcards(decode_file(path.read_bytes()), sink, region="DE")
    records = [(r.card, r.line, r.contact) for r in result.records]
    groups = [(g.card, g.line, g.name) for g in result.groups]
    return records + groups, sink.items, result.cards


@pytest.mark.parametrize("path", VCARDS, ids=[p.name for p in VCARDS])
def test_a_file_read_in_small_pieces_gives_the_same_cards_lines_and_problems(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = read(path)
    monkeypatch.setattr(vcard_reader, "SEGMENT_CHARS", 64)
    assert read(path) == whole


def test_a_giant_line_is_refused_before_the_file_is_read(
    db: peewee.SqliteDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "MAX_LINE_BYTES", 3 << 20)
    path = tmp_path / "giant.vcf"
    with open(path, "wb") as out:
        out.write(b"BEGIN:VCARD\r\nFN:")
        out.write(b"x" * (8 << 20))
    read: list[Path] = []
    monkeypatch.setattr(importer, "_bytes_of", lambda source: read.append(source) or b"")
    plan = plan_import([path], region="DE")
    (failed,) = plan.failed_files
    assert failed.failed is not None and failed.failed.code == "file-line-too-long"
    assert read == []  # refused on the first pass: the whole file was never loaded


def test_long_lines_below_the_limit_still_import(db: peewee.SqliteDatabase) -> None:
    note = "n" * (2 << 20)
    data = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Long\r\nNOTE:{note}\r\nEND:VCARD\r\n"
    plan = plan_import([InlineData(data)], region="DE")
    assert not plan.failed_files and plan.new == 1


def test_reading_and_matching_hold_no_lock_and_the_commit_holds_the_write_lock(
    db: peewee.SqliteDatabase,
) -> None:
    """SPEC §7: another process may write while files are read and matched; the commit
    takes the write lock at its start (IMMEDIATE), not at its first write."""
    import sqlite3

    cards = "".join(
        f"BEGIN:VCARD\r\nFN:P{i}\r\nEMAIL:p{i}@example.com\r\nEND:VCARD\r\n" for i in range(200)
    )
    other = sqlite3.connect(db.database, timeout=0, isolation_level=None)
    written: list[bool] = []

    def write_meanwhile(done: int, total: int) -> None:
        if done < total:
            other.execute("BEGIN IMMEDIATE")
            other.execute("INSERT INTO setting (key, value) VALUES (?, '1')", (f"k{len(written)}",))
            other.execute("COMMIT")
            written.append(True)

    plan = plan_import([InlineData(cards)], progress=write_meanwhile, region="DE")
    assert written  # the other writer was never refused while the plan was made
    refused: list[str] = []

    def try_to_write(done: int, total: int) -> None:
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            refused.append(str(exc))

    from app.interchange import commit_import

    commit_import(plan, progress=try_to_write)
    assert refused and all("locked" in r for r in refused)
    other.close()

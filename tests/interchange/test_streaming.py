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

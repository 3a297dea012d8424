"""Property-based fuzzing of the importer (issue 12, SPEC §7: no input ever a traceback).

Real files (``shared/data``, the seed corpus) are mutated as broken exports, transfers and
hostile senders mutate them: bytes flipped, files cut off, re-encoded, control and line
separator characters injected, vCard and CSV fragments spliced in, huge lines. Properties:

- the vCard and the CSV reader either read a file or report it (``BinaryData``,
  ``UnknownLayout``), never raise anything else;
- the whole import, planned (``--dry-run``) and committed into a database, never raises;
  its JSON is printable; a file that failed changes nothing in the database.

In the suite the ``ci`` profile runs about a minute in all; ``ALLIES_FUZZ=long`` (with
``-m fuzz`` to run only these) runs many more examples, ``ALLIES_FUZZ_EXAMPLES=N`` of them
(2,000 by default), with a new random seed each time. Inputs that once broke the
importer are kept in ``fuzz_regressions/`` and run every time.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import peewee
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.db import close_database, open_database
from app.interchange import commit_import, plan_dict, plan_import
from app.interchange.csv_reader import UnknownLayout, read_csv
from app.interchange.problems import ProblemSink
from app.interchange.textdecode import BinaryData, decode_file
from app.interchange.vcard_reader import read_vcards

from .conftest import DATA

pytestmark = pytest.mark.fuzz

SEEDS = sorted(p for p in DATA.rglob("*") if p.suffix in {".vcf", ".csv"})
SEED_BYTES = {p: p.read_bytes() for p in SEEDS}
REGRESSIONS = sorted((Path(__file__).parent / "fuzz_regressions").iterdir())

settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long",
    max_examples=int(os.environ.get("ALLIES_FUZZ_EXAMPLES", "2000")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = "long" if os.environ.get("ALLIES_FUZZ") == "long" else "ci"

FRAGMENTS = [
    b"BEGIN:VCARD\r\n",
    b"END:VCARD\r\n",
    b"VERSION:2.1\r\n",
    b";CHARSET=\xff\xfe",
    b";CHARSET=base64",
    b";ENCODING=QUOTED-PRINTABLE:=C3=\r\n=",
    b"PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ\r\n",
    b"PHOTO:data:image/png;base64,iVBOR",
    b"TEL;TYPE=b\xfcro:+49 (0) 30 1234",
    b"EMAIL;TYPE=h\xe9me:x@\xff.example",
    b"item1.X-ABLabel:_$!<Other>!$_\r\n",
    b"BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-30\r\n",
    b"N:;;;;;;;;;\r\n",
    b"RELATED;TYPE=friend:urn:uuid:\r\n",
    b"MEMBER:mailto:\r\n",
    b"KIND:group\r\n",
    b"X-ALLIES-LEVEL:\xff\r\n",
    b'"',
    b"\\",
    b",,,,,,,,\r\n",
    b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n",
    b"Name,Given Name,Family Name,Custom Field 1 - Type,Custom Field 1 - Value\r\n",
    b"x,y,z,Allies UID,'=1\r\n",
    "\u2028\u2029\x85\x0c\x1c".encode(),
]
CONTROLS = ["\x00", "\x01", "\x0b", "\x0c", "\x1b", "\x7f", "\r", "\n", "\x85", "\u2028", "\ufeff"]
ENCODINGS = ["utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252", "cp1251", "utf-8-sig"]


def _flip(draw: st.DrawFn, data: bytes) -> bytes:
    pos = draw(st.integers(0, max(len(data) - 1, 0)))
    if not data:
        return data
    return data[:pos] + bytes([data[pos] ^ draw(st.integers(1, 255))]) + data[pos + 1 :]


def _truncate(draw: st.DrawFn, data: bytes) -> bytes:
    return data[: draw(st.integers(0, len(data)))]


def _reencode(draw: st.DrawFn, data: bytes) -> bytes:
    text = data.decode("utf-8", errors="replace")
    return text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")


def _inject(draw: st.DrawFn, data: bytes) -> bytes:
    pos = draw(st.integers(0, len(data)))
    chars = draw(st.lists(st.sampled_from(CONTROLS), min_size=1, max_size=8))
    return data[:pos] + "".join(chars).encode("utf-8") + data[pos:]


def _splice(draw: st.DrawFn, data: bytes) -> bytes:
    pos = draw(st.integers(0, len(data)))
    return data[:pos] + draw(st.sampled_from(FRAGMENTS)) + data[pos:]


def _huge_line(draw: st.DrawFn, data: bytes) -> bytes:
    pos = draw(st.integers(0, len(data)))
    size = draw(st.sampled_from([70_000, 140_000, 600_000]))
    return data[:pos] + draw(st.sampled_from([b"A", b"=", b"\xe9", b","])) * size + data[pos:]


def _repeat(draw: st.DrawFn, data: bytes) -> bytes:
    start = draw(st.integers(0, len(data)))
    end = draw(st.integers(start, min(len(data), start + 4096)))
    return data[:end] + data[start:end] * draw(st.integers(1, 20)) + data[end:]


MUTATIONS: list[Callable[[st.DrawFn, bytes], bytes]] = [
    _flip,
    _truncate,
    _reencode,
    _inject,
    _splice,
    _huge_line,
    _repeat,
]


@st.composite
def mutated_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """(file name, bytes): a seed file with one to four mutations."""
    seed = draw(st.sampled_from(SEEDS))
    data = SEED_BYTES[seed]
    for _ in range(draw(st.integers(1, 4))):
        data = draw(st.sampled_from(MUTATIONS))(draw, data)
    suffix = draw(st.sampled_from([seed.suffix, seed.suffix, ".vcf", ".csv", ".txt"]))
    return f"fuzzed{suffix}", data


def read_with_both_readers(data: bytes) -> None:
    try:
        decoded = decode_file(data)
    except BinaryData:
        return
    read_vcards(decoded, ProblemSink("f.vcf"), region="DE")
    try:
        read_csv(decoded, ProblemSink("f.csv"), region="DE")
    except UnknownLayout:
        pass


@settings(
    settings.get_profile(PROFILE), max_examples=settings.get_profile(PROFILE).max_examples * 3
)
@given(mutated_files())
def test_the_readers_read_or_report_any_mutation(case: tuple[str, bytes]) -> None:
    read_with_both_readers(case[1])


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[peewee.SqliteDatabase]:
    """One database for every example: they add to it, and must never break it."""
    path = tmp_path_factory.mktemp("fuzz") / "allies.sqlite3"
    database = open_database(path)
    yield database
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    close_database()


def table_counts(database: peewee.SqliteDatabase) -> dict[str, int]:
    tables = ("contact", "email_address", "phone_number", "tag", "relationship", "interaction")
    return {t: database.execute_sql(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


def import_never_raises(database: peewee.SqliteDatabase, path: Path) -> None:
    before = table_counts(database)
    plan = plan_import([path], region="DE")
    json.dumps(plan_dict(plan), ensure_ascii=False).encode("utf-8")  # printable
    for problem in plan.problems:
        assert problem.file == str(path) and problem.reason
    result = commit_import(plan)
    json.dumps(result.as_dict(), ensure_ascii=False).encode("utf-8")
    if plan.failed_files:
        assert table_counts(database) == before


@settings(settings.get_profile(PROFILE))
@given(mutated_files())
def test_the_whole_import_imports_or_reports_any_mutation(
    fuzz_db: peewee.SqliteDatabase,
    tmp_path_factory: pytest.TempPathFactory,
    case: tuple[str, bytes],
) -> None:
    folder = tmp_path_factory.mktemp("case", numbered=True)
    path = folder / case[0]
    path.write_bytes(case[1])
    import_never_raises(fuzz_db, path)


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_inputs_that_once_broke_the_importer(fuzz_db: peewee.SqliteDatabase, path: Path) -> None:
    read_with_both_readers(path.read_bytes())
    import_never_raises(fuzz_db, path)


def test_the_seed_corpus_imports(fuzz_db: peewee.SqliteDatabase) -> None:
    for path in SEEDS:
        import_never_raises(fuzz_db, path)

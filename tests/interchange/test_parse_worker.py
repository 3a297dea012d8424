"""A large vCard file read on two cores (app.interchange.parse_worker) gives what one
process gives: the same rows, problems in the same order, and nothing left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import peewee
import pytest

from app.db import close_database, open_database
from app.errors import Cancelled
from app.interchange import (
    commit_import,
    commit_worker,
    importer,
    parse_worker,
    plan_dict,
    plan_import,
)
from app.interchange.staging import staging_folder
from app.priority import BACKGROUND_NICENESS

from . import test_import_digest as digest

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nN:{i};Person;;;\r\n"
    "EMAIL;TYPE=HOME:p{i}@example.com\r\nTEL;TYPE=CELL:+49 151 {i:07d}\r\n"
    "NOTE:a note\\, folded over\r\n  two lines\r\nBDAY:1990-13-45\r\nEND:VCARD\r\n"
)


@pytest.fixture
def parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every UTF-8 vCard file read with a (forked) child, in parts of about 2 KB, and
    the rows of new contacts built by a forked child at every commit."""
    monkeypatch.setattr(parse_worker, "PART_BYTES", 2048)
    monkeypatch.setattr(commit_worker, "MIN_CONTACTS", 0)
    monkeypatch.setattr(parse_worker, "FORK_MIN_BYTES", 0)
    monkeypatch.setattr(parse_worker, "SPAWN_MIN_BYTES", 0)
    monkeypatch.setattr(parse_worker, "fork_is_safe", lambda: True)


def _left_over() -> list[Path]:
    return sorted(staging_folder().glob(f"import-{os.getpid()}-*"))


def _file(tmp_path: Path, cards: int, extra: str = "") -> Path:
    path = tmp_path / "many.vcf"
    half = cards // 2
    text = "".join(CARD.format(i=i) for i in range(half)) + extra
    path.write_text(text + "".join(CARD.format(i=i) for i in range(half, cards)), newline="")
    return path


def _spy_helpers(monkeypatch: pytest.MonkeyPatch) -> list[parse_worker.Helper]:
    helpers: list[parse_worker.Helper] = []
    real = parse_worker.Helper

    def helper(*args: object) -> parse_worker.Helper:
        helpers.append(real(*args))  # type: ignore[arg-type]
        return helpers[-1]

    monkeypatch.setattr(parse_worker, "Helper", helper)
    return helpers


def _wait_for_child(helpers: list[parse_worker.Helper]) -> importer.ProgressFn:
    """A progress callback that holds this process back until the child has begun a part
    (a spawned child needs a while to start; this process would read everything first)."""

    def progress(done: int, total: int) -> None:
        deadline = time.monotonic() + 60
        while helpers and helpers[0].claimed() == parse_worker.NO_CLAIM and not helpers[0].ended:
            assert time.monotonic() < deadline, "the child never began a part"
            time.sleep(0.01)

    return progress


def test_every_sample_writes_the_rows_of_main(db: peewee.SqliteDatabase, parallel: None) -> None:
    assert digest.import_everything() == digest.EXPECTED
    assert _left_over() == []


@pytest.mark.parametrize("odd", [False, True], ids=["plain", "odd"])
@pytest.mark.parametrize("fork", [True, False], ids=["fork", "spawn"])
def test_the_plan_is_that_of_one_process(
    db: peewee.SqliteDatabase,
    parallel: None,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    fork: bool,
    odd: bool,
) -> None:
    monkeypatch.setattr(parse_worker, "fork_is_safe", lambda: fork)
    # A grouped BEGIN:VCARD halfway counts as a card for the reader, not for the first
    # pass: the parts after it are numbered wrong by the child and read here again.
    extra = "BEGIN:VCARD\r\nFN:Odd\r\nitem1.BEGIN:VCARD\r\nEND:VCARD\r\n" if odd else ""
    path = _file(tmp_path, 400, extra)
    helpers = _spy_helpers(monkeypatch)
    read_here = []
    real_read = importer.read_vcards

    def read_vcards(*args: object, **kwargs: object) -> object:
        read_here.append(kwargs.get("first_card", 0))
        return real_read(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importer, "read_vcards", read_vcards)
    taken = parse_worker.taken
    both = plan_import([path], region="DE", progress=_wait_for_child(helpers))
    monkeypatch.setattr(importer, "PARALLEL_PARSE", False)
    one = plan_import([path], region="DE")
    try:
        assert len(helpers) == 1
        if odd:  # the child's parts after the odd card (its first one is): read here again
            assert len(read_here) > 2
        else:  # the child's parts are taken, none is read here again
            assert parse_worker.taken > taken and len(read_here) == 2
        assert plan_dict(both) == plan_dict(one)
        assert both.files[0].cards == (402 if odd else 400)
        assert [p.card for p in both.problems] == sorted(p.card for p in both.problems)
        assert [(t.contact, t.records) for t in both.targets()] == [
            (t.contact, t.records) for t in one.targets()
        ]
    finally:
        both.close()
        one.close()
    assert _left_over() == []


@pytest.mark.parametrize("how", ["exit", "raise"])
def test_a_child_that_dies_changes_nothing(
    db: peewee.SqliteDatabase,
    parallel: None,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    how: str,
) -> None:
    path = _file(tmp_path, 300)
    real = parse_worker._parse_part
    calls = []

    def dying(db: object, job: parse_worker.Job, part: parse_worker.Part, index: int) -> None:
        calls.append(index)
        if len(calls) > 3:  # in the (forked) child, after three parts
            if how == "exit":
                os._exit(3)
            raise RuntimeError("a bug in the child")
        real(db, job, part, index)  # type: ignore[arg-type]

    monkeypatch.setattr(parse_worker, "_parse_part", dying)
    helpers = _spy_helpers(monkeypatch)
    both = plan_import([path], region="DE", progress=_wait_for_child(helpers))
    monkeypatch.setattr(importer, "PARALLEL_PARSE", False)
    one = plan_import([path], region="DE")
    try:
        assert len(helpers) == 1
        assert plan_dict(both) == plan_dict(one)
        assert both.new == 300
    finally:
        both.close()
        one.close()
    assert _left_over() == []
    assert "Traceback" not in capfd.readouterr().err


def test_cancel_stops_the_child_and_leaves_no_file(
    db: peewee.SqliteDatabase, parallel: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = _file(tmp_path, 300)
    helpers = _spy_helpers(monkeypatch)
    seen = []

    def cancel() -> bool:
        seen.append(True)
        return len(seen) > 2  # while this process reads its first parts

    with pytest.raises(Cancelled):
        plan_import([path], region="DE", cancel=cancel)
    assert len(helpers) == 1
    with pytest.raises(ValueError):  # closed: the process was ended and joined
        helpers[0]._process.is_alive()
    assert _left_over() == []


KILLED = """
import sys, time
from app.db import open_database
from app.interchange import parse_worker, plan_import

parse_worker.PART_BYTES, parse_worker.FORK_MIN_BYTES = 2048, 0
open_database(sys.argv[2])

def progress(done, total):
    deadline = time.monotonic() + 60
    for helper in list(parse_worker._running):
        while helper.claimed() == parse_worker.NO_CLAIM and time.monotonic() < deadline:
            time.sleep(0.01)  # until the child reads a part: then report it, and wait
        print(helper._process.pid, helper.job.out, flush=True)
        time.sleep(60)

plan_import([sys.argv[1]], region="DE", progress=progress)
"""


def test_a_killed_import_leaves_no_child_and_no_file(tmp_path: Path) -> None:
    path = _file(tmp_path, 3000)
    importer_process = subprocess.Popen(
        [sys.executable, "-c", KILLED, str(path), str(tmp_path / "db.sqlite3")],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )
    try:
        assert importer_process.stdout is not None
        pid_text, out = importer_process.stdout.readline().split()
        os.kill(importer_process.pid, signal.SIGKILL)
        importer_process.wait(timeout=30)
        deadline = time.monotonic() + 30
        while _running(int(pid_text)) or Path(out).exists():
            assert time.monotonic() < deadline, "the child outlived the import, or its file"
            time.sleep(0.05)
    finally:
        if importer_process.poll() is None:
            importer_process.kill()
            importer_process.wait()
        if importer_process.stdout is not None:
            importer_process.stdout.close()


def _running(pid: int) -> bool:
    """Whether the process runs (a zombie, dead but not yet reaped by init, does not)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.parametrize("offset", [0, 1], ids=["numbered-right", "numbered-wrong"])
def test_rows_built_by_a_child_are_those_built_here(
    db: peewee.SqliteDatabase,
    parallel: None,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    offset: int,
) -> None:
    """A child numbering from a wrong id is stopped at its first batch: the rows are the
    same either way (rows of a commit built here, from a second database, compared)."""
    path = _file(tmp_path, 1700)
    commit_import(plan_import([path], region="DE"))  # 1,700 contacts to update
    extra = tmp_path / "more.vcf"
    extra.write_text(
        path.read_text()
        .replace("Person ", "Persona ")
        .replace("@example", "@more.example")
        .replace("+49 151", "+49 171")
        + "".join(CARD.format(i=i).replace("a note", "another note") for i in range(0, 1700, 3)),
        newline="",
    )
    real = commit_worker.RowBuilder
    used = []

    def builder(matching, batches, region, first_id, ctx):  # type: ignore[no-untyped-def]
        used.append(first_id)
        return real(matching, batches, region, first_id + offset, ctx)

    received = []
    real_next = real.next

    def next_batch(self, check):  # type: ignore[no-untyped-def]
        built = real_next(self, check)
        received.append(built is not None)
        return built

    monkeypatch.setattr(commit_worker, "RowBuilder", builder)
    monkeypatch.setattr(real, "next", next_batch)
    commit_import(plan_import([extra], region="DE"))
    assert len(used) == 1
    # Right: several batches built there; wrong: the first one built there is refused.
    assert sum(received) > 1 if offset == 0 else sum(received) == 1
    both = digest.table_digests()
    close_database()
    open_database(tmp_path / "here.sqlite3")
    monkeypatch.setattr(importer, "PARALLEL_PARSE", False)
    commit_import(plan_import([path], region="DE"))
    commit_import(plan_import([extra], region="DE"))
    here = digest.table_digests()
    assert both == here


def test_the_problems_do_not_depend_on_the_parts(
    db: peewee.SqliteDatabase, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Parts are cut before BEGIN:VCARD lines: text between two cards is in one part."""
    gap = "Some text a mail client left between two cards.\r\n" * 40
    path = tmp_path / "gaps.vcf"
    path.write_text(
        "".join(CARD.format(i=i) + (gap if i % 7 == 0 else "") for i in range(300)),
        newline="",
    )
    monkeypatch.setattr(importer, "PARALLEL_PARSE", False)
    plans = []
    for size in (1 << 20, 2048, 700):
        monkeypatch.setattr(parse_worker, "PART_BYTES", size)
        plan = plan_import([path], region="DE")
        plans.append(plan_dict(plan))
        plan.close()
    assert plans[0] == plans[1] == plans[2]
    assert [p["code"] for p in plans[0]["problems"]].count("text-outside-card") == 43


def test_the_windows_child_runs_at_a_lower_priority_and_does_its_part(
    db: peewee.SqliteDatabase, parallel: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The window imports on a worker thread: the spawned child (as the window starts it)
    runs at a lower CPU priority (app.priority), the worker and this thread keep theirs."""
    import threading

    from app.models import database
    from tests.app.test_priority import stat_niceness

    monkeypatch.setattr(parse_worker, "fork_is_safe", lambda: False)
    path = _file(tmp_path, 300)
    helpers = _spy_helpers(monkeypatch)
    wait = _wait_for_child(helpers)
    seen: dict[str, int] = {}
    plans: list[object] = []

    def progress(done: int, total: int) -> None:
        wait(done, total)
        if "child" not in seen:
            seen["child"] = stat_niceness(0, helpers[0]._process.pid)

    def worker() -> None:
        seen["worker"] = stat_niceness(threading.get_native_id())
        with database.connection_context():
            plans.append(plan_import([path], region="DE", progress=progress))

    main = stat_niceness(threading.get_native_id())
    taken = parse_worker.taken
    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert len(plans) == 1 and len(helpers) == 1
    plan = plans[0]
    try:
        assert plan.new == 300 and parse_worker.taken > taken  # type: ignore[attr-defined]
    finally:
        plan.close()  # type: ignore[attr-defined]
    assert seen == {"worker": main, "child": min(19, main + BACKGROUND_NICENESS)}
    assert stat_niceness(threading.get_native_id()) == main
    assert _left_over() == []

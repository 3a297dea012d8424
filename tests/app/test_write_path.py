"""One write path for every process (SPEC §7 Reliability, issue 12 findings 1 and 2).

Several processes write one database at once: each write transaction begins IMMEDIATE and
waits for the busy timeout, so no write is refused; the command line prints only after
COMMIT, and a failed COMMIT reports its own cause.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import cli
from app import db as dbmod
from app.db import close_database, open_database, write_transaction
from app.models import Contact, database

REPO = Path(__file__).parents[2]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {0}\r\nN:{0};Person;;;\r\n"
    "EMAIL:p{0}@example.com\r\nTEL:+49 30 {0:07d}\r\nORG:Org {1}\r\nEND:VCARD\r\n"
)

WRITER = textwrap.dedent(
    """
    import contextlib, io, json, sys, time
    from pathlib import Path
    from app.cli import main

    db, name, stop = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    ok, failed, errors = 0, 0, []
    i = 0
    # at least 50 each, then on (more slowly) while the import runs, at most 400
    while i < 50 or (not stop.exists() and i < 400):
        if i >= 50:
            time.sleep(0.02)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["--db", db, "log", "--with", "Ann", "--kind", "call", f"{name} {i}"])
        if status == 0 and out.getvalue().startswith("logged"):
            ok += 1
        else:
            failed += 1
            errors.append(err.getvalue().strip())
        i += 1
    print(json.dumps({"ok": ok, "failed": failed, "errors": errors[:3]}))
    """
)


def write_cards(path: Path, count: int) -> Path:
    path.write_text("".join(CARD.format(i, i % 300) for i in range(count)), encoding="utf-8")
    return path


def integrity(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return str(con.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        con.close()


def count(path: Path, table: str) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    finally:
        con.close()


@pytest.fixture
def dbfile(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "allies.sqlite3"
    assert cli.main(["--db", str(path), "add", "Ann"]) == 0
    yield path
    close_database()


def test_four_writer_processes_and_an_import_all_land(
    dbfile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    cards = write_cards(tmp_path / "big.vcf", 5_000)
    stop = tmp_path / "import-done"
    importer = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "--db", str(dbfile), "import", str(cards)],
        cwd=REPO,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(dbfile), f"writer{n}", str(stop)],
            cwd=REPO,
            env=ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    try:
        out, err = importer.communicate(timeout=600)
        stop.touch()
        results = []
        for writer in writers:
            w_out, w_err = writer.communicate(timeout=600)
            assert writer.returncode == 0, w_err
            results.append(json.loads(w_out))
    finally:
        for process in [importer, *writers]:
            if process.poll() is None:
                process.kill()
                process.wait()
    assert importer.returncode == 0, err
    assert "imported: 5000 new" in out
    assert [r["failed"] for r in results] == [0, 0, 0, 0], [r["errors"] for r in results]
    logged = sum(r["ok"] for r in results)
    assert logged >= 200
    print(f"\n{logged} logs by 4 processes while importing 5,000 cards, none refused")
    assert count(dbfile, "interaction") == logged
    assert count(dbfile, "contact") == 5_001
    assert integrity(dbfile) == "ok"


def test_busy_timeout_gives_one_clear_line(
    dbfile: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = sqlite3.connect(dbfile, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        monkeypatch.setitem(dbmod.PRAGMAS, "busy_timeout", 200)
        capsys.readouterr()
        status = cli.main(["--db", str(dbfile), "add", "Bob"])
        out, err = capsys.readouterr()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert status == 1 and out == ""
    assert err.count("\n") == 1 and "busy" in err and "nothing was written" in err
    assert "Traceback" not in err


def test_read_commands_take_no_write_lock(
    dbfile: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = sqlite3.connect(dbfile, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE contact SET notes = 'held' WHERE id = 1")
    try:
        monkeypatch.setitem(dbmod.PRAGMAS, "busy_timeout", 100)
        for argv in (["contacts"], ["due", "--json"], ["insights", "--json"]):
            capsys.readouterr()
            assert cli.main(["--db", str(dbfile), *argv]) == 0, capsys.readouterr().err
        capsys.readouterr()
        assert cli.main(["--db", str(dbfile), "import", "--dry-run", "/dev/null"]) in (0, 1)
        assert "busy" not in capsys.readouterr().err
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_outermost_atomic_begins_immediate(dbfile: Path) -> None:
    open_database(dbfile)
    statements: list[str] = []
    database.connection().set_trace_callback(statements.append)
    with write_transaction():
        with database.atomic():
            Contact.update(notes="x").where(Contact.id == 1).execute()
    with database.atomic():
        Contact.update(notes="y").where(Contact.id == 1).execute()
    database.connection().set_trace_callback(None)
    begins = [s for s in statements if s.upper().startswith("BEGIN")]
    assert begins == ["BEGIN IMMEDIATE", "BEGIN IMMEDIATE"]
    assert any(s.upper().startswith("SAVEPOINT") for s in statements)


def test_failed_commit_prints_nothing_and_its_own_cause(
    dbfile: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def add_broken(args: object) -> int:
        # a deferred foreign key makes COMMIT itself fail, after the handler's print
        print("saved everything")
        database.execute_sql("PRAGMA defer_foreign_keys = ON")
        database.execute_sql("INSERT INTO contact_tag (contact_id, tag_id) VALUES (999, 999)")
        return 0

    broken = cli.Command("broken", "commits a dangling reference", lambda p: None, add_broken)
    monkeypatch.setattr(cli, "COMMANDS", [*cli.COMMANDS, broken])
    capsys.readouterr()
    status = cli.main(["--db", str(dbfile), "broken"])
    out, err = capsys.readouterr()
    assert status == 1
    assert out == ""  # the success line never appears
    assert "FOREIGN KEY constraint failed" in err and "rollback" not in err
    assert count(dbfile, "contact_tag") == 0


def test_full_disk_reports_its_cause_and_writes_nothing(
    dbfile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cards = write_cards(tmp_path / "cards.vcf", 2000)
    pages = count(dbfile, "contact") and int(
        sqlite3.connect(dbfile).execute("PRAGMA page_count").fetchone()[0]
    )
    monkeypatch.setitem(dbmod.PRAGMAS, "max_page_count", pages + 20)
    capsys.readouterr()
    status = cli.main(["--db", str(dbfile), "import", str(cards)])
    out, err = capsys.readouterr()
    assert status == 1
    assert "imported" not in out
    assert "database or disk is full" in err and "rollback" not in err
    assert err.count("\n") == 1
    assert count(dbfile, "contact") == 1
    assert integrity(dbfile) == "ok"


def test_sigkill_during_an_import_commit_leaves_all_or_nothing(tmp_path: Path) -> None:
    cards = write_cards(tmp_path / "cards.vcf", 5000)
    for attempt in range(2):
        path = tmp_path / f"killed{attempt}.sqlite3"
        assert cli.main(["--db", str(path), "add", "Ann"]) == 0
        wal = Path(f"{path}-wal")
        start_size = wal.stat().st_size if wal.exists() else 0
        child = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "--db", str(path), "import", str(cards)],
            cwd=REPO,
            env=ENV,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            # the commit writes the import's pages to the WAL: kill as soon as it grows
            # (attempt 0) or once it has grown a lot (attempt 1)
            threshold = start_size + (4096 if attempt == 0 else 2_000_000)
            while child.poll() is None:
                if wal.exists() and wal.stat().st_size > threshold:
                    os.kill(child.pid, signal.SIGKILL)
                    break
                time.sleep(0.001)
            out, _ = child.communicate(timeout=120)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        assert integrity(path) == "ok"
        contacts = count(path, "contact")
        assert contacts in (1, 5001)
        if "imported:" in out:
            assert contacts == 5001
        open_database(path)  # it opens, as Allies, after the kill
        close_database()

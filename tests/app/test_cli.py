"""The command line end to end: in-process through ``main`` and as a real subprocess."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import GUI_COMMANDS, exchange_kind_of, main, parse_args
from app.contacts import load_contact, update_contact
from app.db import close_database, open_database
from app.relationships import add_relationship

CONTACT_KEYS = {
    "id", "name", "organization", "department", "title", "emails", "phones", "birthday",
    "notes", "level", "circle", "roles", "tags", "last_contact", "cadence_days", "balance",
    "relationships",
}  # fmt: skip
DUE_KEYS = ["id", "name", "last_contact", "cadence_days", "overdue_days", "balance"]


@pytest.fixture
def dbfile(tmp_path: Path) -> Path:
    return tmp_path / "allies.sqlite3"


def cli(capsys: pytest.CaptureFixture[str], dbfile: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(dbfile), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def dump(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def add_two(capsys: pytest.CaptureFixture[str], dbfile: Path) -> None:
    assert cli(capsys, dbfile, "add", "Anna Schmidt", "--org", "Nordwind")[0] == 0
    assert cli(capsys, dbfile, "add", "Bernd Weber", "--level", "external")[0] == 0


# --- parse_args: the contract with ui/entry.py -----------------------------------------


def test_no_command_is_the_desktop_start() -> None:
    args = parse_args([])
    assert (args.command, args.files, args.tray, args.self_check, args.db) == (
        None, [], False, False, None)  # fmt: skip
    args = parse_args(["--tray", "a.vcf", "--db", "x.sqlite3", "dir/b"])
    assert args.command is None and args.tray and args.db == "x.sqlite3"
    assert args.files == [Path("a.vcf"), Path("dir/b")]
    assert parse_args(["--self-check"]).self_check


def test_first_word_decides_between_command_and_file() -> None:
    assert parse_args(["contacts"]).command == "contacts"
    assert parse_args(["contacts.vcf"]).files == [Path("contacts.vcf")]
    assert parse_args(["--", "contacts"]).files == [Path("contacts")]
    assert parse_args(["--db", "contacts", "due"]).command == "due"
    assert parse_args(["--db=x", "due"]).db == "x"
    assert parse_args(["due", "--db", "y"]).db == "y"


def test_screenshot_is_parsed_here_and_run_by_the_desktop_part(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = parse_args(["screenshot", "--view", "network", "--size", "800x600", "out.png"])
    assert args.command in GUI_COMMANDS
    assert (args.view, args.size, args.out) == ("network", (800, 600), Path("out.png"))
    assert main(["screenshot", "out.png"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "desktop part" in err[0]


@pytest.mark.parametrize(
    "argv",
    [["contcts"], ["screenshot", "--size", "big", "o.png"], ["--frobnicate"], ["due", "x"]],
)
def test_usage_errors_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        parse_args(argv)
    assert caught.value.code == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("allies: error: ")


# --- commands --------------------------------------------------------------------------


def test_add_then_contacts_json(capsys: pytest.CaptureFixture[str], dbfile: Path) -> None:
    code, out, err = cli(
        capsys, dbfile, "add", "Anna Schmidt", "--org", "Nordwind", "--title", "CTO",
        "--level", "above", "--circle", "work", "--cadence", "14", "--email", "Anna@NW.de",
        "--phone", "040 1234567", "--tag", "kotlin", "--tag", "Board",
    )  # fmt: skip
    assert (code, out, err) == (0, "added Anna Schmidt (id 1)\n", "")
    assert cli(capsys, dbfile, "add", "Bernd Weber")[0] == 0
    open_database(dbfile)
    data = load_contact(1)
    data.birthday = "--04-12"
    update_contact(1, data)
    add_relationship(1, 2, "reports-to")
    close_database()

    code, out, err = cli(capsys, dbfile, "contacts", "--json")
    assert code == 0 and err == ""
    records = json.loads(out)
    assert [set(r) for r in records] == [CONTACT_KEYS, CONTACT_KEYS]
    assert records[0] == {
        "id": 1,
        "name": "Anna Schmidt",
        "organization": "Nordwind",
        "department": "",
        "title": "CTO",
        "emails": ["Anna@nw.de"],
        "phones": ["+49 40 1234567"],
        "birthday": "--04-12",
        "notes": "",
        "level": "above",
        "circle": "work",
        "roles": [],
        "tags": ["Board", "kotlin"],
        "last_contact": None,
        "cadence_days": 14,
        "balance": 0,
        "relationships": [{"type": "reports-to", "contact_id": 2, "name": "Bernd Weber"}],
    }
    assert records[1]["cadence_days"] == 30 and records[1]["relationships"] == []
    code, out, _ = cli(capsys, dbfile, "contacts", "--json", "kotl")
    assert [r["id"] for r in json.loads(out)] == [1]
    code, out, _ = cli(capsys, dbfile, "contacts", "weber")
    assert code == 0 and out.splitlines()[0].split() == [
        "ID", "NAME", "ORGANIZATION", "LEVEL", "LAST", "CONTACT"]  # fmt: skip
    assert "Bernd Weber" in out and "Anna" not in out


def test_log_with_gave_and_received(capsys: pytest.CaptureFixture[str], dbfile: Path) -> None:
    add_two(capsys, dbfile)
    code, out, err = cli(
        capsys, dbfile, "log", "--with", "anna schmidt", "--with", "2", "--kind", "lunch",
        "--date", "2026-05-04", "--gave", "Introduction to our CTO",
        "--received", "Tipp für die Gehaltsverhandlung", "Lunch at the harbour",
    )  # fmt: skip
    assert code == 0 and err == ""
    assert out == "logged lunch on 2026-05-04 with Anna Schmidt, Bernd Weber (interaction 1)\n"
    con = sqlite3.connect(dbfile)
    rows = con.execute(
        "SELECT contact_id, interaction_id, direction, kind, description, occurred_on "
        "FROM exchange ORDER BY contact_id, direction"
    ).fetchall()
    interaction = con.execute("SELECT occurred_on, kind, summary FROM interaction").fetchall()
    con.close()
    assert interaction == [("2026-05-04", "lunch", "Lunch at the harbour")]
    assert rows == [
        (1, 1, "gave", "introduction", "Introduction to our CTO", "2026-05-04"),
        (1, 1, "received", "advice", "Tipp für die Gehaltsverhandlung", "2026-05-04"),
        (2, 1, "gave", "introduction", "Introduction to our CTO", "2026-05-04"),
        (2, 1, "received", "advice", "Tipp für die Gehaltsverhandlung", "2026-05-04"),
    ]
    records = json.loads(cli(capsys, dbfile, "contacts", "--json")[1])
    assert [(r["last_contact"], r["balance"]) for r in records] == [("2026-05-04", 0)] * 2


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Introduced me to the CFO", "introduction"),
        ("hat mich Frau Weber vorgestellt", "introduction"),
        ("Recommended me for the lead role", "recommendation"),
        ("Empfehlung bei Hanseatic", "recommendation"),
        ("Career advice", "advice"),
        ("Ratschlag zum Gehalt", "advice"),
        ("Insider information on the reorg", "information"),
        ("Infos zur Umstrukturierung", "information"),
        ("A bottle of wine as a gift", "gift"),
        ("Geschenk zum Geburtstag", "gift"),
        ("Owed him a favour", "favour"),
        ("Ist für mich eingesprungen", "favour"),
        ("Moved the boxes", "help"),
        ("Hat beim Umzug geholfen", "help"),
    ],
)
def test_exchange_kind_is_read_from_the_words(text: str, kind: str) -> None:
    assert exchange_kind_of(text) == kind


def test_due_today_json_and_table(capsys: pytest.CaptureFixture[str], dbfile: Path) -> None:
    add_two(capsys, dbfile)
    assert cli(capsys, dbfile, "add", "Never Remind", "--cadence", "0")[0] == 0
    cli(capsys, dbfile, "log", "--with", "1", "--with", "3", "--date", "2026-01-10", "Coffee")
    cli(capsys, dbfile, "log", "--with", "2", "--date", "2026-01-05", "--gave", "help", "Call")
    code, out, err = cli(capsys, dbfile, "due", "--json", "--today", "2026-04-10")
    assert code == 0 and err == ""
    due = json.loads(out)
    assert [list(d) for d in due] == [DUE_KEYS, DUE_KEYS]
    assert due == [
        {"id": 1, "name": "Anna Schmidt", "last_contact": "2026-01-10", "cadence_days": 30,
         "overdue_days": 60, "balance": 0},
        {"id": 2, "name": "Bernd Weber", "last_contact": "2026-01-05", "cadence_days": 90,
         "overdue_days": 5, "balance": 1},
    ]  # fmt: skip
    code, out, _ = cli(capsys, dbfile, "due", "--today", "2026-04-10")
    lines = out.splitlines()
    assert lines[0].split() == ["NAME", "LAST", "CONTACT", "OVERDUE", "BALANCE"]
    assert "60 days overdue" in lines[1] and "5 days overdue" in lines[2]
    assert lines[1].index("60 days") == lines[2].index("5 days")
    assert json.loads(cli(capsys, dbfile, "due", "--json", "--today", "2026-02-01")[1]) == []


@pytest.mark.parametrize(
    ("argv", "status", "words"),
    [
        (["log", "--with", "Nobody", "Coffee"], 1, "no contact matches 'Nobody'"),
        (
            ["log", "--with", "anna schmidt", "Coffee"],
            1,
            "Anna Schmidt (id 1), anna schmidt (id 3)",
        ),
        (["log", "--with", "1", "--date", "2026-13-01", "Coffee"], 2, "invalid date"),
        (["log", "--with", "1", "--date", "yesterday", "Coffee"], 2, "invalid date"),
        (["log", "--with", "1", "--kind", "brunch", "Coffee"], 2, "invalid choice"),
        (["log", "--with", "1", "--gave", " ", "Coffee"], 2, "need a text"),
        (["log", "--with", "1", "--with", "Nobody", "--gave", "help", "Coffee"], 1, "Nobody"),
        (["log", "Coffee"], 2, "--with"),
        (["add", "X", "--level", "boss"], 2, "--level: invalid choice: 'boss'"),
        (["add", "X", "--circle", "gym"], 2, "--circle"),
        (["add", "X", "--cadence", "soon"], 2, "not a whole number"),
        (["add", "X", "--email", "not-an-address"], 1, "email"),
        (["add", "X", "--phone", "call me maybe"], 1, "phone"),
        (["add", " "], 1, "formatted_name"),
        (["add"], 2, "NAME"),
        (["due", "--today", "2026-02-30"], 2, "invalid date"),
        (["contacts", "--frobnicate"], 2, "unrecognized arguments"),
        (["demo"], 1, "already holds 3 contacts"),
        (["demo", "--contacts", "0"], 2, "not between"),
    ],
)
def test_mistakes_are_one_line_and_write_nothing(
    capsys: pytest.CaptureFixture[str],
    dbfile: Path,
    argv: list[str],
    status: int,
    words: str,
) -> None:
    add_two(capsys, dbfile)
    assert cli(capsys, dbfile, "add", "anna  schmidt")[0] == 0
    before = dump(dbfile)
    code, out, err = cli(capsys, dbfile, *argv)
    assert (code, out) == (status, "")
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("allies: error: "), err
    assert words in lines[0]
    assert dump(dbfile) == before


def test_a_file_that_is_not_an_allies_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("shopping list\n" * 100)
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.commit()
    con.close()
    for path in (text, other):
        before = path.read_bytes()
        code, out, err = cli(capsys, path, "contacts")
        assert code == 1 and out == ""
        assert len(err.splitlines()) == 1
        assert "not an Allies database" in err or "another program" in err
        assert path.read_bytes() == before


# --- a real process ------------------------------------------------------------------


def run_allies(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "ALLIES_DB"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *argv],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )


def test_subprocess_end_to_end(tmp_path: Path) -> None:
    db = str(tmp_path / "allies.sqlite3")
    done = run_allies("--db", db, "add", "Jörg Müller", "--email", "joerg@example.org")
    assert (done.returncode, done.stderr) == (0, "")
    done = run_allies(
        "--db", db, "log", "--with", "jörg müller", "--kind", "call", "--date", "2026-03-01",
        "--received", "Empfehlung für den Job", "Call",
    )  # fmt: skip
    assert (done.returncode, done.stderr) == (0, "")
    done = run_allies("--db", db, "due", "--json", "--today", "2026-04-02")
    assert json.loads(done.stdout) == [
        {"id": 1, "name": "Jörg Müller", "last_contact": "2026-03-01", "cadence_days": 30,
         "overdue_days": 2, "balance": -1},
    ]  # fmt: skip
    done = run_allies("--db", db, "log", "--with", "Nobody", "Call")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == "allies: error: no contact matches 'Nobody'\n"
    done = run_allies("due", "--json", "--today", "2026-03-02", env={"ALLIES_DB": db})
    assert done.returncode == 0 and json.loads(done.stdout) == []
    done = run_allies("--db", db, "log", "--with", "1", "--date", "31.12.2026", "Call")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) == 1

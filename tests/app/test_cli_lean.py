"""The command line's fast start (issue 17): ``allies --help`` builds no command's
arguments, and ``allies due`` reads an up-to-date database through a plain sqlite3
connection, with the same answer as through Peewee, and the usual open whenever the file
needs anything done to it."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from app import cli, db_file
from app.cli import COMMANDS, main
from app.contacts import ContactInput, create_contact, set_archived
from app.db import MIGRATIONS, SCHEMA_VERSION, close_database, open_database
from app.followups import snooze
from app.settings import set_value
from app.timeline import InteractionInput, log_interaction

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def network(tmp_path: Path) -> Path:
    """A database with due, not yet due, archived, never-reminded and snoozed contacts and
    a changed default cadence."""
    path = tmp_path / "allies.sqlite3"
    open_database(path)
    set_value("cadence_external", 20)
    ids = {}
    for name, level, cadence in [
        ("Anna Above", "above", None),
        ("Bernd Below", "below", None),
        ("Edda External", "external", None),
        ("Paul Peer", "peer", 7),
        ("Nora Never", "peer", 0),
        ("Sven Snoozed", "peer", 10),
        ("Arne Archived", "peer", 10),
    ]:
        ids[name], _ = create_contact(ContactInput(name, level=level, cadence_days=cadence))
    for name, day in [("Anna Above", "2026-03-01"), ("Bernd Below", "2026-05-20"),
                      ("Edda External", "2026-05-01"), ("Sven Snoozed", "2026-04-01"),
                      ("Arne Archived", "2026-04-01")]:  # fmt: skip
        log_interaction(InteractionInput([ids[name]], "lunch", dt.date.fromisoformat(day)))
    snooze(ids["Sven Snoozed"], TODAY + dt.timedelta(days=3))
    set_archived([ids["Arne Archived"]], True)
    close_database()
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_due_through_a_plain_connection_answers_as_through_peewee(
    network: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[object] = []

    def recorded(path: Path) -> sqlite3.Connection | None:
        connection = db_file.connect_for_reading(path)
        opened.append(connection)
        return connection

    monkeypatch.setattr(cli, "connect_for_reading", recorded)
    argv = ["--db", str(network), "due", "--today", TODAY.isoformat()]
    lean_json = run(capsys, *argv, "--json")
    lean_table = run(capsys, *argv)
    assert len(opened) == 2 and all(isinstance(c, sqlite3.Connection) for c in opened)

    monkeypatch.setattr(cli, "connect_for_reading", lambda path: None)
    assert run(capsys, *argv, "--json") == lean_json
    assert run(capsys, *argv) == lean_table

    code, out, err = lean_json
    assert code == 0 and err == ""
    assert json.loads(out) == [
        {"id": 1, "name": "Anna Above", "last_contact": "2026-03-01", "cadence_days": 30,
         "overdue_days": 62, "balance": 0},
        {"id": 3, "name": "Edda External", "last_contact": "2026-05-01", "cadence_days": 20,
         "overdue_days": 11, "balance": 0},
    ]  # fmt: skip
    assert "62 days overdue" in lean_table[1]


def test_due_lists_what_the_domain_says(network: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.derived import due_contacts

    open_database(network)
    expected = [
        {"id": e.id, "name": e.name, "cadence_days": e.cadence_days,
         "overdue_days": e.overdue_days, "balance": e.balance}
        for e in due_contacts(TODAY, include_snoozed=False)
    ]  # fmt: skip
    close_database()
    code, out, _ = run(capsys, "--db", str(network), "due", "--json", "--today", TODAY.isoformat())
    got = [{k: v for k, v in d.items() if k != "last_contact"} for d in json.loads(out)]
    assert code == 0 and got == expected
    assert [d["name"] for d in got] == ["Anna Above", "Edda External"]


def test_a_plain_connection_only_for_a_file_that_needs_nothing_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    current = tmp_path / "current.sqlite3"
    open_database(current)
    close_database()
    connection = db_file.connect_for_reading(current)
    assert connection is not None
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        connection.execute("DELETE FROM contact")
    connection.close()

    assert db_file.connect_for_reading(tmp_path / "missing.sqlite3") is None
    empty = tmp_path / "empty.sqlite3"
    empty.touch(mode=0o600)
    assert db_file.connect_for_reading(empty) is None
    text = tmp_path / "text.sqlite3"
    text.write_text("not a database " * 10)
    os.chmod(text, 0o600)
    assert db_file.connect_for_reading(text) is None

    for version in (SCHEMA_VERSION - 1, SCHEMA_VERSION + 1):
        other = tmp_path / f"schema{version}.sqlite3"
        open_database(other).execute_sql(f"PRAGMA user_version = {version}")
        close_database()
        assert db_file.connect_for_reading(other) is None

    for mode in (0o400, 0o640, 0o604):
        os.chmod(current, mode)
        assert db_file.connect_for_reading(current) is None, oct(mode)
    os.chmod(current, 0o600)
    wal = Path(f"{current}-wal")
    wal.touch()
    os.chmod(wal, 0o644)
    assert db_file.connect_for_reading(current) is None
    os.chmod(wal, 0o600)
    assert db_file.connect_for_reading(current) is not None

    data = tmp_path / "share" / "Allies"
    data.mkdir(parents=True, mode=0o755)
    os.chmod(data, 0o755)
    open_database(data / "allies.sqlite3")
    close_database()
    os.chmod(data, 0o755)
    monkeypatch.setattr(db_file, "data_dir", lambda: data)
    assert db_file.connect_for_reading(data / "allies.sqlite3") is None
    os.chmod(data, 0o700)
    assert db_file.connect_for_reading(data / "allies.sqlite3") is not None


def test_due_on_a_file_that_needs_work_opens_it_the_usual_way(
    network: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.chmod(network, 0o644)
    code, out, _ = run(capsys, "--db", str(network), "due", "--json", "--today", "2026-06-01")
    assert code == 0 and json.loads(out)
    assert stat.S_IMODE(network.stat().st_mode) == 0o600  # tightened by open_database

    fresh = network.with_name("fresh.sqlite3")
    assert run(capsys, "--db", str(fresh), "due", "--json") == (0, "[]\n", "")
    with sqlite3.connect(fresh) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_broken_database_read_without_peewee_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.sqlite3"
    open_database(broken)
    close_database()
    with sqlite3.connect(broken) as con:
        con.execute("PRAGMA foreign_keys = OFF")
        con.execute("DROP TABLE follow_up")
    code, out, err = run(capsys, "--db", str(broken), "due")
    assert (code, out) == (1, "")
    assert err.startswith(f"allies: error: database {broken}: ") and "follow_up" in err
    assert len(err.splitlines()) == 1


def test_the_schema_version_is_the_last_migration() -> None:
    # One number, in app.db_file (read without Peewee); app.db uses the same.
    assert max(MIGRATIONS) == SCHEMA_VERSION == db_file.SCHEMA_VERSION


def test_help_lists_every_command_without_building_their_arguments(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[str] = []
    commands = [
        cli.Command(
            c.name,
            c.help,
            lambda p, c=c: (built.append(c.name), c.arguments(p))[-1],
            c.handler,
            c.transaction,
        )
        for c in COMMANDS
    ]
    monkeypatch.setattr(cli, "COMMANDS", commands)
    assert main(["--help"]) == 0 and built == []
    out = capsys.readouterr().out
    words = " ".join(out.split())
    for command in COMMANDS:
        assert f"{command.name} {' '.join(command.help.split())}" in words

    assert main(["due", "--help"]) == 0 and built == ["due"]
    assert "--today YYYY-MM-DD" in capsys.readouterr().out


@pytest.mark.parametrize(
    "environment",
    [
        {"XDG_DATA_HOME": "/srv/data", "HOME": "/home/anna"},
        {"XDG_DATA_HOME": "/srv/data/", "HOME": "/home/anna"},
        {"XDG_DATA_HOME": "", "HOME": "/home/anna"},
        {"XDG_DATA_HOME": "relative/data", "HOME": "/home/anna/"},
        {"HOME": "/"},
        {"HOME": "/home/anna"},
        {"HOME": "relative-home"},
        {},
    ],
)
def test_the_data_folder_is_where_platformdirs_puts_it(
    environment: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from platformdirs import user_data_path

    for name in ("XDG_DATA_HOME", "HOME", "ALLIES_DB"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    expected = user_data_path("Allies", appauthor=False, ensure_exists=False)
    assert db_file.data_dir() == expected
    assert db_file.resolve_db_path(None) == expected / "allies.sqlite3"

"""The source, scan and suggestions commands (SPEC §5), in-process and against Dovecot."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from app.cli import main
from tests.helpers import mail
from tests.helpers.dovecot import Dovecot, free_port

SUGGESTION_KEYS = {
    "id", "kind", "date", "interaction_kind", "summary", "source", "contact_ids", "name", "email",
}  # fmt: skip


def cli(capsys: pytest.CaptureFixture[str], dbfile: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(dbfile), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def dbfile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "allies.sqlite3"
    for name, address in (mail.ANNA, mail.BERND, mail.CARLA):
        assert cli(capsys, path, "add", name, "--email", address)[0] == 0
    return path


def test_local_sources_scan_and_suggestions_end_to_end(
    capsys: pytest.CaptureFixture[str], dbfile: Path, tmp_path: Path
) -> None:
    box = mail.write_maildir(tmp_path / "Maildir", mail.scenario())
    code, out, _ = cli(capsys, dbfile, "source", "add", "maildir", str(box), "--name", "mail")
    assert code == 0 and "added source mail" in out
    code, out, _ = cli(capsys, dbfile, "source", "list", "--json")
    assert code == 0
    [listed] = json.loads(out)
    assert (listed["name"], listed["kind"], listed["location"]) == ("mail", "maildir", str(box))
    code, out, _ = cli(capsys, dbfile, "scan", "--json")
    assert code == 0
    assert json.loads(out) == {
        "sources": [{"name": "mail", "new_messages": len(mail.scenario()), "new_events": 0,
                     "suggestions": 6, "error": None}]
    }  # fmt: skip
    code, out, _ = cli(capsys, dbfile, "suggestions", "--json")
    found = json.loads(out)
    assert code == 0 and len(found) == 6
    assert all(set(item) == SUGGESTION_KEYS for item in found)
    # Without "my e-mail addresses" set, the user's alias looks like a frequent stranger.
    assert {item["email"] for item in found if item["kind"] == "contact"} == {
        mail.DORA[1], mail.ALIAS}
    dora = next(item for item in found if item["email"] == mail.DORA[1])
    alias = next(item for item in found if item["email"] == mail.ALIAS)
    assert cli(capsys, dbfile, "suggestions", "dismiss", alias["id"])[0] == 0
    assert (dora["name"], dora["email"], dora["source"]) == (*mail.DORA, "mail")
    # Ids are stable: a second database scanning the same mailbox gets the same ones.
    other = dbfile.with_name("other.sqlite3")
    for name, address in (mail.ANNA, mail.BERND, mail.CARLA):
        cli(capsys, other, "add", name, "--email", address)
    cli(capsys, other, "source", "add", "maildir", str(box))
    cli(capsys, other, "scan")
    assert {i["id"] for i in json.loads(cli(capsys, other, "suggestions", "--json")[1])} == {
        i["id"] for i in found
    }
    lunch = next(item for item in found if item["summary"] == "Lunch next week?")
    assert cli(capsys, dbfile, "suggestions", "dismiss", lunch["id"])[0] == 0
    code, out, _ = cli(capsys, dbfile, "suggestions", "accept", "--all")
    assert code == 0 and "3 interactions logged" in out
    code, out, _ = cli(capsys, dbfile, "suggestions", "accept", dora["id"])
    assert code == 0 and "1 contacts added" in out
    assert json.loads(cli(capsys, dbfile, "suggestions", "--json")[1]) == []
    con = sqlite3.connect(dbfile)
    origins = [r[0] for r in con.execute("SELECT origin FROM interaction ORDER BY origin")]
    con.close()
    assert origins[0] == "message-id:<kickoff-1@example.org>#2026-11-05"
    assert cli(capsys, dbfile, "scan")[0] == 0
    assert json.loads(cli(capsys, dbfile, "suggestions", "--json")[1]) == []
    code, out, _ = cli(capsys, dbfile, "source", "remove", "mail", "--forget")
    assert code == 0 and "forgot" in out
    assert json.loads(cli(capsys, dbfile, "source", "list", "--json")[1]) == []


def test_usage_errors_and_refusals(
    capsys: pytest.CaptureFixture[str], dbfile: Path, tmp_path: Path
) -> None:
    assert cli(capsys, dbfile, "source", "add", "maildir")[0] == 2
    assert cli(capsys, dbfile, "source", "add", "pop3://x")[0] == 2
    assert cli(capsys, dbfile, "source", "add", "imaps://mail.example.org")[0] == 2  # no --user
    code, _, err = cli(capsys, dbfile, "source", "add", "maildir", str(tmp_path / "none"))
    assert code == 1 and "not-a-maildir" in err
    assert cli(capsys, dbfile, "source", "remove", "nothing")[0] == 1
    assert cli(capsys, dbfile, "suggestions", "accept")[0] == 2
    code, _, err = cli(capsys, dbfile, "suggestions", "accept", "0000000000")
    assert code == 1 and "no suggestion" in err
    assert cli(capsys, dbfile, "scan", "nothing")[0] == 1


def test_imap_source_with_password_on_stdin(
    capsys: pytest.CaptureFixture[str],
    dbfile: Path,
    dovecot: Dovecot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong\n"))
    code, _, err = cli(capsys, dbfile, "source", "add", dovecot.url, "--user", dovecot.user,
                       "--password-stdin")  # fmt: skip
    assert code == 1 and "login" in err
    assert json.loads(cli(capsys, dbfile, "source", "list", "--json")[1]) == []
    monkeypatch.setattr("sys.stdin", io.StringIO(dovecot.password + "\n"))
    code, out, _ = cli(capsys, dbfile, "source", "add", dovecot.url, "--user", dovecot.user,
                       "--password-stdin", "--name", "work")  # fmt: skip
    assert code == 0, out
    monkeypatch.setattr("sys.stdin", io.StringIO("x\n"))
    down = f"imap://127.0.0.1:{free_port()}"
    cli(capsys, dbfile, "source", "add", down, "--user", "u", "--password-stdin", "--name", "down")
    # A server that is down cannot be added (the login comes first).
    assert json.loads(cli(capsys, dbfile, "source", "list", "--json")[1])[0]["name"] == "work"
    code, out, _ = cli(capsys, dbfile, "scan", "--json", "work")
    assert code == 0
    [result] = json.loads(out)["sources"]
    assert (result["new_messages"], result["suggestions"], result["error"]) == (
        len(mail.scenario()), 6, None)  # fmt: skip
    assert dovecot.password not in dbfile.read_bytes().decode("latin-1")

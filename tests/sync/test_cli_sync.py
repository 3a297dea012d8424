"""``allies account add|list|remove`` and ``allies sync [--json]`` against the real servers."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

import pytest

from app.cli import main
from app.db import close_database
from app.sync.dav import certificate_fingerprint
from tests.helpers.dav_servers import DavServer
from tests.sync.conftest import SyncSetup

SYNC_KEYS = {"name", "pulled", "pushed", "deleted_here", "deleted_there", "conflicts", "error"}


def cli(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    db: Path,
    *argv: str,
    stdin: str = "",
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["--db", str(db), *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def _add_args(server: DavServer, user: str) -> list[str]:
    args = ["account", "add", server.url, "--user", user, "--password-stdin"]
    if server.certificate:
        args += ["--trust-certificate", certificate_fingerprint(server.certificate)]
    return args


def test_account_add_list_sync_json_and_remove(
    setup: SyncSetup, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    close_database()
    db = setup.db_path
    assert cli(capsys, monkeypatch, db, "add", "Ann Example", "--email", "ann@example.org")[0] == 0
    code, out, err = cli(
        capsys, monkeypatch, db, *_add_args(setup.server, setup.user), stdin=setup.password + "\n"
    )
    assert code == 0, err
    assert "account 127.0.0.1 added" in out
    assert "no system keyring" in err  # this machine has none: the 0600 file is used
    secret = db.parent / "secrets.json"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert setup.password in secret.read_text()
    # One account for now.
    code, _, err = cli(
        capsys, monkeypatch, db, *_add_args(setup.server, setup.user), stdin=setup.password
    )
    assert code == 1 and "one account" in err

    code, out, _ = cli(capsys, monkeypatch, db, "account", "list", "--json")
    [row] = json.loads(out)
    assert row["name"] == "127.0.0.1" and row["user"] == setup.user
    assert row["private_fields"] and row["history"] and row["last_sync"] is None

    code, out, err = cli(capsys, monkeypatch, db, "sync", "--json")
    assert code == 0, err
    [account] = json.loads(out)["accounts"]
    assert set(account) == SYNC_KEYS
    assert account["pushed"] == 1 and account["error"] is None
    code, out, _ = cli(capsys, monkeypatch, db, "sync", "127.0.0.1")
    assert code == 0 and "pulled 0, pushed 0" in out
    code, out, _ = cli(capsys, monkeypatch, db, "sync", "nosuch")
    assert code == 1

    code, out, _ = cli(capsys, monkeypatch, db, "account", "remove", "127.0.0.1")
    assert code == 0
    code, out, _ = cli(capsys, monkeypatch, db, "account", "list", "--json")
    assert json.loads(out) == []
    assert setup.password not in secret.read_text()
    code, out, _ = cli(capsys, monkeypatch, db, "contacts", "--json")
    assert [c["name"] for c in json.loads(out)] == ["Ann Example"]  # the local data stays


def test_account_add_stores_nothing_when_the_login_fails(
    setup: SyncSetup, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    close_database()
    db = setup.db_path
    code, _, err = cli(
        capsys, monkeypatch, db, *_add_args(setup.server, setup.user), stdin="wrong\n"
    )
    assert code == 1
    assert "refused the user name or password" in err and "nothing was stored" in err
    code, out, _ = cli(capsys, monkeypatch, db, "account", "list", "--json")
    assert json.loads(out) == []


def test_an_untrusted_certificate_is_named_and_trusted_only_when_told(
    xandikos_server: DavServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    user, password = xandikos_server.new_user()
    xandikos_server.addressbook(user)
    db = tmp_path / "allies.sqlite3"
    args = ["account", "add", xandikos_server.url, "--user", user, "--password-stdin"]
    code, _, err = cli(capsys, monkeypatch, db, *args, stdin=password)
    fingerprint = certificate_fingerprint(xandikos_server.certificate)
    assert code == 1 and fingerprint in err and "--trust-certificate" in err
    code, _, err = cli(
        capsys, monkeypatch, db, *args, "--trust-certificate", "AB:CD", stdin=password
    )
    assert code == 1 and "not trusted" in err
    code, _, err = cli(
        capsys, monkeypatch, db, *args, "--trust-certificate", fingerprint, stdin=password
    )
    assert code == 0, err
    code, out, err = cli(capsys, monkeypatch, db, "sync", "--json")
    assert code == 0 and json.loads(out)["accounts"][0]["error"] is None


def test_sync_without_accounts_and_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "allies.sqlite3"
    code, out, _ = cli(capsys, monkeypatch, db, "sync", "--json")
    assert code == 0 and json.loads(out) == {"accounts": []}
    assert cli(capsys, monkeypatch, db, "account")[0] == 2
    assert cli(capsys, monkeypatch, db, "account", "add", "https://x.example")[0] == 2
    assert cli(capsys, monkeypatch, db, "sync", "--bogus")[0] == 2

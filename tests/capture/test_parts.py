"""The small parts of capture: addresses, headers, titles, passwords, found folders, and
the schema migration."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
from pathlib import Path

import keyring
import peewee
import pytest
from keyring.backend import KeyringBackend

from app import db as dbmod
from app import secrets
from app.capture.calendar import kind_from_title
from app.capture.messages import clean_subject, is_noreply, normalize_address, parse_header
from app.capture.sources import find_local_mail
from app.db import close_database, open_database, schema_version
from app.models import ALL_MODELS
from tests.helpers import mail


def test_addresses_normalise_case_everywhere_and_gmail_dots_and_tags_only_there() -> None:
    assert normalize_address("Anna.Berg@Firma.Example") == "anna.berg@firma.example"
    assert normalize_address("Bernd.Klein+work@GoogleMail.com") == "berndklein@gmail.com"
    assert normalize_address("b.e.r.n.d.klein@gmail.com") == "berndklein@gmail.com"
    assert normalize_address("a.b+c@example.org") == "a.b+c@example.org"


def test_noreply_style_senders() -> None:
    for address in ("noreply@x.org", "no-reply@x.org", "do-not-reply@x.org",
                    "MAILER-DAEMON@x.org", "notifications@github.com", "bounces+123@x.org"):
        assert is_noreply(address), address
    for address in ("anna@x.org", "nora@x.org", "reply@x.org"):
        assert not is_noreply(address), address


def test_subjects_lose_reply_and_forward_prefixes_in_english_and_german() -> None:
    assert clean_subject("Re: AW: WG: Fwd:  Projektplan ") == "Projektplan"
    assert clean_subject("Antw: Treffen") == "Treffen"
    assert clean_subject("Reise") == "Reise"


def test_headers_thread_dates_and_automatic_flags() -> None:
    data = mail.message("A <a@x.org>", ["b@y.org"], "=?utf-8?q?Gr=C3=BC=C3=9Fe?=", mail.at(2),
                        "two@x.org", references=["one@x.org"],
                        extra={"Auto-Submitted": "auto-generated"})  # fmt: skip
    header = parse_header(data)
    assert header.thread == "<one@x.org>" and header.message_id == "<two@x.org>"
    assert header.subject == "Grüße" and header.automatic
    assert header.day == dt.date(2026, 11, 2)
    assert not parse_header(data.replace(b"auto-generated", b"no")).automatic
    assert mail.BODY_SENTINEL not in repr(header)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Mittagessen mit Anna", "lunch"),
        ("Lunch with Bob", "lunch"),
        ("Kaffee mit Carla", "coffee"),
        ("Coffee chat", "coffee"),
        ("After-Work am Hafen", "after-work"),
        ("Feierabendbier", "after-work"),
        ("Telefonat mit Dora", "call"),
        ("1:1 Bernd", "meeting"),
        ("Quarterly review", "meeting"),
    ],
)
def test_the_kind_comes_from_the_title(title: str, kind: str) -> None:
    assert kind_from_title(title) == kind


def test_passwords_go_to_a_private_file_without_a_keyring(
    db: peewee.SqliteDatabase, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("ALLIES_NO_KEYRING", "1")
    assert secrets.store_password("imap://u@h:993", "pw") == secrets.Stored.FILE
    path = secrets.secrets_file()
    assert path.parent == Path(db.database).resolve().parent
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "no system keyring" in caplog.text
    assert secrets.get_password("imap://u@h:993") == "pw"
    secrets.delete_password("imap://u@h:993")
    assert secrets.get_password("imap://u@h:993") is None


def test_passwords_go_to_the_keyring_when_there_is_one(
    db: peewee.SqliteDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ALLIES_NO_KEYRING", raising=False)
    previous = keyring.get_keyring()  # before the class below exists as a candidate

    class MemoryKeyring(KeyringBackend):
        """A keyring held in memory (a real backend of the keyring package's API). Made
        here and unregistered after: keyring collects every subclass as a candidate."""

        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.values: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.values.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.values[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.values.pop((service, username), None)

    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    try:
        assert secrets.store_password("imap://u@h:993", "pw") == secrets.Stored.KEYRING
        assert ring.values == {("Allies", "imap://u@h:993"): "pw"}
        assert not secrets.secrets_file().exists()
        assert secrets.get_password("imap://u@h:993") == "pw"
        secrets.delete_password("imap://u@h:993")
        assert ring.values == {}
    finally:
        keyring.set_keyring(previous)
        KeyringBackend._classes.discard(MemoryKeyring)  # type: ignore[attr-defined]


def test_thunderbird_and_evolution_folders_are_found(tmp_path: Path) -> None:
    profile = tmp_path / ".thunderbird" / "abcd.default-release"
    local = profile / "Mail" / "Local Folders"
    local.mkdir(parents=True)
    mail.write_mbox(local / "Inbox", mail.scenario()[:2])
    (local / "Inbox.msf").write_text("index")
    (local / "Trash.msf").write_text("index")  # no mbox beside it
    imap = profile / "ImapMail" / "imap.example.org"
    imap.mkdir(parents=True)
    mail.write_mbox(imap / "INBOX", mail.scenario()[:1])
    (imap / "INBOX.msf").write_text("index")
    evolution = tmp_path / ".local/share/evolution/mail/local"
    evolution.parent.mkdir(parents=True)
    mail.write_maildir(evolution, mail.scenario()[:1])
    mail.write_maildir(evolution / ".Sent", [])
    found = {(f.program, f.kind, f.label) for f in find_local_mail(tmp_path)}
    assert found == {
        ("thunderbird", "mbox", "Local Folders/Inbox"),
        ("thunderbird", "mbox", "imap.example.org/INBOX"),
        ("evolution", "maildir", "Inbox"),
        ("evolution", "maildir", "Sent"),
    }


def _schema(path: Path) -> dict[str, set[str]]:
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            t: {r[1] for r in con.execute(f'PRAGMA table_info("{t}")')}
            for t in tables if not t.startswith(("sqlite_", "contact_search"))
        }  # fmt: skip
    finally:
        con.close()


def test_the_capture_migration_gives_the_same_schema_as_a_fresh_database(tmp_path: Path) -> None:
    """A database from before the capture migration migrates to what a fresh one has,
    column for column."""
    old = tmp_path / "old.sqlite3"
    database = open_database(old)
    capture = {"capture_source", "capture_mark", "capture_seen", "capture_correspondent",
               "suggestion", "dismissal"}  # fmt: skip
    for table in capture:
        database.execute_sql(f'DROP TABLE "{table}"')
    # nor the history's field times (a later schema), whose triggers read interaction.origin
    for (trigger,) in database.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%history_field_time%'"
    ).fetchall():
        database.execute_sql(f"DROP TRIGGER {trigger}")
    database.execute_sql("DROP TABLE history_field_time")
    database.execute_sql("DROP INDEX interaction_origin")
    database.execute_sql("ALTER TABLE interaction DROP COLUMN origin")
    step = next(v for v, f in dbmod.MIGRATIONS.items() if f is dbmod._capture_tables)
    database.execute_sql(f"PRAGMA user_version = {step - 1}")
    close_database()
    database = open_database(old)
    assert schema_version(database) == dbmod.SCHEMA_VERSION
    close_database()
    fresh = tmp_path / "fresh.sqlite3"
    open_database(fresh)
    close_database()
    assert _schema(old) == _schema(fresh)
    assert capture <= {m._meta.table_name for m in ALL_MODELS}

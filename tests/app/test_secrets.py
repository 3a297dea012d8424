"""One password store for every login (SPEC §10, §11): the system keyring, or a 0600 file
with a warning; sync accounts and mail sources share it."""

from __future__ import annotations

import json
import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import peewee
import pytest
from keyring.backend import KeyringBackend

from app import secrets
from app.capture.sources import password_key
from app.sync import accounts
from app.sync.state import SyncAccount


def memory_keyring_class() -> type[KeyringBackend]:
    """A keyring held in memory (a real backend of the keyring package's API); ``refuse``
    makes it behave like a locked keyring. Made only after the process's keyring was
    chosen, and unregistered after each test: keyring collects every subclass as a
    candidate, and one defined at import would become the keyring of every later test."""

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.values: dict[tuple[str, str], str] = {}
            self.refuse = False

        def get_password(self, service: str, username: str) -> str | None:
            return self.values.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            if self.refuse:
                raise keyring.errors.KeyringLocked("locked")
            self.values[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            if (service, username) not in self.values:
                raise keyring.errors.PasswordDeleteError("not there")
            del self.values[(service, username)]

    return MemoryKeyring


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.delenv(secrets.NO_KEYRING_ENV, raising=False)
    previous = keyring.get_keyring()  # before the class below exists as a candidate
    cls = memory_keyring_class()
    ring = cls()
    keyring.set_keyring(ring)
    try:
        yield ring
    finally:
        keyring.set_keyring(previous)
        KeyringBackend._classes.discard(cls)  # type: ignore[attr-defined]


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(secrets.NO_KEYRING_ENV, "1")


def make_account(url: str = "https://dav.example.org/", user: str = "alice") -> SyncAccount:
    return SyncAccount.create(name="dav.example.org", url=url, username=user)


def test_sync_and_mail_passwords_share_one_private_file_without_a_keyring(
    db: peewee.SqliteDatabase, no_keyring: None, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    account = make_account()
    old = os.umask(0)  # the file is private whatever the umask says
    try:
        accounts.set_password(account, "dav-secret")
        secrets.store_password(password_key("imaps://mail.example.org:993", "alice"), "imap")
    finally:
        os.umask(old)
    assert accounts.password_storage() == "file" == secrets.storage()
    path = secrets.secrets_file()
    assert accounts.password_file() == path
    assert path.parent == Path(db.database).resolve().parent
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(json.loads(path.read_text())) == [
        "alice@https://dav.example.org/",
        "imaps://alice@mail.example.org:993",
    ]
    assert caplog.text.count("no system keyring") == 2
    assert accounts.get_password(account) == "dav-secret"
    accounts.delete_password(account)
    assert list(json.loads(path.read_text())) == ["imaps://alice@mail.example.org:993"]
    with pytest.raises(accounts.AccountError) as caught:
        accounts.get_password(account)
    assert caught.value.code == "no-password"


def test_sync_and_mail_passwords_share_the_keyring_when_there_is_one(
    db: peewee.SqliteDatabase, memory_keyring: Any
) -> None:
    account = make_account()
    accounts.set_password(account, "dav-secret")
    secrets.store_password("imaps://alice@mail.example.org:993", "imap")
    assert accounts.password_storage() == "keyring"
    assert memory_keyring.values == {
        ("Allies", "alice@https://dav.example.org/"): "dav-secret",
        ("Allies", "imaps://alice@mail.example.org:993"): "imap",
    }
    assert not secrets.secrets_file().exists()
    assert accounts.get_password(account) == "dav-secret"
    accounts.delete_password(account)
    assert list(memory_keyring.values) == [("Allies", "imaps://alice@mail.example.org:993")]


def test_a_refusing_keyring_falls_back_to_the_file_with_a_warning(
    db: peewee.SqliteDatabase, memory_keyring: Any, caplog: pytest.LogCaptureFixture
) -> None:
    memory_keyring.refuse = True
    assert secrets.store_password("k", "pw") == secrets.Stored.FILE
    assert "the keyring refused the password" in caplog.text
    assert stat.S_IMODE(secrets.secrets_file().stat().st_mode) == 0o600
    assert secrets.get_password("k") == "pw"
    memory_keyring.refuse = False
    assert secrets.store_password("k", "pw2") == secrets.Stored.KEYRING
    assert "k" not in json.loads(secrets.secrets_file().read_text())  # not left behind
    assert secrets.get_password("k") == "pw2"


def test_a_password_an_older_allies_kept_in_its_sync_file_is_moved(
    db: peewee.SqliteDatabase, no_keyring: None
) -> None:
    account = make_account()
    legacy = Path(db.database).resolve().parent / accounts.LEGACY_FILE
    legacy.write_text(json.dumps({"alice@https://dav.example.org/": "old-secret"}))
    assert accounts.get_password(account) == "old-secret"
    assert not legacy.exists()
    assert json.loads(secrets.secrets_file().read_text()) == {
        "alice@https://dav.example.org/": "old-secret"
    }
    assert accounts.get_password(account) == "old-secret"


def test_a_password_an_older_allies_kept_under_its_sync_service_is_moved(
    db: peewee.SqliteDatabase, memory_keyring: Any
) -> None:
    account = make_account()
    memory_keyring.values[("Allies sync", "alice@https://dav.example.org/")] = "old-secret"
    assert accounts.get_password(account) == "old-secret"
    assert memory_keyring.values == {("Allies", "alice@https://dav.example.org/"): "old-secret"}


def test_the_file_of_a_read_only_database_is_beside_it(tmp_path: Path) -> None:
    from app.db import close_database, open_database

    path = tmp_path / "ro" / "allies.sqlite3"
    open_database(path)
    close_database()
    os.chmod(path, 0o400)
    try:
        database = open_database(path)
        assert str(database.database).startswith("file:")
        assert secrets.secrets_file() == path.resolve().parent / secrets.FILE_NAME
    finally:
        close_database()
        os.chmod(path, 0o600)

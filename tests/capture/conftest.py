"""Capture fixtures: known contacts, the generated mailbox, and a real Dovecot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import peewee
import pytest

from app import settings
from app.contacts import ContactInput, Labeled, create_contact
from tests.helpers import mail
from tests.helpers.dovecot import Dovecot


@pytest.fixture(autouse=True)
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """Passwords go to the private file beside the test database, never a real keyring."""
    monkeypatch.setenv("ALLIES_NO_KEYRING", "1")


@pytest.fixture
def contacts(db: peewee.SqliteDatabase) -> dict[str, int]:
    """Anna, Bernd and Carla as contacts (Bernd's Gmail address with its dot); the
    user's alias in the settings."""
    ids = {}
    for key, (name, address) in {
        "anna": mail.ANNA,
        "bernd": mail.BERND,
        "carla": mail.CARLA,
    }.items():
        ids[key], _ = create_contact(
            ContactInput(formatted_name=name, emails=[Labeled(address)], cadence_days=30)
        )
    settings.set_value("my_email_addresses", mail.ALIAS)
    return ids


@pytest.fixture
def maildir(tmp_path: Path) -> Path:
    return mail.write_maildir(tmp_path / "Maildir", mail.scenario())


@pytest.fixture
def mbox(tmp_path: Path) -> Path:
    return mail.write_mbox(tmp_path / "Inbox", mail.scenario())


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    """One Dovecot for the session, holding the scenario (inbox and sent folder)."""
    server = Dovecot()
    server.start()
    for item in mail.scenario():
        server.deliver(item.data, item.folder)
    try:
        yield server
    finally:
        server.stop()

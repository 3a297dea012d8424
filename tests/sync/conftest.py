"""Sync test fixtures: real servers (session-scoped), a fresh user, account and phone each."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import peewee
import pytest

from app.db import close_database, open_database
from app.sync import accounts
from app.sync.state import SyncAccount
from tests.helpers.dav_servers import (  # noqa: F401 (fixtures)
    DavServer,
    dav_server,
    radicale_server,
    xandikos_server,
)
from tests.helpers.phone import Phone


@dataclass
class SyncSetup:
    server: DavServer
    user: str
    password: str
    addressbook: str
    db_path: Path
    phone: Phone
    folder: Path

    def use(self, path: Path | None = None) -> peewee.SqliteDatabase:
        """Open this test's database (or another Allies' at ``path``)."""
        return open_database(path or self.db_path)

    def add_account(self) -> SyncAccount:
        return accounts.add_account(
            self.server.url, self.user, self.password, trusted_cert=self.server.certificate
        )


@pytest.fixture
def setup(dav_server: DavServer, tmp_path: Path) -> Iterator[SyncSetup]:  # noqa: F811
    user, password = dav_server.new_user()
    book = dav_server.addressbook(user)
    db_path = tmp_path / "allies.sqlite3"
    open_database(db_path)
    phone = Phone(tmp_path / "phone", dav_server, user, password, book)
    yield SyncSetup(dav_server, user, password, book, db_path, phone, tmp_path)
    close_database()

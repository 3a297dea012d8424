"""Sync accounts: discovery on the server, the account row, and its password.

The password is kept by :mod:`app.secrets`: the system keyring, or where there is none
(a headless machine) ``secrets.json`` beside the database, readable only by the user
(0600); :func:`password_storage` says which, so the UI and the CLI can warn. Nothing is
stored when discovery or the login fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from app import secrets
from app.errors import AlliesError, NotFound
from app.models import database
from app.sync.dav import Collection, DavClient, DavError
from app.sync.state import SyncAccount

# Where Allies kept sync passwords before app.secrets held them all; read once, moved.
LEGACY_SERVICE = "Allies sync"
LEGACY_FILE = "sync-passwords.json"
DEFAULT_ADDRESSBOOK = "allies"  # the path segment of an address book Allies creates


class AccountError(AlliesError):
    """``code``: ``exists`` (one account for now, or the name is taken), ``no-addressbook``
    (the chosen one is not on the server), ``no-password``."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Discovery:
    """What the server told about the user: where things live, which address books exist."""

    url: str
    principal: str
    addressbook_home: str
    calendar_home: str
    addressbooks: list[Collection]


def discover(url: str, username: str, password: str, *, trusted_cert: str = "") -> Discovery:
    """Log in and find the principal, the home sets and the address books (RFC 6764)."""
    with DavClient(url, username, password, trusted_cert=trusted_cert) as client:
        principal = client.discover_principal("carddav")
        home = client.home_set(principal, "carddav")
        try:
            calendar_home = client.home_set(principal, "caldav")
        except DavError:
            calendar_home = ""
        books = [c for c in client.collections(home) if c.kind == "addressbook"]
        return Discovery(client.url, principal, home, calendar_home, books)


def default_name(url: str) -> str:
    return urlsplit(url if "://" in url else "https://" + url).hostname or url


def add_account(
    url: str,
    username: str,
    password: str,
    *,
    name: str | None = None,
    addressbook: str | None = None,
    sync_private: bool = True,
    sync_history: bool = True,
    trusted_cert: str = "",
) -> SyncAccount:
    """Discover, choose (or create) the address book, then store the account.

    ``addressbook`` is a display name or a URL/path; None takes the first one found and
    creates an address book "Allies" when the server has none.
    """
    name = (name or default_name(url)).strip()
    if SyncAccount.select().exists():
        raise AccountError("exists", "one account for now: remove the other first")
    found = discover(url, username, password, trusted_cert=trusted_cert)
    chosen = choose_addressbook(found.addressbooks, addressbook)
    if chosen is None:
        if addressbook is not None:
            raise AccountError("no-addressbook", addressbook)
        with DavClient(url, username, password, trusted_cert=trusted_cert) as client:
            chosen = client.make_collection(
                found.addressbook_home.rstrip("/") + f"/{DEFAULT_ADDRESSBOOK}/",
                "addressbook",
                "Allies",
            )
    with database.atomic(lock_type="IMMEDIATE"):
        account = SyncAccount.create(
            name=name,
            url=url,
            username=username,
            principal_url=found.principal,
            addressbook_home=found.addressbook_home,
            calendar_home=found.calendar_home,
            addressbook_url=chosen.url,
            trusted_cert=trusted_cert,
            sync_private=sync_private,
            sync_history=sync_history,
        )
    set_password(account, password)
    return account


def choose_addressbook(books: list[Collection], wanted: str | None) -> Collection | None:
    if not books:
        return None
    if wanted is None:
        return books[0]
    path = urlsplit(wanted).path if "://" in wanted else wanted
    for book in books:
        if book.url.rstrip("/") == path.rstrip("/"):
            return book
    for book in books:
        if book.displayname.casefold() == wanted.casefold():
            return book
    for book in books:
        if book.url.rstrip("/").rsplit("/", 1)[-1].casefold() == wanted.casefold():
            return book
    return None


def accounts() -> list[SyncAccount]:
    return list(SyncAccount.select().order_by(SyncAccount.name))


def get_account(name: str) -> SyncAccount:
    account = SyncAccount.get_or_none(SyncAccount.name == name)
    if account is None:
        raise NotFound("account", name)
    return account


def remove_account(name: str) -> None:
    """Forget the account, its sync state and its password; the local data stays."""
    account = get_account(name)
    with database.atomic(lock_type="IMMEDIATE"):
        account.delete_instance(recursive=True)
    delete_password(account)


def update_options(account_id: int, *, sync_private: bool, sync_history: bool) -> None:
    with database.atomic(lock_type="IMMEDIATE"):
        SyncAccount.update(sync_private=sync_private, sync_history=sync_history).where(
            SyncAccount.id == account_id
        ).execute()


def client_for(account: SyncAccount) -> DavClient:
    return DavClient(
        account.url, account.username, get_password(account), trusted_cert=account.trusted_cert
    )


# --- passwords: kept by app.secrets, one key per login ---------------------------------


def _key(account: SyncAccount) -> str:
    return f"{account.username}@{account.url}"


def password_storage() -> str:
    """``keyring`` or ``file`` (no keyring on this machine: a 0600 file, warn the user)."""
    return str(secrets.storage())


def password_file() -> Path:
    """Where the password goes without a keyring (shared with the mail sources)."""
    return secrets.secrets_file()


def set_password(account: SyncAccount, password: str) -> None:
    secrets.store_password(_key(account), password)


def get_password(account: SyncAccount) -> str:
    key = _key(account)
    password = secrets.get_password(key)
    if password is None:
        password = secrets.take_legacy(key, service=LEGACY_SERVICE, file_name=LEGACY_FILE)
    if password is None:
        raise AccountError("no-password", account.name)
    return password


def delete_password(account: SyncAccount) -> None:
    key = _key(account)
    secrets.take_legacy(key, service=LEGACY_SERVICE, file_name=LEGACY_FILE)  # an old copy too
    secrets.delete_password(key)

"""Sync accounts: discovery on the server, the account row, and its password.

The password lives in the system keyring (``keyring``). Where there is none (a headless
machine: keyring's "fail" backend), it goes to ``sync-passwords.json`` beside the
database, readable only by the user (0600), and :func:`password_storage` says so, so the
UI and the CLI can warn. Nothing is stored when discovery or the login fails.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from app.errors import AlliesError, NotFound
from app.models import database
from app.sync.dav import Collection, DavClient, DavError
from app.sync.state import SyncAccount

log = logging.getLogger(__name__)

KEYRING_SERVICE = "Allies sync"
PASSWORD_FILE = "sync-passwords.json"
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


# --- passwords -----------------------------------------------------------------------


def _key(account: SyncAccount) -> str:
    return f"{account.username}@{account.url}"


def _keyring_usable() -> bool:
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return False
    return type(backend).__module__ != "keyring.backends.null"


def password_storage() -> str:
    """``keyring`` or ``file`` (no keyring on this machine: a 0600 file, warn the user)."""
    return "keyring" if _keyring_usable() else "file"


def password_file() -> Path:
    return Path(database.database).parent / PASSWORD_FILE


def _read_file() -> dict[str, str]:
    path = password_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("password file %s unreadable: %s", path, exc)
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _write_file(data: dict[str, str]) -> None:
    path = password_file()
    tmp = path.with_name(path.name + ".part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def set_password(account: SyncAccount, password: str) -> None:
    if _keyring_usable():
        import keyring

        keyring.set_password(KEYRING_SERVICE, _key(account), password)
        return
    log.warning(
        "no system keyring: the password of %s is kept in %s (readable only by you)",
        account.name,
        password_file(),
    )
    data = _read_file()
    data[_key(account)] = password
    _write_file(data)


def get_password(account: SyncAccount) -> str:
    if _keyring_usable():
        import keyring

        password = keyring.get_password(KEYRING_SERVICE, _key(account))
    else:
        password = _read_file().get(_key(account))
    if password is None:
        raise AccountError("no-password", account.name)
    return password


def delete_password(account: SyncAccount) -> None:
    if _keyring_usable():
        import keyring
        import keyring.errors

        try:
            keyring.delete_password(KEYRING_SERVICE, _key(account))
        except keyring.errors.PasswordDeleteError:
            log.info("no password of %s in the keyring", account.name)
        return
    data = _read_file()
    if data.pop(_key(account), None) is not None:
        _write_file(data)

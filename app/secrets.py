"""Passwords: in the system keyring, or in a file only the user can read (SPEC §10, §11).

The ``keyring`` package talks to the desktop's secret service (GNOME Keyring, KWallet,
macOS Keychain, Windows Credential Locker). A headless machine has none: then the
password goes into ``secrets.json`` beside the database, mode 0600 from its first byte,
and a warning is logged (:func:`store_password` says where it went, so the front end can
tell the user).

The one place for every part that logs in somewhere: mail sources
(``imaps://user@host:993``) and sync accounts (``user@https://host/``), one key per login.
:func:`take_legacy` moves a password an older Allies kept elsewhere (its own keyring
service or file) into this store.
"""

from __future__ import annotations

import json
import logging
import os
from enum import StrEnum
from pathlib import Path

from app.models import database

log = logging.getLogger(__name__)

SERVICE = "Allies"
FILE_NAME = "secrets.json"
# Tests (and a user who wants no keyring) set ALLIES_NO_KEYRING=1: the file is used.
NO_KEYRING_ENV = "ALLIES_NO_KEYRING"


class Stored(StrEnum):
    KEYRING = "keyring"
    FILE = "file"


def _keyring():  # type: ignore[no-untyped-def]
    """The keyring module when a usable backend exists, else None."""
    if os.environ.get(NO_KEYRING_ENV):
        return None
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a broken keyring configuration must not stop the app
        log.warning("no usable keyring: %s", exc)
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return None
    return keyring


def _beside_database(name: str) -> Path:
    """``name`` in the folder of the open database (the user data directory otherwise).
    ``database.database`` may be a ``file:`` URI (a read-only database): the path is
    ``database.file_path`` then."""
    path = database.file_path or database.database
    if path and path != ":memory:" and not str(path).startswith("file:"):
        return Path(path).resolve().parent / name
    from app.db import data_dir

    return data_dir() / name


def secrets_file() -> Path:
    """``secrets.json`` beside the open database (the user data directory otherwise)."""
    return _beside_database(FILE_NAME)


def storage() -> Stored:
    """Where a password stored now goes: the front ends warn when it is the file."""
    return Stored.KEYRING if _keyring() is not None else Stored.FILE


def store_password(key: str, password: str) -> Stored:
    """Keep ``password`` under ``key``: in the keyring, else in :func:`secrets_file`."""
    ring = _keyring()
    if ring is not None:
        try:
            ring.set_password(SERVICE, key, password)
            _file_remove(key)
            return Stored.KEYRING
        except Exception as exc:  # locked or refusing keyring: fall back, say so
            log.warning("the keyring refused the password (%s); using a private file", exc)
    log.warning(
        "no system keyring: the password is kept in %s (readable only by you)", secrets_file()
    )
    values = _file_read()
    values[key] = password
    _file_write(values)
    return Stored.FILE


def get_password(key: str) -> str | None:
    """The password under ``key`` (keyring first, then the file), None when there is none."""
    ring = _keyring()
    if ring is not None:
        try:
            value = ring.get_password(SERVICE, key)
        except Exception as exc:
            log.warning("the keyring could not be read (%s)", exc)
            value = None
        if value is not None:
            return str(value)
    return _file_read().get(key)


def delete_password(key: str) -> None:
    """Forget ``key`` everywhere it may be (keyring and file); no error when absent."""
    ring = _keyring()
    if ring is not None:
        try:
            ring.delete_password(SERVICE, key)
        except Exception as exc:  # not there, or the keyring is locked
            log.debug("keyring delete of %s: %s", key, exc)
    _file_remove(key)


def take_legacy(key: str, *, service: str, file_name: str) -> str | None:
    """Move the password of ``key`` from where an older Allies kept it (keyring
    ``service``, or ``file_name`` beside the database) into this store; None if absent."""
    password: str | None = None
    ring = _keyring()
    if ring is not None:
        try:
            value = ring.get_password(service, key)
        except Exception as exc:
            log.warning("the keyring could not be read (%s)", exc)
            value = None
        if value is not None:
            password = str(value)
            try:
                ring.delete_password(service, key)
            except Exception as exc:
                log.debug("keyring delete of %s: %s", key, exc)
    legacy = _beside_database(file_name)
    values = _file_read(legacy)
    if key in values:
        password = password if password is not None else values[key]
        del values[key]
        if values:
            _file_write(values, legacy)
        else:
            legacy.unlink(missing_ok=True)
    if password is not None:
        store_password(key, password)
    return password


def _file_read(path: Path | None = None) -> dict[str, str]:
    path = path or secrets_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("cannot read %s: %s", path, exc)
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _file_write(values: dict[str, str], path: Path | None = None) -> None:
    path = path or secrets_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, json.dumps(values, indent=1).encode("utf-8"))
    finally:
        os.close(fd)
    os.replace(part, path)


def _file_remove(key: str) -> None:
    values = _file_read()
    if key in values:
        del values[key]
        _file_write(values)

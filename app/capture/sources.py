"""Sources the user opted into: add, list, forget; and the local mail folders on offer.

Each source is opted into separately. Removing one keeps what was accepted (the
interactions and contacts) and the dismissals; ``forget`` also removes its bookkeeping
and open suggestions (SPEC §5). The IMAP password lives in the keyring under
:func:`password_key`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from app import secrets
from app.capture.imap import ImapAddress, ImapSession, parse_url
from app.capture.local import is_maildir
from app.changes import Changes
from app.errors import NotFound, SourceFailed, ValidationError
from app.models import (
    CaptureCorrespondent,
    CaptureMark,
    CaptureSeen,
    CaptureSource,
    Suggestion,
    database,
)


class SourceKind(StrEnum):
    IMAP = "imap"
    MAILDIR = "maildir"
    MBOX = "mbox"
    ICS = "ics"
    ACCOUNT = "account"


LOCAL_KINDS = (SourceKind.MAILDIR, SourceKind.MBOX, SourceKind.ICS)


@dataclass(frozen=True)
class SourceInfo:
    id: int
    name: str
    kind: str
    location: str
    username: str
    folders: list[str]
    last_scan_at: str | None
    last_error: str
    open_suggestions: int

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "kind": self.kind,
            "location": self.location,
            "user": self.username,
            "folders": self.folders,
            "last_scan": self.last_scan_at,
            "error": self.last_error or None,
            "suggestions": self.open_suggestions,
        }


def password_key(location: str, username: str) -> str:
    """The keyring key of an IMAP login: ``imaps://user@host:993``."""
    scheme, _, rest = location.partition("://")
    return f"{scheme}://{username}@{rest}"


def _unique_name(wanted: str) -> str:
    taken = {s.name for s in CaptureSource.select(CaptureSource.name)}
    name, number = wanted, 2
    while name in taken:
        name, number = f"{wanted}-{number}", number + 1
    return name


def check_local(kind: str, path: Path) -> Path:
    """The absolute path of a local source, checked to be what ``kind`` says."""
    path = path.expanduser().resolve()
    if kind == SourceKind.MAILDIR:
        if not is_maildir(path):
            raise ValidationError("path", "not-a-maildir", str(path))
    elif kind in (SourceKind.MBOX, SourceKind.ICS):
        if not path.is_file():
            raise ValidationError("path", "not-found", str(path))
        with open(path, "rb") as fh:
            head = fh.read(64).lstrip(b"\xef\xbb\xbf")
        expected = b"From " if kind == SourceKind.MBOX else b"BEGIN:VCALENDAR"
        if head and not head.upper().startswith(expected.upper()):
            raise ValidationError("path", f"not-an-{kind}", str(path))
    else:
        raise ValidationError("kind", "unknown", kind)
    return path


def add_local_source(kind: str, path: Path, name: str | None = None) -> tuple[int, Changes]:
    path = check_local(kind, path)
    with database.atomic(lock_type="IMMEDIATE"):
        source = CaptureSource.create(
            name=_unique_name(name or path.name or kind), kind=kind, location=str(path)
        )
    return source.id, Changes(suggestions=True)


def add_account_source(account_name: str, name: str | None = None) -> tuple[int, Changes]:
    """The calendars of a sync account (its own "Allies" history calendar excepted)."""
    from app.sync.accounts import get_account

    account = get_account(account_name)
    with database.atomic(lock_type="IMMEDIATE"):
        source = CaptureSource.create(
            name=_unique_name(name or f"{account.name} calendars"),
            kind=SourceKind.ACCOUNT.value,
            location=account.name,
        )
    return source.id, Changes(suggestions=True)


def login_check(
    address: ImapAddress, user: str, password: str, name: str = "", trusted_cert: str = ""
) -> list[str]:
    """Log in once (nothing is stored); the folders a scan reads by default."""
    with ImapSession(
        name or address.host, address, user, password, trusted_cert=trusted_cert
    ) as session:
        return session.default_folders()


def add_imap_source(
    url: str,
    user: str,
    password: str,
    folders: list[str] | None = None,
    name: str | None = None,
    *,
    check: bool = True,
    trusted_cert: str = "",
) -> tuple[int, Changes]:
    """Log in first (``check``) and store nothing when that fails; the password goes to
    the keyring. ``folders`` empty: the inbox and the sent folder, found at each scan.
    ``trusted_cert``: the PEM of the server's certificate the user chose to trust
    (see :class:`~app.capture.imap.CertificateUntrusted`)."""
    try:
        address = parse_url(url)
    except ValueError as exc:
        raise ValidationError("url", "invalid", url, str(exc)) from exc
    if not user:
        raise ValidationError("user", "required")
    if check:
        login_check(address, user, password, name or address.host, trusted_cert)
    with database.atomic(lock_type="IMMEDIATE"):
        source = CaptureSource.create(
            name=_unique_name(name or address.host),
            kind=SourceKind.IMAP.value,
            location=address.url,
            username=user,
            folders=json.dumps(list(folders)) if folders else "",
            trusted_cert=trusted_cert,
        )
    secrets.store_password(password_key(address.url, user), password)
    return source.id, Changes(suggestions=True)


def source_folders(source: CaptureSource) -> list[str]:
    return list(json.loads(source.folders)) if source.folders else []


def find_source(name: str) -> CaptureSource:
    source = CaptureSource.get_or_none(CaptureSource.name == name)
    if source is None and name.isdigit():
        source = CaptureSource.get_or_none(CaptureSource.id == int(name))
    if source is None:
        raise NotFound("source", name)
    return source


def list_sources() -> list[SourceInfo]:
    counts = dict(
        database.execute_sql(
            "SELECT source_id, COUNT(*) FROM suggestion WHERE source_id IS NOT NULL "
            "GROUP BY source_id"
        ).fetchall()
    )
    return [
        SourceInfo(
            id=s.id,
            name=s.name,
            kind=s.kind,
            location=s.location,
            username=s.username,
            folders=source_folders(s),
            last_scan_at=s.last_scan_at.isoformat(sep=" ") if s.last_scan_at else None,
            last_error=s.last_error,
            open_suggestions=int(counts.get(s.id, 0)),
        )
        for s in CaptureSource.select().order_by(CaptureSource.name)
    ]


def forget_source_data(source_id: int) -> None:
    """Remove a source's bookkeeping and open suggestions (dismissals stay)."""
    for model in (CaptureMark, CaptureSeen, CaptureCorrespondent, Suggestion):
        model.delete().where(model.source == source_id).execute()


def remove_source(name: str, *, forget: bool = False) -> Changes:
    """Stop using a source; ``forget`` removes its bookkeeping and open suggestions too.

    Without ``forget`` the open suggestions stay in the inbox (they no longer name a
    source); accepted interactions and dismissals always stay.
    """
    with database.atomic(lock_type="IMMEDIATE"):
        source = find_source(name)
        if forget:
            forget_source_data(source.id)
        else:
            Suggestion.update(source=None).where(Suggestion.source == source.id).execute()
            for model in (CaptureMark, CaptureSeen, CaptureCorrespondent):
                model.delete().where(model.source == source.id).execute()
        kind, location, user = source.kind, source.location, source.username
        source.delete_instance()
    if kind == SourceKind.IMAP:
        secrets.delete_password(password_key(location, user))
    return Changes(suggestions=True)


def imap_password(source: CaptureSource) -> str:
    password = secrets.get_password(password_key(source.location, source.username))
    if password is None:
        raise SourceFailed(source.name, "no-password")
    return password


# --- local mail folders on offer -----------------------------------------------------


@dataclass(frozen=True)
class Found:
    kind: str
    path: Path
    program: str  # "thunderbird" | "evolution"
    label: str  # e.g. "Local Folders/Inbox"


def _thunderbird_roots(home: Path) -> list[Path]:
    return [
        home / ".thunderbird",
        home / ".var/app/org.mozilla.Thunderbird/.thunderbird",
        home / "snap/thunderbird/common/.thunderbird",
        home / "Library/Thunderbird/Profiles",
        Path(os.environ.get("APPDATA", home / "AppData/Roaming")) / "Thunderbird/Profiles",
    ]


def find_local_mail(home: Path | None = None) -> list[Found]:
    """The mbox files of Thunderbird's profiles and the Maildir folders of Evolution."""
    home = home or Path.home()
    found: list[Found] = []
    for root in _thunderbird_roots(home):
        if not root.is_dir():
            continue
        for profile in sorted(p for p in root.iterdir() if p.is_dir()):
            for store in ("Mail", "ImapMail"):
                base = profile / store
                if not base.is_dir():
                    continue
                for index in sorted(base.rglob("*.msf")):
                    mbox = index.with_suffix("")
                    if mbox.is_file() and mbox.stat().st_size > 0:
                        label = str(mbox.relative_to(base))
                        found.append(Found(SourceKind.MBOX.value, mbox, "thunderbird", label))
    evolution = home / ".local/share/evolution/mail/local"
    if is_maildir(evolution):
        found.append(Found(SourceKind.MAILDIR.value, evolution, "evolution", "Inbox"))
    if evolution.is_dir():
        for folder in sorted(evolution.iterdir()):
            if folder.name.startswith(".") and is_maildir(folder):
                label = folder.name.lstrip(".").replace(".", "/")
                found.append(Found(SourceKind.MAILDIR.value, folder, "evolution", label))
    return found

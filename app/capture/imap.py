"""The IMAP client: log in, find the folders, fetch new headers. Nothing else talks IMAP.

Built on the standard library's ``imaplib`` rather than ``imapclient``: Allies needs five
commands (LOGIN, LIST, EXAMINE, UID SEARCH, UID FETCH of ``BODY.PEEK[HEADER.FIELDS]``),
``imaplib`` has TLS, STARTTLS and timeouts built in, and parsing the one FETCH answer
shape is a few lines; a dependency (and its own dependency on ``six``) buys no more.
``EXAMINE`` opens folders read-only and ``BODY.PEEK`` never sets the \\Seen flag, so a
scan leaves the mailbox exactly as it was.

Security (SPEC §5): ``imaps://`` is TLS from the first byte (port 993); ``imap://`` must
upgrade with STARTTLS (port 143); only a server on the loopback interface may be talked
to in plain text. Every failure becomes a :class:`~app.errors.SourceFailed` with a code.
A server whose certificate the system does not trust (a self-signed one at home) raises
:class:`CertificateUntrusted` with the certificate and its SHA-256 fingerprint; when the
user trusts it, the session pins exactly that certificate (``trusted_cert``), as the
sync accounts do (:mod:`app.sync.dav`).
"""

from __future__ import annotations

import base64
import hashlib
import imaplib
import ipaddress
import re
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from app.capture.local import MailBatch
from app.capture.messages import FIELDS, parse_header
from app.errors import SourceFailed

TIMEOUT = 30.0
FETCH_CHUNK = 500
_FETCH_ITEMS = f"(UID BODY.PEEK[HEADER.FIELDS ({' '.join(f.upper() for f in FIELDS)})])"
_UID = re.compile(rb"UID (\d+)")
_LIST = re.compile(rb'^\((?P<flags>[^)]*)\) (?:"(?:[^"\\]|\\.)*"|NIL) (?P<name>.+)$')
SENT_NAMES = (
    "Sent",
    "Sent Items",
    "Sent Messages",
    "Sent Mail",
    "Gesendet",
    "Gesendete Objekte",
    "Gesendete Elemente",
    "INBOX.Sent",
    "[Gmail]/Sent Mail",
)


class CertificateUntrusted(SourceFailed):
    """Code ``certificate``: the server's certificate is not trusted (or is not the one the
    user trusted). ``pem`` is the certificate it presented ("" when it could not be read),
    ``fingerprint`` its SHA-256."""

    def __init__(self, source: str, pem: str, detail: str = "") -> None:
        super().__init__(source, "certificate", detail)
        self.pem = pem
        self.fingerprint = certificate_fingerprint(pem) if pem else ""


def certificate_fingerprint(pem: str) -> str:
    """SHA-256 of the certificate's DER bytes, as colon-separated hex (what browsers show)."""
    return _fingerprint(ssl.PEM_cert_to_DER_cert(pem))


def _fingerprint(der: bytes) -> str:
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def _unverified_context() -> ssl.SSLContext:
    """For a pinned certificate: the chain and name are not checked, the fingerprint is
    (a self-signed certificate is often no CA and names its host wrongly)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def _connect(
    address: ImapAddress, context: ssl.SSLContext, timeout: float
) -> tuple[imaplib.IMAP4, bool]:
    """A connection, encrypted when the server can (TLS, or STARTTLS); whether it is."""
    if address.tls:
        return imaplib.IMAP4_SSL(
            address.host, address.port, ssl_context=context, timeout=timeout
        ), True
    imap = imaplib.IMAP4(address.host, address.port, timeout=timeout)
    if "STARTTLS" in imap.capabilities:
        imap.starttls(context)
        return imap, True
    return imap, False


def _peer_pem(imap: imaplib.IMAP4) -> str:
    der = imap.sock.getpeercert(binary_form=True)  # type: ignore[attr-defined]
    return ssl.DER_cert_to_PEM_cert(der) if der else ""


def presented_certificate(address: ImapAddress, timeout: float = TIMEOUT) -> str:
    """The PEM certificate the server presents, read without verifying it ("" if none)."""
    try:
        imap, encrypted = _connect(address, _unverified_context(), timeout)
    except (OSError, ssl.SSLError, imaplib.IMAP4.error):
        return ""
    try:
        return _peer_pem(imap) if encrypted else ""
    finally:
        imap.shutdown()


@dataclass(frozen=True)
class ImapAddress:
    tls: bool  # imaps://: TLS from the start; imap://: STARTTLS (or plain on loopback)
    host: str
    port: int

    @property
    def url(self) -> str:
        return f"{'imaps' if self.tls else 'imap'}://{self.host}:{self.port}"

    @property
    def loopback(self) -> bool:
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False


def parse_url(url: str) -> ImapAddress:
    """``imaps://host[:port]`` or ``imap://host[:port]``; a ValueError otherwise."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("imap", "imaps") or not parts.hostname:
        raise ValueError(f"not an IMAP address: {url!r} (imaps://HOST[:PORT] or imap://…)")
    tls = parts.scheme == "imaps"
    try:
        port = parts.port or (993 if tls else 143)
    except ValueError as exc:
        raise ValueError(f"bad port in {url!r}") from exc
    return ImapAddress(tls, parts.hostname, port)


def encode_folder(name: str) -> str:
    """A folder name as IMAP writes it: modified UTF-7 (RFC 3501 §5.1.3), "Entwürfe" →
    "Entw&APw-rfe". Printable ASCII stays itself, "&" becomes "&-", the rest is UTF-16
    in base64 with "," for "/"."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            raw = "".join(pending).encode("utf-16-be")
            out.append("&" + base64.b64encode(raw).decode("ascii").rstrip("=").replace("/", ","))
            out.append("-")
            pending.clear()

    for char in name:
        if " " <= char <= "~":
            flush()
            out.append("&-" if char == "&" else char)
        else:
            pending.append(char)
    flush()
    return "".join(out)


_SHIFTED = re.compile(r"&([A-Za-z0-9+,]*)-")


def decode_folder(name: str) -> str:
    """The folder name a person reads, from IMAP's modified UTF-7; a name that is not
    valid modified UTF-7 is shown as the server sent it."""

    def shifted(match: re.Match[str]) -> str:
        text = match.group(1)
        if not text:
            return "&"
        padded = text.replace(",", "/") + "=" * (-len(text) % 4)
        try:
            return base64.b64decode(padded, validate=True).decode("utf-16-be")
        except (ValueError, UnicodeDecodeError):
            raise ValueError(name) from None

    try:
        return _SHIFTED.sub(shifted, name)
    except ValueError:
        return name


def _quote(folder: str) -> str:
    """The folder for a command: modified UTF-7, quoted."""
    encoded = encode_folder(folder)
    return '"' + encoded.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _unquote(name: bytes) -> str:
    text = name.decode("utf-8", "replace").strip()
    if text.startswith('"') and text.endswith('"'):
        text = text[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return text


class ImapSession:
    """One logged-in connection; use as a context manager (logs out on exit)."""

    def __init__(
        self,
        name: str,
        address: ImapAddress,
        user: str,
        password: str,
        *,
        ssl_context: ssl.SSLContext | None = None,
        trusted_cert: str = "",
        timeout: float = TIMEOUT,
    ) -> None:
        """``trusted_cert``: the PEM of a certificate the user chose to trust; the server
        must present exactly that one."""
        self.name = name
        self.address = address
        if trusted_cert:
            context = _unverified_context()
        else:
            context = ssl_context or ssl.create_default_context()
        try:
            self.imap, encrypted = _connect(address, context, timeout)
        except ssl.SSLCertVerificationError as exc:
            pem = presented_certificate(address, timeout)
            raise CertificateUntrusted(name, pem, exc.verify_message or str(exc)) from exc
        except ssl.SSLError as exc:
            raise SourceFailed(name, "tls", str(exc)) from exc
        except (OSError, imaplib.IMAP4.error) as exc:
            raise SourceFailed(name, "unreachable", str(exc) or type(exc).__name__) from exc
        if not encrypted and not address.loopback:
            self.imap.shutdown()
            raise SourceFailed(name, "tls", "the server offers no STARTTLS")
        if trusted_cert and encrypted:
            presented = _peer_pem(self.imap)
            wanted = certificate_fingerprint(trusted_cert)
            if not presented or certificate_fingerprint(presented) != wanted:
                self.imap.shutdown()
                raise CertificateUntrusted(name, presented, "not the certificate you trusted")
        try:
            self.imap.login(user, password)
        except imaplib.IMAP4.error as exc:
            self.imap.shutdown()
            raise SourceFailed(name, "login", _text(exc)) from exc
        except OSError as exc:
            raise SourceFailed(name, "unreachable", str(exc)) from exc

    def __enter__(self) -> ImapSession:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.imap.logout()
        except (OSError, imaplib.IMAP4.error):
            self.imap.shutdown()

    def _call(self, fn: Callable[..., tuple[str, list]], *args: object) -> list:  # type: ignore[type-arg]
        try:
            typ, data = fn(*args)
        except (TimeoutError, OSError) as exc:
            raise SourceFailed(self.name, "unreachable", str(exc)) from exc
        except imaplib.IMAP4.error as exc:
            raise SourceFailed(self.name, "protocol", _text(exc)) from exc
        if typ != "OK":
            raise SourceFailed(self.name, "protocol", _text(data))
        return data

    def folders(self) -> list[tuple[str, set[str]]]:
        """Every folder with its flags (``\\Sent`` and friends, RFC 6154)."""
        result = []
        for line in self._call(self.imap.list):
            if not isinstance(line, bytes):
                continue
            m = _LIST.match(line)
            if m:
                flags = {f.decode().lower() for f in m.group("flags").split()}
                result.append((decode_folder(_unquote(m.group("name"))), flags))
        return result

    def default_folders(self) -> list[str]:
        """The inbox and the sent folder (SPECIAL-USE \\Sent, else a usual name)."""
        listed = self.folders()
        names = [n for n, _ in listed]
        chosen = ["INBOX"]
        sent = [n for n, flags in listed if "\\sent" in flags]
        if not sent:
            sent = [n for n in SENT_NAMES if n in names][:1]
        return chosen + [n for n in sent if n not in chosen]

    def examine(self, folder: str) -> tuple[int, int]:
        """Open ``folder`` read-only: (UIDVALIDITY, number of messages)."""
        try:
            typ, data = self.imap.select(_quote(folder), readonly=True)
        except (TimeoutError, OSError) as exc:
            raise SourceFailed(self.name, "unreachable", str(exc)) from exc
        except imaplib.IMAP4.error as exc:
            raise SourceFailed(self.name, "protocol", _text(exc)) from exc
        if typ != "OK":
            raise SourceFailed(self.name, "not-found", folder)
        validity = self.imap.untagged_responses.get("UIDVALIDITY", [b"0"])[-1]
        return int(validity), int(data[0] or 0)

    def new_uids(self, after: int) -> list[int]:
        data = self._call(self.imap.uid, "SEARCH", f"UID {after + 1}:*")
        return sorted(u for u in map(int, (data[0] or b"").split()) if u > after)

    def fetch_headers(self, uids: list[int]) -> Iterator[tuple[int, bytes]]:
        sequence = ",".join(map(str, uids))
        for item in self._call(self.imap.uid, "FETCH", sequence, _FETCH_ITEMS):
            if isinstance(item, tuple) and len(item) >= 2:
                m = _UID.search(item[0])
                if m:
                    yield int(m.group(1)), item[1]


def folder_key(folder: str) -> str:
    return f"folder:{folder}"


def imap_batches(
    session: ImapSession, folders: list[str], marks: dict[str, dict[str, object]]
) -> Iterator[MailBatch]:
    """New messages of every folder, since the highest UID seen under the same UIDVALIDITY
    (a changed UIDVALIDITY reads the folder again; stable suggestion keys keep that from
    proposing anything twice)."""
    plans = []
    total = 0
    for folder in folders:
        validity, _count = session.examine(folder)
        mark = marks.get(folder_key(folder)) or {}
        after = int(mark.get("uid", 0)) if mark.get("uidvalidity") == validity else 0  # type: ignore[call-overload]
        uids = session.new_uids(after)
        plans.append((folder, validity, uids))
        total += len(uids)
    done = 0
    for folder, validity, uids in plans:
        if not uids:
            yield MailBatch(
                [], marks=_folder_mark(folder, validity, 0, marks), done=done, total=total
            )
            continue
        session.examine(folder)
        for start in range(0, len(uids), FETCH_CHUNK):
            chunk = uids[start : start + FETCH_CHUNK]
            headers = [
                parse_header(data, fallback_id=f"{folder}/{validity}/{uid}")
                for uid, data in session.fetch_headers(chunk)
            ]
            done += len(chunk)
            yield MailBatch(
                headers,
                marks=_folder_mark(folder, validity, chunk[-1], marks),
                done=done,
                total=total,
            )


def _folder_mark(
    folder: str, validity: int, uid: int, marks: dict[str, dict[str, object]]
) -> dict[str, dict[str, object]]:
    old = marks.get(folder_key(folder)) or {}
    if old.get("uidvalidity") == validity:
        uid = max(uid, int(old.get("uid", 0)))  # type: ignore[call-overload]
    return {folder_key(folder): {"uidvalidity": validity, "uid": uid}}


def _text(value: object) -> str:
    if isinstance(value, list):
        value = b" ".join(v for v in value if isinstance(v, bytes))
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)

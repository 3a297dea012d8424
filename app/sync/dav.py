"""The one WebDAV client of Allies: CardDAV and CalDAV over ``requests``.

Discovery follows RFC 6764 (``/.well-known/carddav`` or ``caldav``, then the
``current-user-principal`` and its ``addressbook-home-set`` / ``calendar-home-set``).
Listing prefers the collection's sync-token (RFC 6578 ``sync-collection``) and falls back
to a full PROPFIND of the ETags when the server has none or forgot the token. Every write
is conditional: ``If-None-Match: *`` to create, ``If-Match: ETAG`` to change or delete, so
a resource changed by someone else in between answers 412 instead of being overwritten.

Every failure becomes a :class:`DavError` with a ``code`` the UI turns into a sentence
(``unreachable``, ``timeout``, ``unauthorized``, ``forbidden``, ``not-found``,
``precondition-failed``, ``server-error``, ``malformed``, ``certificate``,
``no-collection``); a server whose certificate is not trusted raises
:class:`CertificateUntrusted` with the certificate, so the user can choose to trust it.
"""

from __future__ import annotations

import hashlib
import logging
import ssl
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import quote, unquote, urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter

from app.errors import AlliesError

log = logging.getLogger(__name__)

DAV = "DAV:"
CARDDAV = "urn:ietf:params:xml:ns:carddav"
CALDAV = "urn:ietf:params:xml:ns:caldav"
CS = "http://calendarserver.org/ns/"
NAMESPACES = {"d": DAV, "card": CARDDAV, "cal": CALDAV, "cs": CS}
for _prefix, _uri in NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)

TIMEOUT = 30.0  # seconds for connecting and for each read
# A server that took the request may need long for its answer: a listing (PROPFIND,
# REPORT) walks the whole collection before its first byte (Radicale: over 30 s for
# 100,000 objects), and Xandikos commits each PUT into a git tree of every object (over
# 30 s at 100,000). Reads may wait this many times longer than TIMEOUT; connecting still
# times out after TIMEOUT, so a server that is down is found fast.
ANSWER_TIMEOUT_FACTOR = 20
MULTIGET_BATCH = 200
USER_AGENT = "Allies (CardDAV/CalDAV sync)"


class DavError(AlliesError):
    """A server request failed; ``code`` says how (see the module docstring)."""

    def __init__(self, code: str, url: str = "", status: int | None = None, detail: str = ""):
        text = f"{code}: {url}" if url else code
        if status is not None:
            text += f" (HTTP {status})"
        if detail:
            text += f": {detail}"
        super().__init__(text)
        self.code = code
        self.url = url
        self.status = status
        self.detail = detail


class CertificateUntrusted(DavError):
    """The server's TLS certificate is not trusted; ``pem`` and ``fingerprint`` describe it."""

    def __init__(self, url: str, pem: str, detail: str = "") -> None:
        super().__init__("certificate", url, detail=detail)
        self.pem = pem
        self.fingerprint = certificate_fingerprint(pem) if pem else ""


class SyncTokenInvalid(DavError):
    """The server no longer knows the sync-token: list the collection in full."""


@dataclass(frozen=True)
class Collection:
    url: str
    kind: str  # "addressbook" | "calendar" | "other"
    displayname: str = ""
    ctag: str = ""
    sync_token: str = ""
    components: tuple[str, ...] = ()  # a calendar's VEVENT / VTODO


@dataclass(frozen=True)
class Listing:
    """What a collection holds (``full``) or what changed since a token (not ``full``)."""

    etags: dict[str, str]  # href -> etag (changed or every resource)
    deleted: frozenset[str]
    sync_token: str
    full: bool


@dataclass(frozen=True)
class Fetched:
    href: str
    etag: str
    data: str
    last_modified: str = ""


def certificate_fingerprint(pem: str) -> str:
    """SHA-256 of the certificate's DER bytes, as colon-separated hex (what browsers show)."""
    digest = hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem)).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def server_certificate(url: str, timeout: float = 10.0) -> str:
    """The PEM certificate the server at ``url`` presents (without verifying it)."""
    parts = urlsplit(url)
    port = parts.port or 443
    try:
        return ssl.get_server_certificate((parts.hostname or "", port), timeout=timeout)
    except (OSError, ssl.SSLError) as exc:
        raise DavError("unreachable", url, detail=str(exc)) from exc


class PinnedAdapter(HTTPAdapter):
    """Trust exactly one certificate, by its SHA-256 fingerprint (a self-signed server's).

    Such certificates are often not a CA and name the host wrongly (Xandikos' own names
    ``127.0.0.1`` as a DNS name), so the chain and the name are not checked: the
    fingerprint the user accepted is.
    """

    def __init__(self, pem: str) -> None:
        self._fingerprint = certificate_fingerprint(pem).replace(":", "").lower()
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["assert_fingerprint"] = self._fingerprint
        super().init_poolmanager(*args, **kwargs)


def _el(tag: str) -> str:
    prefix, name = tag.split(":")
    return f"{{{NAMESPACES[prefix]}}}{name}"


def _xml(root: ET.Element) -> bytes:
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8")


def _propfind_body(props: Iterable[str]) -> bytes:
    root = ET.Element(_el("d:propfind"))
    prop = ET.SubElement(root, _el("d:prop"))
    for name in props:
        ET.SubElement(prop, _el(name))
    return _xml(root)


def normalize_href(href: str) -> str:
    """One spelling for a path, whatever the server's percent-encoding."""
    path = urlsplit(href).path or href
    return quote(unquote(path), safe="/@:+,;=!$&'()*~")


@dataclass
class _Response:
    href: str
    status: int
    props: dict[str, ET.Element]


def _multistatus(text: bytes, url: str) -> Iterator[_Response]:
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise DavError("malformed", url, detail=f"not XML ({exc})") from exc
    if root.tag != _el("d:multistatus"):
        raise DavError("malformed", url, detail=f"expected a multistatus, got {root.tag}")
    for response in root.findall(_el("d:response")):
        href_el = response.find(_el("d:href"))
        if href_el is None or not (href_el.text or "").strip():
            continue
        href = normalize_href(href_el.text.strip())
        top_status = _status_code(response.find(_el("d:status")))
        props: dict[str, ET.Element] = {}
        for propstat in response.findall(_el("d:propstat")):
            if _status_code(propstat.find(_el("d:status"))) not in (200, None):
                continue
            prop = propstat.find(_el("d:prop"))
            if prop is not None:
                for child in prop:
                    props[child.tag] = child
        yield _Response(href, top_status or 200, props)


def _status_code(el: ET.Element | None) -> int | None:
    if el is None or not el.text:
        return None
    parts = el.text.split()
    try:
        return int(parts[1])
    except (IndexError, ValueError):
        return None


def _text(props: dict[str, ET.Element], tag: str) -> str:
    el = props.get(_el(tag))
    return (el.text or "").strip() if el is not None else ""


def _href_in(props: dict[str, ET.Element], tag: str) -> str:
    el = props.get(_el(tag))
    if el is None:
        return ""
    href = el.find(_el("d:href"))
    return (href.text or "").strip() if href is not None else ""


class DavClient:
    """A session with one server. Methods take absolute URLs or server-relative hrefs."""

    def __init__(
        self,
        url: str,
        username: str,
        password: str,
        *,
        trusted_cert: str = "",
        timeout: float = TIMEOUT,
    ) -> None:
        if "://" not in url:
            url = "https://" + url
        self.url = url
        self.timeout = timeout
        self.session = requests.Session()
        self.session.auth = (username, password)
        self.session.headers["User-Agent"] = USER_AGENT
        self.verify: bool = True
        self._trusted_cert = trusted_cert
        if trusted_cert:
            # The pinned fingerprint is checked instead. Passed with each request: a
            # session's verify=False loses to REQUESTS_CA_BUNDLE (requests issue 3829).
            self.verify = False
            self.session.mount("https://", PinnedAdapter(trusted_cert))

    def clone(self) -> DavClient:
        """A client with its own session and the same server, user and trust."""
        other = DavClient(
            self.url,
            *self.session.auth,  # type: ignore[misc]
            trusted_cert=self._trusted_cert,
            timeout=self.timeout,
        )
        return other

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> DavClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- requests --------------------------------------------------------------------

    def absolute(self, href: str) -> str:
        return urljoin(self.url, href)

    def request(
        self,
        method: str,
        href: str,
        *,
        body: bytes | str | None = None,
        headers: dict[str, str] | None = None,
        ok: tuple[int, ...] = (200, 201, 204, 207),
        allow_redirects: bool = False,
    ) -> requests.Response:
        url = self.absolute(href)
        data = body.encode("utf-8") if isinstance(body, str) else body
        read_timeout = self.timeout * ANSWER_TIMEOUT_FACTOR
        try:
            response = self.session.request(
                method,
                url,
                data=data,
                headers=headers or {},
                timeout=(self.timeout, read_timeout),
                allow_redirects=allow_redirects,
                verify=self.verify,
            )
        except requests.exceptions.SSLError as exc:
            pem = ""
            if url.startswith("https://"):
                try:
                    pem = server_certificate(url, self.timeout)
                except DavError:
                    pem = ""
            raise CertificateUntrusted(url, pem, detail=_reason(exc)) from exc
        except requests.exceptions.Timeout as exc:
            raise DavError("timeout", url, detail=_reason(exc)) from exc
        except (OSError, requests.exceptions.ConnectionError) as exc:
            raise DavError("unreachable", url, detail=_reason(exc)) from exc
        except requests.exceptions.RequestException as exc:
            raise DavError("unreachable", url, detail=_reason(exc)) from exc
        if response.status_code not in ok:
            raise _status_error(response, url)
        return response

    def propfind(self, href: str, props: Iterable[str], depth: str = "0") -> list[_Response]:
        response = self.request(
            "PROPFIND",
            href,
            body=_propfind_body(props),
            headers={"Depth": depth, "Content-Type": "application/xml; charset=utf-8"},
            ok=(207,),
        )
        return list(_multistatus(response.content, response.url))

    # --- discovery -------------------------------------------------------------------

    def discover_principal(self, service: str = "carddav") -> str:
        """The current-user-principal's href, found from the account URL (RFC 6764)."""
        candidates = [self.url]
        parts = urlsplit(self.url)
        root = f"{parts.scheme}://{parts.netloc}"
        if parts.path in ("", "/"):
            candidates.insert(0, f"{root}/.well-known/{service}")
        else:
            candidates.append(f"{root}/.well-known/{service}")
        last_error: DavError | None = None
        for candidate in candidates:
            try:
                start = self._follow_redirects(candidate)
                found = self.propfind(start, ["d:current-user-principal"])
            except DavError as exc:
                if exc.code in ("unauthorized", "certificate", "unreachable", "timeout"):
                    raise
                last_error = exc
                continue
            for response in found:
                principal = _href_in(response.props, "d:current-user-principal")
                if principal:
                    self.url = urljoin(start, principal)
                    return normalize_href(principal)
        raise last_error or DavError("no-collection", self.url, detail="no principal found")

    def _follow_redirects(self, url: str) -> str:
        """Where ``url`` ends after the redirects of a PROPFIND (well-known URLs redirect)."""
        for _ in range(5):
            response = self.request(
                "PROPFIND",
                url,
                body=_propfind_body(["d:resourcetype"]),
                headers={"Depth": "0", "Content-Type": "application/xml; charset=utf-8"},
                ok=(207, 301, 302, 303, 307, 308),
            )
            if response.status_code == 207:
                return url
            location = response.headers.get("Location")
            if not location:
                raise DavError("malformed", url, response.status_code, "redirect without Location")
            url = urljoin(url, location)
        raise DavError("malformed", url, detail="too many redirects")

    def home_set(self, principal: str, service: str = "carddav") -> str:
        prop = "card:addressbook-home-set" if service == "carddav" else "cal:calendar-home-set"
        for response in self.propfind(principal, [prop]):
            home = _href_in(response.props, prop)
            if home:
                return normalize_href(urljoin(self.absolute(principal), home))
        raise DavError("no-collection", self.absolute(principal), detail=f"no {prop}")

    def collections(self, home: str) -> list[Collection]:
        """The address books and calendars directly below a home set."""
        props = [
            "d:resourcetype",
            "d:displayname",
            "cs:getctag",
            "d:sync-token",
            "cal:supported-calendar-component-set",
        ]
        found = []
        for response in self.propfind(home, props, depth="1"):
            rtype = response.props.get(_el("d:resourcetype"))
            if rtype is None:
                continue
            if rtype.find(_el("card:addressbook")) is not None:
                kind = "addressbook"
            elif rtype.find(_el("cal:calendar")) is not None:
                kind = "calendar"
            else:
                continue
            comps = response.props.get(_el("cal:supported-calendar-component-set"))
            components = tuple(
                c.get("name", "") for c in (comps if comps is not None else []) if c.get("name")
            )
            found.append(
                Collection(
                    url=response.href,
                    kind=kind,
                    displayname=_text(response.props, "d:displayname"),
                    ctag=_text(response.props, "cs:getctag"),
                    sync_token=_text(response.props, "d:sync-token"),
                    components=components,
                )
            )
        return found

    def make_collection(self, href: str, kind: str, displayname: str) -> Collection:
        """Create an address book or calendar (extended MKCOL, RFC 5689)."""
        root = ET.Element(_el("d:mkcol"))
        prop = ET.SubElement(ET.SubElement(root, _el("d:set")), _el("d:prop"))
        rtype = ET.SubElement(prop, _el("d:resourcetype"))
        ET.SubElement(rtype, _el("d:collection"))
        ET.SubElement(rtype, _el("card:addressbook" if kind == "addressbook" else "cal:calendar"))
        ET.SubElement(prop, _el("d:displayname")).text = displayname
        if kind == "calendar":
            comps = ET.SubElement(prop, _el("cal:supported-calendar-component-set"))
            for name in ("VEVENT", "VTODO"):
                ET.SubElement(comps, _el("cal:comp"), name=name)
        href = href if href.endswith("/") else href + "/"
        self.request(
            "MKCOL",
            href,
            body=_xml(root),
            headers={"Content-Type": "application/xml; charset=utf-8"},
            ok=(200, 201),
        )
        return Collection(url=normalize_href(href), kind=kind, displayname=displayname)

    # --- listing ---------------------------------------------------------------------

    def collection_state(self, href: str) -> tuple[str, str]:
        """(CTag, sync-token) of a collection; empty strings where the server has none."""
        for response in self.propfind(href, ["cs:getctag", "d:sync-token"]):
            return _text(response.props, "cs:getctag"), _text(response.props, "d:sync-token")
        return "", ""

    def list_etags(self, href: str) -> dict[str, str]:
        """Every member resource of a collection → its ETag (one PROPFIND, Depth 1)."""
        base = normalize_href(self.absolute(href))
        etags: dict[str, str] = {}
        for response in self.propfind(href, ["d:getetag", "d:resourcetype"], depth="1"):
            if response.href.rstrip("/") == base.rstrip("/"):
                continue
            rtype = response.props.get(_el("d:resourcetype"))
            if rtype is not None and rtype.find(_el("d:collection")) is not None:
                continue
            etag = _text(response.props, "d:getetag")
            if etag:
                etags[response.href] = etag
        return etags

    def sync_collection(self, href: str, token: str) -> Listing:
        """What changed since ``token`` (RFC 6578); ``token`` "" lists everything."""
        root = ET.Element(_el("d:sync-collection"))
        ET.SubElement(root, _el("d:sync-token")).text = token
        ET.SubElement(root, _el("d:sync-level")).text = "1"
        prop = ET.SubElement(root, _el("d:prop"))
        ET.SubElement(prop, _el("d:getetag"))
        try:
            response = self.request(
                "REPORT",
                href,
                body=_xml(root),
                headers={"Depth": "0", "Content-Type": "application/xml; charset=utf-8"},
                ok=(207,),
            )
        except DavError as exc:
            if exc.status in (403, 409, 400, 404, 410, 412, 501) and exc.code != "unauthorized":
                raise SyncTokenInvalid("sync-token", exc.url, exc.status, exc.detail) from exc
            raise
        base = normalize_href(self.absolute(href))
        etags: dict[str, str] = {}
        deleted: set[str] = set()
        for item in _multistatus(response.content, response.url):
            if item.href.rstrip("/") == base.rstrip("/"):
                continue
            if item.status == 404:
                deleted.add(item.href)
                continue
            etag = _text(item.props, "d:getetag")
            if etag:
                etags[item.href] = etag
        try:
            new_token = (
                ET.fromstring(response.content).findtext(_el("d:sync-token")) or ""
            ).strip()
        except ET.ParseError as exc:
            raise DavError("malformed", response.url, detail=str(exc)) from exc
        return Listing(etags, frozenset(deleted), new_token, full=not token)

    def multiget(self, href: str, hrefs: list[str], kind: str = "addressbook") -> list[Fetched]:
        """The data of these resources, in batches of :data:`MULTIGET_BATCH`."""
        found: list[Fetched] = []
        if kind == "addressbook":
            report, data_tag = "card:addressbook-multiget", "card:address-data"
        else:
            report, data_tag = "cal:calendar-multiget", "cal:calendar-data"
        for start in range(0, len(hrefs), MULTIGET_BATCH):
            root = ET.Element(_el(report))
            prop = ET.SubElement(root, _el("d:prop"))
            ET.SubElement(prop, _el("d:getetag"))
            ET.SubElement(prop, _el("d:getlastmodified"))
            ET.SubElement(prop, _el(data_tag))
            for member in hrefs[start : start + MULTIGET_BATCH]:
                ET.SubElement(root, _el("d:href")).text = member
            response = self.request(
                "REPORT",
                href,
                body=_xml(root),
                headers={"Depth": "1", "Content-Type": "application/xml; charset=utf-8"},
                ok=(207,),
            )
            for item in _multistatus(response.content, response.url):
                data = _text(item.props, data_tag)
                if item.status == 404 or not data:
                    continue
                found.append(
                    Fetched(
                        item.href,
                        _text(item.props, "d:getetag"),
                        _raw_text(item.props, data_tag),
                        _text(item.props, "d:getlastmodified"),
                    )
                )
        return found

    def get(self, href: str) -> Fetched:
        response = self.request("GET", href, ok=(200,))
        return Fetched(
            normalize_href(href),
            response.headers.get("ETag", ""),
            response.text,
            response.headers.get("Last-Modified", ""),
        )

    # --- writes ----------------------------------------------------------------------

    def put(self, href: str, data: str, content_type: str, *, etag: str | None = None) -> str:
        """Create (``etag`` None: ``If-None-Match: *``) or replace (``If-Match``) a
        resource; returns its new ETag ("" when the server does not say)."""
        headers = {"Content-Type": content_type}
        if etag is None:
            headers["If-None-Match"] = "*"
        else:
            headers["If-Match"] = etag
        response = self.request("PUT", href, body=data, headers=headers, ok=(200, 201, 204))
        new_etag = response.headers.get("ETag", "")
        if new_etag.startswith("W/"):
            return ""  # a weak ETag cannot be used in If-Match: ask again
        return new_etag

    def etag_of(self, href: str) -> str:
        for response in self.propfind(href, ["d:getetag"]):
            return _text(response.props, "d:getetag")
        return ""

    def delete(self, href: str, etag: str | None) -> None:
        """Delete a resource unless it changed since ``etag``; already gone is fine."""
        headers = {"If-Match": etag} if etag else {}
        self.request("DELETE", href, headers=headers, ok=(200, 204, 404))


def _raw_text(props: dict[str, ET.Element], tag: str) -> str:
    el = props.get(_el(tag))
    return el.text or "" if el is not None else ""


def _reason(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) < 300 else text[:297] + "..."


def _status_error(response: requests.Response, url: str) -> DavError:
    status = response.status_code
    if status == 401:
        code = "unauthorized"
    elif status == 403:
        code = "forbidden"
    elif status == 404:
        code = "not-found"
    elif status == 412:
        code = "precondition-failed"
    elif status in (423, 429):
        code = "busy"  # locked by another write (Xandikos), or too many requests
    elif status >= 500:
        code = "server-error"
    else:
        code = "refused"
    return DavError(code, url, status, response.reason or "")


def parse_http_date(text: str) -> str:
    """An HTTP date (``getlastmodified``) as UTC ISO 8601, "" when it does not parse."""
    if not text:
        return ""
    try:
        import datetime as dt

        when = parsedate_to_datetime(text)
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    except (TypeError, ValueError):
        return ""

"""Matching keys: how an imported card recognises a contact that already exists.

UIDs compare without their ``urn:uuid:`` prefix and case; e-mails case-insensitively;
phones by E.164 (only numbers that parsed: bare digits like ``54321`` match nothing);
LinkedIn profiles by their ``linkedin.com/in/<slug>`` path; names, for references and merge
candidates, folded to lower-case ASCII-ish words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import phonenumbers
from email_validator import SPECIAL_USE_DOMAIN_NAMES

from app.contacts import normalize_email, phone_key

_UUID_PREFIX = "urn:uuid:"


def uid_key(uid: str) -> str:
    uid = uid.strip()
    if uid.lower().startswith(_UUID_PREFIX):
        uid = uid[len(_UUID_PREFIX) :]
    return uid.casefold()


def uid_variants(uid: str) -> list[str]:
    """Spellings under which the same UID may be stored (for an indexed ``IN`` query)."""
    raw = uid.strip()
    bare = raw[len(_UUID_PREFIX) :] if raw.lower().startswith(_UUID_PREFIX) else raw
    found = {raw: None}
    for spelling in (bare, bare.lower(), bare.upper()):
        found[spelling] = None
        found[_UUID_PREFIX + spelling] = None
        found[_UUID_PREFIX.upper() + spelling] = None
    return list(found)


def email_key(address: str) -> str:
    return address.strip().casefold()


_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
# Dot-atom local part, a domain of two or more labels whose last ends with a letter.
_PLAIN_EMAIL = re.compile(rf"({_ATEXT}(?:\.{_ATEXT})*)@((?:{_LABEL}\.)+{_LABEL})(?<=[A-Za-z])")
_SPECIAL_USE = tuple(f".{name}" for name in SPECIAL_USE_DOMAIN_NAMES)


def normalized_email(address: str) -> str:
    """What :func:`app.contacts.normalize_email` returns, without its cost for plain
    ASCII addresses (a tenth of the time of an import went into it)."""
    address = address.strip()
    m = _PLAIN_EMAIL.fullmatch(address)
    if m and len(m.group(1)) <= 64 and len(address) <= 254 and "--" not in m.group(2):
        domain = m.group(2).lower()
        if not ("." + domain).endswith(_SPECIAL_USE):
            return f"{m.group(1)}@{domain}"
    return normalize_email(address)


@lru_cache(maxsize=65536)
def normalized_phone(number: str, region: str) -> tuple[str, str, bool]:
    """(display form, matching key, parsed) for a phone number from a file.

    The same as :func:`app.contacts.normalize_phone` (international display form, E.164)
    for numbers that parse, else the text as written and :func:`app.contacts.phone_key`.
    Parsing phone numbers is the dearest step of an import, so this one parses once.
    """
    raw = " ".join(number.split())
    if raw[:4].lower() == "tel:":
        raw = raw[4:]
    try:
        parsed = phonenumbers.parse(raw, region or None)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_possible_number(parsed):
        return raw, phone_key(raw, region), False
    display = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    e164 = f"+{parsed.country_code}{phonenumbers.national_significant_number(parsed)}"
    return display, e164, True


_LINKEDIN = re.compile(r"linkedin\.com/in/([^/?#\s]+)", re.IGNORECASE)


def linkedin_key(url: str) -> str | None:
    m = _LINKEDIN.search(url)
    return f"linkedin.com/in/{m.group(1).casefold()}" if m else None


_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """``"Müller, Hans-Peter"`` → ``"muller hans peter"``: for exact name references."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    stripped = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", stripped).split())

"""Matching keys: how an imported card recognises a contact that already exists.

UIDs compare without their ``urn:uuid:`` prefix and case; e-mails case-insensitively;
phones by E.164 (only numbers that parsed: bare digits like ``54321`` match nothing);
LinkedIn profiles by their ``linkedin.com/in/<slug>`` path; names, for references and merge
candidates, folded to lower-case ASCII-ish words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import phonenumbers
from phonenumbers import PhoneMetadata

from app.contacts import normalize_email, phone_key

if TYPE_CHECKING:
    from app.interchange.records import ContactRecord

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
# email_validator's SPECIAL_USE_DOMAIN_NAMES (tests/interchange/test_email_keys.py checks):
# importing it costs 40 ms of every import's start, and plain addresses never need it.
SPECIAL_USE_DOMAIN_NAMES = ("arpa", "invalid", "local", "localhost", "onion", "test")
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


# A number written with ASCII digits and these separators only (a "+" only in front):
# phonenumbers reads such text by its digits alone (it drops the punctuation, finds no
# extension without a letter, "#", "~" or ",", and no vanity letters), so the result
# depends only on the "+" and the digits. tests/interchange/test_phone_keys.py checks it.
_PLAIN_PHONE = re.compile(r"\+?[0-9 ().\-/]*[0-9][0-9 ().\-/]*")
_SEPARATORS = str.maketrans("", "", " ().-/")


@lru_cache(maxsize=65536)
def normalized_phone(number: str, region: str) -> tuple[str, str, bool]:
    """(display form, matching key, parsed) for a phone number from a file.

    The same as :func:`app.contacts.normalize_phone` (international display form, E.164)
    for numbers that parse, else the text as written and :func:`app.contacts.phone_key`.
    Parsing phone numbers is the dearest step of an import: a number in plain form is
    worked out once per digits (``030 1234567`` and ``030/123 45 67`` are one), and one
    in international form without its national prefix (``+49 151 2345678``) without
    ``phonenumbers.parse`` (see :func:`_international`).
    """
    raw = " ".join(number.split())
    if raw[:4].lower() == "tel:":
        raw = raw[4:]
    if len(raw) <= 250 and _PLAIN_PHONE.fullmatch(raw):
        digits = raw.translate(_SEPARATORS)
        if len(digits) - (digits[0] == "+") >= 3:  # fewer: the separators matter
            found = _plain_phone(digits, region)
            if found is not None:
                return found[0], found[1], True
            return raw, phone_key(raw, region), False
    return _parsed_phone(raw, region)


@lru_cache(maxsize=65536)
def _plain_phone(digits: str, region: str) -> tuple[str, str] | None:
    """(display, E.164) of a number as digits with an optional "+", None if it is none."""
    found = _international(digits[1:]) if digits[0] == "+" else _national(digits, region)
    if found is not None:
        return found or None
    display, key, parsed = _parsed_phone(digits, region)
    return (display, key) if parsed else None


def _parsed_phone(raw: str, region: str) -> tuple[str, str, bool]:
    """What phonenumbers makes of the text: the reference for every other path."""
    try:
        parsed = phonenumbers.parse(raw, region or None)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_possible_number(parsed):
        return raw, phone_key(raw, region), False
    display = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    e164 = f"+{parsed.country_code}{phonenumbers.national_significant_number(parsed)}"
    return display, e164, True


def _international(digits: str) -> tuple[str, str] | tuple[()] | None:
    """``phonenumbers.parse("+" + digits)`` and its international format, done directly
    for the common case: a known country code followed by a national number that does
    not start with 0 or with the country's national prefix (which ``parse`` would strip).
    (display, E.164), ``()`` when such a number is not a possible one, None when the
    case is not the common one (the caller asks phonenumbers then)."""
    for size in (1, 2, 3):
        country = _COUNTRY_CODES.get(digits[:size])
        if country is not None:
            break
    else:
        return None
    nsn = digits[size:]
    if not 2 <= len(nsn) <= 17 or nsn[0] == "0":
        return None
    rules = _country_rules(country)
    if rules is None or (rules.national_prefix is not None and rules.national_prefix.match(nsn)):
        return None
    return _formatted(country, rules, nsn)


def _national(digits: str, region: str) -> tuple[str, str] | tuple[()] | None:
    """``phonenumbers.parse(digits, region)`` and its international format, done directly
    for the common case: a number in the region's national form (``030 1234567`` in
    Germany), neither international (an IDD prefix, the country code without "+") nor
    in need of the region's prefix transformation. The same answers as :func:`_international`.
    """
    rules = _region_rules(region) if region else None
    if rules is None or rules.idd.match(digits) or digits.startswith(rules.country_digits):
        return None
    nsn = digits
    prefix = rules.national_prefix.match(digits) if rules.national_prefix else None
    if prefix is not None:  # parse strips a national prefix when what is left is a number
        stripped = digits[prefix.end() :]
        general = rules.general
        keep = (
            general is not None
            and general.fullmatch(digits) is not None
            and general.fullmatch(stripped) is None
        )
        if not keep:
            if not 2 <= len(stripped) <= 17:
                return None
            if rules.strip_lengths[len(stripped)]:
                nsn = stripped
    if not 2 <= len(nsn) <= 17 or nsn[0] == "0":
        return None
    return _formatted(rules.country, rules.formatting, nsn)


def _formatted(country: int, rules: _CountryRules, nsn: str) -> tuple[str, str] | tuple[()]:
    """``is_possible_number`` and ``format_number(…, INTERNATIONAL)`` of a parsed number."""
    if len(nsn) not in rules.possible_lengths:
        return ()
    for leading, pattern, rule, template in rules.formats:
        if (leading is None or leading.match(nsn)) and pattern.fullmatch(nsn):
            m = pattern.match(nsn)  # the first match of sub: the whole number, mostly
            if template is not None and m is not None and m.end() == len(nsn):
                text = template.format(*[g or "" for g in m.groups()])
            else:
                text = pattern.sub(rule, nsn)
            return f"+{country} {text}", f"+{country}{nsn}"
    return f"+{country} {nsn}", f"+{country}{nsn}"


_RULE = re.compile(r"(?:\\[1-9]|[^\\{}])*")


def _template(rule: str) -> str | None:
    """A format rule of phonenumbers (``\\1 \\2-\\3``) as a ``str.format`` template, None
    for one that is more than group numbers and plain characters (``sub`` does those)."""
    if not _RULE.fullmatch(rule):
        return None
    return re.sub(r"\\([1-9])", lambda m: "{" + str(int(m.group(1)) - 1) + "}", rule)


_COUNTRY_CODES = {str(code): code for code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE}


@dataclass(frozen=True)
class _CountryRules:
    national_prefix: re.Pattern[str] | None  # metadata.national_prefix_for_parsing
    formats: tuple[tuple[re.Pattern[str] | None, re.Pattern[str], str, str | None], ...]
    possible_lengths: frozenset[int]  # of national numbers, for is_possible_number


@cache
def _country_rules(country: int) -> _CountryRules | None:
    """The metadata ``parse`` and ``format_number(…, INTERNATIONAL)`` use for a country
    code (its main region's), with the patterns compiled once."""
    region = phonenumbers.region_code_for_country_code(country)
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(country, region.upper())
    if metadata is None:
        return None
    prefix = metadata.national_prefix_for_parsing
    formats = metadata.intl_number_format or metadata.number_format
    # is_possible_number looks at the length of the national number only (and the
    # country's metadata): ask it once per length.
    possible = frozenset(
        size
        for size in range(2, 18)
        if phonenumbers.is_possible_number(
            phonenumbers.PhoneNumber(country_code=country, national_number=int("1" * size))
        )
    )
    return _CountryRules(
        re.compile(prefix) if prefix else None,
        tuple(
            (
                re.compile(f.leading_digits_pattern[-1]) if f.leading_digits_pattern else None,
                re.compile(f.pattern),
                f.format,
                _template(f.format) if re.match(f.pattern, "") is None else None,
            )
            for f in formats
        ),
        possible,
    )


@dataclass(frozen=True)
class _RegionRules:
    country: int
    country_digits: str
    idd: re.Pattern[str]  # metadata.international_prefix
    national_prefix: re.Pattern[str] | None  # metadata.national_prefix_for_parsing
    general: re.Pattern[str] | None  # metadata.general_desc.national_number_pattern
    strip_lengths: dict[int, bool]  # whether parse keeps a number stripped to this length
    formatting: _CountryRules


@cache
def _region_rules(region: str) -> _RegionRules | None:
    """The metadata ``parse`` uses for a number in national form, for the regions whose
    country code is theirs alone or who are its main region (not e.g. Canada in +1, whose
    numbers are formatted by the rules of the United States)."""
    metadata = PhoneMetadata.metadata_for_region(region.upper(), None)
    if metadata is None or not metadata.country_code or not metadata.international_prefix:
        return None
    country = metadata.country_code
    if phonenumbers.region_code_for_country_code(country) != region.upper():
        return None
    if metadata.national_prefix_transform_rule:
        return None
    formatting = _country_rules(country)
    if formatting is None:
        return None
    general = metadata.general_desc.national_number_pattern if metadata.general_desc else None
    prefix = metadata.national_prefix_for_parsing
    # parse keeps the stripped number unless _test_number_length says TOO_SHORT,
    # IS_POSSIBLE_LOCAL_ONLY or INVALID_LENGTH, which depends on its length only.
    refused = {
        phonenumbers.ValidationResult.TOO_SHORT,
        phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY,
        phonenumbers.ValidationResult.INVALID_LENGTH,
    }
    strip_lengths = {
        size: phonenumbers.is_possible_number_with_reason(
            phonenumbers.PhoneNumber(country_code=country, national_number=int("1" * size))
        )
        not in refused
        for size in range(2, 18)
    }
    return _RegionRules(
        country,
        str(country),
        re.compile(metadata.international_prefix),
        re.compile(prefix) if prefix else None,
        re.compile(general) if general else None,
        strip_lengths,
        formatting,
    )


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


def identity(rec: ContactRecord) -> list[tuple[str, str]]:
    """The card's identity keys in the order of trust: UID, e-mail, phone, profile
    (made where the card is read: in a parsing process too, which imports no matching)."""
    c = rec.contact
    keys = []
    if c.uid:
        keys.append(("uid", uid_key(c.uid)))
    keys += [("email", email_key(e.value)) for e in c.emails]
    keys += [("phone", k) for k in rec.phone_keys if k]
    keys += [("linkedin", k) for k in (linkedin_key(lk.value) for lk in c.links) if k]
    return keys

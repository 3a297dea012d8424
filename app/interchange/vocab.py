"""The words address books use for labels, relations and system groups, mapped once.

vCard TYPE parameters, Apple's ``_$!<HomePage>!$_`` labels, Google's ``* Work`` and
Outlook's ``X-MS-MANAGER`` all say the same few things; this module turns them into the
labels Allies stores (``home``, ``work fax``, ``cell`` …) and the relationship types of the
domain (:class:`~app.models.RelationshipType`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from app.models import RelationshipType

# Label words in the order they are written ("work fax", not "fax work").
LABEL_ORDER = (
    "home",
    "work",
    "school",
    "other",
    "cell",
    "iphone",
    "main",
    "car",
    "fax",
    "pager",
    "video",
    "textphone",
    "isdn",
    "bbs",
    "modem",
    "msg",
    "postal",
)
# TYPE values that say nothing a person would call a label.
_NOISE = {
    "pref",
    "internet",
    "email",
    "x400",
    "voice",
    "text",
    "dom",
    "intl",
    "parcel",
    "aol",
    "applelink",
    "attmail",
    "cis",
    "eworld",
    "ibmmail",
    "mcimail",
    "powershare",
    "prodigy",
    "tlx",
}
_SYNONYMS = {"mobile": "cell", "mobil": "cell", "homefax": "home fax", "workfax": "work fax"}

# Bare 2.1 parameters (``TEL;WORK;VOICE:``) that are TYPE values; other bare words such
# as ``de-DE`` or ``x-unknown`` are ignored rather than turned into labels.
KNOWN_TYPES = frozenset(
    {t.upper() for t in LABEL_ORDER}
    | {t.upper() for t in _NOISE}
    | {
        "GIF",
        "CGM",
        "WMF",
        "BMP",
        "MET",
        "PMB",
        "DIB",
        "PICT",
        "TIFF",
        "PDF",
        "PS",
        "JPEG",
        "PNG",
        "QTIME",
        "MPEG",
        "MPEG2",
        "AVI",
        "WAVE",
        "AIFF",
        "PCM",
        "X509",
        "PGP",
        "CALLBACK",
        "RADIO",
        "TELEX",
        "ASSISTANT",
        "COMPANY",
    }
)

_APPLE = re.compile(r"^_\$!<(.*)>!\$_$")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def label_from_types(types: Iterable[str]) -> str:
    """``["WORK", "VOICE", "PREF"]`` → ``"work"``; unknown custom types stay as written."""
    return _label(tuple(types))


@lru_cache(maxsize=4096)
def _label(types: tuple[str, ...]) -> str:
    known: set[str] = set()
    custom: list[str] = []
    for raw in types:
        word = raw.strip()
        low = word.lower()
        low = _SYNONYMS.get(low, low)
        if not low or low in _NOISE:
            continue
        if low.startswith("x-") and low[2:] in LABEL_ORDER:
            low = low[2:]
        if all(part in LABEL_ORDER for part in low.split()):
            known.update(low.split())
        elif word not in custom:
            custom.append(word)
    return " ".join([w for w in LABEL_ORDER if w in known] + custom)


@lru_cache(maxsize=4096)
def apple_label(text: str) -> str:
    """``_$!<HomePage>!$_`` → ``home page``; ``_$!<Mobile>!$_`` → ``cell``; custom text as is."""
    text = text.strip()
    m = _APPLE.match(text)
    if not m:
        return text
    words = _CAMEL.sub(" ", m.group(1)).lower()
    return _SYNONYMS.get(words.replace(" ", ""), words)


def is_anniversary_label(label: str) -> bool:
    low = apple_label(label).lower()
    return "anniversary" in low or low in {"hochzeitstag", "jahrestag", "wedding"}


# Relationship words → (type, reverse, note). ``reverse`` means the other person is the
# source: "my assistant" is someone who reports to me; "my mentor" is mentor of me.
_COLLEAGUE = (RelationshipType.COLLEAGUE.value, False)
_RELATION_WORDS: dict[str, tuple[str, bool]] = {
    "colleague": _COLLEAGUE,
    "co-worker": _COLLEAGUE,
    "coworker": _COLLEAGUE,
    "friend": (RelationshipType.FRIEND.value, False),
    "manager": (RelationshipType.REPORTS_TO.value, False),
    "boss": (RelationshipType.REPORTS_TO.value, False),
    "supervisor": (RelationshipType.REPORTS_TO.value, False),
    "assistant": (RelationshipType.REPORTS_TO.value, True),
    "direct report": (RelationshipType.REPORTS_TO.value, True),
    "mentor": (RelationshipType.MENTOR_OF.value, True),
    "mentee": (RelationshipType.MENTOR_OF.value, False),
    "protege": (RelationshipType.MENTOR_OF.value, False),
    "referred by": (RelationshipType.INTRODUCED_BY.value, False),
    "introduced by": (RelationshipType.INTRODUCED_BY.value, False),
    "referrer": (RelationshipType.INTRODUCED_BY.value, False),
    # Allies' own words, as its CSV export writes them.
    "reports-to": (RelationshipType.REPORTS_TO.value, False),
    "mentor-of": (RelationshipType.MENTOR_OF.value, False),
    "introduced-by": (RelationshipType.INTRODUCED_BY.value, False),
    "knows": (RelationshipType.KNOWS.value, False),
}
# Words that only say "this is a contact" and need no note.
_PLAIN_KNOWS = {"", "contact", "acquaintance", "met", "other", "related", "relation"}


def relation_for_label(label: str) -> tuple[str, bool, str]:
    """(RelationshipType value, reverse, note) for a relation label from any address book.

    Kinds the domain has no type for (spouse, child, tennis coach …) become ``knows`` with
    the label kept as the note.
    """
    text = apple_label(label)
    key = " ".join(text.lower().replace("_", " ").replace("é", "e").split())
    found = _RELATION_WORDS.get(key)
    if found is not None:
        return found[0], found[1], ""
    if key in _PLAIN_KNOWS:
        return RelationshipType.KNOWS.value, False, ""
    return RelationshipType.KNOWS.value, False, text


SYMMETRIC_TYPES = frozenset(
    {
        RelationshipType.COLLEAGUE.value,
        RelationshipType.KNOWS.value,
        RelationshipType.FRIEND.value,
    }
)

# Groups every Google or Android contact is in; they say nothing about the person.
_SYSTEM_GROUPS = {"my contacts", "mycontacts", "starred in android", "starred"}


def is_system_group(name: str) -> bool:
    name = name.strip()
    return name.startswith("* ") or name.casefold() in _SYSTEM_GROUPS

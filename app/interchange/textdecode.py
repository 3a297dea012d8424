"""Bytes to text for files whose encoding nobody wrote down.

Real exports are UTF-8 (with or without BOM), UTF-16 (with or without BOM) or, from old
Outlook and phones, a Windows code page that the file never names. We decode UTF-8 with
``surrogateescape`` so that stray 8-bit bytes survive as lone surrogates; a vCard property
with a ``CHARSET`` parameter re-decodes its own bytes, and everything else is decoded with
the code page guessed once per file from all of its non-UTF-8 words
(:func:`guess_codepage`): the one whose reading gives whole words of one script wins,
``cp1252`` on a tie.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

CANDIDATE_CODEPAGES = (
    "cp1252",
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
)
_SURROGATES = re.compile("[\udc80-\udcff]")
_WORD = re.compile(r"\w+", re.UNICODE)
_SAMPLE_LIMIT = 256 * 1024


class BinaryData(ValueError):
    """The bytes are not text in any encoding we know."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16-le", … or "utf-8+cp1253" (mixed)
    legacy: str | None  # the code page for undeclared 8-bit bytes, when there were any

    def fix(self, value: str, charset: str | None = None) -> str:
        """``value`` with its escaped 8-bit bytes decoded (``charset`` first, if known)."""
        if self.legacy is None or not _SURROGATES.search(value):
            return value
        raw = value.encode("utf-8", "surrogateescape")
        return decode_bytes(raw, charset, self.legacy)


@lru_cache(maxsize=256)
def known_codec(name: str | None) -> str | None:
    """The Python codec for a CHARSET name, or None for bogus names like ``Murks``."""
    if not name or not name.isascii():  # a stray 8-bit byte is no codec's name
        return None
    try:
        info = codecs.lookup(name.strip().strip('"'))
    except (LookupError, ValueError):  # ValueError: e.g. a NUL in the name
        return None
    # "base64", "hex", "zip" … are codecs too, but not for text.
    return info.name if getattr(info, "_is_text_encoding", True) else None


def decode_bytes(raw: bytes, charset: str | None, fallback: str | None) -> str:
    """Bytes of one value: the declared charset, else UTF-8, else the file's code page."""
    codec = known_codec(charset)
    if codec is not None:
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            if codec == "utf-8":  # declared, only broken (e.g. cut off): keep what reads
                return raw.decode(codec, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode(fallback or "cp1252", errors="replace")


def decode_file(data: bytes, declared: tuple[str, ...] = ()) -> DecodedText:
    """Decode a whole file; raises :class:`BinaryData` for anything that is not text.

    ``declared`` are charset names seen in the file (vCard CHARSET parameters); they win
    the guess of the code page when they read as well as any other candidate.
    """
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            body = data[len(bom) :]
            if codec == "utf-8-sig":
                return _decode_8bit(body, declared, "utf-8-sig")
            return _checked(body.decode(codec, errors="replace"), codec, None)
    codec = _utf16_without_bom(data)
    if codec:
        return _checked(data.decode(codec, errors="replace"), codec, None)
    return _decode_8bit(data, declared, "utf-8")


def _utf16_without_bom(data: bytes) -> str | None:
    head = data[:8192]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    odd_nuls = head[1::2].count(0)
    even_nuls = head[0::2].count(0)
    if odd_nuls > pairs * 0.4 and even_nuls < pairs * 0.05:
        return "utf-16-le"
    if even_nuls > pairs * 0.4 and odd_nuls < pairs * 0.05:
        return "utf-16-be"
    return None


def _decode_8bit(data: bytes, declared: tuple[str, ...], name: str) -> DecodedText:
    if b"\x00" in data[:65536]:
        raise BinaryData("NUL bytes in an 8-bit file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:  # not UTF-8: guess the legacy code page below
        text = data.decode("utf-8", errors="surrogateescape")
    else:
        return _checked(text, name, None)
    legacy = guess_codepage(_legacy_sample(text), declared)
    return _checked(text, f"{name}+{legacy}", legacy)


def _legacy_sample(text: str) -> bytes:
    lines = []
    size = 0
    for line in text.splitlines():
        if _SURROGATES.search(line):
            raw = line.encode("utf-8", "surrogateescape")
            lines.append(raw)
            size += len(raw)
            if size > _SAMPLE_LIMIT:
                break
    return b"\n".join(lines)


def _checked(text: str, encoding: str, legacy: str | None) -> DecodedText:
    head = text[:65536]
    controls = sum(1 for c in head if c < " " and c not in "\t\n\r\x0c")
    if "\x00" in head or controls > max(8, len(head) // 100):
        raise BinaryData("control characters")
    return DecodedText(text, encoding, legacy)


def checked_text(head: str, encoding: str) -> DecodedText:
    """A :class:`DecodedText` for a file decoded piece by piece (as UTF-8, so no code page
    to guess), after the check :func:`decode_file` makes on the head of a whole text;
    raises :class:`BinaryData`. Its ``text`` is empty: the pieces come separately."""
    _checked(head[:65536], encoding, None)
    return DecodedText("", encoding, None)


def guess_codepage(sample: bytes, declared: tuple[str, ...] = ()) -> str:
    """The Windows code page under which ``sample`` reads as the most plausible words."""
    preferred = [c for c in (known_codec(d) for d in declared) if c in CANDIDATE_CODEPAGES]
    best, best_score = "cp1252", float("-inf")
    for order, codepage in enumerate(dict.fromkeys([*preferred, *CANDIDATE_CODEPAGES])):
        score = _plausibility(sample.decode(codepage, errors="replace"))
        if codepage in preferred:
            score += 0.5
        score -= order * 0.001  # ties go to the earlier candidate
        if score > best_score:
            best, best_score = codepage, score
    return best


def _plausibility(text: str) -> float:
    """Letters in believable words minus letters in unbelievable ones and stray symbols.

    A Latin word mixes accented letters with plain ones (``Nüßlebaum``); a Greek, Cyrillic
    or Hebrew word is all of its script, and Greek and Cyrillic ones are cased like words
    (``Βαγγέλης``, not ``ВбггЭлзт``). Mojibake (``àôøéí``, ``Sцren``) is neither. Names
    start with a capital, so a reading without a single capitalised Greek or Cyrillic
    word (Hebrew bytes read as ``афшйн чйщеп``) counts half.
    """
    score = 0.0
    for ch in text:
        if ch > "\x7f" and not ch.isalnum() and not ch.isspace():
            score -= 2  # symbols, control characters, U+FFFD
    cased_letters = 0
    capitalised = False
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        scripts = {_script(c) for c in word if c > "\x7f"}
        ascii_letters = sum(1 for c in word if c.isascii() and c.isalpha())
        if len(scripts) != 1:
            score -= len(word)
            continue
        (script,) = scripts
        if script == "LATIN":
            plausible = ascii_letters > 0 or len(word) == 1
        elif script in {"GREEK", "CYRILLIC"}:
            plausible = ascii_letters == 0 and _cased_like_a_word(word)
            if plausible:
                cased_letters += len(word)
                capitalised = capitalised or word[0].isupper()
        else:
            plausible = ascii_letters == 0 and script != "OTHER"
        score += len(word) if plausible else -len(word)
    if cased_letters and not capitalised:
        score -= cased_letters / 2
    return score


def _cased_like_a_word(word: str) -> bool:
    return word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())


@lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    first = name.split(" ", 1)[0]
    return first if first in {"LATIN", "GREEK", "CYRILLIC", "HEBREW", "ARABIC"} else "OTHER"

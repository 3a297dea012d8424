"""A tolerant vCard 2.1 / 3.0 / 4.0 reader of our own.

Why not vobject: measured on the sample files in ``shared/data`` (see its README), vobject
0.9.9 parses about 1,700 cards a second, refuses files real clients write (data-URI photos
in 3.0, unindented base64 continuation lines, unknown CHARSET names, a missing
``END:VCARD``) and, worse, reports success while cutting any text value at its first
unescaped comma. This reader is a single pass over the lines that never splits text at a
comma, decodes bytes per property (``CHARSET``, QUOTED-PRINTABLE, the file's guessed code
page), isolates every error to its property or card, and is about ten times faster.

The scanner turns lines into properties (unfolding per version: folded lines, 2.1 soft
line breaks of QUOTED-PRINTABLE, base64 lines without indentation); the mapper turns the
properties of one card into a :class:`~app.interchange.records.ContactRecord` or, for a
group card, a :class:`~app.interchange.records.GroupRecord`. Properties Allies does not
model are kept as vCard lines for export.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from app.contacts import AddressInput, ContactInput, Labeled
from app.errors import ValidationError
from app.interchange import vocab
from app.interchange.dates import parse_vcard_date, vcard_date
from app.interchange.keys import email_key, normalized_email, normalized_phone, uid_key
from app.interchange.photos import (
    MAX_ENCODED_BYTES,
    PhotoRefused,
    is_data_uri,
    photo_from_base64,
    photo_from_data_uri,
)
from app.interchange.problems import ProblemSink
from app.interchange.records import ContactRecord, GroupRecord, Ref
from app.interchange.textdecode import DecodedText, decode_bytes, known_codec
from app.models import Circle, Level, Role

MAX_PROPERTY_CHARS = MAX_ENCODED_BYTES + 65536  # longer values are cut and refused
MAX_SOURCE_CHARS = 128 * 1024  # cards longer than this are not kept as vcard_source
MAX_KEPT_BINARY = 64 * 1024  # kept KEY/SOUND/LOGO values up to this many characters

_LINE_BREAK = re.compile(r"\r*\n|\r")
_PROPERTY_START = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)?[;:]")
_BEGIN = re.compile(r"\s*BEGIN\s*:\s*VCARD", re.IGNORECASE)
_BASE64_LINE = re.compile(r"[A-Za-z0-9+/=]+")
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_ESCAPES = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\", ":": ":", '"': '"'}
_NEWLINES = re.compile(r"\r\n|\r")
_CARET = re.compile(r"\^(.)")
_CARETS = {"n": "\n", "'": '"', "^": "^"}
_ENCODINGS = {"QUOTED-PRINTABLE": "qp", "QP": "qp", "B": "b64", "BASE64": "b64"}
_BARE_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}
_BARE_VALUES = {"INLINE", "URL", "URI", "CONTENT-ID", "CID"}

# Properties that carry nothing worth keeping once the card is read.
_DROPPED = {
    "VERSION",
    "PRODID",
    "REV",
    "X-ABLABEL",
    "X-MS-OL-DESIGN",
    "X-MS-OL-DEFAULT-POSTAL-ADDRESS",
    "BEGIN",
    "END",
}
_ANNIVERSARIES = {
    "ANNIVERSARY",
    "X-ANNIVERSARY",
    "X-MS-ANNIVERSARY",
    "X-EVOLUTION-ANNIVERSARY",
    "X-WAB-WEDDING_ANNIVERSARY",
}
# Single-person relation properties of 3.0 clients → the relation word they mean.
_RELATION_PROPERTIES = {
    "X-EVOLUTION-SPOUSE": "spouse",
    "X-MS-SPOUSE": "spouse",
    "X-SPOUSE": "spouse",
    "X-WAB-SPOUSE_NAME": "spouse",
    "X-KADDRESSBOOK-X-SPOUSESNAME": "spouse",
    "X-EVOLUTION-MANAGER": "manager",
    "X-MS-MANAGER": "manager",
    "X-MANAGER": "manager",
    "X-KADDRESSBOOK-X-MANAGERSNAME": "manager",
    "X-EVOLUTION-ASSISTANT": "assistant",
    "X-MS-ASSISTANT": "assistant",
    "X-ASSISTANT": "assistant",
    "X-KADDRESSBOOK-X-ASSISTANTSNAME": "assistant",
}


@dataclass(frozen=True, slots=True)
class Head:
    """The part of a property line before the colon, parsed once per distinct text.

    Exports repeat the same few heads (``TEL;TYPE=CELL``) on every card, so the parse is
    cached; a Head is shared and never changed.
    """

    text: str  # as written, for kept lines
    group: str  # lower-cased, "" when none
    name: str  # upper-cased
    params: dict[str, list[str]]
    encoding: str  # "", "qp" or "b64"
    types: tuple[str, ...]
    type_label: str  # the label the TYPE parameters make
    pref: int  # lower is more preferred

    def param(self, key: str) -> str | None:
        values = self.params.get(key)
        return values[0] if values else None


@lru_cache(maxsize=8192)
def parse_head(text: str) -> Head:
    name_part, _, param_text = text.partition(";")
    group, _, name = name_part.rpartition(".")
    params = _parse_params(param_text) if param_text else {}
    encoding = _ENCODINGS.get((params.get("ENCODING") or [""])[0].upper(), "")
    types = tuple(params.get("TYPE", ()))
    return Head(
        text,
        group.strip().lower(),
        name.strip().upper(),
        params,
        encoding,
        types,
        vocab.label_from_types(types),
        _pref_rank(params, types),
    )


@dataclass(slots=True)
class Property:
    head: Head
    value: str  # as written (escaped; QUOTED-PRINTABLE or base64 still encoded)
    line: int
    oversized: bool = False

    @property
    def name(self) -> str:
        return self.head.name

    @property
    def group(self) -> str:
        return self.head.group

    @property
    def encoding(self) -> str:
        return self.head.encoding

    @property
    def types(self) -> tuple[str, ...]:
        return self.head.types

    def param(self, key: str) -> str | None:
        return self.head.param(key)


@dataclass
class _Card:
    number: int
    line: int
    start: int  # index of the BEGIN line
    version: str = "3.0"
    props: list[Property] = field(default_factory=list)


@dataclass
class VCardResult:
    cards: int = 0
    records: list[ContactRecord] = field(default_factory=list)
    groups: list[GroupRecord] = field(default_factory=list)
    lines: int = 0  # line breaks read (the next segment's first line is one past)


def read_vcards(
    decoded: DecodedText,
    sink: ProblemSink,
    *,
    region: str,
    tick: Callable[[], None] | None = None,
    segments: Iterable[str] | None = None,
    emit: Callable[[ContactRecord], None] | None = None,
    first_card: int = 0,
    first_line: int = 0,
) -> VCardResult:
    """Every card of a decoded file; problems go to ``sink``, never an exception.

    ``tick`` is called once per card (for progress and cancellation; it may raise).
    ``segments`` are the text in pieces cut before a BEGIN:VCARD line (default: the
    decoded text cut so); ``emit`` receives each contact instead of ``result.records``.
    A part of a file is numbered on from ``first_card`` cards and ``first_line`` line
    breaks before it (:mod:`app.interchange.parse_worker` reads the file in parts).
    """
    result = VCardResult()
    count = first_card
    line_offset = first_line
    for segment in _segments(decoded.text) if segments is None else segments:
        lines = split_lines(segment)
        del segment
        for card, closed, end in _scan(lines, sink, count, line_offset):
            count = card.number
            _read_card(card, closed, end, lines, decoded, sink, region, result, emit)
            if tick is not None:
                tick()
        line_offset += len(lines) - 1
    result.lines = line_offset - first_line
    return result


SEGMENT_CHARS = 1 << 20
_CARD_START = re.compile(r"(?:\r\n|\n|\r)(?=BEGIN:VCARD)", re.IGNORECASE)


def _segments(text: str) -> Iterator[str]:
    """The text in pieces of about :data:`SEGMENT_CHARS`, each cut where a line begins
    with BEGIN:VCARD: scanned piece by piece, a file never has all of its lines as
    strings at once (they cost several times the text). A BEGIN:VCARD line is never the
    continuation of a property, so the cards are the same as in one scan."""
    start = 0
    while start < len(text):
        cut = (
            _CARD_START.search(text, start + SEGMENT_CHARS)
            if len(text) - start > SEGMENT_CHARS
            else None
        )
        end = cut.end() if cut else len(text)
        yield text[start:end]
        start = end


def _read_card(
    card: _Card,
    closed: bool,
    end: int,
    lines: list[str],
    decoded: DecodedText,
    sink: ProblemSink,
    region: str,
    result: VCardResult,
    emit: Callable[[ContactRecord], None] | None,
) -> None:
    result.cards += 1
    if not closed:
        sink.add(
            "card-not-closed",
            "The card has no END:VCARD (truncated file?); what could be read was kept.",
            card=card.number,
            line=card.line,
        )
    source = "\r\n".join(lines[card.start : end + 1]) if closed else None
    if source is not None:
        source = decoded.fix(source) if len(source) <= MAX_SOURCE_CHARS else None
    mapper = _CardMapper(card, decoded, sink, region, source)
    try:
        made = mapper.build()
    except Exception as exc:  # one broken card must not stop the file
        sink.error(
            "card-unreadable",
            f"The card could not be read ({type(exc).__name__}: {exc}); skipped.",
            card=card.number,
            line=card.line,
        )
        made = None
    if isinstance(made, GroupRecord):
        result.groups.append(made)
    elif made is not None:
        if emit is None:
            result.records.append(made)
        else:
            emit(made)


def split_lines(text: str) -> list[str]:
    """Lines ended by CRLF, LF, CR or the CR CR LF of some iPhone exports (not by the
    Unicode line separators that ``str.splitlines`` also splits at)."""
    if "\r\r" in text:
        return _LINE_BREAK.split(text)
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _scan(
    lines: list[str], sink: ProblemSink, count: int = 0, line_offset: int = 0
) -> Iterator[tuple[_Card, bool, int]]:
    """(card, closed, index of its last line) for each card, properties unfolded.

    A property's value continues on the next line when that line is folded (starts with
    a space or tab; 2.1 keeps the whitespace, 3.0 and 4.0 drop one), when a
    QUOTED-PRINTABLE value ends in ``=`` (a soft line break; blank lines after it are
    skipped, as Outlook and Android write them), or when a base64 value goes on with
    unindented base64 lines (2.1 writers). This is the hot loop of an import: the state
    of the pending property lives in local variables.
    """
    card: _Card | None = None
    prop: Property | None = None  # the pending property
    parts: list[str] | None = None  # its value's lines, once it has more than one
    size = 0
    soft = blank_seen = b64 = False
    outside_reported = v21 = False
    base = line_offset + 1  # the line number of lines[0]
    head_of = parse_head
    skip_to = 0  # lines already joined into a property whose head was folded
    for index, line in enumerate(lines):
        if index < skip_to:
            continue
        if prop is not None:
            first = line[:1]
            if soft:
                if not line:
                    blank_seen = True
                    continue
                start = line[:11].upper()
                if not (
                    start.startswith(("END:VCARD", "BEGIN:VCARD"))
                    or (blank_seen and _PROPERTY_START.match(line))
                ):
                    if parts is None:
                        parts = [prop.value]
                    parts[-1] = parts[-1][:-1]
                    size = _add_part(prop, parts, size, line)
                    soft = line.endswith("=")
                    blank_seen = False
                    continue
            elif first == " " or first == "\t":
                if parts is None:
                    parts = [prop.value]
                size = _add_part(prop, parts, size, line if v21 else line[1:])
                soft = prop.head.encoding == "qp" and line.endswith("=")
                continue
            elif b64 and line and _BASE64_LINE.fullmatch(line):
                if parts is None:
                    parts = [prop.value]
                size = _add_part(prop, parts, size, line)
                continue
            if parts is None and not soft and size <= MAX_PROPERTY_CHARS:
                if card is not None:  # _finish, when there is nothing to join or cut
                    card.props.append(prop)
            else:
                _finish(prop, parts, soft, card)
            prop = parts = None
        if not line or line.isspace():
            continue
        if line == "END:VCARD" and card is not None:  # the markers as written mostly:
            yield card, True, index  # what the general case below does for them
            card = None
            continue
        if line == "BEGIN:VCARD":
            if card is not None:
                yield card, False, index - 1
            count += 1
            card = _Card(count, index + base, index)
            v21 = outside_reported = False
            continue
        if card is None and not _BEGIN.match(line):
            if not outside_reported:
                sink.add(
                    "text-outside-card",
                    "Text outside BEGIN:VCARD … END:VCARD was ignored.",
                    line=index + base,
                )
                outside_reported = True
            continue
        colon = line.find(":")
        if colon < 0:
            # Folded inside its name or parameters (a long quoted note, say): the colon
            # comes on a continuation line, so join those before parsing the head.
            follow = index + 1
            while colon < 0 and follow < len(lines) and lines[follow][:1] in (" ", "\t"):
                line += lines[follow] if v21 else lines[follow][1:]
                follow += 1
                colon = line.find(":")
            skip_to = follow
        if colon > 0 and line.find('"', 0, colon) < 0:  # _parse_line, the plain case
            new = Property(head_of(line[:colon]), line[colon + 1 :], index + base)
        else:
            new = _parse_line(line, index + base, sink, card.number if card else None)
            if new is None:
                continue
        head = new.head
        name = head.name
        if name in _MARKERS:
            if name == "BEGIN" and new.value.strip().upper() == "VCARD":
                if card is not None:
                    yield card, False, index - 1
                count += 1
                card = _Card(count, index + base, index)
                v21 = outside_reported = False
                continue
            if card is None:
                continue
            if name == "END" and new.value.strip().upper() == "VCARD":
                yield card, True, index
                card = None
                continue
            if name == "VERSION":
                card.version = new.value.strip()
                v21 = card.version.startswith("2")
        elif card is None:
            continue
        prop, size = new, len(new.value)
        encoding = head.encoding
        soft = encoding == "qp" and new.value.endswith("=")
        b64 = encoding == "b64"
        blank_seen = False
    if prop is not None:
        _finish(prop, parts, soft, card)
    if card is not None:
        yield card, False, len(lines) - 1


_MARKERS = frozenset(("BEGIN", "END", "VERSION"))


def _add_part(prop: Property, parts: list[str], size: int, text: str) -> int:
    if size > MAX_PROPERTY_CHARS:
        prop.oversized = True  # keep reading its lines, stop keeping them
        return size
    parts.append(text)
    return size + len(text)


def _finish(prop: Property, parts: list[str] | None, soft: bool, card: _Card | None) -> None:
    value = prop.value if parts is None else "".join(parts)
    if soft and value.endswith("="):
        value = value[:-1]
    if len(value) > MAX_PROPERTY_CHARS:
        prop.oversized = True
        value = ""
    prop.value = value
    if card is not None:
        card.props.append(prop)


def _parse_line(line: str, number: int, sink: ProblemSink, card: int | None) -> Property | None:
    colon = line.find(":")
    if colon < 0:
        return _repair_line(line, number, sink, card)
    if line.find('"', 0, colon) >= 0:
        colon = _colon_outside_quotes(line)
        if colon < 0:
            return _repair_line(line, number, sink, card)
    return Property(parse_head(line[:colon]), line[colon + 1 :], number)


def _repair_line(line: str, number: int, sink: ProblemSink, card: int | None) -> Property | None:
    """``BDAY;19531015T231000Z`` (a typo in RFC 6350 itself): the last part is the value."""
    head, sep, last = line.rpartition(";")
    if sep and "=" not in last and _PROPERTY_START.match(line) and last.strip():
        sink.add(
            "line-repaired",
            "A line had no colon; its last part was read as the value.",
            card=card,
            line=number,
        )
        return _parse_line(f"{head}:{last}", number, sink, card)
    sink.add("line-no-colon", "A line without a colon was skipped.", card=card, line=number)
    return None


def _colon_outside_quotes(line: str) -> int:
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return i
    return -1


def _split_outside_quotes(text: str, sep: str) -> list[str]:
    if '"' not in text:
        return text.split(sep)
    parts, start, quoted = [], 0, False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif ch == sep and not quoted:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _parse_params(text: str) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for segment in _split_outside_quotes(text, ";"):
        segment = segment.strip()
        if not segment:
            continue
        key, eq, raw = segment.partition("=")
        if eq:
            key = key.strip().upper()
            values = [_param_value(v) for v in _split_outside_quotes(raw, ",")]
            if key == "TYPE":  # TYPE="cell,voice" is two types
                values = [t.strip() for v in values for t in v.split(",") if t.strip()]
            params.setdefault(key, []).extend(values)
            continue
        word = segment.upper()
        if word in _BARE_ENCODINGS:
            params.setdefault("ENCODING", []).append(word)
        elif word in _BARE_VALUES:
            params.setdefault("VALUE", []).append(word)
        elif word in vocab.KNOWN_TYPES:
            params.setdefault("TYPE", []).append(word)
        elif known_codec(segment):
            params.setdefault("CHARSET", []).append(segment)
    return params


def _param_value(raw: str) -> str:
    value = raw.strip()
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        value = value[1:-1]
    if "^" in value:  # RFC 6868
        value = _CARET.sub(lambda m: _CARETS.get(m.group(1), m.group(0)), value)
    return value


def unescape(text: str) -> str:
    if "\\" not in text:
        return text
    if "\\\\" not in text:
        # Every backslash escapes the one character after it, and no replacement makes a
        # new backslash: the escapes of _ESCAPES one after another, without a call back
        # into Python per escape (unknown ones, like \t, stay as written).
        return (
            text.replace("\\n", "\n")
            .replace("\\N", "\n")
            .replace("\\,", ",")
            .replace("\\;", ";")
            .replace("\\:", ":")
            .replace('\\"', '"')
        )
    return _ESCAPE.sub(_unescaped, text)


def _unescaped(m: re.Match[str]) -> str:
    return _ESCAPES.get(m.group(1), m.group(0))


def escape_value(text: str) -> str:
    """Text as a vCard value: backslash, comma, semicolon and newlines escaped."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def split_unescaped(text: str, sep: str) -> list[str]:
    """Split at ``sep`` unless a backslash escapes it; escapes stay for :func:`unescape`."""
    if "\\" not in text:
        return text.split(sep)
    parts: list[str] = []
    start = i = 0
    while True:  # from separator to separator, skipping the escaped ones
        at = text.find(sep, i)
        if at < 0:
            break
        escape = text.find("\\", i, at)
        if escape >= 0:
            i = escape + 2  # the escaped character is no separator
            continue
        parts.append(text[start:at])
        start = i = at + 1
    parts.append(text[start:])
    return parts


def _pref_rank(params: dict[str, list[str]], types: tuple[str, ...]) -> int:
    """Lower is more preferred: PREF=1 … 100, ``TYPE=pref``, then everything else."""
    pref = (params.get("PREF") or [None])[0]
    if pref is not None:
        try:
            return max(1, min(100, int(pref)))
        except ValueError:
            return 1
    return 1 if any(t.upper() == "PREF" for t in types) else 101


class _CardMapper:
    """The properties of one card → a record; each property's trouble stays its own."""

    def __init__(
        self,
        card: _Card,
        decoded: DecodedText,
        sink: ProblemSink,
        region: str,
        source: str | None,
    ) -> None:
        self.card = card
        self.decoded = decoded
        self.sink = sink
        self.region = region
        self.contact = ContactInput(formatted_name="", vcard_source=source)
        self.record = ContactRecord(sink.file, card.number, card.line, self.contact)
        self.group_labels: dict[str, tuple[str, str]] = {}  # group → (label, raw line)
        self.kept: list[str] = []
        self.kept_groups: set[str] = set()
        self.emails: list[tuple[int, int, Labeled]] = []
        self.phones: list[tuple[int, int, Labeled, str]] = []
        self.adr_labels: set[str] = set()
        self.labels: list[tuple[str, str]] = []  # LABEL lines: (label, text)
        self.n_parts: list[str] = []
        self.org = ""
        self.anniversary: str | None = None
        self.photo_line: int | None = None
        self.card_picture: Property | None = None
        self.is_group = False
        self.members: list[Ref] = []
        self.notes: list[str] = []
        self.nicknames: list[str] = []
        self.bogus_charsets: set[int] = set()

    # --- values ------------------------------------------------------------------------

    def warn(self, prop: Property, code: str, reason: str) -> None:
        self.sink.add(code, reason, card=self.card.number, line=prop.line)

    def _charset(self, prop: Property) -> str | None:
        charset = prop.param("CHARSET")
        if charset and known_codec(charset) is None:
            if prop.line not in self.bogus_charsets:  # once, though a value has parts
                self.bogus_charsets.add(prop.line)
                self.warn(
                    prop,
                    "unknown-charset",
                    f"Unknown character set {charset!r}; the text was decoded by guess.",
                )
            return None
        return charset

    def decoded_text(self, prop: Property, raw: str | None = None) -> str:
        """The value (or a part of it) as text, still with its backslash escapes."""
        raw = prop.value if raw is None else raw
        if prop.encoding == "qp":
            data = binascii.a2b_qp(raw.encode("utf-8", "surrogateescape"))
            text = decode_bytes(data, self._charset(prop), self.decoded.legacy)
            return _NEWLINES.sub("\n", text)
        if self.decoded.legacy is not None:
            return self.decoded.fix(raw, self._charset(prop))
        return raw

    def text(self, prop: Property) -> str:
        if not prop.head.encoding and self.decoded.legacy is None:
            return unescape(prop.value).strip()
        return unescape(self.decoded_text(prop)).strip()

    def parts(self, prop: Property, sep: str = ";") -> list[str]:
        if not prop.head.encoding and self.decoded.legacy is None:
            return [unescape(p).strip() for p in split_unescaped(prop.value, sep)]
        return [
            unescape(self.decoded_text(prop, p)).strip() for p in split_unescaped(prop.value, sep)
        ]

    def label(self, prop: Property) -> str:
        group = prop.head.group
        if group and group in self.group_labels:
            custom = self.group_labels[group][0]
            if custom:
                return custom
        return prop.head.type_label

    def keep(self, prop: Property) -> None:
        line = self.kept_line(prop)
        if line:
            self.kept.append(line)

    def kept_line(self, prop: Property) -> str | None:
        """The property as a vCard line that any version can read back."""
        if prop.oversized:
            self.warn(prop, "property-too-long", f"{prop.name} is too long; skipped.")
            return None
        if prop.encoding == "b64":
            compact = "".join(prop.value.split())
            if len(compact) > MAX_KEPT_BINARY:
                self.warn(
                    prop, "property-too-long", f"{prop.name} holds too much binary data; skipped."
                )
                return None
            line = f"{prop.head.text}:{compact}"
        elif prop.encoding == "qp" or self.decoded.legacy is not None:
            text = self.decoded_text(prop).replace("\n", "\\n")
            line = f"{_head_without_encoding(prop.head.text)}:{text}"
        else:
            line = f"{prop.head.text}:{prop.value}"
        if prop.group and prop.group in self.group_labels and prop.group not in self.kept_groups:
            self.kept_groups.add(prop.group)
            line += "\n" + self.group_labels[prop.group][1]
        return self.decoded.fix(line)

    # --- the card ------------------------------------------------------------------------

    def build(self) -> ContactRecord | GroupRecord | None:
        props = self.card.props
        for prop in props:
            head = prop.head
            if head.group and head.name == "X-ABLABEL":
                text = self.text(prop)
                raw = f"{head.text}:{prop.value}"
                self.group_labels[head.group] = (vocab.apple_label(text), raw)
        handlers = _HANDLERS
        for prop in props:
            name = prop.head.name
            handler = handlers.get(name)
            if handler is None:
                if name not in _DROPPED:
                    self.keep(prop)
                continue
            try:
                handler(self, prop)
            except Exception as exc:  # isolate the property
                self.warn(
                    prop,
                    "property-unreadable",
                    f"{prop.name} could not be read ({exc}); kept as it was.",
                )
                self.keep(prop)
        return self._finish()

    def _finish(self) -> ContactRecord | GroupRecord | None:
        c = self.contact
        if self.photo_line is None and self.card_picture is not None:
            self.on_photo(self.card_picture)
        c.formatted_name = c.formatted_name or self._fallback_name()
        if self.is_group:
            if self.decoded.legacy is not None:
                self._scrub()
            return GroupRecord(
                self.sink.file,
                self.card.number,
                self.card.line,
                c.formatted_name,
                c.uid,
                self.members,
            )
        # (preference, position, …): positions are unique, so the rest is never compared
        c.emails = [e for _, _, e in sorted(self.emails)]
        ordered_phones = sorted(self.phones)
        c.phones = [p for _, _, p, _ in ordered_phones]
        self.record.phone_keys = [k for _, _, _, k in ordered_phones]
        if self.labels:
            self._labels_as_addresses()
        if self.notes:
            c.notes = "\n\n".join(n for n in self.notes if n)
        if self.nicknames:
            c.nickname = ", ".join(dict.fromkeys(n for n in self.nicknames if n))
        c.kept_properties = "\n".join(self.kept)
        if self.decoded.legacy is not None:
            self._scrub()
        if self.record.related:
            self.record.related = _unique_refs(self.record.related)
        if not c.formatted_name:
            self.sink.error(
                "card-no-name",
                "The card has no name, organisation, e-mail or phone; skipped.",
                card=self.card.number,
                line=self.card.line,
            )
            return None
        return self.record

    def _scrub(self) -> None:
        """Text decoded in a file with 8-bit bytes may still hold them as lone surrogates
        where no value decoding ran (labels from TYPE parameters, parameter words): decode
        those too, so that nothing the database cannot store leaves the reader."""
        fix = self.decoded.fix
        c = self.contact
        for name, value in vars(c).items():
            if isinstance(value, str):
                setattr(c, name, fix(value))
        c.tags = [fix(t) for t in c.tags]
        for item in (*c.emails, *c.phones, *c.links):
            item.value, item.label = fix(item.value), fix(item.label)
        for address in c.addresses:
            for name, value in vars(address).items():
                setattr(address, name, fix(value))
        self.record.phone_keys = [fix(k) for k in self.record.phone_keys]
        for ref in self.record.related:
            ref.value, ref.note, ref.raw = fix(ref.value), fix(ref.note), fix(ref.raw)
        for ref in self.members:
            ref.value = fix(ref.value)

    def _fallback_name(self) -> str:
        if self.n_parts:
            family, given, additional, prefix, suffix = (self.n_parts + [""] * 5)[:5]
            name = " ".join(p for p in (prefix, given, additional, family, suffix) if p)
            if name:
                return name
        if self.org:
            return self.org
        if self.emails:
            return min(self.emails, key=lambda t: t[:2])[2].value
        if self.phones:
            return min(self.phones, key=lambda t: t[:2])[2].value
        return ""

    def _labels_as_addresses(self) -> None:
        """LABEL lines repeat an ADR as text; one without its ADR becomes an address."""
        for label, text in self.labels:
            if label not in self.adr_labels and text:
                self.contact.addresses.append(AddressInput(label=label, street=text))

    # --- handlers ----------------------------------------------------------------------

    def on_fn(self, prop: Property) -> None:
        text = " ".join(self.text(prop).split())
        if not self.contact.formatted_name:
            self.contact.formatted_name = text
        elif text and text != self.contact.formatted_name:
            self.keep(prop)

    def on_n(self, prop: Property) -> None:
        if self.n_parts:
            self.keep(prop)
            return
        self.n_parts = [" ".join(p.split()) for p in self.parts(prop)]
        family, given, additional, prefix, suffix = (self.n_parts + [""] * 5)[:5]
        c = self.contact
        c.family_name, c.given_name, c.additional_names = family, given, additional
        # More than five parts (a stray semicolon): the rest belongs to the suffix.
        c.name_prefix, c.name_suffix = (
            prefix,
            ", ".join(p for p in [suffix, *self.n_parts[5:]] if p),
        )

    def on_nickname(self, prop: Property) -> None:
        self.nicknames.append(self.text(prop))

    def on_org(self, prop: Property) -> None:
        if self.org:
            self.keep(prop)
            return
        units = [p for p in self.parts(prop) if p]
        if units:
            self.org = units[0]
            self.contact.organization = units[0]
            self.contact.department = ", ".join(units[1:])

    def on_title(self, prop: Property) -> None:
        if self.contact.title:
            self.keep(prop)
        else:
            self.contact.title = self.text(prop)

    def on_note(self, prop: Property) -> None:
        self.notes.append(self.text(prop))

    def on_bday(self, prop: Property) -> None:
        if self.contact.birthday:
            if prop.param("ALTID") is None:  # ALTID: the same date in another form
                self.keep(prop)
            return
        text = self.text(prop)
        if (prop.param("VALUE") or "").lower() == "text":
            self.keep(prop)
            return
        value = parse_vcard_date(text, prop.param("X-APPLE-OMIT-YEAR"))
        if value is None:
            self.warn(prop, "date-invalid", f"Birthday {text!r} is not a date; kept as text.")
            self.keep(prop)
            return
        self.contact.birthday = value

    def on_anniversary(self, prop: Property) -> None:
        text = self.text(prop)
        value = None
        if (prop.param("VALUE") or "").lower() != "text":
            value = parse_vcard_date(text, prop.param("X-APPLE-OMIT-YEAR"))
        if value is None or (self.anniversary and self.anniversary != value):
            self.keep(prop)
        elif not self.anniversary:
            self.anniversary = value
            self.kept.append(f"ANNIVERSARY:{vcard_date(value)}")

    def on_abdate(self, prop: Property) -> None:
        label = self.group_labels.get(prop.group, ("", ""))[0] if prop.group else ""
        if vocab.is_anniversary_label(label):
            self.on_anniversary(prop)
        else:
            self.keep(prop)

    def on_email(self, prop: Property) -> None:
        value = self.text(prop)
        if value.lower().startswith("mailto:"):
            value = value[7:]
        if not value:
            return
        try:
            address = normalized_email(value)
        except ValidationError:
            self.warn(
                prop, "email-invalid", f"{value!r} is not a valid e-mail address; kept as text."
            )
            self.keep(prop)
            return
        if any(email_key(e.value) == email_key(address) for _, _, e in self.emails):
            return
        self.emails.append((prop.head.pref, len(self.emails), Labeled(address, self.label(prop))))

    def on_tel(self, prop: Property) -> None:
        value = self.text(prop)
        if not value:
            return
        display, key, parsed = normalized_phone(value, self.region)
        if not parsed:
            self.warn(prop, "phone-unparsed", f"{value!r} is not a phone number; kept as written.")
            key = ""  # only numbers that parsed identify a person
        phone = Labeled(display, self.label(prop))
        if any(p == phone for _, _, p, _ in self.phones):
            return
        self.phones.append((prop.head.pref, len(self.phones), phone, key))

    def on_adr(self, prop: Property) -> None:
        parts = self.parts(prop)
        fields = (parts + [""] * 7)[:7]
        if len(parts) > 7:
            fields[6] = ", ".join(p for p in parts[6:] if p)
        stripped = [f.strip() for f in fields]
        self.adr_labels.add(prop.head.type_label)
        if any(stripped):  # not AddressInput.is_empty()
            self.contact.addresses.append(AddressInput(self.label(prop), *stripped))

    def on_label(self, prop: Property) -> None:
        self.labels.append((prop.head.type_label, self.text(prop)))

    def on_url(self, prop: Property) -> None:
        url = self.text(prop)
        if url:
            self.contact.links.append(Labeled(url, self.label(prop)))

    def on_social(self, prop: Property) -> None:
        url = self.text(prop)
        if url:
            label = (prop.types[0] if prop.types else "") or self.label(prop) or "social"
            self.contact.links.append(Labeled(url, label.lower()))

    def on_categories(self, prop: Property) -> None:
        for tag in self.parts(prop, ","):
            tag = " ".join(tag.split())
            if tag and not vocab.is_system_group(tag) and tag not in self.contact.tags:
                self.contact.tags.append(tag)

    def on_uid(self, prop: Property) -> None:
        uid = self.text(prop)
        if uid and not self.contact.uid:
            self.contact.uid = uid

    def on_photo(self, prop: Property) -> None:
        value = prop.value.strip()
        if prop.encoding != "b64" and value and not is_data_uri(value):
            self.keep(prop)  # a URL: kept, never fetched
            return
        if self.photo_line is not None:
            return
        try:
            if prop.oversized:
                raise PhotoRefused(
                    "photo-too-large",
                    f"Photo is larger than the {MAX_ENCODED_BYTES // (1024 * 1024)} MB limit; "
                    "not imported.",
                )
            if not value:
                return
            if prop.encoding == "b64":
                photo = photo_from_base64(value)
            else:
                photo = photo_from_data_uri(unescape(value))
        except PhotoRefused as exc:
            self.warn(prop, exc.code, exc.reason)
            return
        self.contact.photo = photo
        self.photo_line = prop.line

    def on_card_picture(self, prop: Property) -> None:
        self.card_picture = prop  # Outlook's business-card picture, used when no PHOTO

    def on_related(self, prop: Property) -> None:
        value = self.text(prop)
        if not value:
            return
        allies_type = prop.param("X-ALLIES-TYPE")
        if allies_type:
            kind, reverse, note = allies_type, False, prop.param("X-ALLIES-NOTE") or ""
        else:
            words = [t for t in prop.types if t.lower() not in {"pref"}]
            kind, reverse, note = vocab.relation_for_label(words[0] if words else "")
        force_text = (prop.param("VALUE") or "").lower() == "text"
        self._relate(prop, value, kind, reverse, note, as_name=force_text)

    def on_related_name(self, prop: Property) -> None:
        value = self.text(prop)
        label = self.group_labels.get(prop.group, ("", ""))[0] if prop.group else ""
        kind, reverse, note = vocab.relation_for_label(label)
        self._relate(prop, value, kind, reverse, note, as_name=True)

    def on_relation_property(self, prop: Property) -> None:
        kind, reverse, note = vocab.relation_for_label(_RELATION_PROPERTIES[prop.name])
        self._relate(prop, self.text(prop), kind, reverse, note, as_name=True)

    def _relate(
        self, prop: Property, value: str, kind: str, reverse: bool, note: str, *, as_name: bool
    ) -> None:
        if not value:
            return
        ref = self.reference(value, prop.line, as_name=as_name)
        ref.type, ref.reverse, ref.note = kind, reverse, note
        ref.raw = self.kept_line(prop) or ""  # kept unless the person is found
        if ref.raw:
            self.kept.append(ref.raw)
        self.record.related.append(ref)

    def reference(self, value: str, line: int, *, as_name: bool = False) -> Ref:
        low = value.lower()
        if not as_name:
            if low.startswith("urn:uuid:"):
                return Ref("uid", uid_key(value), line)
            if low.startswith("mailto:"):
                return Ref("email", email_key(value[7:]), line)
            if low.startswith("tel:"):
                return Ref("phone", normalized_phone(value, self.region)[1], line)
            if ":" in value and " " not in value:
                return Ref("uri", value, line)
        return Ref("name", " ".join(value.split()), line)

    def on_kind(self, prop: Property) -> None:
        if self.text(prop).lower() == "group":
            self.is_group = True
        else:
            self.keep(prop)

    def on_member(self, prop: Property) -> None:
        value = self.text(prop)
        if value:
            self.members.append(self.reference(value, prop.line))

    def on_allies(self, prop: Property) -> None:
        """X-ALLIES-* lines written by our own export."""
        field_name = prop.name[len("X-ALLIES-") :].lower()
        value = self.text(prop)
        c = self.contact
        if field_name == "level" and value in {v.value for v in Level}:
            c.level = value
        elif field_name == "circle" and value in {v.value for v in Circle}:
            c.circle = value
        elif field_name == "roles":
            roles = {r.strip() for r in value.split(",")}
            c.roles = [r.value for r in Role if r.value in roles]
        elif field_name == "trust" and value.isdigit() and 1 <= int(value) <= 5:
            c.trust = int(value)
        elif field_name == "cadence" and value.isdigit() and int(value) <= 3650:
            c.cadence_days = int(value)
        elif field_name == "archived" and value.lower() in {"0", "1", "true", "false"}:
            self.record.archived = value.lower() in {"1", "true"}
            return
        else:
            self.warn(prop, "value-invalid", f"{prop.name} value {value!r} is not valid; skipped.")
            return
        self.record.given |= {"cadence_days" if field_name == "cadence" else field_name}


def _head_without_encoding(head: str) -> str:
    """The head of a decoded property: no ENCODING/CHARSET any more, bare ones included."""
    name, _, params = head.partition(";")
    kept = [name]
    for segment in _split_outside_quotes(params, ";") if params else []:
        key, eq, _ = segment.partition("=")
        word = segment.strip().upper()
        if eq and key.strip().upper() in {"ENCODING", "CHARSET"}:
            continue
        if not eq and (word in _BARE_ENCODINGS or known_codec(segment.strip()) or not word):
            continue
        kept.append(segment)
    return ";".join(kept)


def _unique_refs(refs: list[Ref]) -> list[Ref]:
    """One reference per person and relation (X-SPOUSE, X-MS-SPOUSE … say it thrice); the
    kept lines of the duplicates go with it, to be dropped once the person is found."""
    unique: dict[tuple[str, str, str, bool], Ref] = {}
    for ref in refs:
        key = (ref.kind, ref.value.casefold(), ref.type, ref.reverse)
        first = unique.setdefault(key, ref)
        if first is not ref and ref.raw:
            first.raw = f"{first.raw}\n{ref.raw}" if first.raw else ref.raw
    return list(unique.values())


_HANDLERS: dict[str, Callable[[_CardMapper, Property], None]] = {
    "FN": _CardMapper.on_fn,
    "N": _CardMapper.on_n,
    "NICKNAME": _CardMapper.on_nickname,
    "ORG": _CardMapper.on_org,
    "TITLE": _CardMapper.on_title,
    "NOTE": _CardMapper.on_note,
    "BDAY": _CardMapper.on_bday,
    "X-ABDATE": _CardMapper.on_abdate,
    "EMAIL": _CardMapper.on_email,
    "TEL": _CardMapper.on_tel,
    "ADR": _CardMapper.on_adr,
    "LABEL": _CardMapper.on_label,
    "URL": _CardMapper.on_url,
    "X-SOCIALPROFILE": _CardMapper.on_social,
    "CATEGORIES": _CardMapper.on_categories,
    "UID": _CardMapper.on_uid,
    "PHOTO": _CardMapper.on_photo,
    "X-MS-CARDPICTURE": _CardMapper.on_card_picture,
    "RELATED": _CardMapper.on_related,
    "X-ABRELATEDNAMES": _CardMapper.on_related_name,
    "KIND": _CardMapper.on_kind,
    "X-ADDRESSBOOKSERVER-KIND": _CardMapper.on_kind,
    "MEMBER": _CardMapper.on_member,
    "X-ADDRESSBOOKSERVER-MEMBER": _CardMapper.on_member,
    **{name: _CardMapper.on_anniversary for name in _ANNIVERSARIES},
    **{name: _CardMapper.on_relation_property for name in _RELATION_PROPERTIES},
    **{
        f"X-ALLIES-{name}": _CardMapper.on_allies
        for name in ("LEVEL", "CIRCLE", "ROLES", "TRUST", "CADENCE", "ARCHIVED")
    },
}

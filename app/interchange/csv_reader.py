"""LinkedIn ``Connections.csv`` and Google Contacts CSV, recognised by their header row.

The layout is told by the header's column names, never by the file name: LinkedIn has
``Connected On`` (with or without its ``Notes:`` preamble, with or without the ``URL``
column of today's export), Google's current export ``Labels`` / ``E-mail 1 - Value`` and
its legacy one ``Given Name`` / ``Group Membership``. A file without such a header is
refused: guessing which column is which would put e-mails into job titles.

A row whose fields do not line up with the header is repaired only when the repair is
unambiguous (a hand-edited row wrapped in quotes as a whole, trailing empty fields);
otherwise it is skipped and reported.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from app.contacts import AddressInput, ContactInput, Labeled
from app.errors import ValidationError
from app.interchange import vocab
from app.interchange.dates import parse_linkedin_date, parse_vcard_date, vcard_date
from app.interchange.keys import normalized_email, normalized_phone
from app.interchange.problems import ProblemSink
from app.interchange.records import ContactRecord, Ref
from app.interchange.textdecode import DecodedText
from app.interchange.vcard_reader import escape_value as _escape
from app.models import Circle, Level, Role

LINKEDIN = "linkedin"
GOOGLE = "google"
GOOGLE_LEGACY = "google-legacy"

_DELIMITERS = (",", ";", "\t")
# A note may be long (a pasted e-mail, our own export of one): the csv module's default
# limit of 128 KiB per field would refuse such a row. Lines are limited before this
# (importer.MAX_LINE_BYTES), so a field cannot be larger than that anyway.
csv.field_size_limit(max(csv.field_size_limit(), 16 * 1024 * 1024))
_HEADER_SEARCH_ROWS = 20
_MULTI = re.compile(r"^(E-mail|Phone|Address|Website|Relation|Event|Custom Field) (\d+) - (.+)$")
_ORG = re.compile(r"^Organization (\d+) - (.+)$")
_SEPARATOR = " ::: "
_ALLIES_FIELDS = {
    "allies level": "level",
    "allies circle": "circle",
    "allies roles": "roles",
    "allies trust": "trust",
    "allies cadence": "cadence_days",
    "allies archived": "archived",
    "allies uid": "uid",
}
# Columns read elsewhere or that say nothing about the person.
_IGNORED = {"Photo", "File As", "Initials", "Short Name", "Yomi Name", "Sensitivity", "Priority"}


class UnknownLayout(ValueError):
    """The CSV has no header row of a layout we know."""


@dataclass
class CsvResult:
    layout: str
    rows: int = 0
    records: list[ContactRecord] = field(default_factory=list)


def read_csv(
    decoded: DecodedText,
    sink: ProblemSink,
    *,
    region: str,
    tick: Callable[[], None] | None = None,
    emit: Callable[[ContactRecord], None] | None = None,
) -> CsvResult:
    """Every data row as a record (to ``emit`` when given, else ``result.records``);
    raises :class:`UnknownLayout` when no header is found."""
    text = decoded.fix(decoded.text)
    found = find_header(text)
    if found is None:
        raise UnknownLayout(
            "No LinkedIn or Google Contacts header row was found, so the columns cannot be "
            "told apart."
        )
    layout, delimiter, header_row = found
    reader = csv.reader(_lines(text), delimiter=delimiter)
    header: list[str] = []
    for _ in range(header_row + 1):
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    mapper = _linkedin_row if layout == LINKEDIN else _GoogleRows(header, sink)
    # Rows of our own export (they carry an Allies UID) had formula cells neutralised.
    custom_types = [h for h in header if _CUSTOM_TYPE.fullmatch(h)]
    result = CsvResult(layout)
    start_line = reader.line_num + 1
    while True:
        line = start_line
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # e.g. a field beyond the csv module's size limit
            start_line = reader.line_num + 1
            result.rows += 1
            sink.error(
                "row-unreadable",
                f"The row could not be read ({exc}); skipped.",
                card=result.rows,
                line=line,
            )
            continue
        start_line = reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        result.rows += 1
        cells = _aligned(row, header, delimiter, sink, result.rows, line)
        if cells is not None:
            values = dict(zip(header, cells, strict=True))
            if custom_types and any(values[c].strip() == "Allies UID" for c in custom_types):
                values = {k: _without_formula_mark(v) for k, v in values.items()}
            contact = ContactInput(formatted_name="")
            record = ContactRecord(sink.file, result.rows, line, contact)
            try:
                made = mapper(values, record, sink, region)
            except Exception as exc:  # one broken row must not stop the file
                sink.error(
                    "card-unreadable",
                    f"The row could not be read ({type(exc).__name__}: {exc}); skipped.",
                    card=result.rows,
                    line=line,
                )
                made = None
            if made is not None:
                if emit is None:
                    result.records.append(made)
                else:
                    emit(made)
        if tick is not None:
            tick()
    if isinstance(mapper, _GoogleRows):
        mapper.report_ignored()
    return result


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their ends, as ``open(newline="")`` gives them to
    ``csv``, without a copy of the whole text."""
    return (m.group() for m in _LINE.finditer(text))


def find_header(text: str) -> tuple[str, str, int] | None:
    """(layout, delimiter, index of the header row) among the first rows, or None; read by the
    same ``csv`` reader as the data (``str.splitlines`` would also split at a form feed
    or U+2028, where ``csv`` does not, and count the rows differently)."""
    for delimiter in _DELIMITERS:
        reader = csv.reader(_lines(text), delimiter=delimiter)
        try:
            for index, row in enumerate(reader):
                if index >= _HEADER_SEARCH_ROWS:
                    break
                layout = _layout_of({c.strip().lstrip("\ufeff") for c in row})
                if layout:
                    return layout, delimiter, index
        except csv.Error:
            continue
    return None


def _layout_of(cells: set[str]) -> str | None:
    if {"First Name", "Last Name", "Connected On"} <= cells:
        return LINKEDIN
    if {"First Name", "Last Name"} <= cells and ("Labels" in cells or "E-mail 1 - Value" in cells):
        return GOOGLE
    if {"Name", "Given Name", "Family Name"} <= cells or "Group Membership" in cells:
        return GOOGLE_LEGACY
    return None


def _aligned(
    row: list[str], header: list[str], delimiter: str, sink: ProblemSink, number: int, line: int
) -> list[str] | None:
    """The row's cells matched to the header, repaired when unambiguous, else None."""
    if len(row) == len(header):
        return row
    if len(row) == 1 and len(header) > 1 and delimiter in row[0]:
        try:
            inner = next(csv.reader([row[0]], delimiter=delimiter, skipinitialspace=True))
        except csv.Error:  # a line break inside the quoted row: no unambiguous repair
            inner = []
        if len(inner) == len(header):
            sink.add(
                "row-repaired",
                "The whole row was quoted as one field; it was split into its columns.",
                card=number,
                line=line,
            )
            return inner
    if len(row) > len(header) and not any(c.strip() for c in row[len(header) :]):
        return row[: len(header)]
    sink.error(
        "row-field-count",
        f"The row has {len(row)} fields but the header has {len(header)}; skipped rather "
        "than guess which column is which.",
        card=number,
        line=line,
    )
    return None


_CUSTOM_TYPE = re.compile(r"Custom Field \d+ - Type")


def _without_formula_mark(cell: str) -> str:
    """One leading ``'`` off: ``csv_writer.neutralised`` put it there."""
    return cell[1:] if cell.startswith("'") else cell


def _clean_name(text: str) -> str:
    """Names as people type them on LinkedIn: without emoji, tabs and double spaces."""
    kept = "".join(
        ch
        for ch in text
        if unicodedata.category(ch) not in {"So", "Sk", "Cs", "Co", "Cf", "Cc"}
        and not ("\ufe00" <= ch <= "\ufe0f")
    )
    return " ".join(kept.split())


def _meaningful(text: str) -> str:
    """``" -"`` and ``"*"`` are placeholders, not values."""
    text = " ".join(text.split())
    return text if any(ch.isalnum() for ch in text) else ""


def _add_email(
    record: ContactRecord, value: str, label: str, sink: ProblemSink, primary: bool = False
) -> None:
    value = value.strip()
    if not value or value.lower().startswith("urn:li:"):  # a LinkedIn member id
        return
    try:
        address = normalized_email(value)
    except ValidationError:
        sink.add(
            "email-invalid",
            f"{value!r} is not a valid e-mail address; not imported.",
            card=record.card,
            line=record.line,
        )
        return
    emails = record.contact.emails
    if any(e.value.casefold() == address.casefold() for e in emails):
        return
    emails.insert(0 if primary else len(emails), Labeled(address, label))


def _add_phone(
    record: ContactRecord, value: str, label: str, region: str, primary: bool = False
) -> None:
    value = value.strip()
    if not value:
        return
    display, key, parsed = normalized_phone(value, region)
    index = 0 if primary else len(record.contact.phones)
    record.contact.phones.insert(index, Labeled(display, label))
    record.phone_keys.insert(index, key if parsed else "")


def _linkedin_row(
    values: dict[str, str], record: ContactRecord, sink: ProblemSink, region: str
) -> ContactRecord | None:
    c = record.contact
    c.given_name = _clean_name(values.get("First Name", ""))
    c.family_name = _clean_name(values.get("Last Name", ""))
    c.organization = _meaningful(values.get("Company", ""))
    c.title = " ".join(values.get("Position", "").split())
    _add_email(record, values.get("Email Address", ""), "", sink)
    url = values.get("URL", "").strip()
    if url:
        c.links.append(Labeled(url, "LinkedIn"))
    c.formatted_name = " ".join(p for p in (c.given_name, c.family_name) if p)
    c.formatted_name = c.formatted_name or (c.emails[0].value if c.emails else "")
    if not c.formatted_name:
        sink.error(
            "card-no-name",
            "The row has no name or e-mail; skipped.",
            card=record.card,
            line=record.line,
        )
        return None
    connected = values.get("Connected On", "").strip()
    if connected:
        record.connected_on = parse_linkedin_date(connected)
        if record.connected_on is None:
            sink.add(
                "date-invalid",
                f"'Connected On' {connected!r} is not a date; no interaction was recorded.",
                card=record.card,
                line=record.line,
            )
    return record


_GOOGLE_LABELS = {
    "home": "home",
    "work": "work",
    "other": "other",
    "mobile": "cell",
    "main": "main",
    "home fax": "home fax",
    "work fax": "work fax",
    "pager": "pager",
    "internet": "",
    "profile": "profile",
    "blog": "blog",
    "homepage": "home page",
}
_PHONETIC = {
    "Phonetic First Name": "X-PHONETIC-FIRST-NAME",
    "Phonetic Middle Name": "X-PHONETIC-MIDDLE-NAME",
    "Phonetic Last Name": "X-PHONETIC-LAST-NAME",
    "Given Name Yomi": "X-PHONETIC-FIRST-NAME",
    "Additional Name Yomi": "X-PHONETIC-MIDDLE-NAME",
    "Family Name Yomi": "X-PHONETIC-LAST-NAME",
}
_NAME_COLUMNS = {
    "Name",
    "First Name",
    "Given Name",
    "Middle Name",
    "Additional Name",
    "Last Name",
    "Family Name",
    "Name Prefix",
    "Name Suffix",
    "Nickname",
    "Birthday",
    "Notes",
    "Labels",
    "Group Membership",
    "Organization Name",
    "Organization Title",
    "Organization Department",
    "Gender",
}


def _google_label(raw: str) -> tuple[str, bool]:
    """``"* Work"`` → (``"work"``, primary); custom labels stay as written."""
    text = raw.strip()
    primary = text == "*" or text.startswith("* ")
    if primary:
        text = text[1:].strip()
    return _GOOGLE_LABELS.get(text.lower(), text), primary


def _values(cell: str) -> list[str]:
    return [v.strip() for v in cell.split(_SEPARATOR) if v.strip()]


class _GoogleRows:
    """Maps the rows of either Google layout; remembers which columns it had to ignore."""

    def __init__(self, header: list[str], sink: ProblemSink) -> None:
        self.sink = sink
        self.ignored: dict[str, None] = {}
        self.multi: dict[str, dict[int, dict[str, str]]] = {}
        self.orgs: dict[int, dict[str, str]] = {}
        for column in header:
            m = _MULTI.match(column)
            if m:
                self.multi.setdefault(m.group(1), {}).setdefault(int(m.group(2)), {})[
                    m.group(3)
                ] = column
                continue
            m = _ORG.match(column)
            if m:
                self.orgs.setdefault(int(m.group(1)), {})[m.group(2)] = column
        self.known = (
            _NAME_COLUMNS
            | set(_PHONETIC)
            | _IGNORED
            | {c for group in self.multi.values() for cols in group.values() for c in cols.values()}
            | {c for cols in self.orgs.values() for c in cols.values()}
        )

    def __call__(
        self, values: dict[str, str], record: ContactRecord, sink: ProblemSink, region: str
    ) -> ContactRecord | None:
        c = record.contact
        kept: list[str] = []
        get = values.get
        c.given_name = _meaningful(get("First Name", get("Given Name", "")))
        c.family_name = _meaningful(get("Last Name", get("Family Name", "")))
        middle = _meaningful(get("Middle Name", get("Additional Name", "")))
        c.additional_names = middle
        c.name_prefix = _meaningful(get("Name Prefix", ""))
        c.name_suffix = _meaningful(get("Name Suffix", ""))
        c.nickname = get("Nickname", "").strip()
        self._organization(values, c)
        self._birthday(get("Birthday", ""), record, sink)
        notes = [get("Notes", "").strip()]
        for label in _values(get("Labels", get("Group Membership", ""))):
            if not vocab.is_system_group(label) and label not in c.tags:
                c.tags.append(label)
        for _, cols in sorted(self.multi.get("E-mail", {}).items()):
            label, primary = _google_label(values.get(cols.get("Label", cols.get("Type", "")), ""))
            for value in _values(values.get(cols.get("Value", ""), "")):
                _add_email(record, value, label, sink, primary)
        for _, cols in sorted(self.multi.get("Phone", {}).items()):
            label, primary = _google_label(values.get(cols.get("Label", cols.get("Type", "")), ""))
            for value in _values(values.get(cols.get("Value", ""), "")):
                _add_phone(record, value, label, region, primary)
        for _, cols in sorted(self.multi.get("Address", {}).items()):
            self._address(values, cols, c)
        for _, cols in sorted(self.multi.get("Website", {}).items()):
            label, _ = _google_label(values.get(cols.get("Label", cols.get("Type", "")), ""))
            for value in _values(values.get(cols.get("Value", ""), "")):
                c.links.append(Labeled(value, label))
        for _, cols in sorted(self.multi.get("Relation", {}).items()):
            label = values.get(cols.get("Label", cols.get("Type", "")), "").strip()
            for value in _values(values.get(cols.get("Value", ""), "")):
                kind, reverse, note = vocab.relation_for_label(label)
                group = f"relation{len(record.related) + 1}"
                raw = f"{group}.X-ABRELATEDNAMES:{_escape(value)}"
                if label:
                    raw += f"\n{group}.X-ABLabel:{_escape(label)}"
                kept.append(raw)  # dropped again when the person is among the cards
                record.related.append(
                    Ref("name", value, record.line, kind, reverse, note or "", raw)
                )
        for n, cols in sorted(self.multi.get("Event", {}).items()):
            self._event(n, values, cols, kept)
        for _, cols in sorted(self.multi.get("Custom Field", {}).items()):
            label = values.get(cols.get("Label", cols.get("Type", "")), "").strip()
            value = values.get(cols.get("Value", ""), "").strip()
            if value and not self._allies_field(record, label, value):
                notes.append(f"{label}: {value}" if label else value)
        for column, prop in _PHONETIC.items():
            if get(column, "").strip():
                kept.append(f"{prop}:{_escape(get(column, '').strip())}")
        gender = get("Gender", "").strip().lower()
        if gender in {"female", "male"}:
            kept.append(f"GENDER:{gender[0].upper()}")
        for column, value in values.items():
            if value.strip() and column not in self.known:
                self.ignored[column] = None
        c.notes = "\n\n".join(n for n in notes if n)
        c.kept_properties = "\n".join(kept)
        c.formatted_name = _meaningful(get("Name", "")) or " ".join(
            p
            for p in (
                c.name_prefix,
                c.given_name,
                middle,
                c.family_name,
                c.name_suffix,
            )
            if p
        )
        c.formatted_name = (
            c.formatted_name
            or c.organization
            or (c.emails[0].value if c.emails else "")
            or (c.phones[0].value if c.phones else "")
        )
        if not c.formatted_name:
            sink.error(
                "card-no-name",
                "The row has no name, organisation, e-mail or phone; skipped.",
                card=record.card,
                line=record.line,
            )
            return None
        return record

    def _organization(self, values: dict[str, str], c: ContactInput) -> None:
        c.organization = values.get("Organization Name", "").strip()
        c.title = values.get("Organization Title", "").strip()
        c.department = values.get("Organization Department", "").strip()
        for _, cols in sorted(self.orgs.items()):
            name = values.get(cols.get("Name", ""), "").strip()
            if name and not c.organization:
                c.organization = name
                c.title = values.get(cols.get("Title", ""), "").strip()
                c.department = values.get(cols.get("Department", ""), "").strip()

    def _birthday(self, text: str, record: ContactRecord, sink: ProblemSink) -> None:
        text = text.strip()
        if not text:
            return
        record.contact.birthday = parse_vcard_date(text)
        if record.contact.birthday is None:
            sink.add(
                "date-invalid",
                f"Birthday {text!r} is not a date; not imported.",
                card=record.card,
                line=record.line,
            )

    def _address(self, values: dict[str, str], cols: dict[str, str], c: ContactInput) -> None:
        def part(name: str) -> str:
            return values.get(cols.get(name, ""), "").strip()

        label, _ = _google_label(part("Label") or part("Type"))
        address = AddressInput(
            label=label,
            po_box=part("PO Box"),
            extended=part("Extended Address"),
            street=part("Street"),
            locality=part("City"),
            region=part("Region"),
            postal_code=part("Postal Code"),
            country=part("Country"),
        )
        if address.is_empty() and part("Formatted"):
            address.street = part("Formatted")
        if not address.is_empty():
            c.addresses.append(address)

    def _event(self, n: int, values: dict[str, str], cols: dict[str, str], kept: list[str]) -> None:
        label = values.get(cols.get("Label", cols.get("Type", "")), "").strip()
        value = values.get(cols.get("Value", ""), "").strip()
        if not value:
            return
        date = parse_vcard_date(value)
        if date is not None and vocab.is_anniversary_label(label):
            kept.append(f"ANNIVERSARY:{vcard_date(date)}")
        else:
            kept.append(f"event{n}.X-ABDATE:{_escape(value)}")
            kept.append(f"event{n}.X-ABLabel:{_escape(label)}")

    def _allies_field(self, record: ContactRecord, label: str, value: str) -> bool:
        """Custom fields named "Allies …" come from our own CSV export."""
        name = _ALLIES_FIELDS.get(label.strip().lower())
        if name is None:
            return False
        c = record.contact
        if name == "level" and value in {v.value for v in Level}:
            c.level = value
        elif name == "circle" and value in {v.value for v in Circle}:
            c.circle = value
        elif name == "roles":
            wanted = {r.strip() for r in value.split(",")}
            c.roles = [r.value for r in Role if r.value in wanted]
        elif name == "trust" and value.isdigit() and 1 <= int(value) <= 5:
            c.trust = int(value)
        elif name == "cadence_days" and value.isdigit() and int(value) <= 3650:
            c.cadence_days = int(value)
        elif name == "archived":
            record.archived = value.lower() in {"1", "true", "yes"}
            return True
        elif name == "uid":
            c.uid = value
            return True
        else:
            return False
        record.given |= {name}
        return True

    def report_ignored(self) -> None:
        if self.ignored:
            self.sink.info(
                "columns-ignored",
                "These columns were not imported: " + ", ".join(self.ignored) + ".",
            )

"""Who an import brings in: each card as a person, new, updated (with what changes) or
skipped (with why), for the preview's "People" tab.

:func:`people_of` reads the plan's matching (the same one ``commit_import`` writes) off
the GUI thread and returns facts; :func:`outcome_text` and :func:`change_text` put them
into words on the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import heapq
import os
from collections.abc import Callable
from dataclasses import dataclass, fields

from app.contacts import ContactInput
from app.interchange.importer import ImportPlan
from app.interchange.problems import Problem, Severity
from ui.qt import QtCore
from ui.rich_text import plain_tooltip

NEW, UPDATED, SKIPPED, UNCHANGED = "new", "updated", "skipped", "unchanged"
ORDER = {NEW: 0, UPDATED: 1, SKIPPED: 2, UNCHANGED: 3}
# Fields a person reads as a change; the rest (the card's source text, kept properties,
# given/family split) follow from these.
SHOWN_FIELDS = (
    "formatted_name",
    "organization",
    "department",
    "title",
    "emails",
    "phones",
    "addresses",
    "links",
    "birthday",
    "tags",
    "notes",
    "photo",
    "nickname",
    "level",
    "circle",
    "roles",
    "trust",
    "cadence_days",
)


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One person of the preview. ``changes`` are (field, values added) for an update;
    ``reason`` says why a card is skipped. (Slots: no dict per row, so 10,000 rows are
    made and freed in about half the time.)"""

    outcome: str
    name: str
    organization: str = ""
    email: str = ""
    file: str = ""
    card: int | None = None
    line: int | None = None
    changes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    reason: str = ""
    code: str = ""  # the problem's code, for a skipped card

    def sort_key(self) -> tuple[int, str, str, int]:
        return (ORDER[self.outcome], self.name.casefold(), self.file, self.card or 0)


def _values(value: object) -> list[str]:
    if isinstance(value, list):
        out = []
        for item in value:
            if hasattr(item, "value"):
                out.append(str(item.value))
            elif hasattr(item, "street"):
                parts = (item.street, item.postal_code, item.locality, item.country)
                out.append(", ".join(p for p in parts if p))
            else:
                out.append(str(item))
        return out
    return [] if value in (None, "") else [str(value)]


def changes_between(before: ContactInput, after: ContactInput) -> list[tuple[str, tuple[str, ...]]]:
    """The fields that differ, each with the values the import adds (for lists)."""
    names = {f.name for f in fields(ContactInput)}
    found = []
    for name in SHOWN_FIELDS:
        if name not in names:
            continue
        old, new = getattr(before, name), getattr(after, name)
        if old == new:
            continue
        if isinstance(new, list):
            had = set(_values(old))
            found.append((name, tuple(v for v in _values(new) if v not in had)))
        elif name == "photo":
            found.append((name, ()))
        else:
            found.append((name, tuple(_values(new))))
    return found


def people_of(plan: ImportPlan) -> list[PersonRow]:
    """Every card of the plan as a person, sorted: new, updated, skipped, unchanged, each
    by name. Cards that merge into one contact show as one person."""
    rows: list[PersonRow] = []
    for target in plan.targets():
        records = list(getattr(target, "records", []) or [])
        first = records[0] if records else None
        where = dict(
            file=os.path.basename(first.source) if first else "",
            card=first.card if first else None,
            line=first.line if first else None,
        )
        contact: ContactInput = target.contact
        email = (contact.emails or contact.phones or [None])[0]
        email = email.value if email is not None else ""
        if target.stored is None:
            rows.append(
                PersonRow(NEW, contact.formatted_name, contact.organization, email, **where)
            )
        elif target.changed:
            changes = changes_between(target.stored.input, contact)
            if getattr(target, "connected_on", None) is not None:
                changes.append(("connected_on", (target.connected_on.isoformat(),)))
            rows.append(
                PersonRow(
                    UPDATED,
                    target.stored.input.formatted_name,
                    contact.organization,
                    email,
                    changes=tuple(changes),
                    **where,
                )
            )
        else:
            rows.append(
                PersonRow(UNCHANGED, contact.formatted_name, contact.organization, email, **where)
            )
    imported = {(r.file, r.card) for r in rows}
    for problem in plan.problems:
        if problem.severity != Severity.ERROR or problem.card is None:
            continue
        key = (os.path.basename(problem.file), problem.card)
        if key in imported:
            continue
        imported.add(key)
        rows.append(
            PersonRow(
                SKIPPED,
                "",
                file=key[0],
                card=problem.card,
                line=problem.line,
                reason=problem.reason,
                code=problem.code,
            )
        )
    return sorted_in_slices(rows, PersonRow.sort_key)


SORT_SLICE = 1000


def sorted_in_slices(rows: list[PersonRow], key: Callable[[PersonRow], object]) -> list[PersonRow]:
    """``sorted(rows, key=key)``, made so the GUI thread gets the GIL on time meanwhile.

    One sort of 10,000 rows compares their keys in C for 10–20 ms without letting the GIL
    go (the GUI thread waited that long: issue 17); slices of ``SORT_SLICE`` take about
    a millisecond each, and :func:`heapq.merge` joins them in Python, which gives the GIL
    up on time. Stable, like ``sorted``."""
    slices = [sorted(rows[i : i + SORT_SLICE], key=key) for i in range(0, len(rows), SORT_SLICE)]
    return list(heapq.merge(*slices, key=key))  # type: ignore[type-var]


def duplicate_details(plan: ImportPlan) -> list[tuple[str, str]]:
    """For each merge candidate: the card's and the other's organisation and e-mail, so
    the user can judge whether they are one person."""
    from app.models import Contact, EmailAddress

    wanted = [(m.file, m.card) for m in plan.merge_candidates]
    wanted += [(m.other_file, m.other_card) for m in plan.merge_candidates if m.other_file]
    cards = {
        (os.path.basename(file), card): contact
        for (file, card), contact in plan.card_contacts(wanted).items()  # type: ignore[arg-type]
    }

    def describe(contact: ContactInput | None) -> str:
        if contact is None:
            return ""
        email = (contact.emails or contact.phones or [None])[0]
        email = email.value if email is not None else ""
        return " · ".join(b for b in (contact.organization, email) if b)

    ids = [m.contact_id for m in plan.merge_candidates if m.contact_id is not None]
    existing: dict[int, str] = {}
    for cid, organization in (
        Contact.select(Contact.id, Contact.organization).where(Contact.id.in_(ids)).tuples()
    ):
        existing[cid] = organization or ""
    emails: dict[int, str] = {}
    for cid, address in (
        EmailAddress.select(EmailAddress.contact, EmailAddress.address)
        .where(EmailAddress.contact.in_(ids))
        .order_by(EmailAddress.position)
        .tuples()
    ):
        emails.setdefault(cid, address)
    details = []
    for m in plan.merge_candidates:
        mine = describe(cards.get((os.path.basename(m.file), m.card)))
        if m.contact_id is not None:
            bits = (existing.get(m.contact_id, ""), emails.get(m.contact_id, ""))
            other = " · ".join(b for b in bits if b)
        else:
            other = describe(cards.get((os.path.basename(m.other_file or ""), m.other_card)))
        details.append((mine, other))
    return details


@dataclass
class Preview:
    """What the preview shows, read in one go on the worker."""

    plan: ImportPlan
    people: list[PersonRow]
    duplicates: list[tuple[object, ...]]  # rows of the duplicates table
    problems: list[tuple[object, ...]]  # rows of the problems table, in file order


def problems_in_order(plan: ImportPlan) -> list[Problem]:
    """The problems in the order of the files: by file, then line (then card).

    A skipped card shows only why it is skipped: its other notes ("… kept as text")
    would say something is kept of a card that is not imported at all.
    """
    found = plan.problems
    skipped = {(p.file, p.card) for p in found if p.severity == Severity.ERROR and p.card}
    names = {p.file: os.path.basename(p.file) for p in found}
    return sorted(
        (p for p in found if p.severity == Severity.ERROR or (p.file, p.card) not in skipped),
        key=lambda p: (names[p.file], p.line or 0, p.card or 0),
    )


def duplicate_rows(plan: ImportPlan) -> list[tuple[object, ...]]:
    """The duplicates table: merge box, card, its organisation and e-mail, the similar
    contact or card, its organisation and e-mail, where that one is. (Translation is
    thread-safe, so the words are made here on the worker, not row by row on the GUI.)"""
    existing = QtCore.QCoreApplication.translate("ImportPreviewDialog", "existing contact")
    return [
        (
            "",
            m.name,
            mine,
            m.other_name,
            other,
            existing if m.contact_id is not None else os.path.basename(m.other_file or ""),
        )
        for m, (mine, other) in zip(plan.merge_candidates, duplicate_details(plan), strict=True)
    ]


def problem_rows(plan: ImportPlan) -> list[tuple[object, ...]]:
    return [
        (os.path.basename(p.file), p.card or "", p.line or "", p.reason)
        for p in problems_in_order(plan)
    ]


def plan_preview(sources: object, progress: object = None, cancel: object = None) -> Preview:
    """Read and match the files (nothing is written), and shape what the preview shows."""
    from app.collector import collector_paused
    from app.interchange.importer import plan_import

    # The rows too are made with the collector paused (see plan_import: otherwise full
    # collections on this worker stall the GUI thread for 100 ms and more).
    with collector_paused():
        plan = plan_import(sources, progress, cancel)  # type: ignore[arg-type]
        return Preview(plan, people_of(plan), duplicate_rows(plan), problem_rows(plan))


# --- words (GUI thread) ---------------------------------------------------------------


def outcome_text(outcome: str) -> str:
    return {
        NEW: QtCore.QCoreApplication.translate("ImportPreview", "New"),
        UPDATED: QtCore.QCoreApplication.translate("ImportPreview", "Updated"),
        SKIPPED: QtCore.QCoreApplication.translate("ImportPreview", "Skipped"),
        UNCHANGED: QtCore.QCoreApplication.translate("ImportPreview", "Unchanged"),
    }.get(outcome, outcome)


def field_name(name: str) -> str:
    translate = QtCore.QCoreApplication.translate
    return {
        "formatted_name": translate("ImportPreview", "name"),
        "organization": translate("ImportPreview", "organisation"),
        "department": translate("ImportPreview", "department"),
        "title": translate("ImportPreview", "job title"),
        "emails": translate("ImportPreview", "e-mail"),
        "phones": translate("ImportPreview", "phone"),
        "addresses": translate("ImportPreview", "address"),
        "links": translate("ImportPreview", "web link"),
        "birthday": translate("ImportPreview", "birthday"),
        "tags": translate("ImportPreview", "tags"),
        "notes": translate("ImportPreview", "notes"),
        "photo": translate("ImportPreview", "photo"),
        "nickname": translate("ImportPreview", "nickname"),
        "level": translate("ImportPreview", "level"),
        "circle": translate("ImportPreview", "circle"),
        "roles": translate("ImportPreview", "roles"),
        "trust": translate("ImportPreview", "trust"),
        "cadence_days": translate("ImportPreview", "keep-in-touch interval"),
        "connected_on": translate("ImportPreview", "connected on"),
    }.get(name, name)


def change_text(row: PersonRow) -> str:
    """What the row's column "What happens" says beyond the outcome."""
    translate = QtCore.QCoreApplication.translate
    if row.outcome == SKIPPED:
        if row.code == "card-no-name":
            return translate("ImportPreview", "no name, organisation, e-mail or phone")
        return row.reason
    if row.outcome == UPDATED:
        parts = []
        for name, added in row.changes:
            if name == "connected_on":  # stored as ISO, shown in the user's language
                from ui.dates import date_text

                added = tuple(date_text(dt.date.fromisoformat(v)) for v in added)
            if added and name in ("emails", "phones", "links", "tags", "addresses"):
                parts.append(
                    translate("ImportPreview", "adds %1 %2")
                    .replace("%1", field_name(name))
                    .replace("%2", ", ".join(added))
                )
            elif added and name not in ("notes", "photo"):
                parts.append(
                    translate("ImportPreview", "%1 becomes %2")
                    .replace("%1", field_name(name))
                    .replace("%2", ", ".join(added))
                )
            else:
                parts.append(
                    translate("ImportPreview", "changes %1").replace("%1", field_name(name))
                )
        return "; ".join(parts)
    bits = [b for b in (row.organization, row.email) if b]
    return " · ".join(bits)


def card_text(row: PersonRow) -> str:
    """Where the card is: "team.vcf, card 3, line 17"."""
    translate = QtCore.QCoreApplication.translate
    text = row.file
    if row.card is not None:
        text += ", " + translate("ImportPreview", "card %1").replace("%1", str(row.card))
    if row.line:
        text += ", " + translate("ImportPreview", "line %1").replace("%1", str(row.line))
    return text


class PeopleModel(QtCore.QAbstractTableModel):
    """The preview's people; each cell's words are made when it is shown, so a
    10,000-card preview costs nothing until scrolled. No signals of its own."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PersonRow] = []
        translate = QtCore.QCoreApplication.translate
        self._headers = [
            translate("ImportPreview", "Person"),
            translate("ImportPreview", "What happens"),
            translate("ImportPreview", "Card"),
            translate("ImportPreview", "Details"),
        ]

    def set_people(self, rows: list[PersonRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def take_people(self) -> list[PersonRow]:
        """Empty the model; the rows it had, for the caller to let go of."""
        self.beginResetModel()
        rows, self._rows = self._rows, []
        self.endResetModel()
        return rows

    def person(self, row: int) -> PersonRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def data(
        self, index: QtCore.QModelIndex, role: int = QtCore.Qt.ItemDataRole.DisplayRole
    ) -> object:
        row = self.person(index.row()) if index.isValid() else None
        if row is None or role not in (
            QtCore.Qt.ItemDataRole.DisplayRole,
            QtCore.Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        text = self._text(row, index.column())
        if role == QtCore.Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(text)  # names straight from the file: never rich text
        return text

    @staticmethod
    def _text(row: PersonRow, column: int) -> str:
        if column == 0:
            return row.name or QtCore.QCoreApplication.translate(
                "ImportPreview", "(a card without a name)"
            )
        if column == 1:
            return outcome_text(row.outcome)
        if column == 2:
            return card_text(row)
        return change_text(row)

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: QtCore.Qt.Orientation,
        role: int = QtCore.Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if (
            role == QtCore.Qt.ItemDataRole.DisplayRole
            and orientation == QtCore.Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

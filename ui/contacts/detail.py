"""The "contacts" view: the selected contact's header and its detail sections.

The header sums the relationship up at a glance (who, where, level, trust, strength,
balance, due state); below it the sections of :data:`ui.views.DETAIL_SECTIONS` are tabs.
A section is only told about the current contact while its tab is shown, so switching
contacts costs one query for the header and one for the visible tab.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from app import derived
from app.changes import Changes
from app.models import Contact
from ui.accessibility import name_unnamed, readable
from ui.contact_conflicts import ContactConflicts
from ui.contacts.delegate import BALANCE_COLORS, DUE_COLORS, avatar_pixmap
from ui.contacts.model import balance_text, circle_name, due_text, level_name, relative_day
from ui.contacts.wording import balance_sentence, balance_words
from ui.elided_label import ElidedLabel
from ui.flow_layout import FlowLayout
from ui.i18n import shortcut_text
from ui.ops import ops
from ui.qt import Qt, QtCore, QtGui, QtWidgets
from ui.selection import ContactSelection
from ui.views import DETAIL_SECTIONS

AVATAR = 72
PAGE_MARGIN = 8  # around each section, so lists and buttons do not touch the window edge


@dataclass(frozen=True)
class HeaderFacts:
    """What the header shows of one contact (read off the GUI thread)."""

    id: int
    name: str
    title: str
    organization: str
    department: str
    level: str
    circle: str
    trust: int
    strength: float
    balance: int
    due_on: dt.date | None
    last_contact: dt.date | None
    cadence: int
    photo: bytes | None
    archived: bool


def header_facts(contact_id: int, today: dt.date) -> HeaderFacts | None:
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None:
        return None
    return HeaderFacts(
        id=contact.id,
        name=contact.formatted_name,
        title=contact.title,
        organization=contact.organization,
        department=contact.department,
        level=contact.level,
        circle=contact.circle,
        trust=int(contact.trust),
        strength=derived.strength(contact.id, today),
        balance=int(contact.balance),
        due_on=_date(contact.due_on),
        last_contact=_date(contact.last_contact),
        cadence=derived.effective_cadence(contact),
        photo=contact.photo,
        archived=bool(contact.archived),
    )


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value  # type: ignore[return-value]
    return dt.date.fromisoformat(str(value)[:10])


def _plain_label(text: str = "") -> QtWidgets.QLabel:
    label = ElidedLabel(text)  # a long name or organisation must not widen the window
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _wrapping_label() -> QtWidgets.QLabel:
    label = QtWidgets.QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(
        QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Preferred
    )
    return label


class Chip(QtWidgets.QLabel):
    """A small rounded label (level, circle, due state), coloured by palette or meaning."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setContentsMargins(8, 2, 8, 2)
        self._color: QtGui.QColor | None = None

    def set_chip(self, text: str, color: QtGui.QColor | None = None) -> None:
        self.setText(text)
        self._color = color
        self.update()

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        painter = QtGui.QPainter(self)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        rect = QtCore.QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        if self._color is not None:
            fill = QtGui.QColor(self._color)
            fill.setAlpha(40)
            painter.setPen(QtGui.QPen(self._color, 1))
        else:
            # A tint of the text colour: visible on light and dark palettes alike (the
            # AlternateBase/Mid pair nearly vanishes on a dark window).
            text = self.palette().color(QtGui.QPalette.ColorRole.WindowText)
            fill = QtGui.QColor(text)
            fill.setAlpha(18)
            border = QtGui.QColor(text)
            border.setAlpha(80)
            painter.setPen(QtGui.QPen(border, 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        painter.end()
        super().paintEvent(event)


class ContactHeader(QtWidgets.QFrame):
    """Photo, name, title at organisation, level, trust, strength, balance and due state."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.avatar = QtWidgets.QLabel()
        self.avatar.setFixedSize(AVATAR, AVATAR)
        self.name = _plain_label()
        self.name.setObjectName("contactName")
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.name.setFont(font)
        # Title, organisation and department wrap onto a second line rather than being
        # cut ("…Procure…" in German at 1024 px).
        self.role_line = _wrapping_label()
        self.level = Chip()
        self.circle = Chip()
        self.due = Chip()
        self.trust = QtWidgets.QLabel()
        self.trust.setTextFormat(Qt.TextFormat.PlainText)
        self.last = _plain_label()
        self.last.setEnabled(False)
        self.strength = QtWidgets.QProgressBar()
        self.strength.setRange(0, 100)
        self.strength.setTextVisible(False)
        self.strength.setFixedHeight(8)
        self.strength.setFixedWidth(120)
        self.strength_label = _plain_label()
        self.balance = _plain_label()
        balance_font = self.balance.font()
        balance_font.setBold(True)
        self.balance.setFont(balance_font)
        self.balance_label = _wrapping_label()
        self.balance_label.setEnabled(False)
        self.balance_label.setMaximumWidth(150)

        chips = FlowLayout(spacing=6)  # wraps in a narrow window instead of widening it
        for chip in (self.level, self.circle, self.due):
            chips.addWidget(chip)
        text = QtWidgets.QVBoxLayout()
        text.setSpacing(3)
        text.addWidget(self.name)
        text.addWidget(self.role_line)
        text.addLayout(chips)
        text.addWidget(self.last)
        numbers = QtWidgets.QGridLayout()
        numbers.setVerticalSpacing(2)
        # Trust sits with the numbers, so the chips row stays short enough for a narrow
        # window with the full contact list beside it.
        numbers.addWidget(self.trust, 0, 0)
        numbers.addWidget(self.strength_label, 1, 0)
        numbers.addWidget(self.strength, 2, 0)
        numbers.addWidget(self.balance, 3, 0)
        numbers.addWidget(self.balance_label, 4, 0)
        numbers.setRowStretch(5, 1)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.setSpacing(14)
        layout.addWidget(self.avatar, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)
        layout.addLayout(numbers)

    def show_facts(self, facts: HeaderFacts, today: dt.date) -> None:
        photo = QtGui.QImage.fromData(facts.photo) if facts.photo else None
        self.avatar.setPixmap(avatar_pixmap(facts.name, photo, AVATAR, self.devicePixelRatioF()))
        self.name.setText(facts.name)
        self.role_line.setText(self._role_line(facts))
        self.role_line.setVisible(bool(self.role_line.text()))
        self.level.set_chip(level_name(facts.level))
        self.circle.set_chip(circle_name(facts.circle))
        state = derived.due_state(facts.due_on, today)
        self.due.set_chip(due_text(facts.due_on, today), DUE_COLORS.get(state))
        self.trust.setText("\u2605" * facts.trust + "\u2606" * (5 - facts.trust))
        self.trust.setToolTip(self.tr("Trust: %1 of 5").replace("%1", str(facts.trust)))
        if facts.last_contact is None:
            last = self.tr("No interaction yet")
        else:
            last = self.tr("Last contact %1").replace("%1", relative_day(facts.last_contact, today))
        if facts.cadence == 1:
            last += " \u00b7 " + self.tr("keep in touch every day")
        elif facts.cadence:
            last += " \u00b7 " + self.tr("keep in touch every %1 days").replace(
                "%1", str(facts.cadence)
            )
        if facts.archived:
            last += " \u00b7 " + self.tr("archived")
        self.last.setText(last)
        self.strength.setValue(round(facts.strength))
        self.strength_label.setText(
            self.tr("Strength %1").replace("%1", str(round(facts.strength)))
        )
        self.balance.setText(self.tr("Balance %1").replace("%1", balance_text(facts.balance)))
        state = derived.balance_state(facts.balance)
        palette = self.balance.palette()
        color = BALANCE_COLORS.get(state, self.palette().color(QtGui.QPalette.ColorRole.WindowText))
        background = palette.color(QtGui.QPalette.ColorRole.Window)
        palette.setColor(QtGui.QPalette.ColorRole.WindowText, readable(color, background))
        self.balance.setPalette(palette)
        self.balance_label.setText(balance_words(facts.balance))
        self.balance_label.setToolTip(balance_sentence(facts.balance))

    def _role_line(self, facts: HeaderFacts) -> str:
        where = facts.organization
        if facts.department:
            where = f"{where}, {facts.department}" if where else facts.department
        if facts.title and where:
            return self.tr("%1 at %2").replace("%1", facts.title).replace("%2", where)
        return facts.title or where


class ContactDetail(QtWidgets.QWidget):
    """The "contacts" view (see :mod:`ui.views`): header plus section tabs.

    No signals of its own; it follows the selection and ``ops().changed``.
    """

    def __init__(
        self, selection: ContactSelection, parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.selection = selection
        self.contact_id: int | None = None
        self._shown_in: dict[int, int | None] = {}
        self.sections: dict[str, QtWidgets.QWidget] = {}
        self._pages: dict[str, QtWidgets.QWidget] = {}
        self._page: QtWidgets.QWidget | None = None  # see _ensure_page

        self.placeholder = QtWidgets.QLabel(
            self.tr("Select a contact on the left, or press %1 to create one.").replace(
                "%1", shortcut_text(QtGui.QKeySequence.StandardKey.New)
            )
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setEnabled(False)
        self.stack = QtWidgets.QStackedLayout(self)
        self.stack.addWidget(self.placeholder)
        selection.current_changed.connect(self.set_contact)
        ops().changed.connect(self._on_changed)
        self.set_contact(selection.current)

    def _ensure_page(self) -> None:
        """The header, the sync conflicts and the section tabs: built for the first contact
        shown (or when asked for), not at start, where the placeholder is all there is to
        see (≈ 10–20 ms before the window's first paint)."""
        if self._page is not None:
            return
        self._header = ContactHeader()
        self._tabs = QtWidgets.QTabWidget()
        self._tabs.setDocumentMode(True)
        titles = {
            "profile": self.tr("Profile"),
            "timeline": self.tr("Timeline"),
            "ledger": self.tr("Give && take"),
            "relationships": self.tr("Relationships"),
            "goals": self.tr("Goals"),
            "follow_ups": self.tr("Follow-ups"),
        }
        for entry in DETAIL_SECTIONS:
            if not entry.module_exists():
                continue
            if entry.key in titles:
                # Imported when its tab is first shown: start-up only pays for the profile.
                page = QtWidgets.QWidget()
                QtWidgets.QVBoxLayout(page).setContentsMargins(
                    PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN
                )
                page.setProperty("section_key", entry.key)
                self._pages[entry.key] = page
                self._tabs.addTab(page, titles[entry.key])
            else:
                section = entry.load()(self.selection, self)
                self.sections[entry.key] = section
                self._tabs.addTab(section, section.title().replace("&", "&&"))
        self._tabs.currentChanged.connect(self._tab_changed)

        page = QtWidgets.QWidget()
        column = QtWidgets.QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._header)
        self._conflicts = ContactConflicts()  # sync conflicts of this contact, when any
        column.addWidget(self._conflicts)
        line = QtWidgets.QFrame()
        line.setFrameShape(QtWidgets.QFrame.Shape.HLine)
        line.setFrameShadow(QtWidgets.QFrame.Shadow.Sunken)
        column.addWidget(line)
        column.addWidget(self._tabs, 1)
        self._page = page
        self.stack.addWidget(page)
        name_unnamed(page)

    @property
    def header(self) -> ContactHeader:
        self._ensure_page()
        return self._header

    @property
    def tabs(self) -> QtWidgets.QTabWidget:
        self._ensure_page()
        return self._tabs

    @property
    def conflicts(self) -> ContactConflicts:
        self._ensure_page()
        return self._conflicts

    def today(self) -> dt.date:
        return dt.date.today()

    def set_contact(self, contact_id: object) -> None:
        self.contact_id = int(contact_id) if contact_id is not None else None  # type: ignore[call-overload]
        if self.contact_id is None:
            self.stack.setCurrentIndex(0)
            if self._page is None:
                return  # nothing to load or clear: the page is built for the first contact
        self._load_header()
        self.conflicts.set_contact(self.contact_id)
        self._tab_changed(self.tabs.currentIndex())

    def ask_before_closing(self, then: Callable[[], None]) -> bool:
        """For the window's close: save valid edits; True (a question is open, the close
        waits) while edits that do not validate remain; ``then`` runs if they are discarded.
        """
        section = self.sections.get("profile")
        ask = getattr(section, "ask_before_closing", None)
        return bool(callable(ask) and ask(then))

    def show_section(self, key: str) -> None:
        self._ensure_page()
        page = self._pages.get(key) or self.sections.get(key)
        if page is not None:
            self.tabs.setCurrentWidget(page)

    def section(self, key: str) -> QtWidgets.QWidget | None:
        """The section widget for ``key``, building it if its tab was never shown."""
        self._ensure_page()
        if key not in self.sections and key in self._pages:
            entry = next(e for e in DETAIL_SECTIONS if e.key == key)
            section = entry.load()(self.selection, self._pages[key])
            self._pages[key].layout().addWidget(section)
            section.show()  # now, not when the layout's queued show comes round
            name_unnamed(section)
            self.sections[key] = section
        return self.sections.get(key)

    def _load_header(self) -> None:
        if self.contact_id is None:
            return
        cid = self.contact_id
        ops().run(
            header_facts,
            cid,
            self.today(),
            write=False,
            success=lambda facts: self._header_loaded(cid, facts),
        )

    def _header_loaded(self, contact_id: int, facts: HeaderFacts | None) -> None:
        if contact_id != self.contact_id:
            return
        if facts is None:
            self.stack.setCurrentIndex(0)
            return
        self.header.show_facts(facts, self.today())
        self.stack.setCurrentIndex(1)

    def _tab_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page is None:
            return
        key = page.property("section_key")
        if key and key not in self.sections and self.contact_id is None:
            return  # built when there is a contact to show (keeps start-up short)
        section = self.section(key) if key else page
        if section is None:
            return
        if self._shown_in.get(id(section), -1) != self.contact_id:
            self._shown_in[id(section)] = self.contact_id
            section.set_contact(self.contact_id)  # type: ignore[attr-defined]

    def _on_changed(self, changes: Changes) -> None:
        if self.contact_id is None:
            return
        if (
            self.contact_id in changes.contacts
            or changes.interactions
            or changes.exchanges
            or changes.settings
        ):
            self._load_header()

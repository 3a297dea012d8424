"""The profile form: every field of a contact, validated where it is typed.

:class:`ContactForm` is the form itself (used by the detail's profile section and by the
new-contact dialog). Validation is the domain's (:func:`app.contacts.validation_errors`),
so the form, the command line and the importer agree; each problem is shown under its
field and nothing is saved while one remains. A save runs through ``ops().run`` and
pushes an undo command holding the contact as it was before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from app import contacts
from app import settings as app_settings
from app.changes import Changes
from app.contacts import AddressInput, ContactInput, Labeled
from app.errors import ValidationError
from app.models import Circle, Level, Role, database
from ui.accessibility import readable
from ui.contacts.delegate import avatar_pixmap
from ui.contacts.model import circle_name, level_name, role_name
from ui.errors import describe
from ui.i18n import shortcut_text
from ui.ops import ops
from ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from ui.selection import ContactSelection

PHOTO_MAX = 512


def _error_label() -> QtWidgets.QLabel:
    label = QtWidgets.QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    palette = label.palette()
    background = palette.color(QtGui.QPalette.ColorRole.Window)
    red = readable(QtGui.QColor(200, 40, 40), background)  # a dark or high-contrast palette too
    palette.setColor(QtGui.QPalette.ColorRole.WindowText, red)
    label.setPalette(palette)
    label.setObjectName("fieldError")
    label.hide()
    return label


def _show_error(label: QtWidgets.QLabel, message: str | None) -> None:
    label.setText(message or "")
    label.setVisible(bool(message))


def _label_names() -> dict[str, str]:
    """The label keywords stored in the database, with the words the form shows for them.

    The keywords are the ones the importer makes and the exporters write (see
    :mod:`app.interchange.vocab`: ``cell``, not ``mobile``), so they stay English whatever
    the user interface language; only their display is translated.
    """
    translate = QtCore.QCoreApplication.translate
    return {
        "home": translate("ContactLabels", "home"),
        "work": translate("ContactLabels", "work"),
        "other": translate("ContactLabels", "other"),
        "cell": translate("ContactLabels", "mobile"),
        "main": translate("ContactLabels", "main"),
        "fax": translate("ContactLabels", "fax"),
        "home fax": translate("ContactLabels", "home fax"),
        "work fax": translate("ContactLabels", "work fax"),
        "pager": translate("ContactLabels", "pager"),
        "school": translate("ContactLabels", "school"),
        "web": translate("ContactLabels", "web"),
        "home page": translate("ContactLabels", "home page"),
        "LinkedIn": "LinkedIn",
    }


# The labels the form offers; the label fields are made wide enough for each of them.
_COMMON_LABELS = ("home", "work", "other", "cell", "web", "LinkedIn")
# Stored labels that mean a keyword (older versions of this form saved "mobile").
_LABEL_ALIASES = {"mobile": "cell", "homepage": "home page"}


def _keyword_of(label: str) -> str | None:
    """The keyword a stored label is, whatever its case; None for a custom label."""
    folded = " ".join(label.split()).casefold()
    folded = _LABEL_ALIASES.get(folded, folded)
    return next((key for key in _label_names() if key.casefold() == folded), None)


def label_text(label: str) -> str:
    """What the form shows for a stored label: a keyword translated, custom text as is."""
    keyword = _keyword_of(label)
    return label if keyword is None else _label_names()[keyword]


def label_keyword(text: str) -> str:
    """What is stored for a label as typed or picked: the keyword when the text is one
    (in the user interface language or as the keyword itself), else the text."""
    text = " ".join(text.split())
    folded = text.casefold()
    for keyword, shown in _label_names().items():
        if folded == shown.casefold():
            return keyword
    return _keyword_of(text) or text


class LabelCombo(QtWidgets.QComboBox):
    """An editable label: offers the usual ones translated, takes any text as a custom one.

    ``set_label()`` shows a stored label, ``label()`` gives what to store: the English
    keyword for a known label (picked or typed), the stored label itself when the user
    left it alone, otherwise the text as typed. No signals of its own.
    """

    def __init__(self, keywords: list[str], parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QtWidgets.QComboBox.InsertPolicy.NoInsert)
        for keyword in keywords:
            self.addItem(label_text(keyword), keyword)
        line = self.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Label"))
        self._stored = ""
        self._shown = ""

    def sizeHint(self) -> QtCore.QSize:  # noqa: N802
        """As wide as the longest of the usual labels in this language ("geschäftlich"),
        so the label columns of e-mails, phones and links line up."""
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        widest = max(
            metrics.averageCharWidth() * 10,  # room for a short custom label ("home page")
            *(metrics.horizontalAdvance(label_text(key)) for key in _COMMON_LABELS),
            metrics.horizontalAdvance(self.tr("Label")),
        )
        option = QtWidgets.QStyleOptionComboBox()
        self.initStyleOption(option)
        size = self.style().sizeFromContents(
            QtWidgets.QStyle.ContentsType.CT_ComboBox,
            option,
            QtCore.QSize(widest, hint.height()),
            self,
        )
        return QtCore.QSize(max(hint.width(), size.width()), hint.height())

    def set_label(self, stored: str) -> None:
        self._stored = stored.strip()
        self._shown = label_text(self._stored)
        index = self.findData(self._stored)
        if index >= 0:
            self.setCurrentIndex(index)
        self.setEditText(self._shown)
        line = self.lineEdit()
        if line is not None:
            line.setCursorPosition(0)  # a long custom label shows its start

    def label(self) -> str:
        text = self.currentText().strip()
        if text == self._shown:
            return self._stored
        return label_keyword(text)


def split_name(full: str) -> tuple[str, str]:
    """A suggestion of given and family name: "Lopez, Maria" and "Maria Lopez" both give
    ("Maria", "Lopez"); "Ludwig van Beethoven" gives ("Ludwig", "van Beethoven")."""
    text = " ".join(full.split())
    if "," in text:
        family, _, given = text.partition(",")
        return given.strip(), family.strip()
    given, _, family = text.partition(" ")
    return given, family


class LabeledRows(QtWidgets.QWidget):
    """Several values with a label each (e-mails, phones, links), added and removed freely.

    ``labels`` are the keywords offered (see :class:`LabelCombo`). Signals: ``edited()``.
    """

    edited = Signal()

    def __init__(
        self,
        labels: list[str],
        placeholder: str,
        add_text: str,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._labels = labels
        self._placeholder = placeholder
        self.value_name = placeholder  # the accessible name of each value field
        self._rows: list[
            tuple[QtWidgets.QWidget, LabelCombo, QtWidgets.QLineEdit, QtWidgets.QLabel]
        ] = []
        self._layout = QtWidgets.QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.add_button = QtWidgets.QPushButton("+ " + add_text)
        self.add_button.setAccessibleName(add_text)
        self.add_button.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Maximum, QtWidgets.QSizePolicy.Policy.Fixed
        )
        self.add_button.clicked.connect(lambda: self.add_row(Labeled(""), focus=True))
        self._layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def add_row(self, item: Labeled, focus: bool = False) -> QtWidgets.QLineEdit:
        row = QtWidgets.QWidget()
        grid = QtWidgets.QGridLayout(row)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(0)
        label = LabelCombo(self._labels)
        label.set_label(item.label)
        value = QtWidgets.QLineEdit(item.value)
        value.setPlaceholderText(self._placeholder)
        value.setAccessibleName(self.value_name)
        label.setAccessibleName(self.tr("Label of %1").replace("%1", self.value_name))
        remove = QtWidgets.QToolButton()
        remove.setText("\u2715")
        remove.setToolTip(self.tr("Remove"))
        remove.setAccessibleName(self.tr("Remove"))
        remove.setAutoRaise(True)
        error = _error_label()
        grid.addWidget(label, 0, 0)
        grid.addWidget(value, 0, 1)
        grid.addWidget(remove, 0, 2)
        grid.addWidget(error, 1, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        entry = (row, label, value, error)
        self._rows.append(entry)
        self._layout.insertWidget(self._layout.count() - 1, row)
        row.show()  # at once, not when the layout's queued show gets round to it
        value.textEdited.connect(self.edited)
        label.currentTextChanged.connect(self.edited)
        remove.clicked.connect(lambda: self._remove(entry))
        if focus:
            value.setFocus()
        return value

    def _remove(self, entry: tuple) -> None:  # type: ignore[type-arg]
        self._rows.remove(entry)
        entry[0].hide()
        entry[0].deleteLater()
        self.edited.emit()

    def set_values(self, items: list[Labeled]) -> None:
        for entry in self._rows:
            entry[0].hide()  # now, not only when the deferred delete comes round
            entry[0].deleteLater()
        self._rows.clear()
        for item in items:
            self.add_row(item)

    def values(self) -> list[Labeled]:
        return [
            Labeled(value.text().strip(), label.label())
            for _row, label, value, _error in self._rows
            if value.text().strip()
        ]

    def value_edits(self) -> list[QtWidgets.QLineEdit]:
        return [value for _row, _label, value, _error in self._rows]

    def show_errors(self, problems: dict[str, str]) -> None:
        """Mark the rows whose value has a problem (``problems``: value -> message)."""
        for _row, _label, value, error in self._rows:
            _show_error(error, problems.get(value.text().strip()))


class AddressRows(QtWidgets.QWidget):
    """Postal addresses, each with a label. Signals: ``edited()``."""

    edited = Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[
            tuple[QtWidgets.QWidget, LabelCombo, dict[str, QtWidgets.QLineEdit], AddressInput]
        ] = []
        self._layout = QtWidgets.QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self.add_button = QtWidgets.QPushButton("+ " + self.tr("Add address"))
        self.add_button.setAccessibleName(self.tr("Add address"))
        self.add_button.clicked.connect(lambda: self.add_row(AddressInput(), focus=True))
        self._layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def add_row(self, address: AddressInput, focus: bool = False) -> None:
        row = QtWidgets.QFrame()
        row.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        grid = QtWidgets.QGridLayout(row)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.setSpacing(4)
        label = LabelCombo(["home", "work", "other"])
        label.set_label(address.label)
        label.currentTextChanged.connect(self.edited)
        edits: dict[str, QtWidgets.QLineEdit] = {}
        placeholders = {
            "street": self.tr("Street"),
            "postal_code": self.tr("Postal code"),
            "locality": self.tr("City"),
            "region": self.tr("Region"),
            "country": self.tr("Country"),
        }
        for name, text in placeholders.items():
            edit = QtWidgets.QLineEdit(getattr(address, name))
            edit.setPlaceholderText(text)
            edit.textEdited.connect(self.edited)
            edits[name] = edit
        remove = QtWidgets.QToolButton()
        remove.setText("\u2715")
        remove.setToolTip(self.tr("Remove"))
        remove.setAutoRaise(True)
        grid.addWidget(label, 0, 0)
        grid.addWidget(remove, 0, 2, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(edits["street"], 1, 0, 1, 3)
        grid.addWidget(edits["postal_code"], 2, 0)
        grid.addWidget(edits["locality"], 2, 1, 1, 2)
        grid.addWidget(edits["region"], 3, 0)
        grid.addWidget(edits["country"], 3, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        entry = (row, label, edits, address)
        self._rows.append(entry)
        self._layout.insertWidget(self._layout.count() - 1, row)
        row.show()  # at once, not when the layout's queued show gets round to it
        remove.clicked.connect(lambda: self._remove(entry))
        if focus:
            edits["street"].setFocus()

    def _remove(self, entry: tuple) -> None:  # type: ignore[type-arg]
        self._rows.remove(entry)
        entry[0].hide()
        entry[0].deleteLater()
        self.edited.emit()

    def set_values(self, addresses: list[AddressInput]) -> None:
        for entry in self._rows:
            entry[0].hide()  # now, not only when the deferred delete comes round
            entry[0].deleteLater()
        self._rows.clear()
        for address in addresses:
            self.add_row(address)

    def values(self) -> list[AddressInput]:
        result = []
        for _row, label, edits, original in self._rows:
            address = replace(
                original, label=label.label(), **{k: e.text().strip() for k, e in edits.items()}
            )
            if not address.is_empty():
                result.append(address)
        return result


class TagEdit(QtWidgets.QLineEdit):
    """Comma-separated tags; the tag being typed completes from the existing ones."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("Comma-separated, e.g. mentoring, berlin"))
        self._tags = QtCore.QStringListModel(self)
        self._completer = QtWidgets.QCompleter(self._tags, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setWidget(self)
        self._completer.activated.connect(self._insert)
        self.textEdited.connect(self._complete)

    def set_known_tags(self, tags: list[str]) -> None:
        self._tags.setStringList(tags)

    def tags(self) -> list[str]:
        return [t.strip() for t in self.text().split(",") if t.strip()]

    def set_tags(self, tags: list[str]) -> None:
        self.setText(", ".join(tags))

    def _current_word(self) -> str:
        return self.text()[: self.cursorPosition()].split(",")[-1].strip()

    def _complete(self) -> None:
        word = self._current_word()
        if not word:
            self._completer.popup().hide()
            return
        self._completer.setCompletionPrefix(word)
        if self._completer.completionCount() > 0:
            self._completer.complete()
        else:
            self._completer.popup().hide()

    def _insert(self, tag: str) -> None:
        head = self.text()[: self.cursorPosition()]
        tail = self.text()[self.cursorPosition() :]
        kept = head.rsplit(",", 1)[0] + ", " if "," in head else ""
        self.setText(f"{kept}{tag}, {tail.lstrip(', ')}".rstrip())
        self.textEdited.emit(self.text())

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        popup = self._completer.popup()
        if popup.isVisible() and event.key() in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
            Qt.Key.Key_Escape,
            Qt.Key.Key_Tab,
        ):
            event.ignore()
            return
        super().keyPressEvent(event)


class ContactForm(QtWidgets.QWidget):
    """Every field of a contact. ``contact_input()`` reads it, ``set_contact_input()`` fills
    it, ``check()`` marks the problems next to their fields.

    Signals: ``edited()`` whenever the user changes something.
    """

    edited = Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._loaded = ContactInput(formatted_name="")
        self._photo: bytes | None = None
        self._defaults: dict[str, int] = {lv.value: 30 for lv in Level}
        self._errors: dict[str, QtWidgets.QLabel] = {}
        self._read_only = False

        self.photo_label = QtWidgets.QLabel()
        self.photo_label.setFixedSize(64, 64)
        self.photo_button = QtWidgets.QPushButton(self.tr("Choose photo…"))
        self.photo_button.clicked.connect(self.choose_photo)
        self.remove_photo_button = QtWidgets.QPushButton(self.tr("Remove photo"))
        self.remove_photo_button.clicked.connect(lambda: self._set_photo(None, edited=True))

        self.name = QtWidgets.QLineEdit()
        self.name.setObjectName("formattedName")
        self.name.setPlaceholderText(self.tr("Full name, as you would write it"))
        self.given = QtWidgets.QLineEdit()
        self.given.setPlaceholderText(self.tr("Given name"))
        self.family = QtWidgets.QLineEdit()
        self.family.setPlaceholderText(self.tr("Family name"))
        self.nickname = QtWidgets.QLineEdit()
        self.organization = QtWidgets.QLineEdit()
        self.organization.setObjectName("organization")
        self.department = QtWidgets.QLineEdit()
        self.title = QtWidgets.QLineEdit()
        self.birthday = QtWidgets.QLineEdit()
        self.birthday.setPlaceholderText(self.tr("YYYY-MM-DD, or --MM-DD without the year"))

        self.level = QtWidgets.QComboBox()
        for lv in Level:
            self.level.addItem(level_name(lv.value), lv.value)
        self.circle = QtWidgets.QComboBox()
        for c in Circle:
            self.circle.addItem(circle_name(c.value), c.value)
        self.trust = QtWidgets.QSpinBox()
        self.trust.setRange(1, 5)
        self.trust.setSuffix(self.tr(" of 5"))
        self.roles: dict[str, QtWidgets.QCheckBox] = {}
        roles_box = QtWidgets.QWidget()
        roles_grid = QtWidgets.QGridLayout(roles_box)
        roles_grid.setContentsMargins(0, 0, 0, 0)
        for i, role in enumerate(Role):
            box = QtWidgets.QCheckBox(role_name(role.value))
            box.toggled.connect(self.edited)
            self.roles[role.value] = box
            roles_grid.addWidget(box, i // 3, i % 3)

        self.cadence_mode = QtWidgets.QComboBox()
        self.cadence_mode.addItem("", "default")
        self.cadence_mode.addItem(self.tr("Every…"), "custom")
        self.cadence_mode.addItem(self.tr("Never remind me"), "never")
        self.cadence_days = QtWidgets.QSpinBox()
        self.cadence_days.setRange(1, 3650)
        self.cadence_days.setValue(30)
        self.cadence_days.valueChanged.connect(self._update_days_suffix)
        self._update_days_suffix(self.cadence_days.value())
        self.cadence_mode.currentIndexChanged.connect(self._cadence_mode_changed)
        self.level.currentIndexChanged.connect(self._update_default_cadence)
        cadence_box = QtWidgets.QWidget()
        cadence_row = QtWidgets.QHBoxLayout(cadence_box)
        cadence_row.setContentsMargins(0, 0, 0, 0)
        cadence_row.addWidget(self.cadence_mode, 1)
        cadence_row.addWidget(self.cadence_days)

        self.emails = LabeledRows(
            ["work", "home", "other"],
            self.tr("name@example.com"),
            self.tr("Add e-mail"),
        )
        self.phones = LabeledRows(
            ["cell", "work", "home", "other"],
            self.tr("+49 30 1234567"),
            self.tr("Add phone"),
        )
        self.links = LabeledRows(
            ["LinkedIn", "web", "other"],
            self.tr("https://…"),
            self.tr("Add link"),
        )
        self.emails.value_name = self.tr("E-mail")
        self.phones.value_name = self.tr("Phone")
        self.links.value_name = self.tr("Web")
        self.addresses = AddressRows()
        self.tags = TagEdit()
        self.tags.setObjectName("tags")
        self.notes = QtWidgets.QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(self.tr("What matters to them, what you talked about…"))
        self.notes.setMinimumHeight(80)

        for edit in (
            self.name,
            self.given,
            self.family,
            self.nickname,
            self.organization,
            self.department,
            self.title,
            self.birthday,
            self.tags,
        ):
            edit.textEdited.connect(self.edited)
        for combo in (self.level, self.circle, self.cadence_mode):
            combo.activated.connect(self.edited)
        self.trust.valueChanged.connect(self.edited)
        self.cadence_days.valueChanged.connect(self.edited)
        self.notes.textChanged.connect(self._notes_changed)
        for rows in (self.emails, self.phones, self.links, self.addresses):
            rows.edited.connect(self.edited)
        self.phones.edited.connect(self._wire_phone_normalising)

        form = QtWidgets.QFormLayout(self)
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QtWidgets.QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        photo_row = QtWidgets.QHBoxLayout()
        photo_row.addWidget(self.photo_label)
        photo_buttons = QtWidgets.QVBoxLayout()
        photo_buttons.addWidget(self.photo_button)
        photo_buttons.addWidget(self.remove_photo_button)
        photo_row.addLayout(photo_buttons)
        photo_row.addStretch(1)
        form.addRow(self.tr("Photo"), photo_row)
        form.addRow(self.tr("&Name"), self._with_error("formatted_name", self.name))
        names = QtWidgets.QHBoxLayout()
        names.addWidget(self.given)
        names.addWidget(self.family)
        form.addRow(self.tr("Given / family"), names)
        form.addRow(self.tr("&Organisation"), self._with_error("organization", self.organization))
        form.addRow(self.tr("Job title"), self._with_error("title", self.title))
        form.addRow(self.tr("E-mail"), self.emails)
        form.addRow(self.tr("Phone"), self.phones)
        form.addRow(self.tr("Level"), self._with_error("level", self.level))
        form.addRow(self.tr("Circle"), self._with_error("circle", self.circle))
        form.addRow(self.tr("Keep in touch"), self._with_error("cadence_days", cadence_box))
        form.addRow(self.tr("Roles"), roles_box)
        form.addRow(self.tr("Trust"), self._with_error("trust", self.trust))
        form.addRow(self.tr("Department"), self._with_error("department", self.department))
        form.addRow(self.tr("Nickname"), self._with_error("nickname", self.nickname))
        form.addRow(self.tr("Address"), self.addresses)
        form.addRow(self.tr("Web"), self.links)
        form.addRow(self.tr("Tags"), self._with_error("tags", self.tags))
        form.addRow(self.tr("Birthday"), self._with_error("birthday", self.birthday))
        form.addRow(self.tr("Notes"), self.notes)

        self.setTabOrder(self.name, self.given)
        self.setTabOrder(self.given, self.family)
        self.setTabOrder(self.family, self.organization)
        self.setTabOrder(self.organization, self.title)
        self._split_shown = ("", "")
        self.name.textChanged.connect(self._name_typed)
        self.set_contact_input(ContactInput(formatted_name=""))
        self._update_default_cadence()
        self._cadence_mode_changed()
        ops().run(_form_choices, write=False, success=self._set_choices)

    def _with_error(self, key: str, field: QtWidgets.QWidget) -> QtWidgets.QWidget:
        box = QtWidgets.QWidget()
        column = QtWidgets.QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(field)
        error = _error_label()
        column.addWidget(error)
        self._errors[key] = error
        return box

    def _set_choices(self, choices: tuple[dict[str, int], list[str]]) -> None:
        self._defaults, tags = choices
        self.tags.set_known_tags(tags)
        self._update_default_cadence()

    def _notes_changed(self) -> None:
        if self.notes.document().isModified():
            self.edited.emit()

    def _update_default_cadence(self) -> None:
        days = self._defaults.get(self.level.currentData(), 30)
        if days == 0:
            text = self.tr("Level default (no reminders)")
        elif days == 1:
            text = self.tr("Level default (every day)")
        else:
            text = self.tr("Level default (every %1 days)").replace("%1", str(days))
        self.cadence_mode.setItemText(0, text)

    def _update_days_suffix(self, days: int) -> None:
        self.cadence_days.setSuffix(self.tr(" day") if days == 1 else self.tr(" days"))

    def _cadence_mode_changed(self) -> None:
        """The day counter shows only for "Every…" (beside "Level default (every 90 days)" a
        counter saying 30 contradicted it), starting from the level's default."""
        custom = self.cadence_mode.currentData() == "custom"
        if custom and not self.cadence_days.isVisibleTo(self):
            self.cadence_days.setValue(self._defaults.get(self.level.currentData(), 30) or 30)
        self.cadence_days.setEnabled(custom)
        self.cadence_days.setVisible(custom)

    def _name_typed(self, text: str) -> None:
        """The avatar shows the initials at once; given and family name follow the full
        name until the user types into them."""
        if self._photo is None:
            self._set_photo(None)
        if (self.given.text(), self.family.text()) == self._split_shown:
            self._split_shown = split_name(text)
            self.given.setText(self._split_shown[0])
            self.family.setText(self._split_shown[1])

    def _wire_phone_normalising(self) -> None:
        for edit in self.phones.value_edits():
            if not edit.property("normalising"):
                edit.setProperty("normalising", True)
                edit.editingFinished.connect(lambda e=edit: self._normalise_phone(e))

    def _normalise_phone(self, edit: QtWidgets.QLineEdit) -> None:
        """Show the number in international form as soon as it is typed."""
        text = edit.text().strip()
        if not text:
            return
        try:
            edit.setText(contacts.normalize_phone(text)[0])
        except ValidationError:
            return

    # --- photo ---------------------------------------------------------------------

    def choose_photo(self) -> None:
        path, _filter = QtWidgets.QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a photo"),
            "",
            self.tr("Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp)"),
        )
        if not path:
            return
        reader = QtGui.QImageReader(path)
        reader.setAutoTransform(True)
        size = reader.size()
        if size.isValid() and max(size.width(), size.height()) > PHOTO_MAX:
            reader.setScaledSize(
                size.scaled(PHOTO_MAX, PHOTO_MAX, Qt.AspectRatioMode.KeepAspectRatio)
            )
        image = reader.read()
        if image.isNull():
            box = QtWidgets.QMessageBox(self)
            box.setIcon(QtWidgets.QMessageBox.Icon.Warning)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setText(self.tr("This file is not a picture Allies can read."))
            box.open()
            return
        data = QtCore.QByteArray()
        buffer = QtCore.QBuffer(data)
        buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "JPEG", 88)
        self._set_photo(bytes(data.data()), edited=True)

    def _set_photo(self, photo: bytes | None, edited: bool = False) -> None:
        self._photo = photo
        image = QtGui.QImage.fromData(photo) if photo else None
        name = self.name.text() or "?"
        self.photo_label.setPixmap(avatar_pixmap(name, image, 64, self.devicePixelRatioF()))
        self.remove_photo_button.setEnabled(photo is not None)
        if edited:
            self.edited.emit()

    # --- data ----------------------------------------------------------------------

    def set_contact_input(self, data: ContactInput) -> None:
        """Fill the form; filling is not an edit, so ``edited`` stays quiet."""
        blocked = self.blockSignals(True)
        try:
            self._fill(data)
        finally:
            self.blockSignals(blocked)

    def _fill(self, data: ContactInput) -> None:
        self._loaded = data
        self.name.setText(data.formatted_name)
        self.given.setText(data.given_name)
        self.family.setText(data.family_name)
        self.nickname.setText(data.nickname)
        self.organization.setText(data.organization)
        self.department.setText(data.department)
        self.title.setText(data.title)
        self.birthday.setText(data.birthday or "")
        self.level.setCurrentIndex(max(0, self.level.findData(data.level)))
        self.circle.setCurrentIndex(max(0, self.circle.findData(data.circle)))
        self.trust.setValue(int(data.trust))
        for role, box in self.roles.items():
            box.blockSignals(True)
            box.setChecked(role in data.roles)
            box.blockSignals(False)
        if data.cadence_days is None:
            self.cadence_mode.setCurrentIndex(0)
        elif data.cadence_days == 0:
            self.cadence_mode.setCurrentIndex(2)
        else:
            self.cadence_mode.setCurrentIndex(1)
            self.cadence_days.setValue(int(data.cadence_days))
        self.emails.set_values(data.emails)
        self.phones.set_values(data.phones)
        self._wire_phone_normalising()
        self.links.set_values(data.links)
        self.addresses.set_values(data.addresses)
        self.tags.set_tags(data.tags)
        self.notes.setPlainText(data.notes)
        self.notes.document().setModified(False)
        self._set_photo(data.photo)
        self.show_problems([])
        names = (data.given_name, data.family_name)
        following = names in (("", ""), split_name(data.formatted_name))
        self._split_shown = names if following else ("\0", "\0")
        if self._read_only:
            self._apply_read_only()  # the rows just made

    # --- read-only -----------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        """Show the contact without offering to change it (a read-only database).

        Text stays selectable and focusable, so it can be read and copied; choices,
        check boxes and the add/remove/photo buttons are disabled.
        """
        if read_only or self._read_only:
            self._read_only = read_only
            self._apply_read_only()

    def is_read_only(self) -> bool:
        return self._read_only

    def _apply_read_only(self) -> None:
        on = self._read_only
        for edit in self.findChildren(QtWidgets.QLineEdit):
            edit.setReadOnly(on)
        for spin in self.findChildren(QtWidgets.QAbstractSpinBox):
            spin.setReadOnly(on)
        self.notes.setReadOnly(on)
        choices = self.findChildren(QtWidgets.QComboBox)
        for widget in [*choices, *self.findChildren(QtWidgets.QAbstractButton)]:
            widget.setEnabled(not on)
        if not on:
            self.remove_photo_button.setEnabled(self._photo is not None)

    def contact_input(self) -> ContactInput:
        mode = self.cadence_mode.currentData()
        cadence = None if mode == "default" else 0 if mode == "never" else self.cadence_days.value()
        return replace(
            self._loaded,
            formatted_name=self.name.text().strip(),
            given_name=self.given.text().strip(),
            family_name=self.family.text().strip(),
            nickname=self.nickname.text().strip(),
            organization=self.organization.text().strip(),
            department=self.department.text().strip(),
            title=self.title.text().strip(),
            birthday=self.birthday.text().strip() or None,
            notes=self.notes.toPlainText(),
            level=self.level.currentData(),
            circle=self.circle.currentData(),
            roles=[role for role, box in self.roles.items() if box.isChecked()],
            trust=self.trust.value(),
            cadence_days=cadence,
            emails=self.emails.values(),
            phones=self.phones.values(),
            addresses=self.addresses.values(),
            links=self.links.values(),
            tags=self.tags.tags(),
            photo=self._photo,
        )

    def check(self) -> ContactInput | None:
        """The form's contact, normalised; None (with the problems shown) when invalid."""
        data = self.contact_input()
        problems = contacts.validation_errors(data)
        self.show_problems(problems)
        if problems:
            return None
        return contacts.validate(data)

    def show_problems(self, problems: list[ValidationError], focus: bool = True) -> None:
        """Mark each problem under its field; ``focus`` moves the cursor to the first one
        (not when a kept draft is shown again: the user is still choosing a contact)."""
        by_field: dict[str, str] = {}
        emails: dict[str, str] = {}
        phones: dict[str, str] = {}
        for problem in problems:
            if problem.field == "email":
                emails[str(problem.value).strip()] = describe(problem)
            elif problem.field == "phone":
                phones[str(problem.value).strip()] = describe(problem)
            elif problem.field in self._errors:
                by_field.setdefault(problem.field, describe(problem))
            else:  # given and family name share the name's error line
                by_field.setdefault("formatted_name", describe(problem))
        for key, label in self._errors.items():
            _show_error(label, by_field.get(key))
        self.emails.show_errors(emails)
        self.phones.show_errors(phones)
        if problems and focus:
            first = problems[0].field
            target = {"formatted_name": self.name, "birthday": self.birthday}.get(first)
            if target is not None:
                target.setFocus()
            elif first == "email" and self.emails.value_edits():
                self._first_bad(self.emails, emails).setFocus()

    @staticmethod
    def _first_bad(rows: LabeledRows, bad: dict[str, str]) -> QtWidgets.QLineEdit:
        for edit in rows.value_edits():
            if edit.text().strip() in bad:
                return edit
        return rows.value_edits()[0]


def _form_choices() -> tuple[dict[str, int], list[str]]:
    return app_settings.default_cadences(), contacts.all_tags()


class EditContactCommand(QtGui.QUndoCommand):
    """An edit already saved; undo writes the snapshot taken before it back."""

    def __init__(self, contact_id: int, before: ContactInput, after: ContactInput) -> None:
        super().__init__(
            QtCore.QCoreApplication.translate("Profile", "Edit %1").replace(
                "%1", after.formatted_name
            )
        )
        self.contact_id = contact_id
        self.before = before
        self.after = after
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        ops().run(contacts.update_contact, self.contact_id, self.after, validated=True)

    def undo(self) -> None:
        ops().run(contacts.update_contact, self.contact_id, self.before, validated=True)


def undo_stack_of(widget: QtWidgets.QWidget, fallback: QtGui.QUndoStack) -> QtGui.QUndoStack:
    stack = getattr(widget.window(), "undo_stack", None)
    return stack if isinstance(stack, QtGui.QUndoStack) else fallback


@dataclass(frozen=True)
class Draft:
    """Edits to a contact that did not validate when the user moved on (kept in memory,
    for the session, until they are fixed and saved or discarded)."""

    data: ContactInput
    name: str


class ProfileSection(QtWidgets.QWidget):
    """The detail's profile tab: the form of the current contact, with Save and Revert.

    Leaving a contact with valid unsaved edits saves them (undoable); Ctrl+S saves.
    Edits that do not validate are never dropped: leaving keeps them as a draft for that
    contact (the status bar says so), and coming back shows them again with their
    problems, to be fixed and saved or reverted.

    Signals: ``saved(int)`` with the contact id; ``draft_kept(int, str)`` with the contact
    id and the message shown when edits that do not validate were kept as a draft.
    """

    saved = Signal(int)
    draft_kept = Signal(int, str)

    def __init__(
        self, selection: ContactSelection, parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.selection = selection
        self.contact_id: int | None = None
        self._snapshot: ContactInput | None = None
        self._dirty = False
        self._drafts: dict[int, Draft] = {}
        self._question: QtWidgets.QMessageBox | None = None
        self._own_stack = QtGui.QUndoStack(self)
        self.form = ContactForm()
        self.form.edited.connect(self._mark_dirty)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop: it follows the field
        scroll.setWidget(self.form)
        self.draft_note = _error_label()
        self.draft_note.setObjectName("draftNote")
        self.save_button = QtWidgets.QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.save_button.setAutoDefault(True)
        self.save_button.setToolTip(
            self.tr("Save the changes (%1)").replace(
                "%1", shortcut_text(QtGui.QKeySequence.StandardKey.Save)
            )
        )
        self.save_button.clicked.connect(self.save)
        self.revert_button = QtWidgets.QPushButton(self.tr("Revert"))
        self.revert_button.setToolTip(self.tr("Discard the changes not saved yet"))
        self.revert_button.clicked.connect(self.revert)
        self.status = QtWidgets.QLabel()
        self.status.setEnabled(False)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.draft_note)
        layout.addLayout(buttons)
        save = QtGui.QShortcut(QtGui.QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save)
        ops().changed.connect(self._on_changed)
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Profile")

    def set_contact(self, contact_id: int | None) -> None:
        if contact_id == self.contact_id:
            return
        if self._dirty and self.contact_id is not None:
            self._leave()
        self.contact_id = contact_id
        self._dirty = False
        self.draft_note.hide()
        if contact_id is None:
            self._snapshot = None
            self.form.set_contact_input(ContactInput(formatted_name=""))
            self.setEnabled(False)
            self._update_buttons()
            return
        self.setEnabled(True)
        self._set_read_only(database.read_only)
        ops().run(
            contacts.load_contact,
            contact_id,
            write=False,
            success=lambda data, cid=contact_id: self._loaded(cid, data),
            failure=lambda _exc: self.set_contact(None),
        )

    def reload(self) -> None:
        """Read the contact again (after an undo or an import changed it)."""
        if self.contact_id is not None and not self._dirty:
            cid, self.contact_id = self.contact_id, None
            self.set_contact(cid)

    def _loaded(self, contact_id: int, data: ContactInput) -> None:
        if contact_id != self.contact_id or self._dirty:
            return
        self._snapshot = data
        self.status.clear()
        draft = self._drafts.pop(contact_id, None)
        if draft is None:
            self.form.set_contact_input(data)
        else:
            # What the form does not show (vCard leftovers) is taken as saved now.
            self.form.set_contact_input(
                replace(
                    draft.data,
                    uid=data.uid,
                    vcard_source=data.vcard_source,
                    kept_properties=data.kept_properties,
                )
            )
            self._dirty = True
            problems = contacts.validation_errors(draft.data)
            self.form.show_problems(problems, focus=False)
            self.draft_note.setText(
                self.tr(
                    "These changes are not saved yet: %1. Fix them and save, "
                    "or Revert to discard them."
                ).replace("%1", self._reason(problems))
            )
            self.draft_note.show()
        self._update_buttons()

    def _mark_dirty(self) -> None:
        if self.contact_id is not None and not self.form.is_read_only():
            self._dirty = True
            self.status.clear()
            self._update_buttons()

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self._dirty)
        self.revert_button.setEnabled(self._dirty)

    def _set_read_only(self, read_only: bool) -> None:
        """A read-only database: the form only shows, and Save and Revert are gone."""
        self.form.set_read_only(read_only)
        self.save_button.setVisible(not read_only)
        self.revert_button.setVisible(not read_only)

    def save_pending(self) -> None:
        """Write the shown edits when they are valid; ones that are not stay in the form."""
        if self._dirty and self.contact_id is not None and self._snapshot is not None:
            data = self.form.contact_input()
            if not contacts.validation_errors(data):
                self._write(contacts.validate(data))

    def save(self) -> bool:
        """Validate and save; False (problems shown, nothing written) when invalid."""
        if self.contact_id is None or self._snapshot is None or not self._dirty:
            return False
        data = self.form.check()
        if data is None:
            return False
        self._write(data)
        return True

    def _write(self, data: ContactInput) -> None:
        assert self.contact_id is not None and self._snapshot is not None
        contact_id, before = self.contact_id, self._snapshot
        self._dirty = False
        self._snapshot = data
        self.draft_note.hide()
        self._update_buttons()
        stack = undo_stack_of(self, self._own_stack)
        ops().run(
            contacts.update_contact,
            contact_id,
            data,
            validated=True,
            success=lambda _changes: self._saved(contact_id, before, data, stack),
        )

    def _leave(self) -> None:
        """The selection moves away from edited contact: save valid edits, keep the others."""
        if self._snapshot is None:
            return
        data = self.form.contact_input()
        problems = contacts.validation_errors(data)
        if not problems:
            self._write(contacts.validate(data))
            return
        assert self.contact_id is not None
        name = data.formatted_name or self._snapshot.formatted_name
        self._drafts[self.contact_id] = Draft(data, name)
        message = (
            self.tr(
                "Your changes to %1 are not saved yet: %2. "
                "They are kept until you fix or discard them."
            )
            .replace("%1", name)
            .replace("%2", self._reason(problems))
        )
        show = getattr(self.window(), "show_message", None)
        if callable(show):
            show(message)
        self.draft_kept.emit(self.contact_id, message)

    def _reason(self, problems: list[ValidationError]) -> str:
        """Why edits could not be saved, as a clause for the draft messages."""
        if len(problems) > 1:
            return self.tr("%1 fields are not valid").replace("%1", str(len(problems)))
        field = problems[0].field if problems else ""
        if field == "email":
            return self.tr("the e-mail address is not valid")
        if field == "phone":
            return self.tr("the phone number is not valid")
        if field == "birthday":
            return self.tr("the birthday is not a valid date")
        if field == "formatted_name":
            return self.tr("the name is missing")
        return self.tr("a field is not valid")

    def has_draft(self, contact_id: int) -> bool:
        """True while edits to this contact that do not validate are kept unsaved."""
        if contact_id == self.contact_id and self._dirty:
            return bool(contacts.validation_errors(self.form.contact_input()))
        return contact_id in self._drafts

    def unsaved(self) -> dict[int, str]:
        """Contacts with edits kept unsaved because they do not validate: id -> name, the
        shown contact first."""
        names: dict[int, str] = {}
        if self.contact_id is not None and self.has_draft(self.contact_id):
            saved_name = self._snapshot.formatted_name if self._snapshot else ""
            names[self.contact_id] = self.form.contact_input().formatted_name or saved_name
        names.update((cid, draft.name) for cid, draft in self._drafts.items())
        return names

    def discard_unsaved(self) -> None:
        """Drop every draft and the shown edits (the user chose to)."""
        self._drafts.clear()
        if self._dirty:
            self.revert()

    def ask_before_closing(self, then: Callable[[], None]) -> bool:
        """For the window's close: save valid edits; while edits that do not validate
        remain, ask (window-modal, without blocking) whether to discard them.

        Returns True when the close must wait; ``then`` runs once the user chose Discard.
        Cancel shows the problems of the first contact with unsaved edits.
        """
        self.save_pending()
        unsaved = self.unsaved()
        if not unsaved:
            return False
        window = self.window()
        if not window.isVisible():
            window.show()
        if self._question is not None:
            self._question.raise_()
            return True
        box = QtWidgets.QMessageBox(window)
        box.setIcon(QtWidgets.QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Unsaved changes"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        names = ", ".join(unsaved.values())
        if len(unsaved) == 1:
            question = self.tr("You have unsaved changes to %1.").replace("%1", names)
        else:
            question = (
                self.tr("You have unsaved changes to %1 contacts: %2.")
                .replace("%1", str(len(unsaved)))
                .replace("%2", names)
            )
        box.setText(
            question
            + "\n\n"
            + self.tr(
                "They are not valid yet, so they could not be saved. Discard them, "
                "or cancel and fix them."
            )
        )
        discard = box.addButton(QtWidgets.QMessageBox.StandardButton.Discard)
        cancel = box.addButton(QtWidgets.QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        first = next(iter(unsaved))

        def answered() -> None:
            self._question = None
            if box.clickedButton() is discard:
                self.discard_unsaved()
                then()
                return
            open_contact = getattr(window, "open_contact", None)
            if first == self.contact_id:
                self.form.check()
            elif callable(open_contact):
                open_contact(first)

        box.finished.connect(answered)
        self._question = box
        box.open()
        return True

    def _saved(
        self, contact_id: int, before: ContactInput, after: ContactInput, stack: QtGui.QUndoStack
    ) -> None:
        stack.push(EditContactCommand(contact_id, before, after))
        self.status.setText(self.tr("Saved."))
        self.saved.emit(contact_id)

    def revert(self) -> None:
        """Back to what is saved; a draft shown in the form is discarded with it."""
        self._dirty = False
        self.draft_note.hide()
        if self._snapshot is not None:
            self.form.set_contact_input(self._snapshot)
        self._update_buttons()

    def _on_changed(self, changes: Changes) -> None:
        if self.contact_id in changes.contacts:
            self.reload()


class NewContactDialog(QtWidgets.QDialog):
    """An empty profile form; Save (Enter or Ctrl+S) creates the contact.

    Signals: ``created(int)`` with the new contact's id.
    """

    created = Signal(int)

    def __init__(
        self, undo_stack: QtGui.QUndoStack | None = None, parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New contact"))
        self._stack = undo_stack
        self.form = ContactForm()
        # An e-mail and a phone field ready to type into (empty ones are not saved).
        self.form.emails.add_row(Labeled("", "work"))
        self.form.phones.add_row(Labeled("", "cell"))
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Save
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        save = QtGui.QShortcut(QtGui.QKeySequence.StandardKey.Save, self)
        save.activated.connect(self.save)
        self.resize(620, 640)
        self.form.name.setFocus()

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        """Enter saves from any field but the notes (where it starts a new line)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(
            self.focusWidget(), QtWidgets.QPlainTextEdit
        ):
            self.save()
            return
        super().keyPressEvent(event)

    def save(self) -> None:
        data = self.form.check()
        if data is None:
            return
        self.save_button.setEnabled(False)
        ops().run(
            contacts.create_contact,
            data,
            validated=True,
            success=lambda result: self._created(result[0], data),
            failure=self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        from ui.errors import show_exception

        show_exception(exc, self)

    def _created(self, contact_id: int, data: ContactInput) -> None:
        if self._stack is not None:
            self._stack.push(CreateContactCommand(contact_id, data))
        self.created.emit(contact_id)
        self.accept()


class CreateContactCommand(QtGui.QUndoCommand):
    """A contact just created; undo removes it, redo brings the same contact (same id) back.

    Undo keeps what the contact held when it was removed (on the worker, which runs
    writes in order), so a redo restores exactly that.
    """

    def __init__(self, contact_id: int, data: ContactInput) -> None:
        super().__init__(
            QtCore.QCoreApplication.translate("Profile", "Create %1").replace(
                "%1", data.formatted_name
            )
        )
        self.contact_id = contact_id
        self.data = data
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        ops().run(lambda: contacts.restore_contact(self.contact_id, self.data))

    def undo(self) -> None:
        ops().run(self._remove)

    def _remove(self) -> Changes:
        self.data = contacts.load_contact(self.contact_id)
        return contacts.delete_contact(self.contact_id)

"""Relationship types in plain words, and the small dialog that asks for one."""

from __future__ import annotations

from app.models import RelationshipType
from ui.qt import QtCore, QtWidgets

CHOICES: list[tuple[str, bool]] = [
    (RelationshipType.COLLEAGUE.value, True),
    (RelationshipType.REPORTS_TO.value, True),
    (RelationshipType.REPORTS_TO.value, False),
    (RelationshipType.INTRODUCED_BY.value, True),
    (RelationshipType.INTRODUCED_BY.value, False),
    (RelationshipType.MENTOR_OF.value, True),
    (RelationshipType.MENTOR_OF.value, False),
    (RelationshipType.KNOWS.value, True),
    (RelationshipType.FRIEND.value, True),
]
"""What a person can be to another, as (type, outgoing): outgoing means "this person
-type-> the other" (reports to), not outgoing "the other -type-> this person" (manages)."""


def phrase(type_: str, outgoing: bool) -> str:
    """The relation as words with ``%1`` for the other person: "reports to %1"."""
    words = {
        ("colleague", True): QtCore.QCoreApplication.translate("Relationships", "colleague of %1"),
        ("colleague", False): QtCore.QCoreApplication.translate("Relationships", "colleague of %1"),
        ("reports-to", True): QtCore.QCoreApplication.translate("Relationships", "reports to %1"),
        ("reports-to", False): QtCore.QCoreApplication.translate("Relationships", "manages %1"),
        ("introduced-by", True): QtCore.QCoreApplication.translate(
            "Relationships", "introduced by %1"
        ),
        ("introduced-by", False): QtCore.QCoreApplication.translate(
            "Relationships", "introduced %1"
        ),
        ("mentor-of", True): QtCore.QCoreApplication.translate("Relationships", "mentor of %1"),
        ("mentor-of", False): QtCore.QCoreApplication.translate("Relationships", "mentored by %1"),
        ("knows", True): QtCore.QCoreApplication.translate("Relationships", "knows %1"),
        ("knows", False): QtCore.QCoreApplication.translate("Relationships", "knows %1"),
        ("friend", True): QtCore.QCoreApplication.translate("Relationships", "friend of %1"),
        ("friend", False): QtCore.QCoreApplication.translate("Relationships", "friend of %1"),
    }
    return words.get((type_, outgoing), f"{type_} %1")


def describe(type_: str, outgoing: bool, other_name: str) -> str:
    """A relationship seen from one person: "reports to Anna Müller", "introduced by Bob"."""
    return phrase(type_, outgoing).replace("%1", other_name)


def choice_label(type_: str, outgoing: bool) -> str:
    """The phrase without the other person, for a combo box: "reports to"."""
    return phrase(type_, outgoing).replace("%1", "").strip()


def fill_choices(combo: QtWidgets.QComboBox) -> None:
    """Put every :data:`CHOICES` entry into a combo box; :func:`chosen` reads it back."""
    combo.clear()
    for number, (type_, outgoing) in enumerate(CHOICES):
        combo.addItem(choice_label(type_, outgoing), number)


def chosen(combo: QtWidgets.QComboBox) -> tuple[str, bool]:
    """The (type, outgoing) picked in a combo filled by :func:`fill_choices`."""
    return CHOICES[int(combo.currentData())]


class RelationshipDialog(QtWidgets.QDialog):
    """Asks how two people are related: "<source> [reports to] <target>", with a note.

    Signals: QDialog's ``accepted``/``rejected``.
    """

    def __init__(
        self,
        source_id: int,
        source_name: str,
        target_id: int,
        target_name: str,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.source_id = source_id
        self.target_id = target_id
        self.setWindowTitle(self.tr("New relationship"))
        source = QtWidgets.QLabel(source_name)
        source.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        target = QtWidgets.QLabel(target_name)
        target.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.type_combo = QtWidgets.QComboBox()
        fill_choices(self.type_combo)
        self.note_edit = QtWidgets.QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("Note (optional)"))
        row = QtWidgets.QHBoxLayout()
        row.addWidget(source)
        row.addWidget(self.type_combo)
        row.addWidget(target)
        row.addStretch(1)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.note_edit)
        layout.addWidget(self.buttons)

    def relationship(self) -> tuple[int, int, str, str]:
        """(source id, target id, type, note) as ``app.relationships.add_relationship`` takes."""
        type_, outgoing = chosen(self.type_combo)
        note = self.note_edit.text().strip()
        if outgoing:
            return self.source_id, self.target_id, type_, note
        return self.target_id, self.source_id, type_, note

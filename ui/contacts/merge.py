"""The merge dialog: two contacts side by side, the user picks the one that survives.

Merging keeps every e-mail, phone, interaction and exchange of both on the survivor
(:func:`app.contacts.merge_contacts`); the dialog says what is kept before it happens.
"""

from __future__ import annotations

from app import contacts
from app.contacts import ContactInput
from ui.qt import Qt, QtWidgets


def _summary(data: ContactInput) -> str:
    lines = [data.formatted_name]
    where = ", ".join(x for x in (data.title, data.organization) if x)
    if where:
        lines.append(where)
    lines += [e.value for e in data.emails]
    lines += [p.value for p in data.phones]
    if data.tags:
        lines.append("#" + " #".join(data.tags))
    return "\n".join(lines)


class MergeDialog(QtWidgets.QDialog):
    """Shows both contacts; ``survivor_id()``/``other_id()`` after it is accepted. No signals."""

    def __init__(
        self,
        first: tuple[int, ContactInput],
        second: tuple[int, ContactInput],
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Merge two contacts"))
        self._ids = (first[0], second[0])
        intro = QtWidgets.QLabel(
            self.tr(
                "Choose the contact that stays. Every e-mail, phone, tag, interaction and "
                "exchange of the other one moves to it; empty fields are filled from the "
                "other one, which is then removed."
            )
        )
        intro.setWordWrap(True)
        self.choices: list[QtWidgets.QRadioButton] = []
        self._group = QtWidgets.QButtonGroup(self)  # the radios sit in different boxes
        columns = QtWidgets.QHBoxLayout()
        for _cid, data in (first, second):
            box = QtWidgets.QGroupBox()
            column = QtWidgets.QVBoxLayout(box)
            radio = QtWidgets.QRadioButton(self.tr("Keep this one"))
            details = QtWidgets.QLabel(_summary(data))
            details.setTextFormat(Qt.TextFormat.PlainText)
            details.setWordWrap(True)
            details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            column.addWidget(radio)
            column.addWidget(details, 1)
            self.choices.append(radio)
            self._group.addButton(radio)
            columns.addWidget(box)
        self.choices[0].setChecked(True)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = buttons.addButton(
            self.tr("Merge"), QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.merge_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(columns, 1)
        layout.addWidget(buttons)
        self.resize(560, 320)

    def survivor_id(self) -> int:
        return self._ids[0] if self.choices[0].isChecked() else self._ids[1]

    def other_id(self) -> int:
        return self._ids[1] if self.choices[0].isChecked() else self._ids[0]


def load_pair(first_id: int, second_id: int) -> tuple[tuple[int, ContactInput], ...]:
    """Both contacts as the dialog shows them (runs off the GUI thread)."""
    return (first_id, contacts.load_contact(first_id)), (
        second_id,
        contacts.load_contact(second_id),
    )

"""Add or edit one entry of the give-and-take ledger, undoably."""

from __future__ import annotations

import datetime as dt

from app.changes import Changes
from app.exchanges import add_exchange, delete_exchange, restore_exchange, update_exchange
from app.models import Direction, ExchangeKind
from app.timeline_query import exchange_values
from ui.ops import ops
from ui.qt import QtGui, QtWidgets, Signal
from ui.timeline.commands import OpCommand, push, undo_stack_for
from ui.timeline.date_edit import QuickDateEdit
from ui.timeline.labels import direction_label, exchange_kind_label, kind_icon
from ui.timeline.model import pydate, qdate

# Kinds whose outcome ("got the job") and thanks are worth keeping (SPEC §1).
WITH_OUTCOME = {ExchangeKind.RECOMMENDATION.value, ExchangeKind.INTRODUCTION.value}


class ExchangeDialog(QtWidgets.QDialog):
    """What was given to or received from one contact.

    Signals: ``saved()`` once the write was handed to the undo stack (or run).
    """

    saved = Signal()

    def __init__(
        self,
        parent: QtWidgets.QWidget | None,
        contact_id: int,
        *,
        exchange_id: int | None = None,
        direction: str = Direction.GAVE.value,
        undo_stack: QtGui.QUndoStack | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self._contact_id = contact_id
        self._exchange_id = exchange_id
        self._undo_stack = undo_stack
        self._before: dict[str, object] = {}
        self.setWindowTitle(self.tr("Edit exchange") if exchange_id else self.tr("Add exchange"))

        self.direction = QtWidgets.QComboBox()
        for value in Direction:
            self.direction.addItem(kind_icon(value.value), direction_label(value), value.value)
        self.direction.setCurrentIndex(self.direction.findData(direction))
        self.kind = QtWidgets.QComboBox()
        for kind in ExchangeKind:
            self.kind.addItem(exchange_kind_label(kind), kind.value)
        self.kind.setCurrentIndex(self.kind.findData(ExchangeKind.HELP.value))
        self.date = QuickDateEdit(today or dt.date.today())
        self.description = QtWidgets.QLineEdit()
        self.description.setPlaceholderText(self.tr("e.g. an introduction to our supplier"))
        self.weight = QtWidgets.QSpinBox()
        self.weight.setRange(1, 3)
        self.weight.setToolTip(self.tr("How much it counts: 1 a little, 3 a lot"))
        self.outcome = QtWidgets.QLineEdit()
        self.outcome.setPlaceholderText(self.tr("e.g. got the job"))
        self.thanked = QtWidgets.QCheckBox(self.tr("Thanked"))
        self.kind.currentIndexChanged.connect(self._update_outcome)

        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Save
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QtWidgets.QFormLayout(self)
        form.addRow(self.tr("&Direction:"), self.direction)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("D&ate:"), self.date)
        form.addRow(self.tr("&What:"), self.description)
        form.addRow(self.tr("&Weight:"), self.weight)
        form.addRow(self.tr("&Outcome:"), self.outcome)
        form.addRow("", self.thanked)
        form.addRow(buttons)
        self.resize(460, self.sizeHint().height())
        self._update_outcome()
        if exchange_id is not None:
            ops().run(exchange_values, exchange_id, write=False, success=self._fill)

    def _update_outcome(self) -> None:
        enabled = self.kind.currentData() in WITH_OUTCOME
        self.outcome.setEnabled(enabled)
        self.thanked.setEnabled(enabled)

    def _fill(self, values: dict[str, object]) -> None:
        self._before = {k: v for k, v in values.items() if k != "contact_id"}
        self.direction.setCurrentIndex(self.direction.findData(values["direction"]))
        self.kind.setCurrentIndex(max(0, self.kind.findData(values["kind"])))
        self.date.setDate(qdate(values["occurred_on"]))  # type: ignore[arg-type]
        self.description.setText(str(values["description"]))
        self.weight.setValue(int(values["weight"]))  # type: ignore[call-overload]
        self.outcome.setText(str(values["outcome"]))
        self.thanked.setChecked(bool(values["thanked"]))

    def values(self) -> dict[str, object]:
        with_outcome = self.kind.currentData() in WITH_OUTCOME
        return {
            "direction": str(self.direction.currentData()),
            "kind": str(self.kind.currentData()),
            "description": self.description.text().strip(),
            "occurred_on": pydate(self.date.date()),
            "weight": self.weight.value(),
            "outcome": self.outcome.text().strip() if with_outcome else "",
            "thanked": self.thanked.isChecked() and with_outcome,
        }

    def save(self) -> None:
        values = self.values()
        stack = self._undo_stack or undo_stack_for(self.parentWidget() or self)
        if self._exchange_id is None:
            command = add_exchange_command(self.tr("Add exchange"), self._contact_id, values)
        else:
            command = update_exchange_command(
                self.tr("Edit exchange"), self._exchange_id, values, self._before
            )
        push(stack, command)
        self.saved.emit()
        self.accept()


def add_exchange_command(text: str, contact_id: int, values: dict[str, object]) -> OpCommand:
    state: dict[str, object] = {}

    def redo() -> Changes:
        if "snapshot" in state:
            return restore_exchange(state["snapshot"])  # type: ignore[arg-type]
        state["id"], changes = add_exchange(contact_id, **values)  # type: ignore[arg-type]
        return changes

    def undo() -> Changes:
        state["snapshot"], changes = delete_exchange(int(state["id"]))  # type: ignore[call-overload]
        return changes

    return OpCommand(text, redo, undo)


def update_exchange_command(
    text: str, exchange_id: int, values: dict[str, object], before: dict[str, object]
) -> OpCommand:
    return OpCommand(
        text,
        lambda: update_exchange(exchange_id, **values),
        lambda: update_exchange(exchange_id, **before),
    )


def delete_exchange_command(text: str, exchange_id: int) -> OpCommand:
    state: dict[str, object] = {}

    def redo() -> Changes:
        state["snapshot"], changes = delete_exchange(exchange_id)
        return changes

    def undo() -> Changes:
        return restore_exchange(state["snapshot"])  # type: ignore[arg-type]

    return OpCommand(text, redo, undo)

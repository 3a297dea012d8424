"""The contact detail's "Give & take" section: the ledger and what its balance means."""

from __future__ import annotations

from collections.abc import Callable

from app.changes import Changes
from app.derived import BalanceState, balance_state
from app.exchanges import update_exchange
from app.models import Direction, database
from app.timeline_query import Ledger, LedgerEntry, ledger_of
from ui.contacts.model import balance_text
from ui.contacts.wording import balance_sentence
from ui.dates import date_text
from ui.ops import ops
from ui.qt import Qt, QtCore, QtGui, QtWidgets
from ui.read_only import hide_editing
from ui.rich_text import plain_tooltip
from ui.selection import ContactSelection
from ui.timeline.commands import OpCommand, push, undo_stack_for
from ui.timeline.exchange_dialog import WITH_OUTCOME, ExchangeDialog, delete_exchange_command
from ui.timeline.keys import DeleteKey
from ui.timeline.labels import direction_label, exchange_kind_label, kind_icon

TAKING_COLOUR = QtGui.QColor("#c77700")
OWED_COLOUR = QtGui.QColor("#2e7d32")


class LedgerModel(QtCore.QAbstractTableModel):
    """One contact's exchanges (a handful, so loaded whole); "thanked" is checkable.

    Signals: none of its own. Toggling "thanked" hands an undoable command to
    ``command_sink`` (the section pushes it onto the undo stack).
    """

    DATE, DIRECTION, KIND, WHAT, WEIGHT, OUTCOME, THANKED = range(7)

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[LedgerEntry] = []
        self.command_sink: Callable[[OpCommand], None] = push_without_stack

    def set_entries(self, entries: list[LedgerEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> LedgerEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def rowCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = [
            self.tr("Date"),
            self.tr("Direction"),
            self.tr("Kind"),
            self.tr("What"),
            self.tr("Weight"),
            self.tr("Outcome"),
            self.tr("Thanked"),
        ]
        return titles[section] if 0 <= section < len(titles) else None

    def flags(self, index: QtCore.QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        entry = self._entries[index.row()]
        if index.column() == self.THANKED and entry.kind in WITH_OUTCOME:
            if not database.read_only:  # ticking "thanked" is a write
                flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.DATE:
                return date_text(entry.occurred_on)
            if column == self.DIRECTION:
                return direction_label(entry.direction)
            if column == self.KIND:
                return exchange_kind_label(entry.kind)
            if column == self.WHAT:
                return entry.description
            if column == self.WEIGHT:
                return entry.weight
            if column == self.OUTCOME:
                return entry.outcome
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == self.DIRECTION:
            return kind_icon(entry.direction)
        if (
            role == Qt.ItemDataRole.CheckStateRole
            and column == self.THANKED
            and entry.kind in WITH_OUTCOME
        ):
            return Qt.CheckState.Checked if entry.thanked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column == self.WHAT and entry.description:
            return plain_tooltip(entry.description)
        return None

    def setData(
        self, index: QtCore.QModelIndex, value: object, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if (
            not index.isValid()
            or index.column() != self.THANKED
            or role != Qt.ItemDataRole.CheckStateRole
        ):
            return False
        entry = self._entries[index.row()]
        if entry.kind not in WITH_OUTCOME:
            return False
        thanked = Qt.CheckState(value) == Qt.CheckState.Checked  # type: ignore[call-arg]
        text = self.tr("Mark as thanked") if thanked else self.tr("Mark as not thanked")
        self.command_sink(
            OpCommand(
                text,
                lambda: update_exchange(entry.id, thanked=thanked),
                lambda: update_exchange(entry.id, thanked=not thanked),
            )
        )
        return True


def push_without_stack(command: OpCommand) -> None:
    push(None, command)


class LedgerSection(QtWidgets.QWidget):
    """The ledger of the selected contact: add, edit, delete (undoable) and the balance.

    Refreshes on ``ops().changed`` when exchanges of its contact changed. No signals.
    """

    def __init__(
        self,
        selection: ContactSelection,
        parent: QtWidgets.QWidget | None = None,
        *,
        undo_stack: QtGui.QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self._undo_stack = undo_stack
        self._contact_id: int | None = None
        self._loaded_once = False
        self._generation = 0
        self.balance_label = QtWidgets.QLabel()
        self.balance_label.setTextFormat(Qt.TextFormat.PlainText)
        self.balance_label.setWordWrap(True)
        font = self.balance_label.font()
        font.setBold(True)
        self.balance_label.setFont(font)

        self.model = LedgerModel(self)
        self.model.command_sink = lambda command: push(self.undo_stack(), command)
        self.table = QtWidgets.QTableView()
        self.table.setAccessibleName(self.tr("Given and received"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LedgerModel.WHAT, QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(140)

        self.gave_button = QtWidgets.QPushButton(kind_icon("gave"), self.tr("I gave…"))
        self.gave_button.clicked.connect(lambda: self.add_exchange(Direction.GAVE.value))
        self.received_button = QtWidgets.QPushButton(kind_icon("received"), self.tr("I received…"))
        self.received_button.clicked.connect(lambda: self.add_exchange(Direction.RECEIVED.value))
        self.edit_button = QtWidgets.QPushButton(kind_icon("edit"), self.tr("Edit…"))
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button = QtWidgets.QPushButton(kind_icon("delete"), self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete_current)
        if not database.read_only:  # a read-only database offers no editing
            self.table.activated.connect(lambda _index: self.edit_current())
            DeleteKey(self.table, self.delete_current)
        hide_editing(self.gave_button, self.received_button, self.edit_button, self.delete_button)

        buttons = QtWidgets.QHBoxLayout()
        for button in (self.gave_button, self.received_button, self.edit_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.balance_label)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        ops().changed.connect(self._on_changed)
        self.set_contact(selection.current)
        self.last_dialog: ExchangeDialog | None = None

    def title(self) -> str:
        return self.tr("Give & take")

    def undo_stack(self) -> QtGui.QUndoStack | None:
        return self._undo_stack or undo_stack_for(self)

    def set_contact(self, contact_id: int | None) -> None:
        if contact_id == self._contact_id and self._loaded_once:
            return
        self._loaded_once = True
        self._contact_id = contact_id
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        if self._contact_id is None:
            self._show(generation, Ledger([], 0))
            return
        ops().run(
            ledger_of,
            self._contact_id,
            write=False,
            success=lambda ledger: self._show(generation, ledger),
        )

    def _on_changed(self, changes: Changes) -> None:
        if self._contact_id is not None and self._contact_id in changes.contacts:
            self.reload()

    def _show(self, generation: int, ledger: Ledger) -> None:
        if generation != self._generation:
            return
        self.model.set_entries(ledger.entries)
        has_contact = self._contact_id is not None
        self.gave_button.setEnabled(has_contact)
        self.received_button.setEnabled(has_contact)
        self._update_buttons()
        self.balance_label.setVisible(has_contact)
        self.balance_label.setText(self.balance_sentence(ledger.balance, bool(ledger.entries)))
        palette = self.palette()
        state = balance_state(ledger.balance)
        if state == BalanceState.TAKING:
            palette.setColor(QtGui.QPalette.ColorRole.WindowText, TAKING_COLOUR)
        elif state == BalanceState.OWED:
            palette.setColor(QtGui.QPalette.ColorRole.WindowText, OWED_COLOUR)
        self.balance_label.setPalette(palette)

    def balance_sentence(self, balance: int, any_entries: bool) -> str:
        """The balance in words, with the thresholds of app.derived."""
        if not any_entries:
            return self.tr("Nothing given or received yet: give first, then take.")
        sentence = balance_sentence(balance)
        return (
            self.tr("Balance %1. %2").replace("%1", balance_text(balance)).replace("%2", sentence)
        )

    def _update_buttons(self) -> None:
        selected = self.current_entry() is not None
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)

    def current_entry(self) -> LedgerEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.entry(rows[0].row()) if rows else None

    def add_exchange(self, direction: str) -> ExchangeDialog | None:
        if self._contact_id is None:
            return None
        return self._open(
            ExchangeDialog(
                self, self._contact_id, direction=direction, undo_stack=self.undo_stack()
            )
        )

    def edit_current(self) -> ExchangeDialog | None:
        entry = self.current_entry()
        if entry is None or self._contact_id is None:
            return None
        return self._open(
            ExchangeDialog(
                self, self._contact_id, exchange_id=entry.id, undo_stack=self.undo_stack()
            )
        )

    def _open(self, dialog: ExchangeDialog) -> ExchangeDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.last_dialog = dialog
        return dialog

    def delete_current(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            push(
                self.undo_stack(),
                delete_exchange_command(self.tr("Delete exchange"), entry.id),
            )

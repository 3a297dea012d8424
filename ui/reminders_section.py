"""The contact detail's "Follow-ups" section: snooze the contact, dated to-dos about them.

Snoozing silences the "relationship due" reminder for a week, a month or until a chosen
date (the contact is due again on that date). Follow-ups are added with a date and a
line of text, ticked off in the list, and deleted with Delete; every change is undoable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app import followups
from app.changes import Changes
from app.followups import FollowUpRow
from app.models import database
from ui.dates import date_text
from ui.ops import ops
from ui.qt import QtCore, QtGui, QtWidgets, Signal
from ui.read_only import hide_editing
from ui.resources import icon
from ui.rich_text import plain_tooltip
from ui.selection import ContactSelection
from ui.timeline.commands import OpCommand, push, undo_stack_for

DAYS_IN_A_WEEK = 7
DEFAULT_FOLLOW_UP_DAYS = 7


def _qdate(day: dt.date) -> QtCore.QDate:
    return QtCore.QDate(day.year, day.month, day.day)


def _pydate(day: QtCore.QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


@dataclass(frozen=True)
class SectionData:
    contact_id: int
    rows: list[FollowUpRow]
    snoozed_until: dt.date | None


def load_section(contact_id: int, today: dt.date) -> SectionData:
    return SectionData(
        contact_id, followups.follow_ups_of(contact_id), followups.active_snooze(contact_id, today)
    )


class FollowUpsModel(QtCore.QAbstractListModel):
    """One contact's follow-ups (a handful: loaded together, held as rows).

    Signals: ``done_toggled(int follow_up_id, bool done)`` when a check box is clicked;
    the section writes it.
    """

    done_toggled = Signal(int, bool)
    IdRole = QtCore.Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[FollowUpRow] = []
        self._today = dt.date.today()

    def set_rows(self, rows: list[FollowUpRow], today: dt.date) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._today = today
        self.endResetModel()

    def row_id(self, row: int) -> int:
        return self._rows[row].id

    def rowCount(self, parent: QtCore.QModelIndex | None = None) -> int:  # noqa: N802
        if parent is not None and parent.isValid():
            return 0
        return len(self._rows)

    def flags(self, index: QtCore.QModelIndex) -> QtCore.Qt.ItemFlag:
        if not index.isValid():
            return QtCore.Qt.ItemFlag.NoItemFlags
        flags = QtCore.Qt.ItemFlag.ItemIsEnabled | QtCore.Qt.ItemFlag.ItemIsSelectable
        if not database.read_only:  # ticking one off is a write
            flags |= QtCore.Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(
        self, index: QtCore.QModelIndex, role: int = QtCore.Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == QtCore.Qt.ItemDataRole.DisplayRole:
            day = date_text(row.due_on)
            return f"{day}  {row.text}"
        if role == QtCore.Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(row.text)
        if role == QtCore.Qt.ItemDataRole.CheckStateRole:
            return QtCore.Qt.CheckState.Checked if row.done else QtCore.Qt.CheckState.Unchecked
        if role == QtCore.Qt.ItemDataRole.ForegroundRole:
            if row.done:
                return QtGui.QGuiApplication.palette().brush(
                    QtGui.QPalette.ColorGroup.Disabled, QtGui.QPalette.ColorRole.Text
                )
            if row.due_on <= self._today:
                return QtGui.QBrush(QtGui.QColor("#c62828"))  # due: the semantic red
            return None
        if role == QtCore.Qt.ItemDataRole.FontRole and row.done:
            font = QtGui.QFont()
            font.setStrikeOut(True)
            return font
        if role == self.IdRole:
            return row.id
        return None

    def setData(  # noqa: N802
        self, index: QtCore.QModelIndex, value: Any, role: int = QtCore.Qt.ItemDataRole.EditRole
    ) -> bool:
        if not index.isValid() or role != QtCore.Qt.ItemDataRole.CheckStateRole:
            return False
        done = QtCore.Qt.CheckState(value) == QtCore.Qt.CheckState.Checked
        row = self._rows[index.row()]
        if row.done == done:
            return False
        self._rows[index.row()] = FollowUpRow(row.id, row.contact_id, row.due_on, row.text, done)
        self.dataChanged.emit(index, index)
        self.done_toggled.emit(row.id, done)
        return True


class FollowUpsSection(QtWidgets.QWidget):
    """Snooze and follow-ups of the current contact, for the contact detail.

    Signals: ``loaded()`` after the section showed fresh data from the database.
    """

    loaded = Signal()

    def __init__(
        self,
        selection: ContactSelection,
        parent: QtWidgets.QWidget | None = None,
        *,
        undo_stack: QtGui.QUndoStack | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self._selection = selection
        self._undo_stack = undo_stack
        self._today = today
        self._contact_id: int | None = None
        self._snoozed_until: dt.date | None = None

        self.snooze_status = QtWidgets.QLabel()
        self.snooze_status.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.snooze_week = QtWidgets.QPushButton(self.tr("A week"))
        self.snooze_week.setToolTip(self.tr("No reminder about this contact for a week"))
        self.snooze_month = QtWidgets.QPushButton(self.tr("A month"))
        self.snooze_month.setToolTip(self.tr("No reminder about this contact for a month"))
        self.snooze_date = QtWidgets.QDateEdit()
        self.snooze_date.setAccessibleName(self.tr("Snooze until"))
        self.snooze_date.setCalendarPopup(True)
        self.snooze_until = QtWidgets.QPushButton(self.tr("Until this date"))
        self.unsnooze_button = QtWidgets.QPushButton(self.tr("Remind again"))
        snooze_label = QtWidgets.QLabel(self.tr("Snooze:"))
        snooze_row = QtWidgets.QHBoxLayout()
        snooze_row.addWidget(snooze_label)
        for widget in (
            self.snooze_week,
            self.snooze_month,
            self.snooze_date,
            self.snooze_until,
            self.unsnooze_button,
        ):
            snooze_row.addWidget(widget)
        snooze_row.addStretch(1)

        self.model = FollowUpsModel(self)
        self.list = QtWidgets.QListView()
        self.list.setModel(self.model)
        self.list.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setUniformItemSizes(True)
        self.list.installEventFilter(self)
        self.empty_label = QtWidgets.QLabel(self.tr("No follow-ups yet."))
        self.empty_label.setEnabled(False)
        self.empty_label.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)

        self.new_date = QtWidgets.QDateEdit()
        self.new_date.setAccessibleName(self.tr("Due date of the new follow-up"))
        self.new_date.setCalendarPopup(True)
        self.new_text = QtWidgets.QLineEdit()
        self.new_text.setPlaceholderText(self.tr("New follow-up, e.g. send the article"))
        self.add_button = QtWidgets.QPushButton(icon("follow-up"), self.tr("Add"))
        self.delete_button = QtWidgets.QPushButton(icon("delete"), self.tr("Delete"))
        add_row = QtWidgets.QHBoxLayout()
        add_row.addWidget(self.new_date)
        add_row.addWidget(self.new_text, 1)
        add_row.addWidget(self.add_button)
        add_row.addWidget(self.delete_button)
        hide_editing(
            snooze_label,
            self.snooze_week,
            self.snooze_month,
            self.snooze_date,
            self.snooze_until,
            self.unsnooze_button,
            self.new_date,
            self.new_text,
            self.add_button,
            self.delete_button,
        )

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.snooze_status)
        layout.addLayout(snooze_row)
        layout.addSpacing(6)
        # The list, or (while there is none) the message in its place: one of them
        # takes the height, so the rows above stay together at the top.
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addLayout(add_row)

        self.snooze_week.clicked.connect(lambda: self._snooze_days(DAYS_IN_A_WEEK))
        self.snooze_month.clicked.connect(
            lambda: self.snooze_until_date(followups.add_months(self._today(), 1))
        )
        self.snooze_until.clicked.connect(
            lambda: self.snooze_until_date(_pydate(self.snooze_date.date()))
        )
        self.unsnooze_button.clicked.connect(self.unsnooze)
        self.add_button.clicked.connect(self.add_follow_up)
        self.new_text.returnPressed.connect(self.add_follow_up)
        self.new_text.textChanged.connect(self._update_buttons)
        self.delete_button.clicked.connect(self.delete_selected)
        self.model.done_toggled.connect(self._set_done)
        self.list.selectionModel().selectionChanged.connect(self._update_buttons)
        selection.current_changed.connect(self.set_contact)
        ops().changed.connect(self._on_changed)
        self.set_contact(selection.current)

    def title(self) -> str:
        return self.tr("Follow-ups")

    # --- loading -----------------------------------------------------------------------

    def set_contact(self, contact_id: int | None) -> None:
        self._contact_id = contact_id
        today = self._today()
        self.snooze_date.setMinimumDate(_qdate(today + dt.timedelta(days=1)))
        self.snooze_date.setDate(_qdate(followups.add_months(today, 3)))
        self.new_date.setDate(_qdate(today + dt.timedelta(days=DEFAULT_FOLLOW_UP_DAYS)))
        self.setEnabled(contact_id is not None)
        if contact_id is None:
            self._show(SectionData(0, [], None))
            return
        self._reload()

    def _reload(self) -> None:
        if self._contact_id is None:
            return
        ops().run(load_section, self._contact_id, self._today(), write=False, success=self._show)

    def _on_changed(self, changes: Changes) -> None:
        if changes.follow_ups and (self._contact_id in changes.contacts or not changes.contacts):
            self._reload()

    def _show(self, data: SectionData) -> None:
        if data.contact_id != (self._contact_id or 0):
            return  # an answer for a contact no longer shown
        self._snoozed_until = data.snoozed_until
        if data.snoozed_until is None:
            self.snooze_status.setText(self.tr("Reminders are on for this contact."))
        else:
            day = QtCore.QLocale().toString(
                _qdate(data.snoozed_until), QtCore.QLocale.FormatType.LongFormat
            )
            self.snooze_status.setText(
                self.tr("Snoozed: no reminders until %1.").replace("%1", day)
            )
        self.unsnooze_button.setVisible(data.snoozed_until is not None and not database.read_only)
        self.model.set_rows(data.rows, self._today())
        self.list.setVisible(bool(data.rows))
        self.empty_label.setVisible(not data.rows)
        self._update_buttons()
        self.loaded.emit()

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(bool(self.new_text.text().strip()))
        self.delete_button.setEnabled(self.list.selectionModel().hasSelection())

    # --- writing -----------------------------------------------------------------------

    def _stack(self) -> QtGui.QUndoStack | None:
        return self._undo_stack if self._undo_stack is not None else undo_stack_for(self)

    def _snooze_days(self, days: int) -> None:
        self.snooze_until_date(self._today() + dt.timedelta(days=days))

    def snooze_until_date(self, until: dt.date) -> None:
        """Snooze the current contact until ``until`` (its reminders return that day)."""
        contact_id = self._contact_id
        if contact_id is None:
            return
        state: dict[str, followups.SnoozeSnapshot] = {}

        def redo() -> Changes:
            state["before"], changes = followups.snooze(contact_id, until)
            return changes

        def undo() -> Changes:
            return followups.restore_snoozes(state["before"])

        push(self._stack(), OpCommand(self.tr("Snooze contact"), redo, undo))

    def unsnooze(self) -> None:
        contact_id = self._contact_id
        if contact_id is None:
            return
        state: dict[str, followups.SnoozeSnapshot] = {}

        def redo() -> Changes:
            state["before"], changes = followups.unsnooze(contact_id)
            return changes

        def undo() -> Changes:
            return followups.restore_snoozes(state["before"])

        push(self._stack(), OpCommand(self.tr("Remind again"), redo, undo))

    def add_follow_up(self) -> None:
        text = self.new_text.text().strip()
        contact_id = self._contact_id
        if not text or contact_id is None:
            return
        due_on = _pydate(self.new_date.date())
        state: dict[str, int] = {}

        def redo() -> Changes:
            state["id"], changes = followups.add_follow_up(contact_id, due_on, text)
            return changes

        def undo() -> Changes:
            return followups.delete_follow_up(state["id"])[1]

        push(self._stack(), OpCommand(self.tr("Add follow-up"), redo, undo))
        self.new_text.clear()

    def _set_done(self, follow_up_id: int, done: bool) -> None:
        text = self.tr("Complete follow-up") if done else self.tr("Reopen follow-up")
        push(
            self._stack(),
            OpCommand(
                text,
                lambda: followups.set_done(follow_up_id, done),
                lambda: followups.set_done(follow_up_id, not done),
            ),
        )

    def delete_selected(self) -> None:
        rows = self.list.selectionModel().selectedRows()
        if not rows:
            return
        follow_up_id = self.model.row_id(rows[0].row())
        state: dict[str, followups.FollowUpSnapshot] = {}

        def redo() -> Changes:
            state["before"], changes = followups.delete_follow_up(follow_up_id)
            return changes

        def undo() -> Changes:
            return followups.restore_follow_up(state["before"])

        push(self._stack(), OpCommand(self.tr("Delete follow-up"), redo, undo))

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802
        if (
            watched is self.list
            and event.type() == QtCore.QEvent.Type.KeyPress
            and isinstance(event, QtGui.QKeyEvent)
            and event.key() in (QtCore.Qt.Key.Key_Delete, QtCore.Qt.Key.Key_Backspace)
        ):
            self.delete_selected()
            return True
        return super().eventFilter(watched, event)

"""The contact detail's "Goals" section: which goals this person helps with.

Attaching and detaching are undoable commands; the full goal editor lives in the Insights
view's Goals tab.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app import goals as goal_ops
from app.changes import Changes
from ui.contacts.model import long_date
from ui.insights import actions
from ui.insights.actions import icon
from ui.ops import ops
from ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from ui.read_only import hide_editing
from ui.selection import ContactSelection
from ui.timeline.commands import OpCommand, push

GOAL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_INDEX = QtCore.QModelIndex()


@dataclass(frozen=True)
class GoalItem:
    id: int
    title: str
    target_date: dt.date | None
    achieved: bool
    note: str = ""  # how this contact helps (kept when detaching is undone)


@dataclass(frozen=True)
class SectionData:
    contact_id: int
    helps_with: list[GoalItem]
    others: list[GoalItem]  # goals the contact could be attached to


def load_section(contact_id: int) -> SectionData:
    def item(goal: Any, note: str = "") -> GoalItem:
        target = goal.target_date
        if target is not None and not isinstance(target, dt.date):
            target = dt.date.fromisoformat(str(target)[:10])
        return GoalItem(goal.id, goal.title, target, bool(goal.achieved), note)

    notes = goal_ops.goal_notes_of(contact_id)
    mine = [item(g, notes.get(g.id, "")) for g in goal_ops.goals_of(contact_id)]
    ids = {g.id for g in mine}
    others = [item(g) for g in goal_ops.goals() if g.id not in ids and not g.achieved]
    return SectionData(contact_id, mine, others)


class ContactGoalsModel(QtCore.QAbstractListModel):
    """The goals one contact helps with. No signals of its own."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[GoalItem] = []

    def set_items(self, items: Sequence[GoalItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> GoalItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def rowCount(self, parent: QtCore.QModelIndex = _INDEX) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        goal = self.item(index.row()) if index.isValid() else None
        if goal is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if goal.achieved:
                return self.tr("%1 (achieved)").replace("%1", goal.title)
            if goal.target_date is not None:
                return (
                    self.tr("%1, by %2")
                    .replace("%1", goal.title)
                    .replace("%2", long_date(goal.target_date))
                )
            return goal.title
        if role == Qt.ItemDataRole.DecorationRole:
            return icon("goal")
        if role == GOAL_ID_ROLE:
            return goal.id
        return None


class GoalsSection(QtWidgets.QWidget):
    """Detail section (see ui/views.py): goals this contact helps with; attach/detach.

    Signals: ``loaded()`` each time the section shows fresh data.
    """

    loaded = Signal()

    def __init__(
        self,
        selection: ContactSelection,
        parent: QtWidgets.QWidget | None = None,
        *,
        undo_stack: QtGui.QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self.selection = selection
        self._undo_stack = undo_stack
        self._contact_id: int | None = None
        self._generation = 0
        self.model = ContactGoalsModel(self)
        self.list = QtWidgets.QListView()
        self.list.setAccessibleName(self.tr("Goals this contact helps with"))
        self.list.setModel(self.model)
        self.list.setIconSize(QtCore.QSize(16, 16))
        self.empty = QtWidgets.QLabel(self.tr("Not helping with any of your goals yet."))
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)
        self.goal_choice = QtWidgets.QComboBox()
        self.goal_choice.setAccessibleName(self.tr("Goal"))
        self.attach_button = QtWidgets.QPushButton(icon("goal"), self.tr("Helps with this goal"))
        self.attach_button.clicked.connect(self.attach_chosen)
        self.detach_button = QtWidgets.QPushButton(icon("delete"), self.tr("Remove"))
        self.detach_button.clicked.connect(self.detach_selected)
        self.list.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        hide_editing(self.goal_choice, self.attach_button, self.detach_button)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.goal_choice, 1)
        row.addWidget(self.attach_button)
        row.addWidget(self.detach_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # The list, or (while there is none) the message in its place.
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        ops().changed.connect(self._on_changed)
        self._show(SectionData(0, [], []))

    def title(self) -> str:
        return self.tr("Goals")

    def set_contact(self, contact_id: int | None) -> None:
        self._contact_id = contact_id
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        if self._contact_id is None:
            self._show(SectionData(0, [], []))
            return
        ops().run(
            load_section,
            self._contact_id,
            write=False,
            success=lambda data: self._apply(generation, data),
        )

    def _on_changed(self, changes: Changes) -> None:
        if self._contact_id is not None and (
            changes.goals or self._contact_id in changes.contacts or changes.contact_list
        ):
            self.reload()

    def _apply(self, generation: int, data: SectionData) -> None:
        if generation == self._generation and data.contact_id == self._contact_id:
            self._show(data)
            self.loaded.emit()

    def _show(self, data: SectionData) -> None:
        self.model.set_items(data.helps_with)
        self.empty.setVisible(not data.helps_with)
        self.list.setVisible(bool(data.helps_with))
        self.goal_choice.clear()
        for goal in data.others:
            self.goal_choice.addItem(icon("goal"), goal.title, goal.id)
        # Say why nothing can be chosen ("No other open goals" read as "none exist" to a
        # user whose contact already helps with all three).
        open_goals = sum(1 for goal in data.helps_with if not goal.achieved)
        if data.others:
            self.goal_choice.setPlaceholderText("")
        elif open_goals:
            self.goal_choice.setPlaceholderText(self.tr("Already helps with all your open goals"))
        elif data.contact_id:
            self.goal_choice.setPlaceholderText(
                self.tr("You have no open goals yet: add them in Insights → Goals")
            )
        else:
            self.goal_choice.setPlaceholderText("")
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_contact = self._contact_id is not None
        self.goal_choice.setEnabled(has_contact and self.goal_choice.count() > 0)
        self.attach_button.setEnabled(has_contact and self.goal_choice.count() > 0)
        self.detach_button.setEnabled(has_contact and self.list.currentIndex().isValid())

    def attach_chosen(self) -> None:
        goal_id = self.goal_choice.currentData()
        contact_id = self._contact_id
        if goal_id is None or contact_id is None:
            return
        title = self.goal_choice.currentText()
        push(
            actions.stack_of(self, self._undo_stack),
            OpCommand(
                self.tr("Add to goal %1").replace("%1", title),
                lambda: goal_ops.attach_contact(int(goal_id), contact_id),
                lambda: goal_ops.detach_contact(int(goal_id), contact_id),
            ),
        )

    def detach_selected(self) -> None:
        goal = self.model.item(self.list.currentIndex().row())
        contact_id = self._contact_id
        if goal is None or contact_id is None:
            return
        note = goal.note
        push(
            actions.stack_of(self, self._undo_stack),
            OpCommand(
                self.tr("Remove from goal %1").replace("%1", goal.title),
                lambda: goal_ops.detach_contact(goal.id, contact_id),
                lambda: goal_ops.attach_contact(goal.id, contact_id, note),
            ),
        )

"""The "Relationships" section of the contact detail: who this person is linked to.

Each relationship reads as plain words from this person's side ("reports to Anna Müller",
"introduced by Bob"). Adding takes a relation, a person (completed from the database) and
a note; removing is undoable through the window's undo stack.
"""

from __future__ import annotations

from typing import Any

from app.changes import Changes
from app.relationships import (
    RelationshipAdded,
    RelationshipView,
    add_relationship_undoably,
    relationships_of,
)
from ui.errors import show_exception
from ui.network.chooser import ContactChooser
from ui.network.commands import (
    AddRelationshipCommand,
    DeleteRelationshipCommand,
    undo_stack_for,
)
from ui.network.relationship_dialog import chosen, describe, fill_choices
from ui.ops import ops
from ui.qt import QtCore, QtGui, QtWidgets
from ui.rich_text import plain_tooltip
from ui.selection import ContactSelection

ID_ROLE = QtCore.Qt.ItemDataRole.UserRole
OTHER_ROLE = QtCore.Qt.ItemDataRole.UserRole + 1


class RelationshipListModel(QtCore.QAbstractListModel):
    """One contact's relationships (a handful: loaded whole, as ``RelationshipView`` rows)."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RelationshipView] = []

    def set_rows(self, rows: list[RelationshipView]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> RelationshipView:
        return self._rows[row]

    def rowCount(self, parent: QtCore.QModelIndex | None = None) -> int:  # noqa: N802
        if parent is not None and parent.isValid():
            return 0
        return len(self._rows)

    def data(
        self, index: QtCore.QModelIndex, role: int = QtCore.Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        rel = self._rows[index.row()]
        if role == QtCore.Qt.ItemDataRole.DisplayRole:
            text = describe(rel.type, rel.outgoing, rel.other_name)
            return f"{text} — {rel.note}" if rel.note else text
        if role == QtCore.Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(rel.note) or None
        if role == ID_ROLE:
            return rel.id
        if role == OTHER_ROLE:
            return rel.other_id
        return None


class RelationshipsSection(QtWidgets.QWidget):
    """The person's relationships: list, add (relation + person + note), remove with undo.

    Double-clicking a relationship selects the other person. Signals: none of its own; it
    follows ``ops().changed`` and selects through the shared selection.
    """

    def __init__(
        self,
        selection: ContactSelection,
        parent: QtWidgets.QWidget | None = None,
        undo_stack: QtGui.QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self.selection = selection
        self.contact_id: int | None = None
        self._own_stack = undo_stack or QtGui.QUndoStack(self)
        self._explicit_stack = undo_stack is not None
        self._request = 0

        self.model = RelationshipListModel(self)
        self.list = QtWidgets.QListView()
        self.list.setModel(self.model)
        self.list.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.list.doubleClicked.connect(self._open_other)
        self.list.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.empty_label = QtWidgets.QLabel(self.tr("No relationships recorded yet."))
        self.empty_label.setEnabled(False)
        self.empty_label.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)

        self.type_combo = QtWidgets.QComboBox()
        fill_choices(self.type_combo)
        self.person = ContactChooser()
        self.person.setPlaceholderText(self.tr("Person…"))
        self.person.chosen.connect(lambda _: self._update_buttons())
        self.person.textEdited.connect(lambda _: self._update_buttons())
        self.note = QtWidgets.QLineEdit()
        self.note.setPlaceholderText(self.tr("Note (optional)"))
        self.note.returnPressed.connect(self.add)
        self.add_button = QtWidgets.QPushButton(self.tr("Add"))
        self.add_button.clicked.connect(self.add)
        self.remove_button = QtWidgets.QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        delete = QtGui.QShortcut(QtGui.QKeySequence.StandardKey.Delete, self.list)
        delete.setContext(QtCore.Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)

        form = QtWidgets.QHBoxLayout()
        form.addWidget(self.type_combo)
        form.addWidget(self.person, 2)
        form.addWidget(self.note, 2)
        form.addWidget(self.add_button)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # The list, or (while there is none) the message in its place.
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addLayout(buttons)
        layout.addLayout(form)

        ops().changed.connect(self._on_changed)
        self.set_contact(selection.current)

    def title(self) -> str:
        return self.tr("Relationships")

    @property
    def undo_stack(self) -> QtGui.QUndoStack:
        if self._explicit_stack:
            return self._own_stack
        return undo_stack_for(self, self._own_stack)

    def set_contact(self, contact_id: int | None) -> None:
        self.contact_id = contact_id
        self.person.reset()
        self.person.set_excluded(contact_id)
        self.note.clear()
        self.setEnabled(contact_id is not None)
        self.reload()

    def reload(self) -> None:
        self._request += 1
        request = self._request
        if self.contact_id is None:
            self._show([])
            return

        def done(rows: list[RelationshipView]) -> None:
            if request == self._request:
                self._show(rows)

        ops().run(relationships_of, self.contact_id, write=False, success=done)

    def _show(self, rows: list[RelationshipView]) -> None:
        self.model.set_rows(rows)
        self.empty_label.setVisible(not rows)
        self.list.setVisible(bool(rows))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.list.selectionModel().hasSelection())
        self.add_button.setEnabled(self.person.current_id is not None)

    def _on_changed(self, changes: Changes) -> None:
        if self.contact_id is None:
            return
        if changes.relationships or self.contact_id in changes.contacts or changes.contact_list:
            self.reload()

    def add(self) -> None:
        """Record the relationship typed in the form between this contact and the person."""
        other = self.person.current_id
        if self.contact_id is None or other is None:
            return
        type_, outgoing = chosen(self.type_combo)
        source, target = (self.contact_id, other) if outgoing else (other, self.contact_id)
        note = self.note.text().strip()
        text = self.tr("Add relationship with %1").replace("%1", self.person.text())

        def done(result: tuple[RelationshipAdded, Changes]) -> None:
            if result[0].changed_anything:
                self.undo_stack.push(AddRelationshipCommand(result[0], text))
            self.person.reset()
            self.note.clear()
            self._update_buttons()

        ops().run(
            add_relationship_undoably,
            source,
            target,
            type_,
            note,
            success=done,
            failure=lambda exc: show_exception(exc, self),
        )

    def remove_selected(self) -> None:
        indexes = self.list.selectionModel().selectedIndexes()
        if not indexes:
            return
        rel = self.model.row_at(indexes[0].row())
        text = self.tr("Remove relationship with %1").replace("%1", rel.other_name)
        self.undo_stack.push(DeleteRelationshipCommand(rel.id, text))

    def _open_other(self, index: QtCore.QModelIndex) -> None:
        other = index.data(OTHER_ROLE)
        if other is not None:
            self.selection.set_current(int(other))

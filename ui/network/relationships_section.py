"""The "Relationships" section of the contact detail: who this person is linked to.

Each relationship is a row from this person's side: the relation ("Reports to",
translated), the other person (a link: a click opens them) and a note; relation and note
are changed in place (double-click or F2). Adding takes a relation, a person (completed
from the database) and a note; every change is undoable through the window's undo stack.
"""

from __future__ import annotations

from typing import Any

from app.changes import Changes
from app.models import Relationship
from app.relationships import (
    RelationshipAdded,
    RelationshipSnapshot,
    RelationshipView,
    add_relationship_undoably,
    put_relationship,
    relationships_of,
)
from ui.errors import show_exception
from ui.network.chooser import ContactChooser
from ui.network.commands import (
    AddRelationshipCommand,
    DeleteRelationshipCommand,
    undo_stack_for,
)
from ui.network.relationship_dialog import CHOICES, choice_label, chosen, fill_choices
from ui.ops import ops
from ui.qt import QtCore, QtGui, QtWidgets, Signal
from ui.read_only import hide_editing
from ui.rich_text import plain_tooltip
from ui.selection import ContactSelection
from ui.timeline.commands import OpCommand

ID_ROLE = QtCore.Qt.ItemDataRole.UserRole
OTHER_ROLE = QtCore.Qt.ItemDataRole.UserRole + 1
RELATION, PERSON, NOTE = range(3)


def choice_of(rel: RelationshipView) -> int:
    """The :data:`CHOICES` entry a relationship shows as (symmetric types have one)."""
    key = (rel.type, rel.outgoing)
    return CHOICES.index(key) if key in CHOICES else CHOICES.index((rel.type, True))


def relation_label(type_: str, outgoing: bool) -> str:
    """ "Reports to", "Introduced by": the relation as a column entry (capitalised)."""
    text = choice_label(type_, outgoing)
    return text[:1].upper() + text[1:]


def relationship_snapshot(rel_id: int) -> RelationshipSnapshot:
    return RelationshipSnapshot(dict(Relationship.get_by_id(rel_id).__data__))


class RelationshipTableModel(QtCore.QAbstractTableModel):
    """One contact's relationships as rows of relation, person and note (a handful:
    loaded whole). Relation and note are edited in place; the model does not write but
    asks: ``edit_requested(int row, int column, object value)``."""

    edit_requested = Signal(int, int, object)

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RelationshipView] = []
        self._headers = [self.tr("Relation"), self.tr("Person"), self.tr("Note")]

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

    def columnCount(self, parent: QtCore.QModelIndex | None = None) -> int:  # noqa: N802
        if parent is not None and parent.isValid():
            return 0
        return 3

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: QtCore.Qt.Orientation,
        role: int = QtCore.Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation == QtCore.Qt.Orientation.Horizontal
            and role == QtCore.Qt.ItemDataRole.DisplayRole
            and 0 <= section < 3
        ):
            return self._headers[section]
        return None

    def flags(self, index: QtCore.QModelIndex) -> QtCore.Qt.ItemFlag:
        if not index.isValid():
            return QtCore.Qt.ItemFlag.NoItemFlags
        flags = QtCore.Qt.ItemFlag.ItemIsEnabled | QtCore.Qt.ItemFlag.ItemIsSelectable
        if index.column() in (RELATION, NOTE):
            flags |= QtCore.Qt.ItemFlag.ItemIsEditable
        return flags

    def data(
        self, index: QtCore.QModelIndex, role: int = QtCore.Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        rel = self._rows[index.row()]
        column = index.column()
        if role == QtCore.Qt.ItemDataRole.DisplayRole:
            if column == RELATION:
                return relation_label(*CHOICES[choice_of(rel)])
            return rel.other_name if column == PERSON else rel.note
        if role == QtCore.Qt.ItemDataRole.EditRole:
            if column == RELATION:
                return choice_of(rel)
            return rel.other_name if column == PERSON else rel.note
        if role == QtCore.Qt.ItemDataRole.ToolTipRole:
            if column == PERSON:
                return plain_tooltip(self.tr("Open %1").replace("%1", rel.other_name))
            if column == RELATION:
                return self.tr("Double-click (or F2) to change the relation")
            return plain_tooltip(rel.note) or None
        if role == QtCore.Qt.ItemDataRole.FontRole and column == PERSON:
            font = QtGui.QFont()
            font.setUnderline(True)
            return font
        if role == QtCore.Qt.ItemDataRole.ForegroundRole and column == PERSON:
            return QtGui.QGuiApplication.palette().color(QtGui.QPalette.ColorRole.Link)
        if role == ID_ROLE:
            return rel.id
        if role == OTHER_ROLE:
            return rel.other_id
        return None

    def setData(  # noqa: N802
        self, index: QtCore.QModelIndex, value: Any, role: int = QtCore.Qt.ItemDataRole.EditRole
    ) -> bool:
        if not index.isValid() or role != QtCore.Qt.ItemDataRole.EditRole:
            return False
        if index.column() not in (RELATION, NOTE):
            return False
        if value == self.data(index, QtCore.Qt.ItemDataRole.EditRole):
            return False
        self.edit_requested.emit(index.row(), index.column(), value)
        return True


class RelationDelegate(QtWidgets.QStyledItemDelegate):
    """A combo box of the relations (translated) to change one in place."""

    def createEditor(  # noqa: N802
        self,
        parent: QtWidgets.QWidget,
        option: QtWidgets.QStyleOptionViewItem,
        index: QtCore.QModelIndex,
    ) -> QtWidgets.QWidget:
        if index.column() != RELATION:
            return super().createEditor(parent, option, index)
        combo = QtWidgets.QComboBox(parent)
        combo.setAccessibleName(self.tr("Relation"))
        for number, (type_, outgoing) in enumerate(CHOICES):
            combo.addItem(relation_label(type_, outgoing), number)
        return combo

    def setEditorData(self, editor: QtWidgets.QWidget, index: QtCore.QModelIndex) -> None:  # noqa: N802
        if isinstance(editor, QtWidgets.QComboBox) and index.column() == RELATION:
            editor.setCurrentIndex(
                max(0, editor.findData(index.data(QtCore.Qt.ItemDataRole.EditRole)))
            )
            return
        super().setEditorData(editor, index)

    def setModelData(  # noqa: N802
        self,
        editor: QtWidgets.QWidget,
        model: QtCore.QAbstractItemModel,
        index: QtCore.QModelIndex,
    ) -> None:
        if isinstance(editor, QtWidgets.QComboBox) and index.column() == RELATION:
            model.setData(index, int(editor.currentData()))
            return
        super().setModelData(editor, model, index)


class RelationshipTable(QtWidgets.QTableView):
    """The table; Enter on a person opens that person. Signals: ``open_requested(int)``."""

    open_requested = Signal(int)

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:  # noqa: N802
        index = self.currentIndex()
        if (
            event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter)
            and index.isValid()
            and index.column() == PERSON
            and self.state() != QtWidgets.QAbstractItemView.State.EditingState
        ):
            self.open_requested.emit(int(index.data(OTHER_ROLE)))
            return
        super().keyPressEvent(event)


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

        self.model = RelationshipTableModel(self)
        self.model.edit_requested.connect(self._edit_requested)
        self.list = RelationshipTable()
        self.list.setObjectName("relationshipTable")
        self.list.setAccessibleName(self.tr("Relationships"))
        self.list.setModel(self.model)
        self.list.setItemDelegate(RelationDelegate(self.list))
        self.list.setEditTriggers(
            QtWidgets.QAbstractItemView.EditTrigger.DoubleClicked
            | QtWidgets.QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.list.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.verticalHeader().hide()
        self.list.setShowGrid(False)
        self.list.setWordWrap(False)
        self.list.setTabKeyNavigation(False)
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(RELATION, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PERSON, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.list.clicked.connect(self._clicked)
        self.list.open_requested.connect(self.selection.set_current)
        self.list.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.empty_label = QtWidgets.QLabel(self.tr("No relationships recorded yet."))
        self.empty_label.setEnabled(False)
        self.empty_label.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)

        self.type_combo = QtWidgets.QComboBox()
        self.type_combo.setAccessibleName(self.tr("Relation"))
        fill_choices(self.type_combo)
        self.person = ContactChooser()
        self.person.setPlaceholderText(self.tr("Person…"))
        self.person.setAccessibleName(self.tr("Person"))
        self.person.chosen.connect(lambda _: self._update_buttons())
        self.person.textEdited.connect(lambda _: self._update_buttons())
        self.note = QtWidgets.QLineEdit()
        self.note.setPlaceholderText(self.tr("Note (optional)"))
        self.note.setAccessibleName(self.tr("Note"))
        self.note.returnPressed.connect(self.add)
        self.add_button = QtWidgets.QPushButton(self.tr("Add"))
        self.add_button.clicked.connect(self.add)
        self.remove_button = QtWidgets.QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        delete = QtGui.QShortcut(QtGui.QKeySequence.StandardKey.Delete, self.list)
        delete.setContext(QtCore.Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)
        hide_editing(self.type_combo, self.person, self.note, self.add_button, self.remove_button)

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

    def _clicked(self, index: QtCore.QModelIndex) -> None:
        """A click on a person opens that person (the name is drawn as a link)."""
        other = index.data(OTHER_ROLE)
        if index.column() == PERSON and other is not None:
            self.selection.set_current(int(other))

    def _edit_requested(self, row: int, column: int, value: object) -> None:
        """Change a relation or note in place, undoably."""
        rel = self.model.row_at(row)
        me = self.contact_id
        if me is None:
            return
        if column == RELATION:
            type_, outgoing = CHOICES[int(value)]  # type: ignore[call-overload]
            source, target = (me, rel.other_id) if outgoing else (rel.other_id, me)
            changes: dict[str, object] = {"type": type_, "source": source, "target": target}
            text = self.tr("Change relationship with %1").replace("%1", rel.other_name)
        else:
            changes = {"note": str(value).strip()}
            text = self.tr("Change note on %1").replace("%1", rel.other_name)

        def apply(before: RelationshipSnapshot) -> None:
            after = RelationshipSnapshot({**before.row, **changes})
            self.undo_stack.push(
                OpCommand(
                    text,
                    lambda: put_relationship(rel.id, after),
                    lambda: put_relationship(rel.id, before),
                )
            )

        ops().run(relationship_snapshot, rel.id, write=False, success=apply)

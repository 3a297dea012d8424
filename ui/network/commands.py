"""Undoable relationship edits, shared by the network view and the detail section."""

from __future__ import annotations

from app.relationships import (
    RelationshipAdded,
    RelationshipSnapshot,
    delete_relationship,
    put_relationship,
    restore_relationship,
)
from ui.ops import ops
from ui.qt import QtGui, QtWidgets


class DeleteRelationshipCommand(QtGui.QUndoCommand):
    """Removes a relationship; undo puts the same row back from its snapshot."""

    def __init__(self, relationship_id: int, text: str) -> None:
        super().__init__(text)
        self._id = relationship_id
        self._snapshot: RelationshipSnapshot | None = None

    def redo(self) -> None:
        ops().run(delete_relationship, self._id, success=self._deleted)

    def _deleted(self, result: tuple[RelationshipSnapshot, object]) -> None:
        self._snapshot = result[0]

    def undo(self) -> None:
        if self._snapshot is not None:
            ops().run(restore_relationship, self._snapshot)


class AddRelationshipCommand(QtGui.QUndoCommand):
    """A relationship already added; undo removes it (or puts back the note it replaced),
    redo puts the same row (same id) back."""

    def __init__(self, added: RelationshipAdded, text: str) -> None:
        super().__init__(text)
        self._added = added
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        ops().run(put_relationship, self._rel_id, self._added.after)

    def undo(self) -> None:
        ops().run(put_relationship, self._rel_id, self._added.before)

    @property
    def _rel_id(self) -> int:
        return int(self._added.after.row["id"])  # type: ignore[call-overload]


def undo_stack_for(widget: QtWidgets.QWidget, fallback: QtGui.QUndoStack) -> QtGui.QUndoStack:
    """The main window's undo stack when the widget sits in one, else ``fallback``."""
    stack = getattr(widget.window(), "undo_stack", None)
    return stack if isinstance(stack, QtGui.QUndoStack) else fallback

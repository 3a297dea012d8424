"""Undoable relationship edits, shared by the network view and the detail section."""

from __future__ import annotations

from app.relationships import RelationshipSnapshot, delete_relationship, restore_relationship
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


def undo_stack_for(widget: QtWidgets.QWidget, fallback: QtGui.QUndoStack) -> QtGui.QUndoStack:
    """The main window's undo stack when the widget sits in one, else ``fallback``."""
    stack = getattr(widget.window(), "undo_stack", None)
    return stack if isinstance(stack, QtGui.QUndoStack) else fallback

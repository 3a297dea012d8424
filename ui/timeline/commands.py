"""Undoable writes: a QUndoCommand whose redo and undo are domain calls run through ops().

Writes run on ops()'s one serial worker, so a command's undo always runs after its redo
finished; the state a redo leaves for its undo (a new id, a snapshot) is therefore kept on
the command by the worker itself, never passed through the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from app.changes import Changes
from ui.ops import ops
from ui.qt import QtGui, QtWidgets


class OpCommand(QtGui.QUndoCommand):
    """Runs ``redo_fn`` / ``undo_fn`` (each returning Changes) as ops writes."""

    def __init__(
        self,
        text: str,
        redo_fn: Callable[[], Changes],
        undo_fn: Callable[[], Changes],
    ) -> None:
        super().__init__(text)
        self._redo_fn = redo_fn
        self._undo_fn = undo_fn

    def redo(self) -> None:
        ops().run(self._redo_fn)

    def undo(self) -> None:
        ops().run(self._undo_fn)


def undo_stack_for(widget: QtWidgets.QWidget) -> QtGui.QUndoStack | None:
    """The main window's undo stack, if the widget lives in one that has it."""
    stack = getattr(widget.window(), "undo_stack", None)
    return stack if isinstance(stack, QtGui.QUndoStack) else None


def push(stack: QtGui.QUndoStack | None, command: OpCommand) -> None:
    """Push onto the stack (which runs it), or just run it when there is no stack."""
    if stack is not None:
        stack.push(command)
    else:
        command.redo()

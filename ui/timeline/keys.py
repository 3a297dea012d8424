"""The Delete key for a data view, claimed before any window-wide shortcut can take it."""

from __future__ import annotations

from collections.abc import Callable

from ui.qt import QtCore, QtGui


class DeleteKey(QtCore.QObject):
    """Calls ``on_delete`` when Delete is pressed in the watched view.

    The main window may bind Delete too (archive contacts); accepting the
    ShortcutOverride makes Qt deliver the key to the focused view instead of raising an
    ambiguous-shortcut warning or archiving someone by surprise.
    """

    def __init__(self, view: QtCore.QObject, on_delete: Callable[[], None]) -> None:
        super().__init__(view)
        self._on_delete = on_delete
        view.installEventFilter(self)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in (QtCore.QEvent.Type.ShortcutOverride, QtCore.QEvent.Type.KeyPress):
            assert isinstance(event, QtGui.QKeyEvent)
            if event.matches(QtGui.QKeySequence.StandardKey.Delete):
                event.accept()
                if kind == QtCore.QEvent.Type.KeyPress:
                    self._on_delete()
                return True
        return False

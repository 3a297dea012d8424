"""The count of open suggestions: a badge on the view's toolbar button, a tray menu line.

Each keeps its own count, refreshed on the ops worker whenever a write may have changed
it (a scan, an accepted or dismissed suggestion, a logged or deleted interaction).
"""

from __future__ import annotations

from app.capture.suggestions import open_count
from app.changes import Changes
from ui.ops import ops
from ui.qt import QtCore, QtGui, Signal
from ui.suggestions.texts import count_text


def _relevant(changes: Changes) -> bool:
    return changes.suggestions or changes.interactions or changes.contact_list


class SuggestionCount(QtCore.QObject):
    """The number of open suggestions. Signals: ``changed(int)``."""

    changed = Signal(int)

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.count = 0
        ops().changed.connect(self._on_changed)
        self.refresh()

    def refresh(self) -> None:
        ops().run(open_count, write=False, success=self._set)

    def _on_changed(self, changes: Changes) -> None:
        if _relevant(changes):
            self.refresh()

    def _set(self, count: int) -> None:
        from shiboken6 import isValid

        if not isValid(self):
            return  # the count arrived after its window was closed
        if count != self.count:
            self.count = count
            self.changed.emit(count)


class SuggestionBadge(QtCore.QObject):
    """Draws the count on the Suggestions view's action (the toolbar button)."""

    def __init__(self, action: QtGui.QAction, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.action = action
        self.base = action.icon()
        self.counter = SuggestionCount(self)
        self.counter.changed.connect(self._show)
        self._show(self.counter.count)

    def _show(self, count: int) -> None:
        from ui.resources import badge_pixmap

        self.action.setIcon(QtGui.QIcon(badge_pixmap(self.base, count, 48)) if count else self.base)
        tip = self.action.toolTip().split(" — ")[0]
        self.action.setToolTip(f"{tip} — {count_text(count)}" if count else tip)


class SuggestionsTrayLine(QtCore.QObject):
    """The words of the tray menu's line "3 suggestions to review…" ("" when none).

    The tray makes the menu entry itself each time it builds its menu (the menu owns its
    actions: a platform menu may still hold one when a foreign owner deletes it).
    Signals: ``changed(int)``.
    """

    changed = Signal(int)

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.counter = SuggestionCount(self)
        self.counter.changed.connect(self.changed)

    @property
    def count(self) -> int:
        return self.counter.count

    def text(self) -> str:
        count = self.counter.count
        if count == 0:
            return ""
        if count == 1:
            return self.tr("1 suggestion to review…")
        return self.tr("%1 suggestions to review…").replace("%1", QtCore.QLocale().toString(count))

"""The one contact selection every view follows.

Signals: ``current_changed(object)`` with the current contact id (or None),
``selection_changed(list)`` with all selected ids (the list's multi-selection).
A view that selects (a click on a node, a timeline entry) calls :meth:`set_current`;
the contact list mirrors it and every other view reacts to the signal.
"""

from __future__ import annotations

from ui.qt import QtCore, Signal


class ContactSelection(QtCore.QObject):
    current_changed = Signal(object)
    selection_changed = Signal(list)

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._current: int | None = None
        self._selected: list[int] = []

    @property
    def current(self) -> int | None:
        return self._current

    @property
    def selected(self) -> list[int]:
        return list(self._selected)

    def set_current(self, contact_id: int | None) -> None:
        if contact_id == self._current:
            return
        self._current = contact_id
        if contact_id is not None and contact_id not in self._selected:
            self._selected = [contact_id]
            self.selection_changed.emit(self.selected)
        self.current_changed.emit(contact_id)

    def set_selected(self, contact_ids: list[int]) -> None:
        ids = list(dict.fromkeys(contact_ids))
        if ids == self._selected:
            return
        self._selected = ids
        self.selection_changed.emit(self.selected)

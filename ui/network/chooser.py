"""A line edit that finds a contact by name as you type (completion from the database)."""

from __future__ import annotations

from typing import Any

from app.relationships import find_people
from ui.ops import ops
from ui.qt import QtCore, QtWidgets, Signal

ID_ROLE = QtCore.Qt.ItemDataRole.UserRole


class PeopleModel(QtCore.QAbstractListModel):
    """The few (id, name) pairs that match what was typed; the name shows, the id is data."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._people: list[tuple[int, str]] = []

    def set_people(self, people: list[tuple[int, str]]) -> None:
        self.beginResetModel()
        self._people = list(people)
        self.endResetModel()

    @property
    def people(self) -> list[tuple[int, str]]:
        return list(self._people)

    def rowCount(self, parent: QtCore.QModelIndex | None = None) -> int:  # noqa: N802
        if parent is not None and parent.isValid():
            return 0
        return len(self._people)

    def data(
        self, index: QtCore.QModelIndex, role: int = QtCore.Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._people):
            return None
        cid, name = self._people[index.row()]
        if role in (QtCore.Qt.ItemDataRole.DisplayRole, QtCore.Qt.ItemDataRole.EditRole):
            return name
        if role == ID_ROLE:
            return cid
        return None


class ContactChooser(QtWidgets.QLineEdit):
    """Type a name, pick a person from the popup (or press Enter on an exact name).

    Signals: ``chosen(int contact_id)``.
    """

    chosen = Signal(int)

    def __init__(self, parent: QtWidgets.QWidget | None = None, limit: int = 20) -> None:
        super().__init__(parent)
        self._limit = limit
        self._exclude: int | None = None
        self._request = 0
        self.current_id: int | None = None
        self.model = PeopleModel(self)
        self._completer = QtWidgets.QCompleter(self.model, self)
        self._completer.setCompletionMode(
            QtWidgets.QCompleter.CompletionMode.UnfilteredPopupCompletion
        )
        self._completer.setCaseSensitivity(QtCore.Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setWidget(self)
        self._completer.activated[QtCore.QModelIndex].connect(self._on_activated)
        self.setClearButtonEnabled(True)
        self.textEdited.connect(self._on_edited)
        self.returnPressed.connect(self._on_return)

    def set_excluded(self, contact_id: int | None) -> None:
        """Leave one contact out of the suggestions (the person whose detail this is)."""
        self._exclude = contact_id

    def popup(self) -> QtWidgets.QAbstractItemView:
        """The completion list that opens under the field."""
        return self._completer.popup()

    def reset(self) -> None:
        self.clear()
        self.current_id = None
        self.model.set_people([])

    def _on_edited(self, text: str) -> None:
        self.current_id = None
        self._request += 1
        request = self._request
        if not text.strip():
            self.model.set_people([])
            return

        def done(people: list[tuple[int, str]]) -> None:
            if request != self._request:
                return
            self.model.set_people(people)
            if people and self.hasFocus():
                self._completer.complete()

        ops().run(find_people, text, self._limit, self._exclude, success=done, write=False)

    def _on_activated(self, index: QtCore.QModelIndex) -> None:
        cid = index.data(ID_ROLE)
        if cid is None:
            return
        self._choose(int(cid), str(index.data(QtCore.Qt.ItemDataRole.DisplayRole)))

    def _on_return(self) -> None:
        if self.current_id is not None:
            self.chosen.emit(self.current_id)
            return
        wanted = " ".join(self.text().split()).casefold()
        people = self.model.people
        exact = [p for p in people if " ".join(p[1].split()).casefold() == wanted]
        if len(exact) == 1 or (not exact and len(people) == 1):
            cid, name = (exact or people)[0]
            self._choose(cid, name)

    def _choose(self, cid: int, name: str) -> None:
        self._completer.popup().hide()
        self.setText(name)
        self.current_id = cid
        self.chosen.emit(cid)

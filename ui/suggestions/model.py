"""The list model of open suggestions (ids and their facts, loaded on the ops worker)."""

from __future__ import annotations

from typing import Any

from app.capture.suggestions import CONTACT, SuggestionInfo
from ui.qt import Qt, QtCore
from ui.suggestions.texts import day_text
from ui.timeline.labels import interaction_kind_label, kind_icon

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SUGGESTION_ROLE = Qt.ItemDataRole.UserRole + 2


class SuggestionListModel(QtCore.QAbstractListModel):
    """One row per open suggestion, newest first; two lines of plain text each."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[SuggestionInfo] = []

    def set_items(self, items: list[SuggestionInfo]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[SuggestionInfo]:
        return list(self._items)

    def item(self, row: int) -> SuggestionInfo | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, suggestion_id: str) -> int | None:
        for row, item in enumerate(self._items):
            if item.id == suggestion_id:
                return row
        return None

    def rowCount(self, parent: QtCore.QModelIndex | None = None) -> int:  # noqa: N802
        if parent is not None and parent.isValid():
            return 0
        return len(self._items)

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(item)
        if role == Qt.ItemDataRole.DecorationRole:
            return kind_icon("new-contact" if item.kind == CONTACT else item.interaction_kind)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.text(item).replace("\n", ", ")
        if role == ID_ROLE:
            return item.id
        if role == SUGGESTION_ROLE:
            return item
        return None

    def text(self, item: SuggestionInfo) -> str:
        if item.kind == CONTACT:
            first = self.tr("New contact: %1").replace("%1", item.name or item.email)
            return f"{first}\n{item.email}"
        first = (
            self.tr("%1 on %2: %3")
            .replace("%1", interaction_kind_label(item.interaction_kind))
            .replace("%2", day_text(item.date))
            .replace("%3", item.summary or self.tr("(no subject)"))
        )
        return f"{first}\n{', '.join(item.names)}"

    def flags(self, index: QtCore.QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

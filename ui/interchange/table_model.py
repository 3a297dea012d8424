"""A small read-only table model over a list of tuples (preview tables of an import)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ui.qt import Qt, QtCore
from ui.rich_text import plain_tooltip


class RowsModel(QtCore.QAbstractTableModel):
    """Rows of plain values; the preview's lists are small (one import's problems)."""

    def __init__(self, headers: Sequence[str], parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[tuple[Any, ...]] = []
        self._checkable = False
        self._checked: list[bool] = []

    def set_rows(self, rows: Sequence[tuple[Any, ...]], *, checkable: bool = False) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._checkable = checkable
        self._checked = [False] * len(self._rows)
        self.endResetModel()

    def take_rows(self) -> list[tuple[Any, ...]]:
        """Empty the model; the rows it had, for the caller to let go of."""
        self.beginResetModel()
        rows, self._rows = self._rows, []
        self._checked = []
        self.endResetModel()
        return rows

    def checked_rows(self) -> list[int]:
        return [i for i, on in enumerate(self._checked) if on]

    def rowCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole:  # names straight from the file
            return plain_tooltip("" if value is None else str(value))
        if role == Qt.ItemDataRole.CheckStateRole and self._checkable and index.column() == 0:
            on = self._checked[index.row()]
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        return None

    def setData(
        self, index: QtCore.QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if (
            role == Qt.ItemDataRole.CheckStateRole
            and self._checkable
            and index.isValid()
            and index.column() == 0
        ):
            self._checked[index.row()] = Qt.CheckState(value) == Qt.CheckState.Checked
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
            return True
        return False

    def flags(self, index: QtCore.QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._checkable and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._headers):
                return self._headers[section]
        return None

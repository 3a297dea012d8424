"""Table models of the Insights view: findings of one card, and the organisations.

Both hold a small, already computed list (a few hundred rows at most: one per finding or
per organisation) that the view replaces as a whole after each load.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.insights import Finding, OrganisationCount
from app.models import Level
from ui.contacts.model import level_name
from ui.insights.texts import detail, subject
from ui.qt import Qt, QtCore, QtGui
from ui.rich_text import plain_tooltip

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1

_INDEX = QtCore.QModelIndex()


class FindingsModel(QtCore.QAbstractTableModel):
    """Findings as rows: who (or which goal) and what to do. No signals of its own."""

    SUBJECT, DETAIL = range(2)

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []

    def set_findings(self, findings: Sequence[Finding]) -> None:
        self.beginResetModel()
        self._findings = list(findings)
        self.endResetModel()

    def finding(self, row: int) -> Finding | None:
        return self._findings[row] if 0 <= row < len(self._findings) else None

    def rowCount(self, parent: QtCore.QModelIndex = _INDEX) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent: QtCore.QModelIndex = _INDEX) -> int:  # noqa: N802
        return 0 if parent.isValid() else 2

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Who"), self.tr("What")][section] if 0 <= section < 2 else None
        return None

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        finding = self.finding(index.row()) if index.isValid() else None
        if finding is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return subject(finding) if index.column() == self.SUBJECT else detail(finding)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.DETAIL:
            return plain_tooltip(detail(finding))
        if role == FINDING_ROLE:
            return finding
        return None


class OrganisationsModel(QtCore.QAbstractTableModel):
    """The organisations of the network, most contacts first. No signals of its own."""

    NAME, CONTACTS, DUE, LEVELS = range(4)

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OrganisationCount] = []

    def set_organisations(self, rows: Sequence[OrganisationCount]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QtCore.QModelIndex = _INDEX) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QtCore.QModelIndex = _INDEX) -> int:  # noqa: N802
        return 0 if parent.isValid() else 4

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 4:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            names = [self.tr("Organisation"), self.tr("Contacts"), self.tr("Due")]
            names.append(self.tr("Levels"))
            return names[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == self.DUE:
            return self.tr("Relationships due today or overdue")
        return None

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return self.tr("%1 (yours)").replace("%1", row.name) if row.own else row.name
            if column == self.CONTACTS:
                return row.contacts
            if column == self.DUE:
                return row.due
            if column == self.LEVELS:
                return ", ".join(
                    f"{row.levels[level.value]} {level_name(level.value)}"
                    for level in Level
                    if row.levels.get(level.value)
                )
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.CONTACTS, self.DUE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == self.NAME and row.own:
            font = QtGui.QFont()
            font.setBold(True)
            return font
        return None

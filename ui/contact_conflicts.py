"""A bar under a contact's header that shows its open sync conflicts, one line each, with
"Restore the other value" one click away. Hidden when there is none (the usual case).

No signals; it follows ``ops().changed``.
"""

from __future__ import annotations

from typing import Any

import shiboken6

from app.changes import Changes
from ui.accounts_page import field_name, value_text
from ui.ops import ops
from ui.qt import Qt, QtWidgets


def _open_conflicts(contact_id: int) -> list[Any]:
    from app.sync.service import conflicts

    return conflicts(contact_id=contact_id)


def _restore(conflict_id: int) -> Changes:
    from app.sync.service import restore_other

    return restore_other(conflict_id)


def _dismiss(conflict_id: int) -> Changes:
    from app.sync.service import dismiss_conflict

    return dismiss_conflict(conflict_id)


class ContactConflicts(QtWidgets.QFrame):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactConflicts")
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.contact_id: int | None = None
        self.rows: list[Any] = []
        self._layout = QtWidgets.QVBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        ops().changed.connect(self._on_changed)
        self.hide()

    def set_contact(self, contact_id: int | None) -> None:
        self.contact_id = contact_id
        self.refresh()

    def refresh(self) -> None:
        if self.contact_id is None:
            self._show([])
            return
        cid = self.contact_id
        ops().run(
            _open_conflicts,
            cid,
            write=False,
            success=lambda rows: self._show(rows) if cid == self.contact_id else None,
        )

    def _show(self, rows: list[Any]) -> None:
        if not shiboken6.isValid(self):
            return  # closed while the worker ran
        self.rows = rows
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for row in rows:
            line = QtWidgets.QHBoxLayout()
            holder = QtWidgets.QWidget()
            holder.setLayout(line)
            line.setContentsMargins(0, 0, 0, 0)
            label = QtWidgets.QLabel(
                self.tr("Sync conflict in %1: kept “%2”, the other side had “%3”.")
                .replace("%1", field_name(row.field))
                .replace("%2", value_text(row.kept))
                .replace("%3", value_text(row.other))
            )
            label.setTextFormat(Qt.TextFormat.PlainText)  # the values are the user's text
            label.setWordWrap(True)
            restore = QtWidgets.QPushButton(self.tr("Restore the other value"))
            restore.clicked.connect(lambda _=False, cid=row.id: self._run(_restore, cid))
            keep = QtWidgets.QPushButton(self.tr("Keep"))
            keep.clicked.connect(lambda _=False, cid=row.id: self._run(_dismiss, cid))
            line.addWidget(label, 1)
            line.addWidget(restore)
            line.addWidget(keep)
            self._layout.addWidget(holder)
        self.setVisible(bool(rows))

    def _run(self, fn: Any, conflict_id: int) -> None:
        ops().run(fn, conflict_id, success=lambda _c: self.refresh())

    def _on_changed(self, changes: Changes) -> None:
        if self.contact_id is not None and (
            self.contact_id in changes.contacts or changes.settings
        ):
            self.refresh()

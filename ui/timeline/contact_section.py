"""The contact detail's "Timeline" section: one person's interactions and exchanges."""

from __future__ import annotations

from app.timeline_query import TimelineFilter
from ui.qt import Qt, QtGui, QtWidgets
from ui.read_only import hide_editing
from ui.selection import ContactSelection
from ui.timeline.labels import kind_icon
from ui.timeline.log_dialog import LogInteractionDialog
from ui.timeline.model import TimelineModel
from ui.timeline.timeline_list import TimelineList


class ContactTimelineSection(QtWidgets.QWidget):
    """Newest first, the same lazy model as the timeline view with a contact filter.

    Refreshes itself on ``ops().changed`` through its model. No signals of its own.
    """

    def __init__(
        self,
        selection: ContactSelection,
        parent: QtWidgets.QWidget | None = None,
        *,
        undo_stack: QtGui.QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self._contact_id: int | None = None
        self.model = TimelineModel(self, name_filtered_contact=False)
        self.list = TimelineList(self.model, self, undo_stack=undo_stack)
        self.list.setMinimumHeight(160)
        self.empty = QtWidgets.QLabel(self.tr("Nothing logged with this person yet."))
        self.empty.setEnabled(False)
        self.log_button = QtWidgets.QPushButton(
            kind_icon("log-interaction"), self.tr("Log interaction…")
        )
        self.log_button.clicked.connect(self.log_interaction)
        hide_editing(self.log_button)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.empty, 1)
        top.addWidget(self.log_button, 0, Qt.AlignmentFlag.AlignRight)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.list)
        self.model.loaded.connect(self._update_empty)
        self._loaded_once = False
        self.set_contact(selection.current)

    def title(self) -> str:
        return self.tr("Timeline")

    def set_contact(self, contact_id: int | None) -> None:
        """Show this person's entries (the detail calls it when the tab is shown)."""
        if contact_id == self._contact_id and self._loaded_once:
            return
        self._loaded_once = True
        self._contact_id = contact_id
        self.log_button.setEnabled(contact_id is not None)
        if contact_id is None:
            self.model.clear()
            self._update_empty()
        else:
            self.model.set_filter(TimelineFilter(contact_id=contact_id))

    def _update_empty(self) -> None:
        self.empty.setVisible(self.model.entry_count() == 0)

    def log_interaction(self) -> LogInteractionDialog:
        """Open the log dialog with this person already in it."""
        ids = [self._contact_id] if self._contact_id is not None else []
        dialog = LogInteractionDialog(self, participant_ids=ids, undo_stack=self.list.undo_stack())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

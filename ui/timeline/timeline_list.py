"""The list of timeline entries shared by the timeline view and a contact's section.

Enter or a double-click edits the entry in place (the log dialog for an interaction, the
exchange dialog for an exchange); Delete or the context menu deletes it with undo.
"""

from __future__ import annotations

from app.changes import Changes
from app.models import database
from app.timeline import delete_interaction, restore_interaction
from app.timeline_query import EXCHANGE, INTERACTION, TimelineEntry
from ui.painting import PaintsInOneHold
from ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from ui.timeline.commands import OpCommand, push, undo_stack_for
from ui.timeline.delegate import TimelineDelegate
from ui.timeline.exchange_dialog import ExchangeDialog, delete_exchange_command
from ui.timeline.keys import DeleteKey
from ui.timeline.labels import kind_icon
from ui.timeline.log_dialog import LogInteractionDialog
from ui.timeline.model import EntryRole, TimelineModel


class TimelineList(PaintsInOneHold, QtWidgets.QListView):
    """A list view over a :class:`TimelineModel` that edits and deletes in place. It paints
    in one hold of the GIL (:mod:`ui.painting`), so a busy worker does not stall a repaint.

    Signals: ``entry_chosen(object)`` with the TimelineEntry whenever the current entry
    changes.
    """

    entry_chosen = Signal(object)

    def __init__(
        self,
        model: TimelineModel,
        parent: QtWidgets.QWidget | None = None,
        *,
        undo_stack: QtGui.QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self._undo_stack = undo_stack
        self.setAccessibleName(self.tr("Timeline entries"))
        self.setModel(model)
        self.setItemDelegate(TimelineDelegate(self))
        self.setUniformItemSizes(True)
        # A single-pass layout of every loaded row after each page costs ~60 ms at 40,000
        # rows and grows with them; batches keep each page append at about a millisecond.
        self.setLayoutMode(QtWidgets.QListView.LayoutMode.Batched)
        self.setBatchSize(1000)
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QtWidgets.QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.selectionModel().currentChanged.connect(self._on_current_changed)

        self.edit_action = QtGui.QAction(kind_icon("edit"), self.tr("Edit…"), self)
        self.edit_action.triggered.connect(self.edit_current)
        self.delete_action = QtGui.QAction(kind_icon("delete"), self.tr("Delete"), self)
        self.delete_action.triggered.connect(self.delete_current)
        if not database.read_only:  # a read-only database offers no editing (ui.read_only)
            self.activated.connect(self._on_activated)
            DeleteKey(self, self.delete_current)
            self.addActions([self.edit_action, self.delete_action])
        self.last_dialog: QtWidgets.QDialog | None = None

    def timeline_model(self) -> TimelineModel:
        model = self.model()
        assert isinstance(model, TimelineModel)
        return model

    def set_undo_stack(self, stack: QtGui.QUndoStack | None) -> None:
        self._undo_stack = stack

    def undo_stack(self) -> QtGui.QUndoStack | None:
        return self._undo_stack or undo_stack_for(self)

    def current_entry(self) -> TimelineEntry | None:
        value = self.currentIndex().data(EntryRole)
        return value if isinstance(value, TimelineEntry) else None

    def _on_current_changed(self, current: QtCore.QModelIndex, _previous: object) -> None:
        entry = current.data(EntryRole)
        if isinstance(entry, TimelineEntry):
            self.entry_chosen.emit(entry)

    def _on_activated(self, index: QtCore.QModelIndex) -> None:
        if isinstance(index.data(EntryRole), TimelineEntry):
            self.edit_current()

    def edit_current(self) -> QtWidgets.QDialog | None:
        """Open the edit dialog of the current entry (non-modal) and return it."""
        entry = self.current_entry()
        if entry is None:
            return None
        if entry.type == INTERACTION:
            dialog: QtWidgets.QDialog = LogInteractionDialog(
                self, interaction_id=entry.id, undo_stack=self.undo_stack()
            )
        else:
            dialog = ExchangeDialog(
                self, entry.participants[0][0], exchange_id=entry.id, undo_stack=self.undo_stack()
            )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.last_dialog = dialog
        return dialog

    def delete_current(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            push(self.undo_stack(), delete_command(entry))


def delete_command(entry: TimelineEntry) -> OpCommand:
    """Delete an interaction (with what was exchanged in it) or an exchange, undoably."""
    state: dict[str, object] = {}
    translate = QtCore.QCoreApplication.translate
    if entry.type == EXCHANGE:
        return delete_exchange_command(translate("TimelineList", "Delete exchange"), entry.id)

    def redo_interaction() -> Changes:
        state["snapshot"], changes = delete_interaction(entry.id)
        return changes

    def undo_interaction() -> Changes:
        return restore_interaction(state["snapshot"])  # type: ignore[arg-type]

    return OpCommand(
        translate("TimelineList", "Delete interaction"), redo_interaction, undo_interaction
    )

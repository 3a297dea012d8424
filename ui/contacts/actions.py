"""What can be done to the selected contacts: new, open, log, archive, tag, merge.

One :class:`ContactActions` per main window; its ``QAction``\\ s go into the Contact
menu, the toolbar and the list's context menu. Destructive ones push undo commands on
the window's stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app import contacts
from app.changes import Changes
from app.contacts import ContactInput, MergeSnapshot
from app.models import Contact
from ui.accessibility import name_unnamed
from ui.i18n import shortcut_text
from ui.ops import ops
from ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from ui.selection import ContactSelection

if TYPE_CHECKING:
    from ui.contacts.profile import NewContactDialog


def _icon(name: str) -> QtGui.QIcon:
    from ui.resources import icon

    try:
        return icon(name)
    except FileNotFoundError:
        return QtGui.QIcon()


class ArchiveCommand(QtGui.QUndoCommand):
    """Archive (or bring back) contacts; undo does the opposite."""

    def __init__(self, contact_ids: list[int], archived: bool, text: str) -> None:
        super().__init__(text)
        self.contact_ids = contact_ids
        self.archived = archived

    def redo(self) -> None:
        ops().run(contacts.set_archived, self.contact_ids, self.archived)

    def undo(self) -> None:
        ops().run(contacts.set_archived, self.contact_ids, not self.archived)


def tag_recording(contact_ids: list[int], tag: str) -> tuple[list[int], Changes]:
    """Tag the contacts; returns those that did not have the tag yet (what undo removes)."""
    wanted = tag.strip().casefold()
    newly = [
        cid for cid in contact_ids if wanted not in {t.casefold() for t in contacts.tags_of(cid)}
    ]
    return newly, contacts.add_tag(contact_ids, tag)


class AddTagCommand(QtGui.QUndoCommand):
    """A tag added to contacts; undo removes it from those that did not have it."""

    def __init__(self, newly_tagged: list[int], tag: str, text: str) -> None:
        super().__init__(text)
        self.newly_tagged = newly_tagged
        self.tag = tag
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        ops().run(contacts.add_tag, self.newly_tagged, self.tag)

    def undo(self) -> None:
        if self.newly_tagged:
            ops().run(contacts.remove_tag, self.newly_tagged, self.tag)


class MergeCommand(QtGui.QUndoCommand):
    """A merge already done; undo separates the two contacts again, redo merges again.

    The snapshot each merge returns is kept by the worker that ran it (writes are serial,
    so an undo always reads the snapshot of the merge before it).
    """

    def __init__(self, snapshot: MergeSnapshot, text: str) -> None:
        super().__init__(text)
        self.snapshot = snapshot
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        ops().run(self._merge_again)

    def undo(self) -> None:
        ops().run(lambda: contacts.unmerge(self.snapshot))

    def _merge_again(self) -> Changes:
        self.snapshot, changes = contacts.merge_contacts(
            self.snapshot.survivor_id, self.snapshot.other_id
        )
        return changes


def archived_flags(contact_ids: list[int]) -> set[bool]:
    """Which archived states the contacts are in ({False}, {True} or both); read in
    chunks (a select-all of 100,000 contacts is beyond SQLite's variable limit)."""
    flags: set[bool] = set()
    for start in range(0, len(contact_ids), 500):
        chunk = contact_ids[start : start + 500]
        query = Contact.select(Contact.archived).where(Contact.id.in_(chunk)).distinct()
        flags |= {bool(archived) for (archived,) in query.tuples()}
        if len(flags) == 2:
            break
    return flags


class ContactActions(QtCore.QObject):
    """The contact actions of one window, enabled to fit the selection.

    Signals: ``message(str, bool)`` a status line to show (and whether it offers Undo),
    ``created(int)`` a contact was created, ``open_requested(int)``.
    """

    message = Signal(str, bool)
    created = Signal(int)
    open_requested = Signal(int)

    def __init__(
        self,
        selection: ContactSelection,
        undo_stack: QtGui.QUndoStack,
        window: QtWidgets.QWidget,
    ) -> None:
        super().__init__(window)
        self.selection = selection
        self.undo_stack = undo_stack
        self.window = window
        self.log_interaction_hook: Callable[[list[int]], None] | None = None

        self.new = self._action(_icon("new-contact"), self.tr("&New contact…"), self.new_contact)
        self.new.setShortcut(QtGui.QKeySequence.StandardKey.New)
        self.new.setToolTip(
            self.tr("Create a contact (%1)").replace(
                "%1", shortcut_text(QtGui.QKeySequence.StandardKey.New)
            )
        )
        self.open = self._action(_icon("edit"), self.tr("&Open"), self._open_current)
        self.log = self._action(
            _icon("log-interaction"), self.tr("&Log interaction…"), self.log_interaction
        )
        self.log.setShortcut(QtGui.QKeySequence("Ctrl+L"))
        self.log.setToolTip(self.tr("Log a lunch, call or meeting with the selected contacts"))
        self.archive = self._action(_icon("archive"), self.tr("&Archive"), self.archive_selected)
        self.archive.setShortcut(QtGui.QKeySequence(Qt.Key.Key_Delete))
        self.archive.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.unarchive = self._action(
            _icon("undo"), self.tr("&Bring back from archive"), self.unarchive_selected
        )
        self.merge = self._action(
            _icon("merge"), self.tr("&Merge two contacts…"), self.merge_selected
        )
        self.add_tag = self._action(_icon("tag"), self.tr("Add &tag…"), self.tag_selected)
        selection.selection_changed.connect(self._update)
        selection.current_changed.connect(self._update)
        ops().changed.connect(self._on_changed)
        self._update()

    def _action(self, icon: QtGui.QIcon, text: str, slot: Callable[[], None]) -> QtGui.QAction:
        action = QtGui.QAction(icon, text, self)
        action.triggered.connect(slot)
        return action

    def all(self) -> list[QtGui.QAction]:
        return [
            self.new,
            self.open,
            self.log,
            self.archive,
            self.unarchive,
            self.merge,
            self.add_tag,
        ]

    def targets(self) -> list[int]:
        selected = self.selection.selected
        if selected:
            return selected
        return [self.selection.current] if self.selection.current is not None else []

    def _update(self, *_args: object) -> None:
        """Enable what fits the selection. "Log interaction" is always there: its dialog
        chooses the people itself. Archive and Bring back follow the contacts' state,
        which is read on the worker."""
        targets = self.targets()
        count = len(targets)
        for action in (self.open, self.add_tag):
            action.setEnabled(count > 0)
        self.log.setEnabled(True)
        self.merge.setEnabled(count == 2)
        if not targets:
            self._set_archive_state(targets, set())
            return
        ops().run(
            archived_flags,
            targets,
            write=False,
            success=lambda flags: self._set_archive_state(targets, flags),
        )

    def _set_archive_state(self, targets: list[int], flags: set[bool]) -> None:
        if targets != self.targets():
            return  # the selection moved on meanwhile
        self.archive.setEnabled(False in flags)
        self.unarchive.setEnabled(True in flags)

    def _on_changed(self, changes: Changes) -> None:
        if changes.contact_list or set(self.targets()) & set(changes.contacts):
            self._update()

    def _open_current(self) -> None:
        if self.selection.current is not None:
            self.open_requested.emit(self.selection.current)

    # --- new ----------------------------------------------------------------------

    def new_contact(self) -> NewContactDialog:
        from ui.contacts.profile import NewContactDialog  # not needed before the first paint

        dialog = NewContactDialog(self.undo_stack, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.created.connect(self._created)
        name_unnamed(dialog)
        dialog.show()
        dialog.form.name.setFocus()
        return dialog

    def _created(self, contact_id: int) -> None:
        self.created.emit(contact_id)
        self.message.emit(self.tr("Contact created."), True)

    # --- log ------------------------------------------------------------------------

    def log_interaction(self) -> None:
        if self.log_interaction_hook is not None:
            self.log_interaction_hook(self.targets())

    # --- archive --------------------------------------------------------------------

    def archive_selected(self) -> None:
        ids = self.targets()
        if not ids:
            return
        text = (
            self.tr("Archived 1 contact")
            if len(ids) == 1
            else self.tr("Archived %1 contacts").replace("%1", str(len(ids)))
        )
        self.undo_stack.push(ArchiveCommand(ids, True, text))
        self.message.emit(text, True)

    def unarchive_selected(self) -> None:
        ids = self.targets()
        if not ids:
            return
        text = (
            self.tr("Brought back 1 contact")
            if len(ids) == 1
            else self.tr("Brought back %1 contacts").replace("%1", str(len(ids)))
        )
        self.undo_stack.push(ArchiveCommand(ids, False, text))
        self.message.emit(text, True)

    # --- tag ------------------------------------------------------------------------

    def tag_selected(self, tag: str | None = None) -> None:
        ids = self.targets()
        if not ids:
            return
        if not tag:
            tag, ok = QtWidgets.QInputDialog.getItem(
                self.window,
                self.tr("Add tag"),
                self.tr("Tag for the selected contacts:"),
                contacts.all_tags(),
                0,
                True,
            )
            if not ok or not tag.strip():
                return
        name = tag.strip()
        ops().run(
            tag_recording,
            ids,
            name,
            success=lambda result: self._tagged(result[0], name, len(ids)),
        )

    def _tagged(self, newly: list[int], tag: str, count: int) -> None:
        text = (
            self.tr("Tagged 1 contact with %1").replace("%1", tag)
            if count == 1
            else self.tr("Tagged %1 contacts with %2").replace("%1", str(count)).replace("%2", tag)
        )
        self.undo_stack.push(AddTagCommand(newly, tag, text))
        self.message.emit(text, True)

    # --- merge ----------------------------------------------------------------------

    def merge_selected(self) -> None:
        ids = self.targets()
        if len(ids) != 2:
            return
        from ui.contacts.merge import load_pair  # not needed before the first paint

        ops().run(load_pair, ids[0], ids[1], write=False, success=self._show_merge)

    def _show_merge(self, pair: tuple[tuple[int, ContactInput], ...]) -> None:
        from ui.contacts.merge import MergeDialog

        dialog = MergeDialog(pair[0], pair[1], self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._merge(dialog.survivor_id(), dialog.other_id()))
        name_unnamed(dialog)
        dialog.open()
        self.merge_dialog = dialog

    def _merge(self, survivor: int, other: int) -> None:
        ops().run(
            contacts.merge_contacts,
            survivor,
            other,
            success=lambda result: self._merged(result[0]),
        )

    def _merged(self, snapshot: MergeSnapshot) -> None:
        text = (
            self.tr("Merge %1 into %2")
            .replace("%1", snapshot.other_data.formatted_name)
            .replace("%2", snapshot.survivor_data.formatted_name)
        )
        self.undo_stack.push(MergeCommand(snapshot, text))
        self.selection.set_current(snapshot.survivor_id)
        self.message.emit(self.tr("Contacts merged."), True)

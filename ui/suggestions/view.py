"""The Suggestions inbox: what the scans propose, cleared with the keyboard alone.

Keys in the list: Enter accepts the selected suggestion, E edits it first (the log dialog,
prefilled), Delete dismisses it, P accepts everything with the same person, F5 scans
now. After each, the next suggestion is selected, so a day of suggestions is a few key
presses. Accepting and dismissing are undoable (Ctrl+Z). Scans run on the worker with
progress and a Cancel button.
"""

from __future__ import annotations

from app.capture import suggestions as inbox
from app.capture.scan import ScanReport
from app.changes import Changes
from app.timeline import InteractionInput, delete_interaction
from ui.ops import ops
from ui.qt import Qt, QtCore, QtGui, QtWidgets
from ui.selection import ContactSelection
from ui.suggestions.model import SuggestionListModel
from ui.suggestions.scanning import shared_runner
from ui.suggestions.texts import count_text, result_text
from ui.timeline.commands import OpCommand, push, undo_stack_for


class SuggestionsView(QtWidgets.QWidget):
    """The inbox view (``ui.views`` key ``suggestions``). No signals of its own."""

    def __init__(
        self, selection: ContactSelection, parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.selection = selection
        self.model = SuggestionListModel(self)
        self._keep_row: int | None = None
        self.title = QtWidgets.QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)

        self.list = QtWidgets.QListView()
        self.list.setObjectName("suggestionList")
        self.list.setModel(self.model)
        self.list.setAccessibleName(self.tr("Suggestions"))
        self.list.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAlternatingRowColors(True)
        self.list.setIconSize(QtCore.QSize(24, 24))
        self.list.setSpacing(2)
        self.list.setWordWrap(True)
        self.list.doubleClicked.connect(lambda _index: self.edit_current())

        self.empty = QtWidgets.QLabel(
            self.tr(
                "Nothing to review. Add your mailbox or calendar in Settings → Sources, "
                "and Allies proposes the encounters it finds there."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)

        self.accept_action = self._action(
            self.tr("&Accept"), "Return", self.accept_current, "log-interaction"
        )
        self.accept_action.setShortcuts(
            [QtGui.QKeySequence("Return"), QtGui.QKeySequence("Enter"), QtGui.QKeySequence("A")]
        )
        self.edit_action = self._action(
            self.tr("&Edit, then accept…"), "E", self.edit_current, "edit"
        )
        self.dismiss_action = self._action(
            self.tr("&Dismiss"), "Delete", self.dismiss_current, "delete"
        )
        self.dismiss_action.setShortcuts([QtGui.QKeySequence("Delete"), QtGui.QKeySequence("D")])
        self.person_action = self._action(
            self.tr("Accept all with this &person"), "P", self.accept_person, "contacts"
        )
        self.scan_action = QtGui.QAction(self._icon("refresh"), self.tr("Scan now"), self)
        self.scan_action.setShortcut(QtGui.QKeySequence("F5"))
        self.scan_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.scan_action.triggered.connect(self.scan_now)
        self.addAction(self.scan_action)

        buttons = QtWidgets.QHBoxLayout()
        for action in (
            self.accept_action,
            self.edit_action,
            self.dismiss_action,
            self.person_action,
        ):
            button = QtWidgets.QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys work in the list
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.scanner = shared_runner()  # one scan at a time, whoever starts it
        self.scanner.started.connect(self._scan_started)
        self.scanner.source_started.connect(self._source_started)
        self.scanner.progress.connect(self._scan_progress)
        self.scanner.finished.connect(self._scan_finished)
        self.scanner.failed.connect(self._scan_failed)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel_button = QtWidgets.QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.scanner.cancel)
        self.cancel_button.hide()
        self.status = QtWidgets.QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.hint = QtWidgets.QLabel(
            self.tr(
                "Enter accepts · E edits first · Delete dismisses · P accepts all with the "
                "person · F5 scans"
            )
        )
        self.hint.setEnabled(False)
        self.hint.setWordWrap(True)

        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.progress)
        top.addWidget(self.cancel_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        self.setFocusProxy(self.list)

        self.list.selectionModel().currentChanged.connect(self._update_actions)
        ops().changed.connect(self._on_changed)
        self.reload()
        if self.scanner.running:  # a background scan began before the view was made
            self._scan_started()

    def _icon(self, name: str) -> QtGui.QIcon:
        from ui.timeline.labels import kind_icon

        return kind_icon(name)

    def _action(self, text: str, key: str, slot, icon_name: str) -> QtGui.QAction:  # type: ignore[no-untyped-def]
        action = QtGui.QAction(self._icon(icon_name), text, self)
        action.setShortcut(QtGui.QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.list.addAction(action)
        return action

    def actions(self) -> list[QtGui.QAction]:  # the toolbar's, while the view is shown
        return [self.scan_action]

    # --- loading -------------------------------------------------------------------

    def reload(self) -> None:
        ops().run(inbox.open_suggestions, write=False, success=self._loaded)

    def _loaded(self, items: list[inbox.SuggestionInfo]) -> None:
        current = self.current()
        row = self._keep_row
        if row is None and current is not None:
            row = next((i for i, s in enumerate(items) if s.id == current.id), None)
        self.model.set_items(items)
        self.title.setText(count_text(len(items)))
        self.empty.setVisible(not items)
        if items:
            row = min(row or 0, len(items) - 1)
            self.list.setCurrentIndex(self.model.index(row, 0))
        self._keep_row = None
        self._update_actions()

    def _on_changed(self, changes: Changes) -> None:
        if changes.suggestions or changes.interactions or changes.contact_list:
            self.reload()

    def current(self) -> inbox.SuggestionInfo | None:
        index = self.list.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _update_actions(self) -> None:
        item = self.current()
        for action in (self.accept_action, self.dismiss_action):
            action.setEnabled(item is not None)
        self.edit_action.setEnabled(item is not None and item.kind == inbox.INTERACTION)
        self.person_action.setEnabled(item is not None and bool(item.contact_ids))

    # --- acting --------------------------------------------------------------------

    def _push(self, command: OpCommand) -> None:
        self._keep_row = self.list.currentIndex().row()
        push(undo_stack_for(self), command)

    def accept_current(self) -> None:
        item = self.current()
        if item is not None:
            self._push(_accept_command(self.tr("Accept suggestion"), [item.id]))

    def accept_person(self) -> None:
        item = self.current()
        if item is None or not item.contact_ids:
            return
        person = item.contact_ids[0]
        ids = [
            s.id
            for s in self.model.items()
            if s.kind == inbox.INTERACTION and person in s.contact_ids
        ]
        self._push(_accept_command(self.tr("Accept all with one person"), ids))

    def dismiss_current(self) -> None:
        item = self.current()
        if item is None:
            return
        key = item.key

        def redo() -> Changes:
            return inbox.dismiss([item.id])

        def undo() -> Changes:
            return inbox.undismiss([key])

        self._push(OpCommand(self.tr("Dismiss suggestion"), redo, undo))

    def edit_current(self) -> QtWidgets.QDialog | None:
        """The log dialog, prefilled; saving it accepts the suggestion (with its origin)."""
        item = self.current()
        if item is None or item.kind != inbox.INTERACTION or item.date is None:
            return None
        from ui.timeline.log_dialog import LogInteractionDialog

        dialog = LogInteractionDialog(self, undo_stack=undo_stack_for(self))
        dialog.prefill(
            InteractionInput(
                participant_ids=list(item.contact_ids),
                kind=item.interaction_kind,
                occurred_on=item.date,
                summary=item.summary,
                origin=item.key,
            )
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        dialog.summary.setFocus()
        return dialog

    # --- scanning ------------------------------------------------------------------

    def scan_now(self) -> None:
        self.scanner.start()

    def _scan_started(self) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.scan_action.setEnabled(False)
        self.status.setText(self.tr("Scanning…"))

    def _source_started(self, name: str) -> None:
        self.status.setText(self.tr("Scanning %1…").replace("%1", name))

    def _scan_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))

    def _scan_finished(self, report: ScanReport) -> None:
        self._scan_stopped()
        if not report.results:
            self.status.setText(self.tr("No sources yet: add one in Settings → Sources."))
        else:
            self.status.setText("\n".join(result_text(r) for r in report.results))

    def _scan_failed(self, exc: BaseException) -> None:
        self._scan_stopped()
        self.status.setText(str(exc))

    def _scan_stopped(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.scan_action.setEnabled(True)


def _accept_command(text: str, ids: list[str]) -> OpCommand:
    """Accept (redo); undo deletes what was logged or added, so the suggestions are open
    again (and a redo accepts them anew)."""
    state: dict[str, list[int]] = {}

    def redo() -> Changes:
        result = inbox.accept(ids)
        state["interactions"] = result.interaction_ids
        state["contacts"] = result.contact_ids
        return result.changes

    def undo() -> Changes:
        from app.contacts import delete_contact

        changes = Changes(suggestions=True, contact_list=True)
        for interaction_id in state.get("interactions", []):
            changes = changes | delete_interaction(interaction_id)[1]
        for contact_id in state.get("contacts", []):
            changes = changes | delete_contact(contact_id)
        return changes

    return OpCommand(text, redo, undo)

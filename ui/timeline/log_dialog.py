"""Log an interaction, and what was given or received in it, in one quick step.

Built to be used from the keyboard alone: kind → date → participants (type a name, Enter
adds it, Backspace on an empty field removes the last one) → summary → notes → "I gave" →
"I received" → Save; Ctrl+Enter saves from anywhere. The same dialog edits an existing
interaction (``interaction_id=``). Saving is an undoable command on the window's stack.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from app.changes import Changes
from app.contacts import find_contact
from app.errors import AmbiguousName, NotFound
from app.models import Direction, ExchangeKind, InteractionKind
from app.timeline import (
    ExchangeInput,
    InteractionInput,
    delete_interaction,
    log_interaction,
    replace_interaction,
    restore_interaction,
    revert_interaction,
)
from app.timeline_query import NameMatch, contact_name_matches, contact_names, load_interaction
from ui.accessibility import readable
from ui.flow_layout import FlowLayout
from ui.i18n import shortcut_text
from ui.ops import ops
from ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from ui.rich_text import plain_tooltip
from ui.timeline.commands import OpCommand, push, undo_stack_for
from ui.timeline.date_edit import QuickDateEdit
from ui.timeline.labels import exchange_kind_label, interaction_kind_label, kind_icon
from ui.timeline.model import pydate, qdate


class ParticipantEdit(QtWidgets.QLineEdit):
    """A line edit where Enter adds the typed name and Backspace on empty removes one.

    Enter never reaches the dialog (it would save): with a name highlighted in the
    completion popup it picks that name, otherwise it commits the typed text.
    Signals: ``commit()`` on Enter, ``picked(str)`` with a highlighted completion,
    ``remove_last()`` on Backspace in an empty field.
    """

    commit = Signal()
    picked = Signal(str)
    remove_last = Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_completer: QtWidgets.QCompleter | None = None

    def set_name_completer(self, completer: QtWidgets.QCompleter) -> None:
        """Attach a completer without QLineEdit's own wiring, which would paste the chosen
        name into the field after we already turned it into a chip."""
        self.name_completer = completer
        completer.setWidget(self)

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            event.accept()
            completer = self.name_completer
            highlighted = None
            if completer is not None:
                popup = completer.popup()
                if popup.isVisible():
                    rows = popup.selectionModel().selectedIndexes()
                    highlighted = rows[0].data() if rows else None
                popup.hide()
            if highlighted:
                self.picked.emit(str(highlighted))
            else:
                self.commit.emit()
            return
        if key == Qt.Key.Key_Backspace and not self.text():
            self.remove_last.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class TradeRow(QtWidgets.QWidget):
    """One thing given or received: kind, description, weight 1–3."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.kind = QtWidgets.QComboBox()
        for kind in ExchangeKind:
            self.kind.addItem(exchange_kind_label(kind), kind.value)
        self.kind.setCurrentIndex(self.kind.findData(ExchangeKind.HELP.value))
        self.text = QtWidgets.QLineEdit()
        self.text.setPlaceholderText(self.tr("e.g. advice on the budget round"))
        self.weight = QtWidgets.QSpinBox()
        self.weight.setRange(1, 3)
        self.weight.setPrefix(self.tr("Weight "))
        self.weight.setToolTip(self.tr("How much it counts: 1 a little, 3 a lot"))
        self.kind.setAccessibleName(self.tr("Kind"))
        self.text.setAccessibleName(self.tr("What"))
        self.weight.setAccessibleName(self.tr("Weight"))
        layout.addWidget(self.kind)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.weight)

    def focus_chain(self) -> list[QtWidgets.QWidget]:
        return [self.kind, self.text, self.weight]

    def set_value(self, value: ExchangeInput) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(value.kind)))
        self.text.setText(value.description)
        self.weight.setValue(value.weight)

    def value(self, direction: str) -> ExchangeInput | None:
        """The exchange this row describes, or None when its text is empty."""
        text = self.text.text().strip()
        if not text:
            return None
        return ExchangeInput(
            direction=direction,
            description=text,
            kind=str(self.kind.currentData()),
            weight=self.weight.value(),
        )


class TradeRows(QtWidgets.QWidget):
    """The "I gave:" or "I received:" rows, one or more.

    Signals: ``rows_changed()`` when a row was added (the tab order follows).
    """

    rows_changed = Signal()

    def __init__(self, direction: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.direction = direction
        self._layout = QtWidgets.QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.rows: list[TradeRow] = []
        self.add_button = QtWidgets.QToolButton()
        self.add_button.setText("+ " + self.tr("Add another"))
        self.add_button.setAccessibleName(self.tr("Add another"))
        # A raised button, not flat text: it has to look like something to press.
        self.add_button.setAutoRaise(False)
        self.add_button.clicked.connect(self.add_row)
        self._layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.add_row()

    def add_row(self) -> TradeRow:
        row = TradeRow(self)
        self._layout.insertWidget(len(self.rows), row)
        self.rows.append(row)
        self.rows_changed.emit()
        if len(self.rows) > 1:
            row.text.setFocus()
        return row

    def focus_chain(self) -> list[QtWidgets.QWidget]:
        chain: list[QtWidgets.QWidget] = []
        for row in self.rows:
            chain += row.focus_chain()
        return [*chain, self.add_button]

    def set_values(self, values: Sequence[ExchangeInput]) -> None:
        for index, value in enumerate(values):
            row = self.rows[index] if index < len(self.rows) else self.add_row()
            row.set_value(value)

    def values(self) -> list[ExchangeInput]:
        result = [row.value(self.direction) for row in self.rows]
        return [value for value in result if value is not None]


class LogInteractionDialog(QtWidgets.QDialog):
    """Log (or, with ``interaction_id``, edit) an interaction; non-modal friendly.

    Signals: ``saved()`` once the write was handed to the undo stack (or run).
    """

    saved = Signal()

    def __init__(
        self,
        parent: QtWidgets.QWidget | None = None,
        participant_ids: Sequence[int] = (),
        *,
        interaction_id: int | None = None,
        undo_stack: QtGui.QUndoStack | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self._interaction_id = interaction_id
        self._undo_stack = undo_stack
        self._participants: dict[int, str] = {}
        self._matches: list[NameMatch] = []
        self._matches_text = ""
        self._pending_save = False
        self._origin: str | None = None
        self.setWindowTitle(
            self.tr("Edit interaction") if interaction_id else self.tr("Log interaction")
        )
        self.setWindowIcon(kind_icon("log-interaction"))

        self.kind = QtWidgets.QComboBox()
        for kind in InteractionKind:
            self.kind.addItem(kind_icon(kind.value), interaction_kind_label(kind), kind.value)
        self.kind.setCurrentIndex(self.kind.findData(InteractionKind.MEETING.value))

        self.date = QuickDateEdit(today or dt.date.today())

        self.chips = QtWidgets.QWidget()
        self._chip_layout = FlowLayout(self.chips, spacing=4)
        self.participant_edit = ParticipantEdit()
        self.participant_edit.setPlaceholderText(self.tr("Type a name, Enter adds it"))
        self._completion_model = QtCore.QStringListModel(self)
        self.completer = QtWidgets.QCompleter(self._completion_model, self)
        self.completer.setCompletionMode(
            QtWidgets.QCompleter.CompletionMode.UnfilteredPopupCompletion
        )
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.participant_edit.set_name_completer(self.completer)
        self.participant_edit.textEdited.connect(self._query_names)
        self.participant_edit.commit.connect(self._commit_typed)
        self.participant_edit.remove_last.connect(self._remove_last)
        self.participant_edit.picked.connect(self._completion_chosen)
        self.completer.activated[str].connect(self._completion_chosen)

        self.summary = QtWidgets.QLineEdit()
        self.summary.setPlaceholderText(self.tr("What was it about?"))
        self.notes = QtWidgets.QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(self.tr("Notes"))
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)

        self.gave = TradeRows(Direction.GAVE.value)
        self.received = TradeRows(Direction.RECEIVED.value)
        self.gave.rows_changed.connect(self._update_tab_order)
        self.received.rows_changed.connect(self._update_tab_order)

        self.error = QtWidgets.QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        palette = self.error.palette()
        red = readable(QtGui.QColor("#c62828"), palette.color(QtGui.QPalette.ColorRole.Window))
        palette.setColor(QtGui.QPalette.ColorRole.WindowText, red)
        self.error.setPalette(palette)
        self.error.hide()

        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Save
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Save (%1)").replace("%1", shortcut_text("Ctrl+Enter")))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QtGui.QShortcut(QtGui.QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self.save)

        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Date:"), self.date)
        people = QtWidgets.QVBoxLayout()
        people.setSpacing(4)
        people.addWidget(self.chips)
        people.addWidget(self.participant_edit)
        label = QtWidgets.QLabel(self.tr("&With:"))
        label.setBuddy(self.participant_edit)
        form.addRow(label, people)
        form.addRow(self.tr("&Summary:"), self.summary)
        form.addRow(self.tr("&Notes:"), self.notes)
        form.addRow(self.tr("I &gave:"), self.gave)
        form.addRow(self.tr("I &received:"), self.received)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        self._update_tab_order()
        self._update_chips()

        if participant_ids:
            ops().run(
                contact_names,
                list(participant_ids),
                write=False,
                success=lambda names: self._add_names(participant_ids, names),
            )
        if interaction_id is not None:
            ops().run(load_interaction, interaction_id, write=False, success=self._fill)
        self.kind.setFocus()

    # --- participants --------------------------------------------------------------

    def participant_ids(self) -> list[int]:
        return list(self._participants)

    def _add_names(self, ids: Sequence[int], names: dict[int, str]) -> None:
        for cid in ids:
            if cid in names:
                self.add_participant(cid, names[cid])

    def add_participant(self, contact_id: int, name: str) -> None:
        if contact_id not in self._participants:
            self._participants[contact_id] = name
            self._update_chips()
        self.error.hide()

    def _remove_participant(self, contact_id: int) -> None:
        self._participants.pop(contact_id, None)
        self._update_chips()

    def _remove_last(self) -> None:
        if self._participants:
            self._remove_participant(list(self._participants)[-1])

    def _update_chips(self) -> None:
        while self._chip_layout.count():
            item = self._chip_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for cid, name in self._participants.items():
            chip = QtWidgets.QToolButton()
            chip.setText(name + "  ×")
            chip.setToolTip(plain_tooltip(self.tr("Remove %1").replace("%1", name)))
            chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            chip.clicked.connect(lambda _=False, cid=cid: self._remove_participant(cid))
            self._chip_layout.addWidget(chip)
        self.chips.setVisible(bool(self._participants))

    @staticmethod
    def _display(match: NameMatch) -> str:
        return f"{match.name} — {match.organization}" if match.organization else match.name

    def _query_names(self, text: str) -> None:
        if not text.strip():
            self._completion_model.setStringList([])
            return
        ops().run(
            contact_name_matches,
            text,
            write=False,
            success=lambda matches: self._show_matches(text, matches),
        )

    def _show_matches(self, text: str, matches: list[NameMatch]) -> None:
        if self.participant_edit.text() != text:
            return  # typed on meanwhile; a newer query is on its way
        self._matches = [m for m in matches if m.id not in self._participants]
        self._matches_text = text
        self._completion_model.setStringList([self._display(m) for m in self._matches])
        if self._matches and self.participant_edit.hasFocus():
            self.completer.complete()

    def _completion_chosen(self, display: str) -> None:
        for match in self._matches:
            if self._display(match) == display:
                self.add_participant(match.id, match.name)
                break
        self.participant_edit.clear()
        self._completion_model.setStringList([])

    def _local_match(self, text: str) -> NameMatch | None:
        """The completion that the typed text names unambiguously, if any.

        Typing the start of a name that only one contact has is enough ("Ben" ⏎).
        """
        if text == self._matches_text.strip() and len(self._matches) == 1:
            return self._matches[0]
        wanted = " ".join(text.split()).casefold()
        for key in (self._display, lambda m: m.name):
            found = [m for m in self._matches if " ".join(key(m).split()).casefold() == wanted]
            if len(found) == 1:
                return found[0]
        return None

    def _commit_typed(self) -> None:
        """Enter in the participant field: add the person the typed text names."""
        text = self.participant_edit.text().strip()
        if not text:
            return
        self._resolve(text)

    def _resolve(self, text: str) -> None:
        match = self._local_match(text)
        if match is not None:
            self._resolved(text, match.id, match.name)
            return
        ops().run(
            find_contact,
            text,
            write=False,
            success=lambda contact: self._resolved(text, contact.id, contact.formatted_name),
            failure=lambda exc: self._unresolved(text, exc),
        )

    def _resolved(self, text: str, contact_id: int, name: str) -> None:
        self.add_participant(contact_id, name)
        if self.participant_edit.text().strip() == text:
            self.participant_edit.clear()
            self._completion_model.setStringList([])
        if self._pending_save:
            self._pending_save = False
            self.save()

    def _unresolved(self, text: str, exc: BaseException) -> None:
        self._pending_save = False
        if isinstance(exc, AmbiguousName):
            self._show_error(
                self.tr("Several contacts are called “%1”: pick one from the list.").replace(
                    "%1", text
                )
            )
        elif isinstance(exc, NotFound):
            self._show_error(self.tr("No contact is called “%1”.").replace("%1", text))
        else:
            from ui.errors import show_exception

            show_exception(exc, self)
        self.participant_edit.setFocus()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    # --- editing an existing interaction ----------------------------------------------

    def prefill(self, data: InteractionInput) -> None:
        """Start a new interaction from a proposal (a capture suggestion, with its origin)."""
        self._origin = data.origin
        self._fill(data)

    def _fill(self, data: InteractionInput) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(data.kind)))
        self.date.setDate(qdate(data.occurred_on))
        self.summary.setText(data.summary)
        self.notes.setPlainText(data.notes)
        self.gave.set_values([e for e in data.exchanges if e.direction == Direction.GAVE])
        self.received.set_values([e for e in data.exchanges if e.direction == Direction.RECEIVED])
        ops().run(
            contact_names,
            data.participant_ids,
            write=False,
            success=lambda names: self._add_names(data.participant_ids, names),
        )

    # --- saving --------------------------------------------------------------------

    def _update_tab_order(self) -> None:
        chain: list[QtWidgets.QWidget] = [
            self.kind,
            self.date,
            self.participant_edit,
            self.summary,
            self.notes,
            *self.gave.focus_chain(),
            *self.received.focus_chain(),
            self.save_button,
            self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Cancel),
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QtWidgets.QWidget.setTabOrder(first, second)

    def value(self) -> InteractionInput:
        return InteractionInput(
            participant_ids=self.participant_ids(),
            kind=str(self.kind.currentData()),
            occurred_on=pydate(self.date.date()),
            summary=self.summary.text().strip(),
            notes=self.notes.toPlainText(),
            exchanges=self.gave.values() + self.received.values(),
            origin=self._origin,
        )

    def save(self) -> None:
        """Check, then hand the write to the undo stack and close; errors stay open."""
        pending = self.participant_edit.text().strip()
        if pending:
            self._pending_save = True
            self._resolve(pending)
            return
        if not self._participants:
            self._show_error(self.tr("Add at least one person you met."))
            self.participant_edit.setFocus()
            return
        data = self.value()
        stack = self._undo_stack or undo_stack_for(self.parentWidget() or self)
        if self._interaction_id is None:
            command = _log_command(self.tr("Log interaction"), data)
        else:
            command = _edit_command(self.tr("Edit interaction"), self._interaction_id, data)
        push(stack, command)
        self.saved.emit()
        self.accept()


def _log_command(text: str, data: InteractionInput) -> OpCommand:
    state: dict[str, object] = {}

    def redo() -> Changes:
        if "snapshot" in state:
            return restore_interaction(state["snapshot"])  # type: ignore[arg-type]
        state["id"], changes = log_interaction(data)
        return changes

    def undo() -> Changes:
        state["snapshot"], changes = delete_interaction(int(state["id"]))  # type: ignore[call-overload]
        return changes

    return OpCommand(text, redo, undo)


def _edit_command(text: str, interaction_id: int, data: InteractionInput) -> OpCommand:
    state: dict[str, object] = {}

    def redo() -> Changes:
        state["snapshot"], changes = replace_interaction(interaction_id, data)
        return changes

    def undo() -> Changes:
        return revert_interaction(state["snapshot"])  # type: ignore[arg-type]

    return OpCommand(text, redo, undo)

"""The one-click actions advice offers: open a contact, log an interaction, snooze."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from app import exchanges, followups
from ui.qt import QtCore, QtGui, QtWidgets
from ui.selection import ContactSelection
from ui.timeline.commands import OpCommand, push, undo_stack_for

SNOOZE_WEEK = 7
SNOOZE_MONTH = 30


def icon(name: str) -> QtGui.QIcon:
    from ui.resources import icon as resource_icon

    try:
        return resource_icon(name)
    except FileNotFoundError:
        return QtGui.QIcon()


def stack_of(widget: QtWidgets.QWidget, own: QtGui.QUndoStack | None) -> QtGui.QUndoStack | None:
    return own if own is not None else undo_stack_for(widget)


def open_contact(widget: QtWidgets.QWidget, selection: ContactSelection, contact_id: int) -> None:
    """Select the contact everywhere and bring the contact view forward if there is one."""
    selection.set_current(contact_id)
    show_view = getattr(widget.window(), "show_view", None)
    if callable(show_view):
        show_view("contacts")


def log_with(
    widget: QtWidgets.QWidget,
    contact_ids: Sequence[int],
    undo_stack: QtGui.QUndoStack | None,
    today: dt.date,
) -> QtWidgets.QDialog:
    """Open the log dialog with these participants filled in (non-modal)."""
    from ui.timeline.log_dialog import LogInteractionDialog

    dialog = LogInteractionDialog(
        widget.window(),
        list(contact_ids),
        undo_stack=stack_of(widget, undo_stack),
        today=today,
    )
    dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def snooze(
    widget: QtWidgets.QWidget,
    contact_id: int,
    name: str,
    days: int,
    undo_stack: QtGui.QUndoStack | None,
    today: dt.date,
) -> None:
    """Silence a contact's due reminder for ``days``; undoable."""
    state: dict[str, followups.SnoozeSnapshot] = {}

    def redo():  # type: ignore[no-untyped-def]
        state["snapshot"], changes = followups.snooze_for(contact_id, days, today)
        return changes

    def undo():  # type: ignore[no-untyped-def]
        return followups.restore_snoozes(state["snapshot"])

    text = QtCore.QCoreApplication.translate("Insights", "Snooze %1").replace("%1", name)
    push(stack_of(widget, undo_stack), OpCommand(text, redo, undo))


def mark_thanked(
    widget: QtWidgets.QWidget, exchange_id: int, undo_stack: QtGui.QUndoStack | None
) -> None:
    """Record that the user thanked for a recommendation or introduction; undoable."""
    push(
        stack_of(widget, undo_stack),
        OpCommand(
            QtCore.QCoreApplication.translate("Insights", "Mark as thanked"),
            lambda: exchanges.update_exchange(exchange_id, thanked=True),
            lambda: exchanges.update_exchange(exchange_id, thanked=False),
        ),
    )

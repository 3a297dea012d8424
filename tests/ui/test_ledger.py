"""The give & take section: the ledger, its balance sentence, thanks, edit/delete with undo."""

from __future__ import annotations

import datetime as dt

import pytest

from app.contacts import ContactInput, create_contact
from app.exchanges import add_exchange
from app.models import Contact, Exchange
from ui.contacts.model import BALANCE, ContactListModel
from ui.qt import Qt, QtCore, QtGui, QtWidgets
from ui.timeline.contact_section import ContactTimelineSection
from ui.timeline.exchange_dialog import ExchangeDialog
from ui.timeline.ledger_section import LedgerModel, LedgerSection
from ui.timeline.log_dialog import LogInteractionDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
D = dt.date(2026, 11, 20)


@pytest.fixture
def anna(db) -> int:  # type: ignore[no-untyped-def]
    return create_contact(ContactInput(formatted_name="Anna Adler"))[0]


@pytest.fixture
def stack() -> QtGui.QUndoStack:
    return QtGui.QUndoStack()


@pytest.fixture
def section(qtbot, selection, anna, stack) -> LedgerSection:  # type: ignore[no-untyped-def]
    selection.set_current(anna)
    widget = LedgerSection(selection, undo_stack=stack)
    qtbot.addWidget(widget)
    widget.resize(700, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def contact_list(anna) -> ContactListModel:  # type: ignore[no-untyped-def]
    model = ContactListModel()
    model.refresh()
    return model


def list_balance(model: ContactListModel, contact_id: int) -> str:
    row = model.row_of(contact_id)
    assert row is not None
    return model.index(row, BALANCE).data()


def add_through_dialog(
    qtbot, section: LedgerSection, direction: str, text: str, weight: int, kind: str = "help"
) -> None:  # type: ignore[no-untyped-def]
    button = section.gave_button if direction == "gave" else section.received_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = section.last_dialog
    assert isinstance(dialog, ExchangeDialog)
    assert dialog.direction.currentData() == direction
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    qtbot.keyClicks(dialog.description, text)
    dialog.weight.setValue(weight)
    with qtbot.waitSignal(dialog.saved):
        dialog.save()


def test_the_balance_sentence_follows_the_thresholds(qtbot, section, anna, contact_list) -> None:  # type: ignore[no-untyped-def]
    assert section.title() == "Give & take"
    assert section.balance_label.text() == "Nothing given or received yet: give first, then take."
    add_through_dialog(qtbot, section, "gave", "help with the move", 3)
    assert (
        section.balance_label.text()
        == "Balance +3. You have given a little more than you received."
    )
    assert section.model.rowCount() == 1
    add_through_dialog(qtbot, section, "gave", "an introduction", 2, "introduction")
    assert section.balance_label.text() == (
        "Balance +5. You have given much more than you received: a good moment to ask."
    )
    assert Contact.get_by_id(anna).balance == 5
    assert list_balance(contact_list, anna) == "+5"
    for _ in range(3):
        add_through_dialog(qtbot, section, "received", "advice", 3, "advice")
    assert (
        section.balance_label.text()
        == "Balance \u22124. Taking more than giving: time to give something back."
    )
    assert list_balance(contact_list, anna) == "\u22124"


def test_a_gave_received_pair_from_the_log_dialog_moves_list_and_detail(
    qtbot, section, anna, contact_list, selection, stack
) -> None:  # type: ignore[no-untyped-def]
    timeline = ContactTimelineSection(selection, undo_stack=stack)
    qtbot.addWidget(timeline)
    assert list_balance(contact_list, anna) == "0"
    dialog = LogInteractionDialog(None, participant_ids=[anna], undo_stack=stack)
    qtbot.addWidget(dialog)
    dialog.gave.rows[0].text.setText("a contact at the supplier")
    dialog.gave.rows[0].weight.setValue(3)
    dialog.received.rows[0].text.setText("advice on the budget round")
    dialog.save()
    assert (
        section.balance_label.text()
        == "Balance +2. You have given a little more than you received."
    )
    assert list_balance(contact_list, anna) == "+2"
    assert section.model.rowCount() == 2
    assert len(timeline.model.entries()) == 1
    stack.undo()
    assert list_balance(contact_list, anna) == "0"
    assert section.model.rowCount() == 0 and timeline.model.entries() == []


def test_thanked_is_a_check_for_recommendations_and_introductions(
    qtbot, qtmodeltester, section, anna, stack
) -> None:  # type: ignore[no-untyped-def]
    rec, _ = add_exchange(
        anna,
        "received",
        "recommended me",
        kind="recommendation",
        outcome="got the job",
        occurred_on=D,
    )
    add_exchange(anna, "gave", "help", occurred_on=D - dt.timedelta(days=1))
    section.reload()
    model = section.model
    qtmodeltester.check(model)
    thanked = model.index(0, LedgerModel.THANKED)
    assert model.index(0, LedgerModel.OUTCOME).data() == "got the job"
    assert thanked.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.index(1, LedgerModel.THANKED).data(Qt.ItemDataRole.CheckStateRole) is None
    assert not model.flags(model.index(1, LedgerModel.THANKED)) & Qt.ItemFlag.ItemIsUserCheckable
    rect = section.table.visualRect(thanked)
    indicator = section.table.style().pixelMetric(QtWidgets.QStyle.PixelMetric.PM_IndicatorWidth)
    box = QtCore.QPoint(rect.left() + 4 + indicator // 2, rect.center().y())
    qtbot.mouseClick(section.table.viewport(), Qt.MouseButton.LeftButton, pos=box)
    assert Exchange.get_by_id(rec).thanked
    assert model.index(0, LedgerModel.THANKED).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked
    )
    stack.undo()
    assert not Exchange.get_by_id(rec).thanked


def test_edit_and_delete_with_undo(qtbot, section, anna, stack) -> None:  # type: ignore[no-untyped-def]
    first, _ = add_exchange(anna, "gave", "help", weight=2, occurred_on=D)
    section.reload()
    section.table.selectRow(0)
    section.table.setFocus()
    qtbot.keyClick(section.table, Qt.Key.Key_Return)
    dialog = section.last_dialog
    assert isinstance(dialog, ExchangeDialog) and dialog.windowTitle() == "Edit exchange"
    assert dialog.description.text() == "help" and dialog.weight.value() == 2
    dialog.description.setText("help with the slides")
    dialog.save()
    assert Exchange.get_by_id(first).description == "help with the slides"
    assert section.model.index(0, LedgerModel.WHAT).data() == "help with the slides"
    stack.undo()
    assert Exchange.get_by_id(first).description == "help"

    section.table.selectRow(0)
    qtbot.keyClick(section.table, Qt.Key.Key_Delete)
    assert Exchange.get_or_none(Exchange.id == first) is None
    assert section.model.rowCount() == 0
    assert Contact.get_by_id(anna).balance == 0
    stack.undo()
    assert Exchange.get_by_id(first).weight == 2
    assert section.model.rowCount() == 1
    assert Contact.get_by_id(anna).balance == 2


def test_no_contact_shows_nothing(qtbot, selection) -> None:  # type: ignore[no-untyped-def]
    widget = LedgerSection(selection)
    qtbot.addWidget(widget)
    assert widget.model.rowCount() == 0
    assert not widget.gave_button.isEnabled()
    assert widget.add_exchange("gave") is None

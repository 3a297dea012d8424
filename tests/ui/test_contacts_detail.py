"""The contact detail and profile form, driven from the main window like a person would."""

from __future__ import annotations

import datetime as dt

import pytest

from app import contacts
from app.contacts import ContactInput, Labeled
from app.models import Contact, EmailAddress, Participant
from app.timeline import InteractionInput, log_interaction
from ui.contacts.detail import ContactDetail
from ui.contacts.merge import MergeDialog
from ui.contacts.profile import NewContactDialog, ProfileSection
from ui.main_window import MainWindow
from ui.qt import Qt, QtCore, QtWidgets
from ui.settings import use_memory_store

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture(autouse=True)
def memory_settings() -> None:
    use_memory_store()


def add(name: str, **fields: object) -> int:
    cid, _changes = contacts.create_contact(ContactInput(formatted_name=name, **fields))  # type: ignore[arg-type]
    return cid


@pytest.fixture
def window(qtbot, db) -> MainWindow:  # type: ignore[no-untyped-def]
    add("Ada Lovelace", organization="Analytical Engines", emails=[Labeled("ada@example.org")])
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeWindow() is win, timeout=2000)
    return win


def new_dialog() -> NewContactDialog:
    dialogs = [
        w for w in QtWidgets.QApplication.topLevelWidgets() if isinstance(w, NewContactDialog)
    ]
    assert dialogs, "no new-contact dialog open"
    return dialogs[-1]


def profile_of(win: MainWindow) -> ProfileSection:
    detail = win.view("contacts")
    assert isinstance(detail, ContactDetail)
    section = detail.section("profile")
    assert isinstance(section, ProfileSection)
    return section


def test_a_contact_is_created_with_the_keyboard_alone(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = new_dialog()
    qtbot.waitUntil(lambda: QtWidgets.QApplication.focusWidget() is dialog.form.name)
    qtbot.keyClicks(QtWidgets.QApplication.focusWidget(), "Grace Hopper")
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(QtWidgets.QApplication.focusWidget(), "Grace")
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), Qt.Key.Key_Return)
    created = Contact.get(Contact.formatted_name == "Grace Hopper")
    assert created.given_name == "Grace"
    assert window.selection.current == created.id
    assert window.contact_list.model.row_of(created.id) is not None
    # Undo (from the list, where Ctrl+Z is not a text edit's own undo) removes it again.
    window.activateWindow()
    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeWindow() is window)
    window.contact_list.table.setFocus()
    qtbot.keyClick(window.contact_list.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert Contact.get_or_none(Contact.formatted_name == "Grace Hopper") is None


def test_an_invalid_email_shows_an_error_and_saves_nothing(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.contact_actions.new.trigger()
    dialog = new_dialog()
    qtbot.keyClicks(dialog.form.name, "Bad Mail")
    qtbot.mouseClick(dialog.form.emails.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.form.emails.value_edits()[0], "not-an-address")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    errors = [
        label.text()
        for label in dialog.findChildren(QtWidgets.QLabel, "fieldError")
        if label.isVisible()
    ]
    assert any("not a valid e-mail address" in text for text in errors)
    assert dialog.isVisible()
    assert Contact.get_or_none(Contact.formatted_name == "Bad Mail") is None


def test_editing_saves_and_ctrl_z_restores(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    ada = Contact.get(Contact.formatted_name == "Ada Lovelace").id
    window.open_contact(ada)
    section = profile_of(window)
    assert section.form.name.text() == "Ada Lovelace"
    qtbot.mouseClick(section.form.organization, Qt.MouseButton.LeftButton)
    section.form.organization.selectAll()
    qtbot.keyClicks(section.form.organization, "Difference Engines")
    qtbot.mouseClick(section.form.phones.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(section.form.phones.value_edits()[0], "030 1234567")
    qtbot.mouseClick(section.form.organization, Qt.MouseButton.LeftButton)
    qtbot.keyClick(section.form.organization, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = contacts.load_contact(ada)
    assert saved.organization == "Difference Engines"
    assert saved.phones[0].value == "+49 30 1234567"
    assert window.view("contacts").header.role_line.text() == "Difference Engines"  # type: ignore[union-attr]
    window.undo_stack.undo()
    assert contacts.load_contact(ada).organization == "Analytical Engines"
    assert section.form.organization.text() == "Analytical Engines"


def test_an_invalid_edit_saves_nothing(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    ada = Contact.get(Contact.formatted_name == "Ada Lovelace").id
    window.open_contact(ada)
    section = profile_of(window)
    edit = section.form.emails.value_edits()[0]
    edit.selectAll()
    qtbot.keyClicks(edit, "ada@@example")
    qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    assert contacts.load_contact(ada).emails == [Labeled("ada@example.org", "")]
    assert window.undo_stack.count() == 0


def test_archive_with_delete_and_undo(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    grace = add("Grace Hopper")
    window.contact_list.model.refresh()
    window.open_contact(grace)
    window.contact_list.table.setFocus()
    qtbot.keyClick(window.contact_list.table, Qt.Key.Key_Delete)
    assert Contact.get_by_id(grace).archived
    assert window.contact_list.model.row_of(grace) is None
    assert "Archived 1 contact" in window.statusBar().currentMessage()
    assert window.undo_button.isVisible()
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    assert not Contact.get_by_id(grace).archived
    assert window.contact_list.model.row_of(grace) is not None


def test_merging_two_contacts_keeps_everything_on_the_survivor(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    ada = Contact.get(Contact.formatted_name == "Ada Lovelace").id
    twin = add("Ada King", emails=[Labeled("countess@example.org")])
    first, _ = log_interaction(InteractionInput(participant_ids=[ada], occurred_on=dt.date.today()))
    second, _ = log_interaction(
        InteractionInput(participant_ids=[twin], occurred_on=dt.date.today())
    )
    window.contact_list.model.refresh()
    window.selection.set_selected([ada, twin])
    assert window.contact_actions.merge.isEnabled()
    window.contact_actions.merge.trigger()
    dialog = window.findChild(MergeDialog)
    assert dialog is not None and dialog.isVisible()
    keep_second = dialog.choices[1]
    qtbot.mouseClick(
        keep_second, Qt.MouseButton.LeftButton, pos=QtCore.QPoint(8, keep_second.height() // 2)
    )
    assert keep_second.isChecked()
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert Contact.get_or_none(Contact.id == ada) is None
    emails = {e.address for e in EmailAddress.select().where(EmailAddress.contact == twin)}
    assert emails == {"ada@example.org", "countess@example.org"}
    interactions = {
        p.interaction_id for p in Participant.select().where(Participant.contact == twin)
    }
    assert interactions == {first, second}
    assert window.selection.current == twin


def test_bulk_tag_and_undo(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    ada = Contact.get(Contact.formatted_name == "Ada Lovelace").id
    grace = add("Grace Hopper", tags=["navy"])
    window.contact_list.model.refresh()
    window.selection.set_selected([ada, grace])
    window.contact_actions.tag_selected("navy")
    assert contacts.tags_of(ada) == ["navy"]
    window.undo_stack.undo()
    assert contacts.tags_of(ada) == []
    assert contacts.tags_of(grace) == ["navy"]


def test_a_merge_is_undone_with_ctrl_z_and_redone(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    ada = Contact.get(Contact.formatted_name == "Ada Lovelace").id
    twin = add("Ada King", emails=[Labeled("countess@example.org")], tags=["poetry"])
    first, _ = log_interaction(InteractionInput(participant_ids=[ada], occurred_on=dt.date.today()))
    second, _ = log_interaction(
        InteractionInput(participant_ids=[twin], occurred_on=dt.date.today())
    )
    before = {cid: contacts.load_contact(cid) for cid in (ada, twin)}
    window.contact_list.model.refresh()
    window.selection.set_selected([ada, twin])
    window.contact_actions.merge.trigger()
    dialog = window.findChild(MergeDialog)
    assert dialog is not None
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert Contact.get_or_none(Contact.id == twin) is None
    assert window.contact_list.model.row_of(twin) is None
    assert window.undo_stack.undoText() == "Merge Ada King into Ada Lovelace"
    assert window.undo_button.isVisible()

    window.activateWindow()
    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeWindow() is window)
    window.contact_list.table.setFocus()
    qtbot.keyClick(window.contact_list.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {cid: contacts.load_contact(cid) for cid in (ada, twin)} == before
    assert window.contact_list.model.row_of(ada) is not None
    assert window.contact_list.model.row_of(twin) is not None
    assert [p.interaction_id for p in Participant.select().where(Participant.contact == twin)] == [
        second
    ]
    assert [p.interaction_id for p in Participant.select().where(Participant.contact == ada)] == [
        first
    ]

    window.undo_stack.redo()
    assert Contact.get_or_none(Contact.id == twin) is None
    assert window.contact_list.model.row_of(twin) is None
    assert {p.interaction_id for p in Participant.select().where(Participant.contact == ada)} == {
        first,
        second,
    }
    window.undo_stack.undo()
    assert {cid: contacts.load_contact(cid) for cid in (ada, twin)} == before


def test_undoing_and_redoing_a_creation_keeps_the_id(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.contact_actions.new.trigger()
    dialog = new_dialog()
    qtbot.keyClicks(dialog.form.name, "Grace Hopper")
    qtbot.mouseClick(dialog.form.emails.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.form.emails.value_edits()[0], "grace@example.org")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    grace = Contact.get(Contact.formatted_name == "Grace Hopper").id
    data = contacts.load_contact(grace)
    window.undo_stack.undo()
    assert Contact.get_or_none(Contact.id == grace) is None
    assert window.contact_list.model.row_of(grace) is None
    newer = add("Katherine Johnson")
    assert newer != grace
    window.undo_stack.redo()
    assert contacts.load_contact(grace) == data
    assert window.contact_list.model.row_of(grace) is not None
    assert window.contact_list.model.row_of(newer) is not None


# --- edits that do not validate are kept as drafts, never dropped -----------------------


@pytest.fixture
def anna(window: MainWindow) -> int:
    cid = add("Anna Müller", emails=[Labeled("anna@example.org")])
    window.contact_list.model.refresh()
    return cid


def ada_id() -> int:
    return Contact.get(Contact.formatted_name == "Ada Lovelace").id


def click_contact(qtbot, win: MainWindow, contact_id: int) -> None:  # type: ignore[no-untyped-def]
    """Click the contact's name in the list, as a person switches contacts."""
    table = win.contact_list.table
    row = win.contact_list.model.row_of(contact_id)
    assert row is not None
    rect = table.visualRect(win.contact_list.model.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.selection.current == contact_id


def retype(qtbot, edit: QtWidgets.QLineEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def shown_errors(section: ProfileSection) -> list[str]:
    return [
        label.text()
        for label in section.findChildren(QtWidgets.QLabel, "fieldError")
        if label.isVisible()
    ]


def message_box(win: MainWindow) -> QtWidgets.QMessageBox:
    boxes = [b for b in win.findChildren(QtWidgets.QMessageBox) if b.isVisible()]
    assert len(boxes) == 1, "expected one question"
    return boxes[0]


def leave_a_draft_on(qtbot, win: MainWindow, contact_id: int) -> ProfileSection:  # type: ignore[no-untyped-def]
    """Mistype the contact's e-mail address, then click another contact."""
    click_contact(qtbot, win, contact_id)
    section = profile_of(win)
    retype(qtbot, section.form.emails.value_edits()[0], "anna@@example")
    click_contact(qtbot, win, ada_id())
    return section


def test_an_invalid_edit_is_kept_when_moving_away_and_shown_again(qtbot, window, anna) -> None:  # type: ignore[no-untyped-def]
    window.open_contact(ada_id())
    with qtbot.waitSignal(profile_of(window).draft_kept) as kept:
        section = leave_a_draft_on(qtbot, window, anna)
    assert kept.args[0] == anna
    assert (
        window.statusBar().currentMessage()
        == kept.args[1]
        == (
            "Your changes to Anna Müller are not saved yet: the e-mail address is not valid. "
            "They are kept until you fix or discard them."
        )
    )
    assert section.form.name.text() == "Ada Lovelace"
    assert not section.save_button.isEnabled()
    assert not section.draft_note.isVisible()
    assert contacts.load_contact(anna).emails == [Labeled("anna@example.org", "")]

    click_contact(qtbot, window, anna)
    edit = section.form.emails.value_edits()[0]
    assert edit.text() == "anna@@example"
    assert any("not a valid e-mail address" in text for text in shown_errors(section))
    assert section.draft_note.isVisible()
    assert "the e-mail address is not valid" in section.draft_note.text()
    assert section.save_button.isEnabled() and section.revert_button.isEnabled()
    assert window.contact_list.table.hasFocus()  # showing the draft does not take the focus

    retype(qtbot, edit, "anna@example.com")
    qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    assert contacts.load_contact(anna).emails == [Labeled("anna@example.com", "")]
    assert not section.draft_note.isVisible()
    assert not section.save_button.isEnabled()
    assert window.undo_stack.count() == 1
    click_contact(qtbot, window, ada_id())
    click_contact(qtbot, window, anna)
    assert section.form.emails.value_edits()[0].text() == "anna@example.com"
    assert not section.save_button.isEnabled()


def test_revert_discards_a_kept_draft(qtbot, window, anna) -> None:  # type: ignore[no-untyped-def]
    window.open_contact(ada_id())
    section = leave_a_draft_on(qtbot, window, anna)
    click_contact(qtbot, window, anna)
    qtbot.mouseClick(section.revert_button, Qt.MouseButton.LeftButton)
    assert section.form.emails.value_edits()[0].text() == "anna@example.org"
    assert not section.draft_note.isVisible()
    assert shown_errors(section) == []
    click_contact(qtbot, window, ada_id())
    click_contact(qtbot, window, anna)
    assert section.form.emails.value_edits()[0].text() == "anna@example.org"
    assert not section.revert_button.isEnabled()
    assert not section.has_draft(anna)
    assert contacts.load_contact(anna).emails == [Labeled("anna@example.org", "")]


def test_valid_edits_are_still_saved_when_moving_away(qtbot, window, anna) -> None:  # type: ignore[no-untyped-def]
    window.open_contact(anna)
    section = profile_of(window)
    retype(qtbot, section.form.organization, "Mueller & Partner")
    click_contact(qtbot, window, ada_id())
    assert contacts.load_contact(anna).organization == "Mueller & Partner"
    assert "not saved" not in window.statusBar().currentMessage()
    assert section.unsaved() == {}
    assert window.undo_stack.count() == 1


def test_closing_with_a_draft_asks_and_discard_closes(qtbot, window, anna) -> None:  # type: ignore[no-untyped-def]
    window.open_contact(ada_id())
    section = leave_a_draft_on(qtbot, window, anna)
    assert not window.close()
    assert window.isVisible()
    box = message_box(window)
    assert box.text().startswith("You have unsaved changes to Anna Müller.")
    qtbot.mouseClick(
        box.button(QtWidgets.QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )
    # Cancel goes back to the contact whose changes wait, with the draft in the form.
    assert window.isVisible()
    assert window.selection.current == anna
    assert section.form.emails.value_edits()[0].text() == "anna@@example"

    assert not window.close()
    box = message_box(window)
    qtbot.mouseClick(
        box.button(QtWidgets.QMessageBox.StandardButton.Discard), Qt.MouseButton.LeftButton
    )
    assert not window.isVisible()
    assert section.unsaved() == {}
    assert contacts.load_contact(anna).emails == [Labeled("anna@example.org", "")]


def test_quitting_with_invalid_edits_in_the_form_asks(qtbot, window, anna, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    quits: list[bool] = []
    monkeypatch.setattr(QtWidgets.QApplication, "quit", lambda: quits.append(True))
    window.open_contact(ada_id())
    section = leave_a_draft_on(qtbot, window, anna)
    retype(qtbot, section.form.organization, "Partner GmbH")
    retype(qtbot, section.form.birthday, "31.02.")
    window.quit_action.trigger()
    assert quits == []
    box = message_box(window)
    assert box.text().startswith(
        "You have unsaved changes to 2 contacts: Ada Lovelace, Anna Müller."
    )
    qtbot.mouseClick(
        box.button(QtWidgets.QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )
    # Cancel points at the shown contact's problem, which had not been checked yet.
    assert window.selection.current == ada_id()
    assert any("Birthday is not valid" in text for text in shown_errors(section))
    assert QtWidgets.QApplication.focusWidget() is section.form.birthday
    assert quits == []
    window.quit_action.trigger()
    box = message_box(window)
    qtbot.mouseClick(
        box.button(QtWidgets.QMessageBox.StandardButton.Discard), Qt.MouseButton.LeftButton
    )
    assert quits == [True]
    assert contacts.load_contact(ada_id()).organization == "Analytical Engines"
    assert section.form.birthday.text() == ""
    assert section.unsaved() == {}


def test_quitting_saves_valid_edits_without_asking(qtbot, window, anna, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    quits: list[bool] = []
    monkeypatch.setattr(QtWidgets.QApplication, "quit", lambda: quits.append(True))
    window.open_contact(anna)
    section = profile_of(window)
    retype(qtbot, section.form.organization, "Partner GmbH")
    window.quit_action.trigger()
    assert quits == [True]
    assert contacts.load_contact(anna).organization == "Partner GmbH"
    assert not [b for b in window.findChildren(QtWidgets.QMessageBox) if b.isVisible()]

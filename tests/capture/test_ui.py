"""The desktop side of capture, driven like a person would (issue 16): add a mailbox in
Settings → Sources and see its first scan finish; clear the inbox with the keyboard
alone; the badge and the tray line count what is open."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app import settings
from app.capture import suggestions as inbox
from app.capture.scan import scan
from app.capture.sources import add_local_source, list_sources
from app.models import Dismissal, Interaction
from tests.helpers import mail
from tests.helpers.dovecot import Dovecot
from ui import ops as ops_module
from ui.main_window import MainWindow
from ui.qt import Qt, QtWidgets
from ui.settings import use_memory_store
from ui.settings_dialog import SettingsDialog
from ui.suggestions.model import SuggestionListModel
from ui.suggestions.sources_page import ImapDialog, SourcesPage
from ui.suggestions.view import SuggestionsView

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture(autouse=True)
def inline_ops() -> Iterator[None]:
    ops_module.use_inline_executor()
    use_memory_store()
    yield
    ops_module.reset_runner()


def window(qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1024, 700)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeWindow() is win)
    return win


def test_add_a_mailbox_in_settings_and_see_its_first_scan_finish(
    qtbot, contacts: dict[str, int], dovecot: Dovecot  # type: ignore[no-untyped-def]
) -> None:
    win = window(qtbot)
    dialog = win.show_settings()
    assert isinstance(dialog, SettingsDialog)
    page = dialog.sources_page
    dialog.tabs.setCurrentWidget(page)
    assert page.addresses.text() == mail.ALIAS
    imap = page.open_imap_dialog()
    assert isinstance(imap, ImapDialog)
    qtbot.keyClicks(imap.host, "127.0.0.1")
    imap.security.setCurrentIndex(imap.security.findData("imap"))
    imap.port.setValue(dovecot.port)
    qtbot.keyClicks(imap.user, dovecot.user)
    qtbot.keyClicks(imap.password, "wrong")
    qtbot.mouseClick(imap.ok_button, Qt.MouseButton.LeftButton)
    assert imap.isVisible() and imap.error.text() == "The server refused the user name or password."
    assert list_sources() == []
    imap.password.clear()
    qtbot.keyClicks(imap.password, dovecot.password)
    qtbot.mouseClick(imap.ok_button, Qt.MouseButton.LeftButton)
    assert not imap.isVisible()
    # The first scan ran at once and says what it found.
    assert page.status.text() == "127.0.0.1: 16 new messages or events read, 5 new suggestions"
    assert page.model.rowCount() == 1
    assert "127.0.0.1 — Mailbox (IMAP)" in page.model.index(0, 0).data()
    assert not page.progress.isVisible()
    qtbot.keyClicks(page.addresses, ", me@work.example")
    page.auto_accept.setChecked(True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert settings.get("my_email_addresses") == f"{mail.ALIAS}, me@work.example"
    assert settings.get("capture_auto_accept_email") is True
    assert win.suggestion_badge.counter.count == 5


def test_local_folders_found_on_this_computer_are_offered(
    qtbot, contacts: dict[str, int], tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    local = tmp_path / ".thunderbird" / "x.default" / "Mail" / "Local Folders"
    local.mkdir(parents=True)
    mail.write_mbox(local / "Inbox", mail.scenario())
    (local / "Inbox.msf").write_text("")
    page = SourcesPage(home=tmp_path)
    qtbot.addWidget(page)
    page.local_menu.aboutToShow.emit()
    texts = [a.text() for a in page.local_menu.actions() if not a.isSeparator()]
    assert texts[0] == "Thunderbird: Local Folders/Inbox"
    page.local_menu.actions()[0].trigger()
    assert [s.kind for s in list_sources()] == ["mbox"]
    assert "5 new suggestions" in page.status.text()
    box = page.forget_current()
    assert box is not None
    box.button(QtWidgets.QMessageBox.StandardButton.Yes).click()
    assert list_sources() == [] and inbox.open_suggestions() == []


def test_a_day_of_suggestions_is_cleared_with_the_keyboard_alone(
    qtbot, contacts: dict[str, int], maildir: Path  # type: ignore[no-untyped-def]
) -> None:
    add_local_source("maildir", maildir)
    win = window(qtbot)
    qtbot.keyClick(win.contact_list.table, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    view = win.view("suggestions")
    assert isinstance(view, SuggestionsView) and win.current_view == "suggestions"
    assert view.title.text() == "No suggestions"
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_F5)  # scan now
    assert view.title.text() == "5 suggestions"
    assert win.suggestion_badge.counter.count == 5
    assert view.list.hasFocus()
    # Newest first: Dora (a contact, no date) first, then 2026-11-05 Kickoff …
    first = view.current()
    assert first is not None and first.kind == inbox.CONTACT
    qtbot.keyClick(view.list, Qt.Key.Key_Delete)  # dismiss Dora
    assert view.current() is not None and view.current().summary == "Kickoff"
    # E: the log dialog, prefilled; Ctrl+Enter saves it with the suggestion's origin.
    qtbot.keyClick(view.list, Qt.Key.Key_E)
    dialog = QtWidgets.QApplication.activeModalWidget() or next(
        w for w in QtWidgets.QApplication.topLevelWidgets()
        if w.isVisible() and w.windowTitle() == "Log interaction"
    )
    assert dialog.summary.text() == "Kickoff"
    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeWindow() is dialog)
    assert sorted(dialog.participant_ids()) == sorted([contacts["anna"], contacts["bernd"]])
    qtbot.keyClicks(dialog.summary, " (budget)")
    qtbot.keyClick(dialog.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert view.title.text() == "3 suggestions"
    win.activateWindow()  # what a window manager does when the dialog closes; offscreen has none
    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeWindow() is win)
    assert view.list.hasFocus()
    # P: everything with Bernd at once (the lunch); Enter: the rest, one by one.
    while view.current() is not None and view.current().summary != "Lunch next week?":
        qtbot.keyClick(view.list, Qt.Key.Key_Down)
    qtbot.keyClick(view.list, Qt.Key.Key_P)
    assert view.title.text() == "2 suggestions"
    qtbot.keyClick(view.list, Qt.Key.Key_Return)
    qtbot.keyClick(view.list, Qt.Key.Key_Return)
    assert view.title.text() == "No suggestions"
    assert view.empty.isVisible()
    assert win.suggestion_badge.counter.count == 0
    kickoff = Interaction.get(Interaction.origin == "message-id:<kickoff-1@example.org>#2026-11-05")
    assert kickoff.summary == "Kickoff (budget)"
    assert Interaction.select().where(Interaction.origin.is_null(False)).count() == 4
    assert Dismissal.select().count() == 1
    # Undo takes the last accept back: the suggestion is open again.
    qtbot.keyClick(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.title.text() == "1 suggestion"


def test_the_tray_menu_counts_open_suggestions(
    qtbot, contacts: dict[str, int], maildir: Path  # type: ignore[no-untyped-def]
) -> None:
    from ui.tray import TrayService

    add_local_source("maildir", maildir)
    scan()
    win = window(qtbot)
    tray = TrayService(win, win, tray_available=lambda: False)
    tray.start()
    texts = [a.text() for a in tray.menu.actions()]
    assert texts[1] == "5 suggestions to review…"
    tray.menu.actions()[1].trigger()
    assert win.current_view == "suggestions"
    ops_module.ops().broadcast(inbox.dismiss([s.id for s in inbox.open_suggestions()]))
    assert not any("to review" in a.text() for a in tray.menu.actions())
    tray.stop()


def test_the_suggestion_model_is_a_sound_qt_model(
    qtmodeltester, contacts: dict[str, int], maildir: Path  # type: ignore[no-untyped-def]
) -> None:
    add_local_source("maildir", maildir)
    scan()
    model = SuggestionListModel()
    model.set_items(inbox.open_suggestions())
    qtmodeltester.check(model)
    texts = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert "E-mail on 5 Nov 2026: Kickoff\nAnna Berg, Bernd Klein" in texts
    assert "New contact: Dora Decker\ndora@partner.example" in texts

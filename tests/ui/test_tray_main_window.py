"""The tray service wired into the real main window, as ui.application will wire it."""

from __future__ import annotations

import pytest

from app.derived import due_contacts
from tests.ui.test_tray import TODAY, Clock, RecordingTray, overdue_contact
from ui.main_window import MainWindow
from ui.qt import QtCore, QtWidgets
from ui.settings import use_memory_store

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def window(qtbot, db) -> MainWindow:  # type: ignore[no-untyped-def]
    use_memory_store()
    w = MainWindow()
    qtbot.addWidget(w)
    return w


def wire(window: MainWindow, available: bool, clock: Clock | None = None) -> RecordingTray:
    clock = clock or Clock()
    tray = RecordingTray(window, window, clock=clock, tray_available=lambda: available)
    window.close_handler = tray.handle_close
    window.add_banner(tray.create_banner(window))
    return tray


def test_menu_entry_opens_the_contact_in_the_main_window(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    anna = overdue_contact("Anna", 5)
    bert = overdue_contact("Bert", 9)
    clock = Clock()
    tray = wire(window, available=True, clock=clock)
    assert tray.start_hidden()
    assert not window.isVisible()
    assert [a.data() for a in tray.contact_actions()] == [bert, anna]
    tray.contact_actions()[1].trigger()
    assert window.isVisible()
    assert window.selection.current == anna
    assert window.current_view == "contacts"

    assert tray.icon.messages[0][0] == "2 contacts need attention"
    window.close()  # into the tray, with the one-time hint
    assert not window.isVisible()
    assert tray.icon.messages[-1][0] == "Allies keeps running"
    tray.icon.messageClicked.emit()  # a click on the hint brings the window back
    assert window.isVisible() and window.current_view == "contacts"

    window.close()
    clock.advance(days=1)  # the next morning: a new summary
    tray.timer.timeout.emit()
    assert tray.icon.messages[-1][0] == "2 contacts need attention"
    tray.icon.messageClicked.emit()  # a click on a summary opens the due list
    assert window.isVisible() and window.current_view == "insights"


def test_snoozing_from_the_menu_is_undone_with_the_window_undo(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    overdue_contact("Anna", 5)
    tray = wire(window, available=True)
    tray.start()
    tray.snooze_action.trigger()
    assert tray.report.count == 0 and due_contacts(TODAY, include_snoozed=False) == []
    assert window.undo_stack.undoText() == "Snooze all until tomorrow"
    window.undo_stack.undo()
    assert tray.report.count == 1


def test_without_a_tray_the_banner_sits_in_the_window(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    anna = overdue_contact("Anna", 5)
    tray = wire(window, available=False)
    assert tray.start_hidden() is False
    qtbot.waitExposed(window)
    banner = tray._banners[0]
    assert banner.isVisible()
    qtbot.waitUntil(lambda: bool(banner.entry_buttons))
    qtbot.mouseClick(banner.entry_buttons[0], QtCore.Qt.MouseButton.LeftButton)
    assert window.selection.current == anna
    assert window.close() and not window.isVisible()
    assert QtWidgets.QApplication.quitOnLastWindowClosed()

"""Without a system tray: the reminders show in the main window's banner; nothing fails."""

from __future__ import annotations

import pytest

from app import followups
from tests.ui.test_tray import (
    TODAY,
    Clock,
    RecordingTray,
    StandInWindow,
    make_window,
    offscreen_limits,
    overdue_contact,
)
from ui.qt import QtCore, QtWidgets
from ui.reminder_banner import ReminderBanner
from ui.tray import TrayService

pytestmark = offscreen_limits


@pytest.fixture
def window(qtbot) -> StandInWindow:  # type: ignore[no-untyped-def]
    return make_window(qtbot)


def test_offscreen_has_no_tray_and_the_real_service_copes(qtbot, db, window) -> None:  # type: ignore[no-untyped-def]
    assert not QtWidgets.QSystemTrayIcon.isSystemTrayAvailable()
    overdue_contact("Anna", 3)
    service = TrayService(window, clock=Clock())
    assert service.start_hidden() is False  # nothing could bring a hidden window back
    assert window.isVisible()
    assert not service.tray_available
    assert not service.icon.isVisible()
    assert QtWidgets.QApplication.quitOnLastWindowClosed()
    assert window.close() and not window.isVisible()  # no tray: closing really closes
    service.stop()


def test_banner_shows_the_due_list_and_opens_contacts(qtbot, db, window) -> None:  # type: ignore[no-untyped-def]
    overdue_contact("Bert", 30)
    anna = overdue_contact("Anna", 12)
    carl = overdue_contact("Carl", 1, birthday="--03-15")
    dora = overdue_contact("Dora", 0)
    followups.add_follow_up(dora, TODAY, "send the slides for the keynote talk in May")
    overdue_contact("Emil", 5)
    service = TrayService(window, clock=Clock(), tray_available=lambda: False)
    banner = service.create_banner()
    window.setCentralWidget(banner)
    window.resize(1000, 120)
    service.start()
    window.show()
    qtbot.waitExposed(window)
    assert banner.isVisible()
    assert banner.headline.text() == "5 relationships need attention:"
    assert [b.text() for b in banner.entry_buttons] == [
        "Carl (birthday)",
        "Dora (follow-up)",
        "Bert (30 days)",
        "Anna (12 days)",
    ]
    assert banner.more.text() == "and 1 more"
    qtbot.mouseClick(banner.entry_buttons[3], QtCore.Qt.MouseButton.LeftButton)
    assert window.opened == [anna]
    qtbot.mouseClick(banner.show_button, QtCore.Qt.MouseButton.LeftButton)
    assert window.views == ["insights"]
    qtbot.mouseClick(banner.entry_buttons[0], QtCore.Qt.MouseButton.LeftButton)
    assert window.opened == [anna, carl]

    window.undo_stack.clear()
    service.snooze_all_until_tomorrow()
    assert [b.text() for b in banner.entry_buttons] == [
        "Carl (birthday)",
        "Dora (follow-up)",
    ]
    assert banner.headline.text() == "2 relationships need attention:"
    assert banner.more.isHidden()
    service.stop()


def test_banner_hides_when_nothing_is_due(qtbot, db, window) -> None:  # type: ignore[no-untyped-def]
    service = TrayService(window, clock=Clock(), tray_available=lambda: False)
    banner = service.create_banner(window)
    service.start()
    assert banner.isHidden()
    service.stop()


def test_banner_steps_aside_when_a_tray_appears(qtbot, db, window) -> None:  # type: ignore[no-untyped-def]
    overdue_contact("Anna", 3)
    tray_present = [False]
    service = RecordingTray(window, clock=Clock(), tray_available=lambda: tray_present[0])
    banner = service.create_banner()
    window.setCentralWidget(banner)
    window.show()
    service.start()
    assert banner.isVisible() and not service.icon.visible
    tray_present[0] = True  # the panel started after Allies
    with qtbot.waitSignal(service.tray_available_changed) as blocker:
        service.timer.timeout.emit()
    assert blocker.args == [True]
    assert banner.isHidden() and service.icon.visible
    service.stop()


def test_user_text_in_the_banner_is_plain(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    overdue_contact("<b>Eve</b> & Co", 3)
    from app.reminders import due_report

    banner = ReminderBanner()
    qtbot.addWidget(banner)
    banner.set_report(due_report(TODAY))
    banner.resize(600, 40)
    qtbot.waitExposed(banner)
    assert banner.entry_buttons[0].text() == "<b>Eve</b> && Co (3 days)"
    assert banner.headline.textFormat() == QtCore.Qt.TextFormat.PlainText


@pytest.mark.parametrize("enabled", [True, False])
def test_banner_can_be_switched_off(qtbot, db, enabled: bool) -> None:  # type: ignore[no-untyped-def]
    overdue_contact("Anna", 3)
    from app.reminders import due_report

    banner = ReminderBanner()
    qtbot.addWidget(banner)
    banner.show()
    banner.set_report(due_report(TODAY), enabled=enabled)
    assert banner.isVisible() is enabled


def test_banner_shows_as_many_names_as_fit(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    for name in ("Anna Amsel", "Bert Buchfink", "Carl Cormoran", "Dora Dohle"):
        overdue_contact(name, 3)
    from app.reminders import due_report

    banner = ReminderBanner()
    qtbot.addWidget(banner)
    banner.set_report(due_report(TODAY))
    banner.resize(1200, 40)
    qtbot.waitExposed(banner)
    assert len(banner.entry_buttons) == 4 and banner.more.isHidden()
    wide = banner.width()
    banner.resize(banner.minimumSizeHint().width() + 10, 40)
    qtbot.waitUntil(lambda: len(banner.entry_buttons) < 4)
    shown = len(banner.entry_buttons)
    assert banner.more.text() == f"and {4 - shown} more"
    assert banner.minimumSizeHint().width() < wide / 2  # it never forces a wide window


def test_a_hidden_window_comes_back_when_the_tray_goes_away(qtbot, db, window) -> None:  # type: ignore[no-untyped-def]
    tray_present = [True]
    service = RecordingTray(window, clock=Clock(), tray_available=lambda: tray_present[0])
    window.tray = service
    assert service.start_hidden()
    assert not window.isVisible()
    tray_present[0] = False  # the panel crashed
    service.timer.timeout.emit()
    assert window.isVisible() and not service.icon.visible
    assert window.close() and not window.isVisible()  # and closing now really closes
    service.stop()

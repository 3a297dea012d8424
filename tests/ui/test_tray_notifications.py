"""Desktop notifications: what the policy decides reaches showMessage, and a click opens it.

Offscreen there is no tray to show a message in, so the service runs with a tray icon
that records ``showMessage(title, body)`` (tests/ui/test_tray.py); the real icon on a real
tray is shown in tests/xvfb.
"""

from __future__ import annotations

import datetime as dt

import pytest

from app import followups
from app.contacts import ContactInput, create_contact
from tests.ui.test_tray import (
    TODAY,
    Clock,
    RecordingTray,
    StandInWindow,
    make_window,
    offscreen_limits,
    overdue_contact,
)
from ui.qt import QtWidgets
from ui.tray import CHECK_INTERVAL

pytestmark = offscreen_limits


@pytest.fixture
def window(qtbot) -> StandInWindow:  # type: ignore[no-untyped-def]
    return make_window(qtbot)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def make_tray(window: StandInWindow, clock: Clock) -> RecordingTray:
    service = RecordingTray(window, clock=clock, tray_available=lambda: True)
    window.tray = service
    return service


def test_one_due_contact_gives_one_notification_that_opens_it(db, window, clock) -> None:  # type: ignore[no-untyped-def]
    anna = overdue_contact("Anna Schmidt", 12)
    tray = make_tray(window, clock)
    tray.start()
    assert tray.icon.messages == [("Anna Schmidt", "Time to get in touch: 12 days overdue")]
    tray.icon.messageClicked.emit()
    assert window.opened == [anna]
    assert window.isVisible()


def test_several_due_contacts_give_one_summary_that_opens_the_due_list(  # type: ignore[no-untyped-def]
    db, window, clock
) -> None:
    for name, days in [("Anna", 3), ("Bert", 30), ("Carl", 8), ("Dora", 1), ("Emil", 2)]:
        overdue_contact(name, days)
    tray = make_tray(window, clock)
    tray.start()
    assert tray.icon.messages == [
        ("5 contacts need attention", "Bert, Carl, Anna, Emil and 1 more")
    ]
    tray.icon.messageClicked.emit()
    assert window.views == ["insights"]
    assert window.opened == []


def test_birthdays_and_follow_ups_are_said_in_the_notification(db, window, clock) -> None:  # type: ignore[no-untyped-def]
    anna = overdue_contact("Anna", 4, birthday="1985-03-15")
    followups.add_follow_up(anna, TODAY, "send the article")
    tray = make_tray(window, clock)
    tray.start()
    assert tray.icon.messages == [
        (
            "Anna",
            "Birthday today: turns 42\n"
            "Follow-up: send the article\n"
            "Time to get in touch: 4 days overdue",
        )
    ]


def test_nothing_during_quiet_hours_then_once_after_them(db, window, clock) -> None:  # type: ignore[no-untyped-def]
    overdue_contact("Anna", 4)
    clock.moment = dt.datetime(2027, 3, 15, 22, 0)
    tray = make_tray(window, clock)
    tray.start()
    assert tray.icon.messages == []
    assert tray.icon.toolTip() == "1 relationship due"  # the count shows all the same
    clock.moment = dt.datetime(2027, 3, 16, 7, 30)  # next morning, still quiet
    tray.timer.timeout.emit()
    assert tray.icon.messages == []
    clock.moment = dt.datetime(2027, 3, 16, 8, 1)
    tray.timer.timeout.emit()
    assert [title for title, _ in tray.icon.messages] == ["Anna"]


def test_timer_checks_every_interval_not_every_tick(db, window, clock) -> None:  # type: ignore[no-untyped-def]
    overdue_contact("Anna", 4)
    tray = make_tray(window, clock)
    tray.start()
    assert len(tray.icon.messages) == 1
    create_contact(ContactInput("Bert", cadence_days=0))  # never due: no noise
    bert = overdue_contact("Bert Neu", 1)  # written without a broadcast: found by a check
    clock.advance(minutes=1)
    tray.timer.timeout.emit()
    assert len(tray.icon.messages) == 1
    clock.advance(seconds=CHECK_INTERVAL.total_seconds())
    tray.timer.timeout.emit()
    assert tray.icon.messages[-1] == ("Bert Neu", "Time to get in touch: 1 day overdue")
    tray.icon.messageClicked.emit()
    assert window.opened == [bert]


def test_wake_from_sleep_checks_at_once(db, window, clock) -> None:  # type: ignore[no-untyped-def]
    tray = make_tray(window, clock)
    tray.start()
    clock.advance(minutes=1)
    tray.timer.timeout.emit()
    overdue_contact("Anna", 2)
    clock.advance(minutes=5)  # a tick arriving five minutes late: the machine slept
    tray.timer.timeout.emit()
    assert [title for title, _ in tray.icon.messages] == ["Anna"]


def test_day_change_notifies_again_and_same_day_does_not(db, window, clock) -> None:  # type: ignore[no-untyped-def]
    overdue_contact("Anna", 4)
    tray = make_tray(window, clock)
    tray.start()
    clock.moment = dt.datetime(2027, 3, 15, 19, 59)
    tray.check()
    assert len(tray.icon.messages) == 1
    clock.moment = dt.datetime(2027, 3, 16, 9, 0)
    tray.timer.timeout.emit()
    assert tray.icon.messages[-1] == ("Anna", "Time to get in touch: 5 days overdue")


def test_a_restart_does_not_notify_again(db, window, clock) -> None:  # type: ignore[no-untyped-def]
    overdue_contact("Anna", 4)
    overdue_contact("Bert", 6)
    first = make_tray(window, clock)
    first.start()
    assert len(first.icon.messages) == 1
    first.stop()
    restarted = make_tray(window, clock)
    restarted.start()
    assert restarted.icon.messages == []
    assert restarted.icon.toolTip() == "2 relationships due"


def test_notified_signal_carries_the_decision(qtbot, db, window, clock) -> None:  # type: ignore[no-untyped-def]
    anna = overdue_contact("Anna", 4)
    tray = make_tray(window, clock)
    with qtbot.waitSignal(tray.notified) as blocker:
        tray.start()
    assert blocker.args[0].contact_ids == (anna,)


def test_without_a_tray_the_window_asks_for_attention(  # type: ignore[no-untyped-def]
    db, window, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    overdue_contact("Anna", 4)
    alerts: list[object] = []
    monkeypatch.setattr(QtWidgets.QApplication, "alert", lambda w, ms=0: alerts.append(w))
    tray = RecordingTray(window, clock=clock, tray_available=lambda: False)
    tray.start()
    assert alerts == [window]
    assert tray.icon.messages == []

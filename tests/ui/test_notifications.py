"""Desktop notifications over D-Bus when there is no tray: the real DesktopNotifier and
TrayService talking to a fake notification server on a private session bus.

The bus is a real dbus-daemon and the server a separate process using another D-Bus
library (jeepney), which checks call signatures as strictly as GNOME Shell and Plasma
do; nothing on the app side is replaced. tests/xvfb/test_notifications_dbus.py runs the
same path with the app in its own process on the default session bus.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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
from tests.xvfb.notification_bus import (
    FakeNotificationServer,
    notification_server,
    private_bus,
)
from ui.notifications import DesktopNotifier
from ui.qt import QtCore, QtWidgets

pytestmark = offscreen_limits

MARKUP = ("--capabilities", "body,body-markup,actions")


@pytest.fixture
def bus(tmp_path: Path) -> Iterator[str]:
    with private_bus(tmp_path) as address:
        yield address


@pytest.fixture
def server(bus: str) -> Iterator[FakeNotificationServer]:
    with notification_server(bus, *MARKUP) as fake:
        yield fake


@pytest.fixture
def notifier(bus: str) -> Iterator[DesktopNotifier]:
    desktop = DesktopNotifier(address=bus)
    yield desktop
    desktop.close()


@pytest.fixture
def window(qtbot) -> StandInWindow:  # type: ignore[no-untyped-def]
    return make_window(qtbot)


@pytest.fixture
def alerts(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The windows that asked for attention (QApplication.alert has no visible effect
    offscreen)."""
    asked: list[object] = []
    monkeypatch.setattr(QtWidgets.QApplication, "alert", lambda w, ms=0: asked.append(w))
    return asked


def no_tray(window: StandInWindow, notifier: DesktopNotifier, clock: Clock) -> RecordingTray:
    service = RecordingTray(window, clock=clock, tray_available=lambda: False, notifier=notifier)
    window.tray = service
    return service


def wait_for_calls(qtbot, server: FakeNotificationServer, count: int) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: len(server.calls()) >= count, timeout=10_000)
    return server.calls()


def sync(qtbot, server: FakeNotificationServer, notifier: DesktopNotifier) -> int:  # type: ignore[no-untyped-def]
    """A round trip through the server: every Notify the app sent before this has
    arrived once it returns (one connection keeps its order). Returns the count before."""
    before = len(server.calls())
    assert notifier.notify("sync", "", "sync")
    qtbot.waitUntil(lambda: server.calls()[-1:] and server.calls()[-1]["summary"] == "sync")
    return before


def test_a_due_contact_is_one_notification_and_clicking_it_opens_the_contact(  # type: ignore[no-untyped-def]
    qtbot, db, window, server, notifier, alerts, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_ACTIVATION_TOKEN", raising=False)
    anna = overdue_contact("Anna Schmidt", 12)
    clock = Clock()
    service = no_tray(window, notifier, clock)
    banner = service.create_banner(window)
    service.start()
    [call] = wait_for_calls(qtbot, server, 1)
    assert call["app_name"] == "Allies"
    assert call["replaces_id"] == 0
    assert call["summary"] == "Anna Schmidt"
    assert call["body"] == "Time to get in touch: 12 days overdue"
    assert call["actions"] == ["default", "Open"]
    assert call["hints"] == {"desktop-entry": "de.allies.Allies", "urgency": 1}
    assert call["expire_timeout"] == -1
    assert call["app_icon"].startswith("file://") and call["app_icon"].endswith("allies.png")
    assert (
        QtCore.QUrl(call["app_icon"]).toLocalFile()
        and Path(QtCore.QUrl(call["app_icon"]).toLocalFile()).is_file()
    )
    assert service.icon.messages == [] and alerts == []
    assert banner.isVisibleTo(window)  # the window shows the reminders as well

    window.hide()
    server.send(invoke=call["id"], action="default", token="wayland-token-1")
    qtbot.waitUntil(lambda: window.opened == [anna], timeout=10_000)
    assert window.isVisible()
    assert os.environ["XDG_ACTIVATION_TOKEN"] == "wayland-token-1"  # for Qt's Wayland plugin

    clock.advance(minutes=20)  # the next check the same day: nothing new to say
    service.timer.timeout.emit()
    assert sync(qtbot, server, notifier) == 1
    service.stop()


def test_several_due_contacts_are_one_summary_that_opens_the_due_list(  # type: ignore[no-untyped-def]
    qtbot, db, window, server, notifier, alerts
) -> None:
    for name, days in [("Anna", 3), ("Bert", 30), ("Carl", 8), ("Dora", 1), ("Emil", 2)]:
        overdue_contact(name, days)
    service = no_tray(window, notifier, Clock())
    service.start()
    [call] = wait_for_calls(qtbot, server, 1)
    assert (call["summary"], call["body"]) == (
        "5 contacts need attention",
        "Bert, Carl, Anna, Emil and 1 more",
    )
    server.send(invoke=call["id"], action="default")
    qtbot.waitUntil(lambda: window.views == ["insights"], timeout=10_000)
    assert window.opened == []
    service.stop()


@pytest.mark.parametrize(
    ("capabilities", "body"),
    [
        (
            "body,body-markup,actions",
            "Follow-up: ask about &lt;b&gt;Q3&lt;/b&gt; &amp; more\n"
            "Time to get in touch: 4 days overdue",
        ),
        (
            "body,actions",
            "Follow-up: ask about <b>Q3</b> & more\nTime to get in touch: 4 days overdue",
        ),
    ],
)
def test_text_from_contacts_is_escaped_for_servers_that_read_markup(  # type: ignore[no-untyped-def]
    qtbot, db, window, bus, notifier, capabilities, body
) -> None:
    cid = overdue_contact("Tom <i>& Jerry</i>", 4)
    followups.add_follow_up(cid, TODAY, "ask about <b>Q3</b> & more")
    with notification_server(bus, "--capabilities", capabilities) as server:
        service = no_tray(window, notifier, Clock())
        service.start()
        [call] = wait_for_calls(qtbot, server, 1)
        assert call["summary"] == "Tom <i>& Jerry</i>"  # the summary is never markup
        assert call["body"] == body
        service.stop()


def test_a_click_reaches_the_app_when_signals_go_only_to_it(  # type: ignore[no-untyped-def]
    qtbot, db, window, bus, notifier
) -> None:
    """Plasma sends ActionInvoked to the connection that sent Notify, not to everyone."""
    anna = overdue_contact("Anna", 2)
    with notification_server(bus, "--targeted") as server:
        service = no_tray(window, notifier, Clock())
        service.start()
        [call] = wait_for_calls(qtbot, server, 1)
        server.send(invoke=call["id"], action="default")
        qtbot.waitUntil(lambda: window.opened == [anna], timeout=10_000)
        service.stop()


def test_clicks_on_other_and_closed_notifications_are_ignored(  # type: ignore[no-untyped-def]
    qtbot, server, notifier
) -> None:
    keys: list[str] = []
    notifier.activated.connect(keys.append)
    assert notifier.notify("Anna", "due", "contact:1")
    assert notifier.notify("Bert", "due", "contact:2")
    anna, bert = wait_for_calls(qtbot, server, 2)
    server.send(invoke=999, action="default")  # another application's notification
    server.send(invoke=anna["id"], action="snooze")  # an action we never offered
    server.send(close=anna["id"], reason=2)  # dismissed: its id may be reused
    server.send(invoke=anna["id"], action="default")
    server.send(invoke=bert["id"], action="default")
    qtbot.waitUntil(lambda: keys != [], timeout=10_000)
    assert keys == ["contact:2"]


def test_a_new_notification_for_the_same_contact_replaces_the_open_one(  # type: ignore[no-untyped-def]
    qtbot, server, notifier
) -> None:
    keys: list[str] = []
    notifier.activated.connect(keys.append)
    assert notifier.notify("Anna", "4 days overdue", "contact:1")
    assert notifier.notify("Bert", "2 days overdue", "contact:2")
    anna, bert = wait_for_calls(qtbot, server, 2)
    assert notifier.notify("Anna", "5 days overdue", "contact:1")
    again = wait_for_calls(qtbot, server, 3)[2]
    assert (again["replaces_id"], again["id"]) == (anna["id"], anna["id"])
    server.send(close=anna["id"], reason=2)
    server.send(invoke=bert["id"], action="default")  # arrives after the close
    qtbot.waitUntil(lambda: keys == ["contact:2"], timeout=10_000)
    assert notifier.notify("Anna", "6 days overdue", "contact:1")
    assert wait_for_calls(qtbot, server, 4)[3]["replaces_id"] == 0  # a closed one is new


def test_a_refused_notification_makes_the_window_ask_for_attention(  # type: ignore[no-untyped-def]
    qtbot, db, window, bus, notifier, alerts
) -> None:
    overdue_contact("Anna", 2)
    with notification_server(bus, "--refuse") as server:
        service = no_tray(window, notifier, Clock())
        service.start()
        qtbot.waitUntil(lambda: alerts == [window], timeout=10_000)
        assert [e["event"] for e in server.poll()] == ["ready", "GetCapabilities", "refused"]
        service.stop()


def test_without_a_notification_server_the_window_asks_for_attention(  # type: ignore[no-untyped-def]
    db, window, notifier, alerts
) -> None:
    overdue_contact("Anna", 2)
    assert not notifier.available()
    service = no_tray(window, notifier, Clock())
    service.start()
    assert alerts == [window]
    service.stop()


def test_without_a_session_bus_there_is_no_notifier(  # type: ignore[no-untyped-def]
    db, window, alerts, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    overdue_contact("Anna", 2)
    service = no_tray(window, DesktopNotifier(), Clock())
    assert service.notifier is not None and not service.notifier.available()
    service.start()
    assert alerts == [window]
    service.stop()


def test_a_server_that_goes_away_is_noticed(qtbot, server, notifier) -> None:  # type: ignore[no-untyped-def]
    assert notifier.available()
    server.send(release=True)
    qtbot.waitUntil(lambda: not notifier.available(), timeout=10_000)
    assert notifier.notify("Anna", "due", "contact:1") is False


def test_the_fake_server_refuses_what_qtdbus_would_send(qtbot, server, bus) -> None:  # type: ignore[no-untyped-def]
    """Why ui/notifications.py marshals with jeepney: PySide6's QtDBus sends the
    ``replaces_id`` as ``i``, and a strict server (like this fake, GNOME Shell or
    Plasma) refuses the call."""
    from PySide6 import QtDBus

    connection = QtDBus.QDBusConnection.connectToBus(bus, "allies-qtdbus-check")
    try:
        message = QtDBus.QDBusMessage.createMethodCall(
            "org.freedesktop.Notifications",
            "/org/freedesktop/Notifications",
            "org.freedesktop.Notifications",
            "Notify",
        )
        message.setArguments(["Allies", 0, "allies", "T", "B", ["default", "Open"], {}, -1])
        reply = connection.call(message)
    finally:
        QtDBus.QDBusConnection.disconnectFromBus("allies-qtdbus-check")
    assert reply.errorName() == "org.freedesktop.DBus.Error.InvalidArgs"
    qtbot.waitUntil(lambda: server.poll()[-1]["event"] == "refused")
    assert server.poll()[-1]["signature"] == "sisssasa{sv}i"  # an "i" where "u" belongs


def test_the_service_makes_its_own_notifier_on_linux_only(db, window) -> None:  # type: ignore[no-untyped-def]
    service = RecordingTray(window, clock=Clock(), tray_available=lambda: False)
    if sys.platform.startswith("linux"):
        assert isinstance(service.notifier, DesktopNotifier)
        assert service.notifier.parent() is service
    else:
        assert service.notifier is None

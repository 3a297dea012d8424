"""The tray service with a tray: the menu, the count on the icon, snoozing, closing.

Also holds the pieces the other tray tests share: a stand-in main window that records
what it was asked to open, a tray icon that records what it would show, a clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from app import followups
from app.contacts import ContactInput, create_contact
from app.timeline import InteractionInput, log_interaction
from ui import settings as ui_settings_module
from ui.ops import ops
from ui.qt import QtCore, QtGui, QtWidgets
from ui.tray import MENU_CONTACTS, TrayService, badge_pixmap

NOON = dt.datetime(2027, 3, 15, 12, 0)
TODAY = NOON.date()


class StandInWindow(QtWidgets.QMainWindow):
    """The main window's public face as the tray uses it; records what it was asked."""

    def __init__(self) -> None:
        super().__init__()
        self.undo_stack = QtGui.QUndoStack(self)
        self.opened: list[int] = []
        self.views: list[str] = []
        self.tray: TrayService | None = None

    def open_contact(self, contact_id: int) -> None:
        self.opened.append(contact_id)

    def show_view(self, key: str) -> None:
        self.views.append(key)

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if self.tray is not None and self.tray.handle_close(event):
            return
        super().closeEvent(event)


class RecordingTrayIcon(QtWidgets.QSystemTrayIcon):
    """A tray icon that records what it would show (offscreen has no tray to show it in).

    The real icon on a real tray is tested in tests/xvfb.
    """

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self.visible = False
        self.messages: list[tuple[str, str]] = []

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (Qt API)
        self.visible = visible

    def isVisible(self) -> bool:  # noqa: N802 (Qt API)
        return self.visible

    def showMessage(self, title: str, body: str, *args: object) -> None:  # noqa: N802
        self.messages.append((title, body))


class RecordingTray(TrayService):
    icon_class = RecordingTrayIcon


class Clock:
    """A settable clock for the service."""

    def __init__(self, moment: dt.datetime = NOON) -> None:
        self.moment = moment

    def __call__(self) -> dt.datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += dt.timedelta(**delta)


def overdue_contact(name: str, days: int, **fields: object) -> int:
    """A contact ``days`` past its 10-day cadence on TODAY."""
    cid, _ = create_contact(ContactInput(name, cadence_days=10, **fields))  # type: ignore[arg-type]
    log_interaction(InteractionInput([cid], occurred_on=TODAY - dt.timedelta(days=10 + days)))
    return cid


def make_window(qtbot) -> StandInWindow:  # type: ignore[no-untyped-def]
    """A fresh stand-in window, with the per-machine settings kept in memory."""
    ui_settings_module.use_memory_store()
    w = StandInWindow()
    qtbot.addWidget(w)
    return w


@pytest.fixture
def window(qtbot) -> StandInWindow:  # type: ignore[no-untyped-def]
    return make_window(qtbot)


@pytest.fixture
def tray(db, window: StandInWindow) -> Iterator[RecordingTray]:  # type: ignore[no-untyped-def]
    service = RecordingTray(window, clock=Clock(), tray_available=lambda: True)
    window.tray = service
    yield service
    service.stop()
    service.deleteLater()


# The offscreen platform cannot raise windows or grab the keyboard for a popup menu and
# says so; real desktops (and tests/xvfb) can.
offscreen_limits = pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|grabbing|propagateSizeHints)"
)
pytestmark = offscreen_limits


def red_badge(icon: QtGui.QIcon) -> bool:
    image = icon.pixmap(64, 64).toImage()
    colour = image.pixelColor(52, 52)
    return colour.red() > 180 and colour.green() < 90 and colour.blue() < 90


def test_menu_lists_the_most_overdue_contacts_in_order(qtbot, window, db) -> None:  # type: ignore[no-untyped-def]
    days = [3, 40, 12, 0, 25, 7, 60, 1, 18]
    ids = {overdue_contact(f"Person {d}", d): d for d in days}
    service = RecordingTray(window, clock=Clock(), tray_available=lambda: True)
    service.start()
    actions = service.contact_actions()
    assert len(actions) == MENU_CONTACTS
    shown = [ids[a.data()] for a in actions]
    assert shown == sorted(days, reverse=True)[:MENU_CONTACTS]
    assert actions[0].text() == "Person 60 — 60 days overdue"
    more = [a for a in service.menu.actions() if a.text() == "2 more…"]
    assert len(more) == 1

    service.menu.popup(QtCore.QPoint(0, 0))
    qtbot.waitExposed(service.menu)
    second = actions[1]
    qtbot.mouseClick(
        service.menu,
        QtCore.Qt.MouseButton.LeftButton,
        pos=service.menu.actionGeometry(second).center(),
    )
    assert window.opened == [second.data()]
    assert ids[second.data()] == 40
    assert window.isVisible()
    more[0].trigger()
    assert window.views == ["insights"]
    service.stop()


def test_menu_has_the_fixed_entries(tray: RecordingTray, window) -> None:  # type: ignore[no-untyped-def]
    tray.start()
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts == [
        "Allies: no relationships due",
        "Log interaction…",
        "Snooze all until tomorrow",
        "Open Allies",
        "Quit",
    ]
    assert not tray.snooze_action.isEnabled()
    assert not window.isVisible()
    tray.open_action.trigger()
    assert window.isVisible()


def test_the_count_is_on_the_icon_and_snoozing_removes_it(tray: RecordingTray, window) -> None:  # type: ignore[no-untyped-def]
    anna = overdue_contact("Anna", 5)
    bert = overdue_contact("Bert", 2)
    carl = overdue_contact("Carl & Co", 9)
    tray.start()
    assert tray.icon.visible
    assert tray.report.count == 3
    assert tray.icon.toolTip() == "3 relationships due"
    assert red_badge(tray.icon.icon())
    assert [a.text() for a in tray.contact_actions()][0] == "Carl && Co — 9 days overdue"

    ops().run(followups.snooze_for, anna, 7, TODAY)  # as the detail's snooze does
    assert tray.report.count == 2
    assert tray.icon.toolTip() == "2 relationships due"
    assert anna not in [a.data() for a in tray.contact_actions()]

    tray.snooze_action.trigger()
    assert tray.report.count == 0
    assert tray.icon.toolTip() == "Allies: no relationships due"
    assert not red_badge(tray.icon.icon())
    assert tray.contact_actions() == []

    window.undo_stack.undo()
    assert tray.report.count == 2
    assert {a.data() for a in tray.contact_actions()} == {bert, carl}


def test_one_due_relationship_reads_in_the_singular(tray: RecordingTray) -> None:
    overdue_contact("Anna", 0)
    tray.start()
    assert tray.icon.toolTip() == "1 relationship due"
    assert tray.contact_actions()[0].text() == "Anna — due today"


def test_badge_pixmap() -> None:
    base = QtGui.QIcon()
    assert not red_badge(QtGui.QIcon(badge_pixmap(base, 0)))
    assert red_badge(QtGui.QIcon(badge_pixmap(base, 7)))
    assert red_badge(QtGui.QIcon(badge_pixmap(base, 250)))


def test_closing_the_window_keeps_allies_in_the_tray_with_a_hint_once(  # type: ignore[no-untyped-def]
    qtbot, tray: RecordingTray, window, monkeypatch: pytest.MonkeyPatch
) -> None:
    tray.start()
    window.show()
    qtbot.waitExposed(window)
    window.close()
    assert not window.isVisible()
    assert [title for title, _ in tray.icon.messages] == ["Allies keeps running"]
    assert ui_settings_module.ui_settings().get("tray/hint_shown") is True
    assert not QtWidgets.QApplication.quitOnLastWindowClosed()

    tray.show_window()
    window.close()
    assert not window.isVisible()
    assert len(tray.icon.messages) == 1  # the hint is said once

    quits: list[bool] = []
    monkeypatch.setattr(QtWidgets.QApplication, "quit", lambda: quits.append(True))
    tray.show_window()
    tray.quit_action.trigger()
    assert quits == [True]
    assert not tray.icon.visible
    event = QtGui.QCloseEvent()
    assert tray.handle_close(event) is False
    assert event.isAccepted()


def test_start_hidden_with_a_tray(tray: RecordingTray, window) -> None:  # type: ignore[no-untyped-def]
    assert tray.start_hidden() is True
    assert not window.isVisible()
    assert tray.icon.visible
    tray.icon.activated.emit(QtWidgets.QSystemTrayIcon.ActivationReason.Trigger)
    assert window.isVisible()


def test_log_interaction_opens_the_dialog(qtbot, tray: RecordingTray, window) -> None:  # type: ignore[no-untyped-def]
    from ui.timeline.log_dialog import LogInteractionDialog

    tray.start()
    tray.log_action.trigger()
    dialogs = window.findChildren(LogInteractionDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    dialogs[0].close()

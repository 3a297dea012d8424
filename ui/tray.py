"""The reminder tray service: icon with the due count, menu, notifications, timer.

:class:`TrayService` works with and without a system tray. With one, it shows a
``QSystemTrayIcon`` (the number of due relationships painted on the app icon, a tooltip,
a menu of the most overdue contacts) and desktop notifications through
``QSystemTrayIcon.showMessage``; closing the main window then only hides it. Without one
(offscreen, a bare X server, some Wayland desktops) the same reminders reach the
:class:`~ui.reminder_banner.ReminderBanner` in the main window, and on Linux the desktop
notification goes over D-Bus (:class:`~ui.notifications.DesktopNotifier`); where that
is not possible either, the window asks for attention. The tray is looked for again on
every tick, since a panel may start after Allies at login.

What is due and what to notify is decided by :mod:`app.reminders` on the ops worker; this
module only turns those facts into pixels and sentences.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from app import followups, reminders
from app.changes import Changes
from app.reminders import Action, Decision, DueReport, NotificationPolicy, Reminder, ReminderKind
from ui import sync_status
from ui.notifications import DesktopNotifier
from ui.ops import ops
from ui.qt import QtCore, QtGui, QtWidgets, Signal
from ui.reminder_banner import ReminderBanner, reminder_label
from ui.resources import app_icon, badge_pixmap, icon
from ui.rich_text import defanged
from ui.settings import ui_settings
from ui.timeline.commands import OpCommand, push

log = logging.getLogger(__name__)

MENU_CONTACTS = 7
MENU_FOLLOW_UPS = 5
CHECK_INTERVAL = dt.timedelta(minutes=15)
HEARTBEAT_MS = 60_000
WAKE_GAP = dt.timedelta(milliseconds=3 * HEARTBEAT_MS)
MESSAGE_MS = 15_000
SUMMARY_NAMES = 4
DUE_LIST_VIEW = "insights"
HINT_SETTING = "tray/hint_shown"


class MainWindowLike(Protocol):
    """What the service needs from the main window."""

    def open_contact(self, contact_id: int) -> None: ...

    def show_view(self, key: str) -> None: ...


def _now() -> dt.datetime:
    return dt.datetime.now()


@dataclass(frozen=True)
class CheckResult:
    report: DueReport
    decision: Decision


def _check(policy: NotificationPolicy, moment: dt.datetime) -> CheckResult:
    """On the worker: what is due, and the notification to show (recorded as sent)."""
    report = policy.report(moment)
    return CheckResult(report, policy.next_notification(moment, report))


def _menu_text(text: str) -> str:
    """User text in a menu: '&' would otherwise become a keyboard shortcut."""
    return text.replace("&", "&&")


class TrayService(QtCore.QObject):
    """Reminders in the tray (or the banner), notifications, and the check timer.

    Signals: ``report_changed(object)`` with the new :class:`~app.reminders.DueReport`;
    ``notified(object)`` with each :class:`~app.reminders.Decision` shown to the user;
    ``tray_available_changed(bool)``.
    """

    report_changed = Signal(object)
    notified = Signal(object)
    tray_available_changed = Signal(bool)

    icon_class: type[QtWidgets.QSystemTrayIcon] = QtWidgets.QSystemTrayIcon

    def __init__(
        self,
        window: QtWidgets.QWidget,
        parent: QtCore.QObject | None = None,
        *,
        clock: Callable[[], dt.datetime] = _now,
        tray_available: Callable[[], bool] = QtWidgets.QSystemTrayIcon.isSystemTrayAvailable,
        policy: NotificationPolicy | None = None,
        notifier: DesktopNotifier | None = None,
    ) -> None:
        """``notifier`` shows notifications when there is no tray; by default one on the
        session bus on Linux, none elsewhere (there the window asks for attention)."""
        super().__init__(parent)
        self._window = window
        self._clock = clock
        self._tray_probe = tray_available
        self._policy = policy or NotificationPolicy()
        self._available = False
        self._started = False
        self._quitting = False
        self._last_check: dt.datetime | None = None
        self._last_tick: dt.datetime | None = None
        self._clicked: Decision | None = None
        self._banners: list[ReminderBanner] = []
        self._base_icon = app_icon()
        self._report = DueReport(clock().date())

        self.icon = self.icon_class(self)
        self.menu = QtWidgets.QMenu()
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_activated)
        self.icon.messageClicked.connect(self._on_message_clicked)
        self.timer = QtCore.QTimer(self)
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._tick)
        if notifier is None and sys.platform.startswith("linux"):
            notifier = DesktopNotifier(self)
        self.notifier = notifier
        if notifier is not None:
            notifier.activated.connect(self._on_notification_activated)
            notifier.failed.connect(self._ask_for_attention)
        self.destroyed.connect(self.menu.deleteLater)
        from ui.suggestions.badge import SuggestionsTrayLine

        self.suggestions_line = SuggestionsTrayLine(self)
        self.suggestions_line.changed.connect(lambda _count: self._build_menu(self._report))
        ops().changed.connect(self._on_changed)
        sync = sync_status.controller()
        if sync is not None:
            sync.status_changed.connect(self._on_sync_status)
        self._show_report(self._report)

    # --- life cycle --------------------------------------------------------------------

    @property
    def tray_available(self) -> bool:
        return self._available

    @property
    def report(self) -> DueReport:
        return self._report

    def start(self) -> None:
        """Show the icon (when there is a tray), check now and then on the timer."""
        self._started = True
        self._update_tray_mode()
        self.check()
        self.timer.start()

    def start_hidden(self) -> bool:
        """``allies --tray``: start without showing the window, if a tray can bring it
        back; otherwise show the window. True when the window stays hidden."""
        self.start()
        if self._available:
            return True
        self.show_window()
        return False

    def stop(self) -> None:
        self.timer.stop()
        self.icon.setVisible(False)

    def quit(self) -> None:
        """Leave for real (the window's close is no longer turned into hiding); through
        the window's own ``quit()`` when it has one, so it can save its layout."""
        self._quitting = True
        self.stop()
        leave = getattr(self._window, "quit", None)
        (leave if callable(leave) else QtWidgets.QApplication.quit)()

    def handle_close(self, event: QtGui.QCloseEvent) -> bool:
        """For the main window's ``closeEvent``: keep running in the tray.

        Returns True when the close was turned into hiding (the event is ignored); the
        window should then return at once. The first time, a message says so.
        """
        if self._quitting or not self._available or not self._started:
            return False
        event.ignore()
        self._window.hide()
        store = ui_settings()
        if not store.get(HINT_SETTING):
            store.set(HINT_SETTING, True)
            self._clicked = None
            self.icon.showMessage(
                self.tr("Allies keeps running"),
                self.tr(
                    "Allies stays in the system tray to remind you of your contacts. "
                    "Choose Quit in its menu to leave."
                ),
                self.icon.icon(),
                MESSAGE_MS,
            )
        return True

    def create_banner(self, parent: QtWidgets.QWidget | None = None) -> ReminderBanner:
        """The in-window reminder banner, shown only while there is no tray."""
        banner = ReminderBanner(parent)
        banner.contact_activated.connect(self.open_contact)
        banner.show_all_requested.connect(self.open_due_list)
        self._banners.append(banner)
        banner.destroyed.connect(lambda: self._banners.remove(banner))
        banner.set_report(self._report, enabled=not self._available)
        return banner

    def _update_tray_mode(self) -> None:
        available = bool(self._tray_probe())
        changed = available != self._available
        self._available = available
        self.icon.setVisible(available and self._started)
        QtWidgets.QApplication.setQuitOnLastWindowClosed(not available)
        if changed:
            for banner in self._banners:
                banner.set_report(self._report, enabled=not available)
            if not available and self._started and not self._window.isVisible():
                self.show_window()  # the tray went away: nothing else could bring it back
            self.tray_available_changed.emit(available)

    # --- checking ----------------------------------------------------------------------

    def check(self) -> None:
        """Work out what is due now and notify about what is new."""
        moment = self._clock()
        self._last_check = moment
        ops().run(_check, self._policy, moment, success=self._on_checked)

    def refresh(self) -> None:
        """Recount what is due (after a write), without notifying."""
        today = self._clock().date()
        ops().run(
            reminders.due_report,
            today,
            birthday_days=self._policy.birthday_days,
            write=False,
            success=self._show_report,
        )

    def _tick(self) -> None:
        now = self._clock()
        woke = self._last_tick is not None and now - self._last_tick > WAKE_GAP
        self._last_tick = now
        self._update_tray_mode()
        last = self._last_check
        if (
            last is None
            or woke
            or now.date() != last.date()
            or now < last
            or now - last >= CHECK_INTERVAL
        ):
            self.check()

    def _on_changed(self, changes: Changes) -> None:
        if (
            changes.contacts
            or changes.contact_list
            or changes.interactions
            or changes.follow_ups
            or changes.settings
        ):
            self.refresh()

    def _on_checked(self, result: CheckResult) -> None:
        self._show_report(result.report)
        if result.decision.action is not Action.NONE:
            self._notify(result.decision)

    # --- showing -----------------------------------------------------------------------

    def _show_report(self, report: DueReport) -> None:
        self._report = report
        self.icon.setIcon(QtGui.QIcon(badge_pixmap(self._base_icon, report.count)))
        self._show_tooltip()
        self._build_menu(report)
        for banner in self._banners:
            banner.set_report(report, enabled=not self._available)
        self.report_changed.emit(report)

    def _on_sync_status(self, _text: str) -> None:
        self._show_tooltip()

    def _show_tooltip(self) -> None:
        """The due count, and the sync state under it when there is one."""
        lines = [self.count_text(self._report.count), sync_status.tray_line()]
        self.icon.setToolTip("\n".join(line for line in lines if line))

    def count_text(self, count: int) -> str:
        locale = QtCore.QLocale()
        if count == 0:
            return self.tr("Allies: no relationships due")
        if count == 1:
            return self.tr("1 relationship due")
        return self.tr("%1 relationships due").replace("%1", locale.toString(count))

    def _build_menu(self, report: DueReport) -> None:
        menu = self.menu
        menu.clear()
        header = menu.addAction(self.count_text(report.count))
        header.setEnabled(False)
        if self.suggestions_line.text():
            line = menu.addAction(self.suggestions_line.text())
            line.triggered.connect(lambda: self.open_view("suggestions"))
        for reminder in report.overdue[:MENU_CONTACTS]:
            self._add_contact_action(reminder)
        more = report.count - MENU_CONTACTS
        if more > 0:
            action = menu.addAction(
                self.tr("%1 more…").replace("%1", QtCore.QLocale().toString(more))
            )
            action.triggered.connect(self.open_due_list)
        others = report.birthdays_today + report.follow_ups[:MENU_FOLLOW_UPS]
        if others:
            menu.addSeparator()
            for reminder in others:
                self._add_contact_action(reminder)
        menu.addSeparator()
        self.log_action = menu.addAction(icon("log-interaction"), self.tr("Log interaction…"))
        self.log_action.triggered.connect(self.log_interaction)
        self.snooze_action = menu.addAction(icon("snooze"), self.tr("Snooze all until tomorrow"))
        self.snooze_action.setEnabled(report.count > 0)
        self.snooze_action.triggered.connect(self.snooze_all_until_tomorrow)
        menu.addSeparator()
        self.open_action = menu.addAction(self.tr("Open Allies"))
        self.open_action.triggered.connect(self.show_window)
        self.quit_action = menu.addAction(self.tr("Quit"))
        self.quit_action.triggered.connect(self.quit)

    def _add_contact_action(self, reminder: Reminder) -> None:
        action = self.menu.addAction(_menu_text(reminder_label(reminder)))
        action.setData(reminder.contact_id)
        action.triggered.connect(lambda _=False, cid=reminder.contact_id: self.open_contact(cid))

    def contact_actions(self) -> list[QtGui.QAction]:
        """The menu's entries that open a contact, top to bottom."""
        return [a for a in self.menu.actions() if isinstance(a.data(), int)]

    # --- notifications -----------------------------------------------------------------

    def notification_text(self, decision: Decision) -> tuple[str, str]:
        """The title and body of the desktop notification for ``decision``."""
        if decision.action is Action.SUMMARY:
            ids = decision.contact_ids
            names = list(dict.fromkeys(r.name for r in decision.reminders))
            if len(ids) == 1:
                title = self.tr("1 contact needs attention")
            else:
                title = self.tr("%1 contacts need attention").replace(
                    "%1", QtCore.QLocale().toString(len(ids))
                )
            shown = ", ".join(names[:SUMMARY_NAMES])
            rest = len(names) - SUMMARY_NAMES
            if rest > 0:
                shown = (
                    self.tr("%1 and %2 more")
                    .replace("%2", QtCore.QLocale().toString(rest))
                    .replace("%1", shown)
                )
            return title, shown
        first = decision.first
        assert first is not None
        return first.name, "\n".join(_reminder_sentence(r) for r in decision.reminders)

    def _notify(self, decision: Decision) -> None:
        self._clicked = decision
        title, body = self.notification_text(decision)
        if self._available and self.icon.isVisible():
            # a tray balloon or a desktop notification: names shown, never markup
            self.icon.showMessage(defanged(title), defanged(body), self.icon.icon(), MESSAGE_MS)
        elif not (
            self.notifier is not None
            and self.notifier.notify(title, body, _notification_key(decision))
        ):
            self._ask_for_attention()
        self.notified.emit(decision)

    def _ask_for_attention(self) -> None:
        QtWidgets.QApplication.alert(self._window, 0)

    def _on_notification_activated(self, key: str) -> None:
        """A click on a D-Bus notification: the same as on the tray's message."""
        value = key.rpartition(":")[2]
        if value.isdigit() and key == reminders.contact_key(int(value)):
            self.open_contact(int(value))
        elif key == reminders.SUMMARY_KEY:
            self.open_due_list()
        else:
            self.show_window()

    def _on_message_clicked(self) -> None:
        decision, self._clicked = self._clicked, None
        if decision is None:
            self.show_window()
        elif decision.action is Action.SINGLE and decision.first is not None:
            self.open_contact(decision.first.contact_id)
        else:
            self.open_due_list()

    # --- actions -----------------------------------------------------------------------

    def show_window(self) -> None:
        """Bring the main window forward (also for a second start of Allies)."""
        window = self._window
        if window.isMinimized():
            window.showNormal()
        else:
            window.show()
        window.raise_()
        window.activateWindow()

    def open_contact(self, contact_id: int) -> None:
        self.show_window()
        self._window.open_contact(contact_id)  # type: ignore[attr-defined]

    def open_due_list(self) -> None:
        self.open_view(DUE_LIST_VIEW)

    def open_view(self, key: str) -> None:
        self.show_window()
        self._window.show_view(key)  # type: ignore[attr-defined]

    def log_interaction(self) -> None:
        from ui.timeline.log_dialog import LogInteractionDialog

        self.show_window()
        dialog = LogInteractionDialog(self._window, undo_stack=self._undo_stack())
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def snooze_all_until_tomorrow(self) -> None:
        ids = [r.contact_id for r in self._report.overdue]
        if not ids:
            return
        until = self._clock().date() + dt.timedelta(days=1)
        state: dict[str, followups.SnoozeSnapshot] = {}

        def redo() -> Changes:
            state["before"], changes = followups.snooze_many(ids, until)
            return changes

        def undo() -> Changes:
            return followups.restore_snoozes(state["before"])

        push(self._undo_stack(), OpCommand(self.tr("Snooze all until tomorrow"), redo, undo))

    def _undo_stack(self) -> QtGui.QUndoStack | None:
        stack = getattr(self._window, "undo_stack", None)
        return stack if isinstance(stack, QtGui.QUndoStack) else None

    def _on_activated(self, reason: QtWidgets.QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QtWidgets.QSystemTrayIcon.ActivationReason.Trigger,
            QtWidgets.QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            if self._window.isVisible() and self._window.isActiveWindow():
                self._window.hide()
            else:
                self.show_window()


def _notification_key(decision: Decision) -> str:
    """What a click on the notification opens: the contact, or the due list."""
    first = decision.first
    if decision.action is Action.SINGLE and first is not None:
        return reminders.contact_key(first.contact_id)
    return reminders.SUMMARY_KEY


def _reminder_sentence(reminder: Reminder) -> str:
    """One line of a notification about one contact."""
    translate = QtCore.QCoreApplication.translate
    locale = QtCore.QLocale()
    if reminder.kind is ReminderKind.BIRTHDAY:
        if reminder.age is not None:
            return translate("TrayService", "Birthday today: turns %1").replace(
                "%1", locale.toString(reminder.age)
            )
        return translate("TrayService", "Birthday today")
    if reminder.kind is ReminderKind.FOLLOW_UP:
        return translate("TrayService", "Follow-up: %1").replace("%1", reminder.text)
    if reminder.days == 0:
        return translate("TrayService", "Time to get in touch: due today")
    if reminder.days == 1:
        return translate("TrayService", "Time to get in touch: 1 day overdue")
    return translate("TrayService", "Time to get in touch: %1 days overdue").replace(
        "%1", locale.toString(reminder.days)
    )

"""Run by tests/xvfb/test_notifications_dbus.py (not a test itself): the app side.

A QApplication on the offscreen platform (no system tray) with the session bus taken from
DBUS_SESSION_BUS_ADDRESS, the real TrayService with its default notifier, and a database
in WORKDIR with one overdue relationship. Reports on stdout, one JSON object a line:

    {"started": true, "tray": false, "contact": ID}   after the first check
    {"opened": [ID]}                                  once a click opened the contact
    {"checked_again": true, "notified": N}            after a second check the same day

and exits. Exits non-zero with a message when nothing was opened in time.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from app.contacts import ContactInput, create_contact
from app.db import open_database
from app.timeline import InteractionInput, log_interaction
from ui import ops as ops_module
from ui import settings as ui_settings_module
from ui.qt import QtCore, QtWidgets, Signal
from ui.tray import TrayService

WAIT_MS = 120_000
"""How long the app waits for the click: the test clicks as soon as the server reported the
notification, which takes many seconds on a loaded CI machine (a bound, not a speed)."""


class Window(QtWidgets.QMainWindow):
    contact_opened = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[int] = []
        self.views_shown: list[str] = []

    def open_contact(self, contact_id: int) -> None:
        self.opened.append(contact_id)
        self.contact_opened.emit(contact_id)

    def show_view(self, key: str) -> None:
        self.views_shown.append(key)


def report(**fields: object) -> None:
    print(json.dumps(fields), flush=True)


def main(workdir: Path) -> int:
    app = QtWidgets.QApplication([])
    open_database(workdir / "allies.sqlite3")
    ops_module.use_inline_executor()
    ui_settings_module.use_memory_store()
    today = dt.date.today()
    noon = dt.datetime.combine(today, dt.time(12, 0))  # outside the default quiet hours
    anna, _ = create_contact(ContactInput("Anna Schmidt", cadence_days=10))
    log_interaction(InteractionInput([anna], occurred_on=today - dt.timedelta(days=22)))

    window = Window()
    service = TrayService(window, clock=lambda: noon)
    notified: list[object] = []
    service.notified.connect(notified.append)
    service.start()
    report(started=True, tray=service.tray_available, contact=anna)

    loop = QtCore.QEventLoop()  # the notifier sends, then waits for the click, in here
    window.contact_opened.connect(loop.quit)
    QtCore.QTimer.singleShot(WAIT_MS, loop.quit)
    loop.exec()
    if not window.opened:
        print("the click on the notification did not open the contact", file=sys.stderr)
        return 3
    report(opened=window.opened)

    service.check()  # the same day again: nothing new to notify
    report(checked_again=True, notified=len(notified))
    service.stop()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))

"""Run by tests/xvfb/test_tray_xvfb.py on a real X server with a tray (not a test itself).

Creates a QApplication on xcb, waits for the system tray, starts the real TrayService on
a database with three overdue relationships, waits until the icon is embedded and prints
what it saw as one JSON line. Exits non-zero with a message when something is missing.
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
from ui.qt import QtCore, QtGui, QtWidgets
from ui.tray import TrayService


def wait_until(condition, timeout_ms: int) -> bool:  # type: ignore[no-untyped-def]
    """Run the event loop until ``condition()`` holds, in short event-loop turns."""
    deadline = QtCore.QDeadlineTimer(timeout_ms)
    while not condition():
        if deadline.hasExpired():
            return False
        loop = QtCore.QEventLoop()
        QtCore.QTimer.singleShot(20, loop.quit)
        loop.exec()
    return True


def _has_red_badge(screen: QtGui.QScreen, area: QtCore.QRect) -> bool:
    """Whether our icon is on screen there: its red count disc (nothing else is red)."""
    image = screen.grabWindow(0, area.x(), area.y(), area.width(), area.height()).toImage()
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            if colour.red() > 180 and colour.green() < 90 and colour.blue() < 90:
                return True
    return False


class Window(QtWidgets.QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[int] = []
        self.views_shown: list[str] = []

    def open_contact(self, contact_id: int) -> None:
        self.opened.append(contact_id)

    def show_view(self, key: str) -> None:
        self.views_shown.append(key)


def main(workdir: Path) -> int:
    app = QtWidgets.QApplication([])
    if app.platformName() != "xcb":
        print(f"expected the xcb platform, got {app.platformName()}", file=sys.stderr)
        return 2
    if not wait_until(QtWidgets.QSystemTrayIcon.isSystemTrayAvailable, 10_000):
        print("QSystemTrayIcon.isSystemTrayAvailable() stayed False", file=sys.stderr)
        return 3

    open_database(workdir / "allies.sqlite3")
    ops_module.use_inline_executor()
    ui_settings_module.use_memory_store()
    today = dt.date.today()
    for name, days in [("Anna", 12), ("Bert", 4), ("Carl", 30)]:
        cid, _ = create_contact(ContactInput(name, cadence_days=10))
        log_interaction(InteractionInput([cid], occurred_on=today - dt.timedelta(days=10 + days)))

    window = Window()
    service = TrayService(window)
    hidden = service.start_hidden()
    embedded = wait_until(lambda: service.icon.geometry().isValid(), 10_000)
    geometry = service.icon.geometry()
    screen = app.primaryScreen()
    # Qt reports the icon's geometry before trayer reparents it, so look at the whole
    # panel (trayer runs at the top edge, 24 px high) for the count.
    panel = QtCore.QRect(0, 0, screen.geometry().width(), 24)
    drawn = wait_until(lambda: _has_red_badge(screen, panel), 10_000)
    screen.grabWindow(0).save(str(workdir / "screen.png"))
    service.icon.icon().pixmap(64, 64).save(str(workdir / "icon.png"))
    print(
        json.dumps(
            {
                "available": QtWidgets.QSystemTrayIcon.isSystemTrayAvailable(),
                "tray_mode": service.tray_available,
                "visible": service.icon.isVisible(),
                "embedded": embedded,
                "badge_on_screen": drawn,
                "geometry": [geometry.x(), geometry.y(), geometry.width(), geometry.height()],
                "tooltip": service.icon.toolTip(),
                "window_hidden": hidden and not window.isVisible(),
                "menu": [a.text() for a in service.contact_actions()],
            }
        )
    )
    service.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))

"""Restart Allies (a new interface language takes effect in a new process).

The running Allies quits first (saving its layout, releasing the single-instance lock),
then :func:`restart_if_requested`, called at the very end of the desktop session, starts
the same program with the same arguments as a detached process.
"""

from __future__ import annotations

import logging
import sys

from ui.qt import Qt, QtCore, QtWidgets

log = logging.getLogger(__name__)

_requested = False


def restart_command() -> tuple[str, list[str]]:
    """The program and arguments this process was started with."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: the executable is Allies
        return sys.executable, list(sys.argv[1:])
    original = list(getattr(sys, "orig_argv", []) or [sys.executable, *sys.argv])
    return sys.executable, original[1:]


def requested() -> bool:
    return _requested


def request_restart(window: QtWidgets.QWidget | None) -> None:
    """Quit now and start again once the session has ended."""
    global _requested
    _requested = True
    quit_app = getattr(window, "quit", None)
    if callable(quit_app):
        quit_app()
    else:
        QtWidgets.QApplication.quit()


def cancel_restart() -> None:
    global _requested
    _requested = False


def restart_if_requested() -> bool:
    """Start the new process if a restart was asked for; True when one was started."""
    global _requested
    if not _requested:
        return False
    _requested = False
    program, arguments = restart_command()
    started, _pid = QtCore.QProcess.startDetached(program, arguments)
    if not started:
        log.error("could not restart %s %s", program, arguments)
    return bool(started)


def offer_restart(window: QtWidgets.QWidget | None) -> QtWidgets.QMessageBox:
    """Ask (without blocking) whether to restart now for the new language."""
    translate = QtCore.QCoreApplication.translate
    box = QtWidgets.QMessageBox(window)
    box.setIcon(QtWidgets.QMessageBox.Icon.Question)
    box.setWindowTitle(translate("Restart", "New language"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(translate("Restart", "Restart Allies now to use the new language?"))
    box.setInformativeText(
        translate("Restart", "Your data is saved; Allies opens again where you were.")
    )
    now = box.addButton(
        translate("Restart", "Restart now"), QtWidgets.QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(translate("Restart", "Later"), QtWidgets.QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(now)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.buttonClicked.connect(lambda button: request_restart(window) if button is now else None)
    box.open()
    return box

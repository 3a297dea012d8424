"""The crash dialog: an uncaught exception is logged and shown with its traceback and the
recent log lines, so the user can copy a useful report instead of losing the app silently.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from ui.logging_setup import recent_lines
from ui.qt import QtCore, QtGui, QtWidgets

log = logging.getLogger(__name__)


class CrashDialog(QtWidgets.QDialog):
    """Shows what went wrong; offers to copy the report. No signals."""

    def __init__(self, report: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Allies: unexpected error"))
        self.report = report
        layout = QtWidgets.QVBoxLayout(self)
        intro = QtWidgets.QLabel(
            self.tr(
                "Something went wrong inside Allies. Your data is safe: every change is "
                "saved in one piece or not at all. You can keep working, or restart Allies "
                "if something looks wrong. If you report this, please include the details."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.details = QtWidgets.QPlainTextEdit(report)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setFont(
            QtGui.QFontDatabase.systemFont(QtGui.QFontDatabase.SystemFont.FixedFont)
        )
        layout.addWidget(self.details, 1)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(
            self.tr("Copy report"), QtWidgets.QDialogButtonBox.ButtonRole.ActionRole
        )
        copy.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 480)

    def copy_report(self) -> None:
        QtGui.QGuiApplication.clipboard().setText(self.report)


def crash_report(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    lines = "".join(traceback.format_exception(kind, exc, tb))
    recent = "\n".join(recent_lines()[-60:])
    return f"{lines}\n--- recent log ---\n{recent}\n"


_open_dialogs: list[CrashDialog] = []


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    log.critical("uncaught exception", exc_info=(kind, exc, tb))
    if issubclass(kind, KeyboardInterrupt) or QtWidgets.QApplication.instance() is None:
        sys.__excepthook__(kind, exc, tb)
        return
    if len(_open_dialogs) >= 3:  # an error in a paint loop must not flood the screen
        return
    dialog = CrashDialog(crash_report(kind, exc, tb), QtWidgets.QApplication.activeWindow())
    dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    _open_dialogs.append(dialog)
    dialog.finished.connect(lambda _result: _open_dialogs.remove(dialog))
    dialog.show()


def install_excepthook() -> None:
    """Show the crash dialog for every exception nobody caught (slots, timers, events)."""
    sys.excepthook = _excepthook

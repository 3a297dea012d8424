"""The log: a rotating file in the user log folder, recent lines kept for the crash dialog,
and Qt's own messages routed into Python logging so they land in the same file."""

from __future__ import annotations

import logging
import logging.handlers
from collections import deque
from pathlib import Path

from platformdirs import user_log_path

from ui.qt import QtCore

LOG_FILE = "allies.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"

qt_log = logging.getLogger("qt")


class RecentLines(logging.Handler):
    """The last lines logged, kept in memory so a crash report can show them."""

    def __init__(self, capacity: int = 200) -> None:
        super().__init__()
        self.lines: deque[str] = deque(maxlen=capacity)
        self.setFormatter(logging.Formatter(FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(self.format(record))
        except Exception:  # a broken record must never break logging
            self.handleError(record)


RECENT = RecentLines()


def log_dir() -> Path:
    return user_log_path("Allies", appauthor=False, ensure_exists=False)


def recent_lines() -> list[str]:
    return list(RECENT.lines)


def setup_logging(level: int = logging.INFO, directory: Path | None = None) -> Path | None:
    """Log to a rotating file (returned; None when the folder is not writable) and memory."""
    root = logging.getLogger()
    root.setLevel(level)
    if RECENT not in root.handlers:
        root.addHandler(RECENT)
    folder = directory or log_dir()
    path = folder / LOG_FILE
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as exc:
        logging.getLogger(__name__).warning("no log file in %s: %s", folder, exc)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    return path


_QT_LEVELS = {
    QtCore.QtMsgType.QtDebugMsg: logging.DEBUG,
    QtCore.QtMsgType.QtInfoMsg: logging.INFO,
    QtCore.QtMsgType.QtWarningMsg: logging.WARNING,
    QtCore.QtMsgType.QtCriticalMsg: logging.ERROR,
    QtCore.QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtCore.QtMsgType, context: QtCore.QMessageLogContext, message: str) -> None:
    where = f" ({context.file}:{context.line})" if context.file else ""
    qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s%s", message, where)


def route_qt_messages() -> None:
    """Send qDebug/qWarning/… of Qt itself into the ``qt`` logger."""
    QtCore.qInstallMessageHandler(_qt_message)

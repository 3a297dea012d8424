"""Sentences about capture: scan results and why a source failed."""

from __future__ import annotations

import datetime as dt

from app.capture.scan import ScanResult
from ui.qt import QtCore

_CONTEXT = "Capture"


def _tr(text: str) -> str:
    return QtCore.QCoreApplication.translate(_CONTEXT, text)


def error_text(code: str | None) -> str:
    """Why a source could not be read, in the user's words."""
    texts = {
        "unreachable": _tr("The server cannot be reached."),
        "login": _tr("The server refused the user name or password."),
        "tls": _tr("The connection cannot be encrypted."),
        "no-password": _tr("No password is stored for this mailbox."),
        "not-found": _tr("The folder or file is missing."),
        "unreadable": _tr("The folder or file cannot be read."),
        "protocol": _tr("The server gave an answer Allies does not understand."),
    }
    return texts.get(code or "", _tr("The source cannot be read."))


def result_text(result: ScanResult) -> str:
    locale = QtCore.QLocale()
    if result.error:
        return _tr("%1: %2").replace("%1", result.name).replace("%2", error_text(result.error))
    if result.cancelled:
        return _tr("%1: stopped; the next scan goes on from here.").replace("%1", result.name)
    read = result.new_messages + result.new_events
    if result.suggestions == 1:
        text = _tr("%1: %2 new messages or events read, 1 new suggestion")
    else:
        text = _tr("%1: %2 new messages or events read, %3 new suggestions")
    return (
        text.replace("%1", result.name)
        .replace("%2", locale.toString(read))
        .replace("%3", locale.toString(result.suggestions))
    )


def day_text(day: dt.date | None) -> str:
    if day is None:
        return ""
    return QtCore.QLocale().toString(QtCore.QDate(day.year, day.month, day.day), "d MMM yyyy")


def count_text(count: int) -> str:
    if count == 0:
        return _tr("No suggestions")
    if count == 1:
        return _tr("1 suggestion")
    return _tr("%1 suggestions").replace("%1", QtCore.QLocale().toString(count))

"""Sentences about capture: scan results and why a source failed."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ui.qt import QtCore

if TYPE_CHECKING:  # the scanners (imaplib, ssl, email: ≈ 40 ms) are not needed to word a count
    from app.capture.scan import ScanResult


def error_text(code: str | None) -> str:
    """Why a source could not be read, in the user's words."""
    translate = QtCore.QCoreApplication.translate
    texts = {
        "unreachable": translate("Capture", "The server cannot be reached."),
        "login": translate("Capture", "The server refused the user name or password."),
        "tls": translate("Capture", "The connection cannot be encrypted."),
        "certificate": translate(
            "Capture", "The server's certificate is not trusted, or it is not the one you trusted."
        ),
        "no-password": translate("Capture", "No password is stored for this mailbox."),
        "not-found": translate("Capture", "The folder or file is missing."),
        "unreadable": translate("Capture", "The folder or file cannot be read."),
        "protocol": translate("Capture", "The server gave an answer Allies does not understand."),
    }
    return texts.get(code or "", translate("Capture", "The source cannot be read."))


def result_text(result: ScanResult) -> str:
    translate = QtCore.QCoreApplication.translate
    locale = QtCore.QLocale()
    if result.error:
        return (
            translate("Capture", "%1: %2")
            .replace("%1", result.name)
            .replace("%2", error_text(result.error))
        )
    if result.cancelled:
        return translate("Capture", "%1: stopped; the next scan goes on from here.").replace(
            "%1", result.name
        )
    read = result.new_messages + result.new_events
    if result.suggestions == 1:
        text = translate("Capture", "%1: %2 new messages or events read, 1 new suggestion")
    else:
        text = translate("Capture", "%1: %2 new messages or events read, %3 new suggestions")
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
    translate = QtCore.QCoreApplication.translate
    if count == 0:
        return translate("Capture", "No suggestions")
    if count == 1:
        return translate("Capture", "1 suggestion")
    return translate("Capture", "%1 suggestions").replace("%1", QtCore.QLocale().toString(count))

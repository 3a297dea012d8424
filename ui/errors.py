"""How errors reach the user: one ``show_exception()`` and the crash dialog."""

from __future__ import annotations

import logging
import traceback

from app.errors import (
    AlliesError,
    AmbiguousName,
    DatabaseBusy,
    DatabaseReadOnly,
    ImportFailed,
    NotFound,
    ValidationError,
)
from ui.qt import QtCore, QtWidgets

log = logging.getLogger(__name__)


QT_TRANSLATE_NOOP = QtCore.QT_TRANSLATE_NOOP

FIELD_NAMES = {
    "email": QT_TRANSLATE_NOOP("Errors", "E-mail"),
    "phone": QT_TRANSLATE_NOOP("Errors", "Phone"),
    "birthday": QT_TRANSLATE_NOOP("Errors", "Birthday"),
    "formatted_name": QT_TRANSLATE_NOOP("Errors", "Name"),
    "level": QT_TRANSLATE_NOOP("Errors", "Level"),
    "circle": QT_TRANSLATE_NOOP("Errors", "Circle"),
    "trust": QT_TRANSLATE_NOOP("Errors", "Trust"),
    "cadence_days": QT_TRANSLATE_NOOP("Errors", "Cadence"),
    "participants": QT_TRANSLATE_NOOP("Errors", "Participants"),
    "title": QT_TRANSLATE_NOOP("Errors", "Title"),
    "given_name": QT_TRANSLATE_NOOP("Errors", "Given name"),
    "family_name": QT_TRANSLATE_NOOP("Errors", "Family name"),
    "nickname": QT_TRANSLATE_NOOP("Errors", "Nickname"),
    "organization": QT_TRANSLATE_NOOP("Errors", "Organisation"),
    "department": QT_TRANSLATE_NOOP("Errors", "Department"),
    "tags": QT_TRANSLATE_NOOP("Errors", "Tags"),
}


class Errors:
    """Translation context "Errors" in a form lupdate can see."""

    @staticmethod
    def tr(text: str) -> str:
        return QtCore.QCoreApplication.translate("Errors", text)


tr = Errors.tr


def describe(exc: BaseException) -> str:
    """A sentence for the user, translated."""
    if isinstance(exc, ValidationError):
        field = tr(FIELD_NAMES.get(exc.field, exc.field))
        if exc.code == "required":
            return Errors.tr("%1 is required.").replace("%1", field)
        if exc.code == "control-character":
            return Errors.tr("%1 may not contain line breaks or control characters.").replace(
                "%1", field
            )
        if exc.code == "out-of-range":
            return (
                Errors.tr("%1 is out of range: %2")
                .replace("%1", field)
                .replace("%2", str(exc.value))
            )
        if exc.field == "email":
            return Errors.tr("This is not a valid e-mail address: %1").replace("%1", str(exc.value))
        if exc.field == "phone":
            return Errors.tr("This is not a valid phone number: %1").replace("%1", str(exc.value))
        return Errors.tr("%1 is not valid: %2").replace("%1", field).replace("%2", str(exc.value))
    if isinstance(exc, AmbiguousName):
        return Errors.tr("Several contacts are called %1.").replace("%1", exc.name)
    if isinstance(exc, NotFound):
        return Errors.tr("It no longer exists: it may have been deleted.")
    if isinstance(exc, ImportFailed):
        return (
            Errors.tr("%1 could not be read: %2").replace("%1", exc.path).replace("%2", exc.reason)
        )
    if isinstance(exc, DatabaseReadOnly):
        return Errors.tr(
            "Nothing was saved: the database is read-only (its file has no write permission)."
        )
    if isinstance(exc, DatabaseBusy):
        return Errors.tr(
            "Nothing was saved: another program kept the database busy for too long. "
            "Please try again."
        )
    if isinstance(exc, AlliesError):
        return str(exc)
    return Errors.tr("Something went wrong: %1").replace("%1", str(exc) or type(exc).__name__)


def show_exception(exc: BaseException, parent: QtWidgets.QWidget | None = None) -> None:
    """Tell the user about an error the app expected could happen (not a crash)."""
    if not isinstance(exc, AlliesError):
        log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    else:
        log.info("user-facing error: %s", exc)
    parent = parent or QtWidgets.QApplication.activeWindow()
    box = QtWidgets.QMessageBox(parent)
    box.setIcon(QtWidgets.QMessageBox.Icon.Warning)
    box.setWindowTitle(Errors.tr("Allies"))
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    box.setText(describe(exc))
    if not isinstance(exc, AlliesError):
        box.setDetailedText("".join(traceback.format_exception(exc)))
    box.setModal(False)
    box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()

"""Dates as a person reads them: unambiguous in the user's language.

"6 Dec 2026" in English and "6. Dez. 2026" in German, never "06/12/2026" (which an
American reads as June) or "06.12.26". The month names come from the locale, so every
language Qt knows gets its own.
"""

from __future__ import annotations

import datetime as dt

from ui.qt import QtCore


def date_format(locale: QtCore.QLocale | None = None) -> str:
    """The Qt date format for short, unambiguous dates (also for date edits)."""
    locale = locale or QtCore.QLocale()
    if locale.language() == QtCore.QLocale.Language.German:
        return "d. MMM yyyy"
    return "d MMM yyyy"


def date_text(day: dt.date | QtCore.QDate, locale: QtCore.QLocale | None = None) -> str:
    """``day`` written short and unambiguously ("6 Dec 2026", "6. Dez. 2026")."""
    locale = locale or QtCore.QLocale()
    qday = day if isinstance(day, QtCore.QDate) else QtCore.QDate(day.year, day.month, day.day)
    return locale.toString(qday, date_format(locale))

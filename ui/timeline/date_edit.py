"""A date field that Tab leaves at once, so a form can be crossed with Tab alone."""

from __future__ import annotations

import datetime as dt

from ui.dates import date_format
from ui.qt import QtWidgets
from ui.timeline.model import qdate


class QuickDateEdit(QtWidgets.QDateEdit):
    """QDateEdit with a calendar popup, the locale's short format, and Tab to move on.

    A plain QDateEdit spends Tab on stepping through day, month and year; here the arrow
    keys do that and Tab goes to the next field like everywhere else.
    """

    def __init__(self, day: dt.date | None = None, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(date_format())
        if day is not None:
            self.setDate(qdate(day))

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002
        return QtWidgets.QWidget.focusNextPrevChild(self, next)

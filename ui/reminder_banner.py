"""The reminders in the main window, for desktops without a system tray.

A slim bar above the views: "3 relationships need attention: Anna (12 days), Bert
(birthday), … [Show]". Each name is a button that opens the contact; Show opens the due
list. It hides itself when nothing is due or while a tray shows the reminders instead.
"""

from __future__ import annotations

from app.reminders import DueReport, Reminder, ReminderKind
from ui.qt import QtCore, QtGui, QtWidgets, Signal
from ui.resources import icon
from ui.rich_text import plain_tooltip

BANNER_ENTRIES = 4
TEXT_CHARS = 32


def _short(text: str) -> str:
    return text if len(text) <= TEXT_CHARS else text[: TEXT_CHARS - 1].rstrip() + "…"


def reminder_label(reminder: Reminder, *, short: bool = False) -> str:
    """How one reminder reads in the tray menu (or, ``short``, in the banner)."""
    translate = QtCore.QCoreApplication.translate
    locale = QtCore.QLocale()
    name = reminder.name
    if reminder.kind is ReminderKind.BIRTHDAY:
        if short:
            return translate("ReminderBanner", "%1 (birthday)").replace("%1", name)
        return translate("ReminderBanner", "Birthday today: %1").replace("%1", name)
    if reminder.kind is ReminderKind.FOLLOW_UP:
        if short:
            return translate("ReminderBanner", "%1 (follow-up)").replace("%1", name)
        text = _short(reminder.text)
        return translate("ReminderBanner", "%1: %2").replace("%2", text).replace("%1", name)
    days = locale.toString(reminder.days)
    if short:
        if reminder.days == 0:
            return translate("ReminderBanner", "%1 (today)").replace("%1", name)
        if reminder.days == 1:
            return translate("ReminderBanner", "%1 (1 day)").replace("%1", name)
        return translate("ReminderBanner", "%1 (%2 days)").replace("%2", days).replace("%1", name)
    if reminder.days == 0:
        return translate("ReminderBanner", "%1 — due today").replace("%1", name)
    if reminder.days == 1:
        return translate("ReminderBanner", "%1 — 1 day overdue").replace("%1", name)
    return (
        translate("ReminderBanner", "%1 — %2 days overdue").replace("%2", days).replace("%1", name)
    )


class _Entries(QtWidgets.QWidget):
    """The name buttons; shows as many as fit so the banner never widens the window."""

    fitted = Signal(int)  # how many buttons are hidden

    def __init__(self) -> None:
        super().__init__()
        self.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Preferred
        )
        self.buttons: list[QtWidgets.QToolButton] = []

    def set_buttons(self, buttons: list[QtWidgets.QToolButton]) -> None:
        for button in self.buttons:
            button.deleteLater()
        self.buttons = buttons
        for button in buttons:
            button.setParent(self)
        self.fit()

    def sizeHint(self) -> QtCore.QSize:  # noqa: N802
        width = sum(b.sizeHint().width() for b in self.buttons)
        height = max((b.sizeHint().height() for b in self.buttons), default=0)
        return QtCore.QSize(width, height)

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        x, hidden = 0, 0
        for button in self.buttons:
            hint = button.sizeHint()
            fits = hidden == 0 and x + hint.width() <= self.width()
            button.setVisible(fits)
            if fits:
                button.setGeometry(
                    x, (self.height() - hint.height()) // 2, hint.width(), hint.height()
                )
                x += hint.width()
            else:
                hidden += 1
        self.fitted.emit(hidden)


class ReminderBanner(QtWidgets.QFrame):
    """The due list in short, inside the main window.

    Signals: ``contact_activated(int)`` when a name is clicked, ``show_all_requested()``
    for the Show button.
    """

    contact_activated = Signal(int)
    show_all_requested = Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReminderBanner")
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QtGui.QPalette.ColorRole.AlternateBase)
        self.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Preferred, QtWidgets.QSizePolicy.Policy.Maximum
        )
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 4, 2)
        layout.setSpacing(4)
        self._icon = QtWidgets.QLabel()
        size = self.style().pixelMetric(QtWidgets.QStyle.PixelMetric.PM_SmallIconSize)
        self._icon.setPixmap(icon("snooze").pixmap(size, size))
        layout.addWidget(self._icon)
        self.headline = QtWidgets.QLabel()
        self.headline.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        layout.addWidget(self.headline)
        self._entries = _Entries()
        self._entries.fitted.connect(self._show_more)
        layout.addWidget(self._entries, 1)
        self.more = QtWidgets.QLabel()
        self.more.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        layout.addWidget(self.more)
        self.show_button = QtWidgets.QPushButton(self.tr("Show"))
        self.show_button.clicked.connect(self.show_all_requested)
        layout.addWidget(self.show_button)
        self._count = 0
        self.setVisible(False)

    @property
    def entry_buttons(self) -> list[QtWidgets.QToolButton]:
        """The name buttons that are shown (as many as fit the width)."""
        return [b for b in self._entries.buttons if not b.isHidden()]

    def set_report(self, report: DueReport, *, enabled: bool = True) -> None:
        """Show what ``report`` says is due now (or hide, when disabled or nothing is)."""
        per_contact: dict[int, Reminder] = {}
        for reminder in report.notifiable():
            per_contact.setdefault(reminder.contact_id, reminder)
        self._count = len(per_contact)
        buttons = []
        for reminder in list(per_contact.values())[:BANNER_ENTRIES]:
            button = QtWidgets.QToolButton()
            button.setAutoRaise(True)
            button.setText(reminder_label(reminder, short=True).replace("&", "&&"))
            button.setToolTip(plain_tooltip(reminder_label(reminder)))
            button.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(
                lambda _=False, cid=reminder.contact_id: self.contact_activated.emit(cid)
            )
            buttons.append(button)
        if self._count == 1:
            self.headline.setText(self.tr("1 relationship needs attention:"))
        else:
            self.headline.setText(
                self.tr("%1 relationships need attention:").replace(
                    "%1", QtCore.QLocale().toString(self._count)
                )
            )
        self._entries.set_buttons(buttons)
        self._entries.updateGeometry()
        self.setVisible(enabled and self._count > 0)

    def _show_more(self, hidden: int) -> None:
        rest = self._count - len(self._entries.buttons) + hidden
        self.more.setVisible(0 < rest < self._count)  # "and N more" needs a name before it
        self.more.setText(self.tr("and %1 more").replace("%1", QtCore.QLocale().toString(rest)))

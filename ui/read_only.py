"""A database the user made read-only: say so in a banner and offer no editing.

:func:`apply_read_only` is called by the main window when :data:`app.models.database`
was opened read-only (its file has no write bit). Editing actions go into one disabled
action group, which keeps them disabled whatever their own state logic says; any write
that still happens is refused by the domain (:class:`~app.errors.DatabaseReadOnly`).
"""

from __future__ import annotations

from app.models import database
from ui.qt import Qt, QtGui, QtWidgets


def hide_editing(*widgets: QtWidgets.QWidget) -> None:
    """Hide widgets that only change data when the database is read-only.

    Called by each detail section right after it makes its editing buttons and fields:
    hidden before they are first shown, they stay hidden when their section is shown.
    """
    if database.read_only:
        for widget in widgets:
            widget.hide()


class ReadOnlyBanner(QtWidgets.QLabel):
    """A strip above the window's content. No signals."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readOnlyBanner")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setMargin(6)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QtGui.QPalette.ColorRole.Window, QtGui.QColor("#fff4ce"))
        palette.setColor(QtGui.QPalette.ColorRole.WindowText, QtGui.QColor("#3b2f00"))
        self.setPalette(palette)
        self.setText(
            self.tr(
                "This database is read-only: its file has no write permission. You can look "
                "at everything, but nothing can be changed."
            )
        )


def apply_read_only(window: QtWidgets.QMainWindow, actions: list[QtGui.QAction]) -> None:
    """Show the banner on ``window`` and disable ``actions`` for good."""
    group = QtGui.QActionGroup(window)
    group.setObjectName("readOnlyDisabled")
    group.setExclusionPolicy(QtGui.QActionGroup.ExclusionPolicy.None_)
    for action in actions:
        group.addAction(action)
    group.setEnabled(False)
    banner = ReadOnlyBanner(window)
    window.add_banner(banner)  # type: ignore[attr-defined]

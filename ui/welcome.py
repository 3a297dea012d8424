"""The first start: the user's own name and organisation, and the welcoming empty state.

The user is the centre of the network, so their name and organisation are asked once
(a small dialog that does not block the window). A database without contacts shows
the empty state of SPEC §2 instead of an empty table: drop vCards, import LinkedIn,
create a contact, or open a demo network.
"""

from __future__ import annotations

from typing import Any

from app import settings as app_settings
from app.changes import EVERYTHING, Changes
from ui.ops import ops
from ui.qt import Qt, QtCore, QtGui, QtWidgets


def _icon(name: str) -> QtGui.QIcon:
    from ui.resources import icon

    try:
        return icon(name)
    except FileNotFoundError:
        return QtGui.QIcon()


def needs_onboarding() -> bool:
    """True on a first start: the user has neither answered nor a name yet."""
    return not app_settings.get("onboarded") and not app_settings.get("user_name")


def save_user(name: str, organization: str) -> Changes:
    app_settings.set_value("user_name", name.strip())
    app_settings.set_value("user_organization", organization.strip())
    app_settings.set_value("onboarded", True)
    return Changes(settings=True)


def _current_user() -> tuple[str, str]:
    return app_settings.get("user_name"), app_settings.get("user_organization")


class DropZone(QtWidgets.QLabel):
    """The empty state's drop target: a dashed, rounded outline in a tint of the text
    colour, so it reads as a place to drop on light and dark palettes alike."""

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:  # noqa: N802
        painter = QtGui.QPainter(self)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QtGui.QPalette.ColorRole.WindowText)
        fill = QtGui.QColor(text)
        fill.setAlpha(10)
        border = QtGui.QColor(text)
        border.setAlpha(110)
        pen = QtGui.QPen(border, 1.5, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(fill)
        rect = QtCore.QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.drawRoundedRect(rect, 8, 8)
        painter.end()
        super().paintEvent(event)


class OnboardingDialog(QtWidgets.QDialog):
    """Asks for the user's own name and organisation; "Later" asks no more. No signals."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Allies"))
        intro = QtWidgets.QLabel(
            self.tr(
                "Allies puts you in the centre of your network. Who are you, and where do "
                "you work? Levels (above, peer, below) are relative to you, and insights "
                "about \u201cyour own organisation\u201d mean this one. You can change it later "
                "in the settings."
            )
        )
        intro.setWordWrap(True)
        self.name = QtWidgets.QLineEdit()
        self.name.setObjectName("userName")
        self.name.setPlaceholderText(self.tr("Your name"))
        self.organization = QtWidgets.QLineEdit()
        self.organization.setObjectName("userOrganization")
        self.organization.setPlaceholderText(self.tr("Your organisation"))
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("Your &name"), self.name)
        form.addRow(self.tr("Your &organisation"), self.organization)
        buttons = QtWidgets.QDialogButtonBox()
        self.ok_button = buttons.addButton(
            self.tr("Continue"), QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setDefault(True)
        later = buttons.addButton(
            self.tr("Later"), QtWidgets.QDialogButtonBox.ButtonRole.RejectRole
        )
        later.setAutoDefault(False)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self._later)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self.name.setFocus()
        ops().run(_current_user, write=False, success=self._fill)

    def _fill(self, user: tuple[str, str]) -> None:
        if not self.name.text():
            self.name.setText(user[0])
        if not self.organization.text():
            self.organization.setText(user[1])

    def _save(self) -> None:
        ops().run(save_user, self.name.text(), self.organization.text())
        self.accept()

    def _later(self) -> None:
        ops().run(app_settings.set_value, "onboarded", True)
        self.reject()


class EmptyState(QtWidgets.QWidget):
    """The page shown while the database holds no contacts. No signals.

    ``window`` is the main window: its actions create a contact and import files.
    """

    def __init__(self, window: Any, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._window = window
        title = QtWidgets.QLabel(self.tr("Your network starts here"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle = QtWidgets.QLabel(
            self.tr(
                "Allies helps you keep in touch with the people who matter for your work: "
                "above you, beside you, below you and outside. Bring them in:"
            )
        )
        subtitle.setWordWrap(True)
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)

        drop = DropZone(self.tr("Drop vCard files here"))
        drop.setObjectName("dropZone")
        drop.setAlignment(Qt.AlignmentFlag.AlignCenter)
        drop.setMinimumHeight(110)
        drop_font = drop.font()
        drop_font.setPointSizeF(drop_font.pointSizeF() * 1.3)
        drop.setFont(drop_font)

        self.import_button = self._button(
            "import", self.tr("Import LinkedIn connections…"), window.show_import
        )
        self.import_button.setVisible(window.import_action.isVisible())
        self.create_button = self._button(
            "new-contact", self.tr("Create a contact"), window.contact_actions.new_contact
        )
        self.demo_button = self._button("network", self.tr("Open a demo network"), self.ask_demo)

        column = QtWidgets.QVBoxLayout()
        column.setSpacing(12)
        column.addWidget(title)
        column.addWidget(subtitle)
        column.addSpacing(8)
        column.addWidget(drop)
        column.addWidget(self.import_button)
        column.addWidget(self.create_button)
        column.addWidget(self.demo_button)
        box = QtWidgets.QWidget()
        box.setLayout(column)
        box.setMaximumWidth(520)
        outer = QtWidgets.QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignVCenter)
        outer.addStretch(1)
        self.confirm: QtWidgets.QMessageBox | None = None

    def _button(self, icon: str, text: str, slot: Any) -> QtWidgets.QPushButton:
        button = QtWidgets.QPushButton(_icon(icon), text)
        button.setIconSize(button.iconSize() * 1.5)
        button.setMinimumHeight(44)
        button.clicked.connect(lambda: slot())
        return button

    def ask_demo(self) -> QtWidgets.QMessageBox:
        box = QtWidgets.QMessageBox(self)
        box.setIcon(QtWidgets.QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Open a demo network"))
        box.setText(
            self.tr(
                "Fill this database with about 150 invented contacts, their interactions "
                "and favours, to try Allies out?"
            )
        )
        box.setInformativeText(
            self.tr("Use a separate database (allies --db demo.sqlite3) for your real network.")
        )
        box.setStandardButtons(
            QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QtWidgets.QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(
            lambda button: (
                self.create_demo()
                if box.standardButton(button) == QtWidgets.QMessageBox.StandardButton.Yes
                else None
            )
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.confirm = box
        return box

    def create_demo(self) -> None:
        from app.demo import create_demo

        self.demo_button.setEnabled(False)
        ops().run(create_demo, success=lambda _summary: ops().broadcast(EVERYTHING))

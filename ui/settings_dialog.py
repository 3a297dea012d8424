"""The settings dialog: who the user is, default cadences, quiet hours, language, data;
and the sync accounts on their own tab (:mod:`ui.accounts_page`).

Network settings are written to the database (:mod:`app.settings`) through the ops
worker; the language is a per-machine setting (:mod:`ui.settings`) and applies after
a restart, which the dialog says.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app import autostart
from app import settings as app_settings
from app.changes import Changes
from app.models import Level, database
from ui.accounts_page import AccountsPage
from ui.contacts.model import level_name
from ui.ops import ops
from ui.qt import Qt, QtCore, QtGui, QtWidgets
from ui.settings import ui_settings

NETWORK_KEYS = (
    "user_name",
    "user_organization",
    "cadence_above",
    "cadence_peer",
    "cadence_below",
    "cadence_external",
    "quiet_start",
    "quiet_end",
)


def read_network_settings() -> dict[str, Any]:
    return {key: app_settings.get(key) for key in NETWORK_KEYS}


def write_network_settings(values: dict[str, Any]) -> Changes:
    with database.atomic():
        for key, value in values.items():
            if app_settings.get(key) != value:
                app_settings.set_value(key, value)
    return Changes(settings=True, contact_list=True)


class SettingsDialog(QtWidgets.QDialog):
    """Edits the settings; OK saves them. No signals."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.user_name = QtWidgets.QLineEdit()
        self.user_name.setObjectName("userName")
        self.user_organization = QtWidgets.QLineEdit()
        self.cadences: dict[str, QtWidgets.QSpinBox] = {}
        for level in Level:
            spin = QtWidgets.QSpinBox()
            spin.setRange(0, 3650)
            spin.valueChanged.connect(lambda days, s=spin: self._set_days_suffix(s, days))
            self._set_days_suffix(spin, spin.value())
            spin.setSpecialValueText(self.tr("never remind"))
            self.cadences[level.value] = spin
        self.quiet_start = QtWidgets.QTimeEdit()
        self.quiet_start.setDisplayFormat("HH:mm")
        self.quiet_end = QtWidgets.QTimeEdit()
        self.quiet_end.setDisplayFormat("HH:mm")
        self.language = QtWidgets.QComboBox()
        self.language.addItem(self.tr("System language"), "system")
        self.language.addItem("English", "en")
        self.language.addItem("Deutsch", "de")
        current = ui_settings().get("language")
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        language_note = QtWidgets.QLabel(self.tr("A new language takes effect after a restart."))
        language_note.setEnabled(False)

        path = Path(database.database) if database.database else None
        self.data_folder = QtWidgets.QLabel(str(path) if path else "")
        self.data_folder.setTextFormat(Qt.TextFormat.PlainText)
        self.data_folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_folder.setWordWrap(True)
        open_folder = QtWidgets.QPushButton(self.tr("Open data folder"))
        open_folder.setEnabled(path is not None)
        open_folder.clicked.connect(self.open_data_folder)

        you = QtWidgets.QGroupBox(self.tr("You"))
        you_form = QtWidgets.QFormLayout(you)
        you_form.addRow(self.tr("Your name"), self.user_name)
        you_form.addRow(self.tr("Your organisation"), self.user_organization)
        cadence = QtWidgets.QGroupBox(self.tr("Keep in touch by default"))
        cadence_form = QtWidgets.QFormLayout(cadence)
        for level in Level:
            cadence_form.addRow(level_name(level.value), self.cadences[level.value])
        quiet = QtWidgets.QGroupBox(self.tr("Reminders"))
        quiet_column = QtWidgets.QVBoxLayout(quiet)
        quiet_row = QtWidgets.QHBoxLayout()
        quiet_row.addWidget(QtWidgets.QLabel(self.tr("Quiet hours (no notifications):")))
        quiet_row.addWidget(QtWidgets.QLabel(self.tr("From")))
        quiet_row.addWidget(self.quiet_start)
        quiet_row.addWidget(QtWidgets.QLabel(self.tr("to")))
        quiet_row.addWidget(self.quiet_end)
        quiet_row.addStretch(1)
        quiet_column.addLayout(quiet_row)
        self.autostart = QtWidgets.QCheckBox(self.tr("Start Allies in the tray when I log in"))
        self.autostart.setEnabled(autostart.supported())
        if autostart.supported():
            self.autostart.setChecked(autostart.is_enabled())
        else:
            self.autostart.setToolTip(self.tr("Not supported on this system."))
        quiet_column.addWidget(self.autostart)
        looks = QtWidgets.QGroupBox(self.tr("Language"))
        looks_column = QtWidgets.QVBoxLayout(looks)
        looks_column.addWidget(self.language)
        looks_column.addWidget(language_note)
        data = QtWidgets.QGroupBox(self.tr("Your data"))
        data_column = QtWidgets.QVBoxLayout(data)
        data_column.addWidget(self.data_folder)
        data_column.addWidget(open_folder, 0, Qt.AlignmentFlag.AlignLeft)

        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        general = QtWidgets.QWidget()
        general_column = QtWidgets.QVBoxLayout(general)
        for group in (you, cadence, quiet, looks, data):
            general_column.addWidget(group)
        self.tabs = QtWidgets.QTabWidget()
        self.tabs.addTab(general, self.tr("General"))
        self.accounts = AccountsPage()
        self.tabs.addTab(self.accounts, self.tr("Accounts"))
        from ui.suggestions.sources_page import SourcesPage

        self.sources_page = SourcesPage()
        self.tabs.addTab(self.sources_page, self.tr("Sources"))
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        ops().run(read_network_settings, write=False, success=self._fill)

    def _set_days_suffix(self, spin: QtWidgets.QSpinBox, days: int) -> None:
        """The suffix follows the number: "1 day", "30 days"."""
        spin.setSuffix(self.tr(" day") if days == 1 else self.tr(" days"))

    def _fill(self, values: dict[str, Any]) -> None:
        self.user_name.setText(values["user_name"])
        self.user_organization.setText(values["user_organization"])
        for level, spin in self.cadences.items():
            spin.setValue(int(values[f"cadence_{level}"]))
        self.quiet_start.setTime(QtCore.QTime.fromString(values["quiet_start"], "HH:mm"))
        self.quiet_end.setTime(QtCore.QTime.fromString(values["quiet_end"], "HH:mm"))

    def values(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "user_name": self.user_name.text().strip(),
            "user_organization": self.user_organization.text().strip(),
            "quiet_start": self.quiet_start.time().toString("HH:mm"),
            "quiet_end": self.quiet_end.time().toString("HH:mm"),
        }
        for level, spin in self.cadences.items():
            result[f"cadence_{level}"] = spin.value()
        return result

    def save(self) -> None:
        language_changed = ui_settings().get("language") != self.language.currentData()
        ui_settings().set("language", self.language.currentData())
        ops().run(write_network_settings, self.values())
        self.sources_page.save()
        if self.autostart.isEnabled() and self.autostart.isChecked() != autostart.is_enabled():
            ops().run(autostart.set_enabled, self.autostart.isChecked(), write=False)
        self.accept()
        if language_changed:
            from ui.restart import offer_restart

            self.restart_offer = offer_restart(self.parentWidget())

    def open_data_folder(self) -> None:
        if database.database:
            folder = Path(database.database).resolve().parent
            QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(folder)))

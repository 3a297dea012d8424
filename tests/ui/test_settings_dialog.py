"""The settings dialog reads and writes the network settings and the language."""

from __future__ import annotations

import pytest

from app import settings as app_settings
from ui.qt import Qt, QtCore
from ui.settings import ui_settings, use_memory_store
from ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture(autouse=True)
def memory_settings() -> None:
    use_memory_store()


def test_settings_are_shown_and_saved(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    app_settings.set_value("user_name", "Julia")
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.user_name.text() == "Julia"
    assert dialog.cadences["below"].value() == 45
    assert dialog.quiet_start.time() == QtCore.QTime(20, 0)
    assert str(db.database) in dialog.data_folder.text()
    dialog.user_name.selectAll()
    qtbot.keyClicks(dialog.user_name, "Julia Hartmann")
    dialog.cadences["external"].setValue(120)
    dialog.quiet_end.setTime(QtCore.QTime(7, 30))
    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert app_settings.get("user_name") == "Julia Hartmann"
    assert app_settings.get("cadence_external") == 120
    assert app_settings.get("quiet_end") == "07:30"
    assert ui_settings().get("language") == "de"


def test_cancel_changes_nothing(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.cadences["peer"].setValue(7)
    dialog.reject()
    assert app_settings.get("cadence_peer") == 30


def test_autostart_checkbox_creates_and_removes_the_login_entry(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from app import autostart

    assert not autostart.is_enabled()
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.autostart.isEnabled() and not dialog.autostart.isChecked()
    qtbot.mouseClick(dialog.autostart, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert autostart.is_enabled()
    assert "--tray" in autostart.xdg_entry_path().read_text("utf-8")

    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.autostart.isChecked()
    qtbot.mouseClick(dialog.autostart, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not autostart.is_enabled()

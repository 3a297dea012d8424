"""The window on a read-only database, and one-line fields in the profile form
(issue 12 findings 7 and 10), driven like a person would."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import contacts
from app.db import close_database, open_database
from app.models import Contact, database
from ui.contacts.detail import ContactDetail
from ui.contacts.profile import ProfileSection
from ui.main_window import MainWindow
from ui.qt import Qt, QtWidgets
from ui.read_only import ReadOnlyBanner
from ui.settings import use_memory_store

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture(autouse=True)
def memory_settings() -> None:
    use_memory_store()


def profile_of(win: MainWindow) -> ProfileSection:
    detail = win.view("contacts")
    assert isinstance(detail, ContactDetail)
    section = detail.section("profile")
    assert isinstance(section, ProfileSection)
    return section


def shown(qtbot, window: MainWindow) -> MainWindow:  # type: ignore[no-untyped-def]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def read_only_db(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "allies.sqlite3"
    open_database(path)
    contacts.create_contact(contacts.ContactInput("Ada Lovelace"))
    close_database()
    os.chmod(path, 0o400)
    open_database(path)
    yield path
    close_database()
    os.chmod(path, 0o600)


def test_read_only_database_shows_a_banner_and_offers_no_editing(
    qtbot, read_only_db: Path  # type: ignore[no-untyped-def]
) -> None:
    window = shown(qtbot, MainWindow())
    banner = window.findChild(ReadOnlyBanner)
    assert banner is not None and banner.isVisible()
    assert "read-only" in banner.text()
    a = window.contact_actions
    window.contact_list.table.selectRow(0)
    for action in (a.new, a.log, a.archive, a.merge, a.add_tag, window.import_action):
        assert not action.isEnabled(), action.text()
        action.setEnabled(True)  # what selection logic does: the group keeps it disabled
        assert not action.isEnabled(), action.text()
    assert window.export_action.isEnabled() and window.find_action.isEnabled()


def test_a_save_on_a_read_only_database_is_refused_with_a_sentence(
    qtbot, read_only_db: Path, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    shown_errors: list[str] = []
    monkeypatch.setattr(
        "ui.errors.QtWidgets.QMessageBox.show",
        lambda box: shown_errors.append(box.text()),
    )
    window = shown(qtbot, MainWindow())
    ada = Contact.get(Contact.formatted_name == "Ada Lovelace").id
    window.open_contact(ada)
    section = profile_of(window)
    qtbot.keyClicks(section.form.organization, "Analytical Engines")
    qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    assert database.read_only
    assert Contact.get_by_id(ada).organization == ""
    assert any("read-only" in text for text in shown_errors), shown_errors


def test_profile_form_refuses_a_line_break_in_the_organisation(
    qtbot, db  # type: ignore[no-untyped-def]
) -> None:
    ada, _ = contacts.create_contact(contacts.ContactInput("Ada Lovelace"))
    window = shown(qtbot, MainWindow())
    window.open_contact(ada)
    section = profile_of(window)
    qtbot.keyClicks(section.form.organization, "Engines")
    section.form.organization.selectAll()
    section.form.organization.insert("Engines\nBcc: everyone")  # as a paste does
    assert "\n" in section.form.organization.text()
    qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    errors = [
        label.text()
        for label in section.findChildren(QtWidgets.QLabel, "fieldError")
        if label.isVisible()
    ]
    assert any("line breaks or control characters" in text for text in errors), errors
    assert Contact.get_by_id(ada).organization == ""


def test_export_from_the_window_is_private(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.interchange.export_dialog import export_to_path

    contacts.create_contact(contacts.ContactInput("Ada Lovelace"))
    old = os.umask(0)
    try:
        for fmt in ("vcard", "csv", "ics"):
            out = tmp_path / f"network.{fmt}"
            export_to_path(fmt, str(out), None, None)
            assert os.stat(out).st_mode & 0o777 == 0o600
    finally:
        os.umask(old)

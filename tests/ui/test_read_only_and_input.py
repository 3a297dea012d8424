"""The window on a read-only database, and one-line fields in the profile form
(issue 12 findings 7 and 10), driven like a person would."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import contacts
from app.db import close_database, open_database
from app.followups import add_follow_up
from app.models import Contact, Direction, Exchange, Interaction, database
from app.timeline import ExchangeInput, InteractionInput, log_interaction
from app.timeline_query import TimelineEntry
from ui.contacts.detail import ContactDetail
from ui.contacts.profile import ProfileSection
from ui.main_window import MainWindow
from ui.qt import Qt, QtWidgets
from ui.read_only import ReadOnlyBanner
from ui.settings import use_memory_store
from ui.timeline.model import EntryRole

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


def window_on_ada(qtbot) -> tuple[MainWindow, ContactDetail]:  # type: ignore[no-untyped-def]
    """The main window shown with Ada Lovelace (made by the test or the fixture) opened."""
    window = shown(qtbot, MainWindow())
    window.open_contact(Contact.get(Contact.formatted_name == "Ada Lovelace").id)
    detail = window.view("contacts")
    assert isinstance(detail, ContactDetail)
    return window, detail


@pytest.fixture
def read_only_db(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "allies.sqlite3"
    open_database(path)
    ada, _ = contacts.create_contact(contacts.ContactInput("Ada Lovelace"))
    add_follow_up(ada, dt.date(2030, 1, 1), "Send the article")
    log_interaction(
        InteractionInput(
            [ada],
            occurred_on=dt.date(2026, 3, 1),
            summary="Lunch",
            exchanges=[ExchangeInput(Direction.GAVE.value, "An introduction", kind="introduction")],
        )
    )
    close_database()
    os.chmod(path, 0o400)
    open_database(path)
    yield path
    close_database()
    os.chmod(path, 0o600)


def test_read_only_database_shows_a_banner_and_offers_no_editing(
    qtbot,
    read_only_db: Path,  # type: ignore[no-untyped-def]
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
    qtbot,
    read_only_db: Path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    shown_errors: list[str] = []
    monkeypatch.setattr(
        "ui.errors.QtWidgets.QMessageBox.show",
        lambda box: shown_errors.append(box.text()),
    )
    from dataclasses import replace

    from ui.ops import ops

    shown(qtbot, MainWindow())
    ada = Contact.get(Contact.formatted_name == "Ada Lovelace").id
    changed = replace(contacts.load_contact(ada), organization="Analytical Engines")
    ops().run(contacts.update_contact, ada, changed)  # a write the window does not offer
    ops().wait_idle()
    assert database.read_only
    assert Contact.get_by_id(ada).organization == ""
    assert any("read-only" in text for text in shown_errors), shown_errors


def test_profile_form_refuses_a_line_break_in_the_organisation(
    qtbot,
    db,  # type: ignore[no-untyped-def]
) -> None:
    ada, _ = contacts.create_contact(contacts.ContactInput("Ada Lovelace"))
    window, _ = window_on_ada(qtbot)
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


def test_the_profile_form_only_shows_a_contact_of_a_read_only_database(
    qtbot,
    read_only_db: Path,  # type: ignore[no-untyped-def]
) -> None:
    window = shown(qtbot, MainWindow())
    ada = Contact.get(Contact.formatted_name == "Ada Lovelace").id
    window.open_contact(ada)
    section = profile_of(window)
    form = section.form
    assert form.name.text() == "Ada Lovelace"
    assert form.is_read_only()
    assert not section.save_button.isVisible() and not section.revert_button.isVisible()
    form.name.setFocus()
    qtbot.keyClicks(form.name, "XYZ")  # what a person types goes nowhere
    assert form.name.text() == "Ada Lovelace"
    assert form.name.isReadOnly() and form.notes.isReadOnly() and form.trust.isReadOnly()
    for widget in (form.level, form.circle, form.photo_button, *form.roles.values()):
        assert not widget.isEnabled()
    assert not form.emails.add_button.isEnabled()
    assert not form.addresses.add_button.isEnabled()
    qtbot.keyClick(section, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not section.save()
    assert Contact.get_by_id(ada).formatted_name == "Ada Lovelace"


EDITING_SECTIONS = ["timeline", "ledger", "relationships", "goals", "follow_ups"]


def visible_editors(detail: ContactDetail, key: str) -> list[str]:
    """The buttons and fields a person could change data with on one detail tab."""
    detail.show_section(key)
    section = detail.section(key)
    assert section is not None and section.isVisible(), key
    kinds = (QtWidgets.QPushButton, QtWidgets.QLineEdit, QtWidgets.QComboBox, QtWidgets.QDateEdit)
    return [
        f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
        for w in section.findChildren(QtWidgets.QWidget)
        if isinstance(w, kinds) and w.isVisible()
    ]


def test_the_other_detail_tabs_offer_no_editing_on_a_read_only_database(
    qtbot,
    read_only_db: Path,  # type: ignore[no-untyped-def]
) -> None:
    window, detail = window_on_ada(qtbot)
    for key in EDITING_SECTIONS:
        assert visible_editors(detail, key) == [], key
    follow_ups = detail.section("follow_ups")
    assert follow_ups.model.rowCount() == 1
    flags = follow_ups.model.flags(follow_ups.model.index(0, 0))
    assert not flags & Qt.ItemFlag.ItemIsUserCheckable  # ticking one off is a write


def test_rows_of_a_read_only_database_open_no_edit_dialog_and_delete_nothing(
    qtbot,
    read_only_db: Path,  # type: ignore[no-untyped-def]
) -> None:
    """Double-click, Enter and Delete on the timeline's and the ledger's rows: an edit
    dialog whose save would only be refused is not offered, and nothing is deleted."""
    window, detail = window_on_ada(qtbot)
    for key in ("timeline", "ledger"):
        detail.show_section(key)
        section = detail.section(key)
        view = section.list if key == "timeline" else section.table  # type: ignore[union-attr]
        model = view.model()
        qtbot.waitUntil(lambda model=model: model.rowCount() > 0)
        rows = [model.index(row, 0) for row in range(model.rowCount())]
        index = next(
            i for i in rows if key == "ledger" or isinstance(i.data(EntryRole), TimelineEntry)
        )
        view.setCurrentIndex(index)
        rect = view.visualRect(index)
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_Return)
        qtbot.keyClick(view, Qt.Key.Key_Delete)
        qtbot.wait(50)
        dialogs = [w for w in QtWidgets.QApplication.topLevelWidgets() if w.isVisible()]
        assert dialogs == [window], (key, dialogs)
        assert not view.actions(), key  # no Edit… / Delete in the context menu
    ledger = detail.section("ledger").model  # type: ignore[union-attr]
    for column in range(ledger.columnCount()):
        flags = ledger.flags(ledger.index(0, column))
        assert not flags & Qt.ItemFlag.ItemIsUserCheckable  # "thanked" is a write
    assert Interaction.select().count() == 1 and Exchange.select().count() == 1


def test_an_editable_database_keeps_the_editing_buttons_of_every_tab(
    qtbot,
    db,  # type: ignore[no-untyped-def]
) -> None:
    contacts.create_contact(contacts.ContactInput("Ada Lovelace"))
    window, detail = window_on_ada(qtbot)
    for key in EDITING_SECTIONS:
        assert visible_editors(detail, key), key


def test_an_editable_database_keeps_the_profile_form_editable(
    qtbot,
    db,  # type: ignore[no-untyped-def]
) -> None:
    ada, _ = contacts.create_contact(
        contacts.ContactInput("Ada Lovelace", emails=[contacts.Labeled("ada@example.org")])
    )
    window = shown(qtbot, MainWindow())
    window.open_contact(ada)
    section = profile_of(window)
    assert not section.form.is_read_only()
    assert section.save_button.isVisible()
    assert not section.form.name.isReadOnly() and section.form.level.isEnabled()
    assert section.form.emails.add_button.isEnabled()


@pytest.mark.parametrize("fmt", ["vcard", "csv", "ics"])
def test_export_from_the_window_of_a_read_only_database_without_uids(
    qtbot,
    tmp_path: Path,
    fmt: str,  # type: ignore[no-untyped-def]
) -> None:
    """Contacts made before UIDs were given have none; the export gives them one for the
    file only, as the command line's in-memory copy does, and the database stays as it was."""
    from ui.interchange.export_dialog import ExportDialog

    path = tmp_path / "allies.sqlite3"
    open_database(path)
    contacts.create_contact(contacts.ContactInput("Ada Lovelace", birthday="1815-12-10"))
    database.execute_sql("UPDATE contact SET uid = NULL")
    close_database()
    os.chmod(path, 0o400)
    before = path.read_bytes()
    open_database(path)
    try:
        window = shown(qtbot, MainWindow())
        dialog = ExportDialog([], window)
        qtbot.addWidget(dialog)
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(fmt))
        out = tmp_path / f"network.{fmt}"
        with qtbot.waitSignal(dialog.exported, timeout=10000) as signal:
            dialog.export_to(str(out))
        assert signal.args[0] == str(out) and signal.args[1] >= 1
        text = out.read_text(encoding="utf-8")
        assert "Ada Lovelace" in text
        assert "urn:uuid:" in text or "UID:" in text
        assert Contact.get().uid is None
    finally:
        close_database()
        os.chmod(path, 0o600)
    assert path.read_bytes() == before

"""The main window: every view opens, dialogs open, layout is remembered, first start,
and the screenshot command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app import contacts
from app import settings as app_settings
from app.contacts import ContactInput
from app.db import close_database, open_database
from app.models import Contact
from ui.main_window import MainWindow
from ui.qt import Qt, QtCore, QtWidgets
from ui.settings import use_file_store, use_memory_store
from ui.views import VIEWS
from ui.welcome import EmptyState, OnboardingDialog, needs_onboarding

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def memory_settings() -> None:
    use_memory_store()


def add(name: str) -> int:
    return contacts.create_contact(ContactInput(formatted_name=name))[0]


def make_window(qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_every_view_and_dialog_opens(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    ada = add("Ada Lovelace")
    window = make_window(qtbot)
    assert window.count_label.text() == "1 contact"
    window.open_contact(ada)
    for number, entry in enumerate(VIEWS, start=1):
        window.show_view(entry.key)
        assert window.current_view == entry.key
        assert window.view_stack.currentWidget() is window.view(entry.key)
        assert window.view_switch[entry.key].shortcut().toString() == f"Ctrl+{number}"
    window.view_switch["contacts"].trigger()
    assert window.current_view == "contacts"
    settings = window.show_settings()
    assert settings.isVisible()
    settings.reject()
    about = window.show_about()
    assert "Allies" in about.text()
    about.close()
    onboarding = window.start_onboarding()
    assert onboarding.isVisible()
    onboarding.reject()
    assert window.contact_list.table.actions()  # the context menu of the list


def test_views_are_built_ahead_one_at_a_time_and_a_switch_only_shows_them(  # type: ignore[no-untyped-def]
    qtbot, db, monkeypatch
) -> None:
    """``prepare_views`` (run once the warm-up imports are in): the views that ask for it,
    the timeline and the network, are built while the window is idle, each in a turn of
    its own with a pause between (two in one turn stalled the GUI thread for both), and
    each paints ahead while hidden; switching to one then shows what was built."""
    import ui.network.view
    import ui.timeline.view  # noqa: F401  (the warm-up imported both)

    add("Ada Lovelace")
    window = make_window(qtbot)
    window.show_view("contacts")
    built_with: list[tuple[str, list[str]]] = []
    original = MainWindow._prepare_view

    def recording(self, entry):  # type: ignore[no-untyped-def]
        built_with.append((entry.key, sorted(self._views)))
        original(self, entry)

    monkeypatch.setattr(MainWindow, "_prepare_view", recording)
    window.prepare_views()
    assert window.view("timeline") is None  # nothing in the caller's turn
    qtbot.waitUntil(lambda: window.view("network") is not None)
    # One view per call, the network only after the timeline was complete.
    assert built_with == [("timeline", ["contacts"]), ("network", ["contacts", "timeline"])]
    timeline = window.view("timeline")
    qtbot.waitUntil(lambda: timeline.size() == window.view_stack.size())  # laid out, hidden
    assert not timeline.isVisible() and window.view("insights") is None
    # Named for assistive technology in a turn of its own (the search box by its hint).
    assert timeline.search.accessibleName() == timeline.search.placeholderText()
    assert window.show_view("timeline") is timeline and timeline.isVisible()
    qtbot.waitUntil(lambda: not timeline.model.loading)  # its first page was read ahead


def test_a_view_built_ahead_and_shown_before_its_naming_turn_is_named_as_shown(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    import ui.timeline.view  # noqa: F401  (the warm-up imported it)

    window = make_window(qtbot)
    window.show_view("contacts")
    window._prepare_view(next(e for e in VIEWS if e.key == "timeline"))
    timeline = window.view("timeline")
    assert timeline is not None and timeline.search.accessibleName() == ""  # not yet
    window.show_view("timeline")  # the user was quicker than the next turn
    assert timeline.search.accessibleName() == timeline.search.placeholderText()


def test_ctrl_f_focuses_search(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    add("Ada Lovelace")
    window = make_window(qtbot)
    window.activateWindow()
    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeWindow() is window)
    window.contact_list.table.setFocus()
    qtbot.keyClick(window.contact_list.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.contact_list.search.hasFocus()


def test_window_layout_is_remembered(qtbot, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    add("Ada Lovelace")
    use_file_store(str(tmp_path / "ui.ini"))
    first = make_window(qtbot)
    first.resize(780, 560)
    first.splitter.setSizes([320, 460])
    sizes = first.splitter.sizes()
    first.close()
    use_file_store(str(tmp_path / "ui.ini"))  # a new run reads the file again
    second = make_window(qtbot)
    assert second.size() == QtCore.QSize(780, 560)
    assert second.splitter.sizes() == sizes


def test_the_last_view_is_shown_again(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    first = make_window(qtbot)
    first.show_view("timeline")
    first.close()
    second = make_window(qtbot)
    assert second.current_view == "timeline"


def test_first_start_asks_for_the_user_then_shows_the_empty_state(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    assert needs_onboarding()
    window = make_window(qtbot)
    assert window.showing_empty_state
    empty = window.pages.currentWidget()
    assert isinstance(empty, EmptyState)
    assert empty.create_button.isVisible() and empty.demo_button.isVisible()
    dialog = window.start_onboarding()
    assert isinstance(dialog, OnboardingDialog)
    qtbot.keyClicks(dialog.name, "Julia Hartmann")
    qtbot.keyClicks(dialog.organization, "Acme GmbH")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert app_settings.get("user_name") == "Julia Hartmann"
    assert app_settings.get("user_organization") == "Acme GmbH"
    assert not needs_onboarding()
    # Creating the first contact leaves the empty state.
    qtbot.mouseClick(empty.create_button, Qt.MouseButton.LeftButton)
    from ui.contacts.profile import NewContactDialog

    new = next(w for w in window.findChildren(NewContactDialog) if w.isVisible())
    qtbot.keyClicks(new.form.name, "Ada Lovelace")
    qtbot.keyClick(new.form.name, Qt.Key.Key_Return)
    assert not window.showing_empty_state
    assert window.contact_list.model.rowCount() == 1


def test_open_a_demo_network_after_confirming(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    empty = window.pages.currentWidget()
    assert isinstance(empty, EmptyState)
    qtbot.mouseClick(empty.demo_button, Qt.MouseButton.LeftButton)
    box = empty.confirm
    assert box is not None and box.isVisible()
    assert Contact.select().count() == 0
    qtbot.mouseClick(
        box.button(QtWidgets.QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton
    )
    assert Contact.select().count() > 50
    assert not window.showing_empty_state
    assert window.contact_list.model.rowCount() > 50


def test_screenshot_command_writes_a_png(tmp_path: Path) -> None:
    database = tmp_path / "shot.sqlite3"
    open_database(database)
    add("Ada Lovelace")
    close_database()
    out = tmp_path / "contacts.png"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ui.entry",
            "--db",
            str(database),
            "screenshot",
            "--size",
            "900x600",
            str(out),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    from ui.qt import QtGui

    image = QtGui.QImage(str(out))
    assert (image.width(), image.height()) == (900, 600)


def test_screenshot_of_a_refused_database_is_one_line_and_exit_1(tmp_path: Path) -> None:
    bogus = tmp_path / "not.sqlite3"
    bogus.write_text("hello")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ui.entry",
            "--db",
            str(bogus),
            "screenshot",
            str(tmp_path / "x.png"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "not an SQLite file" in result.stderr


def test_crash_dialog_shows_the_traceback_and_recent_log(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import logging

    from ui.crash import CrashDialog, crash_report
    from ui.logging_setup import RECENT, setup_logging

    root = logging.getLogger()
    before = list(root.handlers)
    try:
        log_file = setup_logging(directory=tmp_path)
        logging.getLogger("allies.test").warning("the last thing before the crash")
        try:
            raise RuntimeError("boom")
        except RuntimeError as exc:
            report = crash_report(type(exc), exc, exc.__traceback__)
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                if handler is not RECENT:
                    handler.close()
    assert log_file is not None and "the last thing" in log_file.read_text()
    dialog = CrashDialog(report)
    qtbot.addWidget(dialog)
    text = dialog.details.toPlainText()
    assert "RuntimeError: boom" in text and "the last thing before the crash" in text

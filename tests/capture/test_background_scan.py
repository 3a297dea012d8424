"""The background scan (SPEC §11): at start and on a timer, through the worker, only the
sources the user opted into, never beside a running scan."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import settings as app_settings
from app.capture import suggestions as inbox
from app.capture.sources import add_local_source
from app.db import close_database, open_database
from app.models import CaptureSource
from tests.helpers import mail
from ui import ops as ops_module
from ui.main_window import MainWindow
from ui.qt import QtWidgets
from ui.settings import use_memory_store
from ui.suggestions.scanning import BackgroundScan, shared_runner
from ui.suggestions.view import SuggestionsView

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture(autouse=True)
def inline_ops() -> Iterator[None]:
    ops_module.use_inline_executor()
    use_memory_store()
    yield
    ops_module.reset_runner()


def test_a_scan_at_start_and_then_on_the_timer_proposes_from_opted_in_sources(
    qtbot,
    contacts: dict[str, int],
    maildir: Path,  # type: ignore[no-untyped-def]
) -> None:
    add_local_source("maildir", maildir)
    runner = shared_runner()
    reports = []
    runner.finished.connect(reports.append)
    with qtbot.waitSignal(runner.finished, timeout=20000):
        background = BackgroundScan(start_delay_ms=0, interval_ms=60 * 60 * 1000)
    assert [r.name for r in reports[0].results] == ["Maildir"]
    first = len(inbox.open_suggestions())
    assert first > 0
    mail.write_maildir(maildir, [mail.new_message()])
    background._interval.setInterval(10)  # the next turn of the timer, now
    with qtbot.waitSignal(runner.finished, timeout=20000):
        pass
    background._interval.stop()
    assert reports[1].results[0].new_messages == 1  # incremental: only the new one
    assert len(inbox.open_suggestions()) >= first
    background.deleteLater()


def test_a_turn_of_the_timer_never_starts_a_second_scan_beside_a_running_one(
    qtbot,
    contacts: dict[str, int],
    maildir: Path,  # type: ignore[no-untyped-def]
) -> None:
    add_local_source("maildir", maildir)
    runner = shared_runner()
    background = BackgroundScan(start_delay_ms=60 * 60 * 1000)
    started: list[int] = []
    skipped: list[str] = []
    background.skipped.connect(skipped.append)

    def timer_fires_while_scanning() -> None:
        started.append(1)
        background.scan_now()  # the timer's turn while the scan is under way

    runner.started.connect(timer_fires_while_scanning)
    try:
        with qtbot.waitSignal(runner.finished, timeout=20000):
            assert runner.start()  # "Scan now" by hand
    finally:
        runner.started.disconnect(timer_fires_while_scanning)
    assert started == [1] and skipped == ["running"]
    assert not runner.running
    background.deleteLater()


def test_no_source_no_scan(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    runner = shared_runner()
    background = BackgroundScan(start_delay_ms=60 * 60 * 1000)
    with qtbot.assertNotEmitted(runner.started):
        with qtbot.waitSignal(background.skipped) as signal:
            background.scan_now()
    assert signal.args == ["no-sources"]
    background.deleteLater()


def test_a_background_scan_turned_off_in_settings_does_not_run(
    qtbot,
    contacts: dict[str, int],
    maildir: Path,  # type: ignore[no-untyped-def]
) -> None:
    """The user unticks "Scan in the background" on Settings → Sources and presses OK: no
    turn of the timer scans; "Scan now" by hand still does."""
    add_local_source("maildir", maildir)
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    dialog = win.show_settings()
    page = dialog.sources_page
    dialog.tabs.setCurrentWidget(page)
    assert page.background.isChecked()
    page.background.click()
    dialog.ok_button.click()
    assert app_settings.get("capture_background_scan") is False
    runner = shared_runner()
    with qtbot.assertNotEmitted(runner.started):
        with qtbot.waitSignal(win.background_scan.skipped) as signal:
            win.background_scan.scan_now()
    assert signal.args == ["turned-off"]
    assert CaptureSource.get().last_scan_at is None
    with qtbot.waitSignal(runner.finished, timeout=20000):
        assert runner.start()
    assert CaptureSource.get().last_scan_at is not None
    dialog = win.show_settings()
    assert not dialog.sources_page.background.isChecked()  # what was saved is shown again
    dialog.close()


def test_a_read_only_database_is_not_scanned(
    qtbot,
    tmp_path: Path,
    maildir: Path,  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / "ro.sqlite3"
    open_database(path)
    add_local_source("maildir", maildir)
    close_database()
    os.chmod(path, 0o400)
    open_database(path)
    try:
        runner = shared_runner()
        background = BackgroundScan(start_delay_ms=60 * 60 * 1000)
        with qtbot.assertNotEmitted(runner.started):
            with qtbot.waitSignal(background.skipped) as signal:
                background.scan_now()
        assert signal.args == ["read-only"]
        assert CaptureSource.get().last_scan_at is None
        background.deleteLater()
    finally:
        close_database()
        os.chmod(path, 0o600)


def test_the_window_scans_in_the_background_and_the_inbox_shows_it(
    qtbot,
    contacts: dict[str, int],
    maildir: Path,  # type: ignore[no-untyped-def]
) -> None:
    """The main window has its background scan; the inbox and Settings → Sources show a
    scan they did not start, and closing Settings leaves nothing behind that breaks."""
    add_local_source("maildir", maildir)
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert isinstance(win.background_scan, BackgroundScan)
    view = win.show_view("suggestions")
    assert isinstance(view, SuggestionsView)
    assert view.model.rowCount() == 0
    dialog = win.show_settings()
    dialog.tabs.setCurrentWidget(dialog.sources_page)
    progress_seen = []

    def look_at_settings() -> None:
        progress_seen.append(dialog.sources_page.cancel_button.isVisibleTo(dialog))

    shared_runner().started.connect(look_at_settings)
    with qtbot.waitSignal(shared_runner().finished, timeout=20000):
        win.background_scan.scan_now()
    shared_runner().started.disconnect(look_at_settings)
    assert progress_seen == [True]
    assert view.model.rowCount() > 0
    assert "Maildir" in view.status.text()
    assert view.scan_action.isEnabled()
    dialog.close()
    dialog.deleteLater()
    QtWidgets.QApplication.processEvents()
    mail.write_maildir(maildir, [mail.new_message()])
    with qtbot.waitSignal(shared_runner().finished, timeout=20000):
        win.background_scan.scan_now()  # the Settings page is gone: no error


def test_a_turn_that_cannot_list_the_sources_is_logged_not_shown(
    qtbot,
    db,
    monkeypatch,
    caplog,  # type: ignore[no-untyped-def]
) -> None:
    from ui.suggestions import scanning

    def broken() -> list[str]:
        raise OSError("disk gone")

    monkeypatch.setattr(scanning, "source_names", broken)
    background = BackgroundScan(start_delay_ms=60 * 60 * 1000)
    with qtbot.assertNotEmitted(shared_runner().started):
        background.scan_now()
    assert "background scan skipped: disk gone" in caplog.text
    assert not [
        w
        for w in QtWidgets.QApplication.topLevelWidgets()
        if isinstance(w, QtWidgets.QMessageBox) and w.isVisible()
    ]
    background.deleteLater()

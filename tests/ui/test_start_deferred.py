"""Start-up: what the first paint of the main window does not show is neither imported
nor built before it (SPEC §7, start to first painted window ≤ 0.5 s), and is there and
working after it. The import list is tested, not a time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app import contacts
from app.capture.suggestions import open_count
from app.contacts import ContactInput
from ui.accessibility import unnamed
from ui.main_window import MainWindow
from ui.settings import use_memory_store

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

REPO = Path(__file__).resolve().parents[2]

# Imported by parts built after the first paint or on first use, never before the paint.
NOT_BEFORE_FIRST_PAINT = (
    "importlib.metadata",  # the About dialog's versions
    "app.capture.scan",  # the mail and folder scanners (imaplib, ssl, email)
    "imaplib",
    "ui.suggestions.badge",  # the suggestions count, built after the first paint
    "ui.contacts.profile",  # the new-contact dialog
    "ui.contacts.merge",  # the merge dialog
    "pyqtgraph",
    "numpy",
)

FIRST_PAINT_SCRIPT = r"""
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from ui.qt import QtCore, QtWidgets
from app.db import open_database
from ui.application import create_application
app = create_application()
from ui.settings import use_memory_store
use_memory_store()
open_database(sys.argv[1], backup=False)
watched = json.loads(sys.argv[2])
class Probe(QtCore.QObject):
    def eventFilter(self, obj, event):
        if event.type() == QtCore.QEvent.Type.Paint and isinstance(obj, QtWidgets.QMainWindow):
            print(json.dumps(sorted(n for n in watched if n in sys.modules)), flush=True)
            os._exit(0)
        return False
probe = Probe()
app.installEventFilter(probe)
from ui.accessibility import unnamed
from ui.main_window import MainWindow
window = MainWindow()
window.show()
app.exec()
"""


def test_the_first_paint_imports_none_of_what_it_does_not_show(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A fresh process, as the desktop start: at the main window's first paint none of
    the modules only later parts need is imported."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            FIRST_PAINT_SCRIPT,
            str(tmp_path / "allies.sqlite3"),
            json.dumps(NOT_BEFORE_FIRST_PAINT),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_the_suggestions_badge_is_built_after_the_first_paint(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    use_memory_store()
    window = MainWindow()
    qtbot.addWidget(window)
    assert window._suggestion_badge is None  # not built with the window
    window.show()
    qtbot.waitUntil(lambda: window._suggestion_badge is not None)
    assert window.suggestion_badge is window._suggestion_badge
    assert window.suggestion_badge.counter.count == open_count()


def test_a_window_never_shown_builds_the_badge_all_the_same(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    """Started into the tray, the window is not painted; what waits for the first paint
    is built after a while instead."""
    use_memory_store()
    window = MainWindow()
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window._suggestion_badge is not None, timeout=5000)
    assert not window.isVisible()


def test_asking_for_the_badge_before_the_first_paint_builds_it(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    use_memory_store()
    window = MainWindow()
    qtbot.addWidget(window)
    badge = window.suggestion_badge
    assert badge is window._suggestion_badge
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    assert window.suggestion_badge is badge  # built once


def test_the_dialogs_imported_on_first_use_still_open(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    """New contact (its module imported on first use) and merge still open from the
    window's actions."""
    use_memory_store()
    ada = contacts.create_contact(ContactInput(formatted_name="Ada Lovelace"))[0]
    grace = contacts.create_contact(ContactInput(formatted_name="Grace Hopper"))[0]
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    dialog = window.contact_actions.new_contact()
    assert dialog.isVisible()
    dialog.reject()
    window.selection.set_selected([ada, grace])
    window.contact_actions.merge_selected()  # inline ops in tests: the dialog opens at once
    qtbot.waitUntil(lambda: getattr(window.contact_actions, "merge_dialog", None) is not None)
    merge = window.contact_actions.merge_dialog
    assert merge.isVisible()
    merge.reject()


def test_the_controls_are_named_after_the_first_paint(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    """Naming the controls for assistive technology starts Qt's accessibility: after the
    first paint, not before it; then no visible control is left without a name."""
    use_memory_store()
    window = MainWindow()
    qtbot.addWidget(window)
    tags = window.contact_list.tag_filter
    assert tags.accessibleName() == ""  # not named while the window is built
    window.show()
    qtbot.waitUntil(lambda: tags.accessibleName() != "")
    assert unnamed(window) == []


def test_showing_a_view_before_the_first_paint_finishes_the_start(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    use_memory_store()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show_view("contacts")
    assert window._suggestion_badge is not None
    assert window.contact_list.tag_filter.accessibleName() != ""


def test_what_waits_for_the_first_paint_is_built_one_step_per_turn(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    """The naming and the badge in turns of their own: together, and beside the list's
    first rows, they were one stall of the GUI thread."""
    use_memory_store()
    window = MainWindow()
    qtbot.addWidget(window)
    window._finish_start_step()
    assert window._named and window._suggestion_badge is None
    window._finish_start_step()
    assert window._suggestion_badge is not None
    window._finish_start_step()  # nothing left: no error


def test_the_contact_page_is_built_for_the_first_contact_shown(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    """At start no contact is selected: the contacts view shows its placeholder, and its
    header and section tabs are built when the first contact is shown."""
    use_memory_store()
    ada = contacts.create_contact(ContactInput(formatted_name="Ada Lovelace"))[0]
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    detail = window.view("contacts")
    assert detail is not None and detail._page is None
    assert detail.stack.currentWidget() is detail.placeholder
    window.open_contact(ada)
    qtbot.waitUntil(lambda: detail.stack.currentIndex() == 1)
    assert detail.header.isVisible() and detail.tabs.count() >= 1
    qtbot.waitUntil(lambda: "Ada" in detail.header.name.text())

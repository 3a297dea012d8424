"""The heavy view libraries load in the background once the window is up."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = r"""
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from ui.qt import QtCore, QtWidgets
app = QtWidgets.QApplication([])
window = QtWidgets.QMainWindow(); window.show()
assert "pyqtgraph" not in sys.modules
stalls, last = [], [time.perf_counter()]
def tick():
    now = time.perf_counter(); stalls.append(now - last[0]); last[0] = now
timer = QtCore.QTimer(); timer.timeout.connect(tick); timer.start(5)
from ui.application import warm_up_imports
thread = warm_up_imports()
def done():
    if not thread.is_alive():
        app.quit()
poll = QtCore.QTimer(); poll.timeout.connect(done); poll.start(20)
app.exec()
import gc
print("pyqtgraph" in sys.modules, "igraph" in sys.modules, round(max(stalls) * 1000),
      gc.isenabled(), gc.get_freeze_count() > 10_000)
"""


def test_warm_up_imports_pyqtgraph_off_the_gui_thread() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    loaded_pg, loaded_igraph, _longest_stall_ms, collecting, frozen = done.stdout.split()
    assert loaded_pg == "True" and loaded_igraph == "True"
    # What the imports made is frozen: a full collection later (on any thread, holding
    # the GIL) does not walk it again; the collector itself runs as before.
    assert collecting == "True" and frozen == "True"


PREPARE_SCRIPT = r"""
import os, sys, threading
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from ui.qt import QtCore, QtWidgets
app = QtWidgets.QApplication([])
calls = []
class Window(QtWidgets.QMainWindow):
    def prepare_views(self):
        calls.append((threading.current_thread() is threading.main_thread(), thread.is_alive()))
        app.quit()
window = Window(); window.show()
from ui.application import warm_up
thread = warm_up(window)
QtCore.QTimer.singleShot(60_000, app.quit)
app.exec()
print(calls)
"""


def test_after_the_imports_the_window_prepares_its_views_on_the_gui_thread() -> None:
    """``warm_up``: once the imports are done, the window builds the views that ask for it
    (the network) while idle, on the GUI thread."""
    done = subprocess.run(
        [sys.executable, "-c", PREPARE_SCRIPT], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[(True, False)]"  # once, on the GUI thread, imports done


VIEWS_SCRIPT = r"""
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from ui.qt import QtCore, QtWidgets
app = QtWidgets.QApplication([])
from app.db import open_database
from ui.settings import use_memory_store
use_memory_store()
open_database(sys.argv[1], backup=False)
import datetime as dt
from app.contacts import ContactInput, create_contact
from app.timeline import InteractionInput, log_interaction
ada = create_contact(ContactInput(formatted_name="Ada Lovelace"))[0]
log_interaction(InteractionInput(participant_ids=[ada], kind="call", occurred_on=dt.date.today()))
from ui.main_window import MainWindow
window = MainWindow(); window.resize(1200, 800); window.show()
from ui.application import warm_up_imports
warm_up_imports().join()
loaded = set(sys.modules)
def settle(until):
    end = time.monotonic() + 20
    while not until() and time.monotonic() < end:
        app.processEvents(); time.sleep(0.005)
for key in ("timeline", "network", "insights", "contacts"):
    view = window.show_view(key)
    settle(lambda: key != "timeline" or view.chart is not None)
ours = ("app.", "ui.", "pyqtgraph", "numpy", "igraph")
print(sorted(n for n in set(sys.modules) - loaded if n.startswith(ours)))
os._exit(0)
"""


def test_after_the_warm_up_no_view_imports_a_module_on_the_gui_thread(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """What the views import when first shown (the timeline's chart once the list has
    painted) is loaded by the warm-up, on its thread: an import on the GUI thread stalls
    it for the module's compile or execution (16 ms for the chart without bytecode)."""
    done = subprocess.run(
        [sys.executable, "-c", VIEWS_SCRIPT, str(tmp_path / "allies.sqlite3")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_heavy_modules_shared_libraries_are_paged_in_ahead() -> None:
    """Before the warm-up imports them, the kernel is asked to read numpy's, igraph's and
    the pyqtgraph Qt modules' shared libraries ahead: a ``dlopen`` paging one in from disk
    holds the GIL meanwhile."""
    from ui.application import page_in_libraries

    names = {path.name for path in page_in_libraries()}
    assert any(name.startswith("_multiarray_umath") for name in names)
    assert any(name.startswith("_igraph") for name in names)
    assert any(name.startswith("QtOpenGL.") for name in names)
    assert {"libQt6OpenGL.so.6", "libQt6Svg.so.6"} <= names

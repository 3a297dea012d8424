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

"""One repaint of the contact list at 100,000 contacts, the GUI thread's share of a stall.

    .venv/bin/python tests/benchmarks/bench_list_paint.py [--db PATH] [--repaints 15]

The contact list's pane (1366×860 window's worth of rows) is repainted while a worker
thread (1) idles, (2) runs the search's complete-list query in a loop (SQLite, the GIL
released per row) and (3) runs pure Python (an import's parse holds the GIL between
switch intervals). For each: the median and worst wall time of one repaint (update() and
the event loop's paint) and the GUI thread's CPU time per repaint.

Reference, in the same run: the same table painted by Qt's own ``QStyledItemDelegate``
asking the model's ``data()`` a dozen roles per cell, without the Python ``paintEvent``
(each call from C++ into Python takes the GIL afresh). It uses today's ``data()``, which
answers the roles it does not serve at once: before issue 17's work a repaint of these
rows took 26–32 ms of GUI CPU (the old delegate and ``data()``), now about 8 ms.
Figures swing with the machine's load (printed beside them); compare the two rows of one
run, not runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, help="a generated database (default: generate.py's)")
    parser.add_argument("--repaints", type=int, default=15)
    args = parser.parse_args()
    if args.db is None:
        from generate import ensure_database

        args.db = ensure_database(contacts=100_000)

    from app import contacts
    from app.contacts import ContactFilter
    from app.db import open_database
    from app.models import database
    from ui.application import create_application
    from ui.contacts.view import ContactListView
    from ui.ops import ops
    from ui.qt import QtWidgets
    from ui.selection import ContactSelection
    from ui.settings import use_memory_store

    app = create_application()
    use_memory_store()
    open_database(args.db, backup=False)
    pane = ContactListView(ContactSelection())
    pane.resize(700, 860)
    pane.show()
    ops().wait_idle(30_000)
    for _ in range(20):
        app.processEvents()
    table = pane.table
    ours = table.itemDelegate()
    plain_paint = QtWidgets.QTableView.paintEvent
    own_paint = type(table).__dict__["paintEvent"]

    def sql_worker(stop: threading.Event) -> None:
        with database.connection_context():
            while not stop.is_set():
                contacts.query_contact_ids(ContactFilter(text="m"))

    def python_worker(stop: threading.Event) -> None:
        total = 0
        lines = ["BEGIN:VCARD", "FN:Someone Else", "EMAIL;TYPE=work:a@b.example"] * 100
        while not stop.is_set():
            for line in lines:
                total += len(line.partition(":")[2].split(";"))

    def idle(stop: threading.Event) -> None:
        stop.wait()

    def measure(worker: Callable[[threading.Event], None]) -> tuple[float, float, float]:
        stop = threading.Event()
        thread = threading.Thread(target=worker, args=(stop,), daemon=True)
        thread.start()
        time.sleep(0.05)
        walls = []
        cpu = time.thread_time()
        for _ in range(args.repaints):
            table.viewport().update()
            started = time.perf_counter()
            app.processEvents()
            walls.append((time.perf_counter() - started) * 1000)
        cpu_ms = (time.thread_time() - cpu) / args.repaints * 1000
        stop.set()
        thread.join()
        return statistics.median(walls), max(walls), cpu_ms

    rows = table.viewport().height() // table.verticalHeader().defaultSectionSize()
    print(f"{table.model().rowCount():,} contacts, {rows} rows × 6 columns painted")
    print(f"  {'worker':14} {'painted by':28} {'median':>8} {'worst':>8} {'GUI CPU':>9}  load")
    for name, worker in (("idle", idle), ("SQL query", sql_worker), ("pure Python", python_worker)):
        for label in ("the list (one GIL hold)", "reference: Qt's delegate"):
            reference = label.startswith("reference")
            table.setItemDelegate(QtWidgets.QStyledItemDelegate(table) if reference else ours)
            # The reference paints without the Python paintEvent: C++ straight to the cells.
            type(table).paintEvent = plain_paint if reference else own_paint
            median, worst, cpu = measure(worker)
            print(
                f"  {name:14} {label:28} {median:6.1f} ms {worst:6.1f} ms {cpu:6.1f} ms"
                f"  {os.getloadavg()[0]:.1f}"
            )
    print("goal: a repaint well inside the 50 ms a GUI stall may take (SPEC §7)")


if __name__ == "__main__":
    main()

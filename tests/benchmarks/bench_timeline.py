"""The timeline over a million interactions: first paint, and each scrolled page.

Run: ``.venv/bin/python tests/benchmarks/bench_timeline.py [DB]`` (offscreen). DB defaults
to ``/tmp/bench-1m.sqlite3``; when it does not exist it is made first with
``app.demo.create_demo(100_000)`` (100,000 contacts, about a million interactions), the
same as ``allies --db DB demo --contacts 100000``.

Measured with the real threaded ops runner, as in the app:

- **first paint**: from building the ``TimelineView`` to its list painted with the first
  page (the query runs on a worker; the GUI thread only builds widgets and paints);
- **per scrolled page**: scroll to the bottom, Qt asks ``fetchMore``, the next keyset page
  arrives and is painted; median and worst over 30 pages, and the same at page 200 to
  show that a page does not get slower the further one scrolls;
- the activity chart's weekly counts (worker thread), and first pages under filters.

A benchmark prints; it never fails on a time.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.db import open_database  # noqa: E402
from app.models import Interaction, database  # noqa: E402
from app.timeline_query import TimelineFilter, timeline_page, weekly_activity  # noqa: E402
from ui.qt import QtCore, QtWidgets  # noqa: E402

DEFAULT_DB = "/tmp/bench-1m.sqlite3"
PAGES = 30


def wait_until(condition: Callable[[], bool], timeout_s: float = 120.0) -> None:
    deadline = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("condition not met")
        QtCore.QCoreApplication.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 5)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def ensure_database(path: str) -> None:
    if Path(path).exists():
        open_database(path)
        return
    from app.demo import create_demo

    print(f"creating {path} (100,000 contacts)…", flush=True)
    open_database(path)
    started = time.perf_counter()
    create_demo(100_000)
    print(f"  made in {time.perf_counter() - started:.1f} s", flush=True)


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_DB
    ensure_database(path)
    interactions = Interaction.select().count()
    exchanges = database.execute_sql("SELECT COUNT(*) FROM exchange").fetchone()[0]
    print(f"database: {path}: {interactions:,} interactions, {exchanges:,} exchanges")

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    from ui.ops import ops
    from ui.selection import ContactSelection
    from ui.timeline.view import TimelineView

    # Domain alone: a page at the top and deep down (keyset: no OFFSET to skip).
    cursor = None
    page_times = []
    for _ in range(200):
        started = time.perf_counter()
        page = timeline_page(TimelineFilter(), cursor, 200)
        page_times.append(time.perf_counter() - started)
        cursor = page.next_cursor
    print(
        f"timeline_page (200 entries, SQL + names): first {ms(page_times[0])}, "
        f"median {ms(statistics.median(page_times))}, page 200 {ms(page_times[-1])}"
    )
    started = time.perf_counter()
    weeks = weekly_activity(TimelineFilter())
    chart_s = time.perf_counter() - started
    print(f"weekly_activity (chart, whole range, {len(weeks)} weeks): {ms(chart_s)}")

    selection = ContactSelection()
    painted: list[float] = []
    started = time.perf_counter()
    view = TimelineView(selection)
    built = time.perf_counter() - started
    view.first_painted.connect(lambda: painted.append(time.perf_counter()))
    view.resize(1100, 800)
    view.show()
    wait_until(lambda: bool(painted))
    assert view.model.entry_count() > 0
    first_paint = painted[0] - started
    print(f"TimelineView built (GUI thread): {ms(built)}")
    print(f"time to first paint of the list (first page on a worker): {ms(first_paint)}")
    wait_until(lambda: view.chart is not None and bool(view.chart.weeks()))
    print(f"… chart drawn (pyqtgraph imported on first show): {ms(time.perf_counter() - started)}")

    def scroll_one_page() -> float:
        before = view.model.entry_count()
        started = time.perf_counter()

        def arrived() -> bool:
            view.list.scrollToBottom()  # the user keeps scrolling down
            return view.model.entry_count() > before

        wait_until(arrived)
        view.list.scrollToBottom()
        view.list.viewport().repaint()
        return time.perf_counter() - started

    scrolled = [scroll_one_page() for _ in range(PAGES)]
    print(
        f"per scrolled page ({view.model.entry_count():,} entries loaded): "
        f"median {ms(statistics.median(scrolled))}, worst {ms(max(scrolled))}"
    )
    while view.model.entry_count() < 200 * 200:
        view.model.fetchMore(QtCore.QModelIndex())
        wait_until(lambda: not view.model.loading)
    deep = [scroll_one_page() for _ in range(10)]
    print(
        f"per scrolled page deep down ({view.model.entry_count():,} entries loaded): "
        f"median {ms(statistics.median(deep))}, worst {ms(max(deep))}"
    )

    contact_id = database.execute_sql(
        "SELECT contact_id FROM participant GROUP BY contact_id ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()[0]
    tag = database.execute_sql("SELECT name FROM tag LIMIT 1").fetchone()
    filters = {
        "kind = lunch": TimelineFilter(kind="lunch"),
        "one contact": TimelineFilter(contact_id=contact_id),
        "text 'budget'": TimelineFilter(text="budget"),
        "last 30 days": TimelineFilter(date_from=weeks[-5].week),
    }
    if tag:
        filters[f"tag {tag[0]!r}"] = TimelineFilter(tag=tag[0])
    for name, flt in filters.items():
        started = time.perf_counter()
        timeline_page(flt, None, 200)
        page_s = time.perf_counter() - started
        started = time.perf_counter()
        weekly_activity(flt.without_dates())
        chart_s = time.perf_counter() - started
        print(f"filter {name}: first page {ms(page_s)}, chart counts {ms(chart_s)}")
    ops().shutdown()
    view.close()
    app.processEvents()


if __name__ == "__main__":
    main()

"""Timeline text search over 1,000,000 interactions: first page through the full-text
index (SPEC §7 wave 2: ≤ 50 ms, words with and without hits), beside a ``LIKE`` scan of
summaries and notes (the reference, what the timeline did before schema 2).

    .venv/bin/python tests/benchmarks/bench_timeline_search.py [--contacts 100000]

The database is generate.py's (100,000 contacts, about 1,030,000 interactions), migrated
to schema 2 on first open. Each figure is the median of 5 warm runs; the chart's weekly
counts (computed on a worker in the app) are timed once.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from generate import CONTACTS, ensure_database  # noqa: E402

WORDS = ("budget", "promotion", "lunch", "anna", "anna budget", "m", "zzyzx", "qwertz")
GOAL_MS = 50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=CONTACTS)
    parser.add_argument("--db", type=Path, help="a database instead of generate.py's")
    args = parser.parse_args()
    path = args.db or ensure_database(contacts=args.contacts)

    from app.db import open_database
    from app.timeline_query import TimelineFilter, timeline_page, weekly_activity

    db = open_database(path)
    interactions = db.execute_sql("SELECT COUNT(*) FROM interaction").fetchone()[0]
    print(f"{path.name}: {interactions:,} interactions")

    def like_scan(word: str) -> float:
        pattern = f"%{word}%"
        started = time.perf_counter()
        db.execute_sql(
            "SELECT i.id FROM interaction i WHERE (i.summary LIKE ? OR i.notes LIKE ?) "
            "ORDER BY i.occurred_on DESC, i.id DESC LIMIT 201",
            (pattern, pattern),
        ).fetchall()
        return time.perf_counter() - started

    worst = 0.0
    for words in WORDS:
        flt = TimelineFilter(text=words)
        times = []
        for _ in range(5):
            started = time.perf_counter()
            page = timeline_page(flt, None, 200)
            times.append(time.perf_counter() - started)
        first = statistics.median(times) * 1000
        worst = max(worst, first)
        started = time.perf_counter()
        weekly_activity(flt)
        chart = (time.perf_counter() - started) * 1000
        reference = like_scan(words.split()[0]) * 1000
        print(
            f"  {words!r:14} first page {first:7.1f} ms ({len(page.entries):3} entries)   "
            f"LIKE scan {reference:8.1f} ms   chart counts {chart:7.1f} ms"
        )
    verdict = "OK" if worst <= GOAL_MS else "MISSED"
    print(f"worst first page: {worst:.1f} ms (goal ≤ {GOAL_MS} ms) {verdict}")


if __name__ == "__main__":
    main()

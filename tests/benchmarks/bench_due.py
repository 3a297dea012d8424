"""Due list (neglect scan) at 100,000 contacts / 1,000,000 interactions (SPEC §7: ≤ 50 ms),
beside the plain ``GROUP BY`` over participant/interaction measured in the same run.

    .venv/bin/python tests/benchmarks/bench_due.py [--contacts N] [--runs 9]

Warm figures (the database is in the page cache): the median of several runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import CONTACTS, ensure_database, network_today  # noqa: E402

from app.db import close_database, open_database  # noqa: E402
from app.derived import due_contacts  # noqa: E402
from app.due import cadence_case as _cadence_case  # noqa: E402
from app.models import database  # noqa: E402

GOAL_MS = 50

# The reference of SPEC §7: last contact from the facts with a plain GROUP BY.
GROUP_BY = (
    "SELECT c.id, c.formatted_name, g.last, {cadence} AS cadence FROM (SELECT p.contact_id "
    "AS cid, MAX(i.occurred_on) AS last FROM participant p JOIN interaction i "
    "ON i.id = p.interaction_id GROUP BY p.contact_id) g JOIN contact c ON c.id = g.cid "
    "WHERE c.archived = 0 AND cadence > 0 AND date(g.last, '+' || cadence || ' days') <= ? "
    "ORDER BY date(g.last, '+' || cadence || ' days'), c.id"
)


def median_ms(call: Callable[[], object], runs: int) -> tuple[float, object]:
    result = call()  # warm
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=CONTACTS)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    path = ensure_database(contacts=args.contacts)
    today = dt.date.fromisoformat(network_today(path))
    open_database(path)
    try:
        contacts, interactions = (
            database.execute_sql(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("contact", "interaction")
        )
        due_ms, due = median_ms(lambda: due_contacts(today, include_snoozed=False), args.runs)
        all_ms, _ = median_ms(lambda: due_contacts(today), args.runs)
        cadence, params = _cadence_case()
        sql = GROUP_BY.format(
            cadence=cadence.replace("cadence_days", "c.cadence_days").replace("level", "c.level")
        )
        ref_ms, ref = median_ms(
            lambda: database.execute_sql(sql, [*params, today.isoformat()]).fetchall(),
            max(3, args.runs // 3),
        )
    finally:
        close_database()
    print(
        f"due list at {contacts:,} contacts / {interactions:,} interactions, "
        f"today = {today} ({len(due):,} due; the reference finds {len(ref):,})"
    )  # type: ignore[arg-type]
    print(
        f"  due_contacts(today) as `allies due`:  {due_ms:7.1f} ms   goal ≤ {GOAL_MS} ms "
        f"{'OK' if due_ms <= GOAL_MS else 'MISSED'}"
    )
    print(f"  due_contacts(today), snoozed too:     {all_ms:7.1f} ms")
    print(f"  reference: plain GROUP BY query:      {ref_ms:7.1f} ms   (SPEC §7: ≈ 400 ms)")


if __name__ == "__main__":
    main()

"""Command-line start as a whole process (SPEC §7 wave 2): ``allies --help`` ≤ 0.15 s and
``allies due --json`` at 10,000 contacts ≤ 0.25 s, beside ``python -c pass`` and the
sqlite3 shell (when installed) measured in the same run.

    .venv/bin/python tests/benchmarks/bench_cli.py [--contacts 10000] [--runs 9]

Each command runs as the ``allies`` console script does (``ui.entry.main``) in a fresh
interpreter; the figure is the median wall time of the runs.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))

from generate import default_path, ensure_database  # noqa: E402

ENTRY = "import sys; from ui.entry import main; sys.exit(main())"


def measure(command: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of the child, in seconds: on a
    busy machine the CPU time is the steadier figure."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, check=True)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()),
        help="folder of the generated databases (default: the temporary directory)",
    )
    args = parser.parse_args()
    db = ensure_database(args.cache / default_path(args.contacts).name, args.contacts)
    env = dict(os.environ, PYTHONPATH=str(REPO), ALLIES_DB=str(db))
    env.pop("QT_QPA_PLATFORM", None)
    rows = [
        ("python -c pass (reference)", [sys.executable, "-c", "pass"], None),
    ]
    if shutil.which("sqlite3"):
        rows.append(("sqlite3 shell (reference)", ["sqlite3", str(db), "SELECT 1"], None))
    rows += [
        ("allies --help", [sys.executable, "-c", ENTRY, "--help"], 0.15),
        (f"allies due --json ({args.contacts:,})", [sys.executable, "-c", ENTRY, "due", "--json"], 0.25),
        (f"allies contacts anna ({args.contacts:,})", [sys.executable, "-c", ENTRY, "contacts", "anna"], None),
    ]  # fmt: skip
    for label, command, goal in rows:
        seconds, cpu = measure(command, args.runs, env)
        verdict = (
            ""
            if goal is None
            else f"(goal ≤ {goal:.2f} s) " + ("OK" if seconds <= goal else "MISSED")
        )
        print(f"  {label:32} {seconds:6.3f} s wall, {cpu:6.3f} s CPU {verdict}")


if __name__ == "__main__":
    main()

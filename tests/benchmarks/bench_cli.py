"""Command-line start as a whole process (SPEC §7 wave 2): ``allies --help`` ≤ 0.15 s and
``allies due --json`` at 10,000 contacts ≤ 0.25 s, beside ``python -c pass`` and the
sqlite3 shell (when installed) measured in the same run.

    .venv/bin/python tests/benchmarks/bench_cli.py [--contacts 10000] [--runs 9]
        [--cache DIR] [--no-bytecode]

Each command runs as the ``allies`` console script does (``ui.entry.main``) in a fresh
interpreter; the figures are the median wall and CPU time (user + system) of the runs,
with the load average printed beside them (on a busy machine CPU time is the steadier
figure). As an installed program runs, modules load from cached bytecode: the children
get a private ``PYTHONPYCACHEPREFIX`` under ``--cache``, filled by one unmeasured run of
each command (``--no-bytecode`` compiles every module at every start instead, as
``PYTHONDONTWRITEBYTECODE=1`` on a source checkout does). The reference rows show what
a command cannot go below (an empty interpreter, the sqlite3 shell) and what importing
Peewee and the models would add to ``due``.
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
# ``allies due`` as it was before it read through a plain connection (issue 17).
WITH_PEEWEE = "import peewee, app.models; " + ENTRY


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
        help="folder of the generated databases and the bytecode cache "
        "(default: the temporary directory)",
    )
    parser.add_argument(
        "--no-bytecode",
        action="store_true",
        help="compile every module at every start (no cached bytecode)",
    )
    args = parser.parse_args()
    db = ensure_database(args.cache / default_path(args.contacts).name, args.contacts)
    env = dict(os.environ, PYTHONPATH=str(REPO), ALLIES_DB=str(db))
    env.pop("QT_QPA_PLATFORM", None)
    if args.no_bytecode:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["PYTHONPYCACHEPREFIX"] = str(args.cache / "allies-bench-no-pycache")
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(args.cache / "allies-bench-pycache")
    rows = [
        ("python -c pass (reference)", [sys.executable, "-c", "pass"], None),
    ]
    if shutil.which("sqlite3"):
        rows.append(("sqlite3 shell (reference)", ["sqlite3", str(db), "SELECT 1"], None))
    rows += [
        ("allies --help", [sys.executable, "-c", ENTRY, "--help"], 0.15),
        (f"allies due --json ({args.contacts:,})", [sys.executable, "-c", ENTRY, "due", "--json"], 0.25),
        (f"allies contacts anna ({args.contacts:,})", [sys.executable, "-c", ENTRY, "contacts", "anna"], None),
        ("due --json + Peewee (reference)", [sys.executable, "-c", WITH_PEEWEE, "due", "--json"], None),
    ]  # fmt: skip
    bytecode = "none (compiled at every start)" if args.no_bytecode else "cached"
    print(f"bytecode: {bytecode}; load average before: {_load()}")
    for label, command, goal in rows:
        if not args.no_bytecode:
            subprocess.run(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, check=True)
        seconds, cpu = measure(command, args.runs, env)
        verdict = (
            ""
            if goal is None
            else f"(goal ≤ {goal:.2f} s) " + ("OK" if seconds <= goal else "MISSED")
        )
        print(f"  {label:32} {seconds:6.3f} s wall, {cpu:6.3f} s CPU {verdict}")
    print(f"load average after: {_load()}")


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()

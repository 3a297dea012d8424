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
each command (``--no-bytecode`` compiles Allies' own modules at every start instead, as
``PYTHONDONTWRITEBYTECODE=1`` on a source checkout does). The reference rows show what
a command cannot go below (an empty interpreter, the sqlite3 shell) and what importing
Peewee and the models would add to ``due``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))

from generate import default_path, ensure_database  # noqa: E402

ENTRY = "import sys; from ui.entry import main; sys.exit(main())"
# ``allies due`` as it was before it read through a plain connection (issue 17).
WITH_PEEWEE = "import peewee, app.models; " + ENTRY


def measure(rows: list[Row], runs: int) -> list[tuple[float, float]]:
    """Median wall time and median CPU time (user + system) of each row's child, in
    seconds. The rows take turns run after run, so a burst of load from elsewhere falls on
    all of them alike."""
    walls: list[list[float]] = [[] for _ in rows]
    cpus: list[list[float]] = [[] for _ in rows]
    for _ in range(runs):
        for i, row in enumerate(rows):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(
                row.command, cwd=REPO, env=row.env, stdout=subprocess.DEVNULL, check=True
            )
            walls[i].append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[i].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return [(statistics.median(w), statistics.median(c)) for w, c in zip(walls, cpus, strict=True)]


class Row(NamedTuple):
    label: str
    command: list[str]
    goal: float | None
    env: dict[str, str]


def default_location(db: Path, cache: Path, env: dict[str, str]) -> dict[str, str] | None:
    """An environment in which the benchmark database is where Allies looks without
    ``--db`` or ``ALLIES_DB`` (``$XDG_DATA_HOME/Allies``, Linux only), so that finding
    the user data directory is measured too."""
    if not sys.platform.startswith("linux"):
        return None
    home = cache / "allies-bench-xdg"
    folder = home / "Allies"
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    copy = folder / "allies.sqlite3"
    if not copy.exists() or copy.stat().st_mtime < db.stat().st_mtime:
        copy.unlink(missing_ok=True)
        source, target = sqlite3.connect(db), sqlite3.connect(copy)
        source.backup(target)
        source.close()
        target.close()
        copy.chmod(0o600)
    env = dict(env, XDG_DATA_HOME=str(home))
    env.pop("ALLIES_DB")
    return env


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
        help="compile Allies' modules at every start (PYTHONDONTWRITEBYTECODE=1 on a "
        "checkout without __pycache__)",
    )
    args = parser.parse_args()
    db = ensure_database(args.cache / default_path(args.contacts).name, args.contacts)
    env = dict(os.environ, PYTHONPATH=str(REPO), ALLIES_DB=str(db))
    env.pop("QT_QPA_PLATFORM", None)
    if args.no_bytecode:  # the libraries keep their bytecode, Allies' own modules compile
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.pop("PYTHONPYCACHEPREFIX", None)
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(args.cache / "allies-bench-pycache")
    n = f"{args.contacts:,}"
    rows = [Row("python -c pass (reference)", [sys.executable, "-c", "pass"], None, env)]
    if shutil.which("sqlite3"):
        rows.append(Row("sqlite3 shell (reference)", ["sqlite3", str(db), "SELECT 1"], None, env))
    rows += [
        Row("allies --help", [sys.executable, "-c", ENTRY, "--help"], 0.15, env),
        Row(f"allies due --json ({n})", [sys.executable, "-c", ENTRY, "due", "--json"], 0.25, env),
    ]
    home = default_location(db, args.cache, env)
    if home is not None:
        due = [sys.executable, "-c", ENTRY, "due", "--json"]
        rows.append(Row(f"  the same, no ALLIES_DB ({n})", due, 0.25, home))
    rows += [
        Row(f"allies contacts anna ({n})", [sys.executable, "-c", ENTRY, "contacts", "anna"], None, env),
        Row("due --json + Peewee (reference)", [sys.executable, "-c", WITH_PEEWEE, "due", "--json"], None, env),
    ]  # fmt: skip
    if not args.no_bytecode:
        for row in rows:  # fill the bytecode cache
            subprocess.run(
                row.command, cwd=REPO, env=row.env, stdout=subprocess.DEVNULL, check=True
            )
    bytecode = "Allies' compiled at every start" if args.no_bytecode else "cached"
    print(f"bytecode: {bytecode}; {args.runs} runs; load average before: {_load()}")
    for row, (seconds, cpu) in zip(rows, measure(rows, args.runs), strict=True):
        verdict = ""
        if row.goal is not None:
            verdict = f"(goal ≤ {row.goal:.2f} s) " + ("OK" if seconds <= row.goal else "MISSED")
        print(f"  {row.label:34} {seconds:6.3f} s wall, {cpu:6.3f} s CPU {verdict}")
    print(f"load average after: {_load()}")


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()

"""Import at scale (issues 17 and 18, SPEC §7): time and peak memory of whole imports.

Each scenario runs in a child process of its own, so that its peak resident set size
(``ru_maxrss`` of that child) is the import's alone:

- ``varied``: a 10,000-card file of varied names (``bench_import.make_file``), plan and
  commit; also prints a digest of the merge candidates, so that two versions of the
  candidate search can be compared on the same file (their results must be the same);
- ``alike``: N cards whose names are alike (``Person 1 Zed``, ``Person 2 Zed`` …, as a
  LinkedIn export of one company looks), plan and commit (issue 18: quadratic before);
- ``cards``: N realistic cards (``bench_import.make_file``), plan and commit: ≤ 300 MB at
  100,000;
- ``tiny``: N tiny cards (FN, one e-mail): ≤ 1 GB and ≤ 2 min at 1,000,000;
- ``giant``: one line of 200 MB: refused in ≤ 2 s and ≤ 400 MB.

Each line gives the child's wall and CPU time (user + system, its parsing process
included: on a busy machine the CPU time is the steadier figure), the peak memory of the
whole process tree (the import and its helper processes, see
``app.interchange.parse_worker`` and ``commit_worker``): resident sets summed every 20 ms
(pages a fork shares counted in each process, so an upper bound) and proportional set
sizes summed every second (shared pages divided among their sharers; reading them walks
the page tables, 60 ms for 600 MB, so not more often); then the import
process's own peak, and the load average when it ended. ``--serial`` runs the import
without helper processes (as before they existed); ``--as-gui`` with the helper the
desktop app gets (a spawned parsing process; no fork, so no row-building child).

Run: ``.venv/bin/python tests/benchmarks/bench_import_scale.py [--serial | --as-gui]
[SCENARIO[=N]] ...``; without arguments every scenario at its default size. Generated
files are cached in the temporary directory. Not collected by pytest; never fails on a
figure.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

CACHE = Path(tempfile.gettempdir()) / "allies-bench-import"
DEFAULTS = {"varied": 10_000, "alike": 100_000, "cards": 100_000, "tiny": 1_000_000, "giant": 200}
GOALS = {
    "varied": "same candidates before and after",
    "alike": "bounded candidates, ≤ 300 MB at 100,000",
    "cards": "≤ 300 MB at 100,000",
    "tiny": "≤ 1 GB and ≤ 120 s at 1,000,000",
    "giant": "refused in ≤ 2 s and ≤ 400 MB",
}


def source_file(scenario: str, size: int) -> Path:
    """The input of a scenario, generated once and cached."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"{scenario}-{size}.{'txt' if scenario == 'giant' else 'vcf'}"
    if path.exists():
        return path
    part = path.with_suffix(".part")
    with open(part, "w", encoding="utf-8", newline="") as out:
        if scenario in ("varied", "cards"):
            from bench_import import make_file

            out.write(make_file(size))
        elif scenario == "alike":
            for i in range(1, size + 1):
                out.write(
                    f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i} Zed\r\nN:Zed;Person {i};;;\r\n"
                    f"EMAIL:person{i}@zed.example\r\nORG:Zed Corp\r\nEND:VCARD\r\n"
                )
        elif scenario == "tiny":
            for i in range(1, size + 1):
                out.write(f"BEGIN:VCARD\r\nFN:T{i}\r\nEMAIL:t{i}@x.example\r\nEND:VCARD\r\n")
        elif scenario == "giant":
            block = "x" * (1 << 20)
            out.write("BEGIN:VCARD\r\nFN:")
            for _ in range(size):
                out.write(block)
    part.replace(path)
    return path


def child(scenario: str, size: int, mode: str) -> None:
    """Plan and commit the scenario's file into a new database; print the facts as JSON."""
    from app.db import close_database, open_database
    from app.interchange import commit_import, importer, parse_worker, plan_import

    importer.PARALLEL_PARSE = mode != "serial"
    if mode == "gui":  # as in the desktop app, where Qt's threads forbid a fork
        parse_worker.START = "spawn"

    path = source_file(scenario, size)
    with tempfile.TemporaryDirectory() as tmp:
        open_database(Path(tmp) / "bench.sqlite3")
        start = time.perf_counter()
        plan = plan_import([path], region="DE")
        planned = time.perf_counter()
        created = 0
        if not plan.failed_files:
            created = commit_import(plan).created
        end = time.perf_counter()
        digest = hashlib.sha256(
            json.dumps(
                [
                    (m.card, m.other_card, m.contact_id, round(m.score, 3))
                    for m in plan.merge_candidates
                ]
            ).encode()
        ).hexdigest()[:16]
        facts = {
            "plan_s": planned - start,
            "commit_s": end - planned,
            "created": created,
            "candidates": len(plan.merge_candidates),
            "digest": digest,
            "failed": plan.failed_files[0].failed.reason if plan.failed_files else "",
        }
        close_database()
    print(json.dumps(facts))


def _tree(pid: int) -> list[int]:
    """A process and its descendants (Linux /proc)."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            with open(f"/proc/{current}/task/{current}/children") as children:
                pending += [int(c) for c in children.read().split()]
        except (OSError, ValueError):
            continue
    return found


def _field(path: str, name: str) -> int:
    """A "Name:   123 kB" field of a /proc file, 0 when the process is gone."""
    with contextlib.suppress(OSError, ValueError), open(path) as lines:
        for line in lines:
            if line.startswith(name):
                return int(line.split()[1])
    return 0


class TreePeak(threading.Thread):
    """Samples the memory of a process tree: ``rss`` (resident sets summed every 20 ms;
    pages a fork shares count once per process) and ``pss`` (proportional set sizes
    summed every second: shared pages divided among their sharers), peaks in kB."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.rss, self.pss, self.stopped = pid, 0, 0, threading.Event()

    def run(self) -> None:
        tick = 0
        while not self.stopped.wait(0.02):
            pids = _tree(self.pid)
            self.rss = max(self.rss, sum(_field(f"/proc/{p}/status", "VmRSS:") for p in pids))
            tick += 1
            if tick % 50 == 0:  # a read walks the page tables: 60 ms at 600 MB
                pss = sum(_field(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids)
                self.pss = max(self.pss, pss)


def run(scenario: str, size: int, mode: str = "-") -> None:
    source_file(scenario, size)  # generated outside the measured process
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", scenario, str(size), mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    sampler = TreePeak(proc.pid)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    sampler.stopped.set()
    sampler.join()
    wall = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    out = proc.stdout.read().decode() if proc.stdout else ""
    err = proc.stderr.read().decode() if proc.stderr else ""
    own = usage.ru_maxrss / 1024
    peak = max(sampler.rss / 1024, own)
    pss = max(sampler.pss / 1024, own)  # sampled: never below the import process alone
    if status != 0 or not out.strip():
        last = err.strip().splitlines()[-1] if err.strip() else f"status {status}"
        print(
            f"{scenario:6} {size:>9,}: FAILED after {wall:5.1f} s (CPU {cpu:5.1f} s), "
            f"peak {peak:6.0f} MB: {last} [load {load}]"
        )
        return
    facts = json.loads(out.strip().splitlines()[-1])
    detail = (
        f"refused: {facts['failed']}"
        if facts["failed"]
        else f"created {facts['created']:,}, {facts['candidates']:,} merge candidates "
        f"(digest {facts['digest']})"
    )
    print(
        f"{scenario:6} {size:>9,}: process {wall:6.1f} s wall, {cpu:6.1f} s CPU "
        f"(plan {facts['plan_s']:5.1f} s, commit {facts['commit_s']:5.1f} s), "
        f"peak {pss:6.0f} MB (process tree, PSS; its RSS summed {peak:4.0f} MB; "
        f"import process alone {own:4.0f} MB); "
        f"{detail}; "
        f"goal: {GOALS[scenario]}{f' [{mode}]' if mode != '-' else ''} [load {load}]"
    )


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]), sys.argv[4])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*", help="e.g. alike=20000 tiny (default: all)")
    parser.add_argument(
        "--serial", action="store_true", help="no helper processes in the import, to compare"
    )
    parser.add_argument(
        "--as-gui",
        action="store_true",
        help="helpers as the desktop app has them (a spawned parsing process only)",
    )
    args = parser.parse_args()
    wanted = args.scenarios or list(DEFAULTS)
    for item in wanted:
        name, _, size = item.partition("=")
        if name not in DEFAULTS:
            parser.error(f"unknown scenario {name!r}; known: {', '.join(DEFAULTS)}")
        mode = "serial" if args.serial else "gui" if args.as_gui else "-"
        run(name, int(size) if size else DEFAULTS[name], mode)


if __name__ == "__main__":
    main()

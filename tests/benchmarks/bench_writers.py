"""Several writing processes on one database (SPEC §7 Reliability): N processes each run
M ``allies log`` while ``allies import`` commits a big vCard file; how many writes were
refused, how long the import and the writes took.

    .venv/bin/python tests/benchmarks/bench_writers.py [--writers 4] [--logs 200] [--cards 20000]

Point ``PYTHONPATH`` at another checkout to measure that code instead (the figure the
issue reported for the DEFERRED transactions of wave 1: 432 of 800 refused).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

WRITER = textwrap.dedent(
    """
    import contextlib, io, json, sys, time
    from app.cli import main

    db, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    refused, waits = [], []
    for i in range(count):
        err = io.StringIO()
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            status = main(["--db", db, "log", "--with", "Ann", f"{name} {i}"])
        waits.append(time.perf_counter() - start)
        if status != 0:
            refused.append(err.getvalue().strip())
    waits.sort()
    print(json.dumps({"refused": len(refused), "first": refused[:1],
                      "median_ms": 1000 * waits[len(waits) // 2], "max_ms": 1000 * waits[-1]}))
    """
)

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {0}\r\nN:{0};Person;;;\r\n"
    "EMAIL:p{0}@example.com\r\nORG:Org {1}\r\nEND:VCARD\r\n"
)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--logs", type=int, default=200)
    parser.add_argument("--cards", type=int, default=20_000)
    args = parser.parse_args()
    env = dict(os.environ)
    env.setdefault("PYTHONPATH", str(Path(__file__).resolve().parents[2]))
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "allies.sqlite3"
        cards = Path(folder) / "cards.vcf"
        cards.write_text("".join(CARD.format(i, i % 300) for i in range(args.cards)))
        cli = [sys.executable, "-m", "app.cli", "--db", str(db)]
        subprocess.run([*cli, "add", "Ann"], env=env, check=True, capture_output=True)
        start = time.perf_counter()
        importer = subprocess.Popen(
            [*cli, "import", str(cards)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        writers = [
            subprocess.Popen(
                [sys.executable, "-c", WRITER, str(db), f"w{n}", str(args.logs)],
                env=env,
                stdout=subprocess.PIPE,
                text=True,
            )
            for n in range(args.writers)
        ]
        out, err = importer.communicate()
        import_s = time.perf_counter() - start
        results = [json.loads(w.communicate()[0]) for w in writers]
        total_s = time.perf_counter() - start
    refused = sum(r["refused"] for r in results)
    print(
        f"import of {args.cards} cards: exit {importer.returncode} in {import_s:.1f} s"
        f" ({(out + err).strip().splitlines()[-1] if (out + err).strip() else ''})"
    )
    print(
        f"{args.writers} x {args.logs} logs: {refused} refused; per log median "
        f"{max(r['median_ms'] for r in results):.0f} ms, worst "
        f"{max(r['max_ms'] for r in results):.0f} ms; all done in {total_s:.1f} s"
    )
    for r in results:
        if r["first"]:
            print(f"  e.g. {r['first'][0]}")
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())

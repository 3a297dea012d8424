"""Build (once, then cached) the benchmark network: 100,000 contacts, ~1,000,000 interactions.

    .venv/bin/python tests/benchmarks/generate.py [--contacts N] [--force] [PATH]

It is ``allies demo --contacts N`` (app.demo's bulk path) in a file under the temporary
directory. The cache is rebuilt when ``app/models.py`` or ``app/demo.py`` changed, so a
benchmark never measures yesterday's schema.
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from app.db import close_database, open_database  # noqa: E402
from app.demo import create_demo  # noqa: E402

CONTACTS = 100_000


def default_path(contacts: int = CONTACTS) -> Path:
    return Path(tempfile.gettempdir()) / f"allies-bench-{contacts}.sqlite3"


def fingerprint(contacts: int) -> str:
    digest = hashlib.sha256(str(contacts).encode())
    for source in ("app/models.py", "app/enums.py", "app/demo.py"):
        digest.update((REPO / source).read_bytes())
    return digest.hexdigest()[:16]


def ensure_database(
    path: Path | None = None, contacts: int = CONTACTS, *, force: bool = False
) -> Path:
    """The path of an up-to-date benchmark database, generating it when needed."""
    path = path or default_path(contacts)
    stamp = path.with_name(path.name + ".fingerprint")
    wanted = fingerprint(contacts)
    if not force and path.exists() and stamp.exists() and stamp.read_text() == wanted:
        return path
    for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), stamp):
        stale.unlink(missing_ok=True)
    print(f"generating {path} ({contacts:,} contacts)…", file=sys.stderr, flush=True)
    started = time.perf_counter()
    open_database(path)
    try:
        create_demo(contacts, progress=lambda line: print(line, file=sys.stderr, flush=True))
    finally:
        close_database()
    print(f"generated in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    stamp.write_text(wanted)
    return path


def network_today(path: Path) -> str:
    """The demo's "today" (its last interaction): figures do not drift as days pass."""
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT MAX(occurred_on) FROM interaction").fetchone()[0]
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", type=Path)
    parser.add_argument("--contacts", type=int, default=CONTACTS)
    parser.add_argument("--force", action="store_true", help="rebuild even when cached")
    args = parser.parse_args()
    path = ensure_database(args.path, args.contacts, force=args.force)
    con = sqlite3.connect(path)
    counts = {
        table: con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in ("contact", "interaction", "participant", "exchange", "relationship")
    }
    con.close()
    print(path)
    print(", ".join(f"{n:,} {table}s" for table, n in counts.items()))


if __name__ == "__main__":
    main()

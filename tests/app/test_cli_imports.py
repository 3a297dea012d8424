"""The command line imports only what its command needs (issue 17: a fast ``allies due``).

Each command runs in a fresh interpreter under ``python -X importtime``, which lists every
module imported; none of the heavy stacks may appear. No timing is asserted here (the
figures are in tests/benchmarks/bench_cli.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HEAVY = (
    "PySide6",
    "pyqtgraph",
    "igraph",
    "numpy",
    "app.interchange",
    "app.demo",
    "icalendar",
    "phonenumbers",
    "vobject",
    "rapidfuzz",
    "email_validator",
)


def imported_modules(args: list[str], db: Path, status: int = 0) -> set[str]:
    """The modules a fresh ``python -X importtime ARGS`` imported (it must exit ``status``)."""
    env = dict(os.environ, PYTHONPATH=str(REPO), ALLIES_DB=str(db))
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == status, done.stderr[-2000:]
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "app.db" in modules  # the command line really ran
    return modules


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["-m", "app.cli", "due", "--json"], 0),
        (["-m", "app.cli", "contacts", "--json"], 0),
        (["-m", "app.cli", "contacts", "anna"], 0),
        # A name nobody has is refused after the lookup, which is what a log loads.
        (["-m", "app.cli", "log", "--with", "Nobody", "Lunch"], 1),
        (["-m", "ui.entry", "--help"], 0),
    ],
    ids=["due", "contacts-json", "contacts-search", "log", "help"],
)
def test_command_imports_no_heavy_module(tmp_path: Path, args: list[str], status: int) -> None:
    modules = imported_modules(args, tmp_path / "allies.sqlite3", status)
    heavy = sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert heavy == []

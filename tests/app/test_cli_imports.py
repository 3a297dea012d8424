"""The command line imports only what its command needs (issue 17: a fast ``allies due``).

Each command runs in a fresh interpreter under ``python -X importtime``, which lists every
module imported; none of the heavy stacks may appear. ``allies --help`` and ``allies due``
on an up-to-date database load not even Peewee, the models or the database layer. No
timing is asserted here (the figures are in tests/benchmarks/bench_cli.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.contacts import ContactInput, create_contact
from app.db import close_database, open_database

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
# What ``allies --help``, and ``allies due`` on an up-to-date database, do without.
DATABASE_LAYER = (
    "peewee",
    "playhouse",
    "app.models",
    "app.db",
    "app.derived",
    "app.contacts",
    "platformdirs",
    "logging",
    "dataclasses",
)


def imported_modules(
    args: list[str], db: Path, status: int = 0, data_home: Path | None = None
) -> set[str]:
    """The modules a fresh ``python -X importtime ARGS`` imported (it must exit ``status``
    and have run the command line) on the database ``db``, or on the one in the default
    place when ``data_home`` (``$XDG_DATA_HOME``) is given."""
    env = dict(os.environ, PYTHONPATH=str(REPO), ALLIES_DB=str(db))
    env.pop("QT_QPA_PLATFORM", None)
    if data_home is not None:
        env.pop("ALLIES_DB")
        env["XDG_DATA_HOME"] = str(data_home)
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
    assert "app.db_file" in modules  # the command line ran (app.cli may be __main__)
    return modules


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


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
    assert loaded(modules, HEAVY) == []


def test_help_imports_no_database_layer(tmp_path: Path) -> None:
    modules = imported_modules(["-m", "ui.entry", "--help"], tmp_path / "allies.sqlite3")
    assert loaded(modules, HEAVY + DATABASE_LAYER + ("sqlite3", "app.due")) == []
    assert not (tmp_path / "allies.sqlite3").exists()


@pytest.mark.parametrize("where", ["ALLIES_DB", "default"])
def test_due_on_an_up_to_date_database_imports_no_database_layer(
    tmp_path: Path, where: str
) -> None:
    path = tmp_path / "Allies" / "allies.sqlite3"
    open_database(path)
    create_contact(ContactInput("Anna Schmidt", cadence_days=0))
    close_database()
    data_home = tmp_path if where == "default" else None
    modules = imported_modules(["-m", "ui.entry", "due", "--json"], path, data_home=data_home)
    assert "app.due" in modules
    assert loaded(modules, HEAVY + DATABASE_LAYER) == []

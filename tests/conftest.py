"""Headless, isolated test setup: offscreen Qt and private user directories."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Before anything imports Qt: no display, PySide6 for pyqtgraph, no real user data touched.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["PYQTGRAPH_QT_LIB"] = "PySide6"
_home = Path(tempfile.mkdtemp(prefix="allies-tests-"))
atexit.register(shutil.rmtree, _home, ignore_errors=True)  # one per test process, not left behind
for _var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_var] = str(_home / _var.lower())
os.environ.pop("ALLIES_DB", None)
# No desktop notifications from the tests on the developer's session bus; the
# notification tests start a private bus of their own (tests/xvfb/notification_bus.py).
os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)

import peewee  # noqa: E402
import pytest  # noqa: E402

from app.db import close_database, open_database  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[peewee.SqliteDatabase]:
    """A fresh database file for one test."""
    database = open_database(tmp_path / "allies.sqlite3")
    yield database
    close_database()


@pytest.fixture
def shared_data() -> Path:
    assert SHARED_DATA.is_dir(), f"shared data missing at {SHARED_DATA}"
    return SHARED_DATA

"""The automatic sync of a database without a sync account loads nothing of the sync."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = r"""
import json, sys, tempfile
from pathlib import Path
from app.db import open_database
open_database(Path(tempfile.mkdtemp()) / "allies.sqlite3")
from ui.sync_status import run_sync
outcome = run_sync()
print(json.dumps({"results": outcome.results, "loaded": sorted(
    m for m in ("requests", "urllib3", "http.client", "app.sync.service", "app.sync.dav")
    if m in sys.modules)}))
"""


def test_no_account_no_sync_stack_loaded() -> None:
    """Three seconds after start the window's sync runs on a worker: without an account
    it must not import requests and the engine (100 ms holding the GIL, the GUI waiting)."""
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"results": [], "loaded": []}

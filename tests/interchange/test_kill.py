"""A kill in the middle of a commit leaves the database as it was (SPEC §6)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).parents[2]

CHILD = textwrap.dedent(
    """
    import sys, time
    from app.db import open_database
    from app.interchange import InlineData, commit_import, plan_import

    open_database(sys.argv[1])
    card = "BEGIN:VCARD\\r\\nVERSION:3.0\\r\\nFN:{}\\r\\nEMAIL:{}@example.com\\r\\nEND:VCARD\\r\\n"
    commit_import(plan_import([InlineData(card.format("Before", "before"))], region="DE"))
    data = "".join(card.format(f"Person {i}", f"p{i}") for i in range(3000))
    plan = plan_import([InlineData(data)], region="DE")

    def progress(done, total):
        if done >= 500:  # 500 contacts are written, not yet committed
            print("writing", flush=True)
            time.sleep(60)

    commit_import(plan, progress=progress)
    print("committed", flush=True)
    """
)


def test_sigkill_mid_commit_leaves_no_partial_import(tmp_path: Path) -> None:
    path = tmp_path / "killed.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "writing"
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stdout is not None:
            child.stdout.close()
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = [row[0] for row in con.execute("SELECT formatted_name FROM contact")]
        assert names == ["Before"]
        assert con.execute("SELECT COUNT(*) FROM import_batch").fetchone()[0] == 1
        assert con.execute("SELECT COUNT(*) FROM email_address").fetchone()[0] == 1
        assert con.execute("SELECT COUNT(*) FROM contact_search").fetchone()[0] == 1
    finally:
        con.close()

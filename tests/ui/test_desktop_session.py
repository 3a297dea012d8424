"""The real desktop start: a second ``allies`` on the same database hands over and exits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ui.single_instance import instance_key, runtime_dir


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _primary_is_up(db: Path) -> bool:
    """The first start listens: its local socket exists (looked at, never connected to,
    so the test cannot take the place of the first instance)."""
    return (runtime_dir() / instance_key(db)).exists()


def test_second_start_hands_its_files_to_the_first(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "allies.sqlite3"
    card = tmp_path / "anna.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna\r\nEND:VCARD\r\n", encoding="utf-8")
    primary = subprocess.Popen(
        [sys.executable, "-m", "ui.entry", "--db", str(db)],
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        qtbot.waitUntil(lambda: _primary_is_up(db), timeout=30000)
        second = subprocess.run(
            [sys.executable, "-m", "ui.entry", "--db", str(db), str(card)],
            env=_env(),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 0, second.stderr
        assert primary.poll() is None  # the first one runs on
    finally:
        primary.kill()
        primary.communicate(timeout=30)

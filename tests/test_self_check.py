"""``allies --self-check`` passes on this installation, without a display."""

from __future__ import annotations

import os
import subprocess
import sys


def test_self_check_passes_without_a_display(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(
        [sys.executable, "-m", "ui.entry", "--self-check"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-check passed" in done.stdout
    assert "ok    database, vCard export and import" in done.stdout
    assert "ok    vCard import with a parsing process" in done.stdout
    assert "ok    main window rendered offscreen" in done.stdout

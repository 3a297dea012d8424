"""The tray on a real X server: Xvfb plus trayer (a system tray), the icon shown in it.

Needs the system packages ``xvfb`` and ``trayer`` (``tools/ensure_system_deps.sh --xvfb``
installs them); without them this test fails, it does not skip, so CI cannot pass
without running it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

pytestmark = pytest.mark.xvfb


def test_tray_icon_is_shown_in_a_real_system_tray(tray: str, tmp_path: Path) -> None:
    env = {**os.environ, "DISPLAY": tray, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(REPO)}
    env.pop("WAYLAND_DISPLAY", None)
    result = subprocess.run(
        [sys.executable, str(HERE / "tray_on_xcb.py"), str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["available"] is True
    assert seen["tray_mode"] is True
    assert seen["visible"] is True
    assert seen["embedded"] is True, seen
    assert seen["badge_on_screen"] is True, "the icon with its count is not on the screen"
    width, height = seen["geometry"][2:]
    assert 0 < width <= 64 and 0 < height <= 64
    assert seen["tooltip"] == "3 relationships due"
    assert seen["window_hidden"] is True  # allies --tray: straight into the tray
    assert seen["menu"] == [
        "Carl — 30 days overdue",
        "Anna — 12 days overdue",
        "Bert — 4 days overdue",
    ]
    assert (tmp_path / "screen.png").stat().st_size > 0

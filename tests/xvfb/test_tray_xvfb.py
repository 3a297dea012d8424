"""The tray on a real X server: Xvfb plus trayer (a system tray), the icon shown in it.

Needs the system packages ``xvfb`` and ``trayer`` (``tools/ensure_system_deps.sh --xvfb``
installs them); without them this test fails, it does not skip, so CI cannot pass
without running it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
TRAYER = ["--edge", "top", "--align", "right", "--widthtype", "pixel", "--width", "200"]

pytestmark = pytest.mark.xvfb


def _require(program: str, package: str) -> str:
    path = shutil.which(program)
    if path is None:
        pytest.fail(
            f"{program} is missing: install the {package} package "
            "(bash tools/ensure_system_deps.sh --xvfb does it)",
            pytrace=False,
        )
    return path


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def display() -> Iterator[str]:
    """A fresh Xvfb on a free display number (Xvfb picks it and reports it when ready)."""
    xvfb = _require("Xvfb", "xvfb")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    os.close(write_end)
    try:
        number = b""
        while not number.endswith(b"\n"):
            chunk = os.read(read_end, 16)  # blocks until Xvfb accepts connections
            if not chunk:
                break
            number += chunk
        os.close(read_end)
        if not number.strip():
            _stop(server)
            assert server.stderr is not None
            pytest.fail(f"Xvfb did not start: {server.stderr.read().decode()}", pytrace=False)
        yield f":{number.decode().strip()}"
    finally:
        _stop(server)
        if server.stderr is not None:
            server.stderr.close()


@pytest.fixture
def tray(display: str) -> Iterator[str]:
    trayer = _require("trayer", "trayer")
    process = subprocess.Popen(
        [trayer, *TRAYER, "--height", "24"],
        env={**os.environ, "DISPLAY": display},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield display
    finally:
        _stop(process)


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

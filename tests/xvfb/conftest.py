"""A real X server for the tests in this folder: Xvfb on a free display, trayer as a tray.

Xvfb, trayer, xwininfo (x11-utils) and import (imagemagick) come from
``tools/ensure_system_deps.sh --xvfb``; a missing one fails the test, it does not skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator

import pytest

TRAYER = ["--edge", "top", "--align", "right", "--widthtype", "pixel", "--width", "200"]


def require(program: str, package: str) -> str:
    path = shutil.which(program)
    if path is None:
        pytest.fail(
            f"{program} is missing: install the {package} package "
            "(bash tools/ensure_system_deps.sh --xvfb does it)",
            pytrace=False,
        )
    return path


def stop(process: subprocess.Popen[bytes]) -> None:
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
    xvfb = require("Xvfb", "xvfb")
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
            stop(server)
            assert server.stderr is not None
            pytest.fail(f"Xvfb did not start: {server.stderr.read().decode()}", pytrace=False)
        yield f":{number.decode().strip()}"
    finally:
        stop(server)
        if server.stderr is not None:
            server.stderr.close()


@pytest.fixture
def tray(display: str) -> Iterator[str]:
    trayer = require("trayer", "trayer")
    process = subprocess.Popen(
        [trayer, *TRAYER, "--height", "24"],
        env={**os.environ, "DISPLAY": display},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield display
    finally:
        stop(process)

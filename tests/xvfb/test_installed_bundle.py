"""The desktop package as a user gets it: built, installed with a menu entry, started
from that entry's ``Exec`` line on a real X server, and showing the main window.

``make test`` builds ``dist/allies`` (packaging/build.sh) before pytest runs; when the
bundle is missing this test builds it first.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

import pytest

from tests.xvfb.conftest import require, stop
from ui.qt import QtGui

REPO = Path(__file__).resolve().parents[2]
BUNDLE = REPO / "dist" / "allies" / "allies"

pytestmark = pytest.mark.xvfb

LOADED = 120
"""Seconds a step may take on a busy 2-core CI machine (a bound on waiting, not a speed
that is tested: a healthy machine takes a few seconds)."""


def _user_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "QT_", "ALLIES_"))}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_STATE_HOME=str(home / ".local/state"),
        XDG_CACHE_HOME=str(home / ".cache"),
    )
    return env


def _exec_line(desktop_file: Path) -> list[str]:
    for line in desktop_file.read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            return [a for a in shlex.split(line.removeprefix("Exec=")) if not a.startswith("%")]
    raise AssertionError(f"no Exec line in {desktop_file}")


def _window_titles(display: str) -> str:
    xwininfo = require("xwininfo", "x11-utils")
    done = subprocess.run(
        [xwininfo, "-root", "-tree"],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=LOADED,
    )
    return done.stdout


def _colours_on_screen(display: str, shot: Path) -> int:
    importer = require("import", "imagemagick")
    subprocess.run([importer, "-window", "root", str(shot)], check=True, timeout=LOADED,
                   env={**os.environ, "DISPLAY": display})  # fmt: skip
    image = QtGui.QImage(str(shot))
    assert not image.isNull()
    return len({image.pixel(x, y) for x in range(0, image.width(), 16)
                for y in range(0, image.height(), 16)})  # fmt: skip


def test_installed_menu_entry_starts_the_main_window(display: str, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    if not BUNDLE.exists():
        subprocess.run(["bash", "packaging/build.sh", "--no-check"], cwd=REPO, check=True)
    home = tmp_path / "home"
    home.mkdir()
    env = _user_env(home)
    subprocess.run(["bash", "packaging/install.sh"], cwd=REPO, env=env, check=True,
                   capture_output=True)  # fmt: skip
    entry = home / ".local/share/applications/de.allies.Allies.desktop"
    command = _exec_line(entry)
    assert Path(command[0]).is_relative_to(home)  # the installed copy, not the build tree
    demo = subprocess.run([*command, "demo", "--contacts", "40"], env=env, capture_output=True,
                          text=True, timeout=LOADED * 2)  # fmt: skip
    assert demo.returncode == 0, demo.stderr

    app = subprocess.Popen(
        command,
        env={**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )

    def running() -> bool:
        if app.poll() is not None:  # fail now with its words, not after the wait
            assert app.stderr is not None
            pytest.fail(f"Allies exited ({app.returncode}):\n{app.stderr.read().decode()}")
        return True

    try:
        qtbot.waitUntil(
            lambda: running() and '"Allies"' in _window_titles(display), timeout=LOADED * 1000
        )
        shot = tmp_path / "screen.png"
        # The window exists; wait until it is drawn (mapping and first paint follow).
        qtbot.waitUntil(
            lambda: running() and _colours_on_screen(display, shot) > 20, timeout=LOADED * 1000
        )
        assert app.poll() is None, "Allies exited"
    finally:
        stop(app)  # type: ignore[arg-type]
        if app.stderr is not None:
            app.stderr.close()

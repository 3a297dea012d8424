"""Desktop notifications without a tray, end to end: the app in its own process on the
offscreen platform (no system tray), its session bus a private dbus-daemon with the fake
notification server (tests/xvfb/notification_server.py) on it.

Needs the system package ``dbus-daemon`` (``tools/ensure_system_deps.sh --xvfb``
installs it); without it this test fails, it does not skip.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.xvfb.conftest import stop
from tests.xvfb.notification_bus import notification_server, private_bus

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

pytestmark = pytest.mark.xvfb


def _line(app: subprocess.Popen[str]) -> dict[str, object]:
    assert app.stdout is not None
    line = app.stdout.readline()
    if not line:
        assert app.stderr is not None
        pytest.fail(f"the app stopped early (exit {app.wait()}):\n{app.stderr.read()}")
    return json.loads(line)


def test_a_due_contact_becomes_a_desktop_notification_that_opens_it(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    with (
        private_bus(tmp_path) as address,
        notification_server(address, "--capabilities", "body,body-markup,actions") as server,
    ):
        env.update(
            DBUS_SESSION_BUS_ADDRESS=address, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO)
        )
        app = subprocess.Popen(
            [sys.executable, str(HERE / "notifications_harness.py"), str(tmp_path)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        try:
            started = _line(app)
            assert started["tray"] is False  # offscreen: no system tray
            call = server.next_event(lambda e: e["event"] == "Notify")
            assert call["app_name"] == "Allies"
            assert call["summary"] == "Anna Schmidt"
            assert call["body"] == "Time to get in touch: 12 days overdue"
            assert call["actions"] == ["default", "Open"]
            assert call["hints"]["desktop-entry"] == "de.allies.Allies"

            server.send(invoke=call["id"], action="default")
            assert _line(app) == {"opened": [started["contact"]]}
            assert _line(app) == {"checked_again": True, "notified": 1}
            assert app.wait(timeout=120) == 0
            # The bus reports the app's connection gone only after routing all it sent.
            server.next_event(lambda e: e["event"] == "gone" and e["name"] == call["sender"])
            assert len(server.calls("Notify")) == 1  # the second check sent nothing
        finally:
            stop(app)  # type: ignore[arg-type]
            for pipe in (app.stdout, app.stderr):
                if pipe is not None:
                    pipe.close()

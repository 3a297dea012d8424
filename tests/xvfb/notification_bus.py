"""A private D-Bus session bus with the fake notification server on it, for the tests.

The bus is a real ``dbus-daemon`` with a minimal configuration (no service files, so
nothing on the machine can be activated on it); the server is ``notification_server.py``
in a subprocess. A missing dbus-daemon fails the test, it does not skip: install the
``dbus-daemon`` package (``tools/ensure_system_deps.sh --xvfb`` does it).
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.xvfb.conftest import require, stop

HERE = Path(__file__).resolve().parent
SERVER = HERE / "notification_server.py"
WAIT_S = 120
"""Seconds to wait for the server's next report: a bound for a busy 2-core CI machine, not
a speed under test (it reports within a second on an idle one)."""

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@contextmanager
def private_bus(workdir: Path) -> Iterator[str]:
    """Start a session bus of our own; yields its address."""
    daemon = require("dbus-daemon", "dbus-daemon")
    config = workdir / "session.conf"
    config.write_text(BUS_CONFIG, encoding="utf-8")
    errors = (workdir / "dbus-daemon.log").open("wb")
    process = subprocess.Popen(
        [daemon, f"--config-file={config}", "--print-address", "--nofork"],
        stdout=subprocess.PIPE,
        stderr=errors,
    )
    try:
        assert process.stdout is not None
        address = process.stdout.readline().decode().strip()  # printed once it listens
        if not address:
            stop(process)
            pytest.fail(
                f"dbus-daemon did not start: {(workdir / 'dbus-daemon.log').read_text()}",
                pytrace=False,
            )
        yield address
    finally:
        stop(process)
        if process.stdout is not None:
            process.stdout.close()
        errors.close()


class FakeNotificationServer:
    """The fake server in a subprocess: what it reported, and commands to it."""

    def __init__(self, address: str, *options: str) -> None:
        self.events: list[dict[str, Any]] = []
        self._lines: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.process = subprocess.Popen(
            [sys.executable, str(SERVER), address, *options],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.next_event(lambda e: e["event"] == "ready")

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(json.loads(line))
        self._lines.put(None)

    def poll(self) -> list[dict[str, Any]]:
        """Everything reported so far (without waiting)."""
        while True:
            try:
                event = self._lines.get_nowait()
            except queue.Empty:
                return self.events
            if event is not None:
                self.events.append(event)

    def next_event(self, wanted: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        """Block (in this thread) until the server reports an event ``wanted`` accepts.

        Only for tests whose app side runs in another process; in-process tests poll
        from ``qtbot.waitUntil`` so the app's event loop keeps running.
        """
        while True:
            try:
                event = self._lines.get(timeout=WAIT_S)
            except queue.Empty:
                pytest.fail(f"the notification server did not report it; got {self.events}")
            if event is None:
                assert self.process.stderr is not None
                pytest.fail(f"the notification server stopped: {self.process.stderr.read()}")
            self.events.append(event)
            if wanted(event):
                return event

    def calls(self, member: str = "Notify") -> list[dict[str, Any]]:
        return [e for e in self.poll() if e["event"] == member]

    def send(self, **command: Any) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()

    def stop(self) -> None:
        stop(self.process)  # type: ignore[arg-type]
        self._reader.join(timeout=10)  # it ends at the end of the output
        for pipe in (self.process.stdin, self.process.stdout, self.process.stderr):
            if pipe is not None:
                pipe.close()


@contextmanager
def notification_server(address: str, *options: str) -> Iterator[FakeNotificationServer]:
    server = FakeNotificationServer(address, *options)
    try:
        yield server
    finally:
        server.stop()

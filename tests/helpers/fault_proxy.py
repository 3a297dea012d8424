"""A small HTTP proxy in front of a real DAV server that injects faults on purpose.

Allies talks plain HTTP to the proxy on 127.0.0.1; the proxy forwards each request to the
real server (Radicale over HTTP, Xandikos over HTTPS with its pinned certificate) and
returns the answer — unless a rule says otherwise:

- ``fail(method, status, after=n)``: the (n+1)-th and later requests with ``method``
  answer ``status`` (401, 412, 500…) without reaching the server (``times``: only so often);
- ``down(method, after=n)``: after n requests (with ``method``, or any) every connection is
  closed without an answer (a server that went away);
- ``delay(method, seconds)``: requests with ``method`` are answered, but only after
  ``seconds`` (a server that walks a huge collection before its first byte);
- ``before(method, action)``: the next request with ``method`` first runs ``action``
  (another device acting on the real server at that moment), then is forwarded;
- ``hold(method, after=n)``: the (n+1)-th request with ``method`` never gets an answer
  until :meth:`release` (the test kills the client meanwhile); :attr:`held` is set when
  a request is being held.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from tests.helpers.dav_servers import DavServer

_HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


@dataclass
class _Rule:
    method: str | None
    after: int
    status: int | None  # None: close the connection / hold
    times: int | None = None  # how often it fires (None: from then on)


class FaultProxy:
    def __init__(self, server: DavServer, user: str) -> None:
        self.upstream = server.url
        self.session = server.session(user)
        self.session.auth = None  # the client's own Authorization header is forwarded
        self.counts: Counter[str] = Counter()
        self.rules: list[_Rule] = []
        self.holding: _Rule | None = None
        self.delays: dict[str, float] = {}
        self.actions: dict[str, Callable[[], object]] = {}
        self.held = threading.Event()
        self._release = threading.Event()
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def local(self, url: str) -> str:
        """The proxy's URL for a URL of the real server."""
        parts = urlsplit(url)
        return self.url + parts.path

    def fail(self, method: str, status: int, *, after: int = 0, times: int | None = None) -> None:
        self.rules.append(_Rule(method, after, status, times))

    def down(self, method: str | None = None, *, after: int = 0) -> None:
        self.rules.append(_Rule(method, after, None))

    def before(self, method: str, action: Callable[[], object]) -> None:
        self.actions[method] = action

    def delay(self, method: str, seconds: float) -> None:
        self.delays[method] = seconds

    def hold(self, method: str, *, after: int = 0) -> None:
        self.holding = _Rule(method, after, None)

    def clear(self) -> None:
        self.rules.clear()
        self.holding = None
        self.delays.clear()
        self.actions.clear()
        self.counts.clear()

    def wait_held(self, client: subprocess.Popen[bytes], timeout: float = 120) -> str | None:
        """Wait until a request is held, or the client process ended first. None when held;
        else why not (the client's exit status and output), at once, not after
        ``timeout`` seconds of waiting for a client that is gone."""
        deadline = time.monotonic() + timeout
        while not self.held.wait(0.2):
            if client.poll() is not None:
                out = client.stdout.read().decode(errors="replace") if client.stdout else ""
                return f"the client ended (exit {client.returncode}) first:\n{out}"
            if time.monotonic() > deadline:
                return f"no request held within {timeout:.0f} s"
        return None

    def kill_a_sync_at_put(self, db_path: object, after: int) -> None:
        """Run ``allies sync`` on ``db_path`` in a child process, hold its (after+1)-th PUT
        and SIGKILL the child while that PUT waits; then stop holding and clear the rules
        (the held PUT reaches the server only after the kill)."""
        self.hold("PUT", after=after)
        child = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "--db", str(db_path), "sync"],
            cwd=os.getcwd(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        try:
            why = self.wait_held(child, 120)
            assert why is None, f"the sync never reached PUT number {after + 1}: {why}"
            child.send_signal(signal.SIGKILL)
            child.wait(30)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait(30)
            assert child.stdout is not None
            child.stdout.close()
        assert child.returncode == -signal.SIGKILL
        self.clear()
        self.release()

    def release(self) -> None:
        self._release.set()

    def close(self) -> None:
        self._release.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(10)
        self.session.close()

    def _decide(self, method: str) -> _Rule | None:
        with self._lock:
            self.counts[method] += 1
            self.counts["*"] += 1
            for rule in self.rules:
                seen = self.counts[rule.method or "*"]
                if rule.method in (None, method) and seen > rule.after and rule.times != 0:
                    if rule.times is not None:
                        rule.times -= 1
                    return rule
            h = self.holding
            if h is not None and h.method == method and self.counts[method] > h.after:
                return h
        return None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                rule = proxy._decide(self.command)
                if rule is not None and rule is proxy.holding:
                    proxy.held.set()
                    proxy._release.wait(120)
                    self.close_connection = True
                    return
                if rule is not None and rule.status is None:
                    self.close_connection = True  # no answer at all: the server is gone
                    return
                if rule is not None:
                    self.send_response(rule.status)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                time.sleep(proxy.delays.get(self.command, 0.0))
                action = proxy.actions.pop(self.command, None)
                if action is not None:
                    action()
                headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_HEADERS}
                answer = proxy.session.request(
                    self.command,
                    proxy.upstream + self.path,
                    data=body,
                    headers=headers,
                    allow_redirects=False,
                )
                content = answer.content
                self.send_response(answer.status_code)
                for key, value in answer.headers.items():
                    if key.lower() not in _HOP_HEADERS and key.lower() != "content-encoding":
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            do_GET = do_PUT = do_DELETE = do_PROPFIND = do_REPORT = do_MKCOL = _any
            do_OPTIONS = do_POST = do_HEAD = _any

        return Handler

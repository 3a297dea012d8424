"""Real CardDAV/CalDAV servers on 127.0.0.1 for tests: Radicale and Xandikos, with auth.

Each server is started once per test session (``radicale_server``, ``xandikos_server``,
and the parametrized ``dav_server`` that is each in turn) and stopped at the end. A test
gets a fresh user (``server.new_user()``) so tests never see each other's data.

- Radicale 3 (HTTP): htpasswd authentication with plain passwords, ``owner_only`` rights;
  a PROPFIND on ``/USER/`` creates the principal, an extended MKCOL the address book.
- Xandikos (multi-user): HTTPS with a self-signed certificate (``--autocert``), htpasswd
  ``{SHA}`` lines; ``--defaults`` gives each user a calendar and an address book. The
  certificate is what a client must be told to trust (``server.certificate``).

Use them in a conftest.py with ``from tests.helpers.dav_servers import *  # noqa``.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import os
import signal
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

VENV_BIN = Path(sys.executable).parent
_users = itertools.count(1)


def tool(name: str) -> list[str]:
    """The command that runs a console script of the virtualenv (vdirsyncer, khal, …) with
    this interpreter: a script's shebang may name another copy of the environment."""
    return [sys.executable, str(VENV_BIN / name)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for_port(port: int, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"server did not listen on {port}: {log.read_text(errors='replace')}")


@dataclass
class DavServer:
    """A running server: its URL, how to add users, how to make an address book."""

    name: str
    url: str
    folder: Path
    proc: subprocess.Popen[bytes]
    htpasswd: Path
    certificate: str = ""  # PEM a client must trust (Xandikos' self-signed one)
    users: dict[str, str] = field(default_factory=dict)

    def new_user(self, password: str = "secret") -> tuple[str, str]:
        user = f"user{next(_users)}"
        self.users[user] = password
        lines = []
        for name, pw in self.users.items():
            if self.name == "radicale":
                lines.append(f"{name}:{pw}")
            else:
                digest = base64.b64encode(hashlib.sha1(pw.encode()).digest()).decode()
                lines.append(f"{name}:{{SHA}}{digest}")
        tmp = self.htpasswd.with_suffix(".tmp")
        tmp.write_text("\n".join(lines) + "\n")
        os.replace(tmp, self.htpasswd)
        return user, password

    def session(self, user: str) -> requests.Session:
        s = requests.Session()
        s.auth = (user, self.users[user])
        if self.certificate:
            from app.sync.dav import PinnedAdapter

            s.verify = False  # the pinned fingerprint is checked instead
            s.trust_env = False  # else REQUESTS_CA_BUNDLE beats verify=False
            s.mount("https://", PinnedAdapter(self.certificate))
        return s

    def addressbook(self, user: str) -> str:
        """The URL of the user's address book, created when the server has none."""
        s = self.session(user)
        if self.name == "radicale":
            s.request("PROPFIND", f"{self.url}/{user}/", headers={"Depth": "0"}).raise_for_status()
            url = f"{self.url}/{user}/contacts/"
            body = (
                '<?xml version="1.0"?><D:mkcol xmlns:D="DAV:" '
                'xmlns:C="urn:ietf:params:xml:ns:carddav"><D:set><D:prop><D:resourcetype>'
                "<D:collection/><C:addressbook/></D:resourcetype>"
                "<D:displayname>Contacts</D:displayname></D:prop></D:set></D:mkcol>"
            )
            response = s.request("MKCOL", url, data=body)
            assert response.status_code in (201, 405), response.text
            return url
        # Xandikos --defaults: /USER/contacts/addressbook/ appears on the first request.
        s.request("PROPFIND", f"{self.url}/{user}/", headers={"Depth": "0"}).raise_for_status()
        return f"{self.url}/{user}/contacts/addressbook/"

    def cards(self, user: str, addressbook: str) -> dict[str, str]:
        """href → card text of every card in the address book (straight from the server)."""
        s = self.session(user)
        body = (
            '<?xml version="1.0"?><C:addressbook-query xmlns:D="DAV:" '
            'xmlns:C="urn:ietf:params:xml:ns:carddav"><D:prop><D:getetag/><C:address-data/>'
            "</D:prop></C:addressbook-query>"
        )
        response = s.request(
            "REPORT",
            addressbook,
            data=body,
            headers={"Depth": "1", "Content-Type": "application/xml; charset=utf-8"},
        )
        response.raise_for_status()
        import xml.etree.ElementTree as ET

        root = ET.fromstring(response.content)
        found = {}
        for r in root.findall("{DAV:}response"):
            href = r.findtext("{DAV:}href")
            data = r.find(".//{urn:ietf:params:xml:ns:carddav}address-data")
            if href and data is not None and data.text:
                found[href] = data.text
        return found

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


def start_radicale(folder: Path) -> DavServer:
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    htpasswd = folder / "users"
    htpasswd.write_text("")
    config = folder / "config"
    config.write_text(
        f"[server]\nhosts = 127.0.0.1:{port}\n"
        f"[auth]\ntype = htpasswd\nhtpasswd_filename = {htpasswd}\n"
        "htpasswd_encryption = plain\ndelay = 0\n"
        f"[storage]\nfilesystem_folder = {folder / 'collections'}\n"
        "[rights]\ntype = owner_only\n"
        "[logging]\nlevel = warning\n"
    )
    log = folder / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(VENV_BIN / "python"), "-m", "radicale", "--config", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=out,
        )
    _wait_for_port(port, proc, log)
    return DavServer("radicale", f"http://127.0.0.1:{port}", folder, proc, htpasswd)


def start_xandikos(folder: Path) -> DavServer:
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    htpasswd = folder / "users"
    htpasswd.write_text("")
    state = folder / "state"
    log = folder / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                *tool("xandikos"),
                "multi-user",
                "-d",
                str(folder / "data"),
                "--state-dir",
                str(state),
                "--htpasswd",
                str(htpasswd),
                "--autocert",
                "--defaults",
                "-l",
                "127.0.0.1",
                "-p",
                str(port),
                "--no-detect-systemd",
            ],
            stdout=subprocess.DEVNULL,
            stderr=out,
        )
    _wait_for_port(port, proc, log)
    pem = ssl.get_server_certificate(("127.0.0.1", port))
    (folder / "trusted.pem").write_text(pem)
    return DavServer(
        "xandikos", f"https://127.0.0.1:{port}", folder, proc, htpasswd, certificate=pem
    )


@pytest.fixture(scope="session")
def radicale_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DavServer]:
    server = start_radicale(tmp_path_factory.mktemp("radicale"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def xandikos_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DavServer]:
    server = start_xandikos(tmp_path_factory.mktemp("xandikos"))
    yield server
    server.stop()


@pytest.fixture(params=["radicale", "xandikos"])
def dav_server(request: pytest.FixtureRequest) -> DavServer:
    """Each real server in turn (the test runs once against each)."""
    server: DavServer = request.getfixturevalue(f"{request.param}_server")
    return server

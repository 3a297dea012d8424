"""A real IMAP server for the tests: Dovecot on 127.0.0.1, a free port, its own config.

:class:`Dovecot` writes a private configuration (plain text allowed, since it listens
on loopback only; no TLS), a passwd-file with one test user and a Maildir home, starts
``dovecot -c CONF`` and stops it again. Nothing of the system's Dovecot is used: the
fixture never touches port 143 or /etc/dovecot. Recipe: TECH-NOTES "Test servers".
Messages are put into the Maildir as files (:meth:`Dovecot.deliver`); Dovecot picks new
files up on the next SELECT.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

USER = "me@example.org"
PASSWORD = "s3cret-imap"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def available() -> bool:
    return shutil.which("dovecot") is not None and os.geteuid() == 0


CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
{ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
login_trusted_networks = 127.0.0.1/8
first_valid_uid = 1
default_internal_user = dovecot
default_login_user = dovenull
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid=dovecot gid=dovecot home={root}/home/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
  }}
  mailbox Drafts {{
    special_use = \\Drafts
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
"""


class Dovecot:
    """One running server. ``port``, ``user``, ``password``, ``maildir`` (the INBOX).

    Its folder is a fresh one under the system's temporary directory (pytest's own is
    closed to other users, and Dovecot's processes run as the ``dovecot`` user)."""

    def __init__(self, *, tls: bool = False) -> None:
        """``tls``: also serve imaps on ``tls_port`` and offer STARTTLS, with a self-signed
        certificate for 127.0.0.1 (``certificate``, a PEM file a client may trust)."""
        self.root = Path(tempfile.mkdtemp(prefix="allies-dovecot-"))
        self.tls = tls
        self.port = free_port()
        self.tls_port = free_port() if tls else 0
        self.certificate = self.root / "cert.pem"
        self.user = USER
        self.password = PASSWORD
        self.conf = self.root / "dovecot.conf"
        self.home = self.root / "home" / USER
        self.maildir = self.home / "Maildir"
        self._count = 0

    @property
    def url(self) -> str:
        return f"imap://127.0.0.1:{self.port}"

    def start(self) -> None:
        for sub in ("run", "state", "home"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        os.chmod(self.root, 0o755)
        ssl = "ssl = no"
        if self.tls:
            key = self.root / "key.pem"
            subprocess.run(
                ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                 "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                 "-keyout", str(key), "-out", str(self.certificate)],
                check=True, capture_output=True, timeout=60,
            )  # fmt: skip
            ssl = f"ssl = yes\nssl_cert = <{self.certificate}\nssl_key = <{key}"
        self.conf.write_text(
            CONFIG.format(root=self.root, port=self.port, tls_port=self.tls_port, ssl=ssl),
            encoding="utf-8",
        )
        (self.root / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n", encoding="utf-8")
        for folder in (self.maildir, self.maildir / ".Sent"):
            for sub in ("cur", "new", "tmp"):
                (folder / sub).mkdir(parents=True, exist_ok=True)
        self._chown()
        subprocess.run(["dovecot", "-c", str(self.conf)], check=True, timeout=30)
        deadline = time.monotonic() + 30
        while True:  # wait until it accepts connections (a readiness probe, not a timing)
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    if s.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                if time.monotonic() > deadline:
                    log = (self.root / "dovecot.log").read_text(errors="replace")
                    raise RuntimeError(f"dovecot did not start:\n{log}") from None
                time.sleep(0.05)

    def stop(self) -> None:
        subprocess.run(["dovecot", "-c", str(self.conf), "stop"], check=False, timeout=30)
        shutil.rmtree(self.root, ignore_errors=True)

    def _chown(self) -> None:
        entry = pwd.getpwnam("dovecot")
        for path in [self.root / "home", *(self.root / "home").rglob("*")]:
            os.chown(path, entry.pw_uid, entry.pw_gid)

    def deliver(self, message: bytes, folder: str = "INBOX") -> Path:
        """Put one message into a folder (``INBOX`` or ``Sent``)."""
        target = self.maildir if folder == "INBOX" else self.maildir / f".{folder}"
        self._count += 1
        name = f"{1700000000 + self._count}.M{self._count}P{os.getpid()}.test"
        path = target / "new" / name
        path.write_bytes(message)
        entry = pwd.getpwnam("dovecot")
        os.chown(path, entry.pw_uid, entry.pw_gid)
        return path

    def change_uidvalidity(self, folder: str, value: int) -> None:
        subprocess.run(
            [
                "doveadm",
                "-c",
                str(self.conf),
                "mailbox",
                "update",
                "--uid-validity",
                str(value),
                "-u",
                USER,
                folder,
            ],
            check=True,
            timeout=30,
            capture_output=True,
        )

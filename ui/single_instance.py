"""One Allies per database: a second start hands its arguments to the first and exits.

The first process to take a ``QLockFile`` named after the database (a hash of the
resolved path and the user) becomes the primary and listens on a ``QLocalServer`` of the
same name. Both live in the user's private runtime directory (``$XDG_RUNTIME_DIR/Allies``,
0700), never under a predictable name in a shared ``/tmp``; without a usable runtime
directory they go to a 0700 folder in the user's data directory. A later process finds
the lock taken, connects, sends its arguments as one JSON line and waits for ``ok``; the
primary emits :attr:`SingleInstance.message_received` (to bring its window forward and
import the files) and the secondary exits 0. The lock, not the socket, decides who is
primary, so two starts at the same moment cannot both win; a lock left by a crashed
process is stale (its PID is gone) and is taken over.

Typical use, before the main window is built::

    instance = SingleInstance(db_path)
    if not instance.is_primary():
        return 0 if instance.send(files) else 1
    instance.message_received.connect(on_message)
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import stat
import warnings
from pathlib import Path

from platformdirs import user_runtime_path
from PySide6 import QtNetwork  # not re-exported by ui.qt; only this module needs it

from app.db import data_dir, make_private_dir
from ui.qt import QtCore, Signal

log = logging.getLogger(__name__)

_ACK = b"ok\n"
_MAX_MESSAGE = 1 << 20


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        return str(os.getuid()) if hasattr(os, "getuid") else "user"


def instance_key(db_path: str | os.PathLike[str]) -> str:
    """A name for the lock and the socket, the same for every start on this database."""
    resolved = str(Path(db_path).expanduser().resolve())
    digest = hashlib.sha256(f"{_user()}\0{resolved}".encode()).hexdigest()[:24]
    return f"allies-{digest}"


def _is_private(folder: Path) -> bool:
    """A real folder (no symlink) of this user that nobody else can enter or write."""
    try:
        info = folder.lstat()
        parent = folder.parent.stat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & 0o077:
        return False
    if not hasattr(os, "getuid"):
        return True
    uid = os.getuid()
    parent_safe = parent.st_uid == uid or (
        parent.st_uid == 0 and (not parent.st_mode & 0o022 or parent.st_mode & stat.S_ISVTX)
    )
    return info.st_uid == uid and parent_safe


def runtime_dir() -> Path:
    """The private folder for the lock file and the socket (created 0700)."""
    with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset
        warnings.simplefilter("ignore")
        candidates = []
        if os.name != "posix" or os.environ.get("XDG_RUNTIME_DIR"):
            candidates.append(user_runtime_path("Allies", appauthor=False, ensure_exists=False))
    candidates.append(data_dir() / "run")
    for folder in candidates:
        try:
            make_private_dir(folder)
        except OSError as exc:
            log.debug("no runtime folder at %s: %s", folder, exc)
            continue
        if _is_private(folder):
            return folder
        log.warning("not using %s for the instance lock: it is not private", folder)
    raise OSError("no private folder for the single-instance lock")


class SingleInstance(QtCore.QObject):
    """The lock and the local server that keep one Allies per database.

    Signals: ``message_received(list)`` in the primary with the arguments a second start
    handed over (paths made absolute).
    """

    message_received = Signal(list)

    def __init__(
        self, db_path: str | os.PathLike[str], parent: QtCore.QObject | None = None
    ) -> None:
        super().__init__(parent)
        folder = runtime_dir()
        self.key = instance_key(db_path)
        self.socket_name = str(folder / self.key)  # a path: Qt uses it as it is
        self._lock = QtCore.QLockFile(str(folder / f"{self.key}.lock"))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone
        self._server: QtNetwork.QLocalServer | None = None
        self._primary: bool | None = None
        self._buffers: dict[QtNetwork.QLocalSocket, bytes] = {}

    def is_primary(self) -> bool:
        """Take the lock and listen when nobody else holds it (decided once)."""
        if self._primary is None:
            self._primary = self._lock.tryLock(100)
            if self._primary:
                self._listen()
        return self._primary

    def _listen(self) -> None:
        QtNetwork.QLocalServer.removeServer(self.socket_name)  # left by a crash
        server = QtNetwork.QLocalServer(self)
        server.setSocketOptions(QtNetwork.QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.socket_name):
            log.warning("cannot listen on %s: %s", self.socket_name, server.errorString())
            return
        server.newConnection.connect(self._on_new_connection)
        self._server = server

    def _on_new_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._on_ready_read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _forget(self, socket: QtNetwork.QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def _on_ready_read(self, socket: QtNetwork.QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if b"\n" not in data:
            if len(data) > _MAX_MESSAGE:
                socket.abort()
            else:
                self._buffers[socket] = data
            return
        line = data.split(b"\n", 1)[0]
        self._buffers[socket] = b""
        try:
            args = json.loads(line.decode("utf-8"))["args"]
            if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
                raise ValueError("args is not a list of strings")
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("ignored a malformed message from a second start: %s", exc)
            socket.abort()
            return
        socket.write(_ACK)
        socket.flush()
        socket.disconnectFromServer()
        self.message_received.emit(args)

    def send(self, args: list[str], timeout_ms: int = 5000) -> bool:
        """Hand ``args`` to the primary; True once it acknowledged them.

        Blocks up to ``timeout_ms`` (fine: a secondary has no window yet). Arguments that
        name existing files are made absolute, since the primary runs elsewhere.
        """
        payload = json.dumps({"args": [_absolute(a) for a in args]}).encode("utf-8") + b"\n"
        deadline = QtCore.QDeadlineTimer(timeout_ms)
        while not deadline.hasExpired():
            socket = QtNetwork.QLocalSocket()
            socket.connectToServer(self.socket_name)
            if not socket.waitForConnected(max(1, deadline.remainingTime())):
                # The primary holds the lock but may not listen yet: try again shortly.
                QtCore.QThread.msleep(50)
                continue
            socket.write(payload)
            if not socket.waitForBytesWritten(max(1, deadline.remainingTime())):
                return False
            reply = b""
            while _ACK not in reply and socket.waitForReadyRead(max(1, deadline.remainingTime())):
                reply += bytes(socket.readAll().data())
            socket.abort()
            return _ACK in reply
        log.warning("no running Allies answered on %s", self.socket_name)
        return False

    def release(self) -> None:
        """Stop listening and free the lock (at quit; also done when the process ends)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._primary:
            self._lock.unlock()
        self._primary = None


def _absolute(arg: str) -> str:
    if arg.startswith("-"):
        return arg
    path = Path(arg)
    return str(path.absolute()) if path.exists() else arg

"""Desktop notifications over D-Bus (``org.freedesktop.Notifications``), for Linux
desktops without a system tray (GNOME without extensions, some Wayland sessions).

Notify is declared ``susssasa{sv}i``. PySide6's QtDBus cannot send its ``u``
(``replaces_id``): PySide has no typed QVariant, a Python int goes out as ``i`` and
``QDBusArgument << int`` writes a ``q``, and every real server (GNOME Shell, Plasma,
dunst, mako, xfce4-notifyd) rejects a call with the wrong signature. So the messages are
built by jeepney, a small pure-Python D-Bus library that marshals by signature, and its
socket is watched by a ``QSocketNotifier``: replies and signals arrive on the GUI thread
through the event loop, and nothing waits for the notification server. Only connecting
(a local socket handshake and three questions to the bus itself) is synchronous.

Clicking a notification makes the server emit ``ActionInvoked(id, "default")``; the
notifier turns that into ``activated(key)`` for the key the notification was sent with.
Plasma sends these signals only to the connection that sent Notify, so calls and signals
share one connection.
"""

from __future__ import annotations

import html
import logging
import os
from collections.abc import Callable

from ui.qt import QtCore, Signal
from ui.resources import resource_path

try:
    from jeepney import (
        DBusAddress,
        DBusErrorResponse,
        HeaderFields,
        MatchRule,
        Message,
        MessageType,
        message_bus,
        new_method_call,
    )
    from jeepney.io.blocking import DBusConnection, Proxy, open_dbus_connection
except ImportError:  # then there are no notifications; the window asks for attention
    HAVE_JEEPNEY = False
else:
    HAVE_JEEPNEY = True

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
INTERFACE = SERVICE
APP_NAME = "Allies"
DESKTOP_ENTRY = "de.allies.Allies"
ICON_NAME = "allies"
DEFAULT_ACTION = "default"
CONNECT_TIMEOUT_S = 1.0
EXPIRE_DEFAULT = -1  # the server decides how long a notification stays
URGENCY_NORMAL = 1


def _icon() -> str:
    """The app icon as a file URI (works before the desktop entry is installed), else
    its icon-theme name."""
    try:
        png = resource_path("icons", "hicolor", "128x128", "apps", "allies.png")
    except FileNotFoundError:
        return ICON_NAME
    return QtCore.QUrl.fromLocalFile(str(png)).toString() if png.is_file() else ICON_NAME


class DesktopNotifier(QtCore.QObject):
    """Sends notifications to the desktop's notification server and reports clicks.

    Signals: ``activated(str)`` with the key of the notification the user clicked;
    ``failed(str)`` with the key of a notification the server refused (the caller can
    fall back to asking for attention).
    """

    activated = Signal(str)
    failed = Signal(str)

    def __init__(self, parent: QtCore.QObject | None = None, *, address: str | None = None):
        """``address``: a D-Bus address; None means the session bus of the environment."""
        super().__init__(parent)
        self._address = address
        self._conn: DBusConnection | None = None
        self._watch: QtCore.QSocketNotifier | None = None
        self._owned = False
        self._activatable = False
        self._capabilities: frozenset[str] | None = None
        self._asked_capabilities = False
        self._waiting: list[tuple[str, str, str]] = []
        self._replies: dict[int, Callable[[Message], None]] = {}
        self._key_of: dict[int, str] = {}  # open notification id -> key
        self._id_of: dict[str, int] = {}  # key -> open notification id
        self.destroyed.connect(self._conn_closer())

    # --- public ------------------------------------------------------------------------

    def available(self) -> bool:
        """Whether a notification server is running, or can be started, on the bus."""
        if self._conn is None:
            self._connect()
        return self._conn is not None and (self._owned or self._activatable)

    def notify(self, title: str, body: str, key: str) -> bool:
        """Show a notification; a click on it emits ``activated(key)``.

        A still-open notification with the same key is replaced rather than stacked.
        Returns False when no server is available or the message could not be sent.
        """
        if not self.available():
            return False
        if self._capabilities is None:
            self._waiting.append((title, body, key))
            if not self._asked_capabilities:
                self._asked_capabilities = True
                return self._call("GetCapabilities", None, (), self._on_capabilities)
            return True
        return self._send_notify(title, body, key)

    def close(self) -> None:
        """Disconnect from the bus (also done when the object is destroyed)."""
        if self._watch is not None:
            self._watch.setEnabled(False)
            self._watch.deleteLater()
            self._watch = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self._replies.clear()
        self._waiting.clear()
        self._key_of.clear()
        self._id_of.clear()
        self._capabilities = None
        self._asked_capabilities = False

    # --- connection --------------------------------------------------------------------

    def _connect(self) -> None:
        address = self._address or os.environ.get("DBUS_SESSION_BUS_ADDRESS")
        if not address:
            return
        if not HAVE_JEEPNEY:
            log.info("jeepney is not installed: no desktop notifications")
            return
        try:
            conn = open_dbus_connection(address, auth_timeout=CONNECT_TIMEOUT_S)
        except (OSError, RuntimeError, ValueError) as exc:
            log.info("no D-Bus session bus for notifications: %s", exc)
            return
        try:
            bus = Proxy(message_bus, conn, timeout=CONNECT_TIMEOUT_S)
            # Signals only from whoever owns the service name (the bus checks the sender).
            ours = MatchRule(type="signal", sender=SERVICE, interface=INTERFACE, path=OBJECT_PATH)
            owner = MatchRule(
                type="signal",
                sender="org.freedesktop.DBus",
                interface="org.freedesktop.DBus",
                member="NameOwnerChanged",
            )
            owner.add_arg_condition(0, SERVICE)
            bus.AddMatch(ours)
            bus.AddMatch(owner)
            self._owned = bool(bus.NameHasOwner(SERVICE)[0])
            self._activatable = SERVICE in bus.ListActivatableNames()[0]
        except (OSError, DBusErrorResponse) as exc:
            log.info("D-Bus session bus did not answer: %s", exc)
            conn.close()
            return
        self._conn = conn
        self._watch = QtCore.QSocketNotifier(
            conn.sock.fileno(), QtCore.QSocketNotifier.Type.Read, self
        )
        self._watch.activated.connect(self._receive)
        self._receive()  # what arrived with the answers above is already buffered

    def _conn_closer(self) -> Callable[[], None]:
        """Closes the socket on destruction without touching the dying QObject."""
        state = self.__dict__

        def close() -> None:
            conn = state.get("_conn")
            if conn is not None:
                conn.close()

        return close

    def _lost(self, exc: Exception) -> None:
        log.info("lost the D-Bus connection for notifications: %s", exc)
        self.close()

    def _call(
        self,
        method: str,
        signature: str | None,
        body: tuple[object, ...],
        on_reply: Callable[[Message], None],
    ) -> bool:
        target = DBusAddress(OBJECT_PATH, bus_name=SERVICE, interface=INTERFACE)
        serial = next(self._conn.outgoing_serial)
        self._replies[serial] = on_reply
        try:
            self._conn.send(new_method_call(target, method, signature, body), serial=serial)
        except OSError as exc:
            self._lost(exc)
            return False
        return True

    def _receive(self) -> None:
        """Handle every complete message the socket holds (never waits for more)."""
        while self._conn is not None:
            try:
                message = self._conn.receive(timeout=0)
            except TimeoutError:
                return
            except OSError as exc:
                self._lost(exc)
                return
            self._dispatch(message)

    def _dispatch(self, message: Message) -> None:
        header = message.header
        kind = header.message_type
        if kind in (MessageType.method_return, MessageType.error):
            handler = self._replies.pop(header.fields.get(HeaderFields.reply_serial, -1), None)
            if handler is not None:
                handler(message)
            return
        if kind is not MessageType.signal:
            return
        member = header.fields.get(HeaderFields.member)
        interface = header.fields.get(HeaderFields.interface)
        if interface == "org.freedesktop.DBus" and member == "NameOwnerChanged":
            self._on_owner_changed(*message.body)
        elif interface == INTERFACE and member == "ActionInvoked":
            self._on_action(*message.body)
        elif interface == INTERFACE and member == "ActivationToken":
            self._on_activation_token(*message.body)
        elif interface == INTERFACE and member == "NotificationClosed":
            self._forget(message.body[0])

    # --- notifications -----------------------------------------------------------------

    def _on_capabilities(self, reply: Message) -> None:
        ok = reply.header.message_type is MessageType.method_return
        self._capabilities = frozenset(reply.body[0]) if ok else frozenset()
        waiting, self._waiting = self._waiting, []
        for title, body, key in waiting:
            self._send_notify(title, body, key)

    def _send_notify(self, title: str, body: str, key: str) -> bool:
        assert self._capabilities is not None
        if "body-markup" in self._capabilities:
            body = html.escape(body, quote=False)  # names come from imported files
        hints = {"desktop-entry": ("s", DESKTOP_ENTRY), "urgency": ("y", URGENCY_NORMAL)}
        actions = [DEFAULT_ACTION, self.tr("Open")]
        arguments = (
            APP_NAME,
            self._id_of.get(key, 0),
            _icon(),
            title,
            body,
            actions,
            hints,
            EXPIRE_DEFAULT,
        )
        return self._call(
            "Notify", "susssasa{sv}i", arguments, lambda reply: self._on_notified(key, reply)
        )

    def _on_notified(self, key: str, reply: Message) -> None:
        if reply.header.message_type is not MessageType.method_return:
            log.warning("the notification server refused a notification: %s", reply.body)
            self.failed.emit(key)
            return
        (notification_id,) = reply.body
        self._forget(self._id_of.get(key, -1))
        self._key_of[notification_id] = key
        self._id_of[key] = notification_id

    def _on_action(self, notification_id: int, action: str) -> None:
        key = self._key_of.get(notification_id)
        if key is not None and action == DEFAULT_ACTION:
            self.activated.emit(key)

    def _on_activation_token(self, notification_id: int, token: str) -> None:
        """Sent just before ActionInvoked: Qt's Wayland plugin uses this token when the
        window is activated, so the compositor lets it come to the front."""
        if notification_id in self._key_of and token:
            os.environ["XDG_ACTIVATION_TOKEN"] = token

    def _forget(self, notification_id: int) -> None:
        key = self._key_of.pop(notification_id, None)
        if key is not None and self._id_of.get(key) == notification_id:
            del self._id_of[key]

    def _on_owner_changed(self, name: str, _old: str, new: str) -> None:
        if name != SERVICE:
            return
        self._owned = bool(new)
        # A new server knows nothing of the old one's notifications or capabilities.
        self._key_of.clear()
        self._id_of.clear()
        if not self._waiting:
            self._capabilities = None
            self._asked_capabilities = False

"""A fake desktop notification server for the tests (run as a script, not a test).

    python notification_server.py ADDRESS [--capabilities body,actions] [--targeted]
                                          [--refuse]

Owns ``org.freedesktop.Notifications`` on the D-Bus at ADDRESS, using jeepney (pure
Python, a different D-Bus implementation from the app's). Checks each call's signature
the way GDBus and sd-bus servers do (a wrong one is refused with InvalidArgs), and
reports on stdout, one JSON object a line:

    {"event": "ready"}
    {"event": "GetCapabilities"}
    {"event": "Notify", "id": 1, "sender": ":1.7", "app_name": ..., "replaces_id": 0, "app_icon": ...,
     "summary": ..., "body": ..., "actions": [...], "hints": {...}, "expire_timeout": -1}
    {"event": "refused", "member": "Notify", "signature": "sisssasa{sv}i"}
    {"event": "gone", "name": ":1.7"}   a client left the bus (all it sent came before)
    {"event": "done", "command": {...}} a command from stdin was carried out

Commands on stdin, one JSON object a line:

    {"invoke": ID, "action": "default", "token": "optional activation token"}
    {"close": ID, "reason": 2}
    {"release": true}       give up the name (the server goes away)

``--targeted`` sends the signals only to the client that sent the notification, as
Plasma does; by default they are broadcast, as GNOME Shell does. ``--refuse`` answers
every Notify with an error.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from typing import Any

from jeepney import (
    DBusAddress,
    HeaderFields,
    MatchRule,
    Message,
    MessageType,
    message_bus,
    new_error,
    new_method_return,
    new_signal,
)
from jeepney.io.blocking import DBusConnection, Proxy, open_dbus_connection

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
EMITTER = DBusAddress(PATH, interface=SERVICE)
SIGNATURES = {
    "GetCapabilities": "",
    "GetServerInformation": "",
    "Notify": "susssasa{sv}i",
    "CloseNotification": "u",
}
NOTIFY_FIELDS = (
    "app_name",
    "replaces_id",
    "app_icon",
    "summary",
    "body",
    "actions",
    "hints",
    "expire_timeout",
)


class Server:
    def __init__(self, conn: DBusConnection, options: argparse.Namespace) -> None:
        self.conn = conn
        self.capabilities = [c for c in options.capabilities.split(",") if c]
        self.targeted = options.targeted
        self.refuse = options.refuse
        self.lock = threading.Lock()  # replies (main thread) and signals (stdin thread)
        self.next_id = 1
        self.client_of: dict[int, str] = {}

    def report(self, **event: Any) -> None:
        print(json.dumps(event), flush=True)

    def send(self, message: Message) -> None:
        with self.lock:
            self.conn.send(message)

    def signal(self, notification_id: int, member: str, signature: str, body: tuple) -> None:
        message = new_signal(EMITTER, member, signature, body)
        if self.targeted:
            message.header.fields[HeaderFields.destination] = self.client_of[notification_id]
        self.send(message)

    def handle_call(self, message: Message) -> None:
        fields = message.header.fields
        member = fields.get(HeaderFields.member)
        signature = fields.get(HeaderFields.signature, "")
        if fields.get(HeaderFields.interface) != SERVICE or member not in SIGNATURES:
            self.send(new_error(message, "org.freedesktop.DBus.Error.UnknownMethod"))
            return
        if signature != SIGNATURES[member]:
            self.report(event="refused", member=member, signature=signature)
            self.send(
                new_error(
                    message,
                    "org.freedesktop.DBus.Error.InvalidArgs",
                    "s",
                    (f"expected ({SIGNATURES[member]}), got ({signature})",),
                )
            )
            return
        if member == "GetCapabilities":
            self.report(event="GetCapabilities")
            self.send(new_method_return(message, "as", (self.capabilities,)))
        elif member == "GetServerInformation":
            self.send(new_method_return(message, "ssss", ("fake", "allies-tests", "1", "1.2")))
        elif member == "CloseNotification":
            (notification_id,) = message.body
            self.send(new_method_return(message))
            self.signal(notification_id, "NotificationClosed", "uu", (notification_id, 3))
        else:
            self.notify(message)

    def notify(self, message: Message) -> None:
        call = dict(zip(NOTIFY_FIELDS, message.body, strict=True))
        call["hints"] = {key: value for key, (_sig, value) in call["hints"].items()}
        if self.refuse:
            self.send(new_error(message, "org.freedesktop.Notifications.Error.Refused"))
            self.report(event="refused", member="Notify", signature="susssasa{sv}i")
            return
        notification_id = call["replaces_id"] or self.next_id
        if not call["replaces_id"]:
            self.next_id += 1
        sender = message.header.fields[HeaderFields.sender]
        self.client_of[notification_id] = sender
        # Answer first, then tell the test: the test may click at once (its command is
        # handled on another thread), and a click signalled before the answer reached the
        # app would name a notification the app does not know yet. A real server answers
        # long before a person can click.
        self.send(new_method_return(message, "u", (notification_id,)))
        self.report(event="Notify", id=notification_id, sender=sender, **call)

    def command(self, command: dict[str, Any]) -> None:
        if "invoke" in command:
            notification_id = command["invoke"]
            if command.get("token"):
                self.signal(
                    notification_id, "ActivationToken", "us", (notification_id, command["token"])
                )
            self.signal(
                notification_id, "ActionInvoked", "us", (notification_id, command["action"])
            )
        elif "close" in command:
            notification_id = command["close"]
            self.signal(
                notification_id, "NotificationClosed", "uu", (notification_id, command["reason"])
            )
        elif command.get("release"):
            with self.lock:
                self.conn.send(message_bus.ReleaseName(SERVICE))
        self.report(event="done", command=command)

    def read_commands(self) -> None:
        for line in sys.stdin:
            if line.strip():
                self.command(json.loads(line))

    def run(self) -> None:
        while True:
            message = self.conn.receive()
            kind = message.header.message_type
            if kind is MessageType.method_call:
                self.handle_call(message)
            elif (
                kind is MessageType.signal
                and message.header.fields.get(HeaderFields.member) == "NameOwnerChanged"
            ):
                name, _old, new = message.body
                if name.startswith(":") and not new:
                    self.report(event="gone", name=name)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("address")
    parser.add_argument("--capabilities", default="body,actions")
    parser.add_argument("--targeted", action="store_true")
    parser.add_argument("--refuse", action="store_true")
    options = parser.parse_args()
    conn = open_dbus_connection(options.address)
    bus = Proxy(message_bus, conn)
    if bus.RequestName(SERVICE, 4)[0] != 1:  # 4: do not queue; 1: primary owner
        sys.exit(f"could not own {SERVICE}")
    bus.AddMatch(
        MatchRule(type="signal", interface="org.freedesktop.DBus", member="NameOwnerChanged")
    )
    server = Server(conn, options)
    threading.Thread(target=server.read_commands, daemon=True).start()
    server.report(event="ready")
    server.run()


if __name__ == "__main__":
    main()

"""Two Allies installations on one sync account, for the history sync tests.

:class:`Device` is one installation (a database file); ``view`` gives what ``allies
timeline --json``, ``contacts --json`` and ``due --json`` print there, with local ids
replaced by names so that two installations can be compared. The calendar helpers read
the "Allies" calendar straight from the server.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.cli import main
from app.db import close_database, open_database
from app.sync import accounts
from app.sync.service import sync_all
from tests.helpers.dav_servers import DavServer

TODAY = dt.date.today()


@dataclass
class Device:
    """One Allies installation: its database file, synced with the shared account."""

    path: Path
    server: DavServer
    user: str
    password: str

    def __enter__(self) -> Device:
        open_database(self.path)
        return self

    def __exit__(self, *exc: object) -> None:
        close_database()

    def add_account(self) -> None:
        with self:
            accounts.add_account(
                self.server.url, self.user, self.password, trusted_cert=self.server.certificate
            )

    def sync(self) -> list[dict]:
        with self:
            results = [r.as_json() for r in sync_all()]
        assert all(r["error"] is None for r in results), results
        return results

    def cli(self, capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict]:
        capsys.readouterr()
        assert main(["--db", str(self.path), *argv]) == 0
        return json.loads(capsys.readouterr().out)

    def view(self, capsys: pytest.CaptureFixture[str]) -> dict[str, list]:
        """``timeline``, ``contacts`` and ``due`` as JSON, local ids replaced by names."""
        contacts = self.cli(capsys, "contacts", "--json")
        names = {c["id"]: c["name"] for c in contacts}
        timeline = self.cli(capsys, "timeline", "--json")
        for entry in timeline:
            del entry["id"]
            for p in entry["participants"]:
                del p["id"]
            for x in entry["exchanges"]:
                x["contact_id"] = names[x["contact_id"]]
        for c in contacts:
            del c["id"]
            for r in c["relationships"]:
                del r["contact_id"]
        due = self.cli(capsys, "due", "--json")
        for d in due:
            del d["id"]
        return {"timeline": timeline, "contacts": contacts, "due": due}


@pytest.fixture(name="devices")
def devices_fixture(dav_server: DavServer, tmp_path: Path) -> Iterator[tuple[Device, Device]]:
    user, password = dav_server.new_user()
    dav_server.addressbook(user)
    a = Device(tmp_path / "a.sqlite3", dav_server, user, password)
    b = Device(tmp_path / "b.sqlite3", dav_server, user, password)
    yield a, b
    close_database()


def calendar_url(device: Device) -> str:
    from app.sync.state import SyncCollection

    with device:
        url = SyncCollection.get(SyncCollection.kind == "interaction").url
    return url if url.startswith("http") else device.server.url + url


def calendar_objects(device: Device) -> dict[str, str]:
    """href → text of every object in the "Allies" calendar (straight from the server)."""
    s = device.server.session(device.user)
    body = (
        '<?xml version="1.0"?><C:calendar-query xmlns:D="DAV:" '
        'xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/><C:calendar-data/>'
        '</D:prop><C:filter><C:comp-filter name="VCALENDAR"/></C:filter></C:calendar-query>'
    )
    response = s.request(
        "REPORT",
        calendar_url(device),
        data=body,
        headers={"Depth": "1", "Content-Type": "application/xml; charset=utf-8"},
    )
    response.raise_for_status()
    found: dict[str, str] = {}
    for r in ET.fromstring(response.content).findall("{DAV:}response"):
        data = r.find(".//{urn:ietf:params:xml:ns:caldav}calendar-data")
        if data is not None and data.text:
            found[r.findtext("{DAV:}href") or ""] = data.text
    return found


def server_uids(device: Device) -> list[str]:
    return [
        line[4:].strip()
        for text in calendar_objects(device).values()
        for line in text.splitlines()
        if line.startswith("UID:")
    ]

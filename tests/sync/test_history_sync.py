"""History through CalDAV with two installations (A and B) on one account, real servers.

Each test runs against Radicale and Xandikos (``dav_server``). A and B are two database
files; the account is added in each, as a user with a laptop and a desktop would.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app import followups, goals
from app.cli import main
from app.contacts import ContactInput, Labeled, create_contact, find_contact
from app.db import close_database, open_database
from app.exchanges import update_exchange
from app.models import Exchange, FollowUp, Goal, Interaction
from app.sync import accounts
from app.sync.service import sync_all
from app.timeline import ExchangeInput, InteractionInput, log_interaction, update_interaction
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


@pytest.fixture
def devices(dav_server: DavServer, tmp_path: Path) -> Iterator[tuple[Device, Device]]:
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
    import xml.etree.ElementTree as ET

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


def test_two_installations_share_the_history(
    devices: tuple[Device, Device], capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = devices
    a.add_account()
    with a:
        anna, _ = create_contact(ContactInput("Anna Berg", emails=[Labeled("anna@x.example")]))
        bert, _ = create_contact(ContactInput("Bert Kunz", organization="Nordwind"))
        log_interaction(
            InteractionInput(
                [anna, bert],
                kind="lunch",
                occurred_on=TODAY - dt.timedelta(days=3),
                summary="Lunch at the harbour",
                notes="the team lead role",
                exchanges=[
                    ExchangeInput("received", "recommended me to the director", "recommendation")
                ],
            )
        )
        followups.add_follow_up(anna, TODAY + dt.timedelta(days=7), "Send the article")
        gid, _ = goals.create_goal("Team lead", target_date=TODAY + dt.timedelta(days=200))
        goals.attach_contact(gid, anna)
        goals.attach_contact(gid, bert)
    a.sync()
    b.add_account()
    b.sync()
    view = a.view(capsys)
    assert view == b.view(capsys)
    lunch = view["timeline"][0]
    assert lunch["kind"] == "lunch" and len(lunch["exchanges"]) == 2
    assert {c["name"]: c["balance"] for c in view["contacts"]} == {"Anna Berg": -1, "Bert Kunz": -1}
    with b:
        [todo] = FollowUp.select()
        assert (todo.text, todo.due_on, todo.done) == (
            "Send the article", TODAY + dt.timedelta(days=7), False)  # fmt: skip
        assert todo.contact.formatted_name == "Anna Berg"
        [goal] = Goal.select()
        assert goal.title == "Team lead"
        assert sorted(g.contact.formatted_name for g in goal.contact_links) == [
            "Anna Berg", "Bert Kunz"]  # fmt: skip
        # B marks the follow-up done and thanks for the recommendation
        followups.complete_follow_up(todo.id)
        for ex in Exchange.select():
            update_exchange(ex.id, thanked=True)
    b.sync()
    a.sync()
    with a:
        assert [f.done for f in FollowUp.select()] == [True]
        assert {ex.thanked for ex in Exchange.select()} == {True}
    assert a.view(capsys) == b.view(capsys)

    # concurrent edits of one interaction, different fields: both kept
    with a:
        [iid] = [i.id for i in Interaction.select()]
        update_interaction(iid, summary="Lunch at the old harbour")
    with b:
        [iid] = [i.id for i in Interaction.select()]
        update_interaction(iid, notes="the team lead role; call Bert's boss")
        update_interaction(iid, participant_ids=[find_contact("Anna Berg").id])
    a.sync()
    b.sync()
    a.sync()
    for device in (a, b):
        with device:
            [lunch_row] = Interaction.select()
            assert lunch_row.summary == "Lunch at the old harbour"
            assert lunch_row.notes == "the team lead role; call Bert's boss"
            assert [p.contact.formatted_name for p in lunch_row.participants] == ["Anna Berg"]
    assert a.view(capsys) == b.view(capsys)
    uids = server_uids(a)
    assert len(uids) == len(set(uids)) == 3  # the lunch, the follow-up, the goal


FOREIGN = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Phone//EN\r\nBEGIN:VEVENT\r\n"
    "UID:phone-dentist-1\r\nDTSTAMP:20261206T100000Z\r\nDTSTART;VALUE=DATE:20261201\r\n"
    "DTEND;VALUE=DATE:20261202\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_deletes_both_ways_foreign_objects_and_a_deleted_calendar(
    devices: tuple[Device, Device], capsys: pytest.CaptureFixture[str]
) -> None:
    from app.timeline import delete_interaction

    a, b = devices
    a.add_account()
    with a:
        anna, _ = create_contact(ContactInput("Anna Berg"))
        first, _ = log_interaction(InteractionInput([anna], kind="call", summary="first"))
        log_interaction(InteractionInput([anna], kind="coffee", summary="second"))
        fid, _ = followups.add_follow_up(anna, TODAY, "Call back")
        follow_up_uid = FollowUp.get_by_id(fid).uid
    a.sync()
    b.add_account()
    b.sync()
    session = a.server.session(a.user)
    foreign_url = calendar_url(a).rstrip("/") + "/phone-dentist-1.ics"
    response = session.put(
        foreign_url, data=FOREIGN, headers={"Content-Type": "text/calendar; charset=utf-8"}
    )
    assert response.status_code in (201, 204)
    # deleted here: deleted there, and on the other installation
    with a:
        delete_interaction(first)
    assert a.sync()[0]["deleted_there"] == 1
    b.sync()
    with b:
        assert [i.summary for i in Interaction.select()] == ["second"]  # the dentist is not ours
    # deleted there by another program: deleted here
    [href] = [h for h, text in calendar_objects(a).items() if follow_up_uid in text]
    assert session.delete(a.server.url + href if href.startswith("/") else href).ok
    assert a.sync()[0]["deleted_here"] == 1
    with a:
        assert FollowUp.select().count() == 0
    assert "phone-dentist-1" in server_uids(a)
    # the calendar deleted on the server: created again, nothing lost, nothing twice
    assert session.delete(calendar_url(a)).ok
    a.sync()
    b.sync()
    assert a.view(capsys) == b.view(capsys)
    with a:
        [second] = Interaction.select()
        assert server_uids(a) == [second.uid]


def test_the_same_field_changed_on_both_sides_is_a_conflict(
    devices: tuple[Device, Device], capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = devices
    a.add_account()
    with a:
        anna, _ = create_contact(ContactInput("Anna Berg"))
        log_interaction(InteractionInput([anna], kind="call", summary="draft"))
    a.sync()
    b.add_account()
    b.sync()
    for device, text in ((a, "from A"), (b, "from B")):
        with device:
            update_interaction(Interaction.get().id, summary=text)
    a.sync()
    [result] = b.sync()
    assert [(c["object"], c["field"], c["kept"], c["other"]) for c in result["conflicts"]] == [
        ("interaction", "summary", "from A", "from B")
    ]
    a.sync()
    assert a.view(capsys) == b.view(capsys)

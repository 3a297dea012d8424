"""History through CalDAV with two installations (A and B) on one account, real servers.

Each test runs against Radicale and Xandikos (``dav_server``). A and B are two database
files; the account is added in each, as a user with a laptop and a desktop would.
"""

from __future__ import annotations

import datetime as dt

import pytest

from app import followups, goals
from app.contacts import ContactInput, Labeled, create_contact, find_contact
from app.exchanges import update_exchange
from app.models import Exchange, FollowUp, Goal, Interaction
from app.timeline import ExchangeInput, InteractionInput, log_interaction, update_interaction
from tests.helpers.history_devices import (  # noqa: F401 (the devices fixture)
    TODAY,
    Device,
    calendar_objects,
    calendar_url,
    devices_fixture,
    server_uids,
)


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


def test_the_same_field_changed_on_both_sides_keeps_the_newer_edit(
    devices: tuple[Device, Device], capsys: pytest.CaptureFixture[str]
) -> None:
    """As for contacts: the newer edit wins whichever side syncs first (each field's
    change time here against the object's LAST-MODIFIED there), the other is recorded."""
    a, b = devices
    a.add_account()
    with a:
        anna, _ = create_contact(ContactInput("Anna Berg"))
        log_interaction(InteractionInput([anna], kind="call", summary="draft"))
    a.sync()
    b.add_account()
    b.sync()
    # A edits first, B later; A syncs first: B's newer edit is kept
    for device, text in ((a, "from A"), (b, "from B")):
        with device:
            update_interaction(Interaction.get().id, summary=text)
    a.sync()
    [result] = b.sync()
    assert [(c["object"], c["field"], c["kept"], c["other"]) for c in result["conflicts"]] == [
        ("interaction", "summary", "from B", "from A")
    ]
    a.sync()
    # B edits and syncs first, A edits later and syncs: A's newer edit is kept
    with b:
        update_interaction(Interaction.get().id, notes="B's notes")
    b.sync()
    with a:
        update_interaction(Interaction.get().id, notes="A's notes")
    [result] = a.sync()
    assert [(c["field"], c["kept"], c["other"]) for c in result["conflicts"]] == [
        ("notes", "A's notes", "B's notes")
    ]
    b.sync()
    with b:
        assert Interaction.get().summary == "from B"
        assert Interaction.get().notes == "A's notes"
    assert a.view(capsys) == b.view(capsys)


def test_history_off_sends_nothing_and_on_again_sends_it_all(
    devices: tuple[Device, Device],
) -> None:
    from app.sync.accounts import get_account, update_options

    a, _ = devices
    with a:
        from app.sync import accounts

        account = accounts.add_account(
            a.server.url, a.user, a.password, trusted_cert=a.server.certificate,
            sync_history=False,
        )  # fmt: skip
        anna, _ = create_contact(ContactInput("Anna Berg"))
        log_interaction(InteractionInput([anna], kind="call", summary="private"))
    [result] = a.sync()
    assert result["pushed"] == 1  # the contact only
    with a:
        from app.sync.state import SyncCollection

        assert not SyncCollection.select().where(SyncCollection.kind == "interaction").exists()
        update_options(account.id, sync_private=True, sync_history=True)
        assert get_account(account.name).sync_history
    [result] = a.sync()
    assert result["pushed"] == 1  # the interaction
    with a:
        assert server_uids(a) == [Interaction.get().uid]

"""The history on a phone: vdirsyncer brings the "Allies" calendar to a vdir that the test
edits as a calendar and task app would; khal reads it. Against Radicale and Xandikos."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app import followups, goals
from app.contacts import ContactInput, Labeled, create_contact
from app.exchanges import add_exchange, update_exchange
from app.models import Contact, Exchange, FollowUp, Interaction
from app.timeline import (
    ExchangeInput,
    InteractionInput,
    delete_interaction,
    log_interaction,
    update_interaction,
)
from tests.helpers.calendar_phone import CalendarPhone
from tests.helpers.history_devices import (  # noqa: F401 (the devices fixture)
    TODAY,
    Device,
    calendar_url,
    devices_fixture,
    server_uids,
)

FOREIGN = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Phone//EN\r\nBEGIN:VEVENT\r\n"
    "UID:phone-gym\r\nDTSTAMP:20261206T100000Z\r\nDTSTART:20261203T180000Z\r\n"
    "DTEND:20261203T190000Z\r\nSUMMARY:Gym\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def _phone(device: Device, folder: Path) -> CalendarPhone:
    return CalendarPhone(folder, device.server, device.user, device.password, calendar_url(device))


def _days(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def test_the_phone_shows_the_history_and_its_edits_come_back(
    devices: tuple[Device, Device], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = devices
    a.add_account()
    with a:
        anna, _ = create_contact(ContactInput("Anna Berg", emails=[Labeled("anna@x.example")]))
        bert, _ = create_contact(ContactInput("Bert Kunz"))
        cleo, _ = create_contact(ContactInput("Cleo Diaz"))
        lunch, _ = log_interaction(
            InteractionInput([anna, bert], kind="lunch", occurred_on=_days(3), summary="Harbour")
        )
        coffee, _ = log_interaction(
            InteractionInput([cleo], kind="coffee", occurred_on=_days(40), summary="Catch-up")
        )
        for n, days in enumerate((100, 200, 300, 364)):
            log_interaction(
                InteractionInput([bert], kind="call", occurred_on=_days(days), summary=f"c{n}")
            )
        log_interaction(InteractionInput([anna], kind="meeting", occurred_on=_days(500)))
        add_exchange(cleo, "gave", "an article", occurred_on=_days(10))
        open_id, _ = followups.add_follow_up(anna, TODAY + dt.timedelta(days=5), "Send slides")
        done_id, _ = followups.add_follow_up(bert, _days(2), "Thank Bert")
        followups.complete_follow_up(done_id)
        gid, _ = goals.create_goal("Team lead", target_date=TODAY + dt.timedelta(days=90))
        goals.attach_contact(gid, anna)
        recent = {
            i.uid: (i.occurred_on, sorted(p.contact.formatted_name for p in i.participants))
            for i in Interaction.select()
            if i.occurred_on >= _days(365)
        }
        titles = {i.uid: i.summary for i in Interaction.select()}
        uids = {
            "lunch": Interaction.get_by_id(lunch).uid,
            "coffee": Interaction.get_by_id(coffee).uid,
            "open": FollowUp.get_by_id(open_id).uid,
            "done": FollowUp.get_by_id(done_id).uid,
        }
    a.sync()
    phone = _phone(a, tmp_path / "phone")
    phone.sync()

    # the phone's view: every interaction of the last year an event with dates and names
    components = {str(c["UID"]): c for c in phone.components()}
    for uid, (day, names) in recent.items():
        event = components[uid]
        assert event.name == "VEVENT"
        assert event.decoded("DTSTART") == day
        assert event.decoded("DTEND") == day + dt.timedelta(days=1)
        attendees = (
            event["ATTENDEE"] if isinstance(event["ATTENDEE"], list) else [event["ATTENDEE"]]
        )
        assert sorted(a.params["CN"] for a in attendees) == names
    todo = components[uids["open"]]
    assert todo.name == "VTODO" and todo.decoded("DUE") == TODAY + dt.timedelta(days=5)
    assert str(todo["STATUS"]) == "NEEDS-ACTION"
    assert str(components[uids["done"]]["STATUS"]) == "COMPLETED"
    agenda = phone.khal_list(_days(365), 366)
    for uid, (day, _) in recent.items():
        assert any(line.startswith(day.isoformat()) and titles[uid] in line for line in agenda), (
            uid, agenda)  # fmt: skip

    # the phone moves the lunch, renames the coffee, ticks the task off, adds its own event
    moved_to = _days(1)
    phone.move(uids["lunch"], moved_to)
    phone.edit(uids["coffee"], r"^SUMMARY:.*$", "SUMMARY:Coffee: Catch-up at the station")
    phone.complete(uids["open"])
    phone.add("phone-gym", FOREIGN)
    phone.sync()
    a.sync()
    with a:
        assert Interaction.get(Interaction.uid == uids["lunch"]).occurred_on == moved_to
        assert Contact.get_by_id(anna).last_contact == moved_to
        assert Interaction.get(Interaction.uid == uids["coffee"]).summary == (
            "Catch-up at the station")  # fmt: skip
        assert FollowUp.get(FollowUp.uid == uids["open"]).done
        assert Interaction.select().where(Interaction.summary == "Gym").count() == 0
    # the phone deletes an event: deleted in Allies
    phone.delete(uids["coffee"])
    phone.sync()
    assert a.sync()[0]["deleted_here"] == 1
    with a:
        assert Interaction.get_or_none(Interaction.uid == uids["coffee"]) is None
    b.add_account()
    b.sync()
    assert a.view(capsys) == b.view(capsys)
    assert "phone-gym" in server_uids(a)


def test_a_time_the_phone_gave_the_lunch_stays_when_allies_writes_it_again(
    devices: tuple[Device, Device], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = devices
    a.add_account()
    with a:
        anna, _ = create_contact(ContactInput("Anna Berg"))
        lunch, _ = log_interaction(
            InteractionInput([anna], kind="lunch", occurred_on=_days(3), summary="Harbour")
        )
        uid = Interaction.get_by_id(lunch).uid
    a.sync()
    phone = _phone(a, tmp_path / "phone")
    phone.sync()
    berlin = ZoneInfo("Europe/Berlin")

    def at(day: dt.date, hour: int, minute: int) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute), berlin)

    def phone_times() -> tuple[dt.datetime, dt.datetime]:
        phone.sync()
        event = phone.component(uid)
        return event.decoded("DTSTART"), event.decoded("DTEND")

    # the phone moves the lunch to 12:30 (an hour); Allies writes the event again
    phone.set_time(uid, at(_days(3), 12, 30).replace(tzinfo=None), dt.timedelta(hours=1),
                   "Europe/Berlin")  # fmt: skip
    phone.sync()
    a.sync()
    with a:
        assert Interaction.get_by_id(lunch).occurred_on == _days(3)
        update_interaction(lunch, notes="Talked about the team lead role")
    assert a.sync()[0]["pushed"] == 1
    assert phone_times() == (at(_days(3), 12, 30), at(_days(3), 13, 30))
    assert "team lead" in str(phone.component(uid)["DESCRIPTION"])
    # moved to another day in Allies: the time of day goes along
    with a:
        update_interaction(lunch, occurred_on=_days(2))
    a.sync()
    assert phone_times() == (at(_days(2), 12, 30), at(_days(2), 13, 30))
    # a second installation gets the time and keeps it when it writes the event
    b.add_account()
    b.sync()
    with b:
        update_interaction(Interaction.get(Interaction.uid == uid).id, summary="Harbour walk")
    b.sync()
    assert phone_times() == (at(_days(2), 12, 30), at(_days(2), 13, 30))
    assert str(phone.component(uid)["SUMMARY"]) == "Lunch: Harbour walk"
    # nothing goes back and forth once both have it
    a.sync()
    assert a.sync()[0]["pushed"] == b.sync()[0]["pushed"] == 0
    assert a.view(capsys) == b.view(capsys)


def _random_round(rng: random.Random, device: Device, tag: str) -> None:
    """A few random history edits on one installation."""
    with device:
        contacts = [c.id for c in Contact.select(Contact.id)]
        interactions = [i.id for i in Interaction.select(Interaction.id)]
        for _ in range(rng.randint(1, 3)):
            action = rng.choice(["log", "log", "edit", "delete", "exchange", "thank", "todo"])
            if action == "log" or not interactions:
                log_interaction(
                    InteractionInput(
                        rng.sample(contacts, rng.randint(1, 2)),
                        kind=rng.choice(["lunch", "coffee", "call"]),
                        occurred_on=_days(rng.randint(0, 60)),
                        summary=f"{tag} {rng.randint(0, 999)}",
                        exchanges=[ExchangeInput("gave", "advice", "advice")]
                        if rng.random() < 0.3
                        else [],
                    )
                )
            elif action == "edit":
                update_interaction(rng.choice(interactions), notes=f"{tag} notes")
            elif action == "delete" and len(interactions) > 4:
                delete_interaction(rng.choice(interactions))
            elif action == "exchange":
                add_exchange(rng.choice(contacts), "received", f"{tag} tip", kind="information")
            elif action == "thank":
                found = list(Exchange.select(Exchange.id).where(Exchange.thanked == False))  # noqa: E712
                if found:
                    update_exchange(rng.choice(found).id, thanked=True)
            else:
                followups.add_follow_up(rng.choice(contacts), _days(-rng.randint(1, 9)), tag)


def _random_phone(rng: random.Random, phone: CalendarPhone) -> None:
    events = [c for c in phone.components() if c.name == "VEVENT" and "X-ALLIES-OBJECT" in c]
    tasks = [c for c in phone.components() if c.name == "VTODO" and str(c["STATUS"]) != "COMPLETED"]
    if events:
        phone.move(str(rng.choice(events)["UID"]), _days(rng.randint(0, 30)))
    if tasks and rng.random() < 0.5:
        phone.complete(str(rng.choice(tasks)["UID"]))
    if len(events) > 6 and rng.random() < 0.3:
        phone.delete(str(rng.choice(events)["UID"]))


def test_ten_random_rounds_on_two_installations_and_a_phone_agree(
    devices: tuple[Device, Device], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = devices
    rng = random.Random(15)
    a.add_account()
    with a:
        for name in ("Anna Berg", "Bert Kunz", "Cleo Diaz", "Dana Ek"):
            create_contact(ContactInput(name))
        log_interaction(InteractionInput([1, 2], kind="lunch", occurred_on=_days(5)))
    a.sync()
    b.add_account()
    b.sync()
    phone = _phone(a, tmp_path / "phone")
    phone.sync()
    for round_ in range(10):
        _random_round(rng, a, f"A{round_}")
        a.sync()
        phone.sync()
        _random_phone(rng, phone)
        phone.sync()
        _random_round(rng, b, f"B{round_}")
        b.sync()
    a.sync()
    b.sync()
    a.sync()
    phone.sync()
    assert a.view(capsys) == b.view(capsys)
    uids = server_uids(a)
    assert len(uids) == len(set(uids))
    with a:
        mine = (
            Interaction.select().count()
            + Exchange.select().where(Exchange.interaction.is_null()).count()
            + FollowUp.select().count()
        )
    assert len(uids) == mine
    assert len(phone.files()) == mine

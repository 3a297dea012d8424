"""Issue 14's "test like a phone": Allies and vdirsyncer (the phone) on one real address
book, on Radicale and on Xandikos (each test runs against both)."""

from __future__ import annotations

import datetime as dt
import random
import subprocess

import pytest
import vobject

from app.contacts import (
    ContactInput,
    Labeled,
    create_contact,
    load_contact,
    merge_contacts,
    set_archived,
    update_contact,
)
from app.demo import create_demo
from app.models import Contact, Interaction, Participant, Relationship
from app.sync.service import conflicts, restore_other, sync_all
from app.sync.state import SyncConflict
from tests.helpers.dav_servers import tool
from tests.sync.conftest import SyncSetup


def _sync() -> dict:
    [result] = sync_all()
    assert result.error is None, (result.error, result.error_detail)
    return result.as_json()


def _contact(name: str) -> Contact:
    return Contact.get(Contact.formatted_name == name)


def _names() -> list[str]:
    return sorted(c.formatted_name for c in Contact.select())


def _khard_uids(setup: SyncSetup) -> list[str]:
    config = setup.folder / "khard.conf"
    config.write_text(
        f"[addressbooks]\n[[phone]]\npath = {setup.phone.vdir}\n"
        "[general]\ndefault_action = list\n[vcard]\nskip_unparsable = no\n"
    )
    done = subprocess.run(
        [*tool("khard"), "-c", str(config), "list", "--parsable"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return [line.split("\t")[0] for line in done.stdout.splitlines() if line.strip()]


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_first_upload_of_the_demo_network_reaches_the_phone_and_a_second_allies(
    setup: SyncSetup, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_demo(20)
    setup.add_account()
    first = _sync()
    assert first["pushed"] == 20 and first["pulled"] == 0
    again = _sync()
    assert again["pushed"] == again["pulled"] == 0  # a server rewriting cards is no change
    setup.phone.sync()
    files = setup.phone.files()
    assert len(files) == 20
    for text in files.values():
        card = vobject.readOne(text, validate=True)  # strict: a phone can read it
        assert card.version.value == "3.0" and card.fn.value
    assert sorted(_khard_uids(setup)) == sorted(c.uid for c in Contact.select())  # khard reads all
    here = {
        c.uid: (c.formatted_name, c.level, c.circle, c.trust, c.roles, c.title)
        for c in Contact.select()
    }
    relationships = Relationship.select().count()

    setup.use(setup.folder / "second.sqlite3")
    setup.add_account()
    monkeypatch.setattr("app.sync.engine.BATCH", 7)  # relationships across batches
    second = _sync()
    assert second["pulled"] == 20 and second["pushed"] == 0
    there = {
        c.uid: (c.formatted_name, c.level, c.circle, c.trust, c.roles, c.title)
        for c in Contact.select()
    }
    assert there == here
    assert Relationship.select().count() == relationships > 0
    assert _sync()["pushed"] == 0


def test_phone_edits_a_phone_number_while_allies_edits_the_title_both_kept(
    setup: SyncSetup,
) -> None:
    cid, _ = create_contact(
        ContactInput(
            formatted_name="Ann Example",
            title="Engineer",
            phones=[Labeled("+49 30 1234567", "work")],
        )
    )
    setup.add_account()
    _sync()
    setup.phone.sync()
    setup.phone.edit("Ann Example", "+49 30 1234567", "+49 30 7654321")
    setup.phone.sync()
    data = load_contact(cid)
    data.title = "Director"
    update_contact(cid, data)
    result = _sync()
    assert not result["conflicts"]
    data = load_contact(cid)
    assert data.title == "Director"
    assert [p.value for p in data.phones] == ["+49 30 7654321"]
    setup.phone.sync()
    card = setup.phone.find("Ann Example").read_text()
    assert "TITLE:Director" in card and "+49 30 7654321" in card and "1234567" not in card


def test_both_edit_the_same_field_newer_kept_and_conflict_recorded(setup: SyncSetup) -> None:
    cid, _ = create_contact(ContactInput(formatted_name="Ann Example", title="Engineer"))
    setup.add_account()
    _sync()
    setup.phone.sync()
    data = load_contact(cid)
    data.title = "Director"
    update_contact(cid, data)  # Allies' edit: now
    # The phone's edit is an hour older (its REV says so): Allies' title is newer.
    an_hour_ago = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    setup.phone.edit("Ann Example", "TITLE:Engineer", "TITLE:Team Lead", rev=_iso(an_hour_ago))
    setup.phone.sync()
    result = _sync()
    [conflict] = result["conflicts"]
    assert conflict["field"] == "title" and conflict["contact_id"] == cid
    assert (conflict["kept"], conflict["other"]) == ("Director", "Team Lead")
    assert load_contact(cid).title == "Director"
    setup.phone.sync()
    assert "TITLE:Director" in setup.phone.find("Ann Example").read_text()

    # Now the phone edits again, later than Allies: the phone's value is newer.
    data = load_contact(cid)
    data.title = "Head of Engineering"
    update_contact(cid, data)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    setup.phone.edit("Ann Example", "TITLE:Director", "TITLE:CTO", rev=_iso(later))
    setup.phone.sync()
    result = _sync()
    [conflict] = result["conflicts"]
    assert (conflict["kept"], conflict["other"]) == ("CTO", "Head of Engineering")
    assert load_contact(cid).title == "CTO"
    # Nothing is lost: the other value is one click away.
    [row] = [c for c in conflicts(contact_id=cid) if c.other == "Head of Engineering"]
    restore_other(row.id)
    assert load_contact(cid).title == "Head of Engineering"
    assert SyncConflict.get_by_id(row.id).resolved
    _sync()
    setup.phone.sync()
    assert "TITLE:Head of Engineering" in setup.phone.find("Ann Example").read_text()


def test_phone_deletes_a_card_archived_here_history_kept_not_pushed_back(
    setup: SyncSetup,
) -> None:
    cid, _ = create_contact(ContactInput(formatted_name="Ann Example"))
    for other in ("Bob", "Carla", "Dana", "Emil"):
        create_contact(ContactInput(formatted_name=other))
    interaction = Interaction.create(occurred_on=dt.date(2026, 5, 1), summary="Lunch")
    Participant.create(interaction=interaction, contact=cid)
    setup.add_account()
    _sync()
    setup.phone.sync()
    setup.phone.delete("Ann Example")
    setup.phone.sync()
    result = _sync()
    assert result["deleted_here"] == 1
    assert _contact("Ann Example").archived
    assert Participant.select().where(Participant.contact == cid).count() == 1
    result = _sync()
    assert result["pushed"] == 0  # the archived contact is not pushed back
    setup.phone.sync()
    assert len(setup.phone.files()) == 4
    # Brought back from the archive here: the phone gets the card again.
    set_archived([cid], False)
    assert _sync()["pushed"] == 1
    setup.phone.sync()
    assert len(setup.phone.files()) == 5 and setup.phone.find("Ann Example")
    assert _sync()["pushed"] == 0


def test_allies_merges_two_contacts_one_card_remains_there(setup: SyncSetup) -> None:
    a, _ = create_contact(
        ContactInput(formatted_name="Ann Example", emails=[Labeled("ann@example.org", "work")])
    )
    b, _ = create_contact(
        ContactInput(formatted_name="Ann E.", emails=[Labeled("ann@private.example", "home")])
    )
    create_contact(ContactInput(formatted_name="Bob"))
    setup.add_account()
    _sync()
    setup.phone.sync()
    assert len(setup.phone.files()) == 3
    merge_contacts(a, b)
    result = _sync()
    assert result["deleted_there"] == 1
    setup.phone.sync()
    files = setup.phone.files()
    assert len(files) == 2
    card = setup.phone.find("Ann Example").read_text()
    assert "ann@example.org" in card and "ann@private.example" in card
    assert _sync()["pushed"] == 0


def test_rename_on_either_side_and_a_card_moved_to_another_href(setup: SyncSetup) -> None:
    cid, _ = create_contact(ContactInput(formatted_name="Ann Example", given_name="Ann"))
    create_contact(ContactInput(formatted_name="Bob Builder"))
    setup.add_account()
    _sync()
    setup.phone.sync()
    setup.phone.edit("Ann Example", "FN:Ann Example", "FN:Ann Newname")
    setup.phone.sync()
    _sync()
    assert load_contact(cid).formatted_name == "Ann Newname"
    data = load_contact(cid)
    data.formatted_name = "Ann Thirdname"
    update_contact(cid, data)
    _sync()
    setup.phone.sync()
    assert setup.phone.find("Ann Thirdname")
    # A client that re-creates a card under another name (same UID) moves it: no delete.
    s = setup.server.session(setup.user)
    [(href, text)] = [
        (h, t)
        for h, t in setup.server.cards(setup.user, setup.addressbook).items()
        if "Ann Thirdname" in t
    ]
    base = setup.server.url
    assert s.delete(base + href).status_code in (200, 204)
    moved = s.put(
        setup.addressbook + "moved-by-another-client.vcf",
        data=text.encode("utf-8"),
        headers={"Content-Type": "text/vcard; charset=utf-8"},
    )
    assert moved.status_code in (201, 204)
    result = _sync()
    assert result["deleted_here"] == 0
    assert not _contact("Ann Thirdname").archived
    assert _names() == ["Ann Thirdname", "Bob Builder"]


def test_ten_alternating_rounds_of_random_edits_end_identical_each_person_once(
    setup: SyncSetup,
) -> None:
    rng = random.Random(14)
    for n in range(8):
        create_contact(
            ContactInput(
                formatted_name=f"Person {n}",
                title="Start",
                emails=[Labeled(f"p{n}@example.org", "work")],
            )
        )
    setup.add_account()
    _sync()
    setup.phone.sync()
    for round_ in range(10):
        # Allies edits one or two contacts…
        for cid in rng.sample([c.id for c in Contact.select()], 2):
            data = load_contact(cid)
            data.title = f"Allies {round_}"
            if rng.random() < 0.5:
                data.emails.append(Labeled(f"allies{round_}-{cid}@example.org", "home"))
            update_contact(cid, data)
        if round_ % 3 == 0:
            create_contact(ContactInput(formatted_name=f"Allies New {round_}"))
        _sync()
        # …the phone edits, adds and deletes.
        setup.phone.sync()
        files = setup.phone.files()
        name = rng.choice(sorted(files))
        path = setup.phone.vdir / name
        text = path.read_text("utf-8")
        later = _iso(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=round_ + 1))
        from tests.helpers.phone import set_rev

        path.write_text(
            set_rev(text.replace("END:VCARD", f"NOTE:phone {round_}\r\nEND:VCARD"), later),
            encoding="utf-8",
            newline="",
        )
        if round_ % 4 == 1:
            setup.phone.add([f"FN:Phone New {round_}", f"N:New {round_};Phone;;;"])
        setup.phone.sync()
        _sync()
    setup.phone.sync()
    here = _names()
    assert len(here) == len(set(here)), here  # each person once
    there = sorted(vobject.readOne(t).fn.value for t in setup.phone.files().values())
    live_here = sorted(c.formatted_name for c in Contact.select() if not c.archived)
    assert there == live_here
    # And nothing more to do on either side.
    result = _sync()
    assert result["pushed"] == result["pulled"] == 0


def test_a_card_the_phone_adds_again_for_someone_known_is_folded_in_not_added(
    setup: SyncSetup,
) -> None:
    cid, _ = create_contact(
        ContactInput(formatted_name="Ann Example", emails=[Labeled("ann@example.org", "work")])
    )
    create_contact(ContactInput(formatted_name="Bob Builder"))
    setup.add_account()
    _sync()
    setup.phone.sync()
    setup.phone.add(
        [
            "FN:Ann Example",
            "N:Example;Ann;;;",
            "EMAIL;TYPE=INTERNET:ann@example.org",
            "TEL;TYPE=CELL:+49 170 7654321",
        ]
    )
    setup.phone.sync()
    result = _sync()
    assert result["deleted_there"] == 1
    assert _names() == ["Ann Example", "Bob Builder"]
    assert [p.value for p in load_contact(cid).phones] == ["+49 170 7654321"]
    setup.phone.sync()
    assert len(setup.phone.files()) == 2
    assert "+49 170 7654321" in setup.phone.find("Ann Example").read_text()
    assert _sync()["pushed"] == 0

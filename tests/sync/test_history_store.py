"""The local side of the history sync: rows ↔ objects, applied into a second database."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from app import followups, goals
from app.cli import contact_records
from app.contacts import ContactInput, Labeled, create_contact
from app.db import close_database, open_database
from app.derived import computed_balance, computed_last_contact, refresh_derived
from app.exchanges import add_exchange
from app.models import Contact, database
from app.sync import history_store as store
from app.sync.ical_map import EXCHANGE, FOLLOW_UP, GOAL, INTERACTION, Person, parse, to_ical
from app.timeline import ExchangeInput, InteractionInput, log_interaction
from app.timeline_cli import timeline_records
from app.timeline_query import TimelineFilter

KINDS = (INTERACTION, EXCHANGE, FOLLOW_UP, GOAL)


def _people() -> dict[str, int]:
    anna, _ = create_contact(ContactInput("Anna Berg", emails=[Labeled("anna@x.example")]))
    bert, _ = create_contact(ContactInput("Bert Kunz"))
    cleo, _ = create_contact(ContactInput("Cleo Diaz"))
    return {"anna": anna, "bert": bert, "cleo": cleo}


def _history(ids: dict[str, int]) -> None:
    log_interaction(
        InteractionInput(
            [ids["anna"], ids["bert"]],
            kind="lunch",
            occurred_on=dt.date(2026, 11, 20),
            summary="Lunch at the harbour",
            notes="notes\nmore",
            exchanges=[ExchangeInput("received", "a recommendation", "recommendation", 3)],
        )
    )
    add_exchange(ids["cleo"], "gave", "an article", kind="information",
                 occurred_on=dt.date(2026, 11, 25))  # fmt: skip
    followups.add_follow_up(ids["anna"], dt.date(2026, 12, 10), "Send the article")
    followups.snooze(ids["bert"], dt.date(2026, 12, 24))  # a snooze is not a task
    gid, _ = goals.create_goal("Team lead", target_date=dt.date(2027, 6, 30))
    goals.attach_contact(gid, ids["anna"])
    goals.attach_contact(gid, ids["cleo"])


def _snapshot() -> tuple[list, list, dict]:
    entries = timeline_records(TimelineFilter())
    for e in entries:
        e.pop("id")
        for p in e["participants"]:
            p.pop("id")
        for x in e["exchanges"]:
            x["contact_id"] = Contact.get_by_id(x["contact_id"]).uid
    contacts = [
        {k: v for k, v in r.items() if k not in ("id", "relationships")}
        for r in contact_records([c.id for c in Contact.select().order_by(Contact.formatted_name)])
    ]
    objects = {
        k: sorted((o.obj for o in store.local_objects(k)), key=lambda o: o.uid) for k in KINDS
    }
    return entries, contacts, objects


@pytest.mark.parametrize("batched", [False, True], ids=["one by one", "batched"])
def test_objects_read_here_rebuild_the_same_history_there(tmp_path: Path, batched: bool) -> None:
    """Batched as the sync applies them: the derived values of new objects added up once
    (NewFacts), those of changed ones refreshed once."""
    open_database(tmp_path / "a.sqlite3")
    ids = _people()
    _history(ids)
    store.ensure_contact_uids()
    uids = {c.formatted_name: c.uid for c in Contact.select()}
    entries, contacts, objects = _snapshot()
    texts = {k: [to_ical(o) for o in objs] for k, objs in objects.items()}
    assert [len(objects[k]) for k in KINDS] == [1, 1, 1, 1]
    close_database()

    open_database(tmp_path / "b.sqlite3")
    try:
        for name, email in (("Anna Berg", "anna@x.example"), ("Bert Kunz", ""), ("Cleo Diaz", "")):
            cid, _ = create_contact(ContactInput(name, emails=[Labeled(email)] if email else []))
            database.execute_sql("UPDATE contact SET uid = ? WHERE id = ?", [uids[name], cid])
        resolver = store.ContactResolver()
        touched: set[int] | None = set() if batched else None
        news = store.NewFacts() if batched else None
        with database.atomic():
            for kind in KINDS:
                for text in texts[kind]:
                    obj = parse(text)
                    assert obj is not None
                    assert store.find_local(kind, obj.uid) is None
                    local_id = store.apply(obj, None, resolver, touched, news)
                    assert store.find_local(kind, obj.uid) == local_id
            if news is not None and touched is not None:
                news.add()
                refresh_derived(touched)
        assert _snapshot() == (entries, contacts, objects)
        for c in Contact.select():
            assert c.last_contact == computed_last_contact(c.id)
            assert c.balance == computed_balance(c.id)
        # applying the same objects again changes nothing and duplicates nothing
        for kind in KINDS:
            for text in texts[kind]:
                obj = parse(text)
                store.apply(obj, store.find_local(kind, obj.uid), resolver)
        assert _snapshot() == (entries, contacts, objects)
        # deletes
        for kind in KINDS:
            for obj in objects[kind]:
                store.remove(kind, store.find_local(kind, obj.uid))
        assert all(not list(store.local_objects(k)) for k in KINDS)
        assert all(c.balance == 0 and c.last_contact is None for c in Contact.select())
    finally:
        close_database()


def test_contacts_are_found_by_uid_then_email_then_name(db) -> None:
    ids = _people()
    store.ensure_contact_uids()
    anna_uid = Contact.get_by_id(ids["anna"]).uid
    resolver = store.ContactResolver()
    assert resolver.contact_id(Person(anna_uid)) == ids["anna"]
    assert resolver.contact_id(Person("unknown", "", "ANNA@x.example")) == ids["anna"]
    assert resolver.contact_id(Person("", "bert kunz")) == ids["bert"]
    assert resolver.contact_id(Person("unknown", "Nobody")) is None
    create_contact(ContactInput("Bert Kunz"))
    assert resolver.contact_id(Person("", "Bert Kunz")) is None  # ambiguous: not guessed
    iid, _ = log_interaction(InteractionInput([ids["cleo"]]))
    event = replace(store.load(INTERACTION, iid), participants=(Person("else", "Nobody Here"),))
    event = replace(event, uid="another")
    with pytest.raises(store.Unresolved):
        store.apply(event, None, store.ContactResolver())

"""Domain services on a fresh database: contacts, timeline, ledger, derived values, merge,
search, settings, relationships and goals."""

from __future__ import annotations

import datetime as dt
import random

import peewee
import pytest

from app import settings
from app.contacts import (
    ContactFilter,
    ContactInput,
    Labeled,
    create_contact,
    find_contact,
    load_contact,
    merge_contacts,
    query_contact_ids,
    set_archived,
    update_contact,
)
from app.derived import computed_balance, computed_last_contact, due_contacts, strengths
from app.errors import AmbiguousName, NotFound, ValidationError
from app.exchanges import add_exchange, delete_exchange, restore_exchange, update_exchange
from app.goals import attach_contact, create_goal, goal_contact_ids, goals_of
from app.models import Contact, Exchange, Participant, Relationship
from app.relationships import add_relationship, relationships_of
from app.timeline import (
    ExchangeInput,
    InteractionInput,
    delete_interaction,
    log_interaction,
    restore_interaction,
    update_interaction,
)

TODAY = dt.date(2026, 6, 15)


def person(name: str, **fields: object) -> int:
    return create_contact(ContactInput(formatted_name=name, **fields))[0]  # type: ignore[arg-type]


def meet(ids: list[int], days_ago: int, *exchanges: ExchangeInput) -> int:
    data = InteractionInput(
        participant_ids=ids,
        kind="coffee",
        occurred_on=TODAY - dt.timedelta(days=days_ago),
        summary="coffee",
        exchanges=list(exchanges),
    )
    return log_interaction(data)[0]


def test_create_normalises_and_loads_back(db: peewee.SqliteDatabase) -> None:
    cid = person(
        "  Anna Schmidt ",
        emails=[Labeled("Anna.Schmidt@Example.COM", "work")],
        phones=[Labeled("040 1234567")],
        tags=["Kotlin", "kotlin", " cloud "],
        birthday="--0412",
        level="above",
        circle="university",
        roles=["mentor"],
    )
    data = load_contact(cid)
    assert data.formatted_name == "Anna Schmidt"
    assert data.emails[0].value == "Anna.Schmidt@example.com"
    assert data.phones[0].value == "+49 40 1234567"
    assert data.tags == ["cloud", "Kotlin"]
    assert data.birthday == "--04-12"
    assert (data.level, data.circle, data.roles) == ("above", "university", ["mentor"])


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"formatted_name": " "}, "formatted_name"),
        ({"level": "boss"}, "level"),
        ({"circle": "gym"}, "circle"),
        ({"roles": ["wizard"]}, "roles"),
        ({"trust": 9}, "trust"),
        ({"cadence_days": -1}, "cadence_days"),
        ({"emails": [Labeled("not-an-address")]}, "email"),
        ({"phones": [Labeled("call me maybe")]}, "phone"),
        ({"birthday": "1985-02-30"}, "birthday"),
    ],
)
def test_validation_errors_write_nothing(
    db: peewee.SqliteDatabase, fields: dict[str, object], field: str
) -> None:
    data = ContactInput(formatted_name="Anna")
    for key, value in fields.items():
        setattr(data, key, value)
    with pytest.raises(ValidationError) as caught:
        create_contact(data)
    assert caught.value.field == field
    assert Contact.select().count() == 0


def test_update_replaces_lists(db: peewee.SqliteDatabase) -> None:
    cid = person("Anna", emails=[Labeled("old.box@example.com")], tags=["x"])
    data = load_contact(cid)
    data.emails = [Labeled("new.mail@example.com")]
    data.tags = ["y"]
    data.title = "CTO"
    update_contact(cid, data)
    again = load_contact(cid)
    assert [e.value for e in again.emails] == ["new.mail@example.com"]
    assert again.tags == ["y"] and again.title == "CTO"
    assert query_contact_ids(ContactFilter(text="old.box")) == []
    assert query_contact_ids(ContactFilter(text="new.mail")) == [cid]


def test_log_interaction_and_exchanges_update_derived_values(db: peewee.SqliteDatabase) -> None:
    a, b = person("Anna"), person("Bernd")
    meet([a, b], 10, ExchangeInput("gave", "intro", kind="introduction", weight=2))
    meet([a], 3, ExchangeInput("received", "advice", kind="advice", weight=3))
    anna, bernd = Contact.get_by_id(a), Contact.get_by_id(b)
    assert anna.last_contact == TODAY - dt.timedelta(days=3)
    assert bernd.last_contact == TODAY - dt.timedelta(days=10)
    assert (anna.balance, bernd.balance) == (-1, 2)
    with pytest.raises(ValidationError):
        meet([a], 1, ExchangeInput("stole", "x"))
    with pytest.raises(NotFound):
        meet([a, 999], 1)
    assert Contact.get_by_id(a).last_contact == TODAY - dt.timedelta(days=3)


def test_due_list_orders_most_overdue_first_and_honours_cadence(
    db: peewee.SqliteDatabase,
) -> None:
    peer = person("Peer")  # default 30 days
    external = person("External", level="external")  # 90 days
    never = person("Never", cadence_days=0)
    weekly = person("Weekly", cadence_days=7)
    archived = person("Archived")
    for cid in (peer, external, never, weekly, archived):
        meet([cid], 100)
    set_archived([archived], True)
    due = due_contacts(TODAY)
    assert [(e.name, e.overdue_days) for e in due] == [
        ("Weekly", 93),
        ("Peer", 70),
        ("External", 10),
    ]
    assert due[1].cadence_days == 30 and due[1].last_contact == TODAY - dt.timedelta(days=100)
    settings.set_value("cadence_external", 120)
    assert [e.name for e in due_contacts(TODAY)] == ["Weekly", "Peer"]
    settings.set_value("cadence_peer", 0)
    assert [e.name for e in due_contacts(TODAY)] == ["Weekly"]


def test_contact_without_interaction_is_due_from_when_it_was_added(
    db: peewee.SqliteDatabase,
) -> None:
    cid = person("New")
    added = Contact.get_by_id(cid).created_at.date()
    assert due_contacts(added + dt.timedelta(days=29)) == []
    assert [e.id for e in due_contacts(added + dt.timedelta(days=31))] == [cid]


def test_settings_have_defaults_and_refuse_bad_values(db: peewee.SqliteDatabase) -> None:
    assert settings.get("cadence_below") == 45
    settings.set_value("user_name", "Alex")
    assert settings.get("user_name") == "Alex"
    with pytest.raises(ValidationError):
        settings.set_value("cadence_peer", 5000)
    with pytest.raises(ValidationError):
        settings.set_value("quiet_start", "25:99")


def test_search_by_prefix_tag_email_notes_and_filters(db: peewee.SqliteDatabase) -> None:
    anna = person(
        "Anna Schmidt",
        organization="Nordwind",
        emails=[Labeled("anna@nw.de")],
        tags=["kotlin"],
        notes="Loves sailing",
        level="above",
    )
    jörg = person("Jörg Müller", circle="university")
    old = person("Anneliese Alt")
    set_archived([old], True)
    assert query_contact_ids(ContactFilter(text="an")) == [anna]
    assert query_contact_ids(ContactFilter(text="an"), sort="name") == [anna]
    assert query_contact_ids(ContactFilter(text="schm nord")) == [anna]
    assert query_contact_ids(ContactFilter(text="kotl")) == [anna]
    assert query_contact_ids(ContactFilter(text="anna@nw")) == [anna]
    assert query_contact_ids(ContactFilter(text="sail")) == [anna]
    assert query_contact_ids(ContactFilter(text="jorg muller")) == [jörg]
    assert query_contact_ids(ContactFilter(text="an", archived=True)) == [old]
    assert query_contact_ids(ContactFilter(tag="KOTLIN")) == [anna]
    assert query_contact_ids(ContactFilter(level="above")) == [anna]
    assert query_contact_ids(ContactFilter(circle="university")) == [jörg]
    assert query_contact_ids(ContactFilter(text="!!")) == []
    assert query_contact_ids(ContactFilter()) == [anna, jörg]


def test_find_contact_by_id_name_and_ambiguity(db: peewee.SqliteDatabase) -> None:
    first = person("Anna Schmidt")
    second = person("anna  schmidt")
    other = person("Bernd Weber")
    assert find_contact(str(other)).id == other
    assert find_contact("bernd weber").id == other
    with pytest.raises(AmbiguousName) as caught:
        find_contact("Anna Schmidt")
    assert caught.value.candidates == [(first, "Anna Schmidt"), (second, "anna  schmidt")]
    set_archived([second], True)
    assert find_contact("ANNA SCHMIDT").id == first
    with pytest.raises(NotFound):
        find_contact("Anna")


def test_merge_keeps_everything_of_both(db: peewee.SqliteDatabase) -> None:
    a = person(
        "Anna Schmidt",
        emails=[Labeled("a@x.de")],
        phones=[Labeled("+49 40 1111111")],
        tags=["one"],
        notes="first",
    )
    b = person(
        "A. Schmidt",
        emails=[Labeled("b@x.de"), Labeled("A@x.de")],
        phones=[Labeled("+49 40 2222222")],
        tags=["two"],
        title="CTO",
        notes="second",
    )
    c = person("Carla")
    shared = meet([a, b], 20)
    meet([b], 5, ExchangeInput("gave", "help", weight=2))
    meet([a], 8, ExchangeInput("received", "advice", kind="advice"))
    add_relationship(b, c, "reports-to")
    add_relationship(c, b, "introduced-by")
    goal, _ = create_goal("Promotion")
    attach_contact(goal, b)
    merge_contacts(a, b)
    merged = load_contact(a)
    assert [e.value for e in merged.emails] == ["a@x.de", "b@x.de"]
    assert [p.value for p in merged.phones] == ["+49 40 1111111", "+49 40 2222222"]
    assert merged.tags == ["one", "two"] and merged.title == "CTO"
    assert merged.notes == "first\n\nsecond"
    assert Contact.get_or_none(Contact.id == b) is None
    assert Participant.select().where(Participant.interaction == shared).count() == 1
    assert Participant.select().where(Participant.contact == a).count() == 3
    assert Exchange.select().where(Exchange.contact == a).count() == 2
    row = Contact.get_by_id(a)
    assert row.balance == 1 == computed_balance(a)
    assert row.last_contact == TODAY - dt.timedelta(days=5) == computed_last_contact(a)
    assert {(r.type, r.other_id, r.outgoing) for r in relationships_of(a)} == {
        ("reports-to", c, True),
        ("introduced-by", c, False),
    }
    assert goal_contact_ids(goal) == [a]
    assert query_contact_ids(ContactFilter(text="b@x")) == [a]
    with pytest.raises(ValidationError):
        merge_contacts(a, a)


def test_relationships_validate(db: peewee.SqliteDatabase) -> None:
    a, b = person("Anna"), person("Bernd")
    rel, _ = add_relationship(a, b, "mentor-of", "since 2020")
    assert add_relationship(a, b, "mentor-of")[0] == rel
    with pytest.raises(ValidationError):
        add_relationship(a, b, "enemy-of")
    with pytest.raises(ValidationError):
        add_relationship(a, a, "knows")
    with pytest.raises(NotFound):
        add_relationship(a, 999, "knows")
    assert Relationship.select().count() == 1
    [view] = relationships_of(b)
    assert (view.type, view.other_name, view.outgoing, view.note) == (
        "mentor-of",
        "Anna",
        False,
        "since 2020",
    )


def test_goals_with_contacts(db: peewee.SqliteDatabase) -> None:
    a = person("Anna")
    goal, _ = create_goal("Head of Platform", target_date=TODAY)
    attach_contact(goal, a, "sponsor")
    assert goal_contact_ids(goal) == [a]
    assert [g.title for g in goals_of(a)] == ["Head of Platform"]
    with pytest.raises(ValidationError):
        create_goal(" ")
    with pytest.raises(NotFound):
        attach_contact(goal, 999)


def test_strength_fades_with_neglect(db: peewee.SqliteDatabase) -> None:
    fresh, stale, none = person("Fresh"), person("Stale"), person("None")
    for days in (1, 20, 40):
        meet([fresh], days)
    meet([stale], 90)
    s = strengths([fresh, stale, none], TODAY)
    assert s[fresh] > s[stale] > s[none] == 0.0
    assert all(0 <= v <= 100 for v in s.values())


def test_derived_columns_never_drift(db: peewee.SqliteDatabase) -> None:
    """A seeded random sequence of every write; the kept columns equal the facts."""
    rng = random.Random(7)
    for i in range(8):
        person(f"Person {i}")
    interactions: list[int] = []
    exchanges: list[int] = []
    undo_interactions = []
    undo_exchanges = []
    for _step in range(300):
        alive = [c.id for c in Contact.select(Contact.id)]
        action = rng.choice(
            [
                "log",
                "log",
                "log",
                "update",
                "delete",
                "restore",
                "exchange",
                "edit-exchange",
                "delete-exchange",
                "restore-exchange",
                "participants",
                "merge",
                "add",
            ]
        )
        if action == "log":
            ids = rng.sample(alive, rng.randint(1, min(3, len(alive))))
            extra = (
                [ExchangeInput(rng.choice(["gave", "received"]), "x", weight=rng.randint(1, 3))]
                if rng.random() < 0.5
                else []
            )
            interactions.append(meet(ids, rng.randint(0, 400), *extra))
        elif action == "update" and interactions:
            update_interaction(
                rng.choice(interactions), occurred_on=TODAY - dt.timedelta(days=rng.randint(0, 400))
            )
        elif action == "participants" and interactions:
            update_interaction(
                rng.choice(interactions),
                participant_ids=rng.sample(alive, rng.randint(1, min(3, len(alive)))),
            )
        elif action == "delete" and interactions:
            iid = interactions.pop(rng.randrange(len(interactions)))
            undo_interactions.append(delete_interaction(iid)[0])
        elif action == "restore" and undo_interactions:
            snapshot = undo_interactions.pop()
            iid = int(snapshot.row["id"])  # type: ignore[call-overload]
            if not _exists("interaction", iid):  # its id may have been taken again since
                restore_interaction(snapshot)
                interactions.append(iid)
        elif action == "exchange":
            iid = rng.choice(interactions) if interactions and rng.random() < 0.5 else None
            xid, _ = add_exchange(
                rng.choice(alive),
                rng.choice(["gave", "received"]),
                "y",
                weight=rng.randint(1, 3),
                interaction_id=iid,
                occurred_on=TODAY,
            )
            exchanges.append(xid)
        elif action == "edit-exchange" and exchanges:
            update_exchange(
                rng.choice(exchanges),
                direction=rng.choice(["gave", "received"]),
                weight=rng.randint(1, 3),
            )
        elif action == "delete-exchange" and exchanges:
            undo_exchanges.append(delete_exchange(exchanges.pop(rng.randrange(len(exchanges))))[0])
        elif action == "restore-exchange" and undo_exchanges:
            snapshot = undo_exchanges.pop()
            if Contact.get_or_none(Contact.id == snapshot.row["contact"]) is None:
                with pytest.raises(NotFound):
                    restore_exchange(snapshot)
            elif not _exists("exchange", int(snapshot.row["id"])):  # type: ignore[arg-type]
                restore_exchange(snapshot)
                exchanges.append(int(snapshot.row["id"]))  # type: ignore[arg-type]
        elif action == "merge" and len(alive) > 3:
            survivor, other = rng.sample(alive, 2)
            merge_contacts(survivor, other)
        elif action == "add":
            person(f"Person {_step}")
        interactions = [i for i in interactions if _exists("interaction", i)]
        exchanges = [x for x in exchanges if _exists("exchange", x)]
        for row in Contact.select(Contact.id, Contact.last_contact, Contact.balance):
            assert row.last_contact == computed_last_contact(row.id), (_step, action)
            assert row.balance == computed_balance(row.id), (_step, action)


def _exists(table: str, row_id: int) -> bool:
    from app.models import database

    return (
        database.execute_sql(f"SELECT 1 FROM {table} WHERE id = ?", [row_id]).fetchone() is not None
    )

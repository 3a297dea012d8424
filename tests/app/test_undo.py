"""Undo of destructive writes: ids are never reused, a merge can be taken back, a created
contact or an added relationship can be removed and brought back under its own id."""

from __future__ import annotations

import datetime as dt

import peewee
import pytest

from app.contacts import (
    AddressInput,
    ContactFilter,
    ContactInput,
    Labeled,
    create_contact,
    delete_contact,
    load_contact,
    merge_contacts,
    query_contact_ids,
    restore_contact,
    set_archived,
    unmerge,
)
from app.derived import computed_balance, computed_last_contact
from app.errors import ValidationError
from app.exchanges import add_exchange, delete_exchange, restore_exchange
from app.followups import add_follow_up, snooze
from app.goals import attach_contact, create_goal
from app.models import (
    ALL_MODELS,
    Contact,
    Exchange,
    FollowUp,
    GoalContact,
    Interaction,
    Participant,
    Relationship,
)
from app.relationships import (
    add_relationship,
    add_relationship_undoably,
    put_relationship,
    relationships_of,
)
from app.timeline import (
    ExchangeInput,
    InteractionInput,
    delete_interaction,
    log_interaction,
    restore_interaction,
)

TODAY = dt.date.today()
PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(64))


def person(name: str, **fields: object) -> int:
    return create_contact(ContactInput(formatted_name=name, **fields))[0]  # type: ignore[arg-type]


def meet(ids: list[int], days_ago: int, *exchanges: ExchangeInput) -> int:
    data = InteractionInput(
        participant_ids=ids,
        kind="coffee",
        occurred_on=TODAY - dt.timedelta(days=days_ago),
        summary=f"coffee {days_ago}",
        exchanges=list(exchanges),
    )
    return log_interaction(data)[0]


def test_undoable_rows_have_autoincrement_keys(db: peewee.SqliteDatabase) -> None:
    tables = {
        "contact",
        "interaction",
        "exchange",
        "relationship",
        "goal",
        "follow_up",
    }
    assert tables <= {m._meta.table_name for m in ALL_MODELS}
    for table in tables:
        (sql,) = db.execute_sql("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()
        assert "AUTOINCREMENT" in sql, table


def test_a_deleted_interaction_comes_back_with_its_id_after_a_newer_one(
    db: peewee.SqliteDatabase,
) -> None:
    anna = person("Anna")
    first = meet([anna], 3, ExchangeInput("gave", "intro"))
    snapshot, _ = delete_interaction(first)
    newer = meet([anna], 1)
    assert newer != first
    restore_interaction(snapshot)
    assert {i.id for i in Interaction.select()} == {first, newer}
    assert {p.interaction_id for p in Participant.select()} == {first, newer}
    assert Exchange.get(Exchange.interaction == first).description == "intro"
    assert Contact.get_by_id(anna).last_contact == computed_last_contact(anna)


def test_a_deleted_exchange_comes_back_with_its_id_after_a_newer_one(
    db: peewee.SqliteDatabase,
) -> None:
    anna = person("Anna")
    first, _ = add_exchange(anna, "gave", "advice", weight=2)
    snapshot, _ = delete_exchange(first)
    newer, _ = add_exchange(anna, "received", "lunch")
    assert newer != first
    restore_exchange(snapshot)
    assert {x.id: x.description for x in Exchange.select()} == {first: "advice", newer: "lunch"}
    assert Contact.get_by_id(anna).balance == computed_balance(anna) == 1


def _contact_state(contact_id: int) -> dict[str, object]:
    """Everything about one contact that a merge touches."""
    return {
        "row": dict(Contact.get_by_id(contact_id).__data__),
        "data": load_contact(contact_id),
        "interactions": sorted(
            p.interaction_id for p in Participant.select().where(Participant.contact == contact_id)
        ),
        "exchanges": sorted(x.id for x in Exchange.select().where(Exchange.contact == contact_id)),
        "follow_ups": sorted(f.id for f in FollowUp.select().where(FollowUp.contact == contact_id)),
        "goals": sorted(
            (g.goal_id, g.note)
            for g in GoalContact.select().where(GoalContact.contact == contact_id)
        ),
        "relationships": relationships_of(contact_id),
    }


@pytest.fixture
def pair(db: peewee.SqliteDatabase) -> tuple[int, int, int]:
    """A survivor, the other contact (with every kind of fact) and a third person."""
    survivor = person(
        "Ada Lovelace",
        emails=[Labeled("ada@example.org", "work")],
        phones=[Labeled("+49 30 1111111")],
        tags=["math"],
        notes="first",
    )
    other = person(
        "Ada King",
        title="Countess",
        emails=[Labeled("countess@example.org"), Labeled("ADA@example.org", "home")],
        phones=[Labeled("+49 30 2222222", "mobile")],
        addresses=[AddressInput(label="home", street="St James's Square 12", locality="London")],
        links=[Labeled("https://example.org/ada", "site")],
        tags=["poetry", "math"],
        notes="second",
        roles=["mentor"],
        trust=5,
        photo=PHOTO,
        cadence_days=14,
    )
    third = person("Charles Babbage")
    set_archived([survivor], True)
    shared = meet([survivor, other], 20, ExchangeInput("gave", "tea"))
    meet([other], 2, ExchangeInput("received", "advice", weight=3))
    meet([survivor], 9)
    add_exchange(other, "gave", "a book", occurred_on=TODAY - dt.timedelta(days=4))
    add_follow_up(other, TODAY + dt.timedelta(days=3), "send the notes")
    snooze(other, TODAY + dt.timedelta(days=10))
    both, _ = create_goal("Engine")
    own, _ = create_goal("Poem")
    attach_contact(both, survivor, "builder")
    attach_contact(both, other, "patron")
    attach_contact(own, other, "muse")
    add_relationship(other, third, "knows", "salon")
    add_relationship(third, other, "mentor-of")
    add_relationship(survivor, third, "knows")  # the merge finds it already there
    add_relationship(other, survivor, "friend")  # between the two: dropped by the merge
    assert shared
    return survivor, other, third


def test_unmerge_brings_both_contacts_back_exactly(pair: tuple[int, int, int]) -> None:
    survivor, other, third = pair
    before = {cid: _contact_state(cid) for cid in pair}
    snapshot, changes = merge_contacts(survivor, other)
    assert changes.contacts == {survivor, other} and changes.contact_list
    assert Contact.get_or_none(Contact.id == other) is None
    merged = load_contact(survivor)
    assert merged.title == "Countess" and merged.photo == PHOTO
    assert not Contact.get_by_id(survivor).archived
    assert query_contact_ids(ContactFilter(text="countess")) == [survivor]

    changes = unmerge(snapshot)
    assert changes.contacts == {survivor, other} and changes.relationships
    after = {cid: _contact_state(cid) for cid in pair}
    for cid in pair:
        for key, value in before[cid].items():
            assert after[cid][key] == value, (cid, key)
    for cid in (survivor, other):
        row = Contact.get_by_id(cid)
        assert row.last_contact == computed_last_contact(cid)
        assert row.balance == computed_balance(cid)
    assert query_contact_ids(ContactFilter(text="countess")) == [other]
    assert query_contact_ids(ContactFilter(text="Ada"), limit=10) == [other]
    assert query_contact_ids(ContactFilter(text="Ada", archived=True)) == [survivor]
    assert Relationship.select().count() == 4
    with pytest.raises(ValidationError):
        unmerge(snapshot)


def test_merge_again_after_unmerge_and_undo_once_more(pair: tuple[int, int, int]) -> None:
    survivor, other, _third = pair
    before = {cid: _contact_state(cid) for cid in pair}
    snapshot, _ = merge_contacts(survivor, other)
    unmerge(snapshot)
    snapshot, _ = merge_contacts(survivor, other)
    assert Participant.select().where(Participant.contact == survivor).count() == 3
    assert Exchange.select().where(Exchange.contact == survivor).count() == 4
    unmerge(snapshot)
    assert {cid: _contact_state(cid) for cid in pair} == before


def test_unmerge_leaves_out_what_was_deleted_after_the_merge(
    pair: tuple[int, int, int],
) -> None:
    survivor, other, third = pair
    moved = meet([other], 1)
    snapshot, _ = merge_contacts(survivor, other)
    delete_interaction(moved)
    delete_contact(third)
    unmerge(snapshot)
    assert Interaction.get_or_none(Interaction.id == moved) is None
    assert [(r.type, r.other_id) for r in relationships_of(other)] == [("friend", survivor)]
    assert [(r.type, r.other_id) for r in relationships_of(survivor)] == [("friend", other)]
    assert Contact.get_by_id(other).last_contact == computed_last_contact(other)


def test_a_removed_contact_is_restored_under_its_own_id(db: peewee.SqliteDatabase) -> None:
    anna = person("Anna", emails=[Labeled("anna@example.org")], tags=["x"], photo=PHOTO)
    data = load_contact(anna)
    delete_contact(anna)
    newer = person("Bert")
    assert newer != anna
    changes = restore_contact(anna, data)
    assert changes.contacts == {anna} and changes.contact_list
    assert load_contact(anna) == data
    assert query_contact_ids(ContactFilter(text="anna@example")) == [anna]
    with pytest.raises(ValidationError):
        restore_contact(anna, data)


def test_an_added_relationship_is_removed_and_put_back(db: peewee.SqliteDatabase) -> None:
    anna, bert = person("Anna"), person("Bert")
    added, changes = add_relationship_undoably(anna, bert, "mentor-of", "thesis")
    assert added.before is None and added.changed_anything
    assert changes.contacts == {anna, bert} and changes.relationships
    rel_id = int(added.after.row["id"])  # type: ignore[call-overload]
    put_relationship(rel_id, added.before)
    assert Relationship.select().count() == 0
    add_relationship(bert, anna, "knows")  # a newer relationship never takes the old id
    put_relationship(rel_id, added.after)
    rel = Relationship.get_by_id(rel_id)
    assert (rel.source_id, rel.target_id, rel.type, rel.note) == (anna, bert, "mentor-of", "thesis")


def test_adding_an_existing_relationship_undoes_to_its_old_note(
    db: peewee.SqliteDatabase,
) -> None:
    anna, bert = person("Anna"), person("Bert")
    rel_id, _ = add_relationship(anna, bert, "knows", "school")
    same, _ = add_relationship_undoably(anna, bert, "knows")
    assert not same.changed_anything
    added, _ = add_relationship_undoably(anna, bert, "knows", "work")
    assert added.changed_anything and added.before is not None
    put_relationship(rel_id, added.before)
    assert Relationship.get_by_id(rel_id).note == "school"
    put_relationship(rel_id, added.after)
    assert Relationship.get_by_id(rel_id).note == "work"

"""The timeline's text search through its full-text index (schema 2): every word must start
a word of an interaction's summary, notes, exchanges or participants' names, and the index
follows every write (triggers), including a migration from a schema 1 database."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import peewee

import app.db as dbmod
from app.contacts import ContactInput, create_contact, load_contact, update_contact
from app.db import close_database, open_database, schema_version
from app.exchanges import add_exchange, delete_exchange
from app.models import database
from app.timeline import (
    ExchangeInput,
    InteractionInput,
    delete_interaction,
    log_interaction,
    replace_interaction,
)
from app.timeline_query import EXCHANGE, INTERACTION, TimelineFilter, timeline_page, weekly_activity
from tests.helpers.schema1 import schema1_copy

D = dt.date(2026, 3, 18)


def person(name: str) -> int:
    cid, _ = create_contact(ContactInput(formatted_name=name))
    return cid


def log(ids: list[int], summary: str, notes: str = "", **kw: object) -> int:
    iid, _ = log_interaction(
        InteractionInput(
            participant_ids=ids, kind="lunch", occurred_on=D, summary=summary, notes=notes, **kw
        )  # type: ignore[arg-type]
    )
    return iid


def found(text: str) -> set[tuple[str, int]]:
    return {(e.type, e.id) for e in timeline_page(TimelineFilter(text=text), None, 500).entries}


def test_every_word_must_start_a_word_somewhere(db: peewee.SqliteDatabase) -> None:
    anna, bob = person("Anna Schmidt"), person("Bob Stone")
    budget = log([anna], "Budget review", notes="Quarterly numbers")
    lunch = log([bob], "Lunch at the harbour")
    gave = log(
        [bob],
        "Call",
        exchanges=[ExchangeInput(direction="gave", description="Introduction to Kim")],
    )
    assert found("budget") == {(INTERACTION, budget)}
    assert found("BUD") == {(INTERACTION, budget)}  # any case, a prefix
    assert found("udget") == set()  # inside a word: not a word prefix
    assert found("quarter") == {(INTERACTION, budget)}  # the notes
    assert found("schmidt") == {(INTERACTION, budget)}  # a participant's name
    assert found("anna budg") == {(INTERACTION, budget)}  # every word, across fields
    assert found("anna harbour") == set()  # every word must match
    assert found("kim") == {(INTERACTION, gave)}  # what was given in it
    assert found("harb") == {(INTERACTION, lunch)}
    assert found("zzyzx") == set()
    assert found("!!") == set()  # no word at all matches nothing
    week = weekly_activity(TimelineFilter(text="budget"))
    assert sum(w.interactions for w in week) == 1


def test_standalone_exchanges_are_searched_too(db: peewee.SqliteDatabase) -> None:
    carl = person("Carl Frei")
    advice, _ = add_exchange(carl, "received", "Advice on the pitch", occurred_on=D)
    assert found("pitch") == {(EXCHANGE, advice)}
    assert found("frei") == {(EXCHANGE, advice)}  # the contact's name
    delete_exchange(advice)
    assert found("pitch") == set()


def test_the_index_follows_edits_deletes_and_renames(db: peewee.SqliteDatabase) -> None:
    anna, bob = person("Anna Schmidt"), person("Bob Stone")
    iid = log([anna], "Budget review")
    replace_interaction(
        iid, InteractionInput(participant_ids=[bob], kind="call", occurred_on=D, summary="Hiring")
    )
    assert found("budget") == set() and found("schmidt") == set()
    assert found("hiring stone") == {(INTERACTION, iid)}
    data = load_contact(bob)
    update_contact(bob, dataclasses.replace(data, formatted_name="Robert Steinberg"))
    assert found("stone") == set()
    assert found("steinb hiring") == {(INTERACTION, iid)}
    add_exchange(bob, "gave", "Book tip", occurred_on=D, interaction_id=iid)
    assert found("book") == {(INTERACTION, iid)}
    delete_interaction(iid)
    assert found("hiring") == set()
    counts = database.execute_sql(
        "SELECT (SELECT COUNT(*) FROM interaction_search), (SELECT COUNT(*) FROM interaction)"
    ).fetchone()
    assert counts[0] == counts[1]


def test_migration_of_a_schema_1_database_builds_the_index(tmp_path: Path) -> None:
    path = schema1_copy(tmp_path)
    con = sqlite3.connect(path)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    con.close()
    assert "interaction_search" not in tables
    try:
        db = open_database(path)
        assert schema_version(db) == dbmod.SCHEMA_VERSION
        assert {t for t, _ in found("budget")} == {INTERACTION}
        assert {t for t, _ in found("anna pitch")} == {EXCHANGE}
        # And it stays in step afterwards.
        anna = db.execute_sql(
            "SELECT id FROM contact WHERE formatted_name = 'Anna Schmidt'"
        ).fetchone()[0]
        later = log([anna], "Offsite planning")
        assert found("offsite") == {(INTERACTION, later)}
    finally:
        close_database()
    assert list(tmp_path.glob("allies.sqlite3.schema1-*.bak"))  # a copy came first


def test_search_pages_newest_first_with_dates_and_other_filters(db: peewee.SqliteDatabase) -> None:
    anna, bob = person("Anna Schmidt"), person("Bob Stone")
    made: list[tuple[dt.date, str, int]] = []
    for offset in (0, 0, 3, 9, 9, 20):
        day = D - dt.timedelta(days=offset)
        iid, _ = log_interaction(
            InteractionInput([anna], kind="call", occurred_on=day, summary="Budget call")
        )
        made.append((day, INTERACTION, iid))
    for offset in (0, 9):
        day = D - dt.timedelta(days=offset)
        eid, _ = add_exchange(bob, "gave", "Budget template", occurred_on=day)
        made.append((day, EXCHANGE, eid))
    log_interaction(InteractionInput([bob], kind="lunch", occurred_on=D, summary="Budget lunch"))
    # Newest first; on one day interactions before standalone exchanges, higher ids first.
    rank = {INTERACTION: 1, EXCHANGE: 0}
    expected = [
        (t, i) for d, t, i in sorted(made, key=lambda m: (m[0], rank[m[1]], m[2]), reverse=True)
    ]
    flt = TimelineFilter(text="budget", kind=None)
    seen, cursor = [], None
    while True:
        page = timeline_page(dataclasses.replace(flt), cursor, 2)
        seen += [(e.type, e.id) for e in page.entries]
        cursor = page.next_cursor
        if cursor is None:
            break
    lunch = [entry for entry in seen if entry not in expected]
    assert len(lunch) == 1 and [e for e in seen if e in expected] == expected
    calls = timeline_page(TimelineFilter(text="budget", kind="call"), None, 50).entries
    assert [(e.type, e.id) for e in calls] == [e for e in expected if e[0] == INTERACTION]
    window = TimelineFilter(
        text="budg", date_from=D - dt.timedelta(days=9), date_to=D - dt.timedelta(days=3)
    )
    days = {e.occurred_on for e in timeline_page(window, None, 50).entries}
    assert days == {D - dt.timedelta(days=3), D - dt.timedelta(days=9)}
    only_bob = timeline_page(TimelineFilter(text="budget", contact_id=bob), None, 50).entries
    assert {e.type for e in only_bob} == {INTERACTION, EXCHANGE} and len(only_bob) == 3


def test_demo_builds_the_index_in_one_pass_and_the_triggers_come_back(
    db: peewee.SqliteDatabase,
) -> None:
    from app.demo import create_demo

    create_demo(40)
    indexed, interactions, standalone, alone = database.execute_sql(
        "SELECT (SELECT COUNT(*) FROM interaction_search), (SELECT COUNT(*) FROM interaction),"
        " (SELECT COUNT(*) FROM exchange_search),"
        " (SELECT COUNT(*) FROM exchange WHERE interaction_id IS NULL)"
    ).fetchone()
    assert indexed == interactions > 0 and standalone == alone
    anna = person("Anna Zwiebelmann")
    later = log([anna], "Offsite planning")
    assert found("zwiebel offsite") == {(INTERACTION, later)}

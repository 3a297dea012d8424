"""Paged timeline queries, weekly activity, day groups and the edit/revert writes."""

from __future__ import annotations

import datetime as dt

import pytest

from app.contacts import ContactInput, create_contact
from app.derived import computed_balance
from app.exchanges import add_exchange
from app.models import Contact, Exchange, Interaction
from app.timeline import (
    ExchangeInput,
    InteractionInput,
    log_interaction,
    replace_interaction,
    revert_interaction,
)
from app.timeline_query import (
    DATE,
    EXCHANGE,
    EXCHANGES_ONLY,
    INTERACTION,
    LAST_WEEK,
    TODAY,
    WEEKDAY,
    YESTERDAY,
    TimelineFilter,
    contact_name_matches,
    day_group,
    exchange_values,
    ledger_of,
    load_interaction,
    timeline_page,
    week_start,
    weekly_activity,
)

D = dt.date(2026, 3, 18)  # a Wednesday


def person(name: str, tags: tuple[str, ...] = ()) -> int:
    cid, _ = create_contact(ContactInput(formatted_name=name, tags=list(tags)))
    return cid


def log(ids: list[int], day: dt.date, kind: str = "lunch", summary: str = "", **kw) -> int:  # type: ignore[no-untyped-def]
    iid, _ = log_interaction(
        InteractionInput(participant_ids=ids, kind=kind, occurred_on=day, summary=summary, **kw)
    )
    return iid


def all_entries(flt: TimelineFilter, limit: int) -> list[tuple[str, int]]:
    result: list[tuple[str, int]] = []
    cursor = None
    while True:
        page = timeline_page(flt, cursor, limit)
        result += [(e.type, e.id) for e in page.entries]
        if page.next_cursor is None:
            return result
        cursor = page.next_cursor


def test_pages_join_up_newest_first_without_gaps_or_repeats(db) -> None:  # type: ignore[no-untyped-def]
    anna, ben = person("Anna Adler"), person("Ben Berg")
    for n in range(23):
        log([anna], D - dt.timedelta(days=n // 3), summary=f"i{n}")
    for n in range(7):
        add_exchange(ben, "gave", f"x{n}", occurred_on=D - dt.timedelta(days=n))
    whole = all_entries(TimelineFilter(), 1000)
    assert len(whole) == 30
    for size in (1, 2, 5, 7):
        assert all_entries(TimelineFilter(), size) == whole
    page = timeline_page(TimelineFilter(), None, 1000)
    keys = [e.cursor for e in page.entries]
    assert keys == sorted(keys, reverse=True)
    first = page.entries[0]
    assert first.occurred_on == D and first.type == INTERACTION
    assert first.participants == ((anna, "Anna Adler"),)


def test_an_interaction_lists_its_people_and_what_was_exchanged_once(db) -> None:  # type: ignore[no-untyped-def]
    a, b, c = person("Cem Celik"), person("Ada Amsel"), person("Bo Bauer")
    log(
        [a, b, c],
        D,
        summary="Team lunch",
        exchanges=[ExchangeInput("gave", "an introduction to our supplier", "introduction")],
    )
    (entry,) = timeline_page(TimelineFilter(), None, 10).entries
    assert [name for _, name in entry.participants] == ["Ada Amsel", "Bo Bauer", "Cem Celik"]
    assert len(entry.trades) == 1
    assert entry.trades[0].description == "an introduction to our supplier"
    # Exchanges tied to an interaction are shown inside it, not as entries of their own.
    assert [e.type for e in timeline_page(TimelineFilter(), None, 10).entries] == [INTERACTION]


def test_filters_narrow_in_sql(db) -> None:  # type: ignore[no-untyped-def]
    anna = person("Anna Adler", ("rowing",))
    ben = person("Ben Berg")
    lunch = log([anna], D, "lunch", "budget round")
    call = log([ben], D - dt.timedelta(days=40), "call", "quick sync", notes="about hiring")
    ex, _ = add_exchange(ben, "received", "advice on hiring", occurred_on=D)

    def ids(**kw) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
        return all_entries(TimelineFilter(**kw), 50)

    assert ids(kind="lunch") == [(INTERACTION, lunch)]
    assert ids(kind=EXCHANGES_ONLY) == [(EXCHANGE, ex)]
    assert ids(contact_id=ben) == [(EXCHANGE, ex), (INTERACTION, call)]
    assert ids(tag="ROWING") == [(INTERACTION, lunch)]
    assert ids(date_from=D - dt.timedelta(days=41), date_to=D - dt.timedelta(days=1)) == [
        (INTERACTION, call)
    ]
    assert ids(text="hiring") == [(EXCHANGE, ex), (INTERACTION, call)]
    assert ids(text="Adl") == [(INTERACTION, lunch)]  # a participant's name
    assert ids(text="100%") == []


def test_weekly_activity_counts_interactions_and_marks(db) -> None:  # type: ignore[no-untyped-def]
    anna, ben = person("Anna Adler"), person("Ben Berg")
    log([anna, ben], D)
    log([anna], D - dt.timedelta(days=1))
    log([anna], D - dt.timedelta(days=7), "call")
    add_exchange(anna, "gave", "help", occurred_on=D)
    add_exchange(ben, "received", "advice", occurred_on=D)
    weeks = weekly_activity(TimelineFilter())
    assert [(w.week, w.interactions, w.gave, w.received) for w in weeks] == [
        (week_start(D) - dt.timedelta(days=7), 1, 0, 0),
        (week_start(D), 2, 1, 1),
    ]
    assert week_start(D).weekday() == 0
    only_calls = weekly_activity(TimelineFilter(kind="call"))
    assert [(w.interactions, w.gave) for w in only_calls] == [(1, 0)]
    ben_weeks = weekly_activity(TimelineFilter(contact_id=ben))
    assert [(w.interactions, w.gave, w.received) for w in ben_weeks] == [(1, 0, 1)]


def test_day_groups_name_recent_days() -> None:
    today = dt.date(2026, 11, 26)
    assert day_group(today, today).code == TODAY
    assert day_group(today - dt.timedelta(days=1), today).code == YESTERDAY
    assert day_group(today - dt.timedelta(days=2), today).code == WEEKDAY
    assert day_group(today - dt.timedelta(days=6), today).code == WEEKDAY
    assert day_group(today - dt.timedelta(days=7), today).code == LAST_WEEK
    assert day_group(today - dt.timedelta(days=13), today) == day_group(
        today - dt.timedelta(days=8), today
    )
    assert day_group(today - dt.timedelta(days=14), today).code == DATE
    assert day_group(today + dt.timedelta(days=3), today).code == DATE


def test_replace_and_revert_an_interaction_exactly(db) -> None:  # type: ignore[no-untyped-def]
    anna, ben, cem = person("Anna Adler"), person("Ben Berg"), person("Cem Celik")
    iid = log(
        [anna, ben],
        D,
        summary="before",
        exchanges=[ExchangeInput("gave", "help with the move", weight=3)],
    )
    before = load_interaction(iid)
    assert before.participant_ids == [anna, ben]
    assert len(before.exchanges) == 1  # one per participant in the table, listed once
    after = InteractionInput(
        participant_ids=[cem],
        kind="call",
        occurred_on=D - dt.timedelta(days=2),
        summary="after",
        exchanges=[ExchangeInput("received", "advice", "advice", 2)],
    )
    snapshot, changes = replace_interaction(iid, after)
    assert changes.contacts == {anna, ben, cem}
    loaded = load_interaction(iid)
    assert (loaded.participant_ids, loaded.kind, loaded.summary) == ([cem], "call", "after")
    assert Contact.get_by_id(anna).balance == 0 == computed_balance(anna)
    assert Contact.get_by_id(cem).balance == -2
    revert_interaction(snapshot)
    assert load_interaction(iid) == before
    assert Contact.get_by_id(anna).balance == 3 and Contact.get_by_id(cem).balance == 0
    assert Contact.get_by_id(cem).last_contact is None
    assert Interaction.select().count() == 1 and Exchange.select().count() == 2


def test_ledger_and_exchange_values(db) -> None:  # type: ignore[no-untyped-def]
    anna = person("Anna Adler")
    first, _ = add_exchange(anna, "gave", "help", weight=3, occurred_on=D)
    add_exchange(
        anna,
        "received",
        "a recommendation",
        kind="recommendation",
        occurred_on=D,
        outcome="got the job",
    )
    ledger = ledger_of(anna)
    assert ledger.balance == 2
    assert [e.direction for e in ledger.entries] == ["received", "gave"]
    values = exchange_values(first)
    assert values["occurred_on"] == D and values["weight"] == 3 and values["thanked"] is False


def test_name_completion_prefers_active_contacts(db) -> None:  # type: ignore[no-untyped-def]
    person("Anna Adler")
    person("Annette Zorn")
    person("Ben Berg")
    assert [m.name for m in contact_name_matches("ann")] == ["Anna Adler", "Annette Zorn"]
    assert [m.name for m in contact_name_matches("zo")] == ["Annette Zorn"]
    assert contact_name_matches("  ") == []


def test_load_interaction_of_a_missing_one_raises(db) -> None:  # type: ignore[no-untyped-def]
    from app.errors import NotFound

    with pytest.raises(NotFound):
        load_interaction(999)

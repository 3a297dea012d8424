"""Insights: networks with known gaps give exactly the expected findings."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from app import settings
from app.contacts import ContactInput, create_contact, set_archived
from app.exchanges import add_exchange
from app.goals import attach_contact, create_goal, update_goal
from app.insights import (
    Finding,
    findings,
    insights_json,
    network_shape,
    next_birthday,
    organization_key,
)
from app.models import FollowUp, FollowUpKind
from app.relationships import add_relationship
from app.timeline import InteractionInput, log_interaction

TODAY = dt.date(2026, 6, 15)


def person(
    name: str,
    *,
    level: str = "peer",
    circle: str = "work",
    org: str = "",
    roles: tuple[str, ...] = (),
    birthday: str | None = None,
    met: dt.date | None = dt.date(2026, 6, 10),
) -> int:
    """A contact met once (alone) on ``met``, so its due date is fixed by the test."""
    cid, _ = create_contact(
        ContactInput(
            formatted_name=name,
            level=level,
            circle=circle,
            organization=org,
            roles=list(roles),
            birthday=birthday,
        )
    )
    if met is not None:
        log_interaction(InteractionInput([cid], kind="coffee", occurred_on=met))
    return cid


def codes_and_ids(found: list[Finding]) -> list[tuple[str, tuple[int, ...]]]:
    return [(f.code, f.contact_ids) for f in found]


@pytest.fixture
def network(db):  # type: ignore[no-untyped-def]
    """Five active people and one archived, with every kind of gap at least once."""
    settings.set_value("user_organization", "Acme GmbH")
    ids = {
        "anna": person("Anna Adler", level="above", org="ACME", roles=("mentor",)),
        "ben": person(
            "Ben Brandt",
            org="Acme GmbH",
            roles=("information source", "sparring partner"),
            met=dt.date(2026, 4, 1),
        ),
        "carla": person(
            "Carla Conti",
            level="external",
            circle="association",
            org="Beta AG",
            roles=("door-opener", "referrer"),
            birthday="--06-20",
            met=dt.date(2026, 6, 1),
        ),
        "dirk": person(
            "Dirk Dorn",
            level="below",
            org="Other Corp",
            birthday="1980-06-29",
            met=dt.date(2026, 6, 14),
        ),  # fmt: skip
        "eva": person("Eva Engel", org="Acme", met=dt.date(2026, 6, 12)),
        "fay": person(
            "Fay Fischer",
            level="above",
            org="Acme",
            roles=("sponsor",),
            met=dt.date(2026, 1, 1),
            birthday="--06-16",
        ),  # fmt: skip
    }
    set_archived([ids["fay"]], True)
    add_exchange(
        ids["ben"], "received", "Recommended me to the CTO", kind="recommendation", weight=3,
        occurred_on=dt.date(2026, 3, 20),
    )  # fmt: skip
    add_exchange(
        ids["ben"], "received", "Introduced me to HR", kind="introduction", thanked=True,
        occurred_on=dt.date(2026, 3, 25), weight=1,
    )  # fmt: skip
    add_exchange(ids["carla"], "gave", "Proofread her talk", weight=3, occurred_on=TODAY)
    add_exchange(ids["carla"], "gave", "Shared the report", weight=3, occurred_on=TODAY)
    # Two triangles joined only through Eva.
    add_relationship(ids["anna"], ids["ben"], "colleague")
    add_relationship(ids["ben"], ids["eva"], "knows")
    add_relationship(ids["eva"], ids["anna"], "colleague")
    add_relationship(ids["carla"], ids["dirk"], "knows")
    add_relationship(ids["dirk"], ids["eva"], "friend")
    add_relationship(ids["eva"], ids["carla"], "knows")
    lead, _ = create_goal("Become team lead", target_date=dt.date(2026, 7, 15))
    attach_contact(lead, ids["ben"])
    attach_contact(lead, ids["anna"])
    talk, _ = create_goal("Speak at a conference", target_date=dt.date(2026, 5, 1))
    attach_contact(talk, ids["fay"])  # archived: no active ally is left
    board, _ = create_goal("Join the board", target_date=dt.date(2027, 1, 1))
    attach_contact(board, ids["ben"])
    done, _ = create_goal("Finish the MBA", target_date=dt.date(2026, 6, 30))
    update_goal(done, achieved=True)
    ids.update(lead=lead, talk=talk, board=board)
    return ids


def test_known_network_gives_exactly_the_expected_findings(network) -> None:  # type: ignore[no-untyped-def]
    n = network
    found = findings(TODAY)
    assert codes_and_ids(found) == [
        ("birthday-soon", (n["carla"],)),
        ("birthday-soon", (n["dirk"],)),
        ("goal-at-risk", ()),
        ("goal-at-risk", (n["ben"],)),
        ("not-thanked", (n["ben"],)),
        ("overdue", (n["ben"],)),
        ("no-ally-below", ()),
        ("one-circle", (n["anna"], n["ben"], n["dirk"], n["eva"])),
        ("taking-more-than-giving", (n["ben"],)),
        ("broker", (n["eva"],)),
        ("owed-favours", (n["carla"],)),
        ("role-unfilled", ()),
    ]
    assert [f.severity for f in found] == ["action"] * 6 + ["warning"] * 3 + ["info"] * 3
    by_code = {f.code: f for f in reversed(found)}
    assert by_code["overdue"].params["overdue_days"] == 45
    assert by_code["overdue"].message == (
        "You have not been in touch with Ben Brandt for too long: 45 days overdue."
    )
    assert found[0].params == {"name": "Carla Conti", "date": "2026-06-20", "days": 5, "age": None}
    assert found[1].params["age"] == 46 and found[1].params["days"] == 14
    assert found[1].message == (
        "Dirk Dorn has a birthday in 14 days, on 2026-06-29 (turns 46): congratulate."
    )
    assert found[2].params["goal_id"] == n["talk"] and found[2].params["reason"] == "no-allies"
    assert found[3].params["goal_id"] == n["lead"] and found[3].params["weak"] == 1
    assert found[3].params["next_contact_id"] == n["ben"]
    assert found[3].params["next_contact_name"] == "Ben Brandt"
    assert by_code["not-thanked"].params["kind"] == "recommendation"
    assert by_code["taking-more-than-giving"].params["balance"] == -4
    assert by_code["owed-favours"].params["balance"] == 6
    assert by_code["role-unfilled"].params["role"] == "sponsor"
    assert by_code["one-circle"].params == {"circle": "work", "percent": 80, "count": 4, "total": 5}
    assert by_code["no-ally-below"].message.startswith("You have no ally below you at Acme GmbH")
    assert by_code["broker"].params == {"name": "Eva Engel", "people": 2, "groups": 2}
    assert by_code["broker"].message == (
        "Eva Engel is the only link between 2 people you know and the rest of your network: "
        "keep this relationship strong."
    )


def test_json_is_the_documented_format(network) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(json.dumps(insights_json(TODAY)))
    assert all(set(item) == {"code", "severity", "message", "contact_ids"} for item in data)
    assert data[5] == {
        "code": "overdue",
        "severity": "action",
        "message": "You have not been in touch with Ben Brandt for too long: 45 days overdue.",
        "contact_ids": [network["ben"]],
    }


def test_empty_network_has_no_findings(db) -> None:  # type: ignore[no-untyped-def]
    assert findings(TODAY) == []


def test_tiny_network_has_no_shape_findings_yet(db) -> None:  # type: ignore[no-untyped-def]
    person("Only One", circle="work")
    assert findings(TODAY) == []


def test_coverage_gaps_and_every_role_unfilled(db) -> None:  # type: ignore[no-untyped-def]
    settings.set_value("user_organization", "Müller & Co. KG")
    ids = [
        person("Above Elsewhere", level="above", org="Globex Inc.", circle="university"),
        person("Peer Home", org="MÜLLER & CO KG", circle="event"),
        person("Below Home", level="below", org="müller", circle="training"),
        person("Peer Home Too", org="Müller", circle="private"),
    ]
    found = findings(TODAY)
    assert codes_and_ids(found) == [("no-ally-above", ())] + [("role-unfilled", ())] * 6
    assert [f.params["role"] for f in found[1:]] == [
        "information source",
        "mentor",
        "sponsor",
        "door-opener",
        "referrer",
        "sparring partner",
    ]
    # Globex is another organisation, so the network is not all inside: no no-external.
    assert ids


def test_without_own_organisation_levels_count_anywhere(db) -> None:  # type: ignore[no-untyped-def]
    roles = ("information source", "mentor", "sponsor", "door-opener", "referrer")
    person("A", level="above", org="X", circle="work", roles=roles)
    person("B", level="peer", org="Y", circle="university", roles=("sparring partner",))
    person("C", level="below", org="Z", circle="event")
    person("D", level="peer", org="", circle="event")
    assert codes_and_ids(findings(TODAY)) == [("no-external", ())]


def test_no_external_when_everyone_is_inside(db) -> None:  # type: ignore[no-untyped-def]
    settings.set_value("user_organization", "Acme")
    roles = ("information source", "mentor", "sponsor", "door-opener", "referrer")
    person("A", level="above", org="Acme", circle="work", roles=roles)
    person("B", org="ACME Inc", circle="university", roles=("sparring partner",))
    person("C", level="below", org="acme", circle="event")
    person("D", org="", circle="training")
    found = findings(TODAY)
    assert codes_and_ids(found) == [("no-external", ())]
    assert found[0].severity == "warning"


def test_one_circle_needs_more_than_three_quarters(db) -> None:  # type: ignore[no-untyped-def]
    roles = ("information source", "mentor", "sponsor", "door-opener", "referrer")
    a = person("A", level="above", circle="work", roles=roles)
    b = person("B", circle="work", roles=("sparring partner",))
    c = person("C", level="below", circle="work")
    person("D", level="external", circle="event")
    assert findings(TODAY) == []  # exactly 75 %
    e = person("E", circle="work")
    found = findings(TODAY)
    assert codes_and_ids(found) == [("one-circle", (a, b, c, e))]
    assert found[0].message == (
        "80 % of your contacts come from work: your network is one-sided; "
        "meet people from other circles."
    )


def test_overdue_leaves_out_snoozed_and_says_due_today(db) -> None:  # type: ignore[no-untyped-def]
    today_due = person("Due Today", met=TODAY - dt.timedelta(days=30))
    snoozed = person("Snoozed", met=dt.date(2026, 1, 1))
    FollowUp.create(contact=snoozed, kind=FollowUpKind.SNOOZE.value, due_on=dt.date(2026, 7, 1))
    never = person("Never Met", met=None)
    found = findings(TODAY)
    assert codes_and_ids(found) == [("overdue", (today_due,))]
    assert found[0].message == "Your relationship with Due Today is due today: get in touch."
    assert never not in found[0].contact_ids  # added today: due only in 30 days


def test_balance_thresholds_are_exclusive(db) -> None:  # type: ignore[no-untyped-def]
    even_low = person("Minus Two")
    add_exchange(even_low, "received", "help", weight=2, occurred_on=TODAY)
    even_high = person("Plus Four")
    add_exchange(even_high, "gave", "help", weight=3, occurred_on=TODAY)
    add_exchange(even_high, "gave", "help", weight=1, occurred_on=TODAY)
    taking = person("Minus Three")
    add_exchange(taking, "received", "advice", weight=3, kind="advice", occurred_on=TODAY)
    assert codes_and_ids(findings(TODAY)) == [("taking-more-than-giving", (taking,))]


def test_birthdays_cross_the_year_and_leap_day(db) -> None:  # type: ignore[no-untyped-def]
    soon = person("New Year", birthday="--01-03", met=dt.date(2026, 12, 20))
    leap = person("Leap Day", birthday="2000-02-29", met=None)
    later = person("Too Late", birthday="--01-09", met=dt.date(2026, 12, 20))
    found = findings(dt.date(2026, 12, 25))
    assert codes_and_ids(found) == [("birthday-soon", (soon,))]
    assert later not in found[0].contact_ids
    assert next_birthday("2000-02-29", dt.date(2027, 2, 20)) == dt.date(2027, 2, 28)
    assert next_birthday("2000-02-29", dt.date(2028, 2, 20)) == dt.date(2028, 2, 29)
    assert next_birthday(None, TODAY) is None
    assert leap


def test_brokers_hold_groups_together_biggest_first(db) -> None:  # type: ignore[no-untyped-def]
    # Team {Tom, Tina, Tess} - Hugo - {Ida, Ivo, Ina}; Hugo also knows Lea, Ivo knows Pia.
    ids = {n: person(n) for n in ("Tom", "Tina", "Tess", "Hugo", "Ida", "Ivo", "Ina", "Lea", "Pia")}
    ties = [("Tom", "Tina"), ("Tina", "Tess"), ("Tess", "Tom"), ("Tom", "Hugo"), ("Hugo", "Ida")]
    ties += [("Ida", "Ivo"), ("Ivo", "Ina"), ("Ina", "Ida"), ("Hugo", "Lea"), ("Ivo", "Pia")]
    for a, b in ties:
        add_relationship(ids[a], ids[b], "knows")
    found = [f for f in findings(TODAY) if f.code == "broker"]
    # Without Hugo, Tom's team (3) and Lea are cut off from Ida's four; without Ida, her
    # three (Pia included) from the other five; without Tom, Tina and Tess. Ivo is only
    # Pia's link: a lone acquaintance makes nobody a broker.
    assert [(f.contact_ids, f.params) for f in found] == [
        ((ids["Hugo"],), {"name": "Hugo", "people": 4, "groups": 2}),
        ((ids["Ida"],), {"name": "Ida", "people": 3, "groups": 2}),
        ((ids["Tom"],), {"name": "Tom", "people": 2, "groups": 2}),
    ]


def test_organisation_key_ignores_case_punctuation_and_legal_suffixes() -> None:
    assert organization_key("ACME GmbH") == organization_key("Acme") == "acme"
    assert organization_key("Müller & Co. KG") == organization_key("MÜLLER") == "müller"
    assert organization_key("Deutsche Bahn AG") == "deutsche bahn"
    assert organization_key("Globex, Inc.") == "globex"
    assert organization_key("AG") == "ag"
    assert organization_key("") == ""


def test_network_shape_counts_levels_circles_breadth_and_organisations(network) -> None:  # type: ignore[no-untyped-def]
    n = network
    log_interaction(InteractionInput([n["anna"], n["ben"]], kind="lunch", occurred_on=TODAY))
    log_interaction(InteractionInput([n["anna"]], kind="call", occurred_on=dt.date(2025, 2, 1)))
    shape = network_shape(TODAY, quarters=6)
    assert shape.levels == {"above": 1, "peer": 2, "below": 1, "external": 1}
    assert shape.circles == {
        "work": 4, "university": 0, "association": 1, "event": 0, "training": 0, "private": 0,
        "other": 0,
    }  # fmt: skip
    # Q2 2026: Anna, Ben (April and today), Carla, Dirk, Eva; archived Fay met in Q1.
    assert shape.breadth == [
        (dt.date(2025, 1, 1), 1),
        (dt.date(2025, 4, 1), 0),
        (dt.date(2025, 7, 1), 0),
        (dt.date(2025, 10, 1), 0),
        (dt.date(2026, 1, 1), 1),
        (dt.date(2026, 4, 1), 5),
    ]
    assert [(o.name, o.contacts, o.due, o.own) for o in shape.organisations] == [
        ("Acme GmbH", 3, 0, True),
        ("Beta AG", 1, 0, False),
        ("Other Corp", 1, 0, False),
    ]
    assert shape.organisations[0].levels == {"above": 1, "peer": 2}

"""Goals: allies' health, who to contact next, the at-risk rule, delete with undo."""

from __future__ import annotations

import datetime as dt

import pytest

from app.contacts import ContactInput, create_contact, delete_contact, set_archived
from app.derived import BalanceState, DueState
from app.errors import NotFound, ValidationError
from app.exchanges import add_exchange
from app.goals import (
    at_risk,
    attach_contact,
    create_goal,
    delete_goal,
    detach_contact,
    goal_contact_ids,
    goal_health,
    goals,
    goals_health,
    goals_of,
    restore_goal,
    update_goal,
)
from app.timeline import InteractionInput, log_interaction

TODAY = dt.date(2026, 6, 15)


def ally(name: str, *, met: list[dt.date], cadence: int | None = None) -> int:
    cid, _ = create_contact(ContactInput(formatted_name=name, cadence_days=cadence))
    for day in met:
        log_interaction(InteractionInput([cid], kind="call", occurred_on=day))
    return cid


def test_health_shows_due_balance_strength_and_who_is_next(db) -> None:  # type: ignore[no-untyped-def]
    strong = ally("Strong Sam", met=[TODAY - dt.timedelta(days=d) for d in (2, 9, 20)])
    overdue = ally("Overdue Olga", met=[dt.date(2026, 3, 1)])
    very_overdue = ally("Very Overdue Vic", met=[dt.date(2026, 1, 1)])
    add_exchange(overdue, "gave", "a tip", weight=3, occurred_on=TODAY)
    add_exchange(overdue, "gave", "a lead", weight=2, occurred_on=TODAY)
    goal, _ = create_goal("Change jobs", target_date=dt.date(2026, 9, 1))
    for cid in (strong, overdue, very_overdue):
        attach_contact(goal, cid, note="knows recruiters" if cid == strong else "")

    health = goal_health(goal, TODAY)
    assert health.title == "Change jobs" and health.days_left == 78
    assert [a.name for a in health.allies] == ["Overdue Olga", "Strong Sam", "Very Overdue Vic"]
    olga, sam, vic = health.allies
    assert olga.due_state == DueState.DUE and olga.overdue_days == 76
    assert olga.balance == 5 and olga.balance_state == BalanceState.OWED
    assert sam.due_state == DueState.OK and sam.strength > 50 and not sam.weak
    assert sam.note == "knows recruiters"
    assert vic.weak and vic.overdue_days == 135
    assert health.next_contact_id == very_overdue
    assert [a.contact_id for a in health.weak_allies] == [overdue, very_overdue]
    assert not at_risk(health)  # 78 days away: not watched yet


def test_next_contact_prefers_soonest_due_then_weakest_and_skips_archived(db) -> None:  # type: ignore[no-untyped-def]
    soon = ally("Soon", met=[TODAY - dt.timedelta(days=25)])
    later = ally("Later", met=[TODAY - dt.timedelta(days=5)])
    never = ally("Never Reminded", met=[], cadence=0)
    gone = ally("Gone", met=[dt.date(2025, 1, 1)])
    set_archived([gone], True)
    goal, _ = create_goal("Project")
    for cid in (soon, later, never, gone):
        attach_contact(goal, cid)
    health = goal_health(goal, TODAY)
    assert health.next_contact_id == soon
    assert [a.name for a in health.allies][-1] == "Gone"  # archived allies last
    detach_contact(goal, soon)
    detach_contact(goal, later)
    assert goal_health(goal, TODAY).next_contact_id == never
    detach_contact(goal, never)
    assert goal_health(goal, TODAY).next_contact_id is None


@pytest.mark.parametrize(
    ("target", "met_days_ago", "achieved", "expected"),
    [
        (dt.date(2026, 8, 14), [40], False, True),  # 60 days away, the only ally is overdue
        (dt.date(2026, 8, 15), [40], False, False),  # 61 days away
        (dt.date(2026, 7, 1), [1], False, False),  # near, but the ally is fine
        (dt.date(2026, 7, 1), None, False, True),  # near, and nobody helps
        (dt.date(2026, 5, 1), [40], False, True),  # passed
        (dt.date(2026, 7, 1), [40], True, False),  # achieved
        (None, None, False, False),  # no target date
    ],
)
def test_at_risk_rule(db, target, met_days_ago, achieved, expected) -> None:  # type: ignore[no-untyped-def]
    goal, _ = create_goal("Goal", target_date=target)
    if achieved:
        update_goal(goal, achieved=True)
    if met_days_ago is not None:
        cid = ally("Ally", met=[TODAY - dt.timedelta(days=d) for d in met_days_ago])
        attach_contact(goal, cid)
    assert at_risk(goal_health(goal, TODAY)) is expected


def test_half_of_the_allies_weak_is_at_risk(db) -> None:  # type: ignore[no-untyped-def]
    goal, _ = create_goal("Goal", target_date=TODAY + dt.timedelta(days=10))
    fine = [ally(f"Fine {i}", met=[TODAY - dt.timedelta(days=1)]) for i in range(3)]
    weak = [ally(f"Weak {i}", met=[dt.date(2025, 1, 1)]) for i in range(2)]
    for cid in fine + weak:
        attach_contact(goal, cid)
    assert not at_risk(goal_health(goal, TODAY))  # 2 of 5
    attach_contact(goal, ally("Weak 3", met=[dt.date(2025, 1, 1)]))
    assert at_risk(goal_health(goal, TODAY))  # 3 of 6


def test_delete_and_restore_keep_the_allies(db) -> None:  # type: ignore[no-untyped-def]
    a = ally("A", met=[])
    b = ally("B", met=[])
    goal, _ = create_goal("Goal", description="why", target_date=dt.date(2026, 12, 1))
    attach_contact(goal, a, note="mentor")
    attach_contact(goal, b)
    snapshot, changes = delete_goal(goal)
    assert changes.goals and changes.contacts == {a, b}
    assert goals() == [] and goals_of(a) == []
    delete_contact(b)
    restored = restore_goal(snapshot)
    assert restored.contacts == {a}
    assert [g.title for g in goals()] == ["Goal"] and goal_contact_ids(goal) == [a]
    assert goal_health(goal, TODAY).allies[0].note == "mentor"
    with pytest.raises(NotFound):
        delete_goal(goal + 100)


def test_validation_and_order(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        create_goal("  ")
    late, _ = create_goal("Late", target_date=dt.date(2027, 1, 1))
    early, _ = create_goal("  Early  ", target_date=dt.date(2026, 7, 1))
    open_ended, _ = create_goal("Open")
    update_goal(early, title=" Earlier ")
    with pytest.raises(ValidationError):
        update_goal(early, title="")
    with pytest.raises(NotFound):
        update_goal(999, title="x")
    assert [h.title for h in goals_health(TODAY)] == ["Earlier", "Late", "Open"]
    update_goal(early, achieved=True)
    assert [h.goal_id for h in goals_health(TODAY)] == [late, open_ended, early]
    with pytest.raises(NotFound):
        goal_health(999, TODAY)

"""Goals the user wants to reach, and the contacts who can help with each."""

from __future__ import annotations

import datetime as dt

from app.changes import Changes
from app.errors import NotFound, ValidationError
from app.models import Contact, Goal, GoalContact, database


def create_goal(
    title: str, *, description: str = "", target_date: dt.date | None = None
) -> tuple[int, Changes]:
    if not title.strip():
        raise ValidationError("title", "required")
    goal = Goal.create(title=title.strip(), description=description, target_date=target_date)
    return goal.id, Changes(goals=True)


def update_goal(goal_id: int, **values: object) -> Changes:
    allowed = {"title", "description", "target_date", "achieved"}
    if set(values) - allowed:
        raise TypeError(f"unknown goal fields: {sorted(set(values) - allowed)}")
    if "title" in values and not str(values["title"]).strip():
        raise ValidationError("title", "required")
    if Goal.update(**values).where(Goal.id == goal_id).execute() == 0:
        raise NotFound("goal", goal_id)
    return Changes(goals=True)


def delete_goal(goal_id: int) -> Changes:
    Goal.delete().where(Goal.id == goal_id).execute()
    return Changes(goals=True)


def attach_contact(goal_id: int, contact_id: int, note: str = "") -> Changes:
    if Goal.get_or_none(Goal.id == goal_id) is None:
        raise NotFound("goal", goal_id)
    if Contact.get_or_none(Contact.id == contact_id) is None:
        raise NotFound("contact", contact_id)
    with database.atomic():
        GoalContact.insert(
            goal=goal_id, contact=contact_id, note=note
        ).on_conflict_replace().execute()
    return Changes(goals=True, contacts=frozenset({contact_id}))


def detach_contact(goal_id: int, contact_id: int) -> Changes:
    GoalContact.delete().where(
        (GoalContact.goal == goal_id) & (GoalContact.contact == contact_id)
    ).execute()
    return Changes(goals=True, contacts=frozenset({contact_id}))


def goals() -> list[Goal]:
    return list(Goal.select().order_by(Goal.achieved, Goal.target_date.asc(nulls="LAST"), Goal.id))


def goal_contact_ids(goal_id: int) -> list[int]:
    return [g.contact_id for g in GoalContact.select().where(GoalContact.goal == goal_id)]


def goals_of(contact_id: int) -> list[Goal]:
    return list(
        Goal.select().join(GoalContact).where(GoalContact.contact == contact_id).order_by(Goal.id)
    )

"""Goals the user wants to reach, the contacts who can help, and how healthy those ties are.

A goal is only as good as the relationships behind it: :func:`goal_health` reports, for
each ally of a goal, the due state, balance and strength of the relationship and picks
who to contact next, so the Insights view and ``allies insights`` can say which goals are
at risk (:func:`at_risk`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from app.changes import Changes
from app.derived import DueState, balance_state, due_state, overdue_days, strengths
from app.errors import NotFound, ValidationError
from app.models import Contact, Goal, GoalContact, database

# A goal whose target date is this close (or past) is watched for risk.
AT_RISK_WITHIN_DAYS = 60
# An ally counts as weak below this strength (0–100), or when the relationship is due.
WEAK_STRENGTH = 20.0


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
    if "title" in values:
        if not str(values["title"]).strip():
            raise ValidationError("title", "required")
        values["title"] = str(values["title"]).strip()
    if Goal.update(**values).where(Goal.id == goal_id).execute() == 0:
        raise NotFound("goal", goal_id)
    return Changes(goals=True)


@dataclass(frozen=True)
class GoalSnapshot:
    """A deleted goal with its links to contacts, for undo."""

    row: dict[str, object]
    links: tuple[dict[str, object], ...]


def delete_goal(goal_id: int) -> tuple[GoalSnapshot, Changes]:
    with database.atomic():
        goal = Goal.get_or_none(Goal.id == goal_id)
        if goal is None:
            raise NotFound("goal", goal_id)
        links = tuple(
            dict(link.__data__) for link in GoalContact.select().where(GoalContact.goal == goal_id)
        )
        snapshot = GoalSnapshot(dict(goal.__data__), links)
        goal.delete_instance()
    contact_ids = frozenset(int(link["contact"]) for link in links)  # type: ignore[call-overload]
    return snapshot, Changes(goals=True, contacts=contact_ids)


def restore_goal(snapshot: GoalSnapshot) -> Changes:
    """Undo :func:`delete_goal`; links to contacts deleted meanwhile are dropped."""
    with database.atomic():
        Goal.insert(**snapshot.row).execute()
        existing = {
            c.id
            for c in Contact.select(Contact.id).where(
                Contact.id.in_([link["contact"] for link in snapshot.links])
            )
        }
        for link in snapshot.links:
            if link["contact"] in existing:
                GoalContact.insert(**link).execute()
    return Changes(goals=True, contacts=frozenset(existing))


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


def goal_notes_of(contact_id: int) -> dict[int, str]:
    """How this contact helps with each goal: ``{goal_id: note}``."""
    query = GoalContact.select(GoalContact.goal, GoalContact.note).where(
        GoalContact.contact == contact_id
    )
    return {link.goal_id: link.note for link in query}


@dataclass(frozen=True)
class AllyHealth:
    """How one relationship behind a goal is doing."""

    contact_id: int
    name: str
    organization: str
    archived: bool
    last_contact: dt.date | None
    due_on: dt.date | None
    due_state: str  # app.derived.DueState
    overdue_days: int | None
    balance: int
    balance_state: str  # app.derived.BalanceState
    strength: float
    note: str

    @property
    def weak(self) -> bool:
        """Due (or overdue) or faded: this tie needs care before it can help."""
        return self.due_state == DueState.DUE or self.strength < WEAK_STRENGTH


@dataclass(frozen=True)
class GoalHealth:
    """A goal, its allies (active ones first, by name) and who to contact next."""

    goal_id: int
    title: str
    description: str
    target_date: dt.date | None
    achieved: bool
    days_left: int | None  # negative when the target date has passed
    allies: tuple[AllyHealth, ...]
    next_contact_id: int | None

    @property
    def active_allies(self) -> tuple[AllyHealth, ...]:
        return tuple(a for a in self.allies if not a.archived)

    @property
    def weak_allies(self) -> tuple[AllyHealth, ...]:
        return tuple(a for a in self.active_allies if a.weak)


def next_to_contact(allies: Iterable[AllyHealth]) -> int | None:
    """Who to contact next: the most overdue ally, else the one due soonest, else the weakest.

    Archived contacts are never suggested; allies without reminders (cadence 0) come after
    those with a due date.
    """
    candidates = [a for a in allies if not a.archived]
    if not candidates:
        return None
    far = dt.date.max
    best = min(
        candidates,
        key=lambda a: (a.due_on or far, a.strength, a.name.casefold(), a.contact_id),
    )
    return best.contact_id


def goals_health(today: dt.date, goal_ids: Iterable[int] | None = None) -> list[GoalHealth]:
    """Health of the given goals (all when None), in the order of :func:`goals`."""
    query = Goal.select().order_by(Goal.achieved, Goal.target_date.asc(nulls="LAST"), Goal.id)
    if goal_ids is not None:
        query = query.where(Goal.id.in_(list(goal_ids)))
    goal_rows = list(query)
    if not goal_rows:
        return []
    links = list(
        GoalContact.select(GoalContact, Contact)
        .join(Contact)
        .where(GoalContact.goal.in_([g.id for g in goal_rows]))
    )
    strength = strengths({link.contact_id for link in links}, today)
    by_goal: dict[int, list[AllyHealth]] = {}
    for link in links:
        c = link.contact
        by_goal.setdefault(link.goal_id, []).append(
            AllyHealth(
                contact_id=c.id,
                name=c.formatted_name,
                organization=c.organization,
                archived=bool(c.archived),
                last_contact=_date(c.last_contact),
                due_on=_date(c.due_on),
                due_state=due_state(c.due_on, today),
                overdue_days=overdue_days(c.due_on, today),
                balance=int(c.balance),
                balance_state=balance_state(int(c.balance)),
                strength=strength.get(c.id, 0.0),
                note=link.note,
            )
        )
    result = []
    for g in goal_rows:
        allies = sorted(
            by_goal.get(g.id, []), key=lambda a: (a.archived, a.name.casefold(), a.contact_id)
        )
        target = _date(g.target_date)
        result.append(
            GoalHealth(
                goal_id=g.id,
                title=g.title,
                description=g.description,
                target_date=target,
                achieved=bool(g.achieved),
                days_left=(target - today).days if target else None,
                allies=tuple(allies),
                next_contact_id=next_to_contact(allies),
            )
        )
    return result


def goal_health(goal_id: int, today: dt.date) -> GoalHealth:
    found = goals_health(today, [goal_id])
    if not found:
        raise NotFound("goal", goal_id)
    return found[0]


def at_risk(health: GoalHealth) -> bool:
    """A goal is at risk when it is not achieved, its target date is set and at most
    :data:`AT_RISK_WITHIN_DAYS` away (or past), and it has no active ally or at least half
    of its active allies are weak (due/overdue or strength below :data:`WEAK_STRENGTH`).
    """
    if health.achieved or health.days_left is None or health.days_left > AT_RISK_WITHIN_DAYS:
        return False
    active = health.active_allies
    return not active or 2 * len(health.weak_allies) >= len(active)


def _date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])

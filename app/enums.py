"""The domain's fixed vocabularies (SPEC §1), without Peewee.

Their values are what the database stores and what ``--json`` prints. They live apart from
:mod:`app.models` so that the command line can build its arguments (and ``allies --help``
can run) without importing Peewee; :mod:`app.models` re-exports them.
"""

from __future__ import annotations

from enum import StrEnum


class Level(StrEnum):
    ABOVE = "above"
    PEER = "peer"
    BELOW = "below"
    EXTERNAL = "external"


class Circle(StrEnum):
    WORK = "work"
    UNIVERSITY = "university"
    ASSOCIATION = "association"
    EVENT = "event"
    TRAINING = "training"
    PRIVATE = "private"
    OTHER = "other"


class Role(StrEnum):
    INFORMATION_SOURCE = "information source"
    MENTOR = "mentor"
    SPONSOR = "sponsor"
    DOOR_OPENER = "door-opener"
    REFERRER = "referrer"
    SPARRING_PARTNER = "sparring partner"


class InteractionKind(StrEnum):
    LUNCH = "lunch"
    COFFEE = "coffee"
    AFTER_WORK = "after-work"
    CALL = "call"
    EMAIL = "email"
    MESSAGE = "message"
    MEETING = "meeting"
    EVENT = "event"
    OTHER = "other"


class Direction(StrEnum):
    GAVE = "gave"
    RECEIVED = "received"


class ExchangeKind(StrEnum):
    INFORMATION = "information"
    ADVICE = "advice"
    HELP = "help"
    INTRODUCTION = "introduction"
    RECOMMENDATION = "recommendation"
    FAVOUR = "favour"
    GIFT = "gift"


class RelationshipType(StrEnum):
    COLLEAGUE = "colleague"
    REPORTS_TO = "reports-to"
    INTRODUCED_BY = "introduced-by"
    MENTOR_OF = "mentor-of"
    KNOWS = "knows"
    FRIEND = "friend"


class FollowUpKind(StrEnum):
    TODO = "todo"
    SNOOZE = "snooze"

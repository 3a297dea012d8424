"""What the readers make of one card or CSV row, before it meets the database.

Records are slotted dataclasses; an import keeps them only a batch at a time (they wait
in the staging file in between, see :mod:`app.interchange.staging`).
A :class:`ContactRecord` wraps the :class:`app.contacts.ContactInput` that the form and the
command line use too, plus what only an import knows: where the card came from, the
references to other people (RELATED, X-ABRELATEDNAMES…) still to be resolved, and the
Allies fields the file really set (so that a plain vCard does not reset a contact's level).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.contacts import ContactInput


@dataclass(slots=True)
class Ref:
    """A pointer to another person, to be resolved among the imported cards and contacts.

    ``kind`` is ``uid``, ``email``, ``phone`` or ``name``; ``value`` is already the
    matching key (see :mod:`app.interchange.keys`). For a relationship, ``type`` is a
    :class:`~app.models.RelationshipType` value and ``reverse`` says the link points from
    the other person to this one (``the other reports-to me`` for an assistant).
    ``raw`` are the vCard lines the reader kept for it; they are dropped from the kept
    properties when the reference resolves (it is a relationship then).
    """

    kind: str
    value: str
    line: int
    type: str = ""
    reverse: bool = False
    note: str = ""
    raw: str = ""


@dataclass(slots=True)
class ContactRecord:
    source: str
    card: int
    line: int
    contact: ContactInput
    phone_keys: list[str] = field(default_factory=list)  # aligned with contact.phones
    related: list[Ref] = field(default_factory=list)
    # Allies fields the file set explicitly (shared and empty for most cards: a set each
    # would be 216 bytes a card)
    given: frozenset[str] = frozenset()
    archived: bool | None = None
    connected_on: dt.date | None = None  # LinkedIn "Connected On"

    @property
    def name(self) -> str:
        return self.contact.formatted_name


@dataclass(slots=True)
class GroupRecord:
    """A group card (KIND:group, X-ADDRESSBOOKSERVER-KIND:group): its name tags its members."""

    source: str
    card: int
    line: int
    name: str
    uid: str | None
    members: list[Ref] = field(default_factory=list)

"""The scalar fields of a contact (SPEC §1), declared once.

A scalar field is one column of ``contact`` with one value (e-mails, phones, addresses,
links and tags live in tables of their own). Three lists are derived from this table, and
they differ on purpose, so a new field is added here once, saying for each of them
whether it belongs:

- ``saved``: a save writes it from a ``ContactInput`` and :func:`app.contacts.load_contact`
  reads it back (:data:`SAVED_FIELDS`, used by :mod:`app.contacts`);
- ``synced``: it travels in a card and merges as one plain value
  (:data:`SYNCED_SCALARS`, used by :mod:`app.sync.contacts_adapter`; fields that travel
  in a form of their own, such as the photo in base64 or ``kept`` as a set of lines, are
  written there by hand);
- every field but ``roles`` and ``archived`` (which an import writes in forms of its
  own) is one plain value of an import (:data:`IMPORTED_SCALARS`, used by
  :mod:`app.interchange.store` and :mod:`app.interchange.staging`);
- ``timed``: the database records when it last changed here, which is what "the newer
  edit wins" compares with a card's REV (:data:`TIMED_FIELDS`, kept by a trigger of
  :mod:`app.sync.state`; a new timed field needs a migration that recreates the trigger).
"""

from __future__ import annotations

from typing import NamedTuple


class ContactField(NamedTuple):
    name: str
    saved: bool
    synced: bool
    timed: bool


CONTACT_FIELDS: tuple[ContactField, ...] = (
    ContactField("formatted_name", saved=True, synced=True, timed=True),
    ContactField("given_name", saved=True, synced=True, timed=True),
    ContactField("family_name", saved=True, synced=True, timed=True),
    ContactField("nickname", saved=True, synced=True, timed=True),
    ContactField("organization", saved=True, synced=True, timed=True),
    ContactField("department", saved=True, synced=True, timed=True),
    ContactField("title", saved=True, synced=True, timed=True),
    ContactField("birthday", saved=True, synced=True, timed=True),
    ContactField("notes", saved=True, synced=True, timed=True),
    ContactField("level", saved=True, synced=True, timed=True),
    ContactField("circle", saved=True, synced=True, timed=True),
    # A list kept in one column: a save joins it, a card carries it as a set.
    ContactField("roles", saved=False, synced=False, timed=True),
    ContactField("trust", saved=True, synced=True, timed=True),
    ContactField("cadence_days", saved=True, synced=True, timed=True),
    # Set by archiving (not by a save); a card carries it as a field of its own.
    ContactField("archived", saved=False, synced=False, timed=True),
    # Bytes: a card carries them in base64.
    ContactField("photo", saved=True, synced=False, timed=True),
    # The card's identity, not a value that merges.
    ContactField("uid", saved=True, synced=False, timed=False),
    # The vCard text the contact came from, and the properties Allies keeps without
    # showing (a card carries those as the set ``kept``).
    ContactField("vcard_source", saved=True, synced=False, timed=False),
    ContactField("kept_properties", saved=True, synced=False, timed=False),
    # The rest of a vCard N: written by imports only (app.interchange.store), so that a
    # save from a form, which never shows them, does not clear them.
    ContactField("additional_names", saved=False, synced=False, timed=False),
    ContactField("name_prefix", saved=False, synced=False, timed=False),
    ContactField("name_suffix", saved=False, synced=False, timed=False),
)

SAVED_FIELDS: tuple[str, ...] = tuple(f.name for f in CONTACT_FIELDS if f.saved)
SYNCED_SCALARS: tuple[str, ...] = tuple(f.name for f in CONTACT_FIELDS if f.synced)
TIMED_FIELDS: tuple[str, ...] = tuple(f.name for f in CONTACT_FIELDS if f.timed)
# What an import writes as plain values; it merges roles as a set and archives on its own.
IMPORTED_SCALARS: tuple[str, ...] = tuple(
    f.name for f in CONTACT_FIELDS if f.name not in ("roles", "archived")
)

"""The contact's scalar fields are declared once (app.contact_fields): a save, a sync and the
field-time trigger take their lists from there, and migration 3's trigger stays frozen."""

from __future__ import annotations

import dataclasses
import hashlib

import peewee

from app import contacts
from app.contact_fields import CONTACT_FIELDS, SAVED_FIELDS, SYNCED_SCALARS, TIMED_FIELDS
from app.contacts import ContactInput, create_contact, load_contact
from app.models import Contact
from app.sync import contacts_adapter, state
from app.sync.state import MIGRATION_3_TIMED_FIELDS, ContactFieldTime

# Kept by the app, not data a person enters: derived values and bookkeeping.
NOT_FIELDS = {"id", "created_at", "updated_at", "last_contact", "due_on", "balance"}
LISTS = {"roles", "emails", "phones", "addresses", "links", "tags"}


def test_every_column_of_a_contact_is_declared_once() -> None:
    names = [f.name for f in CONTACT_FIELDS]
    assert len(names) == len(set(names))
    assert set(names) == set(Contact._meta.columns) - NOT_FIELDS


def test_what_a_save_and_a_sync_handle_is_in_a_contact_input() -> None:
    inputs = {f.name for f in dataclasses.fields(ContactInput)}
    assert set(SAVED_FIELDS) | set(SYNCED_SCALARS) <= inputs
    assert inputs - LISTS == {f.name for f in CONTACT_FIELDS} - {"archived", "roles"}


def test_the_three_lists_are_the_ones_the_code_uses() -> None:
    assert contacts._SCALAR_FIELDS == SAVED_FIELDS
    assert contacts_adapter.SCALARS == SYNCED_SCALARS
    assert state.TIMED_CONTACT_FIELDS == TIMED_FIELDS
    assert set(SYNCED_SCALARS) <= set(SAVED_FIELDS) & set(TIMED_FIELDS)


def test_migration_3_trigger_is_frozen_and_watches_every_timed_field() -> None:
    # Byte for byte what migration 3 created in every existing database.
    sql = state._field_time_trigger()
    assert hashlib.sha256(sql.encode()).hexdigest() == (
        "87da8ab348776b33172437da10484b8e59c00ee6dd96a731b45a0ee306032e99"
    )
    assert TIMED_FIELDS == MIGRATION_3_TIMED_FIELDS, (
        "a field's change time is recorded by the trigger of migration 3: add a migration "
        "that recreates it with the new list"
    )


def test_a_save_writes_and_loads_every_saved_field(db: peewee.SqliteDatabase) -> None:
    data = ContactInput(
        formatted_name="Dr. Anna Maria Schmidt",
        given_name="Anna",
        family_name="Schmidt",
        nickname="Anni",
        organization="Nordwind",
        department="Research",
        title="Head of research",
        birthday="--03-15",
        notes="Met at the fair",
        level="above",
        circle="event",
        trust=5,
        cadence_days=14,
        photo=b"\x89PNG\r\n\x1a\n",
        uid="urn:uuid:1234",
        vcard_source="BEGIN:VCARD\r\nEND:VCARD\r\n",
        kept_properties="X-CUSTOM:1",
    )
    cid, _ = create_contact(data)
    loaded = load_contact(cid)
    assert {n: getattr(loaded, n) for n in SAVED_FIELDS} == {
        n: getattr(data, n) for n in SAVED_FIELDS
    }


def test_a_change_of_each_timed_field_is_recorded(db: peewee.SqliteDatabase) -> None:
    cid, _ = create_contact(ContactInput("Ann Example"))
    changed = {
        "formatted_name": "Ann B. Example", "given_name": "Ann", "family_name": "Example",
        "nickname": "A", "organization": "O", "department": "D", "title": "T",
        "birthday": "1990-01-02", "notes": "n", "level": "below", "circle": "work",
        "roles": "mentor", "trust": 1, "cadence_days": 9, "archived": True, "photo": b"x",
    }  # fmt: skip
    assert set(changed) == set(TIMED_FIELDS)
    untimed = {"uid": "u-1", "vcard_source": "BEGIN:VCARD", "kept_properties": "X-A:1",
               "additional_names": "B.", "name_prefix": "Dr.", "name_suffix": "PhD"}  # fmt: skip
    Contact.update(**changed, **untimed).where(Contact.id == cid).execute()
    recorded = {
        r.field for r in ContactFieldTime.select().where(ContactFieldTime.contact_id == cid)
    }
    assert recorded == set(TIMED_FIELDS)

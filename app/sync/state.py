"""The sync tables: accounts, collections, per-item state, conflicts, local field times.

The schema is created by :func:`create_sync_schema` from plain SQL (the migration that
brings a database to the sync schema, and the same call for a new database), so the
migration stays what it was even when these models grow later.

Per item (one card or one calendar object) Allies keeps what it last synced: ``href``,
``etag``, a ``hash`` of the content and the content itself as parsed fields (``base``,
JSON): the base of the three-way merge. A row with ``local_id`` None and ``href`` set is a
local object that is gone (deleted or merged away) whose server copy must be deleted; a row
with ``remote_deleted`` set is an object the server deleted, archived here and never pushed
back.

``contact_field_time`` is kept by a trigger on ``contact``: every write path (the form,
imports, merges, the sync itself) records when each scalar field changed here, which is
what "the newer edit wins" compares with the card's REV.
"""

from __future__ import annotations

import datetime as dt

import peewee
from peewee import (
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from app.contact_fields import TIMED_FIELDS
from app.models import BaseModel, now


class SyncAccount(BaseModel):
    """A CardDAV/CalDAV account. The password is not here (keyring, see accounts)."""

    name = CharField(unique=True)
    url = CharField()  # what the user typed
    username = CharField()
    principal_url = CharField(default="")
    addressbook_home = CharField(default="")
    calendar_home = CharField(default="")
    addressbook_url = CharField(default="")
    trusted_cert = TextField(default="")  # PEM of a certificate the user chose to trust
    sync_private = BooleanField(default=True)  # level, circle, roles, trust, notes, …
    sync_history = BooleanField(default=True)  # interactions, follow-ups, goals (CalDAV)
    created_at = DateTimeField(default=now)
    last_sync_at = DateTimeField(null=True)
    last_ok_at = DateTimeField(null=True)
    last_result = TextField(default="")  # JSON of the last sync's report


class SyncCollection(BaseModel):
    """A server collection synced with one kind of local object, and where it stood."""

    account = ForeignKeyField(SyncAccount, backref="collections", on_delete="CASCADE")
    url = CharField()
    kind = CharField()  # "contact", or a CalDAV adapter's kind
    sync_token = TextField(default="")
    ctag = TextField(default="")

    class Meta:
        indexes = ((("account", "url", "kind"), True),)


class SyncItem(BaseModel):
    collection = ForeignKeyField(SyncCollection, backref="items", on_delete="CASCADE")
    kind = CharField()
    local_id = IntegerField(null=True)
    uid = CharField()
    href = CharField(null=True)
    etag = CharField(null=True)
    hash = CharField(default="")
    base = TextField(default="")
    remote_deleted = BooleanField(default=False)

    class Meta:
        indexes = (
            (("collection", "uid"), True),
            (("collection", "href"), False),
            (("kind", "local_id"), False),
        )


class SyncConflict(BaseModel):
    """A field both sides changed: ``kept`` won (the newer edit), ``other`` is restorable."""

    account = ForeignKeyField(SyncAccount, backref="conflicts", on_delete="CASCADE")
    object = CharField()  # contact | interaction | exchange | follow-up | goal
    uid = CharField()
    local_id = IntegerField(null=True, index=True)  # the contact id for contacts
    field = CharField()
    kept = TextField()  # JSON value
    other = TextField()  # JSON value
    created_at = DateTimeField(default=now)
    resolved = BooleanField(default=False)


class ContactFieldTime(BaseModel):
    """When a scalar field of a contact last changed here (kept by a trigger)."""

    contact_id = IntegerField()
    field = CharField()
    changed_at = CharField()  # UTC, ISO 8601 with milliseconds and "Z"

    class Meta:
        primary_key = peewee.CompositeKey("contact_id", "field")


SYNC_MODELS: list[type[BaseModel]] = [
    SyncAccount,
    SyncCollection,
    SyncItem,
    SyncConflict,
    ContactFieldTime,
]

# Scalar contact columns whose change time is recorded (declared in app.contact_fields).
TIMED_CONTACT_FIELDS = TIMED_FIELDS

# The columns the trigger of migration 3 watches, frozen as they were when it was written:
# the trigger is part of that schema, the same for a new database and a migrated one,
# whatever TIMED_FIELDS becomes. A field added to TIMED_FIELDS needs a new migration that
# drops and recreates the trigger with the new list (a test compares the two).
MIGRATION_3_TIMED_FIELDS = (
    "formatted_name",
    "given_name",
    "family_name",
    "nickname",
    "organization",
    "department",
    "title",
    "birthday",
    "notes",
    "level",
    "circle",
    "roles",
    "trust",
    "cadence_days",
    "archived",
    "photo",
)


def _field_time_trigger() -> str:
    selects = " UNION ALL ".join(
        f"SELECT '{name}' WHERE OLD.{name} IS NOT NEW.{name}" for name in MIGRATION_3_TIMED_FIELDS
    )
    return (
        "CREATE TRIGGER IF NOT EXISTS contact_field_time_update AFTER UPDATE ON contact BEGIN "
        "INSERT OR REPLACE INTO contact_field_time (contact_id, field, changed_at) "
        "SELECT NEW.id, changed.f, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
        f"FROM (SELECT NULL AS f WHERE 0 UNION ALL {selects}) AS changed; END"
    )


_SCHEMA = [
    'CREATE TABLE IF NOT EXISTS "sync_account" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"name" VARCHAR(255) NOT NULL, "url" VARCHAR(255) NOT NULL, '
    '"username" VARCHAR(255) NOT NULL, "principal_url" VARCHAR(255) NOT NULL, '
    '"addressbook_home" VARCHAR(255) NOT NULL, "calendar_home" VARCHAR(255) NOT NULL, '
    '"addressbook_url" VARCHAR(255) NOT NULL, "trusted_cert" TEXT NOT NULL, '
    '"sync_private" INTEGER NOT NULL, "sync_history" INTEGER NOT NULL, '
    '"created_at" DATETIME NOT NULL, "last_sync_at" DATETIME, "last_ok_at" DATETIME, '
    '"last_result" TEXT NOT NULL)',
    'CREATE UNIQUE INDEX IF NOT EXISTS "sync_account_name" ON "sync_account" ("name")',
    'CREATE TABLE IF NOT EXISTS "sync_collection" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"account_id" INTEGER NOT NULL, "url" VARCHAR(255) NOT NULL, "kind" VARCHAR(255) NOT NULL, '
    '"sync_token" TEXT NOT NULL, "ctag" TEXT NOT NULL, '
    'FOREIGN KEY ("account_id") REFERENCES "sync_account" ("id") ON DELETE CASCADE)',
    'CREATE INDEX IF NOT EXISTS "sync_collection_account_id" ON "sync_collection" ("account_id")',
    'CREATE UNIQUE INDEX IF NOT EXISTS "sync_collection_account_id_url_kind" '
    'ON "sync_collection" ("account_id", "url", "kind")',
    'CREATE TABLE IF NOT EXISTS "sync_item" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"collection_id" INTEGER NOT NULL, "kind" VARCHAR(255) NOT NULL, "local_id" INTEGER, '
    '"uid" VARCHAR(255) NOT NULL, "href" VARCHAR(255), "etag" VARCHAR(255), '
    '"hash" VARCHAR(255) NOT NULL, "base" TEXT NOT NULL, "remote_deleted" INTEGER NOT NULL, '
    'FOREIGN KEY ("collection_id") REFERENCES "sync_collection" ("id") ON DELETE CASCADE)',
    'CREATE INDEX IF NOT EXISTS "sync_item_collection_id" ON "sync_item" ("collection_id")',
    'CREATE UNIQUE INDEX IF NOT EXISTS "sync_item_collection_id_uid" '
    'ON "sync_item" ("collection_id", "uid")',
    'CREATE INDEX IF NOT EXISTS "sync_item_collection_id_href" '
    'ON "sync_item" ("collection_id", "href")',
    'CREATE INDEX IF NOT EXISTS "sync_item_kind_local_id" ON "sync_item" ("kind", "local_id")',
    'CREATE TABLE IF NOT EXISTS "sync_conflict" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"account_id" INTEGER NOT NULL, "object" VARCHAR(255) NOT NULL, '
    '"uid" VARCHAR(255) NOT NULL, "local_id" INTEGER, "field" VARCHAR(255) NOT NULL, '
    '"kept" TEXT NOT NULL, "other" TEXT NOT NULL, "created_at" DATETIME NOT NULL, '
    '"resolved" INTEGER NOT NULL, '
    'FOREIGN KEY ("account_id") REFERENCES "sync_account" ("id") ON DELETE CASCADE)',
    'CREATE INDEX IF NOT EXISTS "sync_conflict_account_id" ON "sync_conflict" ("account_id")',
    'CREATE INDEX IF NOT EXISTS "sync_conflict_local_id" ON "sync_conflict" ("local_id")',
    'CREATE TABLE IF NOT EXISTS "contact_field_time" ("contact_id" INTEGER NOT NULL, '
    '"field" VARCHAR(255) NOT NULL, "changed_at" VARCHAR(255) NOT NULL, '
    'PRIMARY KEY ("contact_id", "field"))',
    _field_time_trigger(),
    # A contact removed for good takes its field times with it.
    "CREATE TRIGGER IF NOT EXISTS contact_field_time_delete AFTER DELETE ON contact BEGIN "
    "DELETE FROM contact_field_time WHERE contact_id = OLD.id; END",
]


def create_sync_schema(db: peewee.SqliteDatabase) -> None:
    """Schema 3 (the sync tables and the field-time triggers); safe to run twice."""
    for statement in _SCHEMA:
        db.execute_sql(statement)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)

"""Peewee models for every concept of the domain (SPEC §1).

Rows that undo deletes and puts back (contacts, interactions, exchanges, relationships,
goals, follow-ups) have AUTOINCREMENT keys: SQLite never hands a deleted row's id to a
newer one, so a snapshot can always be restored with its own id.

``database`` is initialised by :func:`app.db.open_database`; nothing here opens a file.
Derived values kept in columns for speed (``Contact.last_contact``, ``Contact.due_on``,
``Contact.balance``) are only written by :mod:`app.derived`, in the same transaction as
the facts they come from.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import uuid
from typing import Any

import peewee
from peewee import (
    SQL,
    BlobField,
    BooleanField,
    CharField,
    CompositeKey,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    SqliteDatabase,
    TextField,
)
from playhouse.sqlite_ext import AutoIncrementField, FTS5Model, RowIDField, SearchField

# The vocabularies live in app.enums (no Peewee, for a fast command line); they stay part
# of this module's API.
from app.enums import Circle as Circle
from app.enums import Direction as Direction
from app.enums import ExchangeKind as ExchangeKind
from app.enums import FollowUpKind as FollowUpKind
from app.enums import InteractionKind as InteractionKind
from app.enums import Level as Level
from app.enums import RelationshipType as RelationshipType
from app.enums import Role as Role
from app.errors import DatabaseBusy, DatabaseReadOnly

log = logging.getLogger(__name__)


class _WriteTransaction(peewee._transaction):  # type: ignore[misc]
    """Peewee's outermost transaction, made safe for several writing processes.

    It begins ``IMMEDIATE`` (waiting for the busy timeout instead of failing when a read
    would later have to become a write), turns SQLite's refusal to write a read-only file
    into :class:`~app.errors.DatabaseReadOnly`, and when
    COMMIT fails it reports that failure, not the "cannot rollback - no transaction is
    active" of a rollback SQLite already did.
    """

    def _begin(self) -> None:
        args, kwargs = self._begin_args
        kwargs = {"lock_type": "IMMEDIATE", **kwargs}
        try:
            self.db.begin(*args, **kwargs)
        except peewee.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise DatabaseBusy(self.db.file_path or str(self.db.database)) from exc
            raise

    def _rollback_quietly(self) -> None:
        self.db._clear_commit_callbacks()
        try:
            connection = self.db.connection()
            if isinstance(connection, sqlite3.Connection) and not connection.in_transaction:
                return  # SQLite already rolled back (e.g. disk full at COMMIT)
            self.db.rollback()
        except (peewee.DatabaseError, sqlite3.Error) as exc:
            log.warning("rollback after a failed transaction failed too: %s", exc)

    def __exit__(self, exc_type: Any, exc_val: Any, exc_tb: Any) -> None:
        depth = self.db.transaction_depth()
        self.db.pop_transaction()
        if depth != 1:
            return
        if exc_type is not None:
            self._rollback_quietly()
            if self.db.read_only and "readonly" in str(exc_val):
                raise DatabaseReadOnly(self.db.file_path or str(self.db.database)) from exc_val
            return
        try:
            self.commit(False)
        except Exception:
            self._rollback_quietly()
            raise


class AlliesDatabase(SqliteDatabase):
    """SQLite whose every outermost transaction is a :class:`_WriteTransaction`.

    Every ``database.atomic()`` that is not nested therefore starts ``BEGIN IMMEDIATE``:
    code that only reads takes no transaction at all. ``read_only`` is set by
    :func:`app.db.open_database` for a file the user made read-only.
    """

    read_only = False
    file_path = ""  # the file's path (``database`` may be a ``file:`` URI)

    def transaction(self, *args: Any, **kwargs: Any) -> _WriteTransaction:
        return _WriteTransaction(self, *args, **kwargs)

    def begin(self, lock_type: str | None = None) -> None:
        if self.read_only:
            lock_type = "DEFERRED"  # no write lock on a read-only file: reads still work
        super().begin(lock_type)


database = AlliesDatabase(None)


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def new_uid() -> str:
    """A globally unique id for a row that syncs (32 hex digits, like the SQL triggers'
    ``lower(hex(randomblob(16)))`` that fill rows inserted without one)."""
    return uuid.uuid4().hex


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class Setting(BaseModel):
    """Per-database settings (the user's name, default cadences…) as JSON text."""

    key = CharField(primary_key=True)
    value = TextField()


class ImportBatch(BaseModel):
    """One import: what it created and changed, so that it can be undone."""

    started_at = DateTimeField(default=now)
    sources = TextField(default="")
    created_count = IntegerField(default=0)
    updated_count = IntegerField(default=0)
    undone = BooleanField(default=False)


class Contact(BaseModel):
    id = AutoIncrementField()
    uid = CharField(null=True, index=True)
    formatted_name = CharField()
    given_name = CharField(default="")
    family_name = CharField(default="")
    # The other parts of a vCard N (schema 2), kept so that an export gives them back;
    # a default in SQL too, for the bulk INSERTs that do not name them.
    additional_names = CharField(default="", constraints=[SQL("DEFAULT ''")])
    name_prefix = CharField(default="", constraints=[SQL("DEFAULT ''")])
    name_suffix = CharField(default="", constraints=[SQL("DEFAULT ''")])
    nickname = CharField(default="")
    organization = CharField(default="")
    department = CharField(default="")
    title = CharField(default="")
    photo = BlobField(null=True)
    birthday = CharField(null=True)  # "YYYY-MM-DD" or "--MM-DD" when the year is unknown
    notes = TextField(default="")
    level = CharField(default=Level.PEER.value)
    circle = CharField(default=Circle.OTHER.value)
    roles = CharField(default="")  # comma-separated Role values
    trust = IntegerField(default=3)
    cadence_days = IntegerField(null=True)  # None: the level's default; 0: never remind
    archived = BooleanField(default=False)
    vcard_source = TextField(null=True)
    kept_properties = TextField(default="")  # vCard lines Allies does not model, for export
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)
    # Derived, maintained by app.derived in the same transaction as their facts:
    last_contact = DateField(null=True)
    due_on = DateField(null=True)
    balance = IntegerField(default=0)

    class Meta:
        # (archived, due_on) serves the due list in order without a sort (SPEC §7).
        indexes = ((("archived", "due_on"), False),)

    @property
    def role_list(self) -> list[str]:
        return [r for r in self.roles.split(",") if r]


# The list's default order (name, case-insensitive) straight from an index: no sort, and a
# search's first page is found by walking it (app.contacts.query_contact_ids).
Contact.add_index(
    Contact.index(
        Contact.archived,
        Contact.formatted_name.collate("NOCASE"),
        Contact.id,
        name="contact_archived_name_nocase",
    )
)


class EmailAddress(BaseModel):
    contact = ForeignKeyField(Contact, backref="emails", on_delete="CASCADE")
    address = CharField(collation="NOCASE", index=True)
    label = CharField(default="")
    position = IntegerField(default=0)


class PhoneNumber(BaseModel):
    contact = ForeignKeyField(Contact, backref="phones", on_delete="CASCADE")
    number = CharField()  # as shown: international format when it could be parsed
    normalized = CharField(index=True)  # E.164 (or bare digits) for matching
    label = CharField(default="")
    position = IntegerField(default=0)


class PostalAddress(BaseModel):
    contact = ForeignKeyField(Contact, backref="addresses", on_delete="CASCADE")
    label = CharField(default="")
    po_box = CharField(default="")
    extended = CharField(default="")
    street = CharField(default="")
    locality = CharField(default="")
    region = CharField(default="")
    postal_code = CharField(default="")
    country = CharField(default="")
    position = IntegerField(default=0)


class Link(BaseModel):
    """A web or social-network address."""

    contact = ForeignKeyField(Contact, backref="links", on_delete="CASCADE")
    url = CharField()
    label = CharField(default="")
    position = IntegerField(default=0)


class Tag(BaseModel):
    name = CharField(unique=True, collation="NOCASE")


class ContactTag(BaseModel):
    contact = ForeignKeyField(Contact, backref="tag_links", on_delete="CASCADE")
    tag = ForeignKeyField(Tag, backref="contact_links", on_delete="CASCADE")

    class Meta:
        primary_key = CompositeKey("contact", "tag")
        indexes = ((("tag", "contact"), False),)


class Interaction(BaseModel):
    id = AutoIncrementField()
    occurred_on = DateField(index=True)
    kind = CharField(default=InteractionKind.OTHER.value)
    summary = CharField(default="")
    notes = TextField(default="")
    created_at = DateTimeField(default=now)
    import_batch = ForeignKeyField(ImportBatch, null=True, on_delete="SET NULL")
    uid = CharField(null=True, unique=True, default=new_uid)  # identity across devices
    # What it was captured from ("message-id:<root>#YYYY-MM-DD", "event:<uid>"), so a rescan
    # or a second device never proposes it again; synced as X-ALLIES-ORIGIN.
    origin = TextField(null=True, index=True)


class Participant(BaseModel):
    interaction = ForeignKeyField(Interaction, backref="participants", on_delete="CASCADE")
    contact = ForeignKeyField(Contact, backref="participations", on_delete="CASCADE")

    class Meta:
        primary_key = CompositeKey("interaction", "contact")
        indexes = ((("contact", "interaction"), False),)


class Exchange(BaseModel):
    id = AutoIncrementField()
    contact = ForeignKeyField(Contact, backref="exchanges", on_delete="CASCADE")
    interaction = ForeignKeyField(Interaction, null=True, backref="exchanges", on_delete="SET NULL")
    occurred_on = DateField(index=True)
    direction = CharField()
    kind = CharField(default=ExchangeKind.HELP.value)
    description = TextField(default="")
    weight = IntegerField(default=1)
    outcome = CharField(default="")
    thanked = BooleanField(default=False)
    created_at = DateTimeField(default=now)
    uid = CharField(null=True, unique=True, default=new_uid)  # identity across devices


class Relationship(BaseModel):
    """A typed link ``source -type-> target`` (``A reports-to B``, ``A introduced-by B``)."""

    id = AutoIncrementField()
    source = ForeignKeyField(Contact, backref="relationships_out", on_delete="CASCADE")
    target = ForeignKeyField(Contact, backref="relationships_in", on_delete="CASCADE")
    type = CharField()
    note = TextField(default="")
    created_at = DateTimeField(default=now)

    class Meta:
        indexes = (
            (("source", "target", "type"), True),
            (("target",), False),
        )


class Goal(BaseModel):
    id = AutoIncrementField()
    title = CharField()
    description = TextField(default="")
    target_date = DateField(null=True)
    achieved = BooleanField(default=False)
    created_at = DateTimeField(default=now)
    uid = CharField(null=True, unique=True, default=new_uid)  # identity across devices


class GoalContact(BaseModel):
    goal = ForeignKeyField(Goal, backref="contact_links", on_delete="CASCADE")
    contact = ForeignKeyField(Contact, backref="goal_links", on_delete="CASCADE")
    note = TextField(default="")

    class Meta:
        primary_key = CompositeKey("goal", "contact")


class FollowUp(BaseModel):
    """A dated to-do about a contact, or a snooze of its reminders until ``due_on``."""

    id = AutoIncrementField()
    contact = ForeignKeyField(Contact, backref="follow_ups", on_delete="CASCADE")
    kind = CharField(default=FollowUpKind.TODO.value)
    due_on = DateField(index=True)
    text = TextField(default="")
    done = BooleanField(default=False)
    created_at = DateTimeField(default=now)
    uid = CharField(null=True, unique=True, default=new_uid)  # identity across devices


class ImportChange(BaseModel):
    """What one import did: created or updated (from ``before``) a contact, or created a
    tag. A row names either a contact (``contact_id``) or a tag (``tag_id``), never both."""

    batch = ForeignKeyField(ImportBatch, backref="changes", on_delete="CASCADE")
    contact_id = IntegerField(null=True, index=True)
    tag_id = IntegerField(null=True)
    action = CharField()  # "created" | "updated" (a contact) | "tag-created" (a tag)
    before = TextField(null=True)  # JSON snapshot of the contact before an update


class NotificationLog(BaseModel):
    """What the reminder service notified, so a restart does not notify again."""

    key = CharField()  # e.g. "contact:42", "followup:7", "summary"
    day = DateField()
    sent_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("key", "day"), True),)


class CaptureSource(BaseModel):
    """A mailbox, local mail folder or calendar the user opted into (SPEC §11).

    ``kind`` is ``imap``, ``maildir``, ``mbox``, ``ics`` or ``account``; ``location`` the
    URL (``imaps://host:993``), the path or the account's name. The password of an IMAP
    source is in the keyring (:mod:`app.secrets`), never here.
    """

    id = AutoIncrementField()
    name = CharField(unique=True)
    kind = CharField()
    location = TextField()
    username = CharField(default="")
    folders = TextField(default="")  # JSON list of IMAP folders; empty: inbox and sent
    owner_addresses = TextField(default="")  # the mailbox owner's addresses, found by scans
    created_at = DateTimeField(default=now)
    last_scan_at = DateTimeField(null=True)
    last_error = TextField(default="")
    # PEM of an IMAP certificate the user chose to trust (schema 7 added it: DEFAULT '')
    trusted_cert = TextField(default="", constraints=[SQL("DEFAULT ''")])


class CaptureMark(BaseModel):
    """Where a source's last scan stopped: per IMAP folder its UIDVALIDITY and highest UID,
    an mbox's offset, a calendar file's ETag (JSON in ``value``)."""

    source = ForeignKeyField(CaptureSource, backref="marks", on_delete="CASCADE", index=False)
    key = CharField()
    value = TextField()

    class Meta:
        indexes = ((("source", "key"), True),)


class CaptureSeen(BaseModel):
    """A Maildir message already read (its unique file name, flags cut off)."""

    source = ForeignKeyField(CaptureSource, on_delete="CASCADE", index=False)
    name = CharField()

    class Meta:
        primary_key = CompositeKey("source", "name")
        without_rowid = True


class CaptureCorrespondent(BaseModel):
    """An address that is not a contact, and one thread it took part in: several threads
    make it a proposed contact."""

    source = ForeignKeyField(CaptureSource, on_delete="CASCADE", index=False)
    address = CharField()
    thread = CharField()
    name = CharField(default="")

    class Meta:
        primary_key = CompositeKey("source", "address", "thread")
        without_rowid = True


class Suggestion(BaseModel):
    """An open proposal: an interaction (``kind='interaction'``) or a new contact.

    ``id`` is stable (a hash of ``key``), so a rescan or a second device finds the same one;
    ``key`` is the origin an accepted interaction keeps, or ``contact:<address>``.
    """

    id = CharField(primary_key=True)
    key = TextField(unique=True)
    kind = CharField()
    source = ForeignKeyField(CaptureSource, null=True, backref="suggestions", on_delete="CASCADE")
    occurred_on = DateField(null=True)
    interaction_kind = CharField(default="")
    summary = TextField(default="")
    contact_ids = TextField(default="")  # comma-separated
    name = CharField(default="")
    email = CharField(default="")
    created_at = DateTimeField(default=now)


class Dismissal(BaseModel):
    """A suggestion the user dismissed: its key never comes back, even after a forget."""

    key = TextField(primary_key=True)
    dismissed_at = DateTimeField(default=now)


class ContactSearch(FTS5Model):
    """Full-text index over contacts; rowid = Contact.id. Kept in step by app.contacts."""

    rowid = RowIDField()
    name = SearchField()
    organization = SearchField()
    emails = SearchField()
    tags = SearchField()
    notes = SearchField()

    class Meta:
        database = database
        table_name = "contact_search"
        options = {"prefix": "1 2 3", "tokenize": "unicode61 remove_diacritics 2"}


ALL_MODELS: list[type[Model]] = [
    Setting,
    ImportBatch,
    Contact,
    EmailAddress,
    PhoneNumber,
    PostalAddress,
    Link,
    Tag,
    ContactTag,
    Interaction,
    Participant,
    Exchange,
    Relationship,
    Goal,
    GoalContact,
    FollowUp,
    ImportChange,
    NotificationLog,
    CaptureSource,
    CaptureMark,
    CaptureSeen,
    CaptureCorrespondent,
    Suggestion,
    Dismissal,
    ContactSearch,
]

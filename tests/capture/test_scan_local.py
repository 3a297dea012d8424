"""Scanning local Maildir and mbox folders and .ics files: exactly the right suggestions,
incremental, private (issue 16)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import peewee
import pytest

from app import settings
from app.capture import suggestions as inbox
from app.capture.scan import scan
from app.capture.sources import add_local_source, list_sources, remove_source
from app.derived import due_contacts, refresh_derived
from app.errors import ValidationError
from app.models import CaptureCorrespondent, CaptureMark, CaptureSeen, Contact, Interaction
from tests.helpers import mail


def described(contacts: dict[str, int]) -> set[tuple]:
    """The open interaction suggestions as (kind, date, summary, participant e-mails)."""
    emails = {
        contacts["anna"]: mail.ANNA[1],
        contacts["bernd"]: mail.BERND[1],
        contacts["carla"]: mail.CARLA[1],
    }
    return {
        (
            s.interaction_kind,
            s.date.isoformat(),
            s.summary,
            tuple(sorted(emails[c] for c in s.contact_ids)),
        )
        for s in inbox.open_suggestions()
        if s.kind == inbox.INTERACTION
    }


def proposed_contacts() -> set[tuple[str, str]]:
    return {(s.name, s.email) for s in inbox.open_suggestions() if s.kind == inbox.CONTACT}


@pytest.mark.parametrize("kind", ["maildir", "mbox"])
def test_a_local_mailbox_yields_exactly_the_right_suggestions(
    kind: str, contacts: dict[str, int], maildir: Path, mbox: Path
) -> None:
    add_local_source(kind, maildir if kind == "maildir" else mbox)
    report = scan()
    assert not report.failed
    [result] = report.results
    assert result.new_messages == len(mail.scenario())
    assert result.suggestions == 5
    assert described(contacts) == mail.EXPECTED_MAIL
    # Dora is proposed with the name from her header; the alias, Eve, the owner are not.
    assert proposed_contacts() == {mail.DORA}


@pytest.mark.parametrize("kind", ["maildir", "mbox"])
def test_a_rescan_adds_nothing_and_one_new_message_adds_exactly_one(
    kind: str, contacts: dict[str, int], maildir: Path, mbox: Path
) -> None:
    add_local_source(kind, maildir if kind == "maildir" else mbox)
    scan()
    before = {s.id for s in inbox.open_suggestions()}
    again = scan().results[0]
    assert (again.new_messages, again.suggestions) == (0, 0)
    assert {s.id for s in inbox.open_suggestions()} == before
    if kind == "maildir":
        mail.write_maildir(maildir, [mail.new_message()])
    else:
        mail.write_mbox(mbox, [mail.new_message()])
    third = scan().results[0]
    assert (third.new_messages, third.suggestions) == (1, 1)
    [new] = [s for s in inbox.open_suggestions() if s.id not in before]
    assert (new.summary, new.date, new.contact_ids) == (
        "Quarterly numbers",
        dt.date(2026, 11, 20),
        (contacts["anna"],),
    )


def test_maildir_bookkeeping_survives_flag_changes(contacts: dict[str, int], maildir: Path) -> None:
    add_local_source("maildir", maildir)
    scan()
    for name in os.listdir(maildir / "new"):  # a mail client reads them: new/ -> cur/:2,S
        os.rename(maildir / "new" / name, maildir / "cur" / f"{name}:2,S")
    assert scan().results[0].new_messages == 0


def test_accepting_logs_the_interaction_and_takes_the_contact_off_the_due_list(
    contacts: dict[str, int], maildir: Path
) -> None:
    Contact.update(created_at=dt.datetime(2026, 1, 1)).execute()
    refresh_derived()
    today = dt.date(2026, 11, 20)
    assert contacts["anna"] in {e.id for e in due_contacts(today)}
    add_local_source("maildir", maildir)
    scan()
    [latest] = [s for s in inbox.open_suggestions() if s.date == dt.date(2026, 11, 3)]
    result = inbox.accept([latest.id])
    assert result.changes.interactions and contacts["anna"] in result.changes.contacts
    assert contacts["anna"] not in {e.id for e in due_contacts(today)}
    assert Contact.get_by_id(contacts["anna"]).last_contact == dt.date(2026, 11, 3)
    interaction = Interaction.get_by_id(result.interaction_ids[0])
    assert (interaction.kind, interaction.summary) == ("email", "Projektplan")
    assert interaction.origin == "message-id:<plan-1@example.org>#2026-11-03"
    assert latest.id not in {s.id for s in inbox.open_suggestions()}
    # A rescan (even after forgetting the bookkeeping) proposes nothing already accepted.
    remove_source(list_sources()[0].name, forget=True)
    add_local_source("maildir", maildir)
    scan()
    assert latest.key not in {s.key for s in inbox.open_suggestions()}
    assert Interaction.select().where(Interaction.origin == latest.key).count() == 1


def test_dismissed_suggestions_never_return(contacts: dict[str, int], maildir: Path) -> None:
    add_local_source("maildir", maildir)
    scan()
    dora = next(s for s in inbox.open_suggestions() if s.kind == inbox.CONTACT)
    lunch = next(s for s in inbox.open_suggestions() if s.summary == "Lunch next week?")
    inbox.dismiss([dora.id, lunch.id])
    remove_source(list_sources()[0].name, forget=True)  # forget keeps the dismissals
    add_local_source("maildir", maildir)
    scan()
    assert {dora.id, lunch.id}.isdisjoint({s.id for s in inbox.open_suggestions()})
    assert len(inbox.open_suggestions()) == 3


def test_accept_all_and_accepting_a_contact(contacts: dict[str, int], maildir: Path) -> None:
    add_local_source("maildir", maildir)
    scan()
    result = inbox.accept(all_interactions=True)
    assert len(result.interaction_ids) == 4 and not result.contact_ids
    [dora] = inbox.open_suggestions()
    added = inbox.accept([dora.id])
    contact = Contact.get_by_id(added.contact_ids[0])
    assert (contact.formatted_name, contact.emails[0].address) == mail.DORA
    assert inbox.open_suggestions() == []
    again_mail = mail.message(
        f"Dora <{mail.DORA[1]}>", [mail.OWNER], "Again", mail.at(21), "dora-9@partner.example"
    )
    mail.write_maildir(maildir, [mail.Mail(again_mail, "INBOX")])
    scan()
    [again] = inbox.open_suggestions()
    assert again.contact_ids == (contact.id,)


def test_the_owner_is_recognised_without_any_setting(
    db: peewee.SqliteDatabase, maildir: Path
) -> None:
    add_local_source("maildir", maildir)
    scan()
    emails = {s.email for s in inbox.open_suggestions()}
    assert mail.OWNER not in emails
    assert mail.DORA[1] in emails


def test_no_body_is_stored_anywhere(
    contacts: dict[str, int], maildir: Path, mbox: Path, db: peewee.SqliteDatabase
) -> None:
    add_local_source("maildir", maildir)
    add_local_source("mbox", mbox)
    scan()
    inbox.accept(all_interactions=True)
    path = Path(db.database)
    for candidate in (path, Path(f"{path}-wal")):
        if candidate.exists():
            assert mail.BODY_SENTINEL.encode() not in candidate.read_bytes()
            assert b"Nothing here may be stored" not in candidate.read_bytes()


def test_forget_removes_bookkeeping_and_open_suggestions(
    contacts: dict[str, int], maildir: Path
) -> None:
    add_local_source("maildir", maildir)
    scan()
    name = list_sources()[0].name
    remove_source(name, forget=True)
    assert inbox.open_suggestions() == []
    for model in (CaptureMark, CaptureSeen, CaptureCorrespondent):
        assert model.select().count() == 0


def test_remove_without_forget_keeps_the_suggestions(
    contacts: dict[str, int], maildir: Path
) -> None:
    add_local_source("maildir", maildir)
    scan()
    remove_source(list_sources()[0].name)
    assert len(inbox.open_suggestions()) == 5
    assert {s.source for s in inbox.open_suggestions()} == {None}


def test_auto_accept_logs_email_suggestions(contacts: dict[str, int], maildir: Path) -> None:
    settings.set_value("capture_auto_accept_email", True)
    add_local_source("maildir", maildir)
    result = scan().results[0]
    assert result.accepted == 4
    assert [s.kind for s in inbox.open_suggestions()] == [inbox.CONTACT]
    assert Interaction.select().where(Interaction.origin.is_null(False)).count() == 4


def test_calendar_file_yields_past_meetings_with_known_people(
    contacts: dict[str, int], tmp_path: Path
) -> None:
    today = dt.date.today()
    path = tmp_path / "calendar.ics"
    path.write_bytes(mail.ics(today))
    add_local_source("ics", path)
    result = scan().results[0]
    assert result.new_events == 6  # 4 single past events, 2 past occurrences of the 1:1
    got = {(s.interaction_kind, s.date.isoformat(), s.summary) for s in inbox.open_suggestions()}
    assert got == mail.expected_events(today)
    one_on_one = [s for s in inbox.open_suggestions() if s.summary == "1:1 Bernd"]
    assert {s.contact_ids for s in one_on_one} == {(contacts["bernd"],)}
    again = scan().results[0]
    assert (again.new_events, again.suggestions) == (0, 0)
    path.write_bytes(mail.ics(today) + b"\r\n")  # touched: read again, nothing new
    again = scan().results[0]
    assert (again.new_events, again.suggestions) == (0, 0)


def test_broken_sources_give_a_clear_status(db: peewee.SqliteDatabase, tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        add_local_source("maildir", tmp_path / "nothing")
    bad = tmp_path / "bad.ics"
    bad.write_bytes(b"BEGIN:VCALENDAR\r\nthis is not iCalendar")
    add_local_source("ics", bad)
    box = tmp_path / "box"
    mail.write_maildir(box, [])
    add_local_source("maildir", box)
    box.joinpath("cur").rmdir()
    report = scan()
    assert report.failed
    errors = {r.name: r.error for r in report.results}
    assert errors == {"bad.ics": "unreadable", "box": "not-found"}
    assert {s.name: s.last_error.split(":")[0] for s in list_sources()} == {
        "bad.ics": "unreadable",
        "box": "not-found",
    }


class CancelAfterFirstBatch:
    """A progress receiver that asks to stop after the first batch (like Cancel)."""

    def __init__(self) -> None:
        self.reports: list[tuple[int, int]] = []

    def __call__(self, done: int, total: int) -> None:
        self.reports.append((done, total))

    @property
    def cancelled(self) -> bool:
        return bool(self.reports)


@pytest.mark.parametrize("kind", ["maildir", "mbox"])
def test_an_interrupted_first_scan_resumes_where_it_stopped(
    kind: str,
    contacts: dict[str, int],
    maildir: Path,
    mbox: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("app.capture.local.BATCH", 5)
    add_local_source(kind, maildir if kind == "maildir" else mbox)
    stopper = CancelAfterFirstBatch()
    first = scan(progress=stopper).results[0]
    assert first.cancelled and first.new_messages == 5
    assert len(stopper.reports) == 1
    rest = scan().results[0]
    assert not rest.cancelled and rest.new_messages == len(mail.scenario()) - 5
    assert described(contacts) == mail.EXPECTED_MAIL
    assert proposed_contacts() == {mail.DORA}
    assert scan().results[0].new_messages == 0

"""Exports: vCard 4.0 gives back every contact on import, CSV the essentials, ICS the dates."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

import peewee
from icalendar import Calendar

from app.contacts import ContactInput, Labeled, create_contact
from app.db import open_database
from app.followups import add_follow_up, set_done
from app.interchange import (
    CalendarTitles,
    commit_import,
    export_csv,
    export_ics,
    export_vcard,
    plan_import,
)
from app.interchange.store import load_contacts
from app.models import Contact, Relationship, RelationshipType
from app.relationships import add_relationship

from .conftest import DATA, all_contacts

SOURCES = sorted(
    p
    for p in DATA.rglob("*")
    if p.suffix in {".vcf", ".csv"} and p.name != "Examples__LargeFile.vcf"
)


def people() -> dict[str, tuple[ContactInput, bool, set[tuple[str, str, str, str]]]]:
    """Every contact by UID, with what an export must carry (not its source text)."""
    ids = [c.id for c in Contact.select(Contact.id)]
    stored = load_contacts(ids, relationships=True)
    names = {cid: s.input.formatted_name for cid, s in stored.items()}
    result = {}
    for s in stored.values():
        rels = {
            (names[a], names[b], kind, note) for a, b, kind, note, _ in s.relationships if a == s.id
        }
        assert s.input.uid, "every exported contact has a UID"
        result[s.input.uid] = (
            replace(s.input, vcard_source=None),
            s.archived,
            rels,
        )
    return result


def fill_allies_fields() -> None:
    """Give the imported contacts every Allies field and one relationship of each type."""
    contacts = list(Contact.select().order_by(Contact.id))
    for n, c in enumerate(contacts):
        Contact.update(
            level=["above", "peer", "below", "external"][n % 4],
            circle=["work", "university", "association", "event"][n % 4],
            roles="mentor,door-opener" if n % 3 == 0 else "",
            trust=1 + n % 5,
            cadence_days=[None, 0, 14][n % 3],
            archived=n % 7 == 0,
        ).where(Contact.id == c.id).execute()
    for n, kind in enumerate(RelationshipType):
        add_relationship(
            contacts[n].id, contacts[n + 10].id, kind.value, f"note {n}" if n % 2 else ""
        )


def test_vcard_export_then_import_gives_back_the_same_contacts(
    db: peewee.SqliteDatabase, tmp_path: Path
) -> None:
    commit_import(plan_import(SOURCES, region="DE"))
    fill_allies_fields()
    out = tmp_path / "all.vcf"
    with open(out, "w", encoding="utf-8", newline="") as fh:
        count = export_vcard(fh)
    before = people()  # after the export, which gave every contact a UID
    assert count == len(before) == Contact.select().count()
    text = out.read_bytes().decode("utf-8")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n")), "unfolded line"
    assert text.count("BEGIN:VCARD") == len(before) and "\nVERSION:4.0\r" in text
    open_database(tmp_path / "second.sqlite3")
    plan = plan_import([out], region="DE")
    assert plan.new == len(before) and not [p for p in plan.problems if p.code.startswith("photo")]
    commit_import(plan)
    after = people()
    assert after.keys() == before.keys()
    for key, value in before.items():
        assert after[key] == value, key
    assert Relationship.select().count() == len(RelationshipType)


def test_uids_are_given_once_and_kept(db: peewee.SqliteDatabase) -> None:
    create_contact(ContactInput("No Uid Yet", emails=[Labeled("n@example.com")]))
    first, second = io.StringIO(), io.StringIO()
    export_vcard(first)
    export_vcard(second)
    uid = Contact.get().uid
    assert uid and uid.startswith("urn:uuid:")
    assert f"UID:{uid}\r\n" in first.getvalue() and first.getvalue() == second.getvalue()


def test_export_a_selection_or_a_tag(db: peewee.SqliteDatabase) -> None:
    a, _ = create_contact(ContactInput("Anna", tags=["VIP"]))
    b, _ = create_contact(ContactInput("Ben"))
    create_contact(ContactInput("Carl", tags=["vip"]))
    out = io.StringIO()
    assert export_vcard(out, [a, b]) == 2
    assert export_vcard(io.StringIO(), tag="VIP") == 2
    assert export_vcard(io.StringIO(), [b], tag="VIP") == 0
    assert "FN:Anna" in out.getvalue() and "FN:Carl" not in out.getvalue()


def test_csv_export_imports_back(db: peewee.SqliteDatabase, tmp_path: Path) -> None:
    commit_import(
        plan_import(
            [
                DATA / "vcards/ez-vcard/John_Doe_EVOLUTION.vcf",
                DATA / "csv/google/google_contacts_current_format.csv",
            ],
            region="DE",
        )
    )
    fill_allies_fields_small()
    out = tmp_path / "contacts.csv"
    with open(out, "w", encoding="utf-8", newline="") as fh:
        count = export_csv(fh)
    before = all_contacts()
    assert count == len(before)
    open_database(tmp_path / "second.sqlite3")
    plan = plan_import([out], region="DE")
    assert plan.files[0].kind == "google-legacy" and plan.new == len(before)
    commit_import(plan)
    after = all_contacts()
    assert after.keys() == before.keys()
    for name, old in before.items():
        new = after[name]
        for field in (
            "given_name",
            "family_name",
            "nickname",
            "organization",
            "department",
            "title",
            "birthday",
            "notes",
            "emails",
            "phones",
            "addresses",
            "links",
            "tags",
            "level",
            "circle",
            "roles",
            "trust",
            "cadence_days",
            "uid",
        ):
            assert getattr(new.input, field) == getattr(old.input, field), (name, field)
        assert new.archived == old.archived
    assert Relationship.select().count() == 1


def fill_allies_fields_small() -> None:
    first, second, *_ = Contact.select().order_by(Contact.id)
    Contact.update(level="above", roles="sponsor", cadence_days=21, archived=True).where(
        Contact.id == first.id
    ).execute()
    add_relationship(first.id, second.id, "mentor-of")


def test_ics_holds_due_dates_birthdays_and_open_follow_ups(db: peewee.SqliteDatabase) -> None:
    today = dt.date(2026, 11, 26)
    anna, _ = create_contact(ContactInput("Anna", birthday="1985-04-12"))
    ben, _ = create_contact(ContactInput("Ben", birthday="--02-29", cadence_days=0))
    gone, _ = create_contact(ContactInput("Gone", birthday="1990-01-01"))
    Contact.update(archived=True).where(Contact.id == gone).execute()
    Contact.update(due_on=dt.date(2026, 10, 1)).where(Contact.id == anna).execute()
    add_follow_up(anna, dt.date(2026, 12, 3), "Send the article")
    done, _ = add_follow_up(ben, dt.date(2026, 12, 4), "Already done")
    set_done(done)
    out = io.StringIO()
    titles = CalendarTitles(birthday="Geburtstag: {name}", due="Melden bei {name}")
    assert export_ics(out, today=today, titles=titles) == 4
    calendar = Calendar.from_ical(out.getvalue())
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        "Geburtstag: Anna",
        "Geburtstag: Ben",
        "Melden bei Anna",
        "Send the article (Anna)",
    }
    assert events["Geburtstag: Anna"]["RRULE"]["FREQ"] == ["YEARLY"]
    assert events["Geburtstag: Anna"].decoded("DTSTART") == dt.date(1985, 4, 12)
    assert events["Geburtstag: Ben"].decoded("DTSTART") == dt.date(2000, 2, 29)
    assert events["Melden bei Anna"].decoded("DTSTART") == today  # overdue: shown today
    assert events["Send the article (Anna)"].decoded("DTSTART") == dt.date(2026, 12, 3)
    assert len({str(e["UID"]) for e in events.values()}) == 4


def test_the_demo_network_round_trips_through_vcard(
    db: peewee.SqliteDatabase, tmp_path: Path
) -> None:
    from app.demo import create_demo

    create_demo(150, today=dt.date(2026, 11, 26))
    out = tmp_path / "demo.vcf"
    with open(out, "w", encoding="utf-8", newline="") as fh:
        count = export_vcard(fh)
    before = people()
    relationships = Relationship.select().count()
    assert count == len(before) == Contact.select().count() >= 150
    open_database(tmp_path / "second.sqlite3")
    plan = plan_import([out])
    assert plan.new == len(before) and not plan.failed_files
    commit_import(plan)
    after = people()
    assert after.keys() == before.keys()
    for key, value in before.items():
        assert after[key] == value, key
    assert Relationship.select().count() == relationships

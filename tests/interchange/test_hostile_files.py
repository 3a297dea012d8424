"""Issue 12, findings 3–5, 9 and 11: files that used to raise, sniffing, formula cells,
calendar UIDs and leap days, and updates that must never make a contact worse."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import peewee
import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from app import settings
from app.contacts import ContactInput, Labeled, create_contact
from app.db import open_database
from app.followups import add_follow_up
from app.interchange import commit_import, export_csv, export_ics, export_vcard, plan_import
from app.models import Contact

from .conftest import Importer, all_contacts, codes, contact

LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --- finding 3: every one of these raised --------------------------------------------


def test_a_non_utf8_byte_in_a_vcard_21_parameter_is_no_traceback(
    do_import: Importer, tmp_path: Path
) -> None:
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Aal;Berta\r\nTEL;HOME\xa1:123 456\r\nEND:VCARD\r\n"
    plan, result = do_import(write(tmp_path, "a.vcf", data))
    assert result.created == 1
    assert len(contact("Berta Aal").phones) == 1


def test_latin1_labels_are_decoded_like_values(do_import: Importer, tmp_path: Path) -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:J\xf6rg Br\xfcck\r\n"
        b"TEL;TYPE=b\xfcro:+49 30 1234567\r\nEMAIL;TYPE=h\xe9me:j@example.com\r\n"
        b"item1.URL;TYPE=s\xe9jour:https://example.com\r\nEND:VCARD\r\n"
    )
    _, result = do_import(write(tmp_path, "latin.vcf", data))
    assert result.created == 1
    jorg = contact("Jörg Brück")
    assert jorg.phones[0].label == "büro"
    assert jorg.emails[0].label == "héme"


def test_a_newline_inside_an_unquoted_linkedin_field_is_a_skipped_row(
    do_import: Importer, tmp_path: Path
) -> None:
    data = (
        LINKEDIN_HEADER
        + '"Anna,Ba\nrt,,anna@example.com,ACME,CEO,01 Jan 2024"\r\n'
        + "Anna,Ba\rrt,,anna@example.com,ACME,CEO,01 Jan 2024\r\n"
        + "Bob,Carr,,bob@example.com,ACME,CTO,02 Jan 2024\r\n"
    )
    plan, result = do_import(write(tmp_path, "Connections.csv", data))
    assert "Bob Carr" in all_contacts()
    assert "row-field-count" in codes(plan)
    assert not plan.failed_files


@pytest.mark.parametrize("separator", ["\x0c", "\u2028", "\x1c", "\x85"])
def test_a_preamble_with_line_separators_csv_does_not_know(
    do_import: Importer, tmp_path: Path, separator: str
) -> None:
    data = f"Notes:\r\nExported{separator}by LinkedIn{separator}\r\n\r\n" + LINKEDIN_HEADER
    data += "Anna,Bart,,anna@example.com,ACME,CEO,01 Jan 2024\r\n"
    plan, result = do_import(write(tmp_path, "Connections.csv", data))
    assert result.created == 1
    assert contact("Anna Bart").organization == "ACME"


def test_a_field_larger_than_the_csv_modules_limit_imports(
    do_import: Importer, tmp_path: Path
) -> None:
    note = "word " * 60_000  # 300 kB, beyond csv's default 128 kB a field
    header = "Name,Given Name,Family Name,Notes,Group Membership\r\n"
    data = header + f'Long Note,Long,Note,"{note}",\r\nShort Note,Short,Note,,\r\n'
    _, result = do_import(write(tmp_path, "google.csv", data))
    assert result.created == 2
    assert contact("Long Note").notes == note.strip()


# --- finding 4: what a file is ----------------------------------------------------------

PASTED = "BEGIN:VCARD\nVERSION:3.0\nFN:Injected Person\nEMAIL:evil@example.com\nEND:VCARD"


def test_allies_csv_export_of_a_note_with_a_pasted_vcard_comes_back(
    db: peewee.SqliteDatabase, tmp_path: Path
) -> None:
    create_contact(ContactInput("Real Person", notes=PASTED, emails=[Labeled("r@example.com")]))
    for n in range(150):
        create_contact(ContactInput(f"Other {n}"))
    out = io.StringIO()
    export_csv(out)
    path = write(tmp_path, "allies.csv", out.getvalue())
    other = tmp_path / "other"
    other.mkdir()
    open_database(other / "allies.sqlite3")
    plan = plan_import([path], region="DE")
    assert plan.files[0].kind == "google-legacy"
    commit_import(plan)
    found = all_contacts()
    assert "Injected Person" not in found
    assert len(found) == 151
    assert found["Real Person"].input.notes == PASTED


def test_a_csv_named_file_with_a_vcard_cell_is_never_read_as_vcard(
    do_import: Importer, tmp_path: Path
) -> None:
    data = f'Who,What\r\nme,"{PASTED}"\r\n'
    plan = plan_import([write(tmp_path, "list.csv", data)], region="DE")
    assert plan.files[0].failed is not None
    assert plan.files[0].failed.code == "file-unknown-format"
    assert plan.new == 0


def test_vcard_data_after_a_mail_preamble_is_still_vcard(
    do_import: Importer, tmp_path: Path
) -> None:
    data = f"Here is my card:\r\n\r\n{PASTED}\r\n".replace("\n", "\r\n").replace("\r\r", "\r")
    _, result = do_import(write(tmp_path, "card.vcf", data))
    assert result.created == 1


# --- finding 5: formula cells -------------------------------------------------------------

FORMULAS = {
    "formatted_name": '=HYPERLINK("http://evil.example","x")',
    "organization": "+SUM(1,2)",
    "title": "-2+3",
    "notes": "@cmd|' /C calc'!A0",
    "nickname": "@alex",
    "summary_tab": "\tTabbed",  # names may not hold a tab (issue 12.10): a note can
    "department": "'quoted already",
}


def test_csv_export_neutralises_formula_cells_and_our_import_takes_the_mark_off(
    db: peewee.SqliteDatabase, tmp_path: Path
) -> None:
    fields = {k: v for k, v in FORMULAS.items() if k != "summary_tab"}
    fields["notes"] = FORMULAS["summary_tab"] + " " + FORMULAS["notes"]
    create_contact(ContactInput(**fields, tags=["=tag"]))
    out = io.StringIO()
    export_csv(out)
    text = out.getvalue()
    for value in fields.values():
        assert f"'{value}" in text.replace('""', '"')
    import csv

    rows = list(csv.reader(io.StringIO(text, newline="")))
    for cell in rows[1]:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    other = tmp_path / "other"
    other.mkdir()
    open_database(other / "allies.sqlite3")
    commit_import(plan_import([write(tmp_path, "x.csv", text)], region="DE"))
    (back,) = all_contacts().values()
    for name, value in fields.items():
        # the reader strips the blanks around a value: the tab that led the note goes
        assert getattr(back.input, name) == value.strip()
    assert back.input.tags == ["=tag"]


def test_a_quote_in_someone_elses_csv_is_their_text(do_import: Importer, tmp_path: Path) -> None:
    data = "Name,Given Name,Family Name,Notes\r\n'Quoted Name,Quoted,Name,'=1+1\r\n"
    do_import(write(tmp_path, "google.csv", data))
    assert contact("'Quoted Name").notes == "'=1+1"


# --- finding 9: the calendar ---------------------------------------------------------------


def calendar_events(today: dt.date = dt.date(2026, 12, 6)) -> list:
    out = io.StringIO()
    export_ics(out, today=today)
    return list(Calendar.from_ical(out.getvalue()).walk("VEVENT"))


def test_ics_uids_come_from_the_contacts_uid_never_a_row_id(
    db: peewee.SqliteDatabase, tmp_path: Path
) -> None:
    cid, _ = create_contact(ContactInput("Ann", birthday="1980-05-01", cadence_days=10))
    add_follow_up(cid, dt.date(2027, 1, 1), "send the article")
    uid = Contact.get_by_id(cid).uid
    first = {str(e["UID"]) for e in calendar_events()}
    uid = Contact.get_by_id(cid).uid  # given on the first export, stored
    assert uid and len(first) == 3
    bare = uid.removeprefix("urn:uuid:")
    assert all(u.startswith(bare) for u in first)
    assert first == {str(e["UID"]) for e in calendar_events()}  # stable
    other = tmp_path / "other"
    other.mkdir()
    open_database(other / "allies.sqlite3")
    cid2, _ = create_contact(ContactInput("Ann", birthday="1980-05-01", cadence_days=10))
    add_follow_up(cid2, dt.date(2027, 1, 1), "send the article")
    assert cid2 == cid
    assert first.isdisjoint(str(e["UID"]) for e in calendar_events())


@pytest.mark.parametrize("birthday", ["1992-02-29", "--02-29"])
def test_a_29_february_birthday_shows_every_year(db: peewee.SqliteDatabase, birthday: str) -> None:
    create_contact(ContactInput("Leap Day", birthday=birthday))
    (event,) = [e for e in calendar_events() if "RRULE" in e]
    start = event.decoded("DTSTART")
    rule = rrulestr(
        event["RRULE"].to_ical().decode(), dtstart=dt.datetime.combine(start, dt.time())
    )
    days = [d.date() for d in rule.between(dt.datetime(2025, 1, 1), dt.datetime(2029, 1, 1))]
    assert days == [
        dt.date(2025, 2, 28),
        dt.date(2026, 2, 28),
        dt.date(2027, 2, 28),
        dt.date(2028, 2, 29),
    ]


# --- finding 11: updates that never degrade ------------------------------------------------


def test_a_fuller_name_is_not_replaced_by_its_abbreviation(do_import: Importer) -> None:
    do_import(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bernd Okafor\r\nN:Okafor;Bernd;;;\r\n"
        "EMAIL:bernd@example.com\r\nEND:VCARD\r\n"
    )
    _, result = do_import(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:B. Okafor\r\nN:Okafor;B.;;;\r\n"
        "EMAIL:bernd@example.com\r\nTITLE:CFO\r\nEND:VCARD\r\n"
    )
    assert result.updated == 1
    bernd = contact("Bernd Okafor")
    assert (bernd.given_name, bernd.title) == ("Bernd", "CFO")


def test_every_n_component_is_kept_and_written_back(do_import: Importer, tmp_path: Path) -> None:
    do_import(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Dr. Henrike Maria Lindqvist-Öberg MBA\r\n"
        "N:Lindqvist-Öberg;Henrike;Maria;Dr.;MBA\r\nEND:VCARD\r\n"
    )
    out = io.StringIO()
    export_vcard(out)
    assert "N:Lindqvist-Öberg;Henrike;Maria;Dr.;MBA\r\n" in out.getvalue()
    csv_out = io.StringIO()
    export_csv(csv_out)
    other = tmp_path / "other"
    other.mkdir()
    open_database(other / "allies.sqlite3")
    commit_import(plan_import([write(tmp_path, "x.csv", csv_out.getvalue())], region="DE"))
    henrike = contact("Dr. Henrike Maria Lindqvist-Öberg MBA")
    assert (henrike.additional_names, henrike.name_prefix, henrike.name_suffix) == (
        "Maria",
        "Dr.",
        "MBA",
    )


@pytest.mark.parametrize(
    "line",
    [
        "BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-15",
        "BDAY:1900-03-15",
        "BDAY:1604-03-15",
        "BDAY;VALUE=date:19000315",
    ],
)
def test_year_placeholders_read_as_no_year(do_import: Importer, line: str) -> None:
    do_import(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:No Year\r\n{line}\r\nEND:VCARD\r\n")
    assert contact("No Year").birthday == "--03-15"


def test_a_new_contact_of_another_organisation_is_external(do_import: Importer) -> None:
    settings.set_value("user_organization", "ACME GmbH")
    do_import(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Colleague\r\nORG:acme gmbh\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Outsider\r\nORG:Globex\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nowhere\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Told\r\nORG:Globex\r\nX-ALLIES-LEVEL:above\r\nEND:VCARD\r\n"
    )
    levels = {name: s.input.level for name, s in all_contacts().items()}
    assert levels == {
        "Colleague": "peer",
        "Outsider": "external",
        "Nowhere": "peer",
        "Told": "above",
    }


def test_any_exception_inside_a_file_is_a_reported_problem_and_changes_nothing(
    do_import: Importer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.interchange import importer

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug the fuzzer has not found yet")

    good = write(tmp_path, "good.vcf", "BEGIN:VCARD\r\nFN:Good\r\nEND:VCARD\r\n")
    bad = write(tmp_path, "bad.csv", LINKEDIN_HEADER + "A,B,,,,,\r\n")
    monkeypatch.setattr(importer.csv_reader, "read_csv", broken)
    plan, result = do_import(good, bad)
    (failed,) = plan.failed_files
    assert failed.file == str(bad) and failed.failed is not None
    assert failed.failed.code == "file-unreadable"
    assert "RuntimeError: a bug the fuzzer has not found yet" in failed.failed.reason
    assert set(all_contacts()) == {"Good"}

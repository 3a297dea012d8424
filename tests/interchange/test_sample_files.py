"""Every real-world sample in shared/data imports; the tricky fields come out right.

The expected values were taken by reading the files (bytes where the encoding matters).
"""

from __future__ import annotations

import datetime as dt

import peewee
import pytest

from app.contacts import ContactInput
from app.interchange import plan_import
from app.interchange.photos import image_kind
from app.interchange.problems import Severity
from app.models import Interaction, Participant, Relationship

from .conftest import DATA, Importer, all_contacts, codes, contact

SAMPLES = sorted(
    str(p.relative_to(DATA)) for p in DATA.rglob("*") if p.suffix.lower() in {".vcf", ".csv"}
)
UNREADABLE = {
    "vcards/VCards/TestFiles__Empty.vcf": "file-empty",
    "csv/linkedin/Connections_user_edited_malformed.csv": "file-unknown-format",
}


def test_the_samples_are_there() -> None:
    assert len(SAMPLES) >= 60


@pytest.mark.parametrize("name", SAMPLES)
def test_every_card_is_imported_or_reported(do_import: Importer, name: str) -> None:
    plan, result = do_import(name)
    (file,) = plan.files
    assert not {"card-unreadable", "property-unreadable"} & set(codes(plan)), plan.problems
    if name in UNREADABLE:
        assert file.failed is not None and file.failed.code == UNREADABLE[name]
        assert result.batch_id is None and not all_contacts()
        return
    assert file.failed is None
    assert file.cards == file.new + file.updated + file.unchanged + file.skipped + file.groups
    skipped = [p for p in file.problems if p.severity is Severity.ERROR]
    assert len(skipped) == file.skipped
    assert all(p.card and p.line and p.file == file.file for p in skipped)
    assert len(all_contacts()) == result.created


def _one(name: str) -> ContactInput:
    """The single contact of a file."""
    (only,) = all_contacts().values()
    assert only.input.formatted_name == name
    return only.input


def test_outlook_german_windows_1252_without_charset(do_import: Importer) -> None:
    do_import("vcards/VCards/BenchmarksCurrentVersion__TestFiles__German.vcf")
    c = _one("Sören Täve Nüßlebaum")
    assert (c.given_name, c.family_name) == ("Sören", "Nüßlebaum")
    assert c.addresses[0].locality == "Mößlitz"


@pytest.mark.parametrize(
    ("name", "full", "family", "city"),
    [
        ("Examples__AnsiFilterExamples__Greek.vcf", "Βαγγέλης", "Παπαθανασίου", "Αθήνα"),
        ("TestFiles__Utf-8__Greek.vcf", "Βαγγέλης", "Παπαθανασίου", "Αθήνα"),
        (
            "BenchmarksCurrentVersion__TestFiles__Ukrainian.vcf",
            "Віталій Володимирович Кличко",
            "Кличко",
            "Київ",
        ),
        ("TestFiles__Utf-8__Ukrainian.vcf", "Віталій Володи́мирович Кличко́", "Кличко́", "Київ"),
        ("Examples__AnsiFilterExamples__Hebrew.vcf", "אפרים קישון", "Kishon", None),
        ("TestFiles__Utf-8__Hebrew.vcf", "אפרים קישון", "Kishon", None),
        ("Examples__AnsiFilterExamples__utf-8.vcf", "孔夫子", "Konfuzius", None),
    ],
)
def test_greek_hebrew_ukrainian_in_utf8_and_undeclared_code_pages(
    do_import: Importer, name: str, full: str, family: str, city: str | None
) -> None:
    do_import(f"vcards/VCards/{name}")
    c = _one(full)
    assert c.family_name == family
    if city:
        assert c.addresses[0].locality == city


@pytest.mark.parametrize(
    "name",
    [
        "TestFiles__AnsiIssue.vcf",
        "TestFiles__AnsiIssueInvalidEncoding.vcf",
        "TestFiles__AnsiIssueNoEncoding.vcf",
    ],
)
def test_latin1_address_with_valid_bogus_or_missing_charset(do_import: Importer, name: str) -> None:
    plan, _ = do_import(f"vcards/VCards/{name}")
    c = _one("Ralf Rastral")
    assert c.addresses[0].street == "Lämmerweg 12"
    assert c.addresses[0].label == "home"
    assert ("unknown-charset" in codes(plan)) == ("Invalid" in name)
    if name == "TestFiles__AnsiIssue.vcf":  # Outlook's business-card picture, no PHOTO
        assert c.photo is not None and image_kind(c.photo) == "jpeg"


def test_bogus_charset_name_murks(do_import: Importer) -> None:
    plan, _ = do_import("vcards/VCards/TestFiles__MultiAnsiFilterTests__Murks.vcf")
    assert _one("Sören Täve Nüßlebaum").addresses[0].locality == "Mößlitz"
    assert "unknown-charset" in codes(plan)


def test_quoted_printable_umlauts_and_soft_line_breaks(do_import: Importer) -> None:
    do_import("vcards/VCards/TestFiles__v2_1.vcf")
    c = _one("Maxl")
    assert (c.organization, c.department) == ("Firma", "Führungsetage")
    assert c.notes.startswith("Kommentar ÄÄÄÄÄÄ ääääää ÖÖÖÖÖÖ öööööö ÜÜÜÜÜÜ üüüüüü ßßßßßß\n")
    assert c.notes.count("Kommentar") == 6
    assert c.birthday == "1972-01-31"
    assert [e.value for e in c.emails][0] == "privat@folker-kinzel.de"
    assert c.phones[0].value == "Tel geschäftlich"  # QP in a bare-parameter 2.1 line
    assert c.addresses[0].street == "Firmenstraße"
    assert c.photo is not None and image_kind(c.photo) == "jpeg"
    assert "ANNIVERSARY:20001224" in c.kept_properties.split("\n")


def test_truncated_file_keeps_what_it_can(do_import: Importer) -> None:
    plan, result = do_import("vcards/VCards/TestFiles__Cropped_2_1.vcf")
    assert result.created == 1 and "card-not-closed" in codes(plan)
    c = _one("Maxl")
    assert c.title == "Position"
    assert c.notes.startswith("Kommentar ÄÄÄÄÄÄ ääääää ÖÖÖÖÖÖ öööööö ÜÜÜÜÜÜ üüüü")


def test_windows_1252_with_charset_and_labels_without_adr(do_import: Importer) -> None:
    do_import("vcards/VCards/TestFiles__LabelIssue.vcf")
    c = _one("Rudi Wimmel")
    assert [(a.label, a.street) for a in c.addresses] == [
        ("work", "Business-Straße 19"),
        ("home", "Freizeitweg 4"),
        ("postal", "Sonstgasse 44"),
    ]
    assert c.links[0].value == "wurstdarm.de" and c.links[0].label == "work"


def test_label_only_addresses_are_kept(do_import: Importer) -> None:
    do_import("vcards/VCards/TestFiles__LabelTest2.vcf")
    streets = [a.street for a in _one("Rudi Wimmel").addresses]
    assert "Business-Straße 19\n76543 Schaffhausen" in streets
    assert "Fabrikstraße 1\n76543 Industriehausen" in streets


@pytest.mark.parametrize("name", ["TestFiles__Library_v2.vcf", "TestFiles__Outlook_v2.vcf"])
def test_base64_photo_with_and_without_indented_lines(do_import: Importer, name: str) -> None:
    do_import(f"vcards/VCards/{name}")
    c = _one("Herr Max Anderer Mustermann sen.")
    assert c.photo is not None and image_kind(c.photo) == "jpeg" and len(c.photo) > 20000
    assert c.emails[0].value == "max.mustermann@musterfirma.de"
    assert [p.label for p in c.phones] == ["work", "home", "cell", "work fax"]


@pytest.mark.parametrize(
    "name",
    [
        "TestFiles__MultiAnsiFilterTests__v3Ansi.vcf",
        "TestFiles__MultiAnsiFilterTests__v3Utf16Bom.vcf",
    ],
)
def test_ansi_and_utf16_resaves_read_alike(do_import: Importer, name: str) -> None:
    plan, _ = do_import(f"vcards/VCards/{name}")
    kms = contact("KMS Außenstelle")
    assert kms.organization == "KMS Außenstelle"
    assert contact("Folker Kinzel").birthday == "1978-03-11"
    assert plan.files[0].encoding.startswith("utf-16" if "Utf16" in name else "utf-8+cp1252")


def test_v3_and_v4_thunderbird(do_import: Importer) -> None:
    plan, _ = do_import("vcards/VCards/TestFiles__v4.vcf")
    max_ = contact("Dr. Max Horst Mustermann jr. Maxl SED")
    assert max_.birthday is None and "BDAY:19723101" in max_.kept_properties  # 31st month
    assert "date-invalid" in codes(plan)
    gerda = contact("Möhrke Gerda")
    assert gerda.uid == "9e49143d-201c-46cc-b1ca-b84cac8211e9"
    assert gerda.organization == "KiTa Öhrdingen"


def test_photo_v3_and_whatsapp(do_import: Importer) -> None:
    do_import("vcards/VCards/TestFiles__Photo_v3.vcf", "vcards/VCards/TestFiles__WhatsAppIssue.vcf")
    emma = contact("Emma Musterfrau")
    assert emma.birthday == "2011-03-17" and emma.photo is not None
    assert contact("zzMad Perla 45").notes == "PERLA\nmadrid"


def test_nameless_cards_are_reported(do_import: Importer) -> None:
    plan, result = do_import(
        "vcards/VCards/TestFiles__Photo_Outlook_v2.vcf", "vcards/sabre-vobject/issue64.vcf"
    )
    assert result.created == 0
    assert codes(plan).count("card-no-name") == 2


def test_large_file(do_import: Importer) -> None:
    plan, result = do_import("vcards/VCards/Examples__LargeFile.vcf")
    assert plan.files[0].cards == 1000 and result.created == 1000
    assert contact("Kasey Schmitt").family_name == "Schmitt"


def test_android_names_from_email_and_qp(do_import: Importer) -> None:
    plan, result = do_import("vcards/ez-vcard/John_Doe_ANDROID.vcf")
    assert plan.files[0].cards == 6
    # Cards 4 and 5 share the number 123456 but are two people (Ñ×11 and Ñ×4 with
    # bob@company.com): a shared phone number joins no cards within one import.
    assert result.created == 6
    names = set(all_contacts())
    assert {"john.doe@company.com", "jane.doe@company.com", "Ñ Ñ Ñ Ñ Ñ"} <= names
    assert {" ".join("Ñ" * 11), "Ñ Ñ Ñ Ñ", "ÑÑÑÑ"} <= names
    assert contact("Ñ Ñ Ñ Ñ").emails[0].value == "bob@company.com"
    assert not contact(" ".join("Ñ" * 11)).emails
    assert "photo-invalid" in codes(plan)


def test_evolution_commas_units_and_relations(do_import: Importer) -> None:
    plan, _ = do_import("vcards/ez-vcard/John_Doe_EVOLUTION.vcf")
    c = _one("Mr. John Richter, James Doe Sr.")
    assert (c.organization, c.department) == ("IBM", "Accounting, Dungeon")
    assert "WARRANTIES, INCLUDING, BUT NOT LIMITED TO," in c.notes
    assert "SERVICES; LOSS OF USE, DATA, OR PROFITS;" in c.notes
    assert c.tags == ["VIP"] and c.birthday == "1980-03-22"
    assert c.addresses[0].country == "United States of America"
    # Manager and spouse are not among the cards: kept as lines, reported, not lost.
    assert "X-EVOLUTION-MANAGER:Big Blue" in c.kept_properties
    assert codes(plan).count("related-unresolved") == 3


def test_gmail_names_with_commas_and_escaped_url(do_import: Importer) -> None:
    do_import("vcards/ez-vcard/John_Doe_GMAIL.vcf")
    c = _one("Mr. John Richter, James Doe Sr.")
    assert c.links[0].value == "http://www.ibm.com"
    assert c.notes.endswith("ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.\nFavotire Color: Blue")
    assert '"AS IS"' in c.notes
    assert "ANNIVERSARY:19750301" in c.kept_properties


@pytest.mark.parametrize(
    ("name", "full", "nickname"),
    [
        ("John_Doe_IPHONE.vcf", "Mr. John Richter James Doe Sr.", "Johny"),
        ("John_Doe_MAC_ADDRESS_BOOK.vcf", "Mr. John Richter,James Doe Sr.", "Johny"),
        ("John_Doe_LOTUS_NOTES.vcf", "Mr. Doe John I Johny", "Johny,JayJay"),
        ("John_Doe_MS_OUTLOOK.vcf", "Mr. John Richter James Doe Sr.", "Johny"),
    ],
)
def test_john_doe_clients(do_import: Importer, name: str, full: str, nickname: str) -> None:
    do_import(f"vcards/ez-vcard/{name}")
    c = _one(full)
    assert c.nickname == nickname and c.organization == "IBM"
    assert c.emails and c.emails[0].value.startswith("john.doe@ibm.c")
    if name != "John_Doe_LOTUS_NOTES.vcf":
        assert c.title == "Money Counter"


def test_outlook_notes_and_company_with_comma(do_import: Importer) -> None:
    do_import("vcards/ez-vcard/outlook-2003.vcf", "vcards/ez-vcard/outlook-2007.vcf")
    doe = contact("John Doe III")
    assert doe.organization == "Company, The" and doe.department == "TheDepartment"
    assert doe.notes == "This is the note field!!\nSecond line\n\nThird line is empty"
    assert any(
        line.startswith("KEY;X509;ENCODING=BASE64:MIID") for line in doe.kept_properties.split("\n")
    )
    mike = contact("Mr. Michael Angstadt Jr.")
    assert mike.notes.startswith("This is the NOTE field\t\nI assume it encodes")


def test_escaped_commas_stay_in_one_value(do_import: Importer) -> None:
    do_import(
        "vcards/ez-vcard/issue__issue114.vcf",
        "vcards/ez-vcard/thunderbird-MoreFunctionsForAddressBook-extension.vcf",
    )
    assert contact("Dummy, Dummy").organization == "Dummy GmbH"
    thunderbird = contact("John Doe")
    assert thunderbird.tags == ["category1, category2, category3"]
    assert thunderbird.notes.endswith('the "note" field; even curse words.')


def test_fullcontact_labels_and_duplicates(do_import: Importer) -> None:
    do_import("vcards/ez-vcard/fullcontact.vcf")
    c = _one("Prefix FirstName MiddleName LastName Suffix")
    assert [e.label for e in c.emails] == ["home", "work", "school", "other", "customtype"]
    assert (c.organization, c.department, c.birthday) == (
        "Organization1",
        "Department1",
        "2016-08-01",
    )
    assert "ORG:Organization2;Department2" in c.kept_properties.split("\n")


def test_gmail_files(do_import: Importer) -> None:
    _, result = do_import("vcards/ez-vcard/gmail-list.vcf", "vcards/ez-vcard/gmail-single.vcf")
    assert result.created == 4
    greg = contact("Greg Dartmouth")
    assert [p.label for p in greg.phones] == ["cell", "GRAND_CENTRAL"]
    assert greg.addresses[1].label == "CustomAdrType"
    assert "ANNIVERSARY:19700602" in greg.kept_properties


def test_gmail_custom_labels(do_import: Importer) -> None:
    do_import("vcards/ez-vcard/gmail-single2.vcf")
    test = _one("VCard Test")
    assert [lk.label for lk in test.links][:4] == ["", "PROFILE", "BLOG", "home page"]
    assert test.emails[-1].label == "CustomEmailCategory"


def test_cards_sharing_a_phone_number_in_one_import_stay_apart(do_import: Importer) -> None:
    # Greg's cell (555 555 1111) is the first number of "VCard Test" (5555551111), but
    # nothing else is shared: two people who share a number, both imported.
    _, result = do_import("vcards/ez-vcard/gmail-single.vcf", "vcards/ez-vcard/gmail-single2.vcf")
    assert result.created == 2
    greg, test = contact("Greg Dartmouth"), contact("VCard Test")
    assert [e.value for e in greg.emails] == ["gdartmouth@hotmail.com"]
    assert "gdartmouth@hotmail.com" not in {e.value for e in test.emails}
    assert greg.phones[0].value == test.phones[0].value


def test_a_shared_phone_number_does_not_merge_different_people(do_import: Importer) -> None:
    # Greg Dartmouth's cell number (555 555 1111) is also on Google's "VCard Test" card:
    # a phone number alone only finds a contact of a similar name, so both stay.
    do_import("vcards/ez-vcard/gmail-single.vcf")
    _, result = do_import("vcards/ez-vcard/gmail-single2.vcf")
    assert (result.created, result.updated) == (1, 0)
    assert {e.value for e in contact("Greg Dartmouth").emails} == {"gdartmouth@hotmail.com"}
    assert "email@example.com" in {e.value for e in contact("VCard Test").emails}


def test_rfc_examples(do_import: Importer) -> None:
    plan, _ = do_import(
        "vcards/ez-vcard/rfc2426-example.vcf",
        "vcards/ez-vcard/rfc6350-example.vcf",
        "vcards/rfc-examples/rfc6350_s6.2.5_bday_forms_wrapped.vcf",
    )
    assert contact("Frank Dawson").organization == "Lotus Development Corporation"
    assert contact("Tim Howes").addresses[0].postal_code == "94043"
    simon = contact("Simon Perreault")
    assert simon.birthday == "--02-03"
    assert simon.phones[0].value == "+1 418-656-9254 ext. 102"
    assert [contact(f"Bday form {n}").birthday for n in (1, 2, 3, 4)] == [
        "1996-04-15",
        "--04-15",
        "1953-10-15",
        None,
    ]
    assert "BDAY;VALUE=text:circa 1800" in contact("Bday form 4").kept_properties
    assert "ANNIVERSARY:19960415" in contact("Anniversary form").kept_properties
    assert "line-repaired" in codes(plan)


def test_group_card_tags_its_members(do_import: Importer) -> None:
    plan, result = do_import("vcards/rfc-examples/rfc6350_s6.6.5_kind_group_member.vcf")
    assert result.created == 2 and plan.files[0].groups == 1
    assert contact("John Doe").tags == ["The Doe family"]
    assert contact("Jane Doe").tags == ["The Doe family"]


def test_distribution_list_and_apple_group_without_members(do_import: Importer) -> None:
    plan, result = do_import(
        "vcards/rfc-examples/rfc6350_s6.6.5_distribution_list.vcf",
        "vcards/synthetic/apple_group_x-addressbookserver.vcf",
    )
    assert result.created == 0 and sum(f.groups for f in plan.files) == 2
    assert codes(plan).count("member-unresolved") == 6


def test_related_to_people_not_in_the_file(do_import: Importer) -> None:
    plan, _ = do_import("vcards/rfc-examples/rfc6350_s6.6.6_related_wrapped.vcf")
    c = _one("Related Example (wrapper)")
    kept = c.kept_properties.split("\n")
    assert "RELATED;TYPE=friend:urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6" in kept
    assert codes(plan).count("related-unresolved") == 3
    assert Relationship.select().count() == 0


def test_every_3_0_relationship_encoding(do_import: Importer) -> None:
    do_import("vcards/synthetic/v3_related_and_relationship_props.vcf")
    c = _one("Erika Muster")
    assert c.birthday == "--03-01"  # X-APPLE-OMIT-YEAR
    assert c.tags == ["Family", "Tennis, Club", "VIP"]
    assert c.notes == "Met at the 2004 summer fair; likes hiking\nCall before visiting."
    kept = c.kept_properties.split("\n")
    assert kept.count("ANNIVERSARY:20050618") == 1  # X-ABDATE and X-ANNIVERSARY: one date
    for line in ("X-SPOUSE:Max Muster", "X-MS-SPOUSE:Max Muster", "item3.X-ABLabel:Tennis coach"):
        assert line in kept


def test_related_and_groups_resolve_among_cards(do_import: Importer) -> None:
    spouse = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Max Muster\r\nEND:VCARD\r\n"
    coach = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Coach Carter\r\nEND:VCARD\r\n"
    do_import("vcards/synthetic/v3_related_and_relationship_props.vcf", spouse + coach)
    erika = contact("Erika Muster")
    kept = erika.kept_properties.split("\n")
    assert "X-SPOUSE:Max Muster" not in kept and "item3.X-ABLabel:Tennis coach" not in kept
    assert "item2.X-ABRELATEDNAMES:Lena Muster" in kept  # still unknown
    links = {
        (r.source.formatted_name, r.target.formatted_name, r.type, r.note)
        for r in Relationship.select()
    }
    assert links == {
        ("Erika Muster", "Max Muster", "knows", "spouse"),
        ("Erika Muster", "Coach Carter", "knows", "Tennis coach"),
    }


def test_caret_escapes_quoted_params_and_lf_only(do_import: Importer) -> None:
    do_import(
        "vcards/synthetic/v4_rfc6868_caret_and_quoted_params.vcf",
        "vcards/synthetic/v21_lf_only_no_trailing_newline.vcf",
        "vcards/vobject/radicale-1587.vcf",
    )
    caret = contact("Caret Example")
    assert caret.phones[0].label == "cell" and caret.phones[0].value.startswith("+1")
    assert caret.addresses[0].street == "1 Main St." and caret.addresses[0].postal_code == "62701"
    assert contact("Jan Kowalski").phones[0].value == "+48 600 000 000"
    assert contact("Given Family").given_name == "Given"


def test_sabre_photo_with_indented_base64(do_import: Importer) -> None:
    do_import("vcards/sabre-vobject/issue153.vcf")
    assert image_kind(_one("Test Benutzer").photo or b"") == "jpeg"


def test_linkedin_2024_with_and_without_bom(do_import: Importer) -> None:
    plan, result = do_import(
        "csv/linkedin/Connections_2024_format.csv",
        "csv/linkedin/Connections_2024_format_BOM_CRLF_variant.csv",
    )
    assert [f.kind for f in plan.files] == ["linkedin", "linkedin"]
    # The second file matches by profile URL and e-mail; Nora has neither: a candidate.
    assert result.created == 16
    assert [(m.name, m.other_name) for m in plan.merge_candidates] == [("Nora Nourl",) * 2]
    ada = contact("Ada Example")
    assert ada.links[0].value == "https://www.linkedin.com/in/ada-example-1a2b3c4d"
    assert (ada.organization, ada.title) == ("Example Analytics", "Founding Engineer")
    assert contact("Bram Voorbeeld").family_name == "Voorbeeld"  # emoji dropped
    assert contact("Chen Sample").emails[0].value == "chen.sample@example.com"
    assert contact("Sam Exemplar").organization == "80,000 Examples"
    assert contact("Pat Caporossi-Example, MBA").title == "Senior Recruiter"
    assert contact("Henk Jan Voorbeeld").organization == ""
    first = Interaction.select().where(Interaction.summary == "Connected on LinkedIn")
    assert first.count() == 16 and Participant.select().count() == 16
    occurred = {i.occurred_on for i in first}
    assert dt.date(2024, 10, 9) in occurred and all(i.import_batch_id for i in first)


def test_linkedin_2018_member_ids_are_not_emails(do_import: Importer) -> None:
    do_import("csv/linkedin/Connections_2018_format.csv")
    assert contact("Yugam Placeholder").emails == []
    assert contact("Claus Eksempel").emails[0].value == "claus@example.dk"
    assert contact("Nguyễn Xuân Ví Dụ").organization == "Camera Team"
    org = contact("Vaibhav Example").organization
    assert org == "The Startup Edge-Entrepreneurship Cell, Example College."


def test_google_current_layout(do_import: Importer) -> None:
    do_import("csv/google/google_contacts_current_format.csv")
    grace = contact("Grace B. Sample")
    assert [e.value for e in grace.emails] == ["grace@navy.example", "grace@example.com"]
    assert grace.tags == ["Navy"] and grace.birthday == "1906-12-09"
    assert grace.nickname == "Amazing Grace"
    assert "ANNIVERSARY:19300615" in grace.kept_properties
    dave = contact("(CPA) Dave M. Example")
    assert dave.addresses[0].locality == "Orlando" and dave.notes == "$250 for 2017 taxes"
    assert [p.value for p in contact("Bob").phones][1] == "+48 500 600 701"
    yuki = contact("Yuki Rei")
    assert yuki.birthday == "--06-15" and yuki.notes == "Legacy ID: 42"
    assert contact("CI3 - Group - Cris Exemplo").tags == ["Filled Form Wk3"]


def test_google_legacy_layout(do_import: Importer) -> None:
    do_import("csv/google/google_contacts_legacy_format.csv")
    inc = contact("Example Internet Inc")
    assert [e.value for e in inc.emails] == [
        "support@example.com",
        "sales@example.com",
        "billing@example.com",
    ]
    asha = contact("Asha Example")
    assert asha.tags == ["Class of 2019"] and len(asha.phones) == 3
    help_line = contact("EXAMPLE HELP LINE TOLL FREE")
    assert help_line.notes == (
        "SMS MO for settings,MMS for MMS settings.\nSecond line of the note.\n"
        "Third line, with a comma."
    )
    zoe = contact("Zoë Ñúñez-Ölund")
    assert zoe.birthday == "1990-02-28" and zoe.addresses[0].street == "1 Example Street"


def test_plan_writes_nothing(db: peewee.SqliteDatabase) -> None:
    plan = plan_import([DATA / "vcards/ez-vcard/gmail-list.vcf"], region="DE")
    assert plan.new == 3 and not all_contacts()

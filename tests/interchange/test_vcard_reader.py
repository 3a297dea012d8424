"""The vCard reader on small inline cards: unfolding, decoding, escapes, odd parameters."""

from __future__ import annotations

import base64
import codecs

import pytest

from app.interchange.photos import MAX_PHOTO_BYTES
from app.interchange.problems import ProblemSink, Severity
from app.interchange.records import ContactRecord, GroupRecord
from app.interchange.textdecode import BinaryData, decode_file, guess_codepage
from app.interchange.vcard_reader import VCardResult, read_vcards

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4 + b"\xff\xd9"


def read(text: str | bytes) -> tuple[VCardResult, ProblemSink]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    sink = ProblemSink("test.vcf")
    return read_vcards(decode_file(data), sink, region="DE"), sink


def card(*lines: str, version: str = "3.0") -> str:
    return "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]) + "\r\n"


def only(text: str | bytes) -> ContactRecord:
    result, _ = read(text)
    (record,) = result.records
    return record


def test_folding_drops_one_space_in_3_0_and_keeps_it_in_2_1() -> None:
    v3 = only(card("FN:Anna", "NOTE:split in the mid", " dle of a word"))
    assert v3.contact.notes == "split in the middle of a word"
    v21 = only(card("FN:Anna", "NOTE:two", " words", version="2.1"))
    assert v21.contact.notes == "two words"


def test_a_fold_inside_the_parameters_is_joined_before_the_head_is_read() -> None:
    record = only(
        card(
            "FN:Anna",
            "NOTE;LANGUAGE=de;X-SOURCE=a very long paramet",
            " er value:Erste Zeile, nicht ab",
            " geschnitten",
            "TITLE:Chefin",
            version="4.0",
        )
    )
    assert record.contact.notes == "Erste Zeile, nicht abgeschnitten"
    assert record.contact.title == "Chefin"
    assert "paramet" not in record.contact.kept_properties


def test_quoted_printable_soft_breaks_even_across_blank_lines() -> None:
    text = card(
        "FN:Anna",
        "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BC=",
        "",
        "ller=0D=0AZeile 2=",
        "",
        "TITLE:Chefin",
        version="2.1",
    )
    record = only(text)
    assert record.contact.notes == "Müller\nZeile 2"
    assert record.contact.title == "Chefin"  # the blank line, then a property: no continuation


def test_text_is_never_cut_at_a_comma() -> None:
    record = only(
        card(
            "FN:Doe\\, John",
            "N:Doe;John;Richter\\, James;;",
            "NICKNAME:Jim,Jimmy",
            "ORG:Company\\, The;Sales\\; Marketing;EMEA",
            "NOTE:one\\, two\\; three\\\\four\\nfive, six",
            "CATEGORIES:a\\,b,c",
        )
    )
    c = record.contact
    assert c.formatted_name == "Doe, John"
    assert c.nickname == "Jim,Jimmy"
    assert (c.organization, c.department) == ("Company, The", "Sales; Marketing, EMEA")
    assert c.notes == "one, two; three\\four\nfive, six"
    assert c.tags == ["a,b", "c"]


def test_rfc6868_carets_and_quoted_parameters() -> None:
    record = only(
        card(
            "FN:Caret",
            'ADR;TYPE=home;LABEL="a^nb ^\'c^\'";GEO="geo:1,2":;;Street 1;Town;;123;DE',
            'TEL;TYPE="cell,voice":+49 30 1234567',
            version="4.0",
        )
    )
    assert record.contact.addresses[0].street == "Street 1"
    assert record.contact.phones[0].label == "cell"


def test_grouped_labels_and_type_labels() -> None:
    record = only(
        card(
            "FN:Anna",
            "item1.EMAIL;type=INTERNET:anna@example.com",
            "item1.X-ABLabel:_$!<Other>!$_",
            "item2.URL:https://example.com",
            "item2.X-ABLabel:Blog",
            "TEL;TYPE=WORK;TYPE=FAX:030 1234567",
            "EMAIL;TYPE=INTERNET,HOME,PREF:pref@example.com",
        )
    )
    c = record.contact
    assert [(e.value, e.label) for e in c.emails] == [
        ("pref@example.com", "home"),  # preferred first
        ("anna@example.com", "other"),
    ]
    assert c.links[0].label == "Blog"
    assert (c.phones[0].value, c.phones[0].label) == ("+49 30 1234567", "work fax")
    assert record.phone_keys == ["+49301234567"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1985-04-12", "1985-04-12"),
        ("19850412", "1985-04-12"),
        ("--0412", "--04-12"),
        ("--04-12", "--04-12"),
        ("1985-04-12T10:30:00Z", "1985-04-12"),
        ("19531015T231000Z", "1953-10-15"),
        ("1604-04-12", "--04-12"),
        ("0000-04-12", "--04-12"),
    ],
)
def test_birthday_forms(value: str, expected: str) -> None:
    assert only(card("FN:Anna", f"BDAY:{value}")).contact.birthday == expected


def test_bad_birthday_is_kept_as_a_line_and_reported() -> None:
    result, sink = read(card("FN:Anna", "BDAY:1985-13-40"))
    assert result.records[0].contact.birthday is None
    assert "BDAY:1985-13-40" in result.records[0].contact.kept_properties
    assert [p.code for p in sink.items] == ["date-invalid"]


def test_anniversaries_from_every_client_become_one_line() -> None:
    record = only(
        card(
            "FN:Anna",
            "item1.X-ABDATE:2005-06-18",
            "item1.X-ABLabel:_$!<Anniversary>!$_",
            "X-MS-ANNIVERSARY:20050618",
            "item2.X-ABDATE:2001-01-01",
            "item2.X-ABLabel:Erster Job",
        )
    )
    kept = record.contact.kept_properties.split("\n")
    assert kept.count("ANNIVERSARY:20050618") == 1
    assert "item2.X-ABDATE:2001-01-01" in kept and "item2.X-ABLabel:Erster Job" in kept


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        (["N:Doe;John;;Dr.;"], "Dr. John Doe"),
        (["ORG:ACME;Sales"], "ACME"),
        (["EMAIL:x@example.com"], "x@example.com"),
        (["TEL:+49 30 1234567"], "+49 30 1234567"),
    ],
)
def test_formatted_name_from_n_then_org_then_email_then_phone(lines: list[str], name: str) -> None:
    assert only(card(*lines)).name == name


def test_a_card_without_any_name_is_skipped_with_its_line() -> None:
    result, sink = read("junk\r\n" + card("NOTE:nothing else"))
    assert not result.records
    assert [(p.code, p.card, p.line) for p in sink.items] == [
        ("text-outside-card", None, 1),
        ("card-no-name", 1, 2),
    ]


def test_missing_end_and_a_new_begin() -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:First\r\nBEGIN:VCARD\r\nFN:Second\r\nEMAIL:s@x.de"
    result, sink = read(text)
    assert [r.name for r in result.records] == ["First", "Second"]
    assert [(p.code, p.card) for p in sink.items] == [
        ("card-not-closed", 1),
        ("card-not-closed", 2),
    ]


def test_unknown_and_quoted_printable_properties_are_kept_for_export() -> None:
    record = only(
        card(
            "FN:Anna",
            "X-CUSTOM;X-PARAM=1:value\\, with comma",
            "X-MS-IMADDRESS;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:a=C3=A4b",
            "ROLE:Board member",
            "SOUND;X-IRMC-N;ENCODING=BASE64:",
            " AAAA",
            "PHOTO;VALUE=URI:",
            version="2.1",
        )
    )
    kept = record.contact.kept_properties.split("\n")
    assert kept[:3] == [
        "X-CUSTOM;X-PARAM=1:value\\, with comma",
        "X-MS-IMADDRESS:aäb",
        "ROLE:Board member",
    ]
    assert kept[3] == "SOUND;X-IRMC-N;ENCODING=BASE64:AAAA"


def test_photo_inline_base64_data_uri_and_url() -> None:
    b64 = base64.b64encode(JPEG).decode()
    folded = [b64[i : i + 74] for i in range(0, len(b64), 74)]
    v21 = only(
        card("FN:A", "PHOTO;ENCODING=BASE64;TYPE=JPEG:" + folded[0], *folded[1:], "", version="2.1")
    )
    assert v21.contact.photo == JPEG  # unindented continuation lines of 2.1
    v4 = only(card("FN:A", f"PHOTO:data:image/jpeg;base64,{b64}", version="4.0"))
    assert v4.contact.photo == JPEG
    v3 = only(card("FN:A", f"PHOTO;VALUE=URI:data:image/jpeg;base64,{b64}"))
    assert v3.contact.photo == JPEG
    url = only(card("FN:A", "PHOTO;VALUE=URI:https://example.com/a.jpg"))
    assert url.contact.photo is None
    assert "PHOTO;VALUE=URI:https://example.com/a.jpg" in url.contact.kept_properties


def test_a_large_photo_is_scaled_down_and_a_small_one_kept_as_it_is() -> None:
    import io

    from PIL import Image

    from app.interchange.photos import MAX_SIDE

    big = io.BytesIO()
    Image.new("RGB", (2400, 1600), (200, 80, 40)).save(big, "JPEG", quality=95)
    record = only(
        card("FN:A", "PHOTO;ENCODING=b;TYPE=JPEG:" + base64.b64encode(big.getvalue()).decode())
    )
    assert record.contact.photo is not None
    with Image.open(io.BytesIO(record.contact.photo)) as scaled:
        assert max(scaled.size) == MAX_SIDE and scaled.size[0] > scaled.size[1]
    small = io.BytesIO()
    Image.new("RGBA", (64, 64), (0, 0, 0, 0)).save(small, "PNG")
    record = only(
        card("FN:B", "PHOTO;ENCODING=b;TYPE=PNG:" + base64.b64encode(small.getvalue()).decode())
    )
    assert record.contact.photo == small.getvalue()


@pytest.mark.parametrize(
    ("photo", "code"),
    [
        ("PHOTO;ENCODING=b:!!notbase64!!", "photo-invalid"),
        ("PHOTO;ENCODING=b:" + base64.b64encode(b"plain text").decode(), "photo-not-image"),
        (
            "PHOTO;ENCODING=b:" + base64.b64encode(JPEG + bytes(MAX_PHOTO_BYTES)).decode(),
            "photo-too-large",
        ),
    ],
)
def test_bad_photos_are_dropped_and_the_card_kept(photo: str, code: str) -> None:
    result, sink = read(card("FN:Anna", photo, "EMAIL:anna@example.com"))
    (record,) = result.records
    assert record.contact.photo is None and record.contact.emails
    assert [p.code for p in sink.items] == [code]


def test_relations_map_to_relationship_types() -> None:
    record = only(
        card(
            "FN:Anna",
            "RELATED;TYPE=co-worker:urn:uuid:11111111-2222-3333-4444-555555555555",
            "RELATED;TYPE=friend;VALUE=text:Ben",
            "item1.X-ABRELATEDNAMES:Boss Person",
            "item1.X-ABLabel:_$!<Manager>!$_",
            "X-MS-ASSISTANT:Helper",
            "item2.X-ABRELATEDNAMES:Guide",
            "item2.X-ABLabel:Mentor",
            "RELATED;TYPE=contact:mailto:Someone@Example.com",
        )
    )
    refs = [(r.kind, r.value, r.type, r.reverse) for r in record.related]
    assert refs == [
        ("uid", "11111111-2222-3333-4444-555555555555", "colleague", False),
        ("name", "Ben", "friend", False),
        ("name", "Boss Person", "reports-to", False),
        ("name", "Helper", "reports-to", True),
        ("name", "Guide", "mentor-of", True),
        ("email", "someone@example.com", "knows", False),
    ]


def test_group_cards_in_both_encodings() -> None:
    result, _ = read(
        card(
            "FN:Team",
            "KIND:group",
            "MEMBER:urn:uuid:abc",
            "MEMBER:mailto:a@example.com",
            version="4.0",
        )
        + card(
            "FN:Club", "X-ADDRESSBOOKSERVER-KIND:group", "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:DEF"
        )
    )
    groups = result.groups
    assert all(isinstance(g, GroupRecord) for g in groups) and not result.records
    assert [(g.name, [(m.kind, m.value) for m in g.members]) for g in groups] == [
        ("Team", [("uid", "abc"), ("email", "a@example.com")]),
        ("Club", [("uid", "def")]),
    ]


def test_allies_fields_are_read_back() -> None:
    record = only(
        card(
            "FN:Anna",
            "X-ALLIES-LEVEL:above",
            "X-ALLIES-CIRCLE:university",
            "X-ALLIES-ROLES:mentor,door-opener",
            "X-ALLIES-TRUST:5",
            "X-ALLIES-CADENCE:0",
            "X-ALLIES-ARCHIVED:1",
            "X-ALLIES-TRUST:9",
            version="4.0",
        )
    )
    c = record.contact
    assert (c.level, c.circle, c.roles, c.trust, c.cadence_days) == (
        "above",
        "university",
        ["mentor", "door-opener"],
        5,
        0,
    )
    assert record.archived is True
    assert record.given == {"level", "circle", "roles", "trust", "cadence_days"}


def test_utf16_without_bom_and_with_bom() -> None:
    text = card("FN:Zoë", "NOTE:ünïcödé")
    for data in (
        text.encode("utf-16-le"),
        text.encode("utf-16-be"),
        codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        codecs.BOM_UTF8 + text.encode("utf-8"),
    ):
        assert only(data).contact.notes == "ünïcödé"


def test_binary_data_is_refused() -> None:
    with pytest.raises(BinaryData):
        decode_file(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_code_page_guess() -> None:
    assert guess_codepage("Nüßlebaum Mößlitz".encode("cp1252")) == "cp1252"
    assert guess_codepage("Віталій Кличко".encode("cp1251")) == "cp1251"
    assert guess_codepage("Βαγγέλης".encode("cp1253")) == "cp1253"
    assert guess_codepage("אפרים קישון".encode("cp1255")) == "cp1255"
    assert guess_codepage("Łódź Gdańsk".encode("cp1250")) == "cp1250"


def test_problems_carry_file_card_and_line() -> None:
    _, sink = read(card("FN:A") + card("FN:B", "EMAIL:not an address"))
    (problem,) = sink.items
    assert (problem.file, problem.card, problem.line, problem.code) == (
        "test.vcf",
        2,
        8,
        "email-invalid",
    )
    assert problem.severity is Severity.WARNING

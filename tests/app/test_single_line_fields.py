"""Names, organisations, titles and tags are one line: CR, LF and other control characters
are refused with a clear message (issue 12 finding 10), by the domain itself."""

from __future__ import annotations

from pathlib import Path

import peewee
import pytest

from app import cli, contacts
from app.errors import ValidationError
from app.models import Contact, Tag

BAD = ["Ann\nInjected", "Ann\rX", "Ann\x00", "Ann\x1b[31m", "Ann\u2028X", "Ann\tB", "A\x85B"]


@pytest.mark.parametrize("value", BAD)
@pytest.mark.parametrize(
    "field", ["formatted_name", "given_name", "family_name", "organization", "title"]
)
def test_create_refuses_control_characters(
    db: peewee.SqliteDatabase, field: str, value: str
) -> None:
    data = contacts.ContactInput(formatted_name="Ann")
    setattr(data, field, value)
    with pytest.raises(ValidationError) as caught:
        contacts.create_contact(data)
    assert caught.value.field == field and caught.value.code == "control-character"
    assert Contact.select().count() == 0


def test_update_and_tags_refuse_control_characters(db: peewee.SqliteDatabase) -> None:
    cid, _ = contacts.create_contact(contacts.ContactInput("Ann", tags=["friends"]))
    bad = contacts.ContactInput("Ann", department="Sales\r\nBcc: x")
    with pytest.raises(ValidationError, match="control-character"):
        contacts.update_contact(cid, bad)
    with pytest.raises(ValidationError, match="control-character"):
        contacts.update_contact(cid, contacts.ContactInput("Ann", tags=["a\nb"]))
    with pytest.raises(ValidationError, match="control-character"):
        contacts.add_tag([cid], "evil\x07")
    assert Contact.get_by_id(cid).department == ""
    assert [t.name for t in Tag.select()] == ["friends"]


def test_notes_may_have_line_breaks(db: peewee.SqliteDatabase) -> None:
    cid, _ = contacts.create_contact(contacts.ContactInput("Ann", notes="line one\nline two"))
    assert Contact.get_by_id(cid).notes == "line one\nline two"


@pytest.mark.parametrize(
    "argv",
    [
        ["add", "Ann\nMallory"],
        ["add", "Ann", "--org", "ACME\r\nEvil"],
        ["add", "Ann", "--title", "Boss\x1b]0;pwned\x07"],
        ["add", "Ann", "--tag", "vip\nadmin"],
    ],
)
def test_cli_add_refuses_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    path = tmp_path / "allies.sqlite3"
    assert cli.main(["--db", str(path), *argv]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "control characters are not allowed" in err
    assert cli.main(["--db", str(path), "contacts", "--json"]) == 0
    assert capsys.readouterr().out.strip() == "[]"

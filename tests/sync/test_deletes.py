"""Archive and delete rules, and the "storage emptied" stop (SPEC §10), on both servers."""

from __future__ import annotations

from app.contacts import ContactInput, create_contact, delete_contact, set_archived
from app.models import Contact
from app.sync.service import sync_all
from tests.sync.conftest import SyncSetup


def _five() -> list[int]:
    return [create_contact(ContactInput(formatted_name=f"Person {n}"))[0] for n in range(5)]


def test_archiving_here_marks_the_card_archived_and_deleting_here_deletes_it(
    setup: SyncSetup,
) -> None:
    ids = _five()
    setup.add_account()
    assert sync_all()[0].error is None
    set_archived([ids[0]], True)
    delete_contact(ids[1])
    [result] = sync_all()
    assert result.error is None and result.pushed == 1 and result.deleted_there == 1
    setup.phone.sync()
    files = setup.phone.files()
    assert len(files) == 4
    assert "X-ALLIES-ARCHIVED:1" in setup.phone.find("Person 0").read_text()
    # A second Allies sees the archived contact archived.
    setup.use(setup.folder / "second.sqlite3")
    setup.add_account()
    assert sync_all()[0].error is None
    assert Contact.get(Contact.formatted_name == "Person 0").archived
    assert Contact.select().count() == 4


def test_a_wiped_phone_never_wipes_allies_until_confirmed(setup: SyncSetup) -> None:
    _five()
    setup.add_account()
    assert sync_all()[0].error is None
    setup.phone.sync()
    for name in list(setup.phone.files()):
        (setup.phone.vdir / name).unlink()
    setup.phone.sync(force_delete=True)  # the wiped phone empties the server
    [result] = sync_all()
    assert result.error == "emptied-there"
    assert result.error_detail == "5/5"
    assert Contact.select().where(Contact.archived == True).count() == 0  # noqa: E712
    [again] = sync_all()
    assert again.error == "emptied-there"  # it keeps asking
    [confirmed] = sync_all(allow_emptied=True)
    assert confirmed.error is None and confirmed.deleted_here == 5
    assert Contact.select().where(Contact.archived == True).count() == 5  # noqa: E712
    assert Contact.select().count() == 5  # archived, never deleted: history stays

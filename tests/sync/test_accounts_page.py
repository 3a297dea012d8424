"""Settings → Accounts driven like a person would, against the real Radicale and Xandikos."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.contacts import ContactInput, Labeled, create_contact, load_contact
from app.sync.dav import certificate_fingerprint
from app.sync.state import SyncAccount
from tests.sync.conftest import SyncSetup
from ui import ops as ops_module
from ui.accounts_page import AccountsPage
from ui.contact_conflicts import ContactConflicts
from ui.qt import Qt
from ui.settings import use_memory_store
from ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture(autouse=True)
def inline_ops() -> Iterator[None]:
    use_memory_store()
    ops_module.use_inline_executor()
    yield
    ops_module.reset_runner()


def _phone_card(setup: SyncSetup) -> None:
    """A card the user's phone put on the server before Allies came: same e-mail as a
    contact here, another title, edited "later" (its REV is in the future)."""
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:phone-ann-1\r\nFN:Ann Example\r\n"
        "N:Example;Ann;;;\r\nEMAIL;TYPE=INTERNET:ann@example.org\r\nTITLE:Team Lead\r\n"
        "TEL;TYPE=CELL:+49 170 1234567\r\nREV:2099-01-01T00:00:00Z\r\nEND:VCARD\r\n"
    )
    response = setup.server.session(setup.user).put(
        setup.addressbook + "phone-ann-1.vcf",
        data=card.encode(),
        headers={"Content-Type": "text/vcard; charset=utf-8"},
    )
    assert response.status_code in (201, 204)


def test_add_an_account_see_the_first_sync_and_restore_a_conflict(qtbot, setup: SyncSetup) -> None:  # type: ignore[no-untyped-def]
    cid, _ = create_contact(
        ContactInput(
            formatted_name="Ann Example",
            title="Engineer",
            emails=[Labeled("ann@example.org", "work")],
        )
    )
    create_contact(ContactInput(formatted_name="Bob Builder"))
    _phone_card(setup)
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.accounts)
    page: AccountsPage = dialog.accounts
    assert page.form.isVisible() and not page.account_box.isVisible()

    qtbot.keyClicks(page.url, setup.server.url)
    qtbot.keyClicks(page.user, setup.user)
    qtbot.keyClicks(page.password, setup.password)
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    if setup.server.certificate:  # Xandikos: self-signed; the page names it, the user trusts it
        assert page.trust_button.isVisible()
        fingerprint = certificate_fingerprint(setup.server.certificate)
        assert fingerprint in page.test_result.text()
        assert not page.add_button.isEnabled()
        qtbot.mouseClick(page.trust_button, Qt.MouseButton.LeftButton)
    assert page.add_button.isEnabled(), page.test_result.text()
    assert page.book.count() >= 1
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)

    assert SyncAccount.select().count() == 1
    assert page.account_box.isVisible() and not page.form.isVisible()
    assert setup.user in page.summary.text()
    # The first sync ran: Ann's card linked (by e-mail) and merged, Bob sent, one conflict.
    assert "1 received, 2 sent" in page.last.text(), page.last.text()
    assert "1 conflicts" in page.last.text()
    assert page.conflicts.rowCount() == 1
    assert page.table.isVisible()
    index = page.conflicts.index(0, 1)
    assert page.conflicts.data(index) == "Title"
    assert page.conflicts.data(page.conflicts.index(0, 2)) == "Team Lead"
    assert page.conflicts.data(page.conflicts.index(0, 3)) == "Engineer"
    assert load_contact(cid).title == "Team Lead"  # the newer edit (the phone's) won
    assert [p.value for p in load_contact(cid).phones] == ["+49 170 1234567"]

    # The contact shows its conflict too.
    bar = ContactConflicts()
    qtbot.addWidget(bar)
    bar.set_contact(cid)
    assert len(bar.rows) == 1

    # One click puts the other value back; the next sync sends it.
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert load_contact(cid).title == "Engineer"
    assert page.conflicts.rowCount() == 0 and page.no_conflicts.isVisible()
    bar.refresh()
    assert bar.rows == [] and not bar.isVisible()
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert "1 sent" in page.last.text(), page.last.text()
    cards = setup.server.cards(setup.user, setup.addressbook)
    assert sum("TITLE:Engineer" in c for c in cards.values()) == 1
    assert len(cards) == 2  # Ann once, Bob once


def test_the_status_bar_says_when_the_server_is_unreachable_and_nothing_blocks(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from app.sync import accounts
    from tests.helpers.dav_servers import free_port
    from ui import sync_status

    url = f"http://127.0.0.1:{free_port()}"  # nobody listens there
    account = SyncAccount.create(name="gone", url=url, username="u", addressbook_url="/u/contacts/")
    accounts.set_password(account, "pw")
    controller = sync_status.SyncController(automatic=False)
    label = sync_status.SyncStatusLabel(controller)
    qtbot.addWidget(label)
    with qtbot.waitSignal(controller.finished):
        controller.sync_now()
    assert label.isVisible()
    assert label.text() == "Not synced — server unreachable, retrying"
    assert not controller.running


def test_the_sync_runs_at_start_and_soon_after_local_changes_not_after_its_own(
    qtbot, db, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from app.changes import Changes
    from ui import sync_status
    from ui.ops import ops

    monkeypatch.setattr(sync_status, "START_DELAY_MS", 1)
    monkeypatch.setattr(sync_status, "AFTER_CHANGE_MS", 1)
    runs: list[bool] = []
    monkeypatch.setattr(
        sync_status,
        "run_sync",
        lambda allow_emptied=False, progress=None: (
            runs.append(True)
            or sync_status.SyncOutcome([], Changes(), Changes(contacts=frozenset({1})))
        ),
    )
    controller = sync_status.SyncController()
    with qtbot.waitSignal(controller.finished):
        pass  # the start-up sync
    assert len(runs) == 1  # its own broadcast (contact 1 changed) did not start another
    with qtbot.waitSignal(controller.finished):
        ops().broadcast(Changes(contacts=frozenset({2})))  # an edit here
    assert len(runs) == 2
    with qtbot.assertNotEmitted(controller.started, wait=50):
        ops().broadcast(Changes(settings=True))


def test_after_a_wiped_server_sync_now_asks_before_archiving(
    qtbot, setup: SyncSetup, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from app.models import Contact
    from ui.qt import QtWidgets

    for n in range(5):
        create_contact(ContactInput(formatted_name=f"Person {n}"))
    setup.add_account()
    page = AccountsPage()
    qtbot.addWidget(page)
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert "5 sent" in page.last.text()
    session = setup.server.session(setup.user)
    for href in setup.server.cards(setup.user, setup.addressbook):
        session.delete(setup.server.url + href)
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert "most cards were deleted on the server" in page.last.text()
    asked: list[str] = []

    def answer(parent, title, text):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QtWidgets.QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QtWidgets.QMessageBox, "question", answer)
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert asked and "archive those contacts" in asked[0]
    assert "5 archived here" in page.last.text()
    assert Contact.select().where(Contact.archived == True).count() == 5  # noqa: E712

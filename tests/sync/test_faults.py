"""A server that fails mid-sync, and a sync killed mid-way: clear status, nothing lost, the
next sync completes, nobody twice. Faults come from a small proxy in front of the real
server (tests/helpers/fault_proxy.py): the failures are injected, the server is real."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from app.contacts import ContactInput, Labeled, create_contact, load_contact, update_contact
from app.db import close_database, open_database
from app.models import Contact, database
from app.sync import accounts
from app.sync.dav import DavClient, DavError
from app.sync.service import sync_all
from app.sync.state import SyncItem
from tests.helpers.fault_proxy import FaultProxy
from tests.sync.conftest import SyncSetup

N = 8


@pytest.fixture
def proxy(setup: SyncSetup) -> Iterator[FaultProxy]:
    p = FaultProxy(setup.server, setup.user)
    yield p
    p.close()


def _people() -> list[int]:
    return [
        create_contact(
            ContactInput(
                formatted_name=f"Person {n}",
                emails=[Labeled(f"person{n}@example.org", "work")],
                title="Start",
            )
        )[0]
        for n in range(N)
    ]


def _add_through(proxy: FaultProxy, setup: SyncSetup) -> None:
    accounts.add_account(proxy.url, setup.user, setup.password, sync_history=False)


def _server_uids(setup: SyncSetup) -> list[str]:
    uids = []
    for text in setup.server.cards(setup.user, setup.addressbook).values():
        for line in text.splitlines():
            if line.startswith("UID:"):
                uids.append(line[4:].strip())
    return uids


def _assert_complete(setup: SyncSetup) -> None:
    [result] = sync_all()
    assert result.error is None, (result.error, result.error_detail)
    [again] = sync_all()
    assert again.error is None and again.pushed == again.pulled == 0
    uids = _server_uids(setup)
    assert len(uids) == len(set(uids)) == Contact.select().count() == N
    assert sorted(uids) == sorted(c.uid for c in Contact.select())


@pytest.mark.parametrize(
    ("fault", "code"),
    [("down", "unreachable"), (401, "unauthorized"), (500, "server-error")],
)
def test_a_server_failing_mid_upload_loses_nothing_and_the_next_sync_completes(
    setup: SyncSetup, proxy: FaultProxy, fault: str | int, code: str
) -> None:
    _people()
    _add_through(proxy, setup)
    if fault == "down":
        proxy.down("PUT", after=3)
    else:
        proxy.fail("PUT", int(fault), after=3)
    [result] = sync_all()
    assert result.error == code
    assert result.pushed == 3
    assert Contact.select().count() == N  # nothing lost here
    assert SyncItem.select().count() == 3  # what reached the server is remembered
    proxy.clear()
    _assert_complete(setup)


def test_a_listing_that_fails_changes_nothing(setup: SyncSetup, proxy: FaultProxy) -> None:
    _people()
    _add_through(proxy, setup)
    [first] = sync_all()
    assert first.error is None
    proxy.fail("REPORT", 500)
    proxy.fail("PROPFIND", 500)
    data = load_contact(Contact.get(Contact.formatted_name == "Person 1").id)
    data.title = "Changed here"
    update_contact(Contact.get(Contact.formatted_name == "Person 1").id, data)
    [result] = sync_all()
    assert (result.error, result.status) == ("server-error", 500)
    assert load_contact(Contact.get(Contact.formatted_name == "Person 1").id).title == (
        "Changed here"
    )
    proxy.clear()
    _assert_complete(setup)
    assert any(
        "Changed here" in t for t in setup.server.cards(setup.user, setup.addressbook).values()
    )


def test_a_412_mid_sync_reads_the_card_again_and_merges_never_overwrites(
    setup: SyncSetup, proxy: FaultProxy
) -> None:
    ids = _people()
    _add_through(proxy, setup)
    assert sync_all()[0].error is None
    for cid in ids[:4]:
        data = load_contact(cid)
        data.title = f"Edited {cid}"
        update_contact(cid, data)
    proxy.clear()
    proxy.fail("PUT", 412, after=1, times=1)  # the second PUT meets a "changed" card
    [result] = sync_all()
    assert result.error is None and result.pushed == 4, (
        result.error,
        result.status,
        result.error_detail,
    )
    assert proxy.counts["GET"] == 1  # the card was read again before writing
    texts = list(setup.server.cards(setup.user, setup.addressbook).values())
    assert sum("TITLE:Edited" in t for t in texts) == 4
    _assert_complete(setup)


def test_a_card_deleted_there_between_listing_and_writing_is_a_delete_there(
    setup: SyncSetup, proxy: FaultProxy
) -> None:
    """Another device deletes the card just before our PUT: the PUT's If-Match meets no
    resource (412), reading it again finds none (404). That is a delete there (the contact
    is archived, SPEC §10), not a failed sync."""
    ids = _people()
    _add_through(proxy, setup)
    assert sync_all()[0].error is None
    target = ids[1]
    data = load_contact(target)
    data.title = "Edited here"
    update_contact(target, data)
    href = SyncItem.get(SyncItem.local_id == target).href
    real = setup.server.session(setup.user)
    proxy.before("PUT", lambda: real.delete(setup.server.url + urlsplit(href).path))
    [result] = sync_all()
    assert result.error is None, (result.error, result.status, result.error_detail)
    assert Contact.get_by_id(target).archived
    assert proxy.counts["GET"] == 1
    proxy.clear()
    [again] = sync_all()
    assert again.error is None
    uids = _server_uids(setup)
    assert len(uids) == len(set(uids)) == N - 1
    real.close()


def test_sigkill_during_a_sync_then_the_next_sync_completes_without_duplicates(
    setup: SyncSetup, proxy: FaultProxy
) -> None:
    _people()
    _add_through(proxy, setup)
    close_database()
    proxy.kill_a_sync_at_put(setup.db_path, after=4)
    open_database(setup.db_path)
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert Contact.select().count() == N
    _assert_complete(setup)


def test_a_server_that_takes_one_write_at_a_time_gets_them_one_by_one(
    setup: SyncSetup, proxy: FaultProxy
) -> None:
    _people()
    _add_through(proxy, setup)
    proxy.fail("PUT", 423, after=1, times=2)  # "Locked", as Xandikos answers parallel PUTs
    [result] = sync_all()
    assert result.error is None and result.pushed == N
    _assert_complete(setup)


def test_a_slow_answer_is_waited_for_and_a_server_that_never_answers_times_out(
    setup: SyncSetup, proxy: FaultProxy
) -> None:
    """A server walking 100,000 objects answers a listing only after a long while (Radicale:
    over 30 s; Xandikos takes as long for a PUT): answers may take ANSWER_TIMEOUT_FACTOR
    times the timeout. The proxy delays the real server's answers (a delay the servers
    show only at 100k) and holds one request for good."""
    client = DavClient(proxy.url, setup.user, setup.password, timeout=0.1)
    collection = proxy.local(setup.addressbook)
    proxy.delay("PROPFIND", 1.0)  # 10x the timeout
    answer = client.request("PROPFIND", collection, headers={"Depth": "0"})
    assert answer.status_code == 207
    proxy.hold("GET")
    with pytest.raises(DavError) as caught:
        client.request("GET", collection)  # gives up after 20 x 0.1 s
    assert caught.value.code == "timeout"
    proxy.release()
    client.close()

"""Faults during a history sync: a server that fails mid-upload (gone, 401, 500, 412), a
sync killed mid-way. Clear status, nothing lost, the next sync completes, nothing twice.
The faults come from carddav's proxy in front of the real server (tests/helpers/
fault_proxy.py): the failures are injected, the server is real."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.contacts import ContactInput, create_contact
from app.db import close_database, open_database
from app.models import Interaction, database
from app.sync import accounts
from app.sync.service import sync_all
from app.sync.state import SyncCollection, SyncItem
from app.timeline import InteractionInput, log_interaction, update_interaction
from tests.helpers.fault_proxy import FaultProxy
from tests.sync.conftest import SyncSetup

N = 8  # interactions
CONTACT_PUTS = 2


@pytest.fixture
def proxy(setup: SyncSetup) -> Iterator[FaultProxy]:
    p = FaultProxy(setup.server, setup.user)
    yield p
    p.close()


def _history() -> None:
    anna, _ = create_contact(ContactInput("Anna Berg"))
    bert, _ = create_contact(ContactInput("Bert Kunz"))
    for n in range(N):
        log_interaction(InteractionInput([anna, bert][: 1 + n % 2], kind="call", summary=f"c{n}"))


def _server_history_uids(setup: SyncSetup) -> list[str]:
    url = SyncCollection.get(SyncCollection.kind == "interaction").url
    s = setup.server.session(setup.user)
    body = (
        '<?xml version="1.0"?><C:calendar-query xmlns:D="DAV:" '
        'xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><C:calendar-data/></D:prop>'
        '<C:filter><C:comp-filter name="VCALENDAR"/></C:filter></C:calendar-query>'
    )
    path = "/" + url.split("/", 3)[3] if url.startswith("http") else url
    response = s.request(
        "REPORT",
        setup.server.url + path,
        data=body,
        headers={"Depth": "1", "Content-Type": "application/xml; charset=utf-8"},
    )
    response.raise_for_status()
    return [
        line.split(":", 1)[1].strip()
        for line in response.text.replace("&#13;", "").splitlines()
        if line.startswith("UID:")
    ]


def _assert_complete(setup: SyncSetup) -> None:
    [result] = sync_all()
    assert result.error is None, (result.error, result.error_detail)
    [again] = sync_all()
    assert again.error is None and again.pushed == again.pulled == 0
    uids = _server_history_uids(setup)
    assert len(uids) == len(set(uids)) == Interaction.select().count() == N
    assert sorted(uids) == sorted(i.uid for i in Interaction.select())


@pytest.mark.parametrize(
    ("fault", "code"),
    [("down", "unreachable"), (401, "unauthorized"), (500, "server-error")],
)
def test_a_server_failing_mid_upload_loses_no_history(
    setup: SyncSetup, proxy: FaultProxy, fault: str | int, code: str
) -> None:
    _history()
    accounts.add_account(proxy.url, setup.user, setup.password)
    if fault == "down":
        proxy.down("PUT", after=CONTACT_PUTS + 3)
    else:
        proxy.fail("PUT", int(fault), after=CONTACT_PUTS + 3)
    [result] = sync_all()
    assert result.error == code
    assert result.pushed == CONTACT_PUTS + 3
    assert Interaction.select().count() == N  # nothing lost here
    assert SyncItem.select().where(SyncItem.kind == "interaction").count() == 3
    proxy.clear()
    _assert_complete(setup)


def test_a_412_mid_sync_reads_the_event_again_and_merges(
    setup: SyncSetup, proxy: FaultProxy
) -> None:
    _history()
    accounts.add_account(proxy.url, setup.user, setup.password)
    assert sync_all()[0].error is None
    ids = [i.id for i in Interaction.select().order_by(Interaction.id)][:4]
    for iid in ids:
        update_interaction(iid, notes=f"edited {iid}")
    proxy.clear()
    proxy.fail("PUT", 412, after=1, times=1)  # the second PUT meets a "changed" event
    [result] = sync_all()
    assert result.error is None and result.pushed == 4
    assert proxy.counts["GET"] == 1  # the event was read again before writing
    _assert_complete(setup)
    assert all(Interaction.get_by_id(i).notes == f"edited {i}" for i in ids)


def test_sigkill_during_a_history_sync_then_the_next_completes_without_duplicates(
    setup: SyncSetup, proxy: FaultProxy
) -> None:
    _history()
    accounts.add_account(proxy.url, setup.user, setup.password)
    close_database()
    proxy.kill_a_sync_at_put(setup.db_path, after=CONTACT_PUTS + 4)
    open_database(setup.db_path)
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert Interaction.select().count() == N
    _assert_complete(setup)

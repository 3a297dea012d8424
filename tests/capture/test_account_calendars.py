"""The calendars of a sync account as a capture source, against a real Radicale (issue 16):
past meetings with known people become suggestions, by ETag; the sync's own "Allies"
calendar is never read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.capture import suggestions as inbox
from app.capture.scan import scan
from app.capture.sources import add_account_source
from app.sync import accounts
from tests.helpers import mail
from tests.helpers.dav_servers import DavServer, radicale_server  # noqa: F401 (fixture)

CALENDAR = (
    '<?xml version="1.0"?><D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
    "<D:set><D:prop><D:resourcetype><D:collection/><C:calendar/></D:resourcetype>"
    "<D:displayname>{name}</D:displayname></D:prop></D:set></D:mkcol>"
)


def make_calendar(server: DavServer, user: str, slug: str, name: str) -> str:
    url = f"{server.url}/{user}/{slug}/"
    response = server.session(user).request("MKCOL", url, data=CALENDAR.format(name=name))
    assert response.status_code == 201, response.text
    return url


def put_event(server: DavServer, user: str, calendar: str, uid: str, vevent: str) -> None:
    body = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{vevent}\r\nEND:VCALENDAR\r\n"
    response = server.session(user).put(
        f"{calendar}{uid}.ics", data=body.encode(), headers={"Content-Type": "text/calendar"}
    )
    assert response.status_code in (201, 204), response.text


def vevents(data: bytes) -> dict[str, str]:
    """The VEVENT blocks of a calendar, by UID."""
    text = data.decode()
    blocks = ["BEGIN:VEVENT" + b.split("END:VEVENT")[0] + "END:VEVENT"
              for b in text.split("BEGIN:VEVENT")[1:]]  # fmt: skip
    return {b.split("UID:")[1].split("\r\n")[0]: b for b in blocks}


def test_account_calendars_propose_past_meetings_by_etag(
    radicale_server: DavServer,  # noqa: F811
    contacts: dict[str, int],
) -> None:
    server = radicale_server
    user, password = server.new_user()
    server.addressbook(user)
    account = accounts.add_account(server.url, user, password)
    work = make_calendar(server, user, "work", "Work")
    history = make_calendar(server, user, "allies", "Allies")
    today = dt.date.today()
    for uid, vevent in vevents(mail.ics(today)).items():
        put_event(server, user, work, uid, vevent)
    # The sync's own history calendar holds interactions already: never proposed.
    history_event = vevents(mail.ics(today))["lunch-anna"].replace("lunch-anna", "history-1")
    put_event(server, user, history, "history-1", history_event)

    add_account_source(account.name)
    [result] = scan().results
    assert result.error is None, result.detail
    assert result.new_events == 6
    got = {(s.interaction_kind, s.date.isoformat(), s.summary) for s in inbox.open_suggestions()}
    assert got == mail.expected_events(today)
    assert not any(s.key.startswith("event:history-1") for s in inbox.open_suggestions())

    again = scan().results[0]
    assert (again.new_events, again.suggestions, again.error) == (0, 0, None)

    earlier = (today - dt.timedelta(days=3)).strftime("%Y%m%d")
    put_event(server, user, work, "carla-2", "\r\n".join([
        "BEGIN:VEVENT", "UID:carla-2", "DTSTAMP:20261101T000000Z",
        f"DTSTART:{earlier}T120000", f"DTEND:{earlier}T130000", "SUMMARY:Kaffee mit Carla",
        f"ATTENDEE:mailto:{mail.CARLA[1]}", "END:VEVENT",
    ]))  # fmt: skip
    third = scan().results[0]
    assert (third.new_events, third.suggestions) == (1, 1)
    assert any(s.summary == "Kaffee mit Carla" and s.interaction_kind == "coffee"
               for s in inbox.open_suggestions())  # fmt: skip

    # Ten days on: the lunch planned in five days and two more 1:1s have happened, though
    # no ETag changed (future and recurring events are looked at again).
    later = scan(now=dt.datetime.now().astimezone() + dt.timedelta(days=10)).results[0]
    assert (later.new_events, later.suggestions) == (3, 3)

    accounts.set_password(account, "wrong")
    failed = scan().results[0]
    assert failed.error == "login"


def test_source_add_account_on_the_command_line(
    radicale_server: DavServer,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from app.cli import main
    from app.db import close_database, open_database

    server = radicale_server
    user, password = server.new_user()
    server.addressbook(user)
    db = tmp_path / "cli.sqlite3"
    open_database(db)
    accounts.add_account(server.url, user, password, name="dav")
    close_database()
    assert main(["--db", str(db), "source", "add", "account", "nothing"]) == 1
    assert main(["--db", str(db), "source", "add", "account", "dav"]) == 0
    assert "added source dav calendars (account dav)" in capsys.readouterr().out
    assert main(["--db", str(db), "scan", "--json"]) == 0
    assert '"error": null' in capsys.readouterr().out

"""Generated mail and calendars for the capture tests (SPEC §11, issue 16).

:func:`scenario` is one mailbox of ``me@example.org`` with every case the issue names:
threads with known contacts over two days, a Gmail address written another way, a
mailing list, a newsletter, an auto-reply, a ``noreply`` sender, the user's own alias,
an unknown frequent correspondent and an unknown one-off. Every body holds
:data:`BODY_SENTINEL`, which must never reach the database.
"""

from __future__ import annotations

import datetime as dt
import mailbox
from dataclasses import dataclass
from pathlib import Path

OWNER = "me@example.org"
ALIAS = "me.private@example.net"
BODY_SENTINEL = "BODY-SENTINEL-7f3a9c"
ANNA = ("Anna Berg", "anna.berg@firma.example")
BERND = ("Bernd Klein", "bernd.klein@gmail.com")  # as stored in his contact
CARLA = ("Carla Diaz", "carla@uni.example")
DORA = ("Dora Decker", "dora@partner.example")


@dataclass(frozen=True)
class Mail:
    data: bytes
    folder: str  # "INBOX" or "Sent"


def message(
    sender: str,
    to: list[str],
    subject: str,
    when: dt.datetime,
    msgid: str,
    *,
    cc: list[str] | None = None,
    reply_to: str | None = None,
    references: list[str] | None = None,
    extra: dict[str, str] | None = None,
) -> bytes:
    lines = [
        f"From: {sender}",
        f"To: {', '.join(to)}",
        *([f"Cc: {', '.join(cc)}"] if cc else []),
        f"Subject: {subject}",
        f"Date: {when.strftime('%a, %d %b %Y %H:%M:%S %z')}",
        f"Message-ID: <{msgid}>",
        *([f"In-Reply-To: <{reply_to}>"] if reply_to else []),
        *([f"References: {' '.join(f'<{r}>' for r in references)}"] if references else []),
        *(f"{k}: {v}" for k, v in (extra or {}).items()),
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "",
        f"Hello,\n\nthis is the body ({BODY_SENTINEL}). Nothing here may be stored.\n",
    ]
    return "\r\n".join(lines).encode("utf-8")


def at(day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def scenario() -> list[Mail]:
    anna = f"{ANNA[0]} <{ANNA[1]}>"
    me = f"Me Myself <{OWNER}>"
    mails = [
        # Thread with Anna over two days: one suggestion per day.
        Mail(message(me, [anna], "Projektplan", at(2, 9), "plan-1@example.org"), "Sent"),
        Mail(
            message(
                anna,
                [me],
                "AW: Projektplan",
                at(2, 15),
                "plan-2@firma.example",
                reply_to="plan-1@example.org",
                references=["plan-1@example.org"],
            ),
            "INBOX",
        ),
        Mail(
            message(
                me,
                [anna],
                "Re: AW: Projektplan",
                at(3, 10),
                "plan-3@example.org",
                reply_to="plan-2@firma.example",
                references=["plan-1@example.org", "plan-2@firma.example"],
            ),
            "Sent",
        ),
        # Bernd writes from Googlemail with dots, capitals and a +tag.
        Mail(
            message(
                "Bernd <Bernd.Klein+work@GoogleMail.com>",
                [me],
                "Lunch next week?",
                at(4),
                "lunch-1@gmail.com",
            ),
            "INBOX",
        ),
        # One thread with both.
        Mail(
            message(
                me, [anna], "Kickoff", at(5), "kickoff-1@example.org", cc=["bernd.klein@gmail.com"]
            ),
            "Sent",
        ),
        # Ignored: a list, a newsletter, an auto-reply, a noreply sender.
        Mail(
            message(
                anna,
                ["team@lists.example"],
                "[team] Friday",
                at(6),
                "list-1@firma.example",
                extra={"List-Id": "Team <team.lists.example>", "Precedence": "list"},
            ),
            "INBOX",
        ),
        Mail(
            message(
                "Shop <news@shop.example>",
                [me],
                "Our offers",
                at(6),
                "news-1@shop.example",
                extra={"Precedence": "bulk"},
            ),
            "INBOX",
        ),
        Mail(
            message(
                "Bernd Klein <bernd.klein@gmail.com>",
                [me],
                "Out of office",
                at(7),
                "ooo-1@gmail.com",
                extra={"Auto-Submitted": "auto-replied"},
            ),
            "INBOX",
        ),
        Mail(
            message(
                "Service <no-reply@service.example>",
                [me, anna],
                "Your invoice",
                at(7),
                "inv-1@service.example",
            ),
            "INBOX",
        ),
        # The user's own alias in three threads: never a proposed contact.
        *(
            Mail(
                message(
                    f"Me <{ALIAS}>", [me], f"Note to self {n}", at(8 + n), f"self-{n}@example.net"
                ),
                "INBOX",
            )
            for n in range(3)
        ),
        # Dora, not a contact, in three threads: a proposed contact.
        *(
            Mail(
                message(
                    f"{DORA[0]} <{DORA[1]}>",
                    [me],
                    f"Partnership {n}",
                    at(12 + n),
                    f"dora-{n}@partner.example",
                ),
                "INBOX",
            )
            for n in range(3)
        ),
        # Eve, not a contact, once: nothing.
        Mail(
            message("Eve <eve@other.example>", [me], "Hello", at(16), "eve-1@other.example"),
            "INBOX",
        ),
    ]
    return mails


# (kind, date, summary, participant e-mails) of every interaction the scenario proposes.
EXPECTED_MAIL = {
    ("email", "2026-11-02", "Projektplan", (ANNA[1],)),
    ("email", "2026-11-03", "Projektplan", (ANNA[1],)),
    ("email", "2026-11-04", "Lunch next week?", (BERND[1],)),
    ("email", "2026-11-05", "Kickoff", (ANNA[1], BERND[1])),
}


def new_message() -> Mail:
    anna = f"{ANNA[0]} <{ANNA[1]}>"
    return Mail(
        message(anna, [f"Me <{OWNER}>"], "Quarterly numbers", at(20), "numbers-1@firma.example"),
        "INBOX",
    )


def write_maildir(path: Path, mails: list[Mail]) -> Path:
    box = mailbox.Maildir(path, create=True)
    for mail in mails:
        box.add(mail.data)
    box.close()
    return path


def write_mbox(path: Path, mails: list[Mail]) -> Path:
    box = mailbox.mbox(path, create=True)
    box.lock()
    for mail in mails:
        box.add(mail.data)
    box.flush()
    box.unlock()
    box.close()
    return path


def ics(today: dt.date) -> bytes:
    """Past meetings (and one future one) around ``today``."""

    def day(offset: int, hour: int = 12) -> str:
        when = dt.datetime.combine(today + dt.timedelta(days=offset), dt.time(hour))
        return when.strftime("%Y%m%dT%H%M%S")

    def event(
        uid: str, summary: str, start: str, end: str, people: list[str], extra: str = ""
    ) -> str:
        lines = [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            "DTSTAMP:20261101T000000Z",
            f"DTSTART:{start}",
            f"DTEND:{end}",
            f"SUMMARY:{summary}",
            *people,
        ]
        if extra:
            lines.append(extra)
        lines.append("END:VEVENT")
        return "\r\n".join(lines)

    first_one_on_one = today - dt.timedelta(days=20)
    exdate = (first_one_on_one + dt.timedelta(days=7)).strftime("%Y%m%dT090000")
    events = [
        event(
            "lunch-anna",
            "Mittagessen mit Anna",
            day(-10),
            day(-10, 13),
            [f"ATTENDEE;CN={ANNA[0]}:mailto:{ANNA[1]}", f"ORGANIZER:mailto:{OWNER}"],
        ),
        event(
            "coffee-carla",
            "Coffee with Carla",
            day(-9, 8),
            day(-9, 9),
            [f"ORGANIZER;CN={CARLA[0]}:mailto:{CARLA[1].upper()}", f"ATTENDEE:mailto:{OWNER}"],
        ),
        event(
            "strangers",
            "Team meeting",
            day(-8),
            day(-8, 13),
            ["ATTENDEE:mailto:x@unknown.example", "ATTENDEE:mailto:y@unknown.example"],
        ),
        event(
            "after-work",
            "Feierabendbier",
            day(-7, 18),
            day(-7, 20),
            [f"ATTENDEE:mailto:{ANNA[1]}", "ATTENDEE:mailto:z@unknown.example"],
        ),
        event("future-anna", "Lunch with Anna", day(5), day(5, 13), [f"ATTENDEE:mailto:{ANNA[1]}"]),
        event(
            "one-on-one",
            "1:1 Bernd",
            first_one_on_one.strftime("%Y%m%dT090000"),
            first_one_on_one.strftime("%Y%m%dT093000"),
            [f"ATTENDEE;CN=Bernd:mailto:{BERND[1]}"],
            f"RRULE:FREQ=WEEKLY;COUNT=6\r\nEXDATE:{exdate}",
        ),
    ]
    body = "\r\n".join(events)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Allies tests//EN\r\n"
        f"{body}\r\nEND:VCALENDAR\r\n"
    ).encode()


def expected_events(today: dt.date) -> set[tuple[str, str, str]]:
    """(kind, date, summary) of the interactions the calendar proposes."""
    first = today - dt.timedelta(days=20)
    one_on_ones = {
        ("meeting", (first + dt.timedelta(days=7 * n)).isoformat(), "1:1 Bernd") for n in (0, 2)
    }
    return {
        ("lunch", (today - dt.timedelta(days=10)).isoformat(), "Mittagessen mit Anna"),
        ("coffee", (today - dt.timedelta(days=9)).isoformat(), "Coffee with Carla"),
        ("after-work", (today - dt.timedelta(days=7)).isoformat(), "Feierabendbier"),
    } | one_on_ones

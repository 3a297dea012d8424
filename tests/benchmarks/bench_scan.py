"""Mail header scan (SPEC §7: first ≤ 60 s, incremental ≤ 1 s at 100,000 messages, local
Maildir), and the same mailbox over IMAP from a Dovecot on loopback.

    .venv/bin/python tests/benchmarks/bench_scan.py [--messages 100000] [--no-imap]

A generated Maildir (cached in the temporary directory) of ``--messages`` messages in
threads with 1,000 contacts, strangers, lists and newsletters, each with a ~1 KB header
and a body. Printed beside each scan: the floor of reading every header's bytes alone.
The IMAP part needs root and Dovecot (``tools/ensure_system_deps.sh --servers``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ALLIES_NO_KEYRING", "1")

from app.capture.local import read_file_header  # noqa: E402
from app.capture.scan import scan  # noqa: E402
from app.capture.sources import add_imap_source, add_local_source  # noqa: E402
from app.db import close_database, open_database  # noqa: E402
from app.models import database  # noqa: E402

CONTACTS = 1000
OWNER = "me@example.org"


def contact_address(n: int) -> str:
    return f"person{n}@company{n % 50}.example"


def generate(path: Path, count: int) -> Path:
    """A Maildir of ``count`` messages (built once, then reused)."""
    done = path / ".complete"
    if done.exists():
        return path
    shutil.rmtree(path, ignore_errors=True)
    for sub in ("cur", "new", "tmp"):
        (path / sub).mkdir(parents=True)
    rng = random.Random(7)
    start = dt.datetime(2024, 1, 1, 8, tzinfo=dt.UTC)
    padding = "X-Mailer: Bench Mail 1.0\r\nX-Spam-Score: 0.1\r\n" + "".join(
        f"Received: from relay{i}.example by mx.example.org; Mon, 1 Jan 2024 08:00:00 +0000\r\n"
        for i in range(6)
    )
    threads: list[str] = []
    for n in range(count):
        when = start + dt.timedelta(minutes=7 * n)
        kind = rng.random()
        other = (
            contact_address(rng.randrange(CONTACTS))
            if kind < 0.7
            else (f"stranger{rng.randrange(5000)}@elsewhere.example")
        )
        extra = ""
        if kind > 0.9:
            extra = "List-Id: <dev.lists.example>\r\nPrecedence: list\r\n"
        msgid = f"<m{n}@bench.example>"
        if threads and rng.random() < 0.5:
            root = rng.choice(threads[-200:])
            refs = f"In-Reply-To: {root}\r\nReferences: {root}\r\n"
            subject = "Re: Topic"
        else:
            root, refs, subject = msgid, "", f"Topic {n}"
            threads.append(msgid)
        sender, to = (OWNER, other) if rng.random() < 0.4 else (other, OWNER)
        text = (
            f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\n"
            f"Date: {when.strftime('%a, %d %b %Y %H:%M:%S +0000')}\r\nMessage-ID: {msgid}\r\n"
            f"{refs}{extra}{padding}\r\n" + "Body line of the message.\r\n" * 40
        )
        name = f"{1700000000 + n}.M{n}P1.bench:2,S"
        (path / "cur" / name).write_text(text)
    done.write_text("ok")
    return path


def header_floor(path: Path) -> float:
    started = time.perf_counter()
    for sub in ("cur", "new"):
        with os.scandir(path / sub) as entries:
            for entry in entries:
                read_file_header(entry.path)
    return time.perf_counter() - started


def fresh_db(folder: Path) -> None:
    db_path = folder / "bench.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    open_database(db_path)
    with database.atomic():
        database.cursor().executemany(
            "INSERT INTO contact (formatted_name, given_name, family_name, nickname, "
            "organization, department, title, notes, level, circle, roles, trust, archived, "
            "kept_properties, created_at, updated_at, balance) VALUES (?, '', '', '', '', '', "
            "'', '', 'peer', 'other', '', 3, 0, '', '2024-01-01', '2024-01-01', 0)",
            [(f"Person {n}",) for n in range(CONTACTS)],
        )
        database.cursor().executemany(
            "INSERT INTO email_address (contact_id, address, label, position) VALUES (?, ?, '', 0)",
            [(n + 1, contact_address(n)) for n in range(CONTACTS)],
        )


def timed(label: str, goal: str) -> float:
    started = time.perf_counter()
    report = scan()
    seconds = time.perf_counter() - started
    result = report.results[0]
    print(
        f"{label:38} {seconds:8.2f} s   ({result.new_messages} messages, "
        f"{result.suggestions} new suggestions{', ERROR ' + str(result.error) if result.error else ''})"
        f"   goal {goal}"
    )
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--no-imap", action="store_true")
    args = parser.parse_args()
    base = Path(tempfile.gettempdir()) / f"allies-bench-maildir-{args.messages}"
    started = time.perf_counter()
    box = generate(base, args.messages)
    print(f"Maildir of {args.messages:,} messages at {box} ({time.perf_counter() - started:.1f} s)")
    work = Path(tempfile.mkdtemp(prefix="allies-bench-scan-"))
    print(f"reference: reading every header's bytes  {header_floor(box):8.2f} s")

    fresh_db(work)
    add_local_source("maildir", box)
    timed("Maildir first scan", "≤ 60 s")
    timed("Maildir incremental, nothing new", "≤ 1 s")
    for n in range(10):
        (box / "new" / f"1800000000.M{n}P2.bench").write_text(
            f"From: {contact_address(n)}\r\nTo: {OWNER}\r\nSubject: new {n}\r\n"
            f"Date: Mon, 2 Dec 2026 10:00:00 +0000\r\nMessage-ID: <new{n}@bench.example>\r\n\r\nhi\r\n"
        )
    timed("Maildir incremental, 10 new", "≤ 1 s")
    for n in range(10):  # a mail client reads them: new/ -> cur/ with flags
        name = f"1800000000.M{n}P2.bench"
        os.rename(box / "new" / name, box / "cur" / f"{name}:2,S")
    timed("Maildir incremental, 10 moved to cur/", "≤ 1 s")
    for n in range(10):
        (box / "cur" / f"1800000000.M{n}P2.bench:2,S").unlink()
    close_database()

    if not args.no_imap:
        from tests.helpers.dovecot import Dovecot, available

        if not available():
            print("IMAP: skipped (needs root and dovecot)")
        else:
            server = Dovecot()
            server.start()
            try:
                target = server.maildir / "cur"
                for entry in os.scandir(box / "cur"):
                    shutil.copy(entry.path, target / entry.name)
                server._chown()
                fresh_db(work)
                add_imap_source(server.url, server.user, server.password)
                timed("IMAP (Dovecot, loopback) first scan", "—")
                timed("IMAP incremental, nothing new", "—")
                for n in range(10):
                    server.deliver(
                        f"From: {contact_address(n)}\r\nTo: {OWNER}\r\nSubject: new {n}\r\n"
                        f"Date: Mon, 2 Dec 2026 10:00:00 +0000\r\n"
                        f"Message-ID: <imapnew{n}@bench.example>\r\n\r\nhi\r\n".encode()
                    )
                timed("IMAP incremental, 10 new", "—")
                close_database()
            finally:
                server.stop()
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

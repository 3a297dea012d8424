"""The demo network: the story it tells, its size, determinism and all-or-nothing writing."""

from __future__ import annotations

import datetime as dt
import json
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import peewee
import pytest

from app import settings
from app.cli import main
from app.contacts import load_contact, validate
from app.db import close_database, open_database
from app.demo import CAST, create_demo
from app.derived import computed_balance, computed_last_contact, due_contacts
from app.errors import DatabaseRefused
from app.models import Contact, InteractionKind, database

TODAY = dt.date(2026, 6, 15)


def scalar(sql: str) -> object:
    return database.execute_sql(sql).fetchone()[0]


def test_default_demo_tells_the_story(db: peewee.SqliteDatabase) -> None:
    summary = create_demo(today=TODAY)
    assert summary.contacts == Contact.select().count() == 150
    assert 1200 <= summary.interactions <= 2000
    assert (settings.get("user_name"), settings.get("user_organization")) == (
        "Alex Weber", "Nordwind Systems GmbH")  # fmt: skip
    due = due_contacts(TODAY, include_snoozed=False)
    assert summary.due == len(due) and 7 <= len(due) <= 15
    assert "Julia Wolf" in {e.name for e in due}
    levels = {r[0] for r in database.execute_sql("SELECT DISTINCT level FROM contact")}
    circles = {r[0] for r in database.execute_sql("SELECT DISTINCT circle FROM contact")}
    assert levels == {"above", "peer", "below", "external"}
    assert circles >= {"work", "university", "association", "event", "training", "private"}
    doorman = Contact.get(Contact.title == "Pförtner")
    assert "information source" in doorman.role_list and doorman.birthday.startswith("--")
    kinds = {r[0] for r in database.execute_sql("SELECT DISTINCT kind FROM interaction")}
    assert kinds == {k.value for k in InteractionKind}
    assert scalar("SELECT MAX(occurred_on) FROM interaction") == TODAY.isoformat()
    assert scalar("SELECT MIN(occurred_on) FROM interaction") >= "2024-06-15"
    assert scalar("SELECT COUNT(*) FROM contact WHERE balance < -2") >= 3
    assert scalar("SELECT COUNT(*) FROM contact WHERE balance > 4") >= 1
    assert scalar(
        "SELECT COUNT(*) FROM exchange WHERE kind IN ('recommendation', 'introduction') "
        "AND direction = 'received' AND thanked = 0"
    )
    assert scalar("SELECT COUNT(DISTINCT direction) FROM exchange") == 2
    assert scalar("SELECT COUNT(*) FROM contact WHERE birthday LIKE '--%'") >= 3
    assert scalar("SELECT COUNT(*) FROM contact WHERE cadence_days IS NOT NULL") >= 5
    assert scalar("SELECT COUNT(*) FROM goal") >= 3
    assert scalar("SELECT COUNT(*) FROM follow_up") >= 3
    assert scalar("SELECT COUNT(*) FROM contact_tag") >= 50
    types = {r[0] for r in database.execute_sql("SELECT DISTINCT type FROM relationship")}
    assert types >= {"colleague", "reports-to", "introduced-by", "mentor-of", "friend"}
    # Chiara is only reachable through Yusuf, who came through Julia.
    chain = database.execute_sql(
        "SELECT a.formatted_name, b.formatted_name, c.formatted_name FROM relationship r1 "
        "JOIN relationship r2 ON r2.source_id = r1.target_id AND r2.type = 'introduced-by' "
        "JOIN contact a ON a.id = r1.source_id JOIN contact b ON b.id = r1.target_id "
        "JOIN contact c ON c.id = r2.target_id WHERE r1.type = 'introduced-by' "
        "AND a.last_contact IS NULL"
    ).fetchall()
    assert ("Chiara Romano", "Yusuf Aydın", "Julia Wolf") in chain


def test_demo_data_is_valid_and_consistent(db: peewee.SqliteDatabase) -> None:
    create_demo(today=TODAY)
    for contact in Contact.select(Contact.id, Contact.last_contact, Contact.balance):
        validate(load_contact(contact.id))  # editing a demo contact in the app must work
        assert contact.last_contact == computed_last_contact(contact.id)
        assert contact.balance == computed_balance(contact.id)
    assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []


def test_same_seed_same_network(tmp_path: Path) -> None:
    dumps = []
    for name in ("one", "two"):
        path = tmp_path / f"{name}.sqlite3"
        open_database(path)
        create_demo(300, today=TODAY)
        close_database()
        con = sqlite3.connect(path)
        for table in ("interaction", "exchange"):  # uids are globally unique, never seeded
            con.execute(f"UPDATE {table} SET uid = NULL")
        dumps.append([
            con.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in ("contact", "interaction", "participant", "exchange", "relationship")
        ])  # fmt: skip
        con.close()
    assert dumps[0] == dumps[1]


def test_small_demo_keeps_only_what_its_cast_allows(db: peewee.SqliteDatabase) -> None:
    summary = create_demo(5, today=TODAY)
    assert summary.contacts == 5
    assert [c.formatted_name for c in Contact.select().order_by(Contact.id)] == [
        p.name for p in CAST[:5]
    ]
    assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []


def test_demo_refuses_a_database_with_contacts(db: peewee.SqliteDatabase) -> None:
    create_demo(5, today=TODAY)
    with pytest.raises(DatabaseRefused, match="already holds 5 contacts"):
        create_demo(today=TODAY)
    assert Contact.select().count() == 5


def test_cli_demo_then_due(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "demo.sqlite3")
    assert main(["--db", db, "demo"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("demo network for Alex Weber (Nordwind Systems GmbH): 150 ")
    assert "150/150 contacts written" in captured.err
    assert main(["--db", db, "due", "--json"]) == 0
    due = json.loads(capsys.readouterr().out)
    assert 7 <= len(due) <= 15
    assert due == sorted(due, key=lambda d: -d["overdue_days"])
    assert main(["--db", db, "demo"]) == 1
    assert capsys.readouterr().err.startswith("allies: error: the database already holds 150")


def test_killing_a_big_demo_leaves_a_sound_database(tmp_path: Path) -> None:
    path = tmp_path / "killed.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "--db", str(path), "demo", "--contacts", "20000"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    line = process.stderr.readline()  # the first batch is written: the transaction is open
    assert "contacts written" in line
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        contacts = con.execute("SELECT COUNT(*) FROM contact").fetchone()[0]
        interactions = con.execute("SELECT COUNT(*) FROM interaction").fetchone()[0]
    finally:
        con.close()
    assert contacts in (0, 20000)  # all or nothing; killed mid-run, it is nothing
    assert (contacts == 0) == (interactions == 0)

"""A write op is one IMMEDIATE transaction (SPEC §7 Reliability; issue 12 finding 1):
another process cannot write between its reads and its writes, and an op that fails
half-way leaves nothing behind."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app import contacts
from app.models import Contact, database
from ui.ops import OpRunner


def _intrude(path: Path) -> bool:
    """Another process tries to write now, without waiting; True when it could."""
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("INSERT INTO setting (key, value) VALUES ('intruder', '1')")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        other.close()


def test_no_other_writer_between_an_ops_read_and_its_write(
    inline_ops: OpRunner, db  # type: ignore[no-untyped-def]
) -> None:
    path = Path(database.file_path)
    results: list[bool] = []

    def count_then_add() -> object:
        n = Contact.select().count()
        intruded = _intrude(path)
        _, changes = contacts.create_contact(contacts.ContactInput(f"Person {n}"))
        results.append(intruded)
        return changes

    inline_ops.run(count_then_add, failure=lambda exc: pytest.fail(str(exc)))
    assert results == [False]
    assert [c.formatted_name for c in Contact.select()] == ["Person 0"]
    assert _intrude(path)  # once the op committed, others write again


def test_a_failing_op_leaves_nothing(inline_ops: OpRunner, db) -> None:  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []

    def two_writes_then_fail() -> None:
        contacts.create_contact(contacts.ContactInput("First"))
        contacts.create_contact(contacts.ContactInput("Second"))
        raise RuntimeError("half-way")

    inline_ops.run(two_writes_then_fail, failure=errors.append)
    assert [str(e) for e in errors] == ["half-way"]
    assert Contact.select().count() == 0


def test_reads_take_no_write_lock(inline_ops: OpRunner, db) -> None:  # type: ignore[no-untyped-def]
    path = Path(database.file_path)
    seen: list[bool] = []
    inline_ops.run(lambda: seen.append(_intrude(path)), write=False)
    assert seen == [True]

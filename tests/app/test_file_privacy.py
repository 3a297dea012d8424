"""Private files from their first byte, read-only databases stay so, backups never collide
(SPEC §6 and §7 Reliability; issue 12 findings 7 and 8)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import cli, contacts
from app import db as dbmod
from app.db import close_database, daily_backup, open_database
from app.errors import DatabaseReadOnly
from app.models import database


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The most permissive umask a user might have: privacy must not depend on it."""
    old = os.umask(0)
    yield
    os.umask(old)


def test_data_folder_and_database_private_whatever_the_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loose_umask: None
) -> None:
    data = tmp_path / "share" / "Allies"
    monkeypatch.setattr(dbmod, "data_dir", lambda: data)
    open_database(data / "allies.sqlite3", backup=True)
    contacts.create_contact(contacts.ContactInput("Ann"))
    close_database()
    assert mode(data) == 0o700
    assert mode(dbmod.backup_dir(data / "allies.sqlite3")) == 0o700
    files = [p for p in data.rglob("*") if p.is_file()]
    assert files and {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}


def test_existing_loose_data_folder_and_backups_are_tightened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "Allies"
    (data / "backups").mkdir(parents=True)
    os.chmod(data, 0o755)
    os.chmod(data / "backups", 0o755)
    monkeypatch.setattr(dbmod, "data_dir", lambda: data)
    open_database(data / "allies.sqlite3", backup=True)
    close_database()
    assert mode(data) == 0o700 and mode(data / "backups") == 0o700


def test_a_folder_the_user_chose_keeps_its_mode(tmp_path: Path) -> None:
    chosen = tmp_path / "shared-folder"
    chosen.mkdir()
    os.chmod(chosen, 0o755)
    open_database(chosen / "team.db")
    close_database()
    assert mode(chosen) == 0o755
    assert mode(chosen / "team.db") == 0o600


def test_backup_temporary_file_is_private_from_its_first_byte(
    db: object, loose_umask: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = Path(database.database)
    seen: list[int] = []
    real_connect = sqlite3.connect

    def watching_connect(target: str, *args: object, **kwargs: object) -> sqlite3.Connection:
        if str(target).endswith(".part"):
            seen.append(mode(Path(target)))  # the file exists before SQLite writes to it
        return real_connect(target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(dbmod.sqlite3, "connect", watching_connect)
    made = daily_backup(path, dt.date(2026, 3, 1))
    assert seen == [0o600]
    assert made is not None and mode(made) == 0o600
    assert not list(made.parent.glob("*.part"))


def test_export_file_is_private(db: object, tmp_path: Path, loose_umask: None) -> None:
    contacts.create_contact(contacts.ContactInput("Ann"))
    path = Path(database.database)
    close_database()
    for fmt in ("vcard", "csv", "ics"):
        out = tmp_path / f"export.{fmt}"
        assert cli.main(["--db", str(path), "export", "--format", fmt, "-o", str(out)]) == 0
        assert mode(out) == 0o600


def test_backups_named_after_the_whole_file_name(tmp_path: Path) -> None:
    day = dt.date(2026, 5, 1)
    for name in ("x.db", "x.sqlite3"):
        open_database(tmp_path / name)
        contacts.create_contact(contacts.ContactInput(f"Owner of {name}"))
        assert daily_backup(tmp_path / name, day) is not None
        for later in range(1, 9):
            daily_backup(tmp_path / name, day + dt.timedelta(days=later))
        close_database()
    folder = tmp_path / "backups"
    for name in ("x.db", "x.sqlite3"):
        own = sorted(folder.glob(f"{name}-*.sqlite3"))
        assert len(own) == dbmod.BACKUPS_KEPT
        con = sqlite3.connect(own[-1])
        assert con.execute("SELECT formatted_name FROM contact").fetchall() == [
            (f"Owner of {name}",)
        ]
        con.close()


def test_rotation_never_deletes_the_backup_it_just_made(db: object) -> None:
    path = Path(database.database)
    for day in range(10, 17):
        daily_backup(path, dt.date(2026, 6, day))
    # the clock was set back: today's date sorts before every existing backup
    made = daily_backup(path, dt.date(2026, 6, 1))
    assert made is not None and made.exists()
    assert len(list(dbmod.backup_dir(path).glob("*.sqlite3"))) == dbmod.BACKUPS_KEPT


@pytest.fixture
def read_only_db(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "allies.sqlite3"
    open_database(path)
    contacts.create_contact(contacts.ContactInput("Ann"))
    close_database()
    os.chmod(path, 0o400)
    yield path
    close_database()
    os.chmod(path, 0o600)


def test_read_only_database_stays_read_only(read_only_db: Path) -> None:
    before = read_only_db.read_bytes()
    database = open_database(read_only_db, backup=True)
    assert database.read_only
    assert [c.formatted_name for c in contacts.Contact.select()] == ["Ann"]
    with pytest.raises(DatabaseReadOnly, match="read-only"):
        contacts.create_contact(contacts.ContactInput("Bob"))
    close_database()
    assert mode(read_only_db) == 0o400
    assert read_only_db.read_bytes() == before
    assert not (read_only_db.parent / "backups").exists()


def test_read_only_database_opens_when_its_wal_files_cannot_be_made(read_only_db: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{read_only_db}{suffix}").unlink(missing_ok=True)
    # a stray -shm nobody can read: the read-only connection falls back to immutable
    shm = Path(f"{read_only_db}-shm")
    shm.write_bytes(b"")
    os.chmod(shm, 0o000)
    try:
        database = open_database(read_only_db)
        assert database.read_only
        assert contacts.Contact.select().count() == 1
    finally:
        close_database()
        shm.unlink()


def test_cli_refuses_writes_on_a_read_only_database_and_reads_work(
    read_only_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cards = tmp_path / "one.vcf"
    cards.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cleo\r\nEND:VCARD\r\n", encoding="utf-8")
    db = ["--db", str(read_only_db)]
    for argv in (
        ["add", "Bob"],
        ["log", "--with", "Ann", "Lunch"],
        ["import", str(cards)],
        ["demo", "--contacts", "5"],
    ):
        capsys.readouterr()
        assert cli.main([*db, *argv]) == 1, argv
        out, err = capsys.readouterr()
        assert out == "" and err.count("\n") == 1 and "read-only" in err, (argv, err)
    capsys.readouterr()
    assert cli.main([*db, "contacts"]) == 0
    assert "Ann" in capsys.readouterr().out
    assert cli.main([*db, "due", "--json"]) == 0
    assert cli.main([*db, "import", "--dry-run", str(cards)]) == 0
    assert cli.main([*db, "export", "--format", "vcard"]) == 0
    assert "FN:Ann" in capsys.readouterr().out
    assert mode(read_only_db) == 0o400

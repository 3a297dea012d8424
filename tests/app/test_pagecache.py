"""Asking the kernel to read a database's B-trees ahead: every page of them, nothing else."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.pagecache import prefetch_btrees


@pytest.fixture
def deep(tmp_path: Path) -> Path:
    """A database with small pages, so its table and index are three and more levels deep."""
    path = tmp_path / "deep.sqlite3"
    con = sqlite3.connect(path)
    con.execute("PRAGMA page_size = 512")
    con.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT, day TEXT)")
    con.execute("CREATE TABLE other (id INTEGER PRIMARY KEY, blob TEXT)")
    con.executemany(
        "INSERT INTO item (name, day) VALUES (?, ?)",
        [(f"name {k:06}", f"2026-{1 + k % 12:02}-{1 + k % 28:02}") for k in range(6000)],
    )
    con.executemany("INSERT INTO other (blob) VALUES (?)", [("x" * 300,) for _ in range(500)])
    con.execute("CREATE INDEX item_day ON item (day)")
    con.commit()
    con.close()
    return path


def _pages(path: Path, *names: str) -> tuple[list[int], int]:
    """The root pages of these B-trees and how many pages they have (SQLite's own count)."""
    con = sqlite3.connect(path)
    try:
        marks = ",".join("?" * len(names))
        roots = [
            r
            for (r,) in con.execute(
                f"SELECT rootpage FROM sqlite_master WHERE name IN ({marks})", names
            )
        ]
        count = con.execute(
            f"SELECT count(*) FROM dbstat WHERE name IN ({marks})", names
        ).fetchone()[0]
        depth = con.execute(
            "SELECT max(length(path) - length(replace(path, '/', ''))) FROM dbstat WHERE name = ?",
            (names[0],),
        ).fetchone()[0]
        assert depth >= 2  # a root, interior pages and leaves: the walk goes down levels
        return roots, count
    finally:
        con.close()


def test_every_page_of_the_btrees_is_asked_for(deep: Path) -> None:
    roots, count = _pages(deep, "item", "item_day")
    assert prefetch_btrees(str(deep), roots) == count
    one_root, one_count = _pages(deep, "item_day")
    assert prefetch_btrees(str(deep), one_root) == one_count < count


def test_a_root_that_is_a_leaf_is_one_page(tmp_path: Path) -> None:
    path = tmp_path / "small.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.execute("INSERT INTO t VALUES (1)")
    con.commit()
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 't'").fetchone()[0]
    con.close()
    assert prefetch_btrees(str(path), [root]) == 1


def test_nothing_is_asked_for_what_is_not_a_database(tmp_path: Path, deep: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("SQLite format 2, honestly\n" * 100)
    assert prefetch_btrees(str(text), [1, 2]) == 0
    assert prefetch_btrees(str(tmp_path / "missing.sqlite3"), [1]) == 0
    assert prefetch_btrees(str(deep), []) == 0
    assert prefetch_btrees(str(deep), [10**9]) == 0  # past the end of the file


def test_a_page_that_is_not_a_btree_page_ends_the_walk_there(deep: Path) -> None:
    """Pages overwritten since (a newer copy in the WAL, a file being rewritten) are
    skipped: their bytes are no child pointers to follow."""
    roots, _ = _pages(deep, "item")
    data = bytearray(deep.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    start = (roots[0] - 1) * size
    data[start : start + size] = b"\xff" * size
    broken = deep.with_name("broken.sqlite3")
    broken.write_bytes(bytes(data))
    assert prefetch_btrees(str(broken), roots) == 1  # the root itself, nothing below

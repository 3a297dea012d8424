"""``allies --self-check``: prove an installation works, without a display.

It opens a temporary database, writes a contact, exports it as vCard and imports it back,
imports a larger vCard file with the process that parses beside the import (started as
the desktop app starts it), builds the main window offscreen and renders it, loads the
icons and the German translation, and prints the versions. Exit status 0 when every
check passed.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import sqlite3
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

SAMPLE_NAME = "Ada Lovelace"


def _check_domain(folder: Path) -> str:
    from app.contacts import ContactInput, Labeled, create_contact
    from app.db import close_database, open_database
    from app.interchange.importer import InlineData, commit_import, plan_import
    from app.interchange.vcard_writer import export_vcard
    from app.models import Contact

    open_database(folder / "first.sqlite3")
    create_contact(
        ContactInput(
            SAMPLE_NAME,
            organization="Analytical Engines Ltd",
            emails=[Labeled("ada@example.org", "work")],
            tags=["self-check"],
        )
    )
    out = io.StringIO()
    if export_vcard(out) != 1:
        raise RuntimeError("export wrote no contact")
    close_database()
    open_database(folder / "second.sqlite3")
    result = commit_import(plan_import([InlineData(out.getvalue(), "self-check.vcf")]))
    names = [c.formatted_name for c in Contact.select()]
    if result.created != 1 or names != [SAMPLE_NAME]:
        raise RuntimeError(f"round trip gave {names!r}")
    return "database, vCard export and import"


def _check_parsing_process(folder: Path) -> str:
    """A large vCard file is parsed with a second process started as the desktop app
    starts it (spawn: in the bundle, this executable again; see parse_worker)."""
    import time

    from app.db import close_database, open_database
    from app.interchange import parse_worker
    from app.interchange.importer import commit_import, plan_import

    cards = 3000
    path = folder / "many.vcf"
    path.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nEMAIL:p{i}@example.org\r\n"
            "END:VCARD\r\n"
            for i in range(cards)
        ),
        newline="",
    )
    deadline = time.monotonic() + 60

    def progress(done: int, total: int) -> None:  # hold on until the child has begun
        while parse_worker.child_pending() and time.monotonic() < deadline:
            time.sleep(0.01)

    saved = parse_worker.START, parse_worker.PART_BYTES, parse_worker.SPAWN_MIN_BYTES
    parse_worker.START, parse_worker.PART_BYTES, parse_worker.SPAWN_MIN_BYTES = "spawn", 8192, 0
    taken = parse_worker.taken
    open_database(folder / "parts.sqlite3")
    try:
        result = commit_import(plan_import([path], region="DE", progress=progress))
    finally:
        parse_worker.START, parse_worker.PART_BYTES, parse_worker.SPAWN_MIN_BYTES = saved
        close_database()
    if result.created != cards:
        raise RuntimeError(f"imported {result.created} of {cards} cards")
    if parse_worker.taken == taken:
        raise RuntimeError("the parsing process read no part of the file")
    return f"vCard import with a parsing process ({parse_worker.taken - taken} parts read there)"


def _check_window(folder: Path) -> str:
    from ui.application import create_application

    create_application()
    from ui.main_window import MainWindow

    window = MainWindow()
    window.resize(1000, 700)
    window.show()
    from ui.qt import QtWidgets

    QtWidgets.QApplication.processEvents()
    image = window.grab().toImage()
    if image.isNull() or image.width() < 100:
        raise RuntimeError("the main window did not render")
    target = folder / "window.png"
    if not image.save(str(target)):
        raise RuntimeError("could not save the rendered window")
    window.close()
    window.deleteLater()
    return f"main window rendered offscreen ({image.width()}x{image.height()})"


def _check_resources(folder: Path) -> str:
    from ui.qt import QtCore
    from ui.resources import app_icon, icon, resource_path

    if app_icon().isNull() or icon("new-contact").isNull():
        raise RuntimeError("icons missing")
    qm = resource_path("translations", "allies_de.qm")
    translator = QtCore.QTranslator()
    if not translator.load(str(qm)):
        raise RuntimeError(f"cannot load {qm}")
    return "icons and German translation"


def versions() -> list[str]:
    from importlib.metadata import PackageNotFoundError, version

    import peewee

    from ui.qt import QtCore

    try:
        allies = version("allies")
    except PackageNotFoundError:
        allies = "source"
    return [
        f"Allies {allies}",
        f"Python {platform.python_version()} ({sys.platform})",
        f"Qt {QtCore.qVersion()}, PySide6 {__import__('PySide6').__version__}",
        f"peewee {peewee.__version__}, SQLite {sqlite3.sqlite_version}",
    ]


def run(args: argparse.Namespace | None = None) -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    checks: list[Callable[[Path], str]] = [
        _check_domain,
        _check_parsing_process,
        _check_window,
        _check_resources,
    ]
    failed = 0
    with tempfile.TemporaryDirectory(prefix="allies-self-check-") as tmp:
        folder = Path(tmp)
        os.environ["ALLIES_DB"] = str(folder / "first.sqlite3")
        for line in versions():
            print(line)
        for check in checks:
            try:
                print(f"ok    {check(folder)}")
            except Exception as exc:  # every failure is reported, then the next check runs
                failed += 1
                print(f"FAIL  {check.__name__.removeprefix('_check_')}: {exc}")
                traceback.print_exc(file=sys.stderr)
        from app.db import close_database

        close_database()
    print("self-check passed" if not failed else f"self-check failed ({failed} problems)")
    return 0 if not failed else 1

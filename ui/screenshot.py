"""``allies screenshot [--view V] [--size WxH] OUT.png``: the window, rendered offscreen.

Runs without a display (Qt's offscreen platform), with the database work inline so the
picture shows finished views, and with a throwaway layout store so neither the user's
window layout is used nor changed.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from app.contacts import ContactFilter, contact_rows, query_contact_ids
from app.db import close_database, open_database
from app.errors import AlliesError


def _fail(message: str) -> int:
    print(f"allies: error: {message}", file=sys.stderr)
    return 1


def sensible_contact() -> int | None:
    """A contact with something to show, near the top of the list: one with a photo and
    interactions, else one with interactions, else the first."""
    ids = query_contact_ids(ContactFilter())[:200]
    if not ids:
        return None
    rows = contact_rows(ids)
    talked = [cid for cid in ids if rows[cid].last_contact is not None]
    with_photo = [cid for cid in talked if rows[cid].has_photo]
    return (with_photo or talked or ids)[0]


def take_screenshot(args: argparse.Namespace) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from ui.application import create_application

    width, height = args.size
    out = Path(args.out)
    app = create_application()
    from ui.logging_setup import route_qt_messages
    from ui.ops import ops, use_inline_executor
    from ui.settings import use_memory_store

    use_memory_store()
    use_inline_executor()
    route_qt_messages()
    logging.getLogger("qt").setLevel(logging.ERROR)  # offscreen's "does not support raise()"
    try:
        open_database(getattr(args, "db", None))
    except (AlliesError, OSError) as exc:
        return _fail(str(exc))
    try:
        from ui.main_window import MainWindow

        window = MainWindow()
        window.resize(width, height)
        window.show()
        contact = sensible_contact()
        if contact is not None:
            window.open_contact(contact)
        view = window.show_view(args.view)
        app.processEvents()
        finish = getattr(view, "render_for_screenshot", None)
        if callable(finish):
            finish()
        for _ in range(3):
            app.processEvents()
        if not window.grab().save(str(out)):
            return _fail(f"cannot write {out}")
        window.close()
        return 0
    finally:
        ops().shutdown()
        close_database()

"""``allies screenshot [--view V] [--size WxH] [--language L] [--theme T] OUT.png``.

The window, rendered offscreen. Runs without a display (Qt's offscreen platform), with the
database work inline so the picture shows finished views, and with a throwaway layout
store so neither the user's window layout is used nor changed. :func:`screenshot_set`
makes the documentation's whole set (every view, the main dialogs) in one process; see
``tools/screenshots.py``.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app.contacts import ContactFilter, contact_rows, query_contact_ids
from app.db import close_database, open_database
from app.errors import AlliesError

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.qt import QtGui, QtWidgets


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


def dark_palette() -> QtGui.QPalette:
    """A dark palette like the ones desktops hand to Qt (for pictures of the dark look)."""
    from ui.qt import QtGui

    role, group = QtGui.QPalette.ColorRole, QtGui.QPalette.ColorGroup
    palette = QtGui.QPalette()
    colours = {
        role.Window: "#2b2b2e",
        role.WindowText: "#e8e8ea",
        role.Base: "#1f1f22",
        role.AlternateBase: "#29292d",
        role.ToolTipBase: "#3a3a3f",
        role.ToolTipText: "#f0f0f0",
        role.PlaceholderText: "#8c8c92",
        role.Text: "#e8e8ea",
        role.Button: "#35353a",
        role.ButtonText: "#e8e8ea",
        role.BrightText: "#ff6b6b",
        role.Light: "#4a4a50",
        role.Midlight: "#3e3e44",
        role.Mid: "#2f2f33",
        role.Dark: "#1a1a1c",
        role.Shadow: "#000000",
        role.Highlight: "#3d7bd9",
        role.HighlightedText: "#ffffff",
        role.Link: "#7fb0ff",
        role.LinkVisited: "#c49bff",
    }
    for r, colour in colours.items():
        palette.setColor(r, QtGui.QColor(colour))
    for r in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group.Disabled, r, QtGui.QColor("#7c7c82"))
    return palette


def _start(language: str | None, theme: str | None) -> QtWidgets.QApplication:
    """The application for pictures: offscreen, inline ops, memory settings, the language
    and palette asked for."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from ui.settings import use_memory_store

    use_memory_store()
    from ui.application import create_application
    from ui.qt import QtCore, QtWidgets

    app = create_application()
    if language:
        from ui.i18n import install_translators

        install_translators(language)
        QtCore.QLocale.setDefault(QtCore.QLocale("de_DE" if language == "de" else "en_GB"))
    if theme == "dark":
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    elif theme == "light":
        app.setStyle("Fusion")
        app.setPalette(app.style().standardPalette())
    from ui.logging_setup import route_qt_messages
    from ui.ops import use_inline_executor

    use_inline_executor()
    route_qt_messages()
    logging.getLogger("qt").setLevel(logging.ERROR)  # offscreen's "does not support raise()"
    del QtWidgets
    return app


def _settle(app: QtWidgets.QApplication, view: object = None) -> None:
    app.processEvents()
    finish = getattr(view, "render_for_screenshot", None)
    if callable(finish):
        finish()
    for _ in range(3):
        app.processEvents()


def save_picture(widget: QtWidgets.QWidget, out: Path) -> bool:
    """Save what the widget shows. With Pillow at hand, as an 8-bit PNG with a palette
    fitted to the picture (a quarter of the bytes, no visible change: Qt's own 8-bit
    conversion merged the close greys of a dark palette); otherwise in full colour."""
    from ui.qt import QtCore

    image = widget.grab().toImage()
    try:
        from PIL import Image
    except ImportError:
        return image.save(str(out), "PNG", 9)
    data = QtCore.QByteArray()
    buffer = QtCore.QBuffer(data)
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    import io

    picture = Image.open(io.BytesIO(bytes(data.data()))).convert("RGB")
    small = picture.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    try:
        small.save(out, "PNG", optimize=True)
    except OSError:
        return False
    return True


def prepare_window(app: QtWidgets.QApplication, width: int, height: int) -> MainWindow:
    from ui.main_window import MainWindow

    window = MainWindow()
    window.resize(width, height)
    window.show()
    contact = sensible_contact()
    if contact is not None:
        window.open_contact(contact)
    _settle(app)
    return window


def take_screenshot(args: argparse.Namespace) -> int:
    width, height = args.size
    out = Path(args.out)
    app = _start(getattr(args, "language", None), getattr(args, "theme", None))
    from ui.ops import ops

    try:
        open_database(getattr(args, "db", None))
    except (AlliesError, OSError) as exc:
        return _fail(str(exc))
    try:
        window = prepare_window(app, width, height)
        view = window.show_view(args.view)
        _settle(app, view)
        if not save_picture(window, out):
            return _fail(f"cannot write {out}")
        window.close()
        return 0
    finally:
        ops().shutdown()
        close_database()


def _dialogs(window: MainWindow, sample: Path) -> dict[str, Callable[[], QtWidgets.QWidget]]:
    """The main dialogs, each opened the way a person opens it."""

    def new_contact() -> QtWidgets.QWidget:
        dialog = window.contact_actions.new_contact()
        dialog.form.name.setText("Maria Lopez")
        return dialog

    def log_interaction() -> QtWidgets.QWidget:
        window.contact_actions.log.trigger()
        from ui.timeline.log_dialog import LogInteractionDialog

        return next(w for w in window.findChildren(LogInteractionDialog) if w.isVisible())

    def import_preview() -> QtWidgets.QWidget:
        return window.interchange.import_sources([str(sample)])

    def export() -> QtWidgets.QWidget:
        from ui.interchange.export_dialog import ExportDialog

        window.interchange.open_export_dialog()
        return next(w for w in window.findChildren(ExportDialog) if w.isVisible())

    found: dict[str, Callable[[], QtWidgets.QWidget]] = {
        "new-contact": new_contact,
        "log-interaction": log_interaction,
        "import-preview": import_preview,
        "export": export,
        "settings": window.show_settings,
        "about": window.show_about,
    }
    for name in ("show_shortcuts", "show_guide"):
        opener = getattr(window, name, None)
        if callable(opener):
            found[name.removeprefix("show_")] = opener
    return found


def sample_import(folder: Path) -> Path:
    """A small vCard file for the import preview: new people, one known person with a new
    phone, a near-duplicate and a broken card."""
    from app.models import Contact, EmailAddress

    known = EmailAddress.select(EmailAddress.address, Contact.formatted_name).join(Contact)
    rows = list(known.tuples().limit(3))
    cards = [
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Lea Hoffmann\r\nN:Hoffmann;Lea;;;\r\n"
        "ORG:Stadtwerke Kiel\r\nEMAIL:lea.hoffmann@example.org\r\nEND:VCARD\r\n",
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jonas Brandt\r\nN:Brandt;Jonas;;;\r\n"
        "TITLE:Data Engineer\r\nTEL:+49 30 1234567\r\nEND:VCARD\r\n",
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nTEL;TYPE=CELL:\r\nEND:VCARD\r\n",
    ]
    for address, name in rows[:2]:
        cards.append(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEMAIL:{address}\r\n"
            "TEL:+49 40 7654321\r\nEND:VCARD\r\n"
        )
    if len(rows) == 3:
        name = rows[2][1]
        near = name.replace("ü", "ue") if "ü" in name else name[:-1] + "a"
        cards.append(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{near}\r\n"
            "ORG:Freelance\r\nEMAIL:someone.else@example.net\r\nEND:VCARD\r\n"
        )
    path = folder / "new-people.vcf"
    path.write_text("".join(cards), encoding="utf-8")
    return path


def screenshot_set(
    db: Path,
    out: Path,
    language: str,
    theme: str,
    sizes: Sequence[tuple[int, int]],
    views: Sequence[str],
    *,
    dialogs: bool = True,
) -> int:
    """Every view at every size, then the main dialogs, as ``{view}-{W}x{H}-{lang}-{theme}``."""
    app = _start(language, theme)
    from ui.ops import ops

    out.mkdir(parents=True, exist_ok=True)
    open_database(db)
    try:
        window = None
        for width, height in sizes:
            window = prepare_window(app, width, height)
            for key in views:
                view = window.show_view(key)
                _settle(app, view)
                save_picture(window, out / f"{key}-{width}x{height}-{language}-{theme}.png")
            if window is not None and (width, height) != tuple(sizes[-1]):
                window.close()
                window.deleteLater()
        if dialogs and window is not None:
            window.show_view("contacts")
            _settle(app)
            for name, opener in _dialogs(window, sample_import(db.parent)).items():
                widget = opener()
                _settle(app)
                for _ in range(3):
                    app.processEvents()
                save_picture(widget, out / f"dialog-{name}-{language}-{theme}.png")
                widget.close()
                _settle(app)
            from app.models import Relationship

            linked = Relationship.select(Relationship.source).first()
            if linked is not None:
                window.open_contact(linked.source_id)
            detail = window.show_view("contacts")
            detail.show_section("relationships")  # type: ignore[attr-defined]
            _settle(app)
            save_picture(window, out / f"relationships-{language}-{theme}.png")
            detail.show_section("profile")  # type: ignore[attr-defined]
            insights = window.show_view("insights")
            insights.tabs.setCurrentWidget(insights.network_tab)  # type: ignore[attr-defined]
            _settle(app, insights)
            save_picture(window, out / f"insights-network-{language}-{theme}.png")
            insights.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
            window.show_view("contacts")
            _settle(app)
            window.interchange.overlay.cover()  # what a drag of files over the window shows
            _settle(app)
            save_picture(window, out / f"drop-overlay-{language}-{theme}.png")
            window.interchange.overlay.hide()
        return 0
    finally:
        ops().shutdown()
        close_database()

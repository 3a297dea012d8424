"""Markup in user data never becomes rich text in a tooltip (SPEC §7; issue 12 finding 6).

Qt renders a tooltip as HTML when ``Qt.mightBeRichText`` says so: ``<img src='/file'>`` in
a name would load that file. Every field of a contact, interaction, exchange, goal,
follow-up and relationship is filled with markup; every model's ToolTipRole and every
widget's ``toolTip()`` in every view is then read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import contacts, followups, goals, relationships, settings, timeline
from app.reminders import due_report
from ui.interchange.import_dialog import ImportPreviewDialog
from ui.main_window import MainWindow
from ui.qt import QtCore, QtGui, QtWidgets
from ui.reminder_banner import ReminderBanner
from ui.settings import use_memory_store
from ui.timeline.log_dialog import LogInteractionDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

EVIL = "<img src='/tmp/x.png'><b>x</b>"
TODAY = dt.date.today()


@pytest.fixture(autouse=True)
def memory_settings() -> None:
    use_memory_store()


def rendered_markup(tip: str | None) -> bool:
    """The tooltip would be shown as rich text with the user's tag in it."""
    return bool(tip) and QtGui.Qt.mightBeRichText(tip) and "<img" in str(tip)


def tooltips_of_model(model: QtCore.QAbstractItemModel) -> Iterator[tuple[str, str]]:
    """(where, tooltip) for every cell, children included (capped per level)."""
    stack = [QtCore.QModelIndex()]
    while stack:
        parent = stack.pop()
        if model.canFetchMore(parent):
            model.fetchMore(parent)
        try:
            columns = model.columnCount(parent)
        except TypeError:  # a C++ list model: columnCount is not reachable from Python
            columns = 1
        for row in range(min(model.rowCount(parent), 200)):
            for column in range(columns):
                index = model.index(row, column, parent)
                tip = model.data(index, QtCore.Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str):
                    yield f"{type(model).__name__}[{row},{column}]", tip
                if column == 0 and model.rowCount(index) > 0:
                    stack.append(index)


class Walker:
    def __init__(self) -> None:
        self.bad: list[str] = []
        self.checked = 0
        self.with_evil = 0

    def check(self, where: str, tip: str | None) -> None:
        self.checked += 1
        if tip and ("x.png" in tip):
            self.with_evil += 1
        if rendered_markup(tip):
            self.bad.append(f"{where}: {tip!r}")

    def walk(self, root: QtWidgets.QWidget) -> None:
        models: dict[int, QtCore.QAbstractItemModel] = {}
        for widget in [root, *root.findChildren(QtWidgets.QWidget)]:
            self.check(f"{type(widget).__name__} {widget.objectName()}", widget.toolTip())
            if isinstance(widget, QtWidgets.QAbstractItemView) and widget.model() is not None:
                models[id(widget.model())] = widget.model()
            if isinstance(widget, QtWidgets.QComboBox):
                models[id(widget.model())] = widget.model()
        for action in root.findChildren(QtGui.QAction):
            self.check(f"action {action.text()}", action.toolTip())
        for model in root.findChildren(QtCore.QAbstractItemModel):
            models[id(model)] = model
        for model in models.values():
            for where, tip in tooltips_of_model(model):
                self.check(where, tip)


@pytest.fixture
def evil_network(db):  # type: ignore[no-untyped-def]
    settings.set_value("user_name", EVIL)
    settings.set_value("user_organization", EVIL)
    settings.set_value("onboarded", True)
    evil, _ = contacts.create_contact(
        contacts.ContactInput(
            EVIL + " " + "Long" * 30,
            given_name=EVIL,
            family_name=EVIL,
            nickname=EVIL,
            organization=EVIL,
            department=EVIL,
            title=EVIL,
            notes=EVIL,
            level="above",
            tags=[EVIL],
            emails=[contacts.Labeled("evil@example.org", EVIL)],
            phones=[contacts.Labeled("+49 30 1234567", EVIL)],
            links=[contacts.Labeled("https://example.org/", EVIL)],
            addresses=[contacts.AddressInput(label=EVIL, street=EVIL, locality=EVIL)],
        )
    )
    other, _ = contacts.create_contact(
        contacts.ContactInput(EVIL + " Two", organization=EVIL, title=EVIL, level="peer")
    )
    timeline.log_interaction(
        timeline.InteractionInput(
            [evil, other],
            kind="lunch",
            occurred_on=TODAY - dt.timedelta(days=200),
            summary=EVIL,
            notes=EVIL,
            exchanges=[
                timeline.ExchangeInput("received", EVIL, kind="recommendation", outcome=EVIL),
                timeline.ExchangeInput("gave", EVIL, kind="advice"),
            ],
        )
    )
    goal, _ = goals.create_goal(EVIL, description=EVIL, target_date=TODAY + dt.timedelta(days=9))
    goals.attach_contact(goal, evil, note=EVIL)
    goals.attach_contact(goal, other)
    followups.add_follow_up(evil, TODAY - dt.timedelta(days=1), EVIL)
    relationships.add_relationship(evil, other, "mentor-of", note=EVIL)
    return evil, other


def test_no_tooltip_renders_markup_from_user_data(qtbot, evil_network, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    evil, other = evil_network
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1100, 760)
    window.show()
    qtbot.waitExposed(window)
    walker = Walker()
    window.open_contact(evil)
    for key in ("contacts", "timeline", "network", "insights"):
        view = window.show_view(key)
        if hasattr(view, "render_for_screenshot"):
            view.render_for_screenshot()
        qtbot.wait(10)
        walker.walk(window)
    window.show_view("contacts")
    window.open_contact(evil)
    tabs = window.view("contacts").findChild(QtWidgets.QTabWidget)  # type: ignore[union-attr]
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        qtbot.wait(10)
        walker.walk(window)

    banner = ReminderBanner()
    qtbot.addWidget(banner)
    banner.set_report(due_report(TODAY))
    walker.walk(banner)

    dialog = LogInteractionDialog(None, today=TODAY, participant_ids=[evil, other])
    qtbot.addWidget(dialog)
    dialog.show()
    walker.walk(dialog)

    cards = tmp_path / "evil.vcf"
    cards.write_text(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{EVIL} Three\r\nORG:{EVIL}\r\nTITLE:{EVIL}\r\n"
        f"NOTE:{EVIL}\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    window.import_files([cards])
    qtbot.waitUntil(lambda: bool(window.findChildren(ImportPreviewDialog)), timeout=10000)
    preview = window.findChildren(ImportPreviewDialog)[0]
    qtbot.wait(10)
    walker.walk(preview)

    assert walker.bad == []
    assert walker.with_evil >= 8, walker.with_evil  # user text did reach tooltips, escaped

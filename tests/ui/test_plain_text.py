"""Text from contacts is shown as plain text everywhere, never interpreted as HTML."""

from __future__ import annotations

import datetime as dt

import pytest

from app import contacts, goals, settings, timeline
from ui.main_window import MainWindow
from ui.qt import Qt, QtWidgets
from ui.settings import use_memory_store

MARKUP = ("<i>Evil", "<u>Org", "<s>Chef", "<b>Lunch", "<i>advice", "<b>Goal", "<i>tag")


@pytest.fixture(autouse=True)
def memory_settings() -> None:
    use_memory_store()


def test_markup_in_contact_data_is_never_rendered(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    settings.set_value("user_name", "Me")
    settings.set_value("onboarded", True)
    evil, _ = contacts.create_contact(
        contacts.ContactInput(
            "<i>Evil</i> <b>Bold</b>",
            organization="<u>Org</u>",
            title="<s>Chef</s>",
            notes="<h1>notes</h1>",
            tags=["<i>tag</i>"],
            level="above",
        )
    )
    bob, _ = contacts.create_contact(contacts.ContactInput("Bob"))
    timeline.log_interaction(
        timeline.InteractionInput(
            [evil, bob],
            kind="lunch",
            occurred_on=dt.date.today() - dt.timedelta(days=60),
            summary="<b>Lunch</b>",
            exchanges=[timeline.ExchangeInput("received", "<i>advice</i>", kind="recommendation")],
        )
    )
    goal, _ = goals.create_goal("<b>Goal</b>", target_date=dt.date.today() + dt.timedelta(days=20))
    goals.attach_contact(goal, evil)
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.open_contact(evil)
    seen: set[str] = set()

    def check_labels() -> None:
        for label in window.findChildren(QtWidgets.QLabel):
            text = label.text()
            for marker in MARKUP:
                if marker in text:
                    seen.add(marker)
                    assert label.textFormat() == Qt.TextFormat.PlainText, text

    for key in ("contacts", "timeline", "network", "insights"):
        view = window.show_view(key)
        if hasattr(view, "render_for_screenshot"):
            view.render_for_screenshot()
        check_labels()
    window.show_view("contacts")
    tabs = window.view("contacts").findChild(QtWidgets.QTabWidget)
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        check_labels()
    assert {"<i>Evil", "<u>Org", "<s>Chef"} <= seen  # the header showed them, as text

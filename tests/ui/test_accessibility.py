"""Every control of every view and main dialog has an accessible name, and every action
of the window is reachable from the keyboard (a shortcut or a menu)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import contacts
from app import settings as app_settings
from app.contacts import ContactInput, Labeled
from app.goals import attach_contact, create_goal
from app.relationships import add_relationship
from app.timeline import ExchangeInput, InteractionInput, log_interaction
from ui.accessibility import computed_name, unnamed
from ui.main_window import MainWindow
from ui.qt import QtGui, QtWidgets
from ui.settings import use_memory_store

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def window(qtbot, db) -> MainWindow:  # type: ignore[no-untyped-def]
    use_memory_store()
    app_settings.set_value("user_name", "Alex Weber")
    ada = contacts.create_contact(
        ContactInput("Ada Lovelace", organization="Analytical", emails=[Labeled("ada@a.org")])
    )[0]
    bob = contacts.create_contact(ContactInput("Bob Stone"))[0]
    add_relationship(ada, bob, "introduced-by")
    log_interaction(
        InteractionInput([ada], "lunch", summary="Lunch", exchanges=[ExchangeInput("gave", "tip")])
    )
    goal = create_goal("Team lead")[0]
    attach_contact(goal, ada)
    main = MainWindow()
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    main.open_contact(ada)
    return main


def described(widgets: list[QtWidgets.QWidget]) -> list[str]:
    return [
        f"{type(w).__name__} {w.objectName()!r} in {type(w.parentWidget()).__name__}"
        for w in widgets
    ]


def test_every_control_of_every_view_has_a_name(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    missing: list[str] = []
    for key in ("contacts", "timeline", "network", "insights"):
        view = window.show_view(key)
        finish = getattr(view, "render_for_screenshot", None)
        if callable(finish):
            finish()
        tabs = getattr(view, "tabs", None)
        pages = range(tabs.count()) if isinstance(tabs, QtWidgets.QTabWidget) else [None]
        for page in pages:
            if page is not None:
                tabs.setCurrentIndex(page)
            missing += [f"{key}/{page}: {d}" for d in described(unnamed(window))]
    assert missing == []


def test_every_main_dialog_names_its_controls(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.screenshot import _dialogs, sample_import

    missing: list[str] = []
    for name, opener in _dialogs(window, sample_import(tmp_path)).items():
        dialog = opener()
        qtbot.waitExposed(dialog)
        missing += [f"{name}: {d}" for d in described(unnamed(dialog))]
        dialog.close()
    assert missing == []


def test_a_named_field_reads_its_label(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = window.contact_actions.new_contact()
    assert computed_name(dialog.form.name) == "Name"
    assert computed_name(dialog.form.emails.value_edits()[0]) == "E-mail"
    assert computed_name(window.contact_list.search) != ""
    dialog.reject()


def test_every_action_is_reachable_by_keyboard(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    def menu_actions(menu: QtWidgets.QMenu) -> set[QtGui.QAction]:
        found: set[QtGui.QAction] = set()
        for action in menu.actions():
            found.add(action)
            if action.menu() is not None:
                found |= menu_actions(action.menu())
        return found

    unreachable: list[str] = []
    for key in ("contacts", "timeline", "network", "insights"):
        window.show_view(key)
        in_menus: set[QtGui.QAction] = set()
        for top in window.menuBar().actions():
            if top.menu() is not None:
                in_menus |= menu_actions(top.menu())
        for action in window.toolbar.actions() + window.actions():
            if action.isSeparator() or not action.isVisible():
                continue
            if isinstance(window.toolbar.widgetForAction(action), QtWidgets.QWidget) and not (
                action.text()
            ):
                continue  # the spacer
            if action not in in_menus and action.shortcut().isEmpty():
                unreachable.append(f"{key}: {action.text()}")
    assert unreachable == []

"""No action is owned twice: by its Qt parent and, in PySide's books, by Python.

PySide's ``QWidget.removeAction`` and ``QMenu.clear`` mark the actions they take off as
owned by Python even when another object is their parent. At interpreter exit PySide
deletes every Python-owned object itself; when deleting such an action dropped the last
reference to its parent, the parent deleted it a second time: "QObject: shared QObject
was deleted directly" and a segfault after the suite's summary line (and now and then in
tests/xvfb/tray_on_xcb.py). These tests look at PySide's books directly, so they fail
every time, not once in five exits.
"""

from __future__ import annotations

import shiboken6

from ui.main_window import MainWindow
from ui.qt import QtCore, QtGui, QtWidgets, return_to_parent
from ui.settings import use_memory_store
from ui.views import VIEWS


def owned_twice(objects: list[QtCore.QObject]) -> list[str]:
    """Those of ``objects`` that PySide would delete at exit although a parent will too."""
    return [
        f"{type(o).__name__} {o.text() if isinstance(o, QtGui.QAction) else o.objectName()!r}"
        for o in objects
        if shiboken6.isValid(o) and shiboken6.ownedByPython(o) and o.parent() is not None
    ]


def test_pyside_hands_a_cleared_action_to_python_and_return_to_parent_takes_it_back(
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    owner = QtCore.QObject()
    action = QtGui.QAction("Shared", owner)
    menu = QtWidgets.QMenu()
    qtbot.addWidget(menu)
    menu.addAction(action)
    menu.clear()
    assert owned_twice([action]) == ["QAction 'Shared'"]  # the binding's behaviour
    return_to_parent(action)
    assert owned_twice([action]) == []
    assert action.parent() is owner


def test_the_tray_menu_rebuilt_leaves_no_action_owned_twice(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from ui.tray import TrayService

    use_memory_store()
    window = QtWidgets.QMainWindow()
    qtbot.addWidget(window)
    tray = TrayService(window, window, tray_available=lambda: False)
    tray.start()
    tray.check()  # rebuilds the menu (menu.clear(), then every entry again)
    actions = tray.menu.actions() + tray.findChildren(QtGui.QAction)
    assert actions
    assert owned_twice(actions) == []
    tray.stop()


def test_switching_views_leaves_each_views_actions_to_the_view(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    use_memory_store()
    window = MainWindow()
    qtbot.addWidget(window)
    for entry in VIEWS:
        window.show_view(entry.key)
    window.show_view(VIEWS[0].key)
    views = [w for w in window._views.values()]
    actions = [a for view in views for a in view.actions()]
    assert actions, "no view has actions of its own: the test proves nothing"
    assert owned_twice(actions) == []

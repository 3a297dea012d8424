"""The one place that picks the Qt binding, for our code and for pyqtgraph.

Import Qt from here (``from ui.qt import QtCore, QtGui, QtWidgets``) so that pyqtgraph,
which is imported lazily by the chart and network views, always finds PySide6 even when
PyQt is also installed.
"""

from __future__ import annotations

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6 import QtCore, QtGui, QtWidgets  # noqa: E402

Qt = QtCore.Qt
Signal = QtCore.Signal
Slot = QtCore.Slot


def return_to_parent(*objects: QtCore.QObject) -> None:
    """Hand objects that still have a Qt parent back to it in PySide's books.

    ``QWidget.removeAction`` and ``QMenu.clear`` mark every action they take off as owned
    by Python, even one whose parent is another object (a view's action, the tray's
    suggestions line). At exit PySide then deletes such an action itself; when that drops
    the last reference to its parent, the parent deletes it a second time ("QObject:
    shared QObject was deleted directly", then a crash). Call this after taking off
    actions that are not the menu's own; setting the same parent again hands them back.
    """
    for obj in objects:
        parent = obj.parent()
        if parent is not None:
            obj.setParent(parent)


__all__ = ["QtCore", "QtGui", "QtWidgets", "Qt", "Signal", "Slot", "return_to_parent"]

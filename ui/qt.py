"""The one place that picks the Qt binding, for our code and for pyqtgraph.

Import Qt from here (``from ui.qt import QtCore, QtGui, QtWidgets``) so that pyqtgraph,
which is imported lazily by the chart and network views, always finds PySide6 even when
PyQt is also installed.
"""

from __future__ import annotations

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import logging  # noqa: E402
import sys  # noqa: E402

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


def _no_feature_source_scan() -> None:
    """Stop PySide6 from reading the source of every module the process imports.

    PySide6 replaces ``__import__`` to support ``from __feature__ import snake_case``;
    the first import statement naming a module (on any thread, even for a module loaded
    long before) then calls ``inspect.getsource`` on it to see whether it mentions
    "PySide6", and the source stays in ``linecache``: at start-up and in the background
    warm-up 600 modules, 100–130 ms of CPU with the GIL held and 9 MB of source text kept
    (measured), and on a worker's first lazy import the GUI thread waits meanwhile. The
    answer only matters to modules that select a feature; Allies selects none, so none
    needs scanning. If a PySide6 version lacks this internal, nothing is changed."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        logging.getLogger(__name__).debug("PySide6 feature scan not found: left as it is")
        return

    def uses_pyside(module: object) -> bool:
        return getattr(module, "__name__", "").startswith("PySide6")

    feature._mod_uses_pyside = uses_pyside


_no_feature_source_scan()


__all__ = ["QtCore", "QtGui", "QtWidgets", "Qt", "Signal", "Slot", "return_to_parent"]

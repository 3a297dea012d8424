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

__all__ = ["QtCore", "QtGui", "QtWidgets", "Qt", "Signal", "Slot"]

"""User text in places Qt may render as rich text (tooltips, tray balloons).

Qt shows a tooltip as HTML when :func:`Qt.mightBeRichText` says it looks like HTML, so a
name such as ``<img src='/some/file'>`` would load that file. :func:`plain_tooltip`
turns such text into HTML that shows it exactly as typed; text that does not look like
HTML stays as it is (and is shown as plain text).
"""

from __future__ import annotations

from ui.qt import QtCore, QtGui


def plain_tooltip(text: str | None) -> str | None:
    """``text`` for ``setToolTip`` or a model's ToolTipRole, never interpreted as HTML."""
    if not text or not QtGui.Qt.mightBeRichText(text):
        return text
    return QtGui.Qt.convertFromPlainText(text, QtCore.Qt.WhiteSpaceMode.WhiteSpaceNormal)


def defanged(text: str) -> str:
    """Text for a tray balloon or notification whose markup handling is not known: angle
    brackets become look-alikes, so no tag can form whichever way it is shown."""
    return text.replace("<", "\u2039").replace(">", "\u203a")

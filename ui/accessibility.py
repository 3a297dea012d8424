"""Accessible names for every control a screen reader can land on.

Qt names a button by its text and a field by the label whose buddy it is; a field in a
form row wrapped in a container (for its error line), a search box with only a
placeholder, or a list without a label gets no name at all. :func:`name_unnamed` walks a
widget tree once and gives each such control the name a sighted user reads next to it:
its form label, else its placeholder, else its tooltip. :func:`unnamed` lists what is
still without a name (the accessibility test uses it on every view and dialog).
"""

from __future__ import annotations

import re

from ui.qt import Qt, QtGui, QtWidgets

INTERACTIVE = (
    QtWidgets.QAbstractButton,
    QtWidgets.QLineEdit,
    QtWidgets.QComboBox,
    QtWidgets.QAbstractSpinBox,
    QtWidgets.QAbstractItemView,
    QtWidgets.QAbstractSlider,
    QtWidgets.QTextEdit,
    QtWidgets.QPlainTextEdit,
    QtWidgets.QTabBar,
)
_TAGS = re.compile(r"<[^>]+>")


def computed_name(widget: QtWidgets.QWidget) -> str:
    """The name assistive technology gets for the widget (Qt's own rules)."""
    iface = QtGui.QAccessible.queryAccessibleInterface(widget)
    return iface.text(QtGui.QAccessible.Text.Name) if iface is not None else ""


def _is_part_of_another(widget: QtWidgets.QWidget) -> bool:
    """The line edit inside a combo box or spin box, a scroll bar: named by their owner."""
    parent = widget.parentWidget()
    if isinstance(widget, QtWidgets.QLineEdit) and isinstance(
        parent, (QtWidgets.QComboBox, QtWidgets.QAbstractSpinBox)
    ):
        return True
    return isinstance(widget, QtWidgets.QScrollBar)


def needs_name(widget: QtWidgets.QWidget) -> bool:
    return (
        isinstance(widget, INTERACTIVE)
        and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not _is_part_of_another(widget)
    )


def _form_label(widget: QtWidgets.QWidget) -> str:
    """The text of the form row's label when the widget is (inside) that row's field."""
    child: QtWidgets.QWidget | None = widget
    while child is not None and child.parentWidget() is not None:
        parent = child.parentWidget()
        layout = parent.layout() if parent is not None else None
        if isinstance(layout, QtWidgets.QFormLayout):
            label = layout.labelForField(child)
            if isinstance(label, QtWidgets.QLabel) and label.text():
                return label.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        child = parent
    return ""


def derived_name(widget: QtWidgets.QWidget) -> str:
    name = _form_label(widget)
    if not name:
        placeholder = getattr(widget, "placeholderText", None)
        if callable(placeholder):
            name = placeholder()
        elif isinstance(widget, QtWidgets.QComboBox) and widget.lineEdit() is not None:
            name = widget.lineEdit().placeholderText()
    if not name and widget.toolTip():
        name = _TAGS.sub("", widget.toolTip()).strip()
    return name.rstrip("…").strip()


def name_unnamed(root: QtWidgets.QWidget) -> int:
    """Give every unnamed control under ``root`` its derived name; how many were named."""
    named = 0
    for widget in root.findChildren(QtWidgets.QWidget):
        if needs_name(widget) and not widget.accessibleName() and not computed_name(widget):
            name = derived_name(widget)
            if name:
                widget.setAccessibleName(name)
                named += 1
    return named


def unnamed(root: QtWidgets.QWidget) -> list[QtWidgets.QWidget]:
    """The visible controls under ``root`` that assistive technology cannot name."""
    return [
        w
        for w in root.findChildren(QtWidgets.QWidget)
        if w.isVisible() and needs_name(w) and not computed_name(w)
    ]

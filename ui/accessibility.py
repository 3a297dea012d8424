"""Accessible names for every control a screen reader can land on.

Qt names a button by its text and a field by the label whose buddy it is; a field in a
form row wrapped in a container (for its error line), a search box with only a
placeholder, or a list without a label gets no name at all. :func:`name_unnamed` walks a
widget tree once and gives each such control the name a sighted user reads next to it:
its form label, else its placeholder, else its tooltip. :func:`unnamed` lists what is
still without a name (the accessibility test uses it on every view and dialog).

:func:`install_focus_rings` makes focus visible on the widgets whose style draws none
(a graphics view, a chart): a :class:`FocusRing` in the palette's highlight colour.
"""

from __future__ import annotations

import re

import shiboken6

from ui.qt import Qt, QtCore, QtGui, QtWidgets

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


# --- a visible focus for widgets that draw none ------------------------------------------


def draws_no_focus(widget: QtWidgets.QWidget) -> bool:
    """Widgets the style paints no focus on: a graphics view (the network, the activity
    chart) and a scroll area that is not a list or a text field."""
    if isinstance(widget, QtWidgets.QGraphicsView):
        return True
    return isinstance(widget, QtWidgets.QAbstractScrollArea) and not isinstance(
        widget, (QtWidgets.QAbstractItemView, QtWidgets.QTextEdit, QtWidgets.QPlainTextEdit)
    )


class FocusRing(QtWidgets.QWidget):
    """A ring in the palette's highlight colour just inside the edge of the widget it is
    attached to, over its content and transparent to the mouse. No signals."""

    WIDTH = 2

    def __init__(self) -> None:
        super().__init__(None)
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._watched: QtWidgets.QWidget | None = None
        self.hide()

    def attach(self, widget: QtWidgets.QWidget | None, visible: bool = True) -> None:
        """Ring ``widget`` (None: ring nothing). ``visible`` False: follow it, but show
        the ring only when a key is pressed in it (focus that came from a mouse click
        needs no ring, like a browser's ``:focus-visible``)."""
        old = self._watched
        if old is not widget:
            if old is not None and shiboken6.isValid(old):
                old.removeEventFilter(self)
            self._watched = widget
            if widget is not None:
                self.setParent(widget)
                widget.installEventFilter(self)
        if widget is None:
            self.hide()
            return
        self.setGeometry(widget.rect())
        self.setVisible(visible)
        self.raise_()

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802
        if watched is self.parentWidget():
            if event.type() == QtCore.QEvent.Type.Resize:
                self.setGeometry(self.parentWidget().rect())
            elif event.type() == QtCore.QEvent.Type.KeyPress and self.isHidden():
                self.show()
                self.raise_()
        return False

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:  # noqa: N802
        painter = QtGui.QPainter(self)
        pen = QtGui.QPen(self.palette().color(QtGui.QPalette.ColorRole.Highlight), self.WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = self.WIDTH / 2
        painter.drawRect(QtCore.QRectF(self.rect()).adjusted(half, half, -half, -half))
        painter.end()


class FocusRings(QtCore.QObject):
    """Follows the application's focus and rings the widgets that draw no focus of their
    own (SPEC §8: focus is always visible). One per application: :func:`install_focus_rings`.
    No signals."""

    def __init__(self, app: QtWidgets.QApplication) -> None:
        super().__init__(app)
        self.setObjectName("focusRings")
        self._ring: FocusRing | None = None
        app.focusChanged.connect(self._focus_changed)

    @property
    def ring(self) -> FocusRing:
        if self._ring is None or not shiboken6.isValid(self._ring):
            self._ring = FocusRing()  # the first, or the last went with its widget
        return self._ring

    def _focus_changed(self, _old: QtWidgets.QWidget | None, new: QtWidgets.QWidget | None) -> None:
        by_mouse = QtWidgets.QApplication.mouseButtons() != Qt.MouseButton.NoButton
        self.ring.attach(new if new is not None and draws_no_focus(new) else None, not by_mouse)


def install_focus_rings() -> FocusRings | None:
    """Give the application its :class:`FocusRings` (once)."""
    app = QtWidgets.QApplication.instance()
    if not isinstance(app, QtWidgets.QApplication):
        return None
    found = app.findChild(FocusRings, "focusRings")
    return found if found is not None else FocusRings(app)


# --- meaningful colours that stay readable ------------------------------------------------


def _luminance(colour: QtGui.QColor) -> float:
    """WCAG 2 relative luminance."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QtGui.QColor, b: QtGui.QColor) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(colour: QtGui.QColor, background: QtGui.QColor, ratio: float = 4.5) -> QtGui.QColor:
    """``colour`` (a meaning: red for an error), lightened on a dark background or darkened
    on a light one until text in it reaches ``ratio`` (WCAG AA) against ``background``."""
    towards = QtGui.QColor("black") if _luminance(background) > 0.18 else QtGui.QColor("white")
    result = QtGui.QColor(colour)
    for step in range(1, 11):
        if contrast(result, background) >= ratio:
            break
        mix = step / 10
        result = QtGui.QColor.fromRgbF(
            colour.redF() + (towards.redF() - colour.redF()) * mix,
            colour.greenF() + (towards.greenF() - colour.greenF()) * mix,
            colour.blueF() + (towards.blueF() - colour.blueF()) * mix,
        )
    return result

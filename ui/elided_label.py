"""A one-line label that shortens its text with "…" instead of widening the window.

A plain ``QLabel`` asks for the width of its whole text, so one long organisation name
or a longer translation sets the minimum width of the whole main window. This label
asks for a few characters, draws what fits and shows the full text as its tooltip when
it had to cut.
"""

from __future__ import annotations

from ui.qt import Qt, QtCore, QtGui, QtWidgets
from ui.rich_text import plain_tooltip

MIN_CHARS = 8


class ElidedLabel(QtWidgets.QLabel):
    """A plain-text ``QLabel`` that elides at the right. No signals of its own.

    ``text()`` is always the full text; while the text fits, it paints (and selects)
    like any label.
    """

    def __init__(self, text: str = "", parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        self.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Preferred, QtWidgets.QSizePolicy.Policy.Fixed
        )
        self._own_tooltip = False

    def minimumSizeHint(self) -> QtCore.QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        shortest = metrics.horizontalAdvance("M" * MIN_CHARS) + margins.left() + margins.right()
        return QtCore.QSize(min(hint.width(), shortest), hint.height())

    def elided(self) -> bool:
        """True when the text does not fit and is drawn shortened."""
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_tooltip()

    def changeEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QtCore.QEvent.Type.FontChange:
            self._update_tooltip()

    def setText(self, text: str) -> None:  # noqa: N802
        super().setText(text)
        self._update_tooltip()

    def _update_tooltip(self) -> None:
        """The full text as tooltip while it is cut (a tooltip set by the caller stays)."""
        if self.toolTip() and not self._own_tooltip:
            return
        cut = self.elided()
        self.setToolTip((plain_tooltip(self.text()) or "") if cut else "")
        self._own_tooltip = cut

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:  # noqa: N802
        if not self.elided():
            super().paintEvent(event)
            return
        painter = QtGui.QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        self.style().drawItemText(
            painter,
            rect,
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            text,
            self.foregroundRole(),
        )
        painter.end()

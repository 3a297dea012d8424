"""A layout that places its items in a row and wraps them onto the next line when the row
is full (Qt's "Flow Layout" example), so a row of chips or buttons never sets a window's
width.

Its size hint is the whole row on one line (what a wide window shows), its minimum size
the widest single item (what a narrow one can wrap down to); the height follows the width
(``heightForWidth``). Hidden items take no room. Used by the contact header's chips, the
log dialog's participant chips and the goals' button bar.
"""

from __future__ import annotations

from ui.qt import Qt, QtCore, QtWidgets


class FlowLayout(QtWidgets.QLayout):
    def __init__(self, parent: QtWidgets.QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QtWidgets.QLayoutItem] = []
        self._wrapped_height = 0  # the height the items took at the last arrangement
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(spacing)

    def addItem(self, item: QtWidgets.QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QtWidgets.QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QtWidgets.QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QtCore.QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QtCore.QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        height = self._arrange(rect, move=True)
        if height != self._wrapped_height:
            # The lines changed: ask the parents for room again (see minimumSize).
            self._wrapped_height = height
            self.invalidate()

    def sizeHint(self) -> QtCore.QSize:  # noqa: N802
        """All items on one line."""
        visible = self._visible()
        width = sum(i.sizeHint().width() for i in visible)
        width += self._gap() * max(0, len(visible) - 1)
        height = max((i.sizeHint().height() for i in visible), default=0)
        return QtCore.QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QtCore.QSize:  # noqa: N802
        """As wide as the widest item (narrower, nothing can wrap any more), as high as the
        lines at the present width. A dialog's layout does not grow the window for a child's
        height-for-width (it did not for the log dialog's chips, whose second line was cut
        off): a minimum height does."""
        size = QtCore.QSize(0, 0)
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        size = size.grownBy(self.contentsMargins())
        return QtCore.QSize(size.width(), max(size.height(), self._wrapped_height))

    def _gap(self) -> int:
        return max(0, self.spacing())

    def _visible(self) -> list[QtWidgets.QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _arrange(self, outer: QtCore.QRect, move: bool) -> int:
        """Place the items inside ``outer`` (when ``move``); the height they take."""
        margins = self.contentsMargins()
        rect = outer.marginsRemoved(margins)
        gap = self._gap()
        x, y, line = rect.x(), rect.y(), 0
        for item in self._visible():
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line > 0:
                x, y, line = rect.x(), y + line + gap, 0
            if move:
                item.setGeometry(QtCore.QRect(QtCore.QPoint(x, y), hint))
            x += hint.width() + gap
            line = max(line, hint.height())
        return y + line - rect.y() + margins.top() + margins.bottom()

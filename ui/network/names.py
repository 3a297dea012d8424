"""The names of the network, painted over the picture in pixels (where they go is decided
by :meth:`ui.network.canvas.NetworkCanvas.update_labels`)."""

from __future__ import annotations

from ui.qt import QtCore, QtGui, QtWidgets

NAME_MARGIN = 3.0  # pixels of backing around a name


class NameLayer:
    """The names of the network, painted by the canvas after its picture, each on a
    translucent backing under its node (a label widget or item each, re-laid out on every
    zoom, cost more than the rest of a frame)."""

    def __init__(self) -> None:
        self._names: list[tuple[str, float, float, float, float]] = []

    def show_names(self, names: list[tuple[str, float, float, float, float]]) -> None:
        """Names under nodes: ``(text, x, y, gap, width)``, ``gap`` pixels below the layout
        point ``(x, y)``, ``width`` the text's width in pixels (measured by the caller)."""
        self._names = names

    def _boxes(self, transform: QtGui.QTransform) -> list[tuple[QtCore.QRectF, str]]:
        metrics = QtGui.QFontMetricsF(QtWidgets.QApplication.font())
        height = metrics.height() + 2 * NAME_MARGIN
        boxes = []
        for text, x, y, gap, text_width in self._names:
            point = transform.map(QtCore.QPointF(x, y))
            width = text_width + 2 * NAME_MARGIN
            rect = QtCore.QRectF(point.x() - width / 2, point.y() + gap, width, height)
            boxes.append((rect, text))
        return boxes

    def rects(self, transform: QtGui.QTransform) -> list[QtCore.QRectF]:
        """Where the names are, in pixels, for an layout → viewport ``transform``."""
        return [rect for rect, _ in self._boxes(transform)]

    def paint(self, painter: QtGui.QPainter, transform: QtGui.QTransform) -> None:
        """Paint the names with ``painter`` in viewport pixels (no transform set)."""
        if not self._names:
            return
        palette = QtWidgets.QApplication.palette()
        fill = QtGui.QColor(palette.color(QtGui.QPalette.ColorRole.Base))
        fill.setAlpha(170)
        painter.save()
        try:
            painter.setFont(QtWidgets.QApplication.font())
            painter.setPen(palette.color(QtGui.QPalette.ColorRole.Text))
            for rect, text in self._boxes(transform):
                painter.fillRect(rect, fill)
                painter.drawText(rect, QtCore.Qt.AlignmentFlag.AlignCenter, text)
        finally:
            painter.restore()

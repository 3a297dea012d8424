"""The names of the network, all painted by one item (where they go is decided by
:meth:`ui.network.graph_item.NetworkGraphItem.update_labels`)."""

from __future__ import annotations

from ui.qt import QtCore, QtGui, QtWidgets

NAME_MARGIN = 3.0  # pixels of backing around a name


class NameLayer(QtWidgets.QGraphicsObject):
    """The names of the network, all painted by one item in pixels (a label item each,
    re-laid out on every zoom, cost more than the rest of a frame)."""

    def __init__(self, parent: QtWidgets.QGraphicsItem) -> None:
        super().__init__(parent)
        self.setFlag(QtWidgets.QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, False)
        self._names: list[tuple[str, float, float, float]] = []  # text, node x, y, gap
        self._bounds = QtCore.QRectF()

    def show_names(self, names: list[tuple[str, float, float, float]]) -> None:
        """Names under nodes: ``(text, x, y, gap)``, ``gap`` pixels below the point."""
        self.prepareGeometryChange()
        self._names = names
        if names:
            xs = [n[1] for n in names]
            ys = [n[2] for n in names]
            self._bounds = QtCore.QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        else:
            self._bounds = QtCore.QRectF()
        self.update()

    def boundingRect(self) -> QtCore.QRectF:
        if not self._names:
            return QtCore.QRectF()
        parent = self.parentItem()
        pixel = parent.pixelLength(QtCore.QPointF(1, 0)) if parent is not None else None
        pad = 400 * (pixel or 0.0)  # a name is at most a few hundred pixels wide
        return self._bounds.adjusted(-pad, -pad, pad, pad)

    def _boxes(self, transform: QtGui.QTransform) -> list[tuple[QtCore.QRectF, str]]:
        metrics = QtGui.QFontMetricsF(QtWidgets.QApplication.font())
        height = metrics.height() + 2 * NAME_MARGIN
        boxes = []
        for text, x, y, gap in self._names:
            point = transform.map(QtCore.QPointF(x, y))
            width = metrics.horizontalAdvance(text) + 2 * NAME_MARGIN
            rect = QtCore.QRectF(point.x() - width / 2, point.y() + gap, width, height)
            boxes.append((rect, text))
        return boxes

    def rects(self) -> list[QtCore.QRectF]:
        parent = self.parentItem()
        transform = parent.deviceTransform_() if parent is not None else None
        if transform is None:
            return []
        return [rect for rect, _ in self._boxes(transform)]

    def paint(self, painter: QtGui.QPainter, *args: object) -> None:
        if not self._names:
            return
        palette = QtWidgets.QApplication.palette()
        fill = QtGui.QColor(palette.color(QtGui.QPalette.ColorRole.Base))
        fill.setAlpha(170)
        transform = painter.transform()
        boxes = self._boxes(transform)
        painter.save()
        try:
            painter.resetTransform()
            painter.setFont(QtWidgets.QApplication.font())
            painter.setPen(palette.color(QtGui.QPalette.ColorRole.Text))
            for rect, text in boxes:
                painter.fillRect(rect, fill)
                painter.drawText(rect, QtCore.Qt.AlignmentFlag.AlignCenter, text)
        finally:
            painter.restore()

"""Draws timeline rows: day headings, and entries as an icon with two lines of text.

Every row has the same height so the list view can use uniform item sizes, which keeps
scrolling through a million rows cheap: headings sit at the bottom of their row.
"""

from __future__ import annotations

from ui.qt import Qt, QtCore, QtGui, QtWidgets
from ui.timeline.model import DetailRole, HeadingRole, TimelineModel

ICON_SIZE = 24
PADDING = 6


class TimelineDelegate(QtWidgets.QStyledItemDelegate):
    """Paints headings and two-line entries with palette colours only.

    Each kind's icon is drawn once into a pixmap and kept (the icons' engine is Python:
    drawing the icon of every visible row on every repaint took a third of a repaint)."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._icons: dict[tuple[int, float, int], QtGui.QPixmap] = {}

    def _icon_pixmap(self, icon: QtGui.QIcon, ratio: float) -> QtGui.QPixmap:
        palette = QtGui.QGuiApplication.palette().cacheKey()  # a theme switch redraws
        key = (icon.cacheKey(), ratio, palette)
        pixmap = self._icons.get(key)
        if pixmap is None:
            if len(self._icons) > 200:
                self._icons.clear()
            pixmap = icon.pixmap(QtCore.QSize(ICON_SIZE, ICON_SIZE), ratio)
            self._icons[key] = pixmap
        return pixmap

    def sizeHint(
        self, option: QtWidgets.QStyleOptionViewItem, index: QtCore.QModelIndex
    ) -> QtCore.QSize:
        metrics = QtGui.QFontMetrics(option.font)
        return QtCore.QSize(200, 2 * metrics.height() + 3 * PADDING)

    def paint(
        self,
        painter: QtGui.QPainter,
        option: QtWidgets.QStyleOptionViewItem,
        index: QtCore.QModelIndex,
    ) -> None:
        painter.save()
        try:
            if index.data(HeadingRole):
                self._paint_heading(painter, option, index)
            else:
                self._paint_entry(painter, option, index)
        finally:
            painter.restore()

    def _paint_heading(
        self,
        painter: QtGui.QPainter,
        option: QtWidgets.QStyleOptionViewItem,
        index: QtCore.QModelIndex,
    ) -> None:
        rect = option.rect.adjusted(PADDING, 0, -PADDING, -2)
        font = QtGui.QFont(option.font)
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        painter.setFont(font)
        painter.setPen(option.palette.color(QtGui.QPalette.ColorRole.Text))  # on the list's Base
        painter.drawText(
            rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, index.data()
        )
        painter.setPen(option.palette.color(QtGui.QPalette.ColorRole.Mid))
        y = option.rect.bottom()
        painter.drawLine(option.rect.left() + PADDING, y, option.rect.right() - PADDING, y)

    def _paint_entry(
        self,
        painter: QtGui.QPainter,
        option: QtWidgets.QStyleOptionViewItem,
        index: QtCore.QModelIndex,
    ) -> None:
        opt = QtWidgets.QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else QtWidgets.QApplication.style()
        style.drawPrimitive(
            QtWidgets.QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, opt.widget
        )
        selected = bool(opt.state & QtWidgets.QStyle.StateFlag.State_Selected)
        text_role = (
            QtGui.QPalette.ColorRole.HighlightedText if selected else QtGui.QPalette.ColorRole.Text
        )
        rect = opt.rect.adjusted(PADDING + 12, PADDING, -PADDING, -PADDING)
        icon: QtGui.QIcon = opt.icon
        icon_rect = QtCore.QRect(
            rect.left(), rect.top() + (rect.height() - ICON_SIZE) // 2, ICON_SIZE, ICON_SIZE
        )
        if not icon.isNull():
            ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
            pixmap = self._icon_pixmap(icon, ratio)
            size = pixmap.deviceIndependentSize().toSize()
            painter.drawPixmap(
                icon_rect.left() + (ICON_SIZE - size.width()) // 2,
                icon_rect.top() + (ICON_SIZE - size.height()) // 2,
                pixmap,
            )
        text_left = icon_rect.right() + PADDING + 4
        metrics = QtGui.QFontMetrics(opt.font)
        line = metrics.height()
        title_rect = QtCore.QRect(text_left, rect.top(), rect.right() - text_left, line)
        detail_rect = title_rect.translated(0, line + PADDING // 2)

        model = index.model()
        date_text = ""
        if isinstance(model, TimelineModel) and model.group_spans_days(index.row()):
            entry = model.entry(index.row())
            if entry is not None:
                date_text = model.shown_date(entry)
        painter.setFont(opt.font)
        if date_text:
            painter.setPen(opt.palette.color(QtGui.QPalette.ColorRole.PlaceholderText))
            if selected:
                painter.setPen(opt.palette.color(text_role))
            painter.drawText(title_rect, Qt.AlignmentFlag.AlignRight, date_text)
            title_rect.setRight(title_rect.right() - metrics.horizontalAdvance(date_text) - 12)
        title_font = QtGui.QFont(opt.font)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(opt.palette.color(text_role))
        title = QtGui.QFontMetrics(title_font).elidedText(
            index.data() or "", Qt.TextElideMode.ElideRight, title_rect.width()
        )
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextSingleLine, title)
        painter.setFont(opt.font)
        if not selected:
            painter.setPen(opt.palette.color(QtGui.QPalette.ColorRole.PlaceholderText))
        detail = metrics.elidedText(
            index.data(DetailRole) or "", Qt.TextElideMode.ElideRight, detail_rect.width()
        )
        painter.drawText(
            detail_rect, Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextSingleLine, detail
        )
        if opt.state & QtWidgets.QStyle.StateFlag.State_HasFocus:
            focus = QtWidgets.QStyleOptionFocusRect()
            focus.rect = opt.rect
            focus.palette = opt.palette
            focus.state = opt.state | QtWidgets.QStyle.StateFlag.State_Item
            focus.backgroundColor = opt.palette.color(
                QtGui.QPalette.ColorRole.Highlight if selected else QtGui.QPalette.ColorRole.Base
            )
            style.drawPrimitive(
                QtWidgets.QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, opt.widget
            )

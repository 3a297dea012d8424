"""Draws timeline rows: day headings, and entries as an icon with two lines of text.

Every row has the same height so the list view can use uniform item sizes, which keeps
scrolling through a million rows cheap: headings sit at the bottom of their row.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import NamedTuple

from ui.qt import Qt, QtCore, QtGui, QtWidgets
from ui.timeline.model import DetailRole, HeadingRole, TimelineModel, entry_icon

ICON_SIZE = 24
PADDING = 6
TEXT_CACHE = 600  # laid-out texts kept (a few screens of entries)


class _Laid(NamedTuple):
    """A text laid out once (``QStaticText``), with its width."""

    text: QtGui.QStaticText
    width: float


class TimelineDelegate(QtWidgets.QStyledItemDelegate):
    """Paints headings and two-line entries with palette colours only.

    Each kind's icon is drawn once into a pixmap and kept (the icons' engine is Python:
    drawing the icon of every visible row on every repaint took a third of a repaint)."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._icons: dict[tuple[int, float, int], QtGui.QPixmap] = {}
        self._texts: OrderedDict[tuple[str, int, bool], _Laid] = OrderedDict()
        self._set_font(QtGui.QFont())

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
        """An entry from the model's own row, not through a dozen ``data()`` calls from
        ``initStyleOption``; its texts laid out once (see :meth:`_text`): the first paint
        of a page of entries took 20-25 ms of the GUI thread, each repaint as much."""
        model = index.model()
        if not isinstance(model, TimelineModel):
            self._paint_entry_by_roles(painter, option, index)
            return
        entry = model.entry(index.row())
        if entry is None:
            return
        opt = option
        state = opt.state
        widget = opt.widget
        style = widget.style() if widget else QtWidgets.QApplication.style()
        if state & _PANEL_STATES or opt.features & _ALTERNATE:  # else the panel is empty
            style.drawPrimitive(_PANEL, opt, painter, widget)
        selected = bool(state & _SELECTED)
        palette = opt.palette
        text_color = palette.color(_HIGHLIGHTED_TEXT if selected else _TEXT)
        rect = opt.rect.adjusted(PADDING + 12, PADDING, -PADDING, -PADDING)
        icon_left = rect.left()
        icon_top = rect.top() + (rect.height() - ICON_SIZE) // 2
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        pixmap = self._icon_pixmap(entry_icon(entry), ratio)
        size = pixmap.deviceIndependentSize().toSize()
        painter.drawPixmap(
            icon_left + (ICON_SIZE - size.width()) // 2,
            icon_top + (ICON_SIZE - size.height()) // 2,
            pixmap,
        )
        font = opt.font
        if font != self._font:
            self._set_font(font)
        text_left = icon_left + ICON_SIZE - 1 + PADDING + 4
        width = rect.right() - text_left
        top = rect.top()
        title_width = width
        muted = text_color if selected else palette.color(_PLACEHOLDER)
        painter.setFont(self._font)
        if model.group_spans_days(index.row()):
            date_text = model.shown_date(entry)
            if date_text:
                painter.setPen(muted)
                laid = self._text(date_text, width, bold=False)
                painter.drawStaticText(
                    QtCore.QPointF(text_left + width - laid.width, top), laid.text
                )
                title_width = width - self._metrics.horizontalAdvance(date_text) - 12
        detail = model.detail_text(entry)
        if detail:
            painter.setPen(muted)
            line_top = top + self._line + PADDING // 2
            laid = self._text(detail, width, bold=False)
            painter.drawStaticText(QtCore.QPointF(text_left, line_top), laid.text)
        painter.setPen(text_color)
        painter.setFont(self._bold)
        laid = self._text(model.title_text(entry), title_width, bold=True)
        painter.drawStaticText(QtCore.QPointF(text_left, top), laid.text)
        if state & _HAS_FOCUS:
            self._paint_focus(painter, opt, style, selected)

    def _set_font(self, font: QtGui.QFont) -> None:
        self._font = QtGui.QFont(font)
        self._bold = QtGui.QFont(font)
        self._bold.setBold(True)
        self._metrics = QtGui.QFontMetrics(self._font)
        self._bold_metrics = QtGui.QFontMetrics(self._bold)
        self._line = self._metrics.height()
        self._texts.clear()

    def _text(self, text: str, width: int, *, bold: bool) -> _Laid:
        """``text`` elided to ``width`` in the list's font (bold for titles), laid out once
        as a ``QStaticText`` and kept with its width (a few screens of them)."""
        key = (text, width, bold)
        laid = self._texts.get(key)
        if laid is None:
            metrics = self._bold_metrics if bold else self._metrics
            static = QtGui.QStaticText(metrics.elidedText(text, _ELIDE_RIGHT, max(width, 0)))
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(QtGui.QTransform(), self._bold if bold else self._font)
            laid = self._texts[key] = _Laid(static, static.size().width())
            if len(self._texts) > TEXT_CACHE:
                self._texts.popitem(last=False)
        return laid

    def _paint_focus(
        self,
        painter: QtGui.QPainter,
        opt: QtWidgets.QStyleOptionViewItem,
        style: QtWidgets.QStyle,
        selected: bool,
    ) -> None:
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

    def _paint_entry_by_roles(
        self,
        painter: QtGui.QPainter,
        option: QtWidgets.QStyleOptionViewItem,
        index: QtCore.QModelIndex,
    ) -> None:
        """An entry of a model that is not a :class:`TimelineModel` (a proxy): through its
        roles, as Qt's own delegate reads them."""
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
        if opt.state & _HAS_FOCUS:
            self._paint_focus(painter, opt, style, selected)


_STATE = QtWidgets.QStyle.StateFlag
_SELECTED = _STATE.State_Selected
_HAS_FOCUS = _STATE.State_HasFocus
_PANEL_STATES = _SELECTED | _HAS_FOCUS | _STATE.State_MouseOver
_ALTERNATE = QtWidgets.QStyleOptionViewItem.ViewItemFeature.Alternate
_PANEL = QtWidgets.QStyle.PrimitiveElement.PE_PanelItemViewItem
_TEXT = QtGui.QPalette.ColorRole.Text
_HIGHLIGHTED_TEXT = QtGui.QPalette.ColorRole.HighlightedText
_PLACEHOLDER = QtGui.QPalette.ColorRole.PlaceholderText
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight

"""How a contact looks in a list cell: avatar (photo or initials on a colour), due state
as a coloured dot, balance signed and coloured. The colours mean something (red overdue,
amber soon), so they are fixed; everything else follows the palette."""

from __future__ import annotations

import zlib
from collections import OrderedDict
from typing import NamedTuple

from app.derived import BalanceState, DueState
from ui.qt import Qt, QtCore, QtGui, QtWidgets

TEXT_CACHE = 3000  # laid-out cell texts kept (a few screens of the list)
DUE_COLORS = {
    DueState.DUE: QtGui.QColor(214, 57, 57),
    DueState.SOON: QtGui.QColor(230, 152, 20),
}
BALANCE_COLORS = {
    BalanceState.TAKING: QtGui.QColor(204, 62, 62),
    BalanceState.OWED: QtGui.QColor(46, 150, 80),
}


def initials(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:2].upper()
    return (words[0][0] + words[-1][0]).upper()


def avatar_color(name: str) -> QtGui.QColor:
    """A stable, pleasant colour per name, dark enough for white initials."""
    hue = zlib.crc32(name.casefold().encode("utf-8")) % 360
    return QtGui.QColor.fromHsv(hue, 115, 175)


def paint_avatar(
    painter: QtGui.QPainter, rect: QtCore.QRect, name: str, photo: QtGui.QImage | None
) -> None:
    """A round avatar in ``rect``: the photo cropped to a circle, or initials on a colour."""
    painter.save()
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QtGui.QPainter.RenderHint.SmoothPixmapTransform)
    path = QtGui.QPainterPath()
    path.addEllipse(QtCore.QRectF(rect))
    if photo is not None and not photo.isNull():
        painter.setClipPath(path)
        side = min(photo.width(), photo.height())
        source = QtCore.QRect((photo.width() - side) // 2, (photo.height() - side) // 2, side, side)
        painter.drawImage(rect, photo, source)
    else:
        painter.fillPath(path, avatar_color(name))
        font = QtGui.QFont(painter.font())
        font.setBold(True)
        font.setPixelSize(max(8, int(rect.height() * 0.4)))
        painter.setFont(font)
        painter.setPen(QtGui.QColor(255, 255, 255))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, initials(name))
    painter.restore()


def avatar_pixmap(name: str, photo: QtGui.QImage | None, size: int, ratio: float) -> QtGui.QPixmap:
    pixmap = QtGui.QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QtGui.QPainter(pixmap)
    paint_avatar(painter, QtCore.QRect(0, 0, size, size), name, photo)
    painter.end()
    return pixmap


class _Laid(NamedTuple):
    """A cell's text laid out once (``QStaticText``), with its size."""

    text: QtGui.QStaticText
    width: float
    height: float


class ContactDelegate(QtWidgets.QStyledItemDelegate):
    """Paints the name column with an avatar, the due column as a coloured dot and every
    other cell as plain text, straight from the model's row (no signals).

    Painting runs for every visible cell on each repaint, so it is kept cheap: the cell's
    texts come from :meth:`ContactListModel.texts` (made once per row), not from a dozen
    ``data()`` calls through ``initStyleOption``; the style draws the item panel only where
    there is one to see (selected, current or hovered cells), and each text is laid out
    once (see :meth:`_paint_text`) instead of by the style on every repaint. A repaint of 22 rows
    took 26–32 ms of GUI-thread CPU through the style, 8–11 ms this way (busy 2 cores).
    """

    AVATAR = 26
    PAD = 6

    def __init__(self, name_column: int, due_column: int, parent: QtCore.QObject) -> None:
        super().__init__(parent)
        self._name_column = name_column
        self._due_column = due_column
        self._avatars: OrderedDict[tuple[str, int, float], QtGui.QPixmap] = OrderedDict()
        self._texts: OrderedDict[tuple[str, int, str], str | _Laid] = OrderedDict()
        self._font = QtGui.QFont()
        self._font_key = self._font.key()
        # The style's text margin, asked once per style (not once per cell and repaint).
        self._margin_of: tuple[QtWidgets.QStyle | None, int] = (None, 0)

    def _avatar(self, name: str, photo: QtGui.QImage | None, ratio: float) -> QtGui.QPixmap:
        """Avatars are drawn once and cached: painting paths and text per cell is slow."""
        key = (name, photo.cacheKey() if photo is not None else 0, ratio)
        pixmap = self._avatars.get(key)
        if pixmap is None:
            pixmap = avatar_pixmap(name, photo, self.AVATAR, ratio)
            self._avatars[key] = pixmap
            if len(self._avatars) > 500:
                self._avatars.popitem(last=False)
        return pixmap

    def sizeHint(
        self, option: QtWidgets.QStyleOptionViewItem, index: QtCore.QModelIndex
    ) -> QtCore.QSize:
        hint = super().sizeHint(option, index)
        return QtCore.QSize(hint.width() + self.AVATAR + self.PAD, max(hint.height(), 34))

    def paint(
        self,
        painter: QtGui.QPainter,
        option: QtWidgets.QStyleOptionViewItem,
        index: QtCore.QModelIndex,
    ) -> None:
        model = index.model()
        row = model.contact_row(index.row())
        if row is None:
            return
        column = index.column()
        state = option.state.value
        widget = option.widget
        if state & _PANEL_STATES:
            style = widget.style() if widget else QtWidgets.QApplication.style()
            style.drawControl(_ITEM, option, painter, widget)
        text = model.texts(row)[column]
        rect = option.rect
        group = (
            (_ACTIVE if state & _ACTIVE_STATE else _INACTIVE)
            if state & _ENABLED_STATE
            else _DISABLED
        )
        if state & _SELECTED:
            color = option.palette.color(group, _HIGHLIGHTED_TEXT)
        else:
            color = model.foreground(row, column) or option.palette.color(group, _TEXT)
        if column == self._name_column:
            photo = model.photo(row.id) if row.has_photo else None
            top = rect.top() + (rect.height() - self.AVATAR) // 2
            ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
            painter.drawPixmap(rect.left() + self.PAD, top, self._avatar(row.name, photo, ratio))
            text_rect = rect.adjusted(self.AVATAR + 2 * self.PAD, 0, -self.PAD, 0)
            self._paint_text(painter, option, text_rect, text, color, _LEFT)
        elif column == self._due_column:
            self._paint_due(painter, option, model.due_state_of(row), text, color)
        else:
            margin = self._margin(widget)
            text_rect = rect.adjusted(margin, 0, -margin, 0)
            align = _RIGHT if column == model.BALANCE_COLUMN else _LEFT
            self._paint_text(painter, option, text_rect, text, color, align)

    def _margin(self, widget: QtWidgets.QWidget | None) -> int:
        """The style's text margin in an item (as ``QCommonStyle`` lays text out)."""
        style = widget.style() if widget else QtWidgets.QApplication.style()
        known, margin = self._margin_of
        if style is not known:
            margin = style.pixelMetric(_FOCUS_MARGIN, None, widget) + 1
            self._margin_of = (style, margin)
        return margin

    def _paint_text(
        self,
        painter: QtGui.QPainter,
        option: QtWidgets.QStyleOptionViewItem,
        rect: QtCore.QRect,
        text: str,
        color: QtGui.QColor,
        align: Qt.AlignmentFlag,
    ) -> None:
        """The text elided to ``rect``. The first time a text is painted it is elided and
        drawn directly (19 µs); painted again, it is laid out once as a ``QStaticText``
        (37 µs) and drawn from that ever after (5 µs): a repaint of the same rows costs a
        quarter, and a search's new rows do not pay for a layout they may never reuse.
        The laid-out text keeps its size beside it (asking Qt for it cost three calls a
        cell on every repaint)."""
        if not text:
            return
        font = option.font
        if font != self._font:
            self._font, self._font_key = QtGui.QFont(font), font.key()
        width = rect.width()
        key = (text, width, self._font_key)
        cached = self._texts.get(key)
        painter.setPen(color)
        painter.setFont(font)
        if cached is None or isinstance(cached, str):
            elided = cached or option.fontMetrics.elidedText(text, _ELIDE_RIGHT, width)
            if cached is None:
                painter.drawText(rect, align, elided)
                self._keep(key, elided)
                return
            static = QtGui.QStaticText(elided)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(QtGui.QTransform(), font)
            size = static.size()
            cached = _Laid(static, size.width(), size.height())
            self._keep(key, cached)
        left, top, _, height = rect.getRect()
        x = left + width - cached.width if align == _RIGHT else left
        painter.drawStaticText(QtCore.QPointF(x, top + (height - cached.height) / 2), cached.text)

    def _keep(self, key: tuple[str, int, str], text: str | _Laid) -> None:
        self._texts[key] = text
        if len(self._texts) > TEXT_CACHE:
            self._texts.popitem(last=False)

    def _paint_due(
        self,
        painter: QtGui.QPainter,
        option: QtWidgets.QStyleOptionViewItem,
        due: str,
        text: str,
        text_color: QtGui.QColor,
    ) -> None:
        rect = option.rect
        dot = 10
        with_text = rect.width() >= 90
        left = rect.left() + self.PAD if with_text else rect.center().x() - dot / 2 + 1
        dot_rect = QtCore.QRectF(left, rect.top() + (rect.height() - dot) / 2, dot, dot)
        painter.save()
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        color = DUE_COLORS.get(due)
        if color is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
        else:
            muted = QtGui.QColor(text_color)
            muted.setAlphaF(0.45 if due == DueState.OK else 0.25)
            painter.setPen(QtGui.QPen(muted, 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(dot_rect.adjusted(0.75, 0.75, -0.75, -0.75))
        painter.restore()
        if with_text:
            text_color = QtGui.QColor(text_color)
            if due == DueState.NEVER:
                text_color.setAlphaF(0.55)
            text_rect = rect.adjusted(dot + 2 * self.PAD, 0, -self.PAD, 0)
            self._paint_text(painter, option, text_rect, text, text_color, _LEFT)


_STATE = QtWidgets.QStyle.StateFlag
_SELECTED = _STATE.State_Selected.value
_PANEL_STATES = _SELECTED | _STATE.State_HasFocus.value | _STATE.State_MouseOver.value
_ENABLED_STATE = _STATE.State_Enabled.value
_ACTIVE_STATE = _STATE.State_Active.value
_ITEM = QtWidgets.QStyle.ControlElement.CE_ItemViewItem
_FOCUS_MARGIN = QtWidgets.QStyle.PixelMetric.PM_FocusFrameHMargin
_ACTIVE = QtGui.QPalette.ColorGroup.Active
_INACTIVE = QtGui.QPalette.ColorGroup.Inactive
_DISABLED = QtGui.QPalette.ColorGroup.Disabled
_TEXT = QtGui.QPalette.ColorRole.Text
_HIGHLIGHTED_TEXT = QtGui.QPalette.ColorRole.HighlightedText
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight
_LEFT = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
_RIGHT = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight

"""How a contact looks in a list cell: avatar (photo or initials on a colour), due state
as a coloured dot, balance signed and coloured. The colours mean something (red overdue,
amber soon), so they are fixed; everything else follows the palette."""

from __future__ import annotations

import zlib
from collections import OrderedDict

from app.derived import BalanceState, DueState
from ui.qt import Qt, QtCore, QtGui, QtWidgets

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


class ContactDelegate(QtWidgets.QStyledItemDelegate):
    """Paints the name column with an avatar, and the due column as a coloured dot.

    Reads the model's avatar role (``(name, photo QImage or None)``, name column only) and
    due-state role (a :class:`app.derived.DueState` code, due column only). No signals.
    """

    AVATAR = 26
    PAD = 6

    def __init__(self, avatar_role: int, due_role: int, parent: QtCore.QObject) -> None:
        super().__init__(parent)
        self._avatar_role = avatar_role
        self._due_role = due_role
        self._avatars: OrderedDict[tuple[str, int, float], QtGui.QPixmap] = OrderedDict()

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
        avatar = index.data(self._avatar_role)
        due = index.data(self._due_role)
        if avatar is not None:
            self._paint_name(painter, option, index, avatar)
        elif due is not None:
            self._paint_due(painter, option, index, due)
        else:
            super().paint(painter, option, index)

    def _paint_name(
        self,
        painter: QtGui.QPainter,
        option: QtWidgets.QStyleOptionViewItem,
        index: QtCore.QModelIndex,
        avatar: tuple[str, QtGui.QImage | None],
    ) -> None:
        opt = QtWidgets.QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        widget = option.widget
        style = widget.style() if widget else QtWidgets.QApplication.style()
        style.drawControl(QtWidgets.QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = option.rect
        top = rect.top() + (rect.height() - self.AVATAR) // 2
        name, photo = avatar
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        painter.drawPixmap(rect.left() + self.PAD, top, self._avatar(name, photo, ratio))
        text_rect = rect.adjusted(self.AVATAR + 2 * self.PAD, 0, -self.PAD, 0)
        selected = bool(option.state & QtWidgets.QStyle.StateFlag.State_Selected)
        role = (
            QtGui.QPalette.ColorRole.HighlightedText if selected else QtGui.QPalette.ColorRole.Text
        )
        painter.save()
        painter.setPen(opt.palette.color(role))
        painter.setFont(opt.font)
        elided = opt.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, text_rect.width())
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided
        )
        painter.restore()

    def _paint_due(
        self,
        painter: QtGui.QPainter,
        option: QtWidgets.QStyleOptionViewItem,
        index: QtCore.QModelIndex,
        due: str,
    ) -> None:
        opt = QtWidgets.QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        widget = option.widget
        style = widget.style() if widget else QtWidgets.QApplication.style()
        style.drawControl(QtWidgets.QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = option.rect
        dot = 10
        with_text = rect.width() >= 90
        left = rect.left() + self.PAD if with_text else rect.center().x() - dot / 2 + 1
        dot_rect = QtCore.QRectF(left, rect.top() + (rect.height() - dot) / 2, dot, dot)
        selected = bool(option.state & QtWidgets.QStyle.StateFlag.State_Selected)
        text_color = opt.palette.color(
            QtGui.QPalette.ColorRole.HighlightedText if selected else QtGui.QPalette.ColorRole.Text
        )
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
        if due == DueState.NEVER:
            text_color.setAlphaF(0.55)
        if with_text:
            painter.setPen(text_color)
            text_rect = rect.adjusted(dot + 2 * self.PAD, 0, -self.PAD, 0)
            elided = opt.fontMetrics.elidedText(
                text, Qt.TextElideMode.ElideRight, text_rect.width()
            )
            painter.drawText(
                text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided
            )
        painter.restore()

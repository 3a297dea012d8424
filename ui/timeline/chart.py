"""The activity chart above the timeline: interactions per week, gave/received marks.

This module imports pyqtgraph (≈ 0.6 s), so the timeline view imports it only when it is
first shown. Dragging the region's edges (or the region) chooses a date range.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyqtgraph as pg

from app.timeline_query import WeekActivity
from ui.chart_ticks import count_ticks, month_ticks
from ui.qt import QtCore, QtGui, QtWidgets, Signal

DAY = 86400.0
WEEK = 7 * DAY
MIN_SPAN = 12 * WEEK  # a few interactions still read as weeks, not as one wide bar
GAVE_COLOUR = QtGui.QColor("#2e7d32")
RECEIVED_COLOUR = QtGui.QColor("#1565c0")


_EPOCH = dt.date(1970, 1, 1).toordinal()


def to_seconds(day: dt.date) -> float:
    """Midnight UTC of ``day`` (``calendar.timegm``, ten times faster: a chart of a
    million interactions converts a few thousand days on the GUI thread)."""
    return float((day.toordinal() - _EPOCH) * 86400)


def to_date(seconds: float) -> dt.date:
    """The UTC day ``seconds`` falls on (the inverse of :func:`to_seconds`; by arithmetic,
    so it is cheap for the axis and holds before 1970 on every platform)."""
    ordinal = _EPOCH + int(seconds // 86400)
    return dt.date.fromordinal(min(max(ordinal, 1), dt.date.max.toordinal()))


class MonthAxis(pg.AxisItem):
    """A bottom axis of UTC-midnight seconds (:func:`to_seconds`) marked on the first day
    of months: the year on January, else the month's short name in the user's language.

    Replaces pyqtgraph's ``DateAxisItem``, which looked up a time zone for every tick on
    each repaint (7–9 ms of the GUI thread whenever the chart's range or size changed)
    and named months in English whatever the language."""

    def __init__(self) -> None:
        super().__init__("bottom")
        self.enableAutoSIPrefix(False)  # seconds since 1970 are not "× 10⁹"
        self._label_px = 0.0

    def label_width(self) -> float:
        """Room one label needs: the widest month name or year, and a gap."""
        if not self._label_px:
            metrics = QtGui.QFontMetricsF(self.style.get("tickFont") or QtGui.QFont())
            names = [month_name(m) for m in range(1, 13)]
            self._label_px = max(metrics.horizontalAdvance(t) for t in [*names, "2000"]) + 8
        return self._label_px

    def tickValues(  # noqa: N802
        self, minVal: float, maxVal: float, size: float
    ) -> list[tuple[float, list[float]]]:
        if not maxVal > minVal:
            return []
        days = month_ticks(to_date(minVal), to_date(maxVal), size, self.label_width())
        return [(30 * DAY, [to_seconds(day) for day in days if to_seconds(day) >= minVal])]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        strings = []
        for value in values:
            day = to_date(value)
            strings.append(str(day.year) if day.month == 1 else month_name(day.month))
        return strings


def month_name(month: int) -> str:
    """A month's short name in the user's language, standing alone ("Mar", "März")."""
    return QtCore.QLocale().standaloneMonthName(month, QtCore.QLocale.FormatType.ShortFormat)


class CountAxis(pg.AxisItem):
    """A left axis with whole, non-negative counts only (the marks live below zero)."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        return [str(int(v)) if v >= 0 and float(v).is_integer() else "" for v in values]


class ActivityChart(QtWidgets.QWidget):
    """Bars of interactions per week, with up/down marks for what was given/received.

    Signals: ``range_chosen(object, object)`` with (first day, last day) when the user
    moved the region, or (None, None) when it spans everything again (the reset).
    """

    range_chosen = Signal(object, object)

    def __init__(self, parent: QtWidgets.QWidget | None = None, *, staged: bool = False) -> None:
        """The frame (legend, reset button); the plot is built by :meth:`build_step`, all
        at once unless ``staged`` (then the caller runs the steps, one per turn of the
        event loop: together they held the GUI thread for 40–50 ms of CPU)."""
        super().__init__(parent)
        self._weeks: list[WeekActivity] = []
        self._programmatic = False
        self._pending: tuple[list[WeekActivity], dt.date | None, dt.date | None] | None = None
        self._marks: tuple[list[tuple[float, int]], list[tuple[float, int]], float] | None = None
        self._marks_timer = QtCore.QTimer(self)
        self._marks_timer.setSingleShot(True)
        self._marks_timer.setInterval(0)
        self._marks_timer.timeout.connect(self._draw_marks)
        self._steps = iter(
            (self._build_axes, self._build_plot, self._build_items, self._place_items)
        )
        self.ready = False
        self.reset_button = QtWidgets.QToolButton()
        self.reset_button.setText(self.tr("All dates"))
        self.reset_button.setToolTip(self.tr("Show the whole time range again"))
        self.reset_button.clicked.connect(self.reset)
        self.legend = QtWidgets.QLabel(
            self.tr("Bars: interactions per week · ▲ given · ▼ received. Drag the shaded edges.")
        )
        self.legend.setEnabled(False)
        self.legend.setWordWrap(True)  # wraps rather than widening the window (German)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.legend, 1)
        top.addWidget(self.reset_button)
        self._layout = QtWidgets.QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addLayout(top)
        self.setMinimumHeight(150)
        if not staged:
            while self.build_step():
                pass

    def build_step(self) -> bool:
        """Build the next part of the plot; False once the chart is complete."""
        step = next(self._steps, None)
        if step is None:
            return False
        step()
        if not self.ready:
            return True
        if self._pending is not None:
            self.set_activity(*self._pending, staged=True)
        return False

    def _build_axes(self) -> None:
        pg.setConfigOptions(antialias=True)
        # The x values are UTC midnights (:func:`to_seconds`), labelled with their own dates.
        self._axes = {"bottom": MonthAxis()}
        self._axes["left"] = CountAxis("left")

    def _build_plot(self) -> None:
        """A view box and its two axes in a graphics layout. Not a ``PlotWidget``: its
        ``PlotItem`` builds a whole options form for a context menu the chart does not
        have (13 ms of the GUI thread, against 3.5 ms for these parts)."""
        palette = self.palette()
        self.plot = pg.GraphicsLayoutWidget()
        self.plot.setBackground(palette.color(QtGui.QPalette.ColorRole.Base))
        self.plot.ci.setContentsMargins(1, 1, 1, 1)
        self.plot.ci.setSpacing(0)
        self.view_box = pg.ViewBox(enableMenu=False)
        self.view_box.setMouseEnabled(x=False, y=False)
        text_pen = pg.mkPen(palette.color(QtGui.QPalette.ColorRole.Text))
        for axis in self._axes.values():
            axis.linkToView(self.view_box)
            axis.setZValue(0.5)  # above the bars, as in a plot
            axis.setPen(text_pen)
            axis.setTextPen(text_pen)
        self._axes["left"].setGrid(int(0.2 * 255))  # faint lines across at the counts
        self._axes["left"].setLabel(self.tr("per week"))
        self.plot.ci.addItem(self._axes["left"], 0, 0)
        self.plot.ci.addItem(self.view_box, 0, 1)
        self.plot.ci.addItem(self._axes["bottom"], 1, 1)

    def axis(self, name: str) -> pg.AxisItem:
        """The "left" (counts) or "bottom" (months) axis."""
        return self._axes[name]

    def _build_items(self) -> None:
        highlight = self.palette().color(QtGui.QPalette.ColorRole.Highlight)
        self.bars = pg.BarGraphItem(
            x=np.zeros(0), height=np.zeros(0), width=WEEK * 0.8, brush=highlight, pen=None
        )
        self.gave_marks = pg.ScatterPlotItem(
            symbol="t1", brush=GAVE_COLOUR, pen=None, name=self.tr("gave")
        )
        self.received_marks = pg.ScatterPlotItem(
            symbol="t", brush=RECEIVED_COLOUR, pen=None, name=self.tr("received")
        )
        self.region = pg.LinearRegionItem(
            brush=pg.mkBrush(highlight.red(), highlight.green(), highlight.blue(), 40)
        )
        self.region.setZValue(10)
        self.region.sigRegionChangeFinished.connect(self._region_finished)

    def _place_items(self) -> None:
        for item in (self.bars, self.gave_marks, self.received_marks, self.region):
            self.view_box.addItem(item)
        # Shown with its first weeks (:meth:`set_activity`): each picture of the empty plot
        # (two or three while the view settles its layout) cost 15–40 ms of the GUI thread
        # for axes that were drawn again as soon as the weeks came.
        self.plot.setVisible(False)
        self._layout.addWidget(self.plot)
        self.ready = True

    def weeks(self) -> list[WeekActivity]:
        return list(self._weeks)

    def set_activity(
        self,
        weeks: list[WeekActivity],
        date_from: dt.date | None,
        date_to: dt.date | None,
        *,
        staged: bool = False,
    ) -> None:
        """Draw these weeks and put the region on the chosen dates (all when None). When
        ``staged``, the given/received marks follow in the next turn of the event loop
        (placing and styling a thousand marks was the longest part of drawing)."""
        if not self.ready:  # still being built: drawn by the last step
            self._pending = (weeks, date_from, date_to)
            self._weeks = list(weeks)
            return
        self._pending = None
        self._weeks = list(weeks)
        x = np.array([to_seconds(w.week) + WEEK / 2 for w in weeks], dtype=float)
        counts = np.array([w.interactions for w in weeks], dtype=float)
        self.bars.setOpts(x=x, height=counts, width=WEEK * 0.8)
        peak = float(counts.max()) if len(counts) else 1.0
        peak = max(peak, 1.0)
        band = peak * 0.12
        # Each mark on its own day (the middle of that day), not in the middle of the week.
        gave = [(to_seconds(d) + DAY / 2, n) for w in weeks for d, n in w.gave_days]
        received = [(to_seconds(d) + DAY / 2, n) for w in weeks for d, n in w.received_days]
        self._marks = (gave, received, band)
        if staged:
            self._marks_timer.start()
        else:
            self._draw_marks()
        self._axes["left"].setTicks([count_ticks(peak)])
        if len(x):
            low, high = self.full_range()
            self.view_box.setXRange(min(low, high - MIN_SPAN), high, padding=0.02)
            self.view_box.setYRange(-3.3 * band, peak * 1.15, padding=0)
            self.region.setBounds((low, high))
        self.show_range(date_from, date_to)
        if self.plot.isHidden():
            self.plot.show()

    def _draw_marks(self) -> None:
        self._marks_timer.stop()
        if self._marks is None:
            return
        gave, received, band = self._marks
        self._marks = None
        self.gave_marks.setData(
            x=[g[0] for g in gave],
            y=[-band] * len(gave),
            size=[min(14, 6 + 2 * g[1]) for g in gave],
        )
        self.received_marks.setData(
            x=[r[0] for r in received],
            y=[-2.3 * band] * len(received),
            size=[min(14, 6 + 2 * r[1]) for r in received],
        )

    def full_range(self) -> tuple[float, float]:
        if not self._weeks:
            today = to_seconds(dt.date.today())
            return today - WEEK, today + DAY
        return to_seconds(self._weeks[0].week), to_seconds(self._weeks[-1].week) + WEEK

    def show_range(self, date_from: dt.date | None, date_to: dt.date | None) -> None:
        """Move the region to these dates without choosing them again."""
        if not self.ready:
            if self._pending is not None:
                self._pending = (self._pending[0], date_from, date_to)
            return
        low, high = self.full_range()
        if date_from is not None:
            low = max(low, to_seconds(date_from))
        if date_to is not None:
            high = min(high, to_seconds(date_to) + DAY)
        self._programmatic = True
        try:
            self.region.setRegion((low, max(low + DAY, high)))
        finally:
            self._programmatic = False

    def reset(self) -> None:
        self.show_range(None, None)
        self.range_chosen.emit(None, None)

    def _region_finished(self) -> None:
        if self._programmatic:
            return
        low, high = self.region.getRegion()
        full_low, full_high = self.full_range()
        first = None if low <= full_low + DAY / 2 else to_date(low + DAY / 2)
        last = None if high >= full_high - DAY / 2 else to_date(high - DAY / 2)
        self.range_chosen.emit(first, last)

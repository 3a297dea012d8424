"""Bar charts of the network's shape: by level, by circle, and its breadth over time.

pyqtgraph costs 0.6 s to import (TECH-NOTES), so this module imports it only when a
:class:`ShapeCharts` is built, which the Insights view does when its "Your network" tab is
first shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from app.insights import NetworkShape
from ui.chart_ticks import count_ticks
from ui.contacts.model import circle_name, level_name
from ui.qt import QtCore, QtGui, QtWidgets


def quarter_label(start: dt.date) -> str:
    return (
        QtCore.QCoreApplication.translate("Insights", "Q%1 ’%2")
        .replace("%1", str((start.month - 1) // 3 + 1))
        .replace("%2", f"{start.year % 100:02d}")
    )


class ShapeCharts(QtWidgets.QWidget):
    """Three small bar charts following the palette. No signals."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        import pyqtgraph as pg

        self._pg = pg
        palette = self.palette()
        self._bar = palette.color(QtGui.QPalette.ColorRole.Highlight)
        self._text = palette.color(QtGui.QPalette.ColorRole.WindowText)
        layout = QtWidgets.QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.level_plot = self._plot(self.tr("Contacts by level"))
        self.circle_plot = self._plot(self.tr("Contacts by circle"))
        self.breadth_plot = self._plot(self.tr("Different people met per quarter"))
        self.breadth_plot.setToolTip(
            self.tr("How many different people you met in each quarter: how wide you reach.")
        )
        layout.addWidget(self.level_plot, 0, 0)
        layout.addWidget(self.circle_plot, 0, 1)
        layout.addWidget(self.breadth_plot, 1, 0, 1, 2)

    def _plot(self, title: str):  # type: ignore[no-untyped-def]
        pg = self._pg
        widget = pg.PlotWidget(background=self.palette().color(QtGui.QPalette.ColorRole.Base))
        widget.setMinimumHeight(150)
        widget.setMenuEnabled(False)
        widget.hideButtons()
        item = widget.getPlotItem()
        item.setTitle(title, color=self._text, size="10pt")
        item.setMouseEnabled(x=False, y=False)
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(self._text)
            axis.setTextPen(self._text)
        item.getAxis("left").setWidth(32)
        widget.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Expanding
        )
        return widget

    def _bars(self, plot, labels: Sequence[str], values: Sequence[int]) -> None:  # type: ignore[no-untyped-def]
        pg = self._pg
        item = plot.getPlotItem()
        item.clear()
        xs = list(range(len(values)))
        item.addItem(
            pg.BarGraphItem(x=xs, height=list(values), width=0.6, brush=self._bar, pen=self._bar)
        )
        item.getAxis("bottom").setTicks([list(zip(xs, labels, strict=True))])
        top = max(values, default=0)
        item.getAxis("left").setTicks([count_ticks(max(top, 1))])
        item.setYRange(0, max(top, 1) * 1.1, padding=0)
        item.setXRange(-0.6, len(values) - 0.4, padding=0)

    def _horizontal_bars(self, plot, labels: Sequence[str], values: Sequence[int]) -> None:  # type: ignore[no-untyped-def]
        """Long labels (circles) read better beside horizontal bars, top to bottom."""
        pg = self._pg
        item = plot.getPlotItem()
        item.clear()
        ys = list(range(len(values)))[::-1]
        item.addItem(
            pg.BarGraphItem(
                x0=0, y=ys, width=list(values), height=0.6, brush=self._bar, pen=self._bar
            )
        )
        item.getAxis("left").setTicks([list(zip(ys, labels, strict=True))])
        item.getAxis("left").setWidth(90)
        top = max(values, default=0)
        item.getAxis("bottom").setTicks([count_ticks(max(top, 1))])
        item.setXRange(0, max(top, 1) * 1.05, padding=0)
        item.setYRange(-0.6, len(values) - 0.4, padding=0)

    def set_shape(self, shape: NetworkShape) -> None:
        self._bars(
            self.level_plot, [level_name(k) for k in shape.levels], list(shape.levels.values())
        )
        self._horizontal_bars(
            self.circle_plot, [circle_name(k) for k in shape.circles], list(shape.circles.values())
        )
        self._bars(
            self.breadth_plot,
            [quarter_label(start) for start, _ in shape.breadth],
            [n for _, n in shape.breadth],
        )

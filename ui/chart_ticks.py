"""Axis ticks: counts are whole numbers only (a chart of three contacts showed 0.2, 0.4 …);
dates are the first days of months.

No pyqtgraph here: the values go to an ``AxisItem``.
"""

from __future__ import annotations

import datetime as dt


def count_step(top: float) -> int:
    """A whole-number tick step that gives at most about five ticks up to ``top``."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if top / step <= 5:
            return step
    return int(10 ** len(str(int(top / 5))))


def count_ticks(top: float) -> list[tuple[float, str]]:
    """Ticks 0, step, 2·step … up to ``top``: counts are whole numbers."""
    step = count_step(top)
    return [(float(v), str(v)) for v in range(0, int(top) + 1, step)]


MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)
"""Months between two date ticks: the first of these that leaves room for a label."""


def month_ticks(first: dt.date, last: dt.date, width_px: float, label_px: float) -> list[dt.date]:
    """The first days of months between ``first`` and ``last`` (inclusive) to mark on a
    time axis ``width_px`` wide, every label given ``label_px``: every month when there is
    room, else every 2nd, 3rd, 6th month, every year, or every few years (always January
    then, so the years stay in step). Pure date arithmetic, a few hundred operations:
    pyqtgraph's ``DateAxisItem`` spent 7–9 ms of the GUI thread per repaint on the same
    ticks (a time zone look-up per tick)."""
    if last < first or width_px <= 0:
        return []
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    per_month = width_px / max(months, 1)
    step = next((s for s in MONTH_STEPS if s * per_month >= label_px), MONTH_STEPS[-1])
    index = first.year * 12 + first.month - 1  # months since year 0
    if first.day != 1:
        index += 1
    index += -index % step  # a multiple of the step: January for the yearly steps
    ticks = []
    end = last.year * 12 + last.month - 1
    while index <= end:
        ticks.append(dt.date(index // 12, index % 12 + 1, 1))
        index += step
    return ticks

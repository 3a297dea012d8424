"""Axis ticks for counts: whole numbers only (a chart of three contacts showed 0.2, 0.4 …).

No pyqtgraph here: the values go to ``AxisItem.setTicks``.
"""

from __future__ import annotations


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

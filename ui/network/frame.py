"""Drawing the network a slice at a time: a frame of the view drawn into an image in
steps between events, and the vectorised geometry those steps need."""

from __future__ import annotations

import math
import time
from collections.abc import Iterator

import numpy as np

from ui.qt import QtCore, QtGui

FRAME_SLICE_S = 0.006
"""Seconds of drawing per turn of the event loop while a frame is drawn in slices: with
the rest of a turn, the window never waits much more than this for its next event."""
SLICE_INK = 10_000
"""Pixels of ink (see ``canvas.INK_BUDGET``) per ``drawPath``: about 2 ms."""


def ink_slices(segments: np.ndarray, pixels_wide: float) -> list[np.ndarray]:
    """Consecutive runs of segments, each about :data:`SLICE_INK` pixels of ink."""
    if not len(segments):
        return []
    ink = np.cumsum(
        np.hypot(segments[:, 2] - segments[:, 0], segments[:, 3] - segments[:, 1]) * pixels_wide
    )
    cuts = np.searchsorted(ink, np.arange(SLICE_INK, ink[-1], SLICE_INK), side="right")
    return [part for part in np.split(segments, np.unique(cuts)) if len(part)]


class Frame:
    """The heavy layer of the network (guides, edges, nodes) drawn into an image for one
    view (its item → viewport ``transform``), step by step.

    Drawing 100,000 contacts' worth of lines and symbols takes longer than a frame may
    stall the window, and PySide keeps the GIL while Qt paints (a worker thread would
    stall the window just as well): so the GUI thread draws a frame a few milliseconds at
    a time, between other events, and shows the last finished one meanwhile. A frame is
    never shown half drawn."""

    def __init__(
        self, key: tuple, transform: QtGui.QTransform, size: QtCore.QSize, ratio: float
    ) -> None:
        self.key = key
        self.transform = QtGui.QTransform(transform)
        self.image = QtGui.QImage(
            max(1, round(size.width() * ratio)),
            max(1, round(size.height() * ratio)),
            QtGui.QImage.Format.Format_ARGB32_Premultiplied,
        )
        self.image.setDevicePixelRatio(ratio)
        self.image.fill(QtCore.Qt.GlobalColor.transparent)
        self.painter = QtGui.QPainter(self.image)
        self.painter.setTransform(self.transform)
        self._steps: Iterator[None] = iter(())

    def start(self, steps: Iterator[None]) -> None:
        """The steps that draw this frame with :attr:`painter`."""
        self._steps = steps

    def advance(self, budget_s: float | None) -> bool:
        """Draw steps for about ``budget_s`` seconds (None: to the end); True when done."""
        deadline = math.inf if budget_s is None else time.perf_counter() + budget_s
        for _ in self._steps:
            if time.perf_counter() >= deadline:
                return False
        if self.painter.isActive():
            self.painter.end()
        return True

    def cancel(self) -> None:
        close = getattr(self._steps, "close", None)
        if close is not None:
            close()
        if self.painter.isActive():
            self.painter.end()


def clip_segments(segments: np.ndarray, rect: QtCore.QRectF) -> np.ndarray:
    """Segments ``(x0, y0, x1, y1)`` cut to a rectangle (Liang–Barsky, vectorised); one
    that misses it shrinks to a point."""
    x0, y0, x1, y1 = (segments[:, k] for k in range(4))
    dx, dy = x1 - x0, y1 - y0
    low = np.zeros(len(segments))
    high = np.ones(len(segments))
    with np.errstate(divide="ignore", invalid="ignore"):
        for p, q in (
            (-dx, x0 - rect.left()),
            (dx, rect.right() - x0),
            (-dy, y0 - rect.top()),
            (dy, rect.bottom() - y0),
        ):
            t = q / p
            entering = p < 0
            leaving = p > 0
            low = np.where(entering, np.maximum(low, t), low)
            high = np.where(leaving, np.minimum(high, t), high)
            outside = (p == 0) & (q < 0)
            high = np.where(outside, -1.0, high)
    high = np.maximum(high, low)  # a miss: both ends at the same point
    return np.column_stack([x0 + low * dx, y0 + low * dy, x0 + high * dx, y0 + high * dy])

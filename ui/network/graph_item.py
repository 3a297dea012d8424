"""The ego network drawn as one pyqtgraph ``GraphicsObject``, level of detail by zoom.

Nothing is drawn per node in Python and nothing is recorded into a ``QPicture``: every
frame draws

- the **edges** that cross the visible area and are at least :data:`MIN_EDGE_PX` long on
  screen, the most important first (the highlighted path, relationships, met-together,
  then ties to the user by strength), within :data:`EDGE_BUDGET` and :data:`INK_BUDGET`,
  each style as a few painter paths;
- the **nodes** on screen with ``drawPixmapFragments`` from an atlas holding one
  pre-rendered symbol per style (level colour × size × overdue ring), weakest first so
  the strong ones lie on top.

So a frame costs about the same at 2,000 and at 100,000 contacts, and zooming in shows
more edges. In the app a frame is drawn into an image a few milliseconds at a time
between events (:mod:`ui.network.frame`); the view shows the last finished frame, moved
and scaled with the view, until the next one is done: no frame stalls the window.

Names are painted by one item (:mod:`ui.network.names`) for visible nodes only: the
selected, the path, the overdue and the strongest first, where they collide neither with
each other nor with a more important node.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Generator, Iterator
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt import internals

from app.network import EDGE_KINDS, EDGE_MET, EDGE_USER, RADIUS, Graph
from ui.network.frame import FRAME_SLICE_S, Frame, clip_segments, ink_slices
from ui.network.names import NAME_MARGIN, NameLayer
from ui.qt import QtCore, QtGui, QtWidgets, Signal

LEVEL_COLOURS = {
    "above": "#0072B2",
    "peer": "#009E73",
    "below": "#E69F00",
    "external": "#CC79A7",
}
"""Colour by level (Okabe–Ito, readable for colour-blind people on light and dark)."""

OVERDUE_COLOUR = "#E0301E"
MAX_LABELS = 40
EDGE_BUDGET = 12_000
"""At most this many edges a frame (the most important ones); zoom in to see the rest."""
INK_BUDGET = 90_000
"""At most this much ink of edges a frame: their lengths on screen times their pens'
widths, in pixels, summed. Software rendering costs about 0.2 µs a pixel: this keeps a
frame's lines near 25 ms (400,000 took 75 ms a frame at 100,000 contacts)."""
MIN_EDGE_PX = 3.0
"""Edges shorter than this on screen are hidden under their nodes anyway: not drawn."""
ANTIALIAS_INK = 40_000
"""Edges are drawn antialiased while their ink (see :data:`INK_BUDGET`) is below this."""
_CANDIDATES = 150  # the most important visible nodes tried for a name (a loop each)
_WIDTH_STEPS = (0.6, 1.2, 2.0, 3.2)  # user-edge widths by strength quartile of 0..100
_GUIDES = (0.35, 0.62, 0.92)  # rings layout: faint circles as a reading aid
_OTHER_LEVEL = len(LEVEL_COLOURS)
_USER_COLOUR = _OTHER_LEVEL + 1
_RELATIONSHIP_PEN = len(_WIDTH_STEPS) + 1
_MET_PEN = len(_WIDTH_STEPS) + 2
NODE_BUDGET = 5_000
"""At most this many nodes a frame (the strongest on screen); zoom in to see the rest."""
_LABEL_OBSTACLES = 2000  # the most important visible nodes a name must not cover
_PLAN_CHUNK = 25_000  # edges looked at per step while choosing a frame's edges
_NODE_SLICE = 1_000  # nodes per drawPixmapFragments

# Label priority: the selected person first, then the path shown, the overdue, the strong.
_SELECTED_FIRST = 4000.0
_PATH_FIRST = 2000.0
_OVERDUE_FIRST = 1000.0


@dataclass
class Drawing:
    """What a frame needs besides pens and the symbol atlas: numpy only, so it is built
    on a worker (:func:`prepare_drawing`) and the GUI thread only assigns it."""

    sizes: np.ndarray
    edge_order: np.ndarray  # edge indexes, most important first
    edge_style: np.ndarray  # the pen of each edge, in that order
    segments: np.ndarray  # x0, y0, x1, y1 in that order
    boxes: np.ndarray  # xmin, xmax, ymin, ymax
    lengths: np.ndarray
    symbol_keys: np.ndarray  # the distinct (colour, size, overdue) symbols
    symbol_of: np.ndarray  # each node's index into symbol_keys
    paint_order: np.ndarray  # weakest first, the user last


def _symbol_key(colour: np.ndarray, size: np.ndarray, late: np.ndarray) -> np.ndarray:
    return (colour * 1000 + size) * 2 + late


def prepare_drawing(graph: Graph, positions: np.ndarray) -> Drawing:
    """Sort the edges by importance and give every node its symbol (thread-safe)."""
    positions = np.asarray(positions, dtype=float)
    sizes = node_sizes(graph)
    user = graph.edge_kind == EDGE_KINDS.index(EDGE_USER)
    met = graph.edge_kind == EDGE_KINDS.index(EDGE_MET)
    strength = graph.edge_weight
    style = np.zeros(graph.edge_count, dtype=np.int64)  # 0: a tie to someone never met
    bounds = (0.0, 25.0, 50.0, 75.0, 100.1)
    for step in range(len(_WIDTH_STEPS)):
        style[user & (strength > bounds[step]) & (strength <= bounds[step + 1])] = 1 + step
    style[~user & ~met] = _RELATIONSHIP_PEN
    style[met] = _MET_PEN
    # Most important first: relationships, met-together, then the ties to the user by
    # strength. A frame over budget drops the tail of this order.
    rank = np.where(user, 2, np.where(met, 1, 0))
    order = np.lexsort((-strength, rank))
    segments = positions[graph.edges[order]].reshape(-1, 4)
    x0, y0, x1, y1 = (segments[:, k] for k in range(4))
    boxes = np.column_stack(
        [np.minimum(x0, x1), np.maximum(x0, x1), np.minimum(y0, y1), np.maximum(y0, y1)]
    )
    colour_of = {level: k for k, level in enumerate(LEVEL_COLOURS)}
    colour = np.array([colour_of.get(level, _OTHER_LEVEL) for level in graph.levels])
    colour[0] = _USER_COLOUR
    keys = _symbol_key(colour, sizes.astype(np.int64), graph.overdue.astype(np.int64))
    symbol_keys, symbol_of = np.unique(keys, return_inverse=True)
    weakest_first = np.lexsort((np.arange(graph.node_count), graph.strength))
    paint_order = np.concatenate([weakest_first[weakest_first != 0], [0]])
    return Drawing(
        sizes=sizes,
        edge_order=order,
        edge_style=style[order],
        segments=segments,
        boxes=boxes,
        lengths=np.hypot(x1 - x0, y1 - y0),
        symbol_keys=symbol_keys,
        symbol_of=symbol_of,
        paint_order=paint_order.astype(np.int64),
    )


def relationship_pen(palette: QtGui.QPalette) -> QtGui.QPen:
    """An explicit relationship between two contacts (the legend draws the same)."""
    link = QtGui.QColor(palette.color(QtGui.QPalette.ColorRole.Link))
    link.setAlpha(150)
    return pg.mkPen(link, width=1.6)


def met_together_pen(palette: QtGui.QPalette) -> QtGui.QPen:
    """Two contacts who met in one interaction: thinner and fainter than a relationship."""
    link = QtGui.QColor(palette.color(QtGui.QPalette.ColorRole.Link))
    link.setAlpha(55)
    return pg.mkPen(link, width=0.8)


def node_sizes(graph: Graph) -> np.ndarray:
    """Node diameters in pixels: bigger for stronger relationships, smaller in huge graphs."""
    n = graph.node_count
    shrink = 1.0 if n <= 500 else max(0.45, (500 / n) ** 0.3)
    sizes = (8.0 + 14.0 * (graph.strength / 100.0) ** 0.7) * shrink
    sizes[0] = 38.0
    # Whole pixels: one pre-rendered symbol per distinct size, not one per node.
    return np.round(sizes)


class NetworkGraphItem(pg.GraphicsObject):
    """Nodes, edges, names, hover tooltips, clicks and link drags of the network.

    Signals: ``node_clicked(int contact_id)`` on a click on a contact's node;
    ``link_requested(int source_id, int target_id)`` when a drag from one contact ends
    on another (with Shift held or :attr:`link_mode` on); ``frame_ready()`` when a
    picture of the view has been drawn to the end.
    """

    node_clicked = Signal(int)
    link_requested = Signal(int, int)
    frame_ready = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setAcceptHoverEvents(True)
        self.graph: Graph | None = None
        self.positions = np.zeros((0, 2))
        self.sizes = np.zeros(0)
        self.link_mode = False
        self.drawn_edges = 0
        """How many edges the last frame drew (level of detail, for tests)."""
        self.drawn_nodes = 0
        """How many nodes the last frame drew."""
        self._ink = 0.0
        self.progressive = False
        """Draw a frame in slices between events (the app) instead of at once (tests and
        screenshots, which need the picture when they paint)."""
        self._content = 0  # counts what the picture shows; part of every frame's key
        self._finished: Frame | None = None  # the last frame drawn to the end
        self._drawing: Frame | None = None  # the frame being drawn
        self._frame_timer = QtCore.QTimer(self)
        self._frame_timer.setSingleShot(True)
        self._frame_timer.setInterval(0)
        self._frame_timer.timeout.connect(self._advance_frame)
        self._guides = False
        self._selected: int | None = None
        self._path_nodes = np.zeros(0, dtype=np.int64)
        self._path_edges = np.zeros(0, dtype=np.int64)
        self._pens: list[QtGui.QPen] = []
        self._pen_widths = np.ones(0)
        self._order = np.zeros(0, dtype=np.int64)  # edge indexes, most important first
        self._style = np.zeros(0, dtype=np.int64)  # pen of each edge, in that order
        self._segments = np.zeros((0, 4))  # x0, y0, x1, y1 in that order
        self._boxes = np.zeros((0, 4))  # xmin, xmax, ymin, ymax
        self._lengths = np.zeros(0)
        self._atlas = QtGui.QPixmap()
        self._sources = np.zeros((0, 4))  # each node's symbol in the atlas
        self._paint_order = np.zeros(0, dtype=np.int64)  # weakest first, the user last
        self._fragments = internals.PrimitiveArray(QtGui.QPainter.PixmapFragment, 10)
        self._bounds = QtCore.QRectF()
        self._drag_source: int | None = None
        self._drag_line = QtWidgets.QGraphicsLineItem(self)
        self._drag_line.hide()
        self._halo = pg.ScatterPlotItem(pxMode=True)
        self._halo.setParentItem(self)
        self._halo.setZValue(2)
        self._you = pg.TextItem(anchor=(0.5, 0.5))
        self._you.setParentItem(self)
        self._you.setZValue(4)
        self._names = NameLayer(self)
        self._names.setZValue(3)
        self.visible_labels: dict[int, str] = {}
        self._name_widths: dict[int, float] = {}

    # -- data ------------------------------------------------------------------------

    def set_network(
        self,
        graph: Graph,
        positions: np.ndarray,
        guides: bool = False,
        drawing: Drawing | None = None,
    ) -> None:
        """Show a graph at these positions (guides: the faint rings of the rings layout).

        ``drawing`` is :func:`prepare_drawing` of the same graph and positions, made on a
        worker; without it, it is made here.
        """
        self.prepareGeometryChange()
        self.graph = graph
        self.positions = np.asarray(positions, dtype=float)
        drawing = drawing or prepare_drawing(graph, self.positions)
        self.sizes = drawing.sizes
        self._order = drawing.edge_order
        self._style = drawing.edge_style
        self._segments = drawing.segments
        self._boxes = drawing.boxes
        self._lengths = drawing.lengths
        self._paint_order = drawing.paint_order
        self._guides = guides
        self._selected = None
        self._path_nodes = np.zeros(0, dtype=np.int64)
        self._path_edges = np.zeros(0, dtype=np.int64)
        palette = QtWidgets.QApplication.palette()
        self._pens = self._make_pens(palette)
        self._pen_widths = np.array([max(pen.widthF(), 1.0) for pen in self._pens])
        self._make_atlas(drawing, palette)
        extent = float(np.abs(self.positions).max()) if len(self.positions) else 0.0
        extent = max(extent, RADIUS) * 1.05
        self._bounds = QtCore.QRectF(-extent, -extent, 2 * extent, 2 * extent)
        self._you.setText(self.tr("You"), color=palette.color(QtGui.QPalette.ColorRole.Base))
        font = QtGui.QFont(self._you.textItem.font())
        font.setBold(True)
        self._you.setFont(font)
        self._you.setPos(*self.positions[0])
        self._update_halo()
        self._names.show_names([])
        self.visible_labels = {}
        self._name_widths = {}
        self._changed()

    @staticmethod
    def _make_pens(palette: QtGui.QPalette) -> list[QtGui.QPen]:
        """The edge pens, indexed as :func:`prepare_drawing` styles the edges."""
        text = palette.color(QtGui.QPalette.ColorRole.Text)
        # Solid lines only: a dashed or dotted line costs Qt a stroke per dash.
        never = QtGui.QColor(text)
        never.setAlpha(16)
        pens = [pg.mkPen(never, width=0.6)]
        for step, width in enumerate(_WIDTH_STEPS):
            colour = QtGui.QColor(text)
            colour.setAlpha(26 + 18 * step)
            pens.append(pg.mkPen(colour, width=width))
        pens.append(relationship_pen(palette))
        pens.append(met_together_pen(palette))
        return pens

    def _make_atlas(self, drawing: Drawing, palette: QtGui.QPalette) -> None:
        """Render each distinct symbol once; every node points at its cell."""
        keys = drawing.symbol_keys
        cell = int(drawing.sizes.max()) + 8
        columns = max(1, min(len(keys), 16))
        rows = math.ceil(len(keys) / columns)
        image = QtGui.QImage(
            columns * cell, rows * cell, QtGui.QImage.Format.Format_ARGB32_Premultiplied
        )
        image.fill(QtCore.Qt.GlobalColor.transparent)
        brushes = [QtGui.QBrush(QtGui.QColor(colour)) for colour in LEVEL_COLOURS.values()]
        brushes.append(QtGui.QBrush(QtGui.QColor("#888888")))
        brushes.append(QtGui.QBrush(palette.color(QtGui.QPalette.ColorRole.Text)))
        outline = QtGui.QPen(palette.color(QtGui.QPalette.ColorRole.Base), 1)
        overdue = QtGui.QPen(QtGui.QColor(OVERDUE_COLOUR), 3)
        sources = np.zeros((len(keys), 4))
        painter = QtGui.QPainter(image)
        try:
            painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
            for k, value in enumerate(keys.tolist()):
                late, rest = value % 2, value // 2
                colour, size = rest // 1000, rest % 1000
                x, y = (k % columns) * cell, (k // columns) * cell
                painter.setPen(overdue if late else outline)
                painter.setBrush(brushes[colour])
                painter.drawEllipse(QtCore.QPointF(x + cell / 2, y + cell / 2), size / 2, size / 2)
                sources[k] = (x, y, cell, cell)
        finally:
            painter.end()
        self._atlas = QtGui.QPixmap.fromImage(image)
        self._sources = sources[drawing.symbol_of]

    def edge_count(self) -> int:
        """How many edges the picture holds (tests count them before and after a change)."""
        return 0 if self.graph is None else self.graph.edge_count

    # -- highlight and selection ---------------------------------------------------------

    def set_selected(self, index: int | None) -> None:
        self._selected = index
        self._update_halo()

    def set_path(self, nodes: np.ndarray, edges: np.ndarray) -> None:
        """Highlight a chain of introducers (node and edge indexes; empty arrays clear)."""
        self._path_nodes = np.asarray(nodes, dtype=np.int64)
        self._path_edges = np.asarray(edges, dtype=np.int64)
        self._update_halo()
        self._changed()

    @property
    def path_nodes(self) -> np.ndarray:
        return self._path_nodes

    @property
    def path_edges(self) -> np.ndarray:
        return self._path_edges

    @property
    def selected(self) -> int | None:
        return self._selected

    def _update_halo(self) -> None:
        highlight = QtWidgets.QApplication.palette().color(QtGui.QPalette.ColorRole.Highlight)
        nodes = [int(i) for i in self._path_nodes]
        pens = [pg.mkPen(highlight, width=3)] * len(nodes)
        if self._selected is not None:
            nodes.append(self._selected)
            pens.append(pg.mkPen(highlight, width=5))
        if not nodes or not len(self.positions):
            self._halo.setData([])
            return
        self._halo.setData(
            pos=self.positions[nodes],
            size=self.sizes[nodes] + 12,
            pen=pens,
            brush=pg.mkBrush(None),
        )

    # -- drawing ----------------------------------------------------------------------

    def boundingRect(self) -> QtCore.QRectF:
        # Nodes are drawn in pixels: pad by the biggest one in item units.
        pixel = self.pixelLength(QtCore.QPointF(1, 0)) if self.graph is not None else None
        pad = 24 * (pixel or 0.0)
        return self._bounds.adjusted(-pad, -pad, pad, pad)

    def viewTransformChanged(self) -> None:
        self.prepareGeometryChange()
        super().viewTransformChanged()

    def paint(self, painter: QtGui.QPainter, *args: object) -> None:
        """Blit the picture of the current view; when the view moved, the last picture
        moved with it while the new one is drawn (see :class:`Frame`)."""
        if self.graph is None:
            return
        target = self._frame_target()
        if target is not None:
            key = target[0]
            if self._finished is None or self._finished.key != key:
                if not self.progressive:
                    self._draw_now(target)
                elif self._drawing is None or self._drawing.key != key:
                    self._start_frame(target)
                elif not self._frame_timer.isActive():  # paused while the view was hidden
                    self._frame_timer.start()
        frame = self._finished
        if frame is None:
            return
        inverse, invertible = frame.transform.inverted()
        if not invertible:
            return
        painter.save()
        try:
            painter.setTransform(inverse * painter.transform())
            painter.drawImage(QtCore.QPointF(0, 0), frame.image)
        finally:
            painter.restore()

    def _frame_target(self) -> tuple[tuple, QtGui.QTransform, QtCore.QSize, float] | None:
        """What a frame of the current view is drawn for: a key, the item → viewport
        transform, the viewport's size and pixel ratio (None before it is shown)."""
        canvas = self.getViewWidget()
        transform = self.deviceTransform_()
        if canvas is None or transform is None:
            return None
        viewport = canvas.viewport()
        size = viewport.size()
        ratio = viewport.devicePixelRatioF()
        numbers = (
            transform.m11(), transform.m12(), transform.m21(), transform.m22(),
            transform.dx(), transform.dy(),
        )  # fmt: skip
        return (self._content, numbers, size.width(), size.height(), ratio), transform, size, ratio

    def _start_frame(self, target: tuple[tuple, QtGui.QTransform, QtCore.QSize, float]) -> None:
        if self._drawing is not None:
            self._drawing.cancel()
        key, transform, size, ratio = target
        self._drawing = Frame(key, transform, size, ratio)
        self._drawing.start(self._frame_steps(self._drawing.painter, transform, size))
        self._frame_timer.start()

    def _draw_now(self, target: tuple[tuple, QtGui.QTransform, QtCore.QSize, float]) -> None:
        if self._drawing is None or self._drawing.key != target[0]:
            self._start_frame(target)
        assert self._drawing is not None
        self._drawing.advance(None)
        self._install_frame()

    def _advance_frame(self) -> None:
        """One slice of the frame being drawn (a timer's turn of the event loop)."""
        if self._drawing is None:
            return
        canvas = self.getViewWidget()
        if canvas is not None and not canvas.isVisible():
            return  # another view is shown: go on when this one is painted again
        if self._drawing.advance(FRAME_SLICE_S):
            self._install_frame()
        else:
            self._frame_timer.start()

    def _install_frame(self) -> None:
        self._frame_timer.stop()
        self._finished, self._drawing = self._drawing, None
        self.update()
        self.frame_ready.emit()

    def finish_frame(self) -> None:
        """Draw the picture of the current view to the end now (before a screenshot or an
        export: what is saved is never a moved or half-drawn picture)."""
        if self.graph is None:
            return
        target = self._frame_target()
        if target is not None and (self._finished is None or self._finished.key != target[0]):
            self._draw_now(target)

    @property
    def frame_pending(self) -> bool:
        """True while a picture of the view is being drawn in slices."""
        return self._drawing is not None

    def _changed(self) -> None:
        """What the picture shows changed: every frame drawn or in progress is stale."""
        self._content += 1
        if self._drawing is not None:
            self._drawing.cancel()
            self._drawing = None
            self._frame_timer.stop()
        self.update()

    def _frame_steps(
        self, painter: QtGui.QPainter, transform: QtGui.QTransform, size: QtCore.QSize
    ) -> Iterator[None]:
        """Draw one frame: guides, edges, the path, nodes; each ``yield`` ends a step of a
        few milliseconds at most."""
        inverse, _ = transform.inverted()
        visible = inverse.mapRect(QtCore.QRectF(0, 0, size.width(), size.height()))
        pixels_per_unit = abs(transform.m11()) or 1.0
        if self._guides:
            self._paint_guides(painter)
        chosen, clipped = yield from self._plan_edges(visible, pixels_per_unit)
        self.drawn_edges = len(chosen)
        if self._ink <= ANTIALIAS_INK:
            painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        styles = self._style[chosen]
        for style, pen in enumerate(self._pens):
            picked = clipped[styles == style]
            for part in ink_slices(picked, pixels_per_unit * self._pen_widths[style]):
                yield
                self._draw_segments(painter, pen, part)
        if len(self._path_edges) and self.graph is not None:
            highlight = QtWidgets.QApplication.palette().color(QtGui.QPalette.ColorRole.Highlight)
            ends = self.positions[self.graph.edges[self._path_edges]].reshape(-1, 4)
            self._draw_segments(painter, pg.mkPen(highlight, width=4), ends)
        yield
        yield from self._paint_nodes(painter, transform, visible)

    def _paint_guides(self, painter: QtGui.QPainter) -> None:
        guide = QtGui.QColor(QtWidgets.QApplication.palette().color(QtGui.QPalette.ColorRole.Mid))
        guide.setAlpha(90)
        painter.setPen(pg.mkPen(guide, width=1, style=QtCore.Qt.PenStyle.DashLine))
        painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        for fraction in _GUIDES:
            r = fraction * RADIUS
            painter.drawEllipse(QtCore.QPointF(0, 0), r, r)

    def visible_edges(
        self, visible: QtCore.QRectF, pixels_per_unit: float
    ) -> tuple[np.ndarray, np.ndarray]:
        """The edges a frame of this area draws (positions in the importance order) and
        their segments cut to the area: those that cross it and are long enough to be
        seen, the most important first, within :data:`EDGE_BUDGET` and
        :data:`INK_BUDGET`."""
        steps = self._plan_edges(visible, pixels_per_unit)
        while True:
            try:
                next(steps)
            except StopIteration as done:
                return done.value  # type: ignore[no-any-return]

    def _plan_edges(
        self, visible: QtCore.QRectF, pixels_per_unit: float
    ) -> Generator[None, None, tuple[np.ndarray, np.ndarray]]:
        """:meth:`visible_edges` a chunk of :data:`_PLAN_CHUNK` edges a step, in their
        order of importance, until a budget is full (at the default zoom: the first)."""
        # Cut to the area: Qt strokes a line over its whole length, on screen or not.
        margin = 4.0 / pixels_per_unit
        area = visible.adjusted(-margin, -margin, margin, margin)
        left, right, top, bottom = visible.left(), visible.right(), visible.top(), visible.bottom()
        chosen: list[np.ndarray] = []
        cut: list[np.ndarray] = []
        count, ink_so_far = 0, 0.0
        for start in range(0, len(self._boxes), _PLAN_CHUNK):
            if start:
                yield
            boxes = self._boxes[start : start + _PLAN_CHUNK]
            shown = np.flatnonzero(
                (boxes[:, 1] >= left)
                & (boxes[:, 0] <= right)
                & (boxes[:, 3] >= top)
                & (boxes[:, 2] <= bottom)
                & (self._lengths[start : start + _PLAN_CHUNK] * pixels_per_unit >= MIN_EDGE_PX)
            )[: EDGE_BUDGET - count]
            shown += start
            clipped = clip_segments(self._segments[shown], area)
            widths = self._pen_widths[self._style[shown]]
            ink = ink_so_far + np.cumsum(
                np.hypot(clipped[:, 2] - clipped[:, 0], clipped[:, 3] - clipped[:, 1])
                * pixels_per_unit
                * widths
            )
            keep = int(np.searchsorted(ink, INK_BUDGET, side="right"))
            chosen.append(shown[:keep])
            cut.append(clipped[:keep])
            count += keep
            if keep:
                ink_so_far = float(ink[keep - 1])
            if keep < len(shown) or count >= EDGE_BUDGET:
                break
        self._ink = ink_so_far
        if not chosen:
            return np.zeros(0, dtype=np.int64), np.zeros((0, 4))
        return np.concatenate(chosen), np.concatenate(cut)

    @staticmethod
    def _draw_segments(painter: QtGui.QPainter, pen: QtGui.QPen, segments: np.ndarray) -> None:
        xs = segments[:, [0, 2]].ravel()
        ys = segments[:, [1, 3]].ravel()
        painter.setPen(pen)
        painter.drawPath(pg.arrayToQPath(xs, ys, connect="pairs"))

    def _paint_nodes(
        self, painter: QtGui.QPainter, transform: QtGui.QTransform, visible: QtCore.QRectF
    ) -> Iterator[None]:
        x, y = self.positions[:, 0], self.positions[:, 1]
        margin = 24.0 / (abs(transform.m11()) or 1.0)  # a node's radius and ring, in units
        on_screen = (
            (x >= visible.left() - margin)
            & (x <= visible.right() + margin)
            & (y >= visible.top() - margin)
            & (y <= visible.bottom() + margin)
        )
        order = self._paint_order[on_screen[self._paint_order]][-NODE_BUDGET:]
        self.drawn_nodes = len(order)
        if not len(order):
            return
        # Into pixels only the nodes drawn (not all 100,000).
        ox, oy = x[order], y[order]
        fragments = np.empty((len(order), 10))
        fragments[:, 0] = transform.m11() * ox + transform.m21() * oy + transform.dx()
        fragments[:, 1] = transform.m12() * ox + transform.m22() * oy + transform.dy()
        fragments[:, 2:6] = self._sources[order]
        fragments[:, 6:10] = (1.0, 1.0, 0.0, 1.0)  # scale x, scale y, rotation, opacity
        painter.resetTransform()
        # Weakest first in slices, so the strong still lie on top.
        for start in range(0, len(order), _NODE_SLICE):
            yield
            part = fragments[start : start + _NODE_SLICE]
            self._fragments.resize(len(part))
            self._fragments.ndarray()[:] = part
            painter.drawPixmapFragments(*self._fragments.drawargs(), self._atlas)

    # -- names ------------------------------------------------------------------------

    def label_priority(self) -> np.ndarray:
        """Who gets a name first: the selected, the path shown, the overdue, the strong."""
        assert self.graph is not None
        priority = self.graph.strength.astype(float)
        priority[self.graph.overdue] += _OVERDUE_FIRST
        priority[self._path_nodes] += _PATH_FIRST
        if self._selected is not None:
            priority[self._selected] += _SELECTED_FIRST
        return priority

    def update_labels(self, view: QtCore.QRectF, pixel: tuple[float, float]) -> None:
        """Place names for the visible nodes where they fit, most important first: a name
        never overlaps another name nor covers a more important person."""
        graph = self.graph
        if graph is None or not len(self.positions):
            return
        self._you.setPos(*self.positions[0])
        px, py = abs(pixel[0]) or 1.0, abs(pixel[1]) or 1.0
        x, y = self.positions[:, 0], self.positions[:, 1]
        visible = (
            (x >= view.left()) & (x <= view.right()) & (y >= view.top()) & (y <= view.bottom())
        )
        visible[0] = False
        priority = self.label_priority()
        candidates = np.flatnonzero(visible)
        if len(candidates) > _CANDIDATES:
            top = np.argpartition(-priority[candidates], _CANDIDATES)[:_CANDIDATES]
            candidates = candidates[top]
        candidates = candidates[np.argsort(-priority[candidates], kind="stable")]
        metrics = QtGui.QFontMetricsF(QtWidgets.QApplication.font())
        height = metrics.height() + 2 * NAME_MARGIN
        # Each candidate's name box (pixels, y down), under its node.
        cx, cy = x[candidates] / px, -y[candidates] / py
        top = cy + self.sizes[candidates] / 2 + 1
        half = np.array([self._name_width(int(i), metrics) for i in candidates]) / 2
        half += NAME_MARGIN
        left, right, bottom = cx - half, cx + half, top + height
        # Nodes are obstacles too: the most important visible ones (a name may cover a dot
        # among thousands). Whether any covers a box, for all boxes at once: a name may
        # not cover a node at least as important as its own.
        visible[0] = True
        obstacles = np.flatnonzero(visible)
        if len(obstacles) > _LABEL_OBSTACLES:
            keep = np.argpartition(-priority[obstacles], _LABEL_OBSTACLES)[:_LABEL_OBSTACLES]
            obstacles = np.union1d(obstacles[keep], [0])
        ox, oy = x[obstacles] / px, -y[obstacles] / py
        orad = self.sizes[obstacles] / 2
        opriority = priority[obstacles]
        opriority[obstacles == 0] = np.inf
        covered = (
            ((ox - orad)[None, :] < right[:, None])
            & ((ox + orad)[None, :] > left[:, None])
            & ((oy - orad)[None, :] < bottom[:, None])
            & ((oy + orad)[None, :] > top[:, None])
            & (obstacles[None, :] != candidates[:, None])
            & (opriority[None, :] >= priority[candidates][:, None])
        ).any(axis=1)
        placed: list[tuple[float, float, float, float]] = []
        chosen: list[tuple[int, float, float]] = []  # node, and its name's top centre
        for k in np.flatnonzero(~covered).tolist():
            if len(chosen) >= MAX_LABELS:
                break
            box = (left[k], top[k], right[k], bottom[k])
            if any(
                box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed
            ):
                continue
            placed.append(box)
            i = int(candidates[k])
            chosen.append((i, x[i], y[i] - (self.sizes[i] / 2 + 1) * py))
        self.visible_labels = {i: graph.names[i] for i, _, _ in chosen}
        self._names.show_names(
            [(graph.names[i], x[i], y[i], self.sizes[i] / 2 + 1) for i, _, _ in chosen]
        )

    def _name_width(self, index: int, metrics: QtGui.QFontMetricsF) -> float:
        """A name's width in pixels (measured once per picture: text shaping is slow)."""
        width = self._name_widths.get(index)
        if width is None:
            assert self.graph is not None
            width = self._name_widths[index] = metrics.horizontalAdvance(self.graph.names[index])
        return width

    def label_rects(self) -> list[QtCore.QRectF]:
        """The rectangles (pixels on screen) of the names drawn: none overlaps another."""
        return self._names.rects()

    # -- mouse -------------------------------------------------------------------------

    def node_at(self, pos: QtCore.QPointF) -> int | None:
        """The index of the node under a point in item coordinates (the nearest if several)."""
        if self.graph is None or not len(self.positions):
            return None
        transform = self.deviceTransform_()
        if transform is None:
            return None
        sx, sy = (
            math.hypot(transform.m11(), transform.m12()),
            math.hypot(transform.m21(), transform.m22()),
        )
        dx = (self.positions[:, 0] - pos.x()) * sx
        dy = (self.positions[:, 1] - pos.y()) * sy
        distance = np.hypot(dx, dy)
        hits = np.flatnonzero(distance <= self.sizes / 2 + 2)
        if not len(hits):
            return None
        return int(hits[np.argmin(distance[hits])])

    def mouseClickEvent(self, ev: object) -> None:  # noqa: N802 (pyqtgraph's name)
        if ev.button() != QtCore.Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            ev.ignore()  # type: ignore[attr-defined]
            return
        index = self.node_at(ev.pos())  # type: ignore[attr-defined]
        if index is None or index == 0 or self.graph is None:
            ev.ignore()  # type: ignore[attr-defined]
            return
        ev.accept()  # type: ignore[attr-defined]
        self.node_clicked.emit(int(self.graph.ids[index]))

    def hoverEvent(self, ev: object) -> None:  # noqa: N802 (pyqtgraph's name)
        view = self.getViewBox()
        if view is None:
            return
        if ev.isExit() or self.graph is None:  # type: ignore[attr-defined]
            view.setToolTip("")
            return
        index = self.node_at(ev.pos())  # type: ignore[attr-defined]
        view.setToolTip("" if index is None else self.tooltip(index))

    def tooltip(self, index: int) -> str:
        """Rich text for a node; the contact's own text is escaped (never interpreted)."""
        assert self.graph is not None
        graph = self.graph
        if index == 0:
            name = graph.names[0]
            if name:
                return f"<b>{html.escape(self.tr('You'))}</b> ({html.escape(name)})"
            return f"<b>{html.escape(self.tr('You'))}</b>"
        lines = [f"<b>{html.escape(graph.names[index])}</b>"]
        if graph.organizations[index]:
            lines.append(html.escape(graph.organizations[index]))
        lines.append(html.escape(self.level_name(graph.levels[index])))
        last = last_contact_text(graph.last_contact[index])
        if not last:
            lines.append(html.escape(self.tr("Never met")))
        else:
            lines.append(html.escape(self.tr("Last contact: %1").replace("%1", last)))
        if graph.overdue[index]:
            lines.append(
                f"<span style='color:{OVERDUE_COLOUR}'>{html.escape(self.tr('Overdue'))}</span>"
            )
        return "<br>".join(lines)

    def level_name(self, level: str) -> str:
        names = {
            "above": self.tr("Above you"),
            "peer": self.tr("Peer"),
            "below": self.tr("Below you"),
            "external": self.tr("External"),
        }
        return names.get(level, level)

    def mouseDragEvent(self, ev: object) -> None:  # noqa: N802 (pyqtgraph's name)
        linking = self.link_mode or bool(
            ev.modifiers() & QtCore.Qt.KeyboardModifier.ShiftModifier  # type: ignore[attr-defined]
        )
        if ev.button() != QtCore.Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            ev.ignore()  # type: ignore[attr-defined]
            return
        if ev.isStart():  # type: ignore[attr-defined]
            source = self.node_at(ev.buttonDownPos()) if linking else None  # type: ignore[attr-defined]
            if source is None or source == 0:
                ev.ignore()  # type: ignore[attr-defined]
                return
            self._drag_source = source
            self._drag_line.setPen(
                pg.mkPen(
                    QtWidgets.QApplication.palette().color(QtGui.QPalette.ColorRole.Highlight),
                    width=2,
                    style=QtCore.Qt.PenStyle.DashLine,
                )
            )
            self._drag_line.show()
        if self._drag_source is None:
            ev.ignore()  # type: ignore[attr-defined]
            return
        ev.accept()  # type: ignore[attr-defined]
        start = self.positions[self._drag_source]
        end = ev.pos()  # type: ignore[attr-defined]
        self._drag_line.setLine(start[0], start[1], end.x(), end.y())
        if ev.isFinish():  # type: ignore[attr-defined]
            source, self._drag_source = self._drag_source, None
            self._drag_line.hide()
            target = self.node_at(end)
            if target is not None and target not in (0, source) and self.graph is not None:
                self.link_requested.emit(int(self.graph.ids[source]), int(self.graph.ids[target]))


def last_contact_text(last: dt.date | None) -> str:
    """A date in the user's locale (short format), empty when there is none."""
    if last is None:
        return ""
    return QtCore.QLocale().toString(
        QtCore.QDate(last.year, last.month, last.day), QtCore.QLocale.FormatType.ShortFormat
    )

"""The ego network on a plain widget canvas, level of detail by zoom.

The canvas is a widget of its own (no ``QGraphicsScene``, no pyqtgraph ``ViewBox``): it
keeps the view (a centre and a scale, the same in x and y, y up), blits the last
finished frame, and does pan, zoom, hover, click, link drags and keys itself. Switching
to the view costs Qt one plain paint of an image, not a scene's deferred index and dirty
items nor a view box's range handling (18–33 ms of the GUI thread each on the first
paint after a switch, in one event that no slicing of ours could split).

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
between events (:mod:`ui.network.frame`); the canvas shows the last finished frame,
moved and scaled with the view, until the next one is done: no frame stalls the window.

Over the frame, each paint draws what is cheap and must follow at once: the highlight
rings of the selected person and the path, "You", the names (:mod:`ui.network.names`,
for visible nodes only: the selected, the path, the overdue and the strongest first,
where they collide neither with each other nor with a more important node) and the line
of a link being dragged.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Callable, Generator, Iterator
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


_WHEEL_STEP = 1.02  # zoom per 1/8 degree of a mouse wheel (a notch: × 0.74), as pyqtgraph
_PAN_KEY = 0.1  # an arrow key pans a tenth of the canvas
_DRAG_PX = 3.0  # a press that moves less than this is a click, not a drag
_HALO_PAD = 12.0  # pixels around a highlighted node's symbol


class NetworkCanvas(QtWidgets.QAbstractScrollArea):
    """Nodes, edges, names, hover tooltips, clicks, pan, zoom and link drags of the
    network, in a view of its own: a centre (layout units, y up) and a scale (pixels per
    unit, the same both ways). The scroll area gives it a viewport and the focus ring of
    the widgets that draw no focus (:mod:`ui.accessibility`); it shows no scroll bars.

    Signals: ``node_clicked(int contact_id)`` on a click on a contact's node;
    ``link_requested(int source_id, int target_id)`` when a drag from one contact ends
    on another (with Shift held or :attr:`link_mode` on); ``frame_ready()`` when a
    picture of the view has been drawn to the end; ``view_changed()`` when the visible
    area moved, zoomed or was resized.
    """

    node_clicked = Signal(int)
    link_requested = Signal(int, int)
    frame_ready = Signal()
    view_changed = Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Network"))
        viewport = self.viewport()
        viewport.setMouseTracking(True)
        # Every paint fills the whole viewport itself: Qt need not clear it first.
        viewport.setAttribute(QtCore.Qt.WidgetAttribute.WA_OpaquePaintEvent)
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
        # The view: what layout point is in the middle of the viewport, and pixels per unit.
        self._centre = (0.0, 0.0)
        self._scale = 1.0
        self._fit_extent: float | None = None
        """While set, the view is "everyone shown": a resize fits it again."""
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
        # The mouse: where the left button went down, whether it moved, a link's source.
        self._press: QtCore.QPointF | None = None
        self._last: QtCore.QPointF | None = None
        self._dragged = False
        self._drag_source: int | None = None
        self._drag_end: QtCore.QPointF | None = None
        self._you_font = QtGui.QFont(self.font())
        self._you_font.setBold(True)
        self._names = NameLayer()
        self._after_paint: list[Callable[[], None]] = []
        self.visible_labels: dict[int, str] = {}
        self._name_widths: dict[int, float] = {}

    def after_next_paint(self, call: Callable[[], None]) -> None:
        """Call ``call`` in a turn of the event loop of its own once the canvas has been
        painted on screen (not in a hidden render)."""
        self._after_paint.append(call)
        self.viewport().update()

    # -- the view ----------------------------------------------------------------------

    def transform(self) -> QtGui.QTransform:
        """Layout units → viewport pixels (y up in the layout, down on screen)."""
        s = self._scale
        cx, cy = self._centre
        viewport = self.viewport()
        return QtGui.QTransform(
            s, 0.0, 0.0, -s, viewport.width() / 2 - cx * s, viewport.height() / 2 + cy * s
        )

    def map_to_viewport(self, x: float, y: float) -> QtCore.QPointF:
        """Where an layout point is on the viewport, in pixels."""
        return self.transform().map(QtCore.QPointF(x, y))

    def map_from_viewport(self, point: QtCore.QPointF | QtCore.QPoint) -> tuple[float, float]:
        """The layout point under a viewport pixel."""
        viewport = self.viewport()
        return (
            self._centre[0] + (point.x() - viewport.width() / 2) / self._scale,
            self._centre[1] - (point.y() - viewport.height() / 2) / self._scale,
        )

    def view_rect(self) -> QtCore.QRectF:
        """The visible area in layout units: left is the least x, top the least y."""
        viewport = self.viewport()
        width, height = viewport.width() / self._scale, viewport.height() / self._scale
        return QtCore.QRectF(
            self._centre[0] - width / 2, self._centre[1] - height / 2, width, height
        )

    def pixel_size(self) -> float:
        """Layout units per pixel."""
        return 1.0 / self._scale

    def fit(self, extent: float) -> None:
        """Show a square of ``extent`` units around the origin each way, whole, in the
        middle; kept so (on resizes too) until the user moves the view."""
        self._fit_extent = extent
        self._fit()

    def _fit(self) -> None:
        assert self._fit_extent is not None
        viewport = self.viewport()
        side = max(min(viewport.width(), viewport.height()), 1)
        self._set_view((0.0, 0.0), side / (2 * self._fit_extent))

    def set_range(self, left: float, right: float, bottom: float, top: float) -> None:
        """Show at least this area (layout units), in the middle."""
        viewport = self.viewport()
        scale = min(
            max(viewport.width(), 1) / max(right - left, 1e-9),
            max(viewport.height(), 1) / max(top - bottom, 1e-9),
        )
        self._fit_extent = None
        self._set_view(((left + right) / 2, (bottom + top) / 2), scale)

    def zoom(self, factor: float, anchor: QtCore.QPointF | None = None) -> None:
        """Show ``factor`` times as much (below 1: closer); the layout point under
        ``anchor`` (a viewport pixel; the middle when None) stays where it is."""
        viewport = self.viewport()
        if anchor is None:
            anchor = QtCore.QPointF(viewport.width() / 2, viewport.height() / 2)
        x, y = self.map_from_viewport(anchor)
        scale = self._scale / factor
        centre = (
            x - (anchor.x() - viewport.width() / 2) / scale,
            y + (anchor.y() - viewport.height() / 2) / scale,
        )
        self._fit_extent = None
        self._set_view(centre, scale)

    def translate_by(self, dx: float, dy: float) -> None:
        """Move the visible area by this much (layout units)."""
        self.centre_on(self._centre[0] + dx, self._centre[1] + dy)

    def centre_on(self, x: float, y: float) -> None:
        """Pan (keeping the zoom) so that this layout point is in the middle."""
        self._fit_extent = None
        self._set_view((x, y), self._scale)

    def _set_view(self, centre: tuple[float, float], scale: float) -> None:
        if not (math.isfinite(scale) and scale > 0):
            return
        if (float(centre[0]), float(centre[1])) == self._centre and scale == self._scale:
            return
        self._centre = (float(centre[0]), float(centre[1]))
        self._scale = float(scale)
        self.viewport().update()
        self.view_changed.emit()

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._fit_extent is not None:
            self._fit()
        self.view_changed.emit()

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
        self._names.show_names([])
        self.visible_labels = {}
        self._name_widths = {}
        self._drag_source = None
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
        self.viewport().update()

    def set_path(self, nodes: np.ndarray, edges: np.ndarray) -> None:
        """Highlight a chain of introducers (node and edge indexes; empty arrays clear)."""
        self._path_nodes = np.asarray(nodes, dtype=np.int64)
        self._path_edges = np.asarray(edges, dtype=np.int64)
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

    # -- drawing ----------------------------------------------------------------------

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:  # noqa: N802
        """The background, the picture of the current view (when the view moved, the last
        picture moved with it while the new one is drawn, see :class:`Frame`), then the
        highlight rings, "You", the names and a link being dragged."""
        if self._after_paint and self.isVisible():
            for call in self._after_paint:
                QtCore.QTimer.singleShot(0, self, call)
            self._after_paint = []
        painter = QtGui.QPainter(self.viewport())
        try:
            painter.fillRect(event.rect(), self.palette().color(QtGui.QPalette.ColorRole.Base))
            if self.graph is None:
                return
            transform = self.transform()
            self._paint_frame(painter, transform)
            painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
            self._paint_halo(painter, transform)
            self._paint_you(painter, transform)
            self._names.paint(painter, transform)
            if self._drag_source is not None and self._drag_end is not None:
                highlight = self.palette().color(QtGui.QPalette.ColorRole.Highlight)
                painter.setPen(pg.mkPen(highlight, width=2, style=QtCore.Qt.PenStyle.DashLine))
                start = transform.map(QtCore.QPointF(*self.positions[self._drag_source]))
                painter.drawLine(start, self._drag_end)
        finally:
            painter.end()

    def _paint_frame(self, painter: QtGui.QPainter, transform: QtGui.QTransform) -> None:
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
            painter.setTransform(inverse * transform)
            painter.drawImage(QtCore.QPointF(0, 0), frame.image)
        finally:
            painter.restore()

    def _paint_halo(self, painter: QtGui.QPainter, transform: QtGui.QTransform) -> None:
        """Rings around the path's nodes and (bolder) the selected person's."""
        highlight = self.palette().color(QtGui.QPalette.ColorRole.Highlight)
        rings = [(int(i), 3.0) for i in self._path_nodes]
        if self._selected is not None:
            rings.append((self._selected, 5.0))
        painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        for index, width in rings:
            if not 0 <= index < len(self.positions):
                continue
            painter.setPen(pg.mkPen(highlight, width=width))
            radius = (self.sizes[index] + _HALO_PAD) / 2
            centre = transform.map(QtCore.QPointF(*self.positions[index]))
            painter.drawEllipse(centre, radius, radius)

    def _paint_you(self, painter: QtGui.QPainter, transform: QtGui.QTransform) -> None:
        """ "You" on the user's node, in the background colour."""
        if not len(self.positions):
            return
        centre = transform.map(QtCore.QPointF(*self.positions[0]))
        painter.setFont(self._you_font)
        painter.setPen(self.palette().color(QtGui.QPalette.ColorRole.Base))
        box = QtCore.QRectF(centre.x() - 60, centre.y() - 20, 120, 40)
        painter.drawText(box, QtCore.Qt.AlignmentFlag.AlignCenter, self.tr("You"))

    def _frame_target(self) -> tuple[tuple, QtGui.QTransform, QtCore.QSize, float] | None:
        """What a frame of the current view is drawn for: a key, the layout → viewport
        transform, the viewport's size and pixel ratio (None while it has no area)."""
        viewport = self.viewport()
        size = viewport.size()
        if size.isEmpty():
            return None
        transform = self.transform()
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
        if not self.isVisible():
            return  # another view is shown: go on when this one is painted again
        if self._drawing.advance(FRAME_SLICE_S):
            self._install_frame()
        else:
            self._frame_timer.start()

    def _install_frame(self) -> None:
        self._frame_timer.stop()
        self._finished, self._drawing = self._drawing, None
        self.viewport().update()
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
        self.viewport().update()

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

    def update_labels(self) -> None:
        """Place names for the visible nodes where they fit, most important first: a name
        never overlaps another name nor covers a more important person."""
        graph = self.graph
        if graph is None or not len(self.positions):
            return
        view = self.view_rect()
        px = py = self.pixel_size()
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
            [
                (graph.names[i], x[i], y[i], self.sizes[i] / 2 + 1, self._name_widths[i])
                for i, _, _ in chosen
            ]
        )
        self.viewport().update()

    def _name_width(self, index: int, metrics: QtGui.QFontMetricsF) -> float:
        """A name's width in pixels (measured once per picture: text shaping is slow)."""
        width = self._name_widths.get(index)
        if width is None:
            assert self.graph is not None
            width = self._name_widths[index] = metrics.horizontalAdvance(self.graph.names[index])
        return width

    def label_rects(self) -> list[QtCore.QRectF]:
        """The rectangles (pixels on screen) of the names drawn: none overlaps another."""
        return self._names.rects(self.transform())

    # -- mouse -------------------------------------------------------------------------

    # -- mouse and keys ------------------------------------------------------------------

    def node_at(self, pos: QtCore.QPointF | QtCore.QPoint) -> int | None:
        """The index of the node under a viewport pixel (the nearest if several)."""
        if self.graph is None or not len(self.positions):
            return None
        x, y = self.map_from_viewport(pos)
        dx = (self.positions[:, 0] - x) * self._scale
        dy = (self.positions[:, 1] - y) * self._scale
        distance = np.hypot(dx, dy)
        hits = np.flatnonzero(distance <= self.sizes / 2 + 2)
        if not len(hits):
            return None
        return int(hits[np.argmin(distance[hits])])

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802
        if event.button() != QtCore.Qt.MouseButton.LeftButton:
            event.ignore()
            return
        event.accept()
        pos = event.position()
        self._press, self._last, self._dragged = pos, pos, False
        linking = self.link_mode or bool(
            event.modifiers() & QtCore.Qt.KeyboardModifier.ShiftModifier
        )
        source = self.node_at(pos) if linking else None
        self._drag_source = source if source not in (None, 0) else None
        self._drag_end = None

    def mouseMoveEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802
        pos = event.position()
        if self._press is None or not event.buttons() & QtCore.Qt.MouseButton.LeftButton:
            self._hover(pos)
            return
        event.accept()
        if not self._dragged:
            moved = pos - self._press
            if math.hypot(moved.x(), moved.y()) < _DRAG_PX:
                return
            self._dragged = True
        if self._drag_source is not None:
            self._drag_end = pos
            self.viewport().update()
        elif not self.link_mode and self._last is not None:
            # The picture follows the mouse: the view moves the other way.
            moved = pos - self._last
            self.translate_by(-moved.x() / self._scale, moved.y() / self._scale)
        self._last = pos

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802
        if event.button() != QtCore.Qt.MouseButton.LeftButton or self._press is None:
            event.ignore()
            return
        event.accept()
        pos, dragged, source = event.position(), self._dragged, self._drag_source
        self._press = self._last = self._drag_end = None
        self._drag_source = None
        graph = self.graph
        if graph is None:
            return
        if source is not None:
            self.viewport().update()
            target = self.node_at(pos) if dragged else None
            if target is not None and target not in (0, source):
                self.link_requested.emit(int(graph.ids[source]), int(graph.ids[target]))
            return
        if not dragged:
            index = self.node_at(pos)
            if index is not None and index != 0:
                self.node_clicked.emit(int(graph.ids[index]))

    def wheelEvent(self, event: QtGui.QWheelEvent) -> None:  # noqa: N802
        steps = event.angleDelta().y() / 8
        if not steps:
            event.ignore()
            return
        event.accept()
        self.zoom(_WHEEL_STEP ** (-steps), event.position())

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:  # noqa: N802
        """Arrow keys pan as on a map: the right arrow shows more of what is on the right."""
        moves = {
            QtCore.Qt.Key.Key_Left: (-1, 0),
            QtCore.Qt.Key.Key_Right: (1, 0),
            QtCore.Qt.Key.Key_Up: (0, 1),
            QtCore.Qt.Key.Key_Down: (0, -1),
        }
        move = moves.get(QtCore.Qt.Key(event.key()))
        if move is None or event.modifiers() & ~QtCore.Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        event.accept()
        area = self.view_rect()
        self.translate_by(move[0] * _PAN_KEY * area.width(), move[1] * _PAN_KEY * area.height())

    def _hover(self, pos: QtCore.QPointF) -> None:
        index = None if self.graph is None else self.node_at(pos)
        self.setToolTip("" if index is None else self.tooltip(index))

    def leaveEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802
        super().leaveEvent(event)
        self.setToolTip("")

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


def last_contact_text(last: dt.date | None) -> str:
    """A date in the user's locale (short format), empty when there is none."""
    if last is None:
        return ""
    return QtCore.QLocale().toString(
        QtCore.QDate(last.year, last.month, last.day), QtCore.QLocale.FormatType.ShortFormat
    )

"""The ego network drawn as one pyqtgraph ``GraphItem`` (after pyqtgraph's CustomGraphItem).

Edges are grouped by style (user edges in a few widths by strength, relationships,
met-together, the highlighted path) and each group is drawn as one painter path, which
keeps a 20,000-node frame to a few dozen draw calls. Names are ``TextItem``\\ s reused from
a small pool and only placed for visible nodes, strongest first, where they do not overlap.
"""

from __future__ import annotations

import datetime as dt
import html

import numpy as np
import pyqtgraph as pg

from app.network import EDGE_KINDS, EDGE_MET, EDGE_USER, RADIUS, Graph
from ui.qt import QtCore, QtGui, QtWidgets, Signal

LEVEL_COLOURS = {
    "above": "#0072B2",
    "peer": "#009E73",
    "below": "#E69F00",
    "external": "#CC79A7",
}
"""Colour by level (Okabe–Ito, readable for colour-blind people on light and dark)."""

OVERDUE_COLOUR = "#E0301E"
MAX_LABELS = 60
_CANDIDATES = 300
_WIDTH_STEPS = (0.6, 1.2, 2.0, 3.2)  # user-edge widths by strength quartile of 0..100
_GUIDES = (0.35, 0.62, 0.92)  # rings layout: faint circles as a reading aid


def node_sizes(graph: Graph) -> np.ndarray:
    """Node diameters in pixels: bigger for stronger relationships, smaller in huge graphs."""
    n = graph.node_count
    shrink = 1.0 if n <= 500 else max(0.45, (500 / n) ** 0.3)
    sizes = (8.0 + 14.0 * (graph.strength / 100.0) ** 0.7) * shrink
    sizes[0] = 38.0
    # Whole pixels: pyqtgraph renders one symbol per distinct size, not one per node.
    return np.round(sizes)


class NetworkGraphItem(pg.GraphItem):
    """Nodes, edges, names, hover tooltips, clicks and link drags of the network.

    Signals: ``node_clicked(int contact_id)`` on a click on a contact's node;
    ``link_requested(int source_id, int target_id)`` when a drag from one contact ends
    on another (with Shift held or :attr:`link_mode` on).
    """

    node_clicked = Signal(int)
    link_requested = Signal(int, int)

    def __init__(self) -> None:
        super().__init__()
        self.graph: Graph | None = None
        self.positions = np.zeros((0, 2))
        self.sizes = np.zeros(0)
        self.link_mode = False
        self._guides = False
        self._selected: int | None = None
        self._path_nodes = np.zeros(0, dtype=np.int64)
        self._path_edges = np.zeros(0, dtype=np.int64)
        self._edge_groups: list[tuple[QtGui.QPen, np.ndarray]] = []
        self._drag_source: int | None = None
        self._drag_line = QtWidgets.QGraphicsLineItem(self)
        self._drag_line.hide()
        self._halo = pg.ScatterPlotItem(pxMode=True)
        self._halo.setParentItem(self)
        self._halo.setZValue(2)
        self._you = pg.TextItem(anchor=(0.5, 0.5))
        self._you.setParentItem(self)
        self._you.setZValue(4)
        self._labels: list[pg.TextItem] = []
        self.visible_labels: dict[int, str] = {}
        self.scatter.setZValue(1)
        self.scatter.sigClicked.connect(self._on_clicked)
        self.scatter.sigHovered.connect(self._on_hovered)

    # -- data ------------------------------------------------------------------------

    def set_network(self, graph: Graph, positions: np.ndarray, guides: bool = False) -> None:
        """Show a graph at these positions (guides: the faint rings of the rings layout)."""
        self.graph = graph
        self.positions = np.asarray(positions, dtype=float)
        self.sizes = node_sizes(graph)
        self._guides = guides
        self._selected = None
        self._path_nodes = np.zeros(0, dtype=np.int64)
        self._path_edges = np.zeros(0, dtype=np.int64)
        palette = QtWidgets.QApplication.palette()
        by_level = {level: pg.mkBrush(colour) for level, colour in LEVEL_COLOURS.items()}
        other = pg.mkBrush("#888888")
        brushes = [by_level.get(level, other) for level in graph.levels]
        brushes[0] = pg.mkBrush(palette.color(QtGui.QPalette.ColorRole.Text))
        outline = pg.mkPen(palette.color(QtGui.QPalette.ColorRole.Base), width=1)
        overdue = pg.mkPen(OVERDUE_COLOUR, width=3)
        pens = [overdue if late else outline for late in graph.overdue]
        self._edge_groups = self._group_edges(graph, palette)
        self._you.setText(self.tr("You"), color=palette.color(QtGui.QPalette.ColorRole.Base))
        font = QtGui.QFont(self._you.textItem.font())
        font.setBold(True)
        self._you.setFont(font)
        self._you.setPos(*self.positions[0])
        super().setData(
            pos=self.positions,
            adj=graph.edges if graph.edge_count else None,
            size=self.sizes,
            symbolBrush=brushes,
            symbolPen=pens,
            pxMode=True,
            hoverable=True,
            tip=None,
            data=np.arange(graph.node_count),
        )
        self._update_halo()
        for label in self._labels:
            label.hide()
        self.visible_labels = {}

    def _group_edges(
        self, graph: Graph, palette: QtGui.QPalette
    ) -> list[tuple[QtGui.QPen, np.ndarray]]:
        text = palette.color(QtGui.QPalette.ColorRole.Text)
        groups: list[tuple[QtGui.QPen, np.ndarray]] = []
        user = graph.edge_kind == EDGE_KINDS.index(EDGE_USER)
        strength = graph.edge_weight
        never = QtGui.QColor(text)
        never.setAlpha(22)
        pen = pg.mkPen(never, width=0.6, style=QtCore.Qt.PenStyle.DotLine)
        groups.append((pen, np.flatnonzero(user & (strength <= 0))))
        bounds = (0.0, 25.0, 50.0, 75.0, 100.1)
        for step, width in enumerate(_WIDTH_STEPS):
            colour = QtGui.QColor(text)
            colour.setAlpha(26 + 18 * step)
            mask = user & (strength > bounds[step]) & (strength <= bounds[step + 1])
            groups.append((pg.mkPen(colour, width=width), np.flatnonzero(mask)))
        link = QtGui.QColor(palette.color(QtGui.QPalette.ColorRole.Link))
        link.setAlpha(95)
        met = graph.edge_kind == EDGE_KINDS.index(EDGE_MET)
        groups.append((pg.mkPen(link, width=1.0), np.flatnonzero(~user & ~met)))
        faint = QtGui.QColor(link)
        faint.setAlpha(60)
        groups.append(
            (pg.mkPen(faint, width=1, style=QtCore.Qt.PenStyle.DashLine), np.flatnonzero(met))
        )
        return [(pen, idx) for pen, idx in groups if len(idx)]

    def edge_count(self) -> int:
        """How many edges are drawn (tests count them before and after a change)."""
        return 0 if self.adjacency is None else len(self.adjacency)

    # -- highlight and selection ---------------------------------------------------------

    def set_selected(self, index: int | None) -> None:
        self._selected = index
        self._update_halo()

    def set_path(self, nodes: np.ndarray, edges: np.ndarray) -> None:
        """Highlight a chain of introducers (node and edge indexes; empty arrays clear)."""
        self._path_nodes = np.asarray(nodes, dtype=np.int64)
        self._path_edges = np.asarray(edges, dtype=np.int64)
        self._update_halo()
        self.picture = None
        self.update()

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

    def generatePicture(self) -> None:
        self.picture = QtGui.QPicture()
        if self.graph is None:
            return
        painter = QtGui.QPainter(self.picture)
        try:
            if self._guides:
                guide = QtGui.QColor(
                    QtWidgets.QApplication.palette().color(QtGui.QPalette.ColorRole.Mid)
                )
                guide.setAlpha(90)
                painter.setPen(pg.mkPen(guide, width=1, style=QtCore.Qt.PenStyle.DashLine))
                painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
                for fraction in _GUIDES:
                    r = fraction * RADIUS
                    painter.drawEllipse(QtCore.QPointF(0, 0), r, r)
            groups = list(self._edge_groups)
            if len(self._path_edges):
                highlight = QtWidgets.QApplication.palette().color(
                    QtGui.QPalette.ColorRole.Highlight
                )
                groups.append((pg.mkPen(highlight, width=4), self._path_edges))
            for pen, idx in groups:
                pts = self.positions[self.graph.edges[idx]].reshape(-1, 2)
                painter.setPen(pen)
                painter.drawPath(pg.arrayToQPath(pts[:, 0], pts[:, 1], connect="pairs"))
        finally:
            painter.end()

    def paint(self, painter: QtGui.QPainter, *args: object) -> None:
        if self.picture is None:
            self.generatePicture()
        if self.graph is not None and self.graph.node_count <= 3000:
            painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        self.picture.play(painter)

    def update_labels(self, view: QtCore.QRectF, pixel: tuple[float, float]) -> None:
        """Place names for the visible nodes that fit, strongest (and highlighted) first."""
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
        priority = graph.strength.copy()
        priority[self._path_nodes] += 1000.0
        if self._selected is not None:
            priority[self._selected] += 2000.0
        candidates = np.flatnonzero(visible)
        if len(candidates) > _CANDIDATES:
            top = np.argpartition(-priority[candidates], _CANDIDATES)[:_CANDIDATES]
            candidates = candidates[top]
        candidates = candidates[np.argsort(-priority[candidates], kind="stable")]
        metrics = QtGui.QFontMetricsF(QtWidgets.QApplication.font())
        height = metrics.height() + 2
        # Nodes are obstacles too (pixels, y down): a name never covers a more important person.
        visible[0] = True
        obstacles = np.flatnonzero(visible)
        ox, oy = x[obstacles] / px, -y[obstacles] / py
        orad = self.sizes[obstacles] / 2
        opriority = priority[obstacles]
        opriority[0] = np.inf
        placed: list[tuple[float, float, float, float]] = []
        chosen: list[tuple[int, float, float]] = []
        for i in candidates:
            if len(chosen) >= MAX_LABELS:
                break
            name = graph.names[i]
            cx, cy = x[i] / px, -y[i] / py
            top = cy + self.sizes[i] / 2 + 1
            half = (metrics.horizontalAdvance(name) + 6) / 2
            box = (cx - half, top, cx + half, top + height)
            if any(
                box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed
            ):
                continue
            covered = (
                (ox - orad < box[2])
                & (ox + orad > box[0])
                & (oy - orad < box[3])
                & (oy + orad > box[1])
                & (obstacles != i)
                & (opriority >= priority[i])
            )
            if covered.any():
                continue
            placed.append(box)
            chosen.append((int(i), x[i], y[i] - (self.sizes[i] / 2 + 1) * py))
        self._show_labels(chosen)

    def _show_labels(self, chosen: list[tuple[int, float, float]]) -> None:
        assert self.graph is not None
        palette = QtWidgets.QApplication.palette()
        text = palette.color(QtGui.QPalette.ColorRole.Text)
        fill = QtGui.QColor(palette.color(QtGui.QPalette.ColorRole.Base))
        fill.setAlpha(170)
        while len(self._labels) < len(chosen):
            label = pg.TextItem(anchor=(0.5, 0.0), fill=pg.mkBrush(fill))
            label.setParentItem(self)
            label.setZValue(3)
            self._labels.append(label)
        self.visible_labels = {}
        for label, (i, lx, ly) in zip(self._labels, chosen, strict=False):
            name = self.graph.names[i]
            label.setText(name, color=text)
            label.setPos(lx, ly)
            label.show()
            self.visible_labels[i] = name
        for label in self._labels[len(chosen) :]:
            label.hide()

    # -- mouse -------------------------------------------------------------------------

    def node_at(self, pos: QtCore.QPointF) -> int | None:
        """The index of the node under a point in item coordinates (the nearest if several)."""
        points = self.scatter.pointsAt(pos)
        if len(points) == 0:
            return None
        indexes = [int(p.data()) for p in points]
        d = np.hypot(self.positions[indexes, 0] - pos.x(), self.positions[indexes, 1] - pos.y())
        return indexes[int(np.argmin(d))]

    def _on_clicked(self, _scatter: object, points: object, event: object) -> None:
        index = self.node_at(event.pos())  # type: ignore[attr-defined]
        if index is not None and index != 0 and self.graph is not None:
            self.node_clicked.emit(int(self.graph.ids[index]))

    def _on_hovered(self, _scatter: object, points: list, event: object) -> None:
        view = self.getViewBox()
        if view is None:
            return
        if len(points) == 0 or self.graph is None:
            view.setToolTip("")
            return
        view.setToolTip(self.tooltip(int(points[0].data())))

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

"""The network view: the user's ego network with filters, layouts, paths and links.

The graph and its layout are computed off the GUI thread (``ops().run(write=False)``);
while that runs the old picture stays usable and a busy bar shows. Each request has a
number and only the newest one is drawn, so fast filter changes never show a stale graph.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np

from app import network
from app.changes import Changes
from app.contacts import all_tags
from app.models import Circle, Level
from app.network import RADIUS, NetworkFilter, NetworkPicture
from app.relationships import RelationshipAdded, add_relationship_undoably
from ui.errors import show_exception
from ui.network.canvas import (
    LEVEL_COLOURS,
    OVERDUE_COLOUR,
    Drawing,
    NetworkCanvas,
    met_together_pen,
    prepare_drawing,
    relationship_pen,
)
from ui.network.chooser import ContactChooser
from ui.network.commands import AddRelationshipCommand, undo_stack_for
from ui.network.relationship_dialog import RelationshipDialog
from ui.ops import ops
from ui.qt import QtCore, QtGui, QtWidgets, Signal
from ui.resources import icon
from ui.selection import ContactSelection
from ui.settings import ui_settings

_FIT = 1.12  # visible radius around the user, relative to the layout's radius
_ZOOM_STEP = 1.5
_FIRST_LOAD_LATEST_MS = 300  # the first read starts this long after showing at the latest


def _computed(
    today: dt.date, flt: NetworkFilter, kind: str, isolated: bool
) -> tuple[NetworkPicture, Drawing]:
    """Read, lay out and prepare the drawing (on a worker: nothing of it on the GUI thread;
    ``isolated``: the force layout in its own process, as igraph keeps the GIL)."""
    picture = network.compute_network(today, flt, kind, isolated)
    return picture, prepare_drawing(picture.graph, picture.positions)


def _laid_out(
    graph: network.Graph, kind: str, flt: NetworkFilter, isolated: bool
) -> tuple[NetworkPicture, Drawing]:
    """Another layout of the same graph, prepared for drawing (on a worker)."""
    picture = NetworkPicture(graph, network.layout(graph, kind, isolated), kind, flt)
    return picture, prepare_drawing(graph, picture.positions)


class _Alive:
    """Cleared when the view is destroyed, so late worker results are dropped."""

    def __init__(self) -> None:
        self.alive = True

    def kill(self, *_args: object) -> None:
        self.alive = False


class Legend(QtWidgets.QFrame):
    """What the colours, rings and lines mean: a strip under the canvas (never over the
    graph), folded away with the view's "Legend" button, exported with the picture."""

    COLUMNS = 4

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("networkLegend")
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        palette = self.palette()
        text = palette.color(QtGui.QPalette.ColorRole.Text)
        entries = [
            (self._dot(text), self.tr("You")),
            (self._dot(QtGui.QColor(LEVEL_COLOURS["above"])), self.tr("Above you")),
            (self._dot(QtGui.QColor(LEVEL_COLOURS["peer"])), self.tr("Peer")),
            (self._dot(QtGui.QColor(LEVEL_COLOURS["below"])), self.tr("Below you")),
            (self._dot(QtGui.QColor(LEVEL_COLOURS["external"])), self.tr("External")),
            (self._ring(QtGui.QColor(OVERDUE_COLOUR)), self.tr("Overdue")),
            (self._line(relationship_pen(palette)), self.tr("Relationship")),
            (self._line(met_together_pen(palette)), self.tr("Met together")),
        ]
        layout = QtWidgets.QGridLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setHorizontalSpacing(6)
        layout.setVerticalSpacing(2)
        for column in range(self.COLUMNS):
            layout.setColumnStretch(2 * column + 1, 1)
        for number, (pixmap, words) in enumerate(entries):
            row, column = number // self.COLUMNS, 2 * (number % self.COLUMNS)
            swatch = QtWidgets.QLabel()
            swatch.setPixmap(pixmap)
            layout.addWidget(swatch, row, column)
            layout.addWidget(QtWidgets.QLabel(words), row, column + 1)
        rows = -(-len(entries) // self.COLUMNS)
        note = QtWidgets.QLabel(self.tr("Bigger and closer: stronger relationship"))
        note.setEnabled(False)
        layout.addWidget(note, rows, 0, 1, 2 * self.COLUMNS)

    @staticmethod
    def _canvas() -> tuple[QtGui.QPixmap, QtGui.QPainter]:
        pixmap = QtGui.QPixmap(16, 16)
        pixmap.fill(QtCore.Qt.GlobalColor.transparent)
        painter = QtGui.QPainter(pixmap)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        return pixmap, painter

    def _dot(self, colour: QtGui.QColor) -> QtGui.QPixmap:
        pixmap, painter = self._canvas()
        painter.setPen(QtCore.Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(QtCore.QRectF(2, 2, 12, 12))
        painter.end()
        return pixmap

    def _ring(self, colour: QtGui.QColor) -> QtGui.QPixmap:
        pixmap, painter = self._canvas()
        painter.setPen(QtGui.QPen(colour, 2.5))
        painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QtCore.QRectF(2.5, 2.5, 11, 11))
        painter.end()
        return pixmap

    def _line(self, pen: QtGui.QPen) -> QtGui.QPixmap:
        pixmap, painter = self._canvas()
        pen = QtGui.QPen(pen)
        pen.setWidthF(pen.widthF() + 0.6)  # a legend's swatch is tiny: a little bolder
        painter.setPen(pen)
        painter.drawLine(QtCore.QPointF(1, 8), QtCore.QPointF(15, 8))
        painter.end()
        return pixmap


class NetworkView(QtWidgets.QWidget):
    """The ego network: click selects, the selection centres, "Path to…", drag to link;
    drag, arrow keys, the wheel and the zoom buttons move the canvas
    (:class:`~ui.network.canvas.NetworkCanvas`). The window may build it ahead of its
    first switch (:meth:`prepare`); the graph is read when it is first shown.

    Signals: ``picture_ready()`` each time a newly computed graph or layout is on screen
    (its first frame drawn to the end).
    """

    picture_ready = Signal()

    def __init__(
        self,
        selection: ContactSelection,
        parent: QtWidgets.QWidget | None = None,
        undo_stack: QtGui.QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self.selection = selection
        self.picture: NetworkPicture | None = None
        self.link_dialog: RelationshipDialog | None = None
        self.path: list[int] | None = None
        self._generation = 0
        self._path_request = 0
        self._path_target: int | None = None
        self._own_click = False
        self._dirty = False
        self._layout_process_started = False
        self._awaiting_frame = False
        self._own_stack = undo_stack or QtGui.QUndoStack(self)
        self._explicit_stack = undo_stack is not None
        self._alive = _Alive()
        self.destroyed.connect(self._alive.kill)

        self._build_controls()
        self._build_canvas()
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self._controls)
        layout.addWidget(self.message)
        layout.addWidget(self.picture_box, 1)

        self._label_timer = QtCore.QTimer(self)
        self._label_timer.setSingleShot(True)
        self._label_timer.setInterval(30)
        self._label_timer.timeout.connect(self.update_labels)
        self.canvas.view_changed.connect(self._label_timer.start)
        self.canvas.node_clicked.connect(self._on_node_clicked)
        self.canvas.link_requested.connect(self.ask_relationship)
        selection.current_changed.connect(self._on_current_changed)
        ops().changed.connect(self._on_changed)
        if ops().inline:
            self._load_tags()
            self.refresh()
        else:
            # The graph is first read when the view is first shown (the window may build
            # it ahead, while idle: :meth:`prepare`); busy until then.
            self._set_busy(True)

    # -- construction -------------------------------------------------------------------

    def _build_controls(self) -> None:
        self.layout_combo = QtWidgets.QComboBox()
        self.layout_combo.addItem(self.tr("Rings"), "rings")
        self.layout_combo.addItem(self.tr("Force-directed"), "force")
        self.layout_combo.setToolTip(self.tr("How the people are arranged"))
        self.layout_combo.currentIndexChanged.connect(lambda _: self._request(rebuild=False))

        self.tag_combo = QtWidgets.QComboBox()
        self.tag_combo.addItem(self.tr("All tags"), None)
        self.level_combo = QtWidgets.QComboBox()
        self.level_combo.addItem(self.tr("All levels"), None)
        for level, words in (
            (Level.ABOVE, self.tr("Above you")),
            (Level.PEER, self.tr("Peers")),
            (Level.BELOW, self.tr("Below you")),
            (Level.EXTERNAL, self.tr("External")),
        ):
            self.level_combo.addItem(words, level.value)
        self.circle_combo = QtWidgets.QComboBox()
        self.circle_combo.addItem(self.tr("All circles"), None)
        for circle, words in (
            (Circle.WORK, self.tr("Work")),
            (Circle.UNIVERSITY, self.tr("University")),
            (Circle.ASSOCIATION, self.tr("Association")),
            (Circle.EVENT, self.tr("Event")),
            (Circle.TRAINING, self.tr("Training")),
            (Circle.PRIVATE, self.tr("Private")),
            (Circle.OTHER, self.tr("Other")),
        ):
            self.circle_combo.addItem(words, circle.value)
        for combo in (self.tag_combo, self.level_combo, self.circle_combo):
            combo.currentIndexChanged.connect(lambda _: self._request(rebuild=True))

        self.path_chooser = ContactChooser()
        self.path_chooser.setPlaceholderText(self.tr("Path to…"))
        self.path_chooser.setToolTip(self.tr("Who can introduce you to this person?"))
        self.path_chooser.addAction(
            self._icon("path"), QtWidgets.QLineEdit.ActionPosition.LeadingPosition
        )
        self.path_chooser.chosen.connect(self.show_path)
        self.path_chooser.textEdited.connect(lambda text: None if text else self.clear_path())

        self.link_button = QtWidgets.QToolButton()
        self.link_button.setText(self.tr("Link"))
        self.link_button.setIcon(self._icon("network"))
        self.link_button.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.link_button.setCheckable(True)
        self.link_button.setToolTip(
            self.tr(
                "Drag from one person to another to record how they are related "
                "(or hold Shift while dragging)"
            )
        )
        self.link_button.toggled.connect(self._on_link_toggled)

        self.zoom_in_button = self._tool_button(
            "zoom-in", self.tr("Zoom in"), QtGui.QKeySequence.StandardKey.ZoomIn, self.zoom_in
        )
        self.zoom_out_button = self._tool_button(
            "zoom-out", self.tr("Zoom out"), QtGui.QKeySequence.StandardKey.ZoomOut, self.zoom_out
        )
        self.fit_button = self._tool_button(
            "zoom-fit", self.tr("Show everyone"), QtGui.QKeySequence("Ctrl+0"), self.fit
        )
        self.legend_button = QtWidgets.QToolButton()
        self.legend_button.setText(self.tr("Legend"))
        self.legend_button.setCheckable(True)
        self.legend_button.setToolTip(self.tr("Show or hide what the colours and lines mean"))
        self.legend_button.setAccessibleName(self.tr("Legend"))

        self.export_button = QtWidgets.QToolButton()
        self.export_button.setText(self.tr("Export PNG…"))
        self.export_button.setIcon(self._icon("export"))
        self.export_button.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.export_button.clicked.connect(lambda: self.export_png())

        self.busy_bar = QtWidgets.QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(90)
        self.busy_bar.setTextVisible(False)
        self.busy_label = QtWidgets.QLabel(self.tr("Laying out…"))
        for busy in (self.busy_bar, self.busy_label):
            # Their room is kept while hidden: showing them repaints them only, it does
            # not lay out the view (and, through its size hints, the window) again.
            policy = busy.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            busy.setSizePolicy(policy)
            busy.hide()

        # Two rows, so "Path to…" keeps a usable width beside the contact list.
        filters = QtWidgets.QHBoxLayout()
        for widget in (self.layout_combo, self.tag_combo, self.level_combo, self.circle_combo):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.busy_bar)
        filters.addWidget(self.busy_label)
        tools = QtWidgets.QHBoxLayout()
        tools.addWidget(self.path_chooser, 1)
        tools.addWidget(self.link_button)
        for button in (self.zoom_in_button, self.zoom_out_button, self.fit_button):
            tools.addWidget(button)
        tools.addWidget(self.legend_button)
        tools.addWidget(self.export_button)
        self._controls = QtWidgets.QVBoxLayout()
        self._controls.setContentsMargins(6, 6, 6, 0)
        self._controls.addLayout(filters)
        self._controls.addLayout(tools)

        self.message = QtWidgets.QLabel()
        self.message.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setContentsMargins(8, 0, 8, 0)
        self.message.hide()

    def _build_canvas(self) -> None:
        self.canvas = NetworkCanvas()
        # In the app a frame is drawn in slices between events; widget tests (inline ops)
        # and screenshots draw it at once.
        self.canvas.progressive = not ops().inline
        self.canvas.frame_ready.connect(self._on_frame_ready)
        self.legend = Legend()
        # The picture: the canvas with the legend under it (what "Export PNG" saves).
        self.picture_box = QtWidgets.QWidget()
        box = QtWidgets.QVBoxLayout(self.picture_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.canvas, 1)
        box.addWidget(self.legend)
        shown = bool(ui_settings().get("network/legend"))
        self.legend.setVisible(shown)
        self.legend_button.setChecked(shown)
        self.legend_button.toggled.connect(self.show_legend)

    def _tool_button(
        self,
        icon_name: str,
        text: str,
        keys: QtGui.QKeySequence | QtGui.QKeySequence.StandardKey,
        slot: Callable[[], None],
    ) -> QtWidgets.QToolButton:
        """An icon button with its shortcut (active while the view has the focus)."""
        action = QtGui.QAction(self._icon(icon_name), text, self)
        action.setShortcut(QtGui.QKeySequence(keys))
        action.setShortcutContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(
            f"{text} ({action.shortcut().toString(QtGui.QKeySequence.SequenceFormat.NativeText)})"
        )
        action.triggered.connect(lambda: slot())
        action.setProperty("on_view", True)  # the main window's toolbar leaves it out
        self.addAction(action)
        button = QtWidgets.QToolButton()
        button.setDefaultAction(action)
        button.setAccessibleName(text)
        return button

    def show_legend(self, shown: bool) -> None:
        """Unfold or fold the legend under the canvas (remembered)."""
        self.legend.setVisible(shown)
        self.legend_button.setChecked(shown)
        ui_settings().set("network/legend", shown)

    @staticmethod
    def _icon(name: str) -> QtGui.QIcon:
        try:
            return icon(name)
        except FileNotFoundError:
            return QtGui.QIcon()

    # -- computing ------------------------------------------------------------------------

    def network_filter(self) -> NetworkFilter:
        return NetworkFilter(
            tag=self.tag_combo.currentData(),
            level=self.level_combo.currentData(),
            circle=self.circle_combo.currentData(),
        )

    def layout_kind(self) -> str:
        return str(self.layout_combo.currentData())

    def _first_load(self) -> None:
        if self._alive.alive and self._generation == 0:  # nothing asked for meanwhile
            self._load_tags()
            self.refresh()

    def refresh(self) -> None:
        """Rebuild the graph from the database and lay it out again (off the GUI thread)."""
        self._request(rebuild=True)

    def _request(self, rebuild: bool) -> None:
        self._generation += 1
        generation = self._generation
        self._set_busy(True)
        flt, kind = self.network_filter(), self.layout_kind()
        # Widget tests run ops inline: there the layout stays in this process.
        isolated = not ops().inline
        if rebuild or self.picture is None or self.picture.flt != flt:
            ops().run(
                _computed,
                dt.date.today(),
                flt,
                kind,
                isolated,
                write=False,
                success=lambda done: self._apply(generation, *done),
                failure=lambda exc: self._failed(generation, exc),
            )
            return
        graph = self.picture.graph
        ops().run(
            _laid_out,
            graph,
            kind,
            flt,
            isolated,
            write=False,
            success=lambda done: self._apply(generation, *done),
            failure=lambda exc: self._failed(generation, exc),
        )

    def _failed(self, generation: int, exc: BaseException) -> None:
        if self._alive.alive and generation == self._generation:
            self._set_busy(False)
            show_exception(exc, self)

    def _set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)

    def _apply(
        self, generation: int, picture: NetworkPicture, drawing: Drawing | None = None
    ) -> None:
        if not self._alive.alive or generation != self._generation:
            return
        old = self.picture
        self.picture = picture
        self.canvas.set_network(
            picture.graph, picture.positions, guides=picture.layout == "rings", drawing=drawing
        )
        if old is None or old.layout != picture.layout or old.flt != picture.flt:
            self.fit()
        self._highlight_current(centre=False)
        if self._path_target is not None:
            self.show_path(self._path_target)
        elif picture.graph.node_count <= 1:
            self._say(self.tr("Nobody to show yet: add contacts, or change the filters."))
        else:
            self._say("")
        # Names after the first frame is on screen (their own slice of the GUI thread).
        self._label_timer.start()
        # Ready when the new picture is on screen (drawn in slices in the app).
        self._awaiting_frame = True
        if not self.canvas.progressive or not self.isVisible():
            self._on_frame_ready()

    def _on_frame_ready(self) -> None:
        if self._awaiting_frame:
            self._awaiting_frame = False
            self._set_busy(False)
            self.picture_ready.emit()
        if not self._layout_process_started and not ops().inline:
            # Ready before the user first asks for the force layout (its own process),
            # started once the first picture is on screen, not competing with it.
            self._layout_process_started = True
            ops().run(network.start_layout_process, write=False)

    def render_for_screenshot(self) -> None:
        """Compute and draw synchronously so a screenshot shows the finished picture."""
        self._generation += 1
        picture = network.compute_network(
            dt.date.today(), self.network_filter(), self.layout_kind()
        )
        self._apply(self._generation, picture)
        self.fit()
        QtWidgets.QApplication.processEvents()
        self.update_labels()
        self.canvas.finish_frame()

    def fit(self) -> None:
        """Show the whole network around the user (and keep it so when the canvas is
        resized, until the user moves it)."""
        self.canvas.fit(RADIUS * _FIT)

    def zoom_in(self) -> None:
        """Closer, around the middle of the canvas."""
        self.canvas.zoom(1 / _ZOOM_STEP)

    def zoom_out(self) -> None:
        """Farther, around the middle of the canvas."""
        self.canvas.zoom(_ZOOM_STEP)

    def update_labels(self) -> None:
        self._label_timer.stop()
        self.canvas.update_labels()

    # -- following the database and the selection ---------------------------------------

    def _on_changed(self, changes: Changes) -> None:
        if not self._alive.alive:
            return
        if changes.contact_list or changes.contacts:
            self._load_tags()
        if not (
            changes.relationships
            or changes.contact_list
            or changes.interactions
            or changes.settings
            or changes.contacts
        ):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def prepare(self, size: QtCore.QSize) -> None:
        """Lay out and paint the view once while it is hidden, at about the size it will
        have (the window builds it ahead of its first switch, while idle): the widgets'
        first paint (styles, icons, glyphs) is then done, and the switch only shows it.
        Laid out now; painted a widget a turn of the event loop (each 1–4 ms). The
        database pages of the first read are asked for meanwhile (off this thread)."""
        if self.isVisible() or not self._alive.alive:
            return
        # The pages the first read scans, read ahead by the kernel meanwhile (on a cold
        # page cache that read otherwise waits for the disk a page at a time).
        ops().run(network.prefetch_pages, write=False)
        self.resize(size)
        layout = self.layout()
        if layout is not None:
            layout.activate()
        widgets = [
            child
            for child in self.findChildren(
                QtWidgets.QWidget, options=QtCore.Qt.FindChildOption.FindDirectChildrenOnly
            )
            if child.isVisibleTo(self)
        ]
        self._prepare_paint(widgets)

    def _prepare_paint(self, widgets: list[QtWidgets.QWidget]) -> None:
        if not widgets or self.isVisible() or not self._alive.alive:
            return  # done, or shown meanwhile (then it is painted anyway)
        widget = widgets.pop(0)
        image = QtGui.QImage(
            widget.size().expandedTo(QtCore.QSize(1, 1)),
            QtGui.QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.fill(QtCore.Qt.GlobalColor.transparent)
        widget.render(image)
        QtCore.QTimer.singleShot(0, self, lambda: self._prepare_paint(widgets))

    def showEvent(self, event: QtGui.QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not ops().inline and self._generation == 0:
            # After the window has painted the switch to this view: a worker reading the
            # graph meanwhile took the GIL from that paint every millisecond (twice as long).
            self._dirty = False
            self.canvas.after_next_paint(self._first_load)
            QtCore.QTimer.singleShot(_FIRST_LOAD_LATEST_MS, self._first_load)  # no paint
        elif self._dirty:
            self._dirty = False
            self.refresh()

    def _load_tags(self) -> None:
        def fill(tags: list[str]) -> None:
            if not self._alive.alive:
                return
            current = self.tag_combo.currentData()
            self.tag_combo.blockSignals(True)
            self.tag_combo.clear()
            self.tag_combo.addItem(self.tr("All tags"), None)
            for tag in tags:
                self.tag_combo.addItem(tag, tag)
            found = self.tag_combo.findData(current) if current is not None else 0
            self.tag_combo.setCurrentIndex(max(found, 0))
            self.tag_combo.blockSignals(False)
            if current is not None and found < 0:
                self.refresh()

        ops().run(all_tags, write=False, success=fill)

    def _on_node_clicked(self, contact_id: int) -> None:
        self._own_click = True
        try:
            self.selection.set_current(contact_id)
        finally:
            self._own_click = False

    def _on_current_changed(self, _contact_id: object) -> None:
        self._highlight_current(centre=not self._own_click)

    def _highlight_current(self, centre: bool) -> None:
        if self.picture is None:
            return
        current = self.selection.current
        index = None if current is None else self.picture.graph.index_of(current)
        self.canvas.set_selected(index)
        if index is not None and centre:
            self.centre_on(index)
        self._label_timer.start()

    def centre_on(self, index: int) -> None:
        """Pan (keeping the zoom) so that a node sits in the middle of the canvas."""
        x, y = self.canvas.positions[index]
        self.canvas.centre_on(float(x), float(y))

    # -- path to ---------------------------------------------------------------------------

    def show_path(self, contact_id: int) -> None:
        """Highlight the chain of introducers from the user to a contact, and say it."""
        self._path_target = contact_id
        if self.picture is None:
            return
        graph = self.picture.graph
        self._path_request += 1
        request = self._path_request

        def done(path: list[int] | None) -> None:
            if not self._alive.alive or request != self._path_request:
                return
            if self.picture is None or self.picture.graph is not graph:
                return
            self._draw_path(contact_id, path)

        ops().run(network.introduction_path, graph, contact_id, write=False, success=done)

    def _draw_path(self, contact_id: int, path: list[int] | None) -> None:
        assert self.picture is not None
        graph = self.picture.graph
        self.path = path
        index = graph.index_of(contact_id)
        if path is None:
            self.canvas.set_path(np.zeros(0), np.zeros(0))
            name = self.path_chooser.text() if index is None else graph.names[index]
            if index is None:
                self._say(
                    self.tr("%1 is not in the network shown (archived or filtered out).").replace(
                        "%1", name
                    )
                )
            else:
                self._say(self.tr("No chain of introductions leads to %1.").replace("%1", name))
            return
        nodes = np.array([graph.index_of(cid) for cid in path], dtype=np.int64)
        self.canvas.set_path(nodes, network.path_edges(graph, path))
        names = [graph.names[i] for i in nodes[1:]]
        if len(names) == 1:
            self._say(self.tr("You know %1 directly.").replace("%1", names[0]))
        elif len(names) == 2:
            self._say(
                self.tr("Ask %1 to introduce you to %2.")
                .replace("%1", names[0])
                .replace("%2", names[1])
            )
        else:
            self._say(
                self.tr("Path of introductions: %1.").replace(
                    "%1", " → ".join([self.tr("You"), *names])
                )
            )
        self._label_timer.start()

    def clear_path(self) -> None:
        self._path_target = None
        self._path_request += 1
        self.path = None
        self.canvas.set_path(np.zeros(0), np.zeros(0))
        self._say("")

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- linking and export ------------------------------------------------------------------

    def _on_link_toggled(self, on: bool) -> None:
        self.canvas.link_mode = on  # a drag then links people and no longer pans

    def ask_relationship(self, source_id: int, target_id: int) -> None:
        """Ask how two people (dragged one onto the other) are related, then record it."""
        if self.picture is None:
            return
        graph = self.picture.graph
        source, target = graph.index_of(source_id), graph.index_of(target_id)
        if source is None or target is None:
            return
        dialog = RelationshipDialog(
            source_id, graph.names[source], target_id, graph.names[target], self
        )
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._add_relationship(dialog.relationship()))
        dialog.finished.connect(lambda _: setattr(self, "link_dialog", None))
        self.link_dialog = dialog
        dialog.open()

    @property
    def undo_stack(self) -> QtGui.QUndoStack:
        if self._explicit_stack:
            return self._own_stack
        return undo_stack_for(self, self._own_stack)

    def _add_relationship(self, values: tuple[int, int, str, str]) -> None:
        ops().run(
            add_relationship_undoably,
            *values,
            success=lambda result: self._added(result[0]),
            failure=lambda exc: show_exception(exc, self),
        )

    def _added(self, added: RelationshipAdded) -> None:
        if added.changed_anything:
            self.undo_stack.push(AddRelationshipCommand(added, self.tr("Add relationship")))

    def export_png(self, path: str | None = None) -> str | None:
        """Save the picture (the canvas and, when shown, its legend) as a PNG; ask for the
        file when no path."""
        if path is None:
            path, _ = QtWidgets.QFileDialog.getSaveFileName(
                self, self.tr("Export network"), "network.png", self.tr("PNG images (*.png)")
            )
            if not path:
                return None
        self.canvas.finish_frame()
        if not self.picture_box.grab().save(path, "PNG"):
            self._say(self.tr("Could not write %1.").replace("%1", path))
            return None
        return path

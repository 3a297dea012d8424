"""Import and export from the main window: drops, File menu actions, undo last import.

Files (``text/uri-list``) or vCard data dragged from a mail client (``text/vcard``,
``text/x-vcard``, ``text/directory``) can be dropped anywhere on the main window; a
translucent overlay says so while dragging. Everything goes through the preview dialog.
The window takes drops through :class:`ImportDropTarget`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ui.ops import ops
from ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal

if TYPE_CHECKING:  # the importer pulls in numpy and rapidfuzz: load it on first import
    from app.interchange.importer import ImportResult, Source
    from ui.interchange.import_dialog import ImportPreviewDialog

VCARD_MIME_TYPES = ("text/vcard", "text/x-vcard", "text/directory")
IMPORTABLE_SUFFIXES = {".vcf", ".vcard", ".csv"}


def _icon(name: str) -> QtGui.QIcon:
    try:
        from ui.resources import icon

        return icon(name)
    except (ImportError, KeyError, FileNotFoundError):
        return QtGui.QIcon()


def sources_from_mime(mime: QtCore.QMimeData) -> list[Source]:
    """What a drop carries that Allies can import: local files, or inline vCard data."""
    from app.interchange.importer import InlineData

    sources: list[Source] = []
    if mime.hasUrls():
        for url in mime.urls():
            if url.isLocalFile():
                sources.append(url.toLocalFile())
    if not sources:
        for mime_type in VCARD_MIME_TYPES:
            if mime.hasFormat(mime_type):
                data = bytes(mime.data(mime_type).data())
                if data.strip():
                    sources.append(InlineData(data))
                break
    return sources


@dataclass(frozen=True)
class LastImport:
    """The import "Undo last import" would undo."""

    started: dt.datetime | None
    sources: str
    created: int
    updated: int


def last_import() -> LastImport | None:
    """The newest import not undone yet, or None (read on the worker)."""
    from app.models import ImportBatch

    batch = (
        ImportBatch.select()
        .where(ImportBatch.undone == False)  # noqa: E712 - a peewee expression
        .order_by(ImportBatch.id.desc())
        .first()
    )
    if batch is None:
        return None
    started = batch.started_at if isinstance(batch.started_at, dt.datetime) else None
    return LastImport(started, batch.sources, batch.created_count, batch.updated_count)


def can_import(mime: QtCore.QMimeData) -> bool:
    if mime.hasUrls():
        return any(url.isLocalFile() for url in mime.urls())
    return any(mime.hasFormat(t) for t in VCARD_MIME_TYPES)


class DropOverlay(QtWidgets.QLabel):
    """The "drop to import" sign over the window while something importable is dragged."""

    def __init__(self, parent: QtWidgets.QWidget) -> None:
        super().__init__(parent)
        self.setText(self.tr("Drop vCard or CSV files to import them"))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAutoFillBackground(False)
        self.hide()

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:  # noqa: N802
        """A nearly opaque backing in the window's colour, so the text never sits on the
        form below it, with the dashed drop frame around it."""
        palette = self.palette()
        role = QtGui.QPalette.ColorRole
        painter = QtGui.QPainter(self)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        backing = QtGui.QColor(palette.color(role.Window))
        backing.setAlpha(235)
        frame = QtCore.QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5)
        painter.setBrush(backing)
        pen = QtGui.QPen(palette.color(role.Highlight), 3, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawRoundedRect(frame, 12, 12)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(palette.color(role.WindowText))
        painter.drawText(
            frame.adjusted(24, 24, -24, -24),
            int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
            self.text(),
        )
        painter.end()

    def cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect().adjusted(8, 8, -8, -8))
        self.raise_()
        self.show()


class ImportDropTarget:
    """Mixin for the main window: what is dropped on it goes to its ``interchange`` (an
    :class:`InterchangeActions`). Qt calls these methods for drags alone; an event filter
    on the window, which this replaced, ran Python for every event of the window (some
    90 a second while the status bar's busy bar moves), and each of those waited for the
    GIL while a worker ran Python: an import's (issue 17).

    Put it first among the bases.
    """

    interchange: InterchangeActions

    def dragEnterEvent(self, event: QtGui.QDragEnterEvent) -> None:  # noqa: N802
        if not self.interchange.drag_over(event, entered=True):
            super().dragEnterEvent(event)  # type: ignore[misc]

    def dragMoveEvent(self, event: QtGui.QDragMoveEvent) -> None:  # noqa: N802
        if not self.interchange.drag_over(event, entered=False):
            super().dragMoveEvent(event)  # type: ignore[misc]

    def dragLeaveEvent(self, event: QtGui.QDragLeaveEvent) -> None:  # noqa: N802
        self.interchange.drag_left()
        super().dragLeaveEvent(event)  # type: ignore[misc]

    def dropEvent(self, event: QtGui.QDropEvent) -> None:  # noqa: N802
        if not self.interchange.dropped(event):
            super().dropEvent(event)  # type: ignore[misc]


class InterchangeActions(QtCore.QObject):
    """The File menu's import/export actions and drop support for one main window (an
    :class:`ImportDropTarget`, which hands its drags to :meth:`drag_over`,
    :meth:`drag_left` and :meth:`dropped`).

    Signals: ``imported(object)`` with each committed ImportResult.
    """

    imported = Signal(object)

    def __init__(self, window: QtWidgets.QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.import_action = QtGui.QAction(_icon("import"), self.tr("&Import…"), self)
        self.import_action.setShortcut(QtGui.QKeySequence("Ctrl+I"))
        self.import_action.setStatusTip(
            self.tr("Import vCard files or LinkedIn / Google CSV exports")
        )
        self.import_action.triggered.connect(self.choose_files)
        self.export_action = QtGui.QAction(_icon("export"), self.tr("&Export…"), self)
        self.export_action.setShortcut(QtGui.QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.open_export_dialog)
        self.undo_import_action = QtGui.QAction(self.tr("Undo last import…"), self)
        self.undo_import_action.setEnabled(False)  # until an import is known to exist
        self.undo_import_action.triggered.connect(self.ask_undo_last_import)
        self._last_import: LastImport | None = None
        ops().changed.connect(self._on_changed)
        self.refresh_undo_state()
        self.overlay = DropOverlay(window)
        window.setAcceptDrops(True)

    # --- drops (called by the window: ImportDropTarget) -------------------------------------

    def drag_over(self, event: QtGui.QDragMoveEvent, entered: bool) -> bool:
        """Accept a drag that carries something importable (and show the overlay when it
        enters); False for anything else."""
        if not can_import(event.mimeData()):
            return False
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if entered:
            self.overlay.cover()
        return True

    def drag_left(self) -> None:
        self.overlay.hide()

    def dropped(self, event: QtGui.QDropEvent) -> bool:
        """Open the preview for what was dropped; False when nothing is importable."""
        self.overlay.hide()
        sources = sources_from_mime(event.mimeData())
        if not sources:
            return False
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.import_sources(sources)
        return True

    # --- import -----------------------------------------------------------------------------

    def choose_files(self) -> None:
        paths, _ = QtWidgets.QFileDialog.getOpenFileNames(
            self._window,
            self.tr("Import contacts"),
            str(Path.home()),
            self.tr("Contacts (*.vcf *.vcard *.csv);;All files (*)"),
        )
        if paths:
            self.import_sources(paths)

    def import_sources(self, sources: Sequence[Source]) -> ImportPreviewDialog:
        """Open the preview for these files or data (also used for files handed over by a
        second start of Allies)."""
        from ui.interchange.import_dialog import ImportPreviewDialog

        dialog = ImportPreviewDialog(sources, self._window)
        dialog.imported.connect(self._on_imported)
        dialog.start()
        return dialog

    def _on_imported(self, result: ImportResult) -> None:
        self.imported.emit(result)
        message = (
            self.tr("Imported: %1 new, %2 updated.")
            .replace("%1", str(result.created))
            .replace("%2", str(result.updated))
        )
        bar = self._window.statusBar()
        bar.showMessage(message, 15000)

    def refresh_undo_state(self) -> None:
        ops().run(last_import, write=False, success=self._set_last_import)

    def _on_changed(self, changes: object) -> None:
        if getattr(changes, "contact_list", False):
            self.refresh_undo_state()

    def _set_last_import(self, found: LastImport | None) -> None:
        self._last_import = found
        self.undo_import_action.setEnabled(found is not None)
        if found is None:
            self.undo_import_action.setStatusTip(self.tr("There is no import to undo."))
        else:
            self.undo_import_action.setStatusTip(self._undo_question(found))

    def _undo_question(self, found: LastImport) -> str:
        title = (
            self.tr("Undo the import of %1?").replace("%1", self._when(found.started))
            if found.started is not None
            else self.tr("Undo the last import?")
        )
        counts = (
            self.tr("Contacts it added, to be removed: %1 · changed, to be restored: %2")
            .replace("%1", str(found.created))
            .replace("%2", str(found.updated))
        )
        return f"{title}\n{counts}"

    @staticmethod
    def _when(started: dt.datetime) -> str:
        from ui.dates import date_text

        time = QtCore.QLocale().toString(
            QtCore.QTime(started.hour, started.minute), QtCore.QLocale.FormatType.ShortFormat
        )
        return f"{date_text(started.date())} {time}"

    def ask_undo_last_import(self) -> QtWidgets.QMessageBox | None:
        """Undoing an import removes contacts: say what goes and ask first."""
        found = self._last_import
        if found is None:
            return None
        box = QtWidgets.QMessageBox(self._window)
        box.setIcon(QtWidgets.QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Undo last import"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self._undo_question(found))
        undo = box.addButton(self.tr("Undo import"), QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QtWidgets.QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QtWidgets.QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: self.undo_last_import() if button is undo else None
        )
        box.open()
        self.undo_box = box
        return box

    def undo_last_import(self) -> None:
        from app.interchange.importer import undo_last_import

        ops().run(undo_last_import, success=self._on_undone)

    def _on_undone(self, result: object) -> None:
        bar = self._window.statusBar()
        if result is None:
            bar.showMessage(self.tr("There is no import to undo."), 8000)
            return
        removed, restored = result.removed, result.restored  # type: ignore[attr-defined]
        if removed == 1:
            text = self.tr("Import undone: 1 contact removed, %2 restored.")
        else:
            text = self.tr("Import undone: %1 contacts removed, %2 restored.")
        bar.showMessage(text.replace("%1", str(removed)).replace("%2", str(restored)), 10000)

    # --- export -----------------------------------------------------------------------------

    def open_export_dialog(self) -> None:
        from ui.interchange.export_dialog import ExportDialog

        selection = getattr(self._window, "selection", None)
        selected = selection.selected if selection is not None else []
        dialog = ExportDialog(selected, self._window)
        from ui.accessibility import name_unnamed

        name_unnamed(dialog)
        dialog.open()

"""The import preview: read in the background, show what would happen, then commit.

The files are read and matched off the GUI thread (``plan_import``); the dialog shows the
counts of new, updated, unchanged and skipped cards, the near-duplicates (which the user
may choose to merge) and every problem with file, card and line. "Import" commits the
plan in one transaction on the write worker, with a progress bar and Cancel; a cancelled
or failed import changes nothing.

Signals: ``imported(object)`` with the :class:`~app.interchange.importer.ImportResult`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace

from app.contacts import merge_contacts
from app.errors import Cancelled
from app.interchange.importer import (
    ImportPlan,
    ImportResult,
    MergeCandidate,
    Source,
    commit_import,
)
from app.models import Contact
from ui.errors import show_exception
from ui.interchange.preview_people import (
    PeopleModel,
    Preview,
    duplicate_rows,
    plan_preview,
    problem_rows,
)
from ui.interchange.table_model import RowsModel
from ui.ops import Progress, ops
from ui.painting import PaintsInOneHold
from ui.qt import Qt, QtCore, QtWidgets, Signal


def commit_with_merges(
    plan: ImportPlan,
    merges: Sequence[MergeCandidate],
    progress: Progress | None = None,
) -> ImportResult:
    """Commit the plan, then fold each chosen new card into the contact it resembles."""
    cancel = (lambda: progress.cancelled) if progress is not None else None
    result = commit_import(plan, progress, cancel)
    changes = result.changes
    created = set(result.created_ids)
    for candidate in merges:
        if candidate.contact_id is None:
            continue
        twin = (
            Contact.select(Contact.id)
            .where(Contact.id.in_(list(created)) & (Contact.formatted_name == candidate.name))
            .first()
        )
        if twin is not None and Contact.get_or_none(Contact.id == candidate.contact_id):
            changes = changes | merge_contacts(candidate.contact_id, twin.id)[1]
            created.discard(twin.id)
    return replace(result, changes=changes)


RELEASE_SLICE = 500


def let_go(held: list[object]) -> None:
    """Drop what a closed preview held (its rows, its plan), on a worker, a slice at a
    time. Freeing is C code that keeps the GIL: 10,000 people rows freed at once held it
    9-12 ms; between two slices the GUI thread gets its turn."""
    while held:
        item = held.pop()
        if isinstance(item, list):
            while item:
                del item[-RELEASE_SLICE:]
        del item


class PreviewHeader(PaintsInOneHold, QtWidgets.QHeaderView):
    """A preview table's header (its titles come from Python: see :mod:`ui.painting`)."""


class PreviewTable(PaintsInOneHold, QtWidgets.QTableView):
    """A preview table: Qt asks the Python model a dozen roles per painted cell, so the
    table paints in one hold of the GIL (:mod:`ui.painting`)."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        header = PreviewHeader(Qt.Orientation.Horizontal, self)
        header.setSectionsClickable(True)
        self.setHorizontalHeader(header)


COLUMN_MAX = 260
FIT_ROWS = 30  # columns are fitted to this many rows, never to a 10,000-card whole


class ImportPreviewDialog(QtWidgets.QDialog):
    imported = Signal(object)

    def __init__(self, sources: Sequence[Source], parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import contacts"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(860, 540)
        self._sources = list(sources)
        self._plan: ImportPlan | None = None
        self._progress: Progress | None = None
        self._busy = False

        self._stack = QtWidgets.QStackedWidget()
        self._stack.addWidget(self._build_progress_page())
        # The preview page (tabs, four tables and their models) is built in a turn of the
        # event loop after the dialog is shown (see _read): built here, it held the GUI
        # thread 5-14 ms more as the dialog opened (issue 17).
        self._preview_built = False

        self._buttons = QtWidgets.QDialogButtonBox()
        self._import_button = self._buttons.addButton(
            self.tr("Import"), QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole
        )
        self._import_button.setEnabled(False)
        self._cancel_button = self._buttons.addButton(
            QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        self._import_button.clicked.connect(self._commit)
        self._cancel_button.clicked.connect(self.reject)

        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self._stack)
        layout.addWidget(self._buttons)

    # --- pages ----------------------------------------------------------------------------

    def _build_progress_page(self) -> QtWidgets.QWidget:
        page = QtWidgets.QWidget()
        self._progress_label = QtWidgets.QLabel(self.tr("Reading the files…"))
        self._progress_bar = QtWidgets.QProgressBar()
        self._progress_bar.setRange(0, 0)
        box = QtWidgets.QVBoxLayout(page)
        box.addStretch(1)
        box.addWidget(self._progress_label)
        box.addWidget(self._progress_bar)
        box.addStretch(1)
        return page

    def _ensure_preview_page(self) -> None:
        """Build the preview page unless it is built (a worker's answer may come first)."""
        if self._preview_built:
            return
        from ui.accessibility import name_unnamed

        self._preview_built = True
        page = self._build_preview_page()
        name_unnamed(page)
        self._stack.addWidget(page)

    def _build_preview_page(self) -> QtWidgets.QWidget:
        page = QtWidgets.QWidget()
        self.summary_label = QtWidgets.QLabel()
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setWordWrap(True)
        font = self.summary_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.summary_label.setFont(font)

        self.people_model = PeopleModel(self)
        self.files_model = RowsModel(
            [
                self.tr("File"),
                self.tr("Kind"),
                self.tr("Cards"),
                self.tr("New"),
                self.tr("Updated"),
                self.tr("Unchanged"),
                self.tr("Skipped"),
                self.tr("Error"),
            ],
            self,
        )
        self.duplicates_model = RowsModel(
            [
                self.tr("Merge"),
                self.tr("Card"),
                self.tr("Organisation, e-mail"),
                self.tr("Similar to"),
                self.tr("Organisation, e-mail"),
                self.tr("Where"),
            ],
            self,
        )
        self.problems_model = RowsModel(
            [self.tr("File"), self.tr("Card"), self.tr("Line"), self.tr("Problem")], self
        )
        self.tabs = QtWidgets.QTabWidget()
        self._tables: list[QtWidgets.QTableView] = []
        for model, title in (
            (self.people_model, self.tr("People")),
            (self.files_model, self.tr("Files")),
            (self.duplicates_model, self.tr("Possible duplicates")),
            (self.problems_model, self.tr("Problems")),
        ):
            view = PreviewTable()
            view.setModel(model)
            view.verticalHeader().hide()
            view.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
            view.horizontalHeader().setStretchLastSection(True)
            view.setWordWrap(False)
            view.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
            view.setAccessibleName(title)
            self._tables.append(view)
            self.tabs.addTab(view, title)
        self._fitted: set[int] = set()  # the tabs whose columns fit the current plan
        self.tabs.currentChanged.connect(self._fit_tab)
        hint = QtWidgets.QLabel(
            self.tr("Tick a possible duplicate to merge the new card into the existing contact.")
        )
        hint.setWordWrap(True)
        box = QtWidgets.QVBoxLayout(page)
        box.addWidget(self.summary_label)
        box.addWidget(self.tabs, 1)
        box.addWidget(hint)
        return page

    # --- work -----------------------------------------------------------------------------

    def start(self) -> None:
        """Show the dialog and read the files in the background."""
        from ui.accessibility import name_unnamed

        name_unnamed(self)
        self.show()
        self._busy = True
        if ops().inline:
            self._read()  # the tests' inline worker: everything at once
        else:
            QtCore.QTimer.singleShot(0, self, self._read)

    def _read(self) -> None:
        """Build the preview page, then start the worker. In this order the page's widgets
        are made while no worker runs Python: made while it read the files, each of their
        calls into Qt waited for the GIL (25 ms for 5 ms of work)."""
        if not self.isVisible():
            return  # closed before its first turn
        self._ensure_preview_page()
        self._progress = Progress()
        self._progress.reported.connect(self._on_progress)
        progress = self._progress
        ops().run(
            plan_preview,
            self._sources,
            write=False,
            progress=progress,
            cancel=lambda: progress.cancelled,
            success=self._on_planned,
            failure=self._on_failed,
        )

    def _on_progress(self, done: int, total: int) -> None:
        self._progress_bar.setRange(0, max(total, 1))
        self._progress_bar.setValue(done)

    def _on_planned(self, preview: Preview) -> None:
        self._busy = False
        self._plan = preview.plan
        self._show_plan(preview.plan, preview)
        # The page is shown in a turn of the event loop of its own: filling the models
        # and the page's first paint (tabs, tables, a 10,000-row model's visible cells)
        # would otherwise hold the GUI thread in one piece (issue 17).
        QtCore.QTimer.singleShot(0, self, self._reveal_preview)

    def _reveal_preview(self) -> None:
        self._stack.setCurrentIndex(1)

    def _show_plan(self, plan: ImportPlan, preview: Preview | None = None) -> None:
        self._ensure_preview_page()
        failed = plan.failed_files
        readable = len(plan.files) - len(failed)
        parts = [
            self.tr("New: %1").replace("%1", str(plan.new)),
            self.tr("Updated: %1").replace("%1", str(plan.updated)),
            self.tr("Unchanged: %1").replace("%1", str(plan.unchanged)),
            self.tr("Skipped: %1").replace("%1", str(plan.skipped)),
        ]
        text = " · ".join(parts)
        if failed:
            text += "\n" + self._failed_text(len(failed), len(plan.files))
        if readable and not (plan.new or plan.updated):
            text += "\n" + self.tr("There is nothing new to import.")
        self.summary_label.setText(text)
        self.files_model.set_rows(
            [
                (
                    os.path.basename(f.file),
                    f.kind,
                    f.cards,
                    f.new,
                    f.updated,
                    f.unchanged,
                    f.skipped,
                    f.failed.reason if f.failed else "",
                )
                for f in plan.files
            ]
        )
        people = preview.people if preview is not None else []
        self.people_model.set_people(people)
        if preview is not None:
            self.duplicates_model.set_rows(preview.duplicates, checkable=True)
        else:
            self.duplicates_model.set_rows(duplicate_rows(plan), checkable=True)
        problems = preview.problems if preview is not None else problem_rows(plan)
        self.problems_model.set_rows(problems)
        self._fitted.clear()
        self._fit_tab(self.tabs.currentIndex())
        self.tabs.setTabText(0, self.tr("People (%1)").replace("%1", str(len(people))))
        self.tabs.setTabText(
            2, self.tr("Possible duplicates (%1)").replace("%1", str(len(plan.merge_candidates)))
        )
        self.tabs.setTabText(3, self.tr("Problems (%1)").replace("%1", str(len(problems))))
        self._import_button.setEnabled(bool(plan.new or plan.updated))
        self._import_button.setDefault(True)

    def _failed_text(self, failed: int, files: int) -> str:
        """The sentence on unreadable files, in the number each count asks for."""
        if files == 1:
            return self.tr("The file could not be read and imports nothing.")
        if failed == 1:
            return self.tr("1 of %2 files could not be read and imports nothing.").replace(
                "%2", str(files)
            )
        return (
            self.tr("%1 of %2 files could not be read and import nothing.")
            .replace("%1", str(failed))
            .replace("%2", str(files))
        )

    def _fit_tab(self, index: int) -> None:
        """Fit the columns of the tab shown, once per plan: the hidden tabs wait until
        they are chosen (fitting all four held the GUI thread 6–8 ms more as the preview
        appeared)."""
        if 0 <= index < len(self._tables) and index not in self._fitted:
            self._fitted.add(index)
            self._fit_columns([self._tables[index]])

    def _fit_columns(self, views: Sequence[QtWidgets.QTableView] | None = None) -> None:
        """Columns as wide as their content (file names are not cut to "John_Doe_AN…"),
        each but the last (which stretches) at most ``COLUMN_MAX`` wide. Only the first
        ``FIT_ROWS`` rows are measured (the header's resize precision, and here): measuring every
        row of a 10,000-card preview held the GUI thread for 100–170 ms."""
        for view in self._tables if views is None else views:
            model = view.model()
            header = view.horizontalHeader()
            metrics = view.fontMetrics()
            rows = min(model.rowCount(), FIT_ROWS)
            padding = (
                2
                * view.style().pixelMetric(
                    QtWidgets.QStyle.PixelMetric.PM_FocusFrameHMargin, None, view
                )
                + 12
            )
            for column in range(header.count() - 1):
                width = header.sectionSizeHint(column)
                for row in range(rows):
                    text = model.index(row, column).data()
                    if text:
                        width = max(width, metrics.horizontalAdvance(str(text)) + padding)
                if column == 0 and model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsUserCheckable:
                    width += 24  # the check box
                header.resizeSection(column, min(width, COLUMN_MAX))

    def _commit(self) -> None:
        if self._plan is None or self._busy:
            return
        merges = [
            self._plan.merge_candidates[i]
            for i in self.duplicates_model.checked_rows()
            if self._plan.merge_candidates[i].contact_id is not None
        ]
        self._progress = Progress()
        self._progress.reported.connect(self._on_progress)
        self._progress_label.setText(self.tr("Importing…"))
        self._progress_bar.setRange(0, 0)
        self._stack.setCurrentIndex(0)
        self._import_button.setEnabled(False)
        self._busy = True
        ops().run(
            commit_with_merges,
            self._plan,
            merges,
            progress=self._progress,
            success=self._on_committed,
            failure=self._on_failed,
        )

    def _on_committed(self, result: ImportResult) -> None:
        self._busy = False
        self.imported.emit(result)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self._busy = False
        if not isinstance(exc, Cancelled):
            show_exception(exc, self.parentWidget())
        self.reject()

    def done(self, result: int) -> None:
        """Closed (imported, cancelled or failed): the rows and the plan are let go of at
        once, on a worker (:func:`let_go`), with the plan's staging file. Freed with the
        dialog instead, they cost the GUI thread 9-12 ms, and a dialog kept by Python
        kept them (and the file of a cancelled preview) until the next import."""
        super().done(result)
        held: list[object] = [self._plan]
        self._plan = None
        if self._preview_built:
            held += [
                self.people_model.take_people(),
                self.duplicates_model.take_rows(),
                self.problems_model.take_rows(),
                self.files_model.take_rows(),
            ]
        ops().run(let_go, held, write=False)

    def reject(self) -> None:
        """Cancel: while work runs, ask it to stop; the dialog closes when it has."""
        if self._busy and self._progress is not None:
            self._progress.cancel()
            self._progress_label.setText(self.tr("Cancelling…"))
            return
        super().reject()

    @property
    def plan(self) -> ImportPlan | None:
        return self._plan

    def is_busy(self) -> bool:
        return self._busy

"""The contact list pane: search box, filter bar and the table of contacts.

Typing searches through FTS5 at once, on every keystroke (the query runs off the GUI
thread, a superseded one is dropped and the newest result wins); every filter is a
``WHERE`` clause and every sort an ``ORDER BY`` of :func:`app.contacts.query_contact_ids`.
The pane mirrors the shared :class:`~ui.selection.ContactSelection` both ways and keeps
the selection and scroll position when the list refreshes after a change.
"""

from __future__ import annotations

from app import contacts
from app.changes import Changes
from app.contacts import ContactFilter
from app.models import Circle, Level
from ui.contacts.delegate import ContactDelegate
from ui.contacts.model import (
    BALANCE,
    DUE,
    LAST_CONTACT,
    LEVEL,
    NAME,
    ORGANIZATION,
    ContactListModel,
    circle_name,
    level_name,
)
from ui.ops import ops
from ui.painting import PaintsInOneHold
from ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from ui.selection import ContactSelection

SEARCH_DELAY_MS = 150
"""The pause after typing in the tag filter (the search box itself queries at once)."""


def _icon(name: str) -> QtGui.QIcon:
    from ui.resources import icon

    try:
        return icon(name)
    except FileNotFoundError:
        return QtGui.QIcon()


class ContactHeader(PaintsInOneHold, QtWidgets.QHeaderView):
    """The column header: its titles come from a Python model (see :mod:`ui.painting`)."""


class ContactTable(PaintsInOneHold, QtWidgets.QTableView):
    """The table itself; Enter opens the current contact. It paints in one hold of the GIL
    (:mod:`ui.painting`): a busy worker no longer stalls every repaint of the list.

    Signals: ``open_requested(int)`` with the contact id; ``painted()`` after each paint.
    """

    open_requested = Signal(int)
    painted = Signal()
    STRETCH_MIN = 90  # below this the stretching column stops giving way and the list scrolls

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.has_painted = False  # once the first paint ran (see ContactListView)
        header = ContactHeader(Qt.Orientation.Horizontal, self)
        header.setSectionsClickable(True)  # as QTableView's own header: a click sorts
        self.setHorizontalHeader(header)
        self.stretch_column: int | None = None

    def set_stretch_column(self, column: int) -> None:
        """Let ``column`` take the width left over, but never squeeze it unreadable."""
        self.stretch_column = column
        self.horizontalHeader().sectionResized.connect(self._section_resized)
        self.fit_stretch_column()

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit_stretch_column()

    def _section_resized(self, index: int, _old: int, _new: int) -> None:
        if index != self.stretch_column:
            self.fit_stretch_column()

    def fit_stretch_column(self) -> None:
        """Stretch the column while it gets at least ``STRETCH_MIN``; otherwise scroll."""
        column = self.stretch_column
        header = self.horizontalHeader()
        if column is None or column >= header.count():
            return
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != column and not header.isSectionHidden(c)
        )
        room = self.viewport().width() - others
        mode = QtWidgets.QHeaderView.ResizeMode
        if room >= self.STRETCH_MIN:
            header.setSectionResizeMode(column, mode.Stretch)
        elif header.sectionResizeMode(column) == mode.Stretch:
            header.setSectionResizeMode(column, mode.Interactive)
            header.resizeSection(column, self.STRETCH_MIN)

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        self.has_painted = True
        self.painted.emit()

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            index = self.currentIndex()
            model = self.model()
            if index.isValid() and isinstance(model, ContactListModel):
                cid = model.contact_id(index.row())
                if cid is not None:
                    self.open_requested.emit(cid)
                    return
        super().keyPressEvent(event)


class SearchBox(QtWidgets.QLineEdit):
    """The search field: Escape clears it, Down moves into the list.

    Signals: ``down_pressed()``.
    """

    down_pressed = Signal()

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
            return
        super().keyPressEvent(event)


class ContactListView(QtWidgets.QWidget):
    """Search, filters and the contact table.

    Signals: ``open_requested(int)`` (Enter or double-click on a contact),
    ``count_changed(int)`` (contacts shown), ``timeline_search_requested(str)`` (the
    empty state's "search the timeline" button, with the words typed).
    """

    open_requested = Signal(int)
    count_changed = Signal(int)
    timeline_search_requested = Signal(str)

    def __init__(
        self, selection: ContactSelection, parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.selection = selection
        self.model = ContactListModel(self)
        self._restoring = False
        self._kept_ids: list[int] = []
        self._kept_current: int | None = None
        self._kept_scroll = 0
        self._compact = False
        self._full_header = QtCore.QByteArray()

        self.search = SearchBox()
        self.search.setObjectName("contactSearch")
        self.search.setPlaceholderText(self.tr("Search names, organisations, e-mails, tags…"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(_icon("search"), QtWidgets.QLineEdit.ActionPosition.LeadingPosition)
        self._search_timer = QtCore.QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        # No debounce: the first page of a search is one indexed query (≈ 1 ms at 100,000
        # contacts) and a superseded query is dropped, so each key shows its matches at once.
        self.search.textChanged.connect(self.apply_filter)

        self.tag_filter = QtWidgets.QComboBox()
        self.tag_filter.setEditable(True)
        self.tag_filter.setInsertPolicy(QtWidgets.QComboBox.InsertPolicy.NoInsert)
        self.tag_filter.lineEdit().setPlaceholderText(self.tr("All tags"))
        self.tag_filter.setToolTip(self.tr("Show only contacts with this tag"))
        completer = self.tag_filter.completer()
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QtWidgets.QCompleter.CompletionMode.PopupCompletion)
        self.tag_filter.currentTextChanged.connect(self._search_timer.start)

        self.level_filter = QtWidgets.QComboBox()
        self.level_filter.addItem(self.tr("All levels"), None)
        for level in Level:
            self.level_filter.addItem(level_name(level.value), level.value)
        self.level_filter.currentIndexChanged.connect(self.apply_filter)

        self.circle_filter = QtWidgets.QComboBox()
        self.circle_filter.addItem(self.tr("All circles"), None)
        for circle in Circle:
            self.circle_filter.addItem(circle_name(circle.value), circle.value)
        self.circle_filter.currentIndexChanged.connect(self.apply_filter)

        self.due_filter = self._toggle(self.tr("Due now"), self.tr("Only relationships due now"))
        self.taking_filter = self._toggle(
            self.tr("Taking > giving"),
            self.tr("Only relationships where you take more than you give"),
        )
        self.archived_filter = self._toggle(
            self.tr("Archived"), self.tr("Show the archived contacts instead")
        )

        self.table = ContactTable()
        self.table.setObjectName("contactTable")
        self.table.setAccessibleName(self.tr("Contacts"))
        self.table.setModel(self.model)
        self.table.setItemDelegate(ContactDelegate(NAME, DUE, self.table))
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setCornerButtonEnabled(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.table.verticalHeader().setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        # The organisation takes the room left over and gives way first when the list is
        # narrow; the name keeps a readable width (beyond that the list scrolls).
        for column, width in (
            (NAME, 165),
            (LEVEL, self._level_width()),
            (LAST_CONTACT, 100),
            (DUE, 42),
            (BALANCE, 56),
        ):
            header.resizeSection(column, width)
        header.setMinimumSectionSize(40)
        self.table.set_stretch_column(ORGANIZATION)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self._open_index)
        self.table.open_requested.connect(self.open_requested)
        self.table.selectionModel().selectionChanged.connect(self._table_selection_changed)
        self.table.selectionModel().currentRowChanged.connect(self._table_current_changed)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.model.rows_completed.connect(self._restore_selection)
        # A search's rest is queried once its first page is painted (not during the paint).
        self.table.painted.connect(self.model.query_rest)
        # The first rows wait for the window's first paint when they come before it: the
        # window's first paint and the rows' first paint are each 20-30 ms of the GUI
        # thread, and together they were one stall (issue 17).
        self.model.hold_results = lambda: self.table.isVisible() and not self.table.has_painted
        self.model.count_changed.connect(self._count_changed)
        self.search.down_pressed.connect(self.focus_list)
        selection.current_changed.connect(self._selection_current_changed)

        self.empty_state = self._build_empty_state()
        self.model.query_finished.connect(self._drop_hidden_current)

        self.filter_bar = QtWidgets.QWidget()
        filters = QtWidgets.QGridLayout(self.filter_bar)
        filters.setContentsMargins(0, 0, 0, 0)
        filters.setHorizontalSpacing(4)
        filters.addWidget(self.tag_filter, 0, 0)
        filters.addWidget(self.level_filter, 0, 1)
        filters.addWidget(self.circle_filter, 0, 2)
        toggles = QtWidgets.QHBoxLayout()
        toggles.setSpacing(4)
        for toggle in (self.due_filter, self.taking_filter, self.archived_filter):
            toggles.addWidget(toggle)
        toggles.addStretch(1)
        filters.addLayout(toggles, 1, 0, 1, 3)

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_state, 1)
        self.setTabOrder(self.search, self.tag_filter)
        self.setTabOrder(self.tag_filter, self.level_filter)
        self.setTabOrder(self.level_filter, self.circle_filter)
        self.setTabOrder(self.circle_filter, self.due_filter)
        self.setTabOrder(self.due_filter, self.taking_filter)
        self.setTabOrder(self.taking_filter, self.archived_filter)
        self.setTabOrder(self.archived_filter, self.table)

        ops().changed.connect(self._on_changed)
        self.reload_tags()
        self.model.refresh()

    def _level_width(self) -> int:
        """Wide enough for the longest level name in this language ("Auf Augenhöhe") and
        for the column's title."""
        table = self.table
        margin = table.style().pixelMetric(
            QtWidgets.QStyle.PixelMetric.PM_FocusFrameHMargin, None, table
        )
        metrics = table.fontMetrics()
        text = max(metrics.horizontalAdvance(level_name(level.value)) for level in Level)
        return max(text + 2 * (margin + 1) + 2, table.horizontalHeader().sectionSizeHint(LEVEL))

    def _toggle(self, text: str, tip: str) -> QtWidgets.QToolButton:
        button = QtWidgets.QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setCheckable(True)
        button.setAutoRaise(False)
        button.toggled.connect(self.apply_filter)
        return button

    # --- filters -------------------------------------------------------------------

    def current_filter(self) -> ContactFilter:
        tag = self.tag_filter.currentText().strip()
        return ContactFilter(
            text=self.search.text(),
            tag=tag or None,
            level=self.level_filter.currentData(),
            circle=self.circle_filter.currentData(),
            due_now=self.due_filter.isChecked(),
            taking=self.taking_filter.isChecked(),
            archived=self.archived_filter.isChecked(),
        )

    def apply_filter(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(self.current_filter())

    def reload_tags(self) -> None:
        ops().run(contacts.all_tags, write=False, success=self._set_tags)

    def _set_tags(self, tags: list[str]) -> None:
        current = self.tag_filter.currentText()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("")
        self.tag_filter.addItems(tags)
        self.tag_filter.setCurrentText(current)
        self.tag_filter.blockSignals(False)

    def _on_changed(self, changes: Changes) -> None:
        if changes.contact_list:
            self.reload_tags()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_list(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.currentIndex().isValid() and self.model.rowCount() > 0:
            self.table.setCurrentIndex(self.model.index(0, NAME))

    # --- selection -----------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [cid for cid in (self.model.contact_id(r) for r in rows) if cid is not None]

    def select_contact(self, contact_id: int) -> bool:
        """Make the contact current in the table; False when the list does not show it."""
        row = self.model.row_of(contact_id)
        if row is None:
            return False
        index = self.model.index(row, NAME)
        self.table.selectionModel().setCurrentIndex(
            index,
            QtCore.QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QtCore.QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _open_index(self, index: QtCore.QModelIndex) -> None:
        cid = self.model.contact_id(index.row())
        if cid is not None:
            self.open_requested.emit(cid)

    def _table_selection_changed(self) -> None:
        if not self._restoring:
            self.selection.set_selected(self.selected_ids())

    def _table_current_changed(self, current: QtCore.QModelIndex) -> None:
        if self._restoring or not current.isValid():
            return
        self.selection.set_current(self.model.contact_id(current.row()))
        self.selection.set_selected(self.selected_ids())

    def _selection_current_changed(self, contact_id: object) -> None:
        if contact_id is None:
            return
        index = self.table.currentIndex()
        if index.isValid() and self.model.contact_id(index.row()) == contact_id:
            return
        self._restoring = True
        try:
            self.select_contact(int(contact_id))  # type: ignore[call-overload]
        finally:
            self._restoring = False

    def _remember_selection(self) -> None:
        if self.model.partial:
            return  # only a search's first page is shown: keep what was remembered before
        self._kept_ids = self.selected_ids()
        index = self.table.currentIndex()
        self._kept_current = self.model.contact_id(index.row()) if index.isValid() else None
        self._kept_scroll = self.table.verticalScrollBar().value()

    def _restore_selection(self) -> None:
        self._restoring = True
        try:
            selection = QtCore.QItemSelection()
            last_column = self.model.columnCount() - 1
            for cid in self._kept_ids:
                row = self.model.row_of(cid)
                if row is not None:
                    selection.select(self.model.index(row, 0), self.model.index(row, last_column))
            selection_model = self.table.selectionModel()
            current_row = (
                self.model.row_of(self._kept_current) if self._kept_current is not None else None
            )
            if current_row is not None:
                selection_model.setCurrentIndex(
                    self.model.index(current_row, NAME),
                    QtCore.QItemSelectionModel.SelectionFlag.NoUpdate,
                )
            selection_model.select(
                selection, QtCore.QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.table.verticalScrollBar().setValue(self._kept_scroll)
        finally:
            self._restoring = False
        if not self.model.partial:
            self.selection.set_selected(self.selected_ids())

    def _count_changed(self, count: int) -> None:
        empty = count == 0
        if empty:
            self._describe_empty()
        self.table.setVisible(not empty)
        self.empty_state.setVisible(empty)
        self.count_changed.emit(count)

    # --- nothing found ---------------------------------------------------------------

    def _build_empty_state(self) -> QtWidgets.QWidget:
        """What the list says when nothing matches: which search, what to do next."""
        box = QtWidgets.QWidget()
        box.setObjectName("contactsEmpty")
        self.empty_title = QtWidgets.QLabel()
        self.empty_title.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_title.setWordWrap(True)
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.empty_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.empty_title.setFont(font)
        self.empty_hint = QtWidgets.QLabel(
            self.tr(
                "The contact search looks at names, organisations, e-mails, tags and notes. "
                "Words from logged lunches, calls and favours are found by the timeline's "
                "search."
            )
        )
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setEnabled(False)
        self.timeline_button = QtWidgets.QPushButton(_icon("timeline"), "")
        self.timeline_button.clicked.connect(
            lambda: self.timeline_search_requested.emit(self.search.text().strip())
        )
        self.clear_button = QtWidgets.QPushButton(self.tr("Show all contacts"))
        self.clear_button.setToolTip(self.tr("Clear the search and the filters"))
        self.clear_button.clicked.connect(lambda: self.clear_filters(focus=True))
        column = QtWidgets.QVBoxLayout(box)
        column.setContentsMargins(12, 24, 12, 12)
        column.addStretch(1)
        column.addWidget(self.empty_title)
        column.addWidget(self.empty_hint)
        column.addSpacing(8)
        for button in (self.timeline_button, self.clear_button):
            column.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        box.hide()
        return box

    def _describe_empty(self) -> None:
        text = self.search.text().strip()
        if text:
            self.empty_title.setText(self.tr("No contact matches “%1”.").replace("%1", text))
            # Short enough for the names-only list; the words searched are in the tooltip.
            self.timeline_button.setText(self.tr("Search the timeline"))
            self.timeline_button.setToolTip(
                self.tr("Search the timeline for “%1”").replace("%1", text)
            )
        elif self.archived_filter.isChecked():
            self.empty_title.setText(self.tr("No archived contacts."))
        else:
            self.empty_title.setText(self.tr("No contact matches these filters."))
        self.empty_hint.setVisible(bool(text))
        self.timeline_button.setVisible(bool(text))

    def clear_filters(self, focus: bool = True) -> None:
        """Back to every (active) contact: no search, no filter."""
        for toggle in (self.due_filter, self.taking_filter, self.archived_filter):
            toggle.blockSignals(True)
            toggle.setChecked(False)
            toggle.blockSignals(False)
        for combo in (self.level_filter, self.circle_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.tag_filter.blockSignals(True)
        self.tag_filter.setCurrentText("")
        self.tag_filter.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filter()
        if focus:
            self.search.setFocus()

    def _drop_hidden_current(self) -> None:
        """A search or filter that hides the contact shown empties the detail, so the
        detail never shows someone the list does not."""
        pending = getattr(self, "_search_timer", None)  # the search's debounce
        if (pending is not None and pending.isActive()) or (
            self.model.filter != self.current_filter()
        ):
            return  # another query is on its way
        current = self.selection.current
        if (
            current is not None
            and self.model.filter != ContactFilter()
            and self.model.row_of(current) is None
        ):
            self.selection.set_current(None)

    def columns_width(self) -> int:
        """The width the full list needs to show every column without scrolling sideways
        (the organisation at its narrowest)."""
        header = self.table.horizontalHeader()
        if self._compact:
            return 0
        width = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != ORGANIZATION and not header.isSectionHidden(c)
        )
        width += ContactTable.STRETCH_MIN + self.table.verticalScrollBar().sizeHint().width()
        margins = self.layout().contentsMargins()
        return width + 2 * self.table.frameWidth() + margins.left() + margins.right() + 2

    # --- compact (names only) ------------------------------------------------------

    @property
    def compact(self) -> bool:
        return self._compact

    def set_compact(self, compact: bool) -> None:
        """Names only: the avatar and name column, no filter bar, so the views get the
        width. The filters chosen stay in force (and the full list shows them again)."""
        if compact == self._compact:
            return
        self._compact = compact
        header = self.table.horizontalHeader()
        if compact:
            self._full_header = header.saveState()
            for column in range(header.count()):
                header.setSectionHidden(column, column != NAME)
            header.setSectionResizeMode(NAME, QtWidgets.QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(NAME, QtWidgets.QHeaderView.ResizeMode.Interactive)
            header.restoreState(self._full_header)
            self.table.fit_stretch_column()
        self.filter_bar.setVisible(not compact)
        full = self.tr("Search names, organisations, e-mails, tags…")
        self.search.setPlaceholderText(self.tr("Search…") if compact else full)
        self.table.horizontalScrollBar().setValue(0)

    # --- layout memory -------------------------------------------------------------

    def header_state(self) -> bytes:
        """The full list's columns (also while the list shows names only)."""
        if self._compact:
            return bytes(self._full_header.data())
        return bytes(self.table.horizontalHeader().saveState().data())

    def restore_header_state(self, state: bytes) -> None:
        if state and self._compact:
            self._full_header = QtCore.QByteArray(state)
        elif state:
            self.table.horizontalHeader().restoreState(QtCore.QByteArray(state))
            self.table.fit_stretch_column()

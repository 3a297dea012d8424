"""The timeline view: everyone's interactions and exchanges, filtered, with a chart on top.

The list is a lazy :class:`TimelineModel`; filters become one :class:`TimelineFilter`
that runs in SQL. The activity chart needs pyqtgraph, so it is built the first time the
view is shown (or rendered for a screenshot), never when this module is imported.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from app.changes import Changes
from app.contacts import all_tags, find_contact
from app.models import InteractionKind
from app.timeline_query import (
    EXCHANGES_ONLY,
    NameMatch,
    TimelineEntry,
    TimelineFilter,
    contact_name_matches,
    contact_names,
    weekly_activity,
)
from ui.ops import ops
from ui.painting import paint_ahead
from ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from ui.rich_text import plain_tooltip
from ui.selection import ContactSelection
from ui.timeline.date_edit import QuickDateEdit
from ui.timeline.labels import interaction_kind_label, kind_icon
from ui.timeline.model import TimelineModel, pydate, qdate
from ui.timeline.timeline_list import TimelineList

if TYPE_CHECKING:
    from ui.timeline.chart import ActivityChart

# A QDateEdit cannot be empty: its minimum date stands for "any" and shows as such.
NO_DATE = QtCore.QDate(1900, 1, 1)
SEARCH_DELAY_MS = 250


class ContactFilterEdit(QtWidgets.QLineEdit):
    """A name field with completion that picks one contact (or none when cleared).

    Signals: ``contact_chosen(object)`` with the contact id, or None when cleared.
    """

    contact_chosen = Signal(object)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._matches: list[NameMatch] = []
        self._chosen: int | None = None
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(self.tr("Anyone"))
        self._names = QtCore.QStringListModel(self)
        completer = QtWidgets.QCompleter(self._names, self)
        completer.setCompletionMode(QtWidgets.QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setCompleter(completer)
        completer.activated[str].connect(self._chosen_display)
        self.textEdited.connect(self._query)
        self.returnPressed.connect(self._resolve)

    def contact_id(self) -> int | None:
        return self._chosen

    def _query(self, text: str) -> None:
        if not text.strip():
            self._set(None)
            return
        ops().run(
            contact_name_matches,
            text,
            write=False,
            success=lambda matches: self._show(text, matches),
        )

    def _show(self, text: str, matches: list[NameMatch]) -> None:
        if self.text() != text:
            return
        self._matches = matches
        self._names.setStringList([m.name for m in matches])
        if matches and self.hasFocus():
            self.completer().complete()

    def _chosen_display(self, name: str) -> None:
        for match in self._matches:
            if match.name == name:
                self._set(match.id)
                return

    def _resolve(self) -> None:
        text = self.text().strip()
        if not text:
            self._set(None)
            return
        ops().run(
            find_contact,
            text,
            write=False,
            success=lambda contact: self._set(contact.id),
            failure=lambda _exc: self.setToolTip(
                plain_tooltip(self.tr("No single contact is called “%1”.").replace("%1", text))
            ),
        )

    def show_contact(self, contact_id: int | None, name: str) -> None:
        """Display a contact chosen elsewhere, without choosing it again."""
        self._chosen = contact_id
        self.setText(name)

    def _set(self, contact_id: int | None) -> None:
        self.setToolTip("")
        if contact_id != self._chosen:
            self._chosen = contact_id
            self.contact_chosen.emit(contact_id)


class TimelineView(QtWidgets.QWidget):
    """Interactions and exchanges of everyone, newest first, grouped by day.

    Follows ``selection`` for the "Only <name>" toggle and selects the person of a
    one-person entry. Signals: ``first_painted()`` once the list was first painted with
    its first page (the benchmark measures it; the chart is built right after).
    """

    first_painted = Signal()

    def __init__(
        self,
        selection: ContactSelection,
        parent: QtWidgets.QWidget | None = None,
        *,
        undo_stack: QtGui.QUndoStack | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self._selection = selection
        self._today = today
        self._current_name = ""
        self._chart_generation = 0
        self._chart_filter: TimelineFilter | None = None
        self.chart: ActivityChart | None = None  # set once the chart is complete
        self._building: ActivityChart | None = None

        self.kind = QtWidgets.QComboBox()
        self.kind.addItem(self.tr("All kinds"), None)
        for kind in InteractionKind:
            self.kind.addItem(kind_icon(kind.value), interaction_kind_label(kind), kind.value)
        self.kind.addItem(kind_icon("gave"), self.tr("Give & take only"), EXCHANGES_ONLY)
        self.contact = ContactFilterEdit()
        self.only_selected = QtWidgets.QCheckBox()
        self.tag = QtWidgets.QComboBox()
        self.tag.addItem(self.tr("All tags"), None)
        self.date_from = self._date_edit()
        self.date_to = self._date_edit()
        self.search = QtWidgets.QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search summaries, notes, names"))
        self.search.addAction(
            kind_icon("search"), QtWidgets.QLineEdit.ActionPosition.LeadingPosition
        )
        self._search_timer = QtCore.QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.reset_button = QtWidgets.QToolButton()
        self.reset_button.setText(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Clear every filter"))

        self.model = TimelineModel(self, today=self.today)
        self.list = TimelineList(self.model, self, undo_stack=undo_stack)
        self.empty = QtWidgets.QLabel(self.tr("Nothing matches these filters."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)
        self.empty.hide()

        self.contact.setMinimumWidth(160)
        first = QtWidgets.QHBoxLayout()
        first.addWidget(self.search, 1)
        first.addWidget(self.kind)
        first.addWidget(self.reset_button)
        second = QtWidgets.QHBoxLayout()
        with_label = QtWidgets.QLabel(self.tr("&With:"))
        with_label.setBuddy(self.contact)
        second.addWidget(with_label)
        second.addWidget(self.contact, 1)
        second.addWidget(self.only_selected)
        third = QtWidgets.QHBoxLayout()
        third.addWidget(self.tag)
        from_label = QtWidgets.QLabel(self.tr("F&rom:"))
        from_label.setBuddy(self.date_from)
        self.date_to.setAccessibleName(self.tr("To date"))
        third.addSpacing(12)
        third.addWidget(from_label)
        third.addWidget(self.date_from)
        third.addWidget(QtWidgets.QLabel(self.tr("to")))
        third.addWidget(self.date_to)
        third.addStretch(1)
        filters = QtWidgets.QVBoxLayout()
        filters.setSpacing(4)
        for row in (first, second, third):
            filters.addLayout(row)

        self.chart_holder = QtWidgets.QWidget()
        self._chart_layout = QtWidgets.QVBoxLayout(self.chart_holder)
        self._chart_layout.setContentsMargins(0, 0, 0, 0)
        list_holder = QtWidgets.QWidget()
        list_layout = QtWidgets.QVBoxLayout(list_holder)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.empty)
        list_layout.addWidget(self.list)
        self.splitter = QtWidgets.QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.chart_holder)
        self.splitter.addWidget(list_holder)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(True)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

        self.kind.currentIndexChanged.connect(self.apply_filters)
        self.tag.currentIndexChanged.connect(self.apply_filters)
        self.date_from.dateChanged.connect(self._dates_edited)
        self.date_to.dateChanged.connect(self._dates_edited)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filters)
        self.contact.contact_chosen.connect(self.apply_filters)
        self.only_selected.toggled.connect(self._only_toggled)
        self.reset_button.clicked.connect(self.reset_filters)
        self.list.entry_chosen.connect(self._entry_chosen)
        self.model.loaded.connect(self._update_empty)
        selection.current_changed.connect(self._selection_changed)
        ops().changed.connect(self._on_changed)

        # The widgets' own calls first, the queries last: once a worker runs Python, each
        # call into Qt here waited for the GIL (up to 5 ms a call, 10-20 ms in all).
        self._selection_changed(selection.current)
        self.apply_filters()
        self._load_tags()

    # --- the view contract ---------------------------------------------------------

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def prepare(self, size: QtCore.QSize) -> None:
        """Lay out and paint once while hidden (the window builds the view ahead of its
        first switch, while idle: ``MainWindow.prepare_views``): the switch then only
        shows it. Its first page is read meanwhile; the chart waits for the first show."""
        paint_ahead(self, size)

    def showEvent(self, event: QtGui.QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.chart is None and self._building is None:
            self.list.viewport().installEventFilter(self)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802
        """Build the chart right after the list's first painting with its rows: importing
        pyqtgraph takes ~0.6 s, and the list should not wait for it."""
        if (
            event.type() == QtCore.QEvent.Type.Paint
            and watched is self.list.viewport()
            and not self.model.loading
        ):
            watched.removeEventFilter(self)
            self.first_painted.emit()
            QtCore.QTimer.singleShot(0, self._build_chart_in_steps)
        return False

    def render_for_screenshot(self) -> None:
        """Load the list and the chart on this thread so a grab shows everything."""
        self.ensure_chart()
        self.model.load_now()
        self._update_empty()
        assert self.chart is not None
        flt = self.current_filter()
        weeks = weekly_activity(flt.without_dates())
        self._show_activity(self._chart_generation, flt, weeks, staged=False)

    def ensure_chart(self) -> ActivityChart:
        """Build the chart (importing pyqtgraph) now, at once (a screenshot needs it)."""
        if self.chart is None:
            chart = self._building or self._new_chart(staged=False)
            while chart.build_step():
                pass
            self._chart_built(chart)
        assert self.chart is not None
        return self.chart

    def _build_chart_in_steps(self) -> None:
        """One step of the chart per turn of the event loop (the GUI thread paints and
        reacts in between); its data is read meanwhile (see :meth:`refresh_chart`)."""
        if self.chart is not None:
            return
        if self._building is None:
            self._building = self._new_chart(staged=True)
        elif not self._building.build_step():
            self._chart_built(self._building)
            return
        QtCore.QTimer.singleShot(0, self._build_chart_in_steps)

    def _new_chart(self, staged: bool) -> ActivityChart:
        from ui.timeline.chart import ActivityChart

        chart = ActivityChart(self.chart_holder, staged=staged)
        chart.range_chosen.connect(self._range_chosen)
        self._chart_layout.addWidget(chart)
        self.splitter.setSizes([260, max(300, self.height() - 260)])
        self._building = chart
        self.refresh_chart()
        return chart

    def _chart_built(self, chart: ActivityChart) -> None:
        self._building = None
        self.chart = chart

    # --- filters -------------------------------------------------------------------

    def _date_edit(self) -> QuickDateEdit:
        edit = QuickDateEdit()
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("any date"))
        edit.setDate(NO_DATE)
        return edit

    @staticmethod
    def _date_of(edit: QtWidgets.QDateEdit) -> dt.date | None:
        return None if edit.date() == NO_DATE else pydate(edit.date())

    def current_filter(self) -> TimelineFilter:
        contact_id = (
            self._selection.current if self.only_selected.isChecked() else self.contact.contact_id()
        )
        return TimelineFilter(
            kind=self.kind.currentData(),
            contact_id=contact_id,
            tag=self.tag.currentData(),
            date_from=self._date_of(self.date_from),
            date_to=self._date_of(self.date_to),
            text=self.search.text().strip(),
        )

    def apply_filters(self) -> None:
        self._search_timer.stop()
        flt = self.current_filter()
        if flt != self.model.filter or not self.model.active:
            self.model.set_filter(flt)
        if self._chart_filter != flt.without_dates():
            self.refresh_chart(flt)
        elif (chart := self.chart or self._building) is not None:
            chart.show_range(flt.date_from, flt.date_to)

    def set_date_range(self, first: dt.date | None, last: dt.date | None) -> None:
        """Put dates in the two date edits (None: any) and filter once."""
        for edit, day in ((self.date_from, first), (self.date_to, last)):
            edit.blockSignals(True)
            edit.setDate(NO_DATE if day is None else qdate(day))
            edit.blockSignals(False)
        self.apply_filters()

    def _dates_edited(self) -> None:
        self.apply_filters()

    def _range_chosen(self, first: dt.date | None, last: dt.date | None) -> None:
        self.set_date_range(first, last)

    def reset_filters(self) -> None:
        for widget in (self.kind, self.tag, self.date_from, self.date_to, self.search):
            widget.blockSignals(True)
        self.kind.setCurrentIndex(0)
        self.tag.setCurrentIndex(0)
        self.date_from.setDate(NO_DATE)
        self.date_to.setDate(NO_DATE)
        self.search.clear()
        for widget in (self.kind, self.tag, self.date_from, self.date_to, self.search):
            widget.blockSignals(False)
        self.only_selected.setChecked(False)
        self.contact.show_contact(None, "")
        self.apply_filters()

    def _only_toggled(self, checked: bool) -> None:
        self.contact.setEnabled(not checked)
        if checked:
            self.contact.show_contact(self.contact.contact_id(), self._current_name)
        else:
            self.contact.show_contact(None, "")
        self.apply_filters()

    # --- selection -----------------------------------------------------------------

    def _selection_changed(self, contact_id: int | None) -> None:
        self.only_selected.setEnabled(contact_id is not None)
        if contact_id is None:
            self._set_current_name(None, "")
            return
        ops().run(
            contact_names,
            [contact_id],
            write=False,
            success=lambda names: self._set_current_name(contact_id, names.get(contact_id, "")),
        )

    def _set_current_name(self, contact_id: int | None, name: str) -> None:
        if contact_id != self._selection.current:
            return
        self._current_name = name
        if contact_id is None:
            self.only_selected.setText(self.tr("Only the selected contact"))
            if self.only_selected.isChecked():
                self.only_selected.setChecked(False)
            return
        self.only_selected.setText(self.tr("Only %1").replace("%1", name))
        if self.only_selected.isChecked():
            self.contact.show_contact(None, name)
            self.apply_filters()

    def _entry_chosen(self, entry: TimelineEntry) -> None:
        if len(entry.participants) == 1 and not self.only_selected.isChecked():
            self._selection.set_current(entry.participants[0][0])

    # --- data ----------------------------------------------------------------------

    def refresh_chart(self, flt: TimelineFilter | None = None) -> None:
        """Read the chart's weeks again for ``flt`` (default: the filters shown)."""
        flt = flt or self.current_filter()
        self._chart_filter = flt.without_dates()
        if self.chart is None and self._building is None:
            return
        self._chart_generation += 1
        generation = self._chart_generation
        ops().run(
            weekly_activity,
            flt.without_dates(),
            write=False,
            success=lambda weeks: self._show_activity(generation, flt, weeks),
        )

    def _show_activity(
        self, generation: int, flt: TimelineFilter, weeks: list, *, staged: bool = True
    ) -> None:
        chart = self.chart or self._building
        if generation == self._chart_generation and chart is not None:
            chart.set_activity(weeks, flt.date_from, flt.date_to, staged=staged)

    def _load_tags(self) -> None:
        ops().run(all_tags, write=False, success=self._show_tags)

    def _show_tags(self, tags: list[str]) -> None:
        current = self.tag.currentData()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem(self.tr("All tags"), None)
        for tag in tags:
            self.tag.addItem(kind_icon("tag"), tag, tag)
        index = self.tag.findData(current)
        self.tag.setCurrentIndex(max(0, index))
        self.tag.blockSignals(False)
        if current is not None and index < 0:
            self.apply_filters()

    def _on_changed(self, changes: Changes) -> None:
        if changes.interactions or changes.exchanges:
            self.refresh_chart()
        if changes.contact_list or changes.contacts:
            self._load_tags()

    def _update_empty(self) -> None:
        self.empty.setVisible(self.model.entry_count() == 0)

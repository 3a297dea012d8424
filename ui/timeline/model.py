"""The lazy timeline model: day headings and entries, one keyset page at a time.

The model holds only what was fetched so far. Qt asks ``canFetchMore``/``fetchMore`` as
the user scrolls; each page is read by :func:`app.timeline_query.timeline_page` through
``ops().run(write=False)`` and appended when it arrives, so a million interactions scroll
without ever loading them all. Day headings are rows of their own (not selectable),
inserted where the day group changes, so the view can keep uniform row heights.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from app.changes import Changes
from app.models import Direction
from app.timeline_query import (
    DATE,
    EXCHANGE,
    LAST_WEEK,
    TODAY,
    WEEKDAY,
    YESTERDAY,
    DayGroup,
    TimelineEntry,
    TimelineFilter,
    TimelinePage,
    day_group,
    timeline_page,
)
from ui.dates import date_text
from ui.ops import ops
from ui.qt import Qt, QtCore, QtGui, Signal
from ui.rich_text import plain_tooltip
from ui.timeline.labels import (
    direction_label,
    exchange_kind_label,
    interaction_kind_label,
    kind_icon,
)

PAGE_SIZE = 200

EntryRole = Qt.ItemDataRole.UserRole + 1  # the TimelineEntry of a row (None on headings)
HeadingRole = Qt.ItemDataRole.UserRole + 2  # True on day headings
DetailRole = Qt.ItemDataRole.UserRole + 3  # the second line of an entry


def qdate(day: dt.date) -> QtCore.QDate:
    return QtCore.QDate(day.year, day.month, day.day)


def pydate(day: QtCore.QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class TimelineModel(QtCore.QAbstractListModel):
    """Timeline rows for a :class:`TimelineFilter`, fetched lazily, newest first.

    Signals: ``loaded()`` after a page or a reload arrived (tests and screenshots wait
    on it).
    """

    loaded = Signal()

    def __init__(
        self,
        parent: QtCore.QObject | None = None,
        *,
        page_size: int = PAGE_SIZE,
        today: Callable[[], dt.date] = dt.date.today,
        name_filtered_contact: bool = True,
    ) -> None:
        super().__init__(parent)
        self._name_filtered_contact = name_filtered_contact
        self._page_size = page_size
        self._today = today
        self._filter = TimelineFilter()
        self._rows: list[DayGroup | TimelineEntry] = []
        self._entries = 0
        self._cursor: tuple[str, int, int] | None = None
        self._has_more = False
        self._loading = False
        self._generation = 0
        self._active = False
        ops().changed.connect(self._on_changed)

    # --- what is shown -------------------------------------------------------------

    @property
    def filter(self) -> TimelineFilter:
        return self._filter

    @property
    def loading(self) -> bool:
        """A page or a reload is on its way."""
        return self._loading

    @property
    def active(self) -> bool:
        """Whether a filter was set (a cleared model shows nothing and reads nothing)."""
        return self._active

    def set_filter(self, flt: TimelineFilter) -> None:
        """Show entries passing ``flt``, from the first page again."""
        self._filter = flt
        self._active = True
        self._reload(self._page_size)

    def clear(self) -> None:
        """Show nothing and stop following changes until the next filter."""
        self._active = False
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._entries = 0
        self._cursor = None
        self._has_more = False
        self._loading = False
        self.endResetModel()

    def refresh(self) -> None:
        """Read again as many entries as are loaded now (after a write elsewhere)."""
        if self._active:
            self._reload(max(self._page_size, self._entries))

    def load_now(self, rows: int | None = None) -> None:
        """Read the first page on the calling thread (screenshots and benchmarks)."""
        self._active = True
        self._generation += 1
        page = timeline_page(self._filter, None, rows or self._page_size)
        self._replace(self._generation, page)

    def _reload(self, limit: int) -> None:
        self._generation += 1
        generation = self._generation
        self._loading = True
        ops().run(
            timeline_page,
            self._filter,
            None,
            limit,
            write=False,
            success=lambda page: self._replace(generation, page),
            failure=lambda exc: self._failed(generation, exc),
        )

    def _replace(self, generation: int, page: TimelinePage) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._rows = []
        self._entries = 0
        self._add_rows(page.entries)
        self._cursor = page.next_cursor
        self._has_more = page.next_cursor is not None
        self.endResetModel()
        self._loading = False
        self.loaded.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._loading = False
            self._has_more = False
        from ui.errors import show_exception

        show_exception(exc)

    def _on_changed(self, changes: Changes) -> None:
        if changes.interactions or changes.exchanges or changes.contact_list or changes.contacts:
            self.refresh()

    # --- lazy fetching -------------------------------------------------------------

    def canFetchMore(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._has_more and not self._loading

    def fetchMore(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._loading = True
        generation = self._generation
        ops().run(
            timeline_page,
            self._filter,
            self._cursor,
            self._page_size,
            write=False,
            success=lambda page: self._append(generation, page),
            failure=lambda exc: self._failed(generation, exc),
        )

    def _append(self, generation: int, page: TimelinePage) -> None:
        if generation != self._generation:
            return
        self._cursor = page.next_cursor
        self._has_more = page.next_cursor is not None
        if page.entries:
            new: list[DayGroup | TimelineEntry] = []
            self._add_rows(page.entries, new)
            first = len(self._rows)
            self.beginInsertRows(QtCore.QModelIndex(), first, first + len(new) - 1)
            self._rows.extend(new)
            self._entries += len(page.entries)
            self.endInsertRows()
        # Only now: a view asking canFetchMore while rows go in must not fetch again.
        self._loading = False
        self.loaded.emit()

    def _add_rows(
        self, entries: list[TimelineEntry], into: list[DayGroup | TimelineEntry] | None = None
    ) -> None:
        """Append entries (to ``into``, or to the rows), with a heading where the day changes."""
        target = self._rows if into is None else into
        today = self._today()
        last = self._last_group()
        for entry in entries:
            group = day_group(entry.occurred_on, today)
            if group != last:
                target.append(group)
                last = group
            target.append(entry)
        if into is None:
            self._entries += len(entries)

    def _last_group(self) -> DayGroup | None:
        for row in reversed(self._rows):
            if isinstance(row, DayGroup):
                return row
        return None

    # --- Qt model ------------------------------------------------------------------

    def rowCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def entry_count(self) -> int:
        return self._entries

    def entry(self, row: int) -> TimelineEntry | None:
        value = self._rows[row] if 0 <= row < len(self._rows) else None
        return value if isinstance(value, TimelineEntry) else None

    def entries(self) -> list[TimelineEntry]:
        return [r for r in self._rows if isinstance(r, TimelineEntry)]

    def headings(self) -> list[str]:
        return [self.heading_text(r) for r in self._rows if isinstance(r, DayGroup)]

    def row_of(self, entry_type: str, entry_id: int) -> int:
        for row, value in enumerate(self._rows):
            if isinstance(value, TimelineEntry) and (value.type, value.id) == (
                entry_type,
                entry_id,
            ):
                return row
        return -1

    def flags(self, index: QtCore.QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self._rows[index.row()], DayGroup):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        value = self._rows[index.row()]
        if isinstance(value, DayGroup):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.heading_text(value)
            if role == HeadingRole:
                return True
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return self.heading_text(value)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.title_text(value)
        if role == DetailRole:
            return self.detail_text(value)
        if role == Qt.ItemDataRole.DecorationRole:
            return entry_icon(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(value.notes) or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self.title_text(value)}. {self.detail_text(value)}"
        if role == EntryRole:
            return value
        if role == HeadingRole:
            return False
        return None

    # --- words ---------------------------------------------------------------------

    def heading_text(self, group: DayGroup) -> str:
        locale = QtCore.QLocale()
        if group.code == TODAY:
            return self.tr("Today")
        if group.code == YESTERDAY:
            return self.tr("Yesterday")
        if group.code == LAST_WEEK:
            return self.tr("Last week")
        assert group.day is not None
        if group.code == WEEKDAY:
            return locale.dayName(group.day.isoweekday(), QtCore.QLocale.FormatType.LongFormat)
        assert group.code == DATE
        return locale.toString(qdate(group.day), QtCore.QLocale.FormatType.LongFormat)

    def title_text(self, entry: TimelineEntry) -> str:
        """ "Lunch with Anna, Ben"; on one person's own timeline only the others are named."""
        omit = None if self._name_filtered_contact else self._filter.contact_id
        names = ", ".join(name for cid, name in entry.participants if cid != omit)
        if entry.type == EXCHANGE:
            kind = exchange_kind_label(entry.kind)
            if not names:
                if entry.direction == Direction.GAVE:
                    return self.tr("Gave %1").replace("%1", kind)
                return self.tr("Received %1").replace("%1", kind)
            if entry.direction == Direction.GAVE:
                return self.tr("Gave %1 to %2").replace("%1", kind).replace("%2", names)
            return self.tr("Received %1 from %2").replace("%1", kind).replace("%2", names)
        kind = interaction_kind_label(entry.kind)
        if not names:
            return kind
        return self.tr("%1 with %2").replace("%1", kind).replace("%2", names)

    def detail_text(self, entry: TimelineEntry) -> str:
        parts = []
        if entry.summary:
            parts.append(entry.summary)
        if entry.type == EXCHANGE and entry.outcome:
            parts.append(self.tr("Outcome: %1").replace("%1", entry.outcome))
        for trade in entry.trades:
            what = trade.description or exchange_kind_label(trade.kind)
            parts.append(f"{direction_label(trade.direction)}: {what}")
        return " · ".join(parts)

    def shown_date(self, entry: TimelineEntry) -> str:
        """The entry's own short date, for groups that span several days."""
        return date_text(entry.occurred_on)

    def group_spans_days(self, row: int) -> bool:
        """Whether the row's day group spans several days (asked for each painted row: it
        walks back to the group's heading without copying the rows above it)."""
        rows = self._rows
        for number in range(min(row, len(rows) - 1), -1, -1):
            value = rows[number]
            if isinstance(value, DayGroup):
                return value.code == LAST_WEEK
        return False


def entry_icon(entry: TimelineEntry) -> QtGui.QIcon:
    return kind_icon(entry.direction if entry.type == EXCHANGE else entry.kind)

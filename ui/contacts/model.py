"""The contact list model: ids from SQL, rows fetched a page at a time.

Filtering and sorting happen in SQL (:func:`app.contacts.query_contact_ids`); the model
only holds the resulting ids (100,000 ints are cheap) and fetches what a visible page
shows with one :func:`app.contacts.contact_rows` query, caching it. Photos are decoded
only for rows that are painted. A new query runs off the GUI thread; when several are
in flight (fast typing), only the newest result is applied.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import peewee

from app import contacts
from app.changes import Changes
from app.contacts import ContactFilter, ContactRow
from app.derived import balance_state, due_state
from app.models import database
from ui.contacts.delegate import BALANCE_COLORS
from ui.ops import ops
from ui.qt import Qt, QtCore, QtGui, Signal
from ui.rich_text import plain_tooltip

PAGE = 100
PHOTO_CACHE = 400
PHOTO_SIZE = 64
CELL_CACHE = 2000  # rows whose texts are kept (a few screens; scrolling far makes new ones)

NAME, ORGANIZATION, LEVEL, LAST_CONTACT, DUE, BALANCE = range(6)
# Rows a search shows before its complete result arrives (a few screens of the list).
FIRST_PAGE = 200
REST_DELAY_MS = 40  # the rest of a search is queried then at the latest (see query_rest)
# A result waits while ``hold_results()`` says so, looking again this often, this many
# times at most (then it is applied anyway).
HOLD_MS = 5
HOLD_TURNS = 40

SORT_KEYS = {
    NAME: "name",
    ORGANIZATION: "organization",
    LEVEL: "level",
    LAST_CONTACT: "last_contact",
    DUE: "due",
    BALANCE: "balance",
}

CONTACT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
AVATAR_ROLE = Qt.ItemDataRole.UserRole + 2
DUE_STATE_ROLE = Qt.ItemDataRole.UserRole + 3
ROW_ROLE = Qt.ItemDataRole.UserRole + 4

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
# Qt asks a painted cell for a dozen roles (font, decoration, check state, …): the ones
# the list never answers return at once, before any lookup.
_ANSWERED_ROLES = frozenset(
    int(role)
    for role in (
        _DISPLAY,
        _TOOLTIP,
        _FOREGROUND,
        _ALIGNMENT,
        CONTACT_ID_ROLE,
        AVATAR_ROLE,
        DUE_STATE_ROLE,
        ROW_ROLE,
    )
)
RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def level_name(level: str) -> str:
    names = {
        "above": QtCore.QCoreApplication.translate("Contacts", "Above"),
        "peer": QtCore.QCoreApplication.translate("Contacts", "Peer"),
        "below": QtCore.QCoreApplication.translate("Contacts", "Below"),
        "external": QtCore.QCoreApplication.translate("Contacts", "External"),
    }
    return names.get(level, level)


def circle_name(circle: str) -> str:
    names = {
        "work": QtCore.QCoreApplication.translate("Contacts", "Work"),
        "university": QtCore.QCoreApplication.translate("Contacts", "University"),
        "association": QtCore.QCoreApplication.translate("Contacts", "Association"),
        "event": QtCore.QCoreApplication.translate("Contacts", "Event"),
        "training": QtCore.QCoreApplication.translate("Contacts", "Training"),
        "private": QtCore.QCoreApplication.translate("Contacts", "Private"),
        "other": QtCore.QCoreApplication.translate("Contacts", "Other"),
    }
    return names.get(circle, circle)


def role_name(role: str) -> str:
    names = {
        "information source": QtCore.QCoreApplication.translate("Contacts", "Information source"),
        "mentor": QtCore.QCoreApplication.translate("Contacts", "Mentor"),
        "sponsor": QtCore.QCoreApplication.translate("Contacts", "Sponsor"),
        "door-opener": QtCore.QCoreApplication.translate("Contacts", "Door-opener"),
        "referrer": QtCore.QCoreApplication.translate("Contacts", "Referrer"),
        "sparring partner": QtCore.QCoreApplication.translate("Contacts", "Sparring partner"),
    }
    return names.get(role, role)


def relative_day(day: dt.date, today: dt.date) -> str:
    """How long ago, as a person would say it: today, yesterday, 3 weeks ago."""
    translate = QtCore.QCoreApplication.translate
    days = (today - day).days
    if days < 0:
        return due_text(day, today)
    if days == 0:
        return translate("Contacts", "today")
    if days == 1:
        return translate("Contacts", "yesterday")
    if days < 14:
        return translate("Contacts", "%1 days ago").replace("%1", str(days))
    if days < 60:
        weeks = days // 7
        return translate("Contacts", "%1 weeks ago").replace("%1", str(weeks))
    if days < 730:
        months = days // 30
        return translate("Contacts", "%1 months ago").replace("%1", str(months))
    return translate("Contacts", "%1 years ago").replace("%1", str(days // 365))


def due_text(due_on: dt.date | None, today: dt.date) -> str:
    """The due state in words: "12 days overdue", "due today", "in 3 weeks"."""
    translate = QtCore.QCoreApplication.translate
    if due_on is None:
        return translate("Contacts", "no reminder")
    days = (due_on - today).days
    if days == -1:
        return translate("Contacts", "1 day overdue")
    if days < 0:
        return translate("Contacts", "%1 days overdue").replace("%1", str(-days))
    if days == 0:
        return translate("Contacts", "due today")
    if days == 1:
        return translate("Contacts", "due tomorrow")
    if days < 14:
        return translate("Contacts", "in %1 days").replace("%1", str(days))
    if days < 60:
        return translate("Contacts", "in %1 weeks").replace("%1", str(days // 7))
    return translate("Contacts", "in %1 months").replace("%1", str(days // 30))


def balance_text(balance: int) -> str:
    if balance > 0:
        return f"+{balance}"
    if balance < 0:
        return f"\u2212{-balance}"
    return "0"


def long_date(day: dt.date) -> str:
    return QtCore.QLocale().toString(QtCore.QDate(day), QtCore.QLocale.FormatType.LongFormat)


class ContactListModel(QtCore.QAbstractTableModel):
    """The contacts passing a :class:`ContactFilter`, in SQL order.

    Signals: ``count_changed(int)`` after every new result; ``query_finished()`` when the
    newest query's result has been applied completely (tests and benchmarks wait on it);
    ``first_page_shown()`` as soon as the first rows of a search are shown;
    ``rows_completed()`` when the rest of a search's rows were appended to its first page
    (instead of a reset).
    """

    count_changed = Signal(int)
    query_finished = Signal()
    first_page_shown = Signal()
    rows_completed = Signal()

    BALANCE_COLUMN = BALANCE  # right-aligned (the delegate paints from the model's rows)

    def __init__(self, parent: QtCore.QObject | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self._ids: list[int] = []
        self._row_of: dict[int, int] | None = None
        self._rows: dict[int, ContactRow] = {}
        self._cells: dict[int, tuple[str, ...]] = {}
        self._photos: OrderedDict[int, QtGui.QImage] = OrderedDict()
        self._filter = ContactFilter()
        self._sort = "name"
        self._descending = False
        self._generation = 0
        self._pending: list[Future[Any]] = []
        self._fixed_today = today
        self.partial = False
        self._rest_of: int | None = None  # the search whose first page waits for its rest
        self._shown_row = 0  # the last row painted (a refresh reads the rows around it)
        # Asked before a query's result is applied; while it answers True the result waits
        # (the list view: shown, but its window has not painted yet; see ContactListView).
        self.hold_results: Callable[[], bool] | None = None
        self._running_lock = threading.Lock()
        # The queries workers are running: thread → (generation, its SQLite connection).
        self._running: dict[int, tuple[int, Any]] = {}
        self._rest_timer = QtCore.QTimer(self)
        self._rest_timer.setSingleShot(True)
        self._rest_timer.setInterval(REST_DELAY_MS)
        self._rest_timer.timeout.connect(self.query_rest)
        self._headers = [
            self.tr("Name"),
            self.tr("Organisation"),
            self.tr("Level"),
            self.tr("Last contact"),
            self.tr("Due"),
            self.tr("Balance"),
        ]
        ops().changed.connect(self._on_changed)

    # --- queries -------------------------------------------------------------------

    @property
    def filter(self) -> ContactFilter:
        return self._filter

    def set_filter(self, flt: ContactFilter) -> None:
        if flt != self._filter:
            self._filter = flt
            self.refresh(keep_rows=True, staged=True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is an ``ORDER BY``: a new query, never a Python comparison per row."""
        key = SORT_KEYS.get(column, "name")
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self._sort, self._descending):
            self._sort, self._descending = key, descending
            self.refresh(keep_rows=True, staged=True)

    def refresh(self, keep_rows: bool = False, staged: bool = False) -> None:
        """Run the query again; rows already fetched are kept when ``keep_rows`` (a search)
        and dropped otherwise (their data changed).

        A ``staged`` query (a search or a new sort order) shows its first page as soon
        as it is found (an ``ORDER BY … LIMIT`` walking the name index), then the
        complete id list replaces it: the list reacts to a keystroke within milliseconds
        even when the first letter matches most of a 100,000-contact network. While only
        that page is in, :attr:`partial` is true.
        """
        self._generation += 1
        generation = self._generation
        flt, sort, descending = self._filter, self._sort, self._descending
        first_page = FIRST_PAGE if staged else None
        self._cancel_pending()
        self._interrupt_superseded()
        self._pending.append(
            ops().run(
                self._query_unless_superseded,
                generation,
                flt,
                sort=sort,
                descending=descending,
                today=self._fixed_today,
                limit=first_page,
                prefetch_from=None if keep_rows else self._shown_row,
                write=False,
                success=lambda found: self._apply_first(generation, found, keep_rows, first_page),
            )
        )

    def _query_unless_superseded(
        self,
        generation: int,
        flt: ContactFilter,
        prefetch_from: int | None = None,
        **kwargs: Any,
    ) -> tuple[list[int], dict[int, ContactRow]] | None:
        """The ids of a query, or None without querying when a newer one was asked for
        while this one waited for a worker (typing faster than the queries run).

        With ``prefetch_from`` (a refresh after a change drops every cached row), the rows
        of the pages around that row are read here too: the list repaints where it was
        without reading them on the GUI thread (100–145 ms stalls after an import)."""
        if generation != self._generation:
            return None
        worker = threading.get_ident()
        with self._running_lock:
            self._running[worker] = (generation, database.connection())
        try:
            ids = contacts.query_contact_ids(flt, **kwargs)
            rows: dict[int, ContactRow] = {}
            if prefetch_from is not None:
                start = max(0, prefetch_from - PAGE)
                start -= start % PAGE
                rows = contacts.contact_rows(ids[start : start + 3 * PAGE])
        except (peewee.OperationalError, sqlite3.OperationalError):
            # Peewee wraps an interrupt while executing; one while iterating the rows
            # comes as SQLite's own error.
            if generation != self._generation:
                return None  # interrupted by :meth:`_interrupt_superseded`
            raise
        finally:
            with self._running_lock:
                del self._running[worker]
        return ids, rows

    def _interrupt_superseded(self) -> None:
        """Stop the query a worker is running for an older search (SQLite's interrupt,
        thread-safe): the complete result of "m" took 100 ms of a worker's GIL while the
        list painted the first page of "ma"."""
        with self._running_lock:
            for generation, connection in self._running.values():
                if generation != self._generation:
                    connection.interrupt()

    def _cancel_pending(self) -> None:
        """Drop the queries still waiting for a worker: a newer one replaces them."""
        for future in self._pending:
            future.cancel()
        self._pending.clear()

    def _apply_first(
        self,
        generation: int,
        found: tuple[list[int], dict[int, ContactRow]] | None,
        keep_rows: bool,
        first_page: int | None,
        held: int = 0,
    ) -> None:
        if generation != self._generation or found is None:
            return  # a newer query is on its way: this result is stale
        # (Not with inline ops, e.g. in tests: a refresh there applies before it returns.)
        hold = self.hold_results is not None and held < HOLD_TURNS and not ops().inline
        if hold and self.hold_results():  # type: ignore[misc]
            QtCore.QTimer.singleShot(
                HOLD_MS,
                self,
                lambda: self._apply_first(generation, found, keep_rows, first_page, held + 1),
            )
            return
        ids, rows = found
        complete = first_page is None or len(ids) < first_page
        self._reset(ids, keep_rows, partial=not complete)
        self._rows.update(rows)
        self.first_page_shown.emit()
        if complete:
            self._finish()
            return
        self._rest_of = generation
        self._rest_timer.start()

    def query_rest(self) -> None:
        """Query the rest of a search whose first page is shown. The list view calls it
        once it has painted that page, so the query does not compete with the painting for
        the GIL (it did: each repaint took two to three times as long); without a view,
        :attr:`_rest_timer` calls it."""
        generation, self._rest_of = self._rest_of, None
        self._rest_timer.stop()
        if generation is None or generation != self._generation:
            return
        flt, sort, descending = self._filter, self._sort, self._descending
        self._pending.append(
            ops().run(
                self._query_unless_superseded,
                generation,
                flt,
                sort=sort,
                descending=descending,
                today=self._fixed_today,
                write=False,
                success=lambda found: self._apply_rest(generation, found),
            )
        )

    def _apply_rest(
        self, generation: int, found: tuple[list[int], dict[int, ContactRow]] | None
    ) -> None:
        if generation != self._generation or found is None:
            return
        ids = found[0]
        head = len(self._ids)
        if self.partial and ids[:head] == self._ids:
            # The first page is the head of the complete list: the rest is appended, and
            # the rows on screen are not painted again (a reset repainted the whole list).
            self._append(ids[head:])
        else:
            self._reset(ids, keep_rows=True, partial=False)
        self._finish()

    def _append(self, more: list[int]) -> None:
        if more:
            first = len(self._ids)
            self.beginInsertRows(QtCore.QModelIndex(), first, first + len(more) - 1)
            self._ids = self._ids + more
            self._row_of = None
            self.partial = False
            self.endInsertRows()
        self.partial = False
        self.rows_completed.emit()

    def _reset(self, ids: list[int], keep_rows: bool, partial: bool) -> None:
        self.beginResetModel()
        self._ids = ids
        self._row_of = None
        self.partial = partial
        if not keep_rows:
            self._rows.clear()
            self._cells.clear()
            self._photos.clear()
        self.endResetModel()

    def _finish(self) -> None:
        self.count_changed.emit(len(self._ids))
        self.query_finished.emit()

    def _on_changed(self, changes: Changes) -> None:
        if changes.contact_list or changes.interactions or changes.exchanges or changes.settings:
            self.refresh()
        elif changes.contacts:
            self._forget(changes.contacts)

    def _forget(self, contact_ids: frozenset[int]) -> None:
        for cid in contact_ids:
            self._rows.pop(cid, None)
            self._cells.pop(cid, None)
            self._photos.pop(cid, None)
            row = self.row_of(cid)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._headers) - 1))

    # --- lookups -------------------------------------------------------------------

    @property
    def ids(self) -> list[int]:
        return self._ids

    def contact_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, contact_id: int) -> int | None:
        if self._row_of is None:
            self._row_of = {cid: row for row, cid in enumerate(self._ids)}
        return self._row_of.get(contact_id)

    def today(self) -> dt.date:
        return self._fixed_today or dt.date.today()

    def contact_row(self, row: int) -> ContactRow | None:
        cid = self.contact_id(row)
        if cid is None:
            return None
        self._shown_row = row
        cached = self._rows.get(cid)
        if cached is None:
            start = row - row % PAGE
            page = [i for i in self._ids[start : start + PAGE] if i not in self._rows]
            self._rows.update(contacts.contact_rows(page))
            cached = self._rows.get(cid)
        return cached

    def photo(self, contact_id: int) -> QtGui.QImage | None:
        image = self._photos.get(contact_id)
        if image is not None:
            self._photos.move_to_end(contact_id)
            return image
        data = contacts.photo_of(contact_id)
        if not data:
            return None
        image = _decode_scaled(data, PHOTO_SIZE)
        if image is None:
            return None
        self._photos[contact_id] = image
        if len(self._photos) > PHOTO_CACHE:
            self._photos.popitem(last=False)
        return image

    # --- Qt model interface --------------------------------------------------------

    def rowCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.ToolTipRole and section == DUE:
                from ui.contacts.wording import due_legend

                return due_legend()
            if role == Qt.ItemDataRole.TextAlignmentRole and section == BALANCE:
                return RIGHT_ALIGNED
        return None

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Called about a dozen times per painted cell: the roles the list never answers
        return first, and a row's texts are made once (see :meth:`texts`)."""
        if role not in _ANSWERED_ROLES:
            return None
        number = index.row()
        if not 0 <= number < len(self._ids):
            return None
        if role == CONTACT_ID_ROLE:
            return self._ids[number]
        row = self.contact_row(number)
        if row is None:
            return None
        column = index.column()
        if role == _DISPLAY:
            return self.texts(row)[column]
        if role == _TOOLTIP:
            return plain_tooltip(self._tooltip(row, column))
        if role == AVATAR_ROLE and column == NAME:
            return (row.name, self.photo(row.id) if row.has_photo else None)
        if role == DUE_STATE_ROLE and column == DUE:
            return self.due_state_of(row)
        if role == _FOREGROUND:
            color = self.foreground(row, column)
            return QtGui.QBrush(color) if color is not None else None
        if role == _ALIGNMENT and column == BALANCE:
            return RIGHT_ALIGNED
        if role == ROW_ROLE:
            return row
        return None

    def texts(self, row: ContactRow) -> tuple[str, ...]:
        """The row's cell texts by column, then its due state: made once while the row is
        cached (the relative dates are translated sentences, and Qt asks for them on every
        repaint)."""
        texts = self._cells.get(row.id)
        if texts is None:
            if len(self._cells) >= CELL_CACHE:
                self._cells.clear()
            today = self.today()
            texts = (
                *(self._display(row, column) for column in range(len(self._headers))),
                due_state(row.due_on, today),
            )
            self._cells[row.id] = texts
        return texts

    def due_state_of(self, row: ContactRow) -> str:
        return self.texts(row)[-1]

    def foreground(self, row: ContactRow, column: int) -> QtGui.QColor | None:
        """The colour a cell's text has instead of the palette's (the balance's sign)."""
        if column != BALANCE:
            return None
        return BALANCE_COLORS.get(balance_state(row.balance))

    def _display(self, row: ContactRow, column: int) -> str:
        if column == NAME:
            return row.name
        if column == ORGANIZATION:
            return row.organization
        if column == LEVEL:
            return level_name(row.level)
        if column == LAST_CONTACT:
            if row.last_contact is None:
                return self.tr("never")
            return relative_day(row.last_contact, self.today())
        if column == DUE:
            return due_text(row.due_on, self.today())
        return balance_text(row.balance)

    def _tooltip(self, row: ContactRow, column: int) -> str | None:
        if column == NAME:
            return row.name if not row.title else f"{row.name}\n{row.title}"
        if column == LAST_CONTACT and row.last_contact is not None:
            return long_date(row.last_contact)
        if column == DUE:
            text = due_text(row.due_on, self.today())
            if row.due_on is None:
                return text
            return f"{text} ({long_date(row.due_on)})"
        if column == BALANCE:
            from ui.contacts.wording import balance_sentence

            return balance_sentence(row.balance)
        return None


def _decode_scaled(data: bytes, size: int) -> QtGui.QImage | None:
    """Decode a photo straight to a small size (a huge JPEG never decodes in full)."""
    buffer = QtCore.QBuffer()
    buffer.setData(QtCore.QByteArray(data))
    buffer.open(QtCore.QIODevice.OpenModeFlag.ReadOnly)
    reader = QtGui.QImageReader(buffer)
    original = reader.size()
    if original.isValid() and max(original.width(), original.height()) > size * 2:
        reader.setScaledSize(
            original.scaled(size * 2, size * 2, Qt.AspectRatioMode.KeepAspectRatioByExpanding)
        )
    image = reader.read()
    return None if image.isNull() else image

"""Paged, filtered reads over interactions and exchanges for the timeline.

The timeline shows interactions (each with what was given or received during it) and the
exchanges that stand on their own (logged in the ledger without an interaction), newest
first. A million interactions cannot be loaded at once, so :func:`timeline_page` reads one
page at a time with a keyset cursor: each page is two index-ordered ``LIMIT`` queries (one
per table) merged in Python, so the cost of a page does not grow with how far the user
scrolled. :func:`weekly_activity` feeds the activity chart; :func:`day_group` names the
day headings as codes that the UI turns into words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from app.contacts import fts_query
from app.db import ID_BITS, timeline_key
from app.errors import NotFound
from app.models import Direction, database
from app.timeline import ExchangeInput, InteractionInput

INTERACTION = "interaction"
EXCHANGE = "exchange"
# The kind filter's value for "only the exchanges logged on their own".
EXCHANGES_ONLY = "exchanges"

# Cursor = (occurred_on ISO date, type rank, id): interactions sort after exchanges of the
# same day (rank 1 > 0), so on one day they come first in the newest-first order.
Cursor = tuple[str, int, int]
_RANK = {INTERACTION: 1, EXCHANGE: 0}


@dataclass(frozen=True)
class TimelineFilter:
    """What the timeline shows; every field narrows, ``None``/empty means "any"."""

    kind: str | None = None  # an InteractionKind value, or EXCHANGES_ONLY
    contact_id: int | None = None
    tag: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str = ""

    def without_dates(self) -> TimelineFilter:
        return replace(self, date_from=None, date_to=None)


@dataclass(frozen=True)
class TradeMark:
    """One thing given or received during an interaction, as the timeline lists it."""

    direction: str
    kind: str
    description: str


@dataclass(frozen=True)
class TimelineEntry:
    """One row of the timeline: an interaction, or an exchange logged on its own."""

    type: str  # INTERACTION or EXCHANGE
    id: int
    occurred_on: dt.date
    kind: str  # the interaction kind, or the exchange kind
    summary: str  # the interaction's summary, or the exchange's description
    notes: str
    participants: tuple[tuple[int, str], ...]  # (contact id, name)
    trades: tuple[TradeMark, ...] = ()  # of an interaction
    direction: str = ""  # of an exchange
    weight: int = 0
    outcome: str = ""
    thanked: bool = False

    @property
    def cursor(self) -> Cursor:
        return (self.occurred_on.isoformat(), _RANK[self.type], self.id)


@dataclass(frozen=True)
class TimelinePage:
    entries: list[TimelineEntry]
    next_cursor: Cursor | None  # None: this was the last page


# Text search goes through the full-text indexes of schema 2 (``app.db``): every word of
# the search must start a word of the interaction's summary, notes, exchanges or
# participants' names (of an exchange: its description, outcome or contact's name). Their
# rowid is the timeline key ``YYYYMMDD << 32 | id``, so a page of hits is read newest
# first straight from the index (no sort of all hits, whether there are none or 500,000).
_ID_MASK = (1 << ID_BITS) - 1


def _text_clause(table: str, key: str, text: str) -> tuple[str, list[object]]:
    """``key IN (ids of the hits of text in table)``; a text without words matches nothing."""
    query = fts_query(text)
    if not query:
        return "0", []
    return f"{key} IN (SELECT rowid & {_ID_MASK} FROM {table} WHERE {table} MATCH ?)", [query]


def _search_keyset(rank: int, cursor: Cursor | None) -> tuple[str, list[object]]:
    """:func:`_keyset` on the timeline key ``s.rowid`` of a full-text table."""
    if cursor is None:
        return "", []
    day, cursor_rank, cursor_id = cursor
    if rank < cursor_rank:  # this table's rows of the cursor's day all come later
        return "s.rowid <= ?", [timeline_key(day, _ID_MASK)]
    if rank > cursor_rank:
        return "s.rowid < ?", [timeline_key(day, 0)]
    return "s.rowid < ?", [timeline_key(day, cursor_id)]


def _search_dates(flt: TimelineFilter) -> tuple[list[str], list[object]]:
    """The date filter as a range of timeline keys (the index skips straight to it)."""
    where: list[str] = []
    args: list[object] = []
    if flt.date_from is not None:
        where.append("s.rowid >= ?")
        args.append(timeline_key(flt.date_from.isoformat(), 0))
    if flt.date_to is not None:
        where.append("s.rowid <= ?")
        args.append(timeline_key(flt.date_to.isoformat(), _ID_MASK))
    return where, args


def _searched_rows(
    table: str, columns: str, joined: str, where: list[str], args: list[object], limit: int
) -> list[tuple]:
    """The newest ``limit`` hits of a full-text table that pass ``where``."""
    conditions = " AND ".join([f"{table} MATCH ?", *where])
    sql = (
        f"SELECT {columns} FROM {table} s CROSS JOIN {joined} = (s.rowid & {_ID_MASK}) "
        f"WHERE {conditions} ORDER BY s.rowid DESC LIMIT ?"
    )
    return list(database.execute_sql(sql, [*args, limit]))


def _interaction_where(flt: TimelineFilter) -> tuple[list[str], list[object]] | None:
    """WHERE clauses for ``interaction i``; None when the filter excludes interactions."""
    if flt.kind == EXCHANGES_ONLY:
        return None
    where: list[str] = []
    args: list[object] = []
    if flt.kind:
        where.append("i.kind = ?")
        args.append(flt.kind)
    if flt.contact_id is not None:
        where.append("i.id IN (SELECT interaction_id FROM participant WHERE contact_id = ?)")
        args.append(flt.contact_id)
    if flt.tag:
        where.append(
            "i.id IN (SELECT p.interaction_id FROM participant p JOIN contact_tag ct "
            "ON ct.contact_id = p.contact_id JOIN tag t ON t.id = ct.tag_id "
            "WHERE t.name = ? COLLATE NOCASE)"
        )
        args.append(flt.tag)
    _dates(where, args, "i", flt)
    text = flt.text.strip()
    if text:
        clause, extra = _text_clause("interaction_search", "i.id", text)
        where.append(clause)
        args += extra
    return where, args


def _exchange_conditions(flt: TimelineFilter) -> tuple[list[str], list[object]]:
    """WHERE clauses for ``exchange e`` from the contact, tag, date and text filters."""
    where: list[str] = []
    args: list[object] = []
    if flt.contact_id is not None:
        where.append("e.contact_id = ?")
        args.append(flt.contact_id)
    if flt.tag:
        where.append(
            "e.contact_id IN (SELECT ct.contact_id FROM contact_tag ct JOIN tag t "
            "ON t.id = ct.tag_id WHERE t.name = ? COLLATE NOCASE)"
        )
        args.append(flt.tag)
    _dates(where, args, "e", flt)
    text = flt.text.strip()
    if text:
        # Its own text when logged on its own, else the text of its interaction.
        own, extra = _text_clause("exchange_search", "e.id", text)
        during, more = _text_clause("interaction_search", "e.interaction_id", text)
        where.append(f"({own} OR {during})")
        args += extra + more
    return where, args


def _exchange_where(flt: TimelineFilter) -> tuple[list[str], list[object]] | None:
    """WHERE clauses for the standalone exchanges the timeline lists; None when excluded."""
    if flt.kind and flt.kind != EXCHANGES_ONLY:
        return None
    where, args = _exchange_conditions(flt)
    return ["e.interaction_id IS NULL", *where], args


def _dates(where: list[str], args: list[object], alias: str, flt: TimelineFilter) -> None:
    if flt.date_from is not None:
        where.append(f"{alias}.occurred_on >= ?")
        args.append(flt.date_from.isoformat())
    if flt.date_to is not None:
        where.append(f"{alias}.occurred_on <= ?")
        args.append(flt.date_to.isoformat())


def _keyset(alias: str, rank: int, cursor: Cursor | None) -> tuple[str, list[object]]:
    """The clause that keeps rows strictly after ``cursor`` in newest-first order."""
    if cursor is None:
        return "", []
    day, cursor_rank, cursor_id = cursor
    if rank < cursor_rank:  # this table's rows of the cursor's day all come later
        return f"{alias}.occurred_on <= ?", [day]
    if rank > cursor_rank:
        return f"{alias}.occurred_on < ?", [day]
    return f"({alias}.occurred_on, {alias}.id) < (?, ?)", [day, cursor_id]


def timeline_page(
    flt: TimelineFilter, after: Cursor | None = None, limit: int = 200
) -> TimelinePage:
    """The ``limit`` entries that follow ``after`` (the first page when None)."""
    if flt.text.strip():
        return _searched_page(flt, after, limit)
    rows: list[tuple[Cursor, str, tuple]] = []
    i_where = _interaction_where(flt)
    if i_where is not None:
        where, args = i_where
        clause, extra = _keyset("i", 1, after)
        if clause:
            where, args = [*where, clause], [*args, *extra]
        sql = "SELECT i.id, i.occurred_on, i.kind, i.summary, i.notes FROM interaction i"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY i.occurred_on DESC, i.id DESC LIMIT ?"
        for r in database.execute_sql(sql, [*args, limit + 1]):
            rows.append(((str(r[1])[:10], 1, r[0]), INTERACTION, r))
    e_where = _exchange_where(flt)
    if e_where is not None:
        where, args = e_where
        clause, extra = _keyset("e", 0, after)
        if clause:
            where, args = [*where, clause], [*args, *extra]
        sql = (
            "SELECT e.id, e.occurred_on, e.kind, e.description, e.contact_id, e.direction, "
            "e.weight, e.outcome, e.thanked FROM exchange e WHERE "
            + " AND ".join(where)
            + " ORDER BY e.occurred_on DESC, e.id DESC LIMIT ?"
        )
        for r in database.execute_sql(sql, [*args, limit + 1]):
            rows.append(((str(r[1])[:10], 0, r[0]), EXCHANGE, r))
    rows.sort(key=lambda row: row[0], reverse=True)
    more = len(rows) > limit
    rows = rows[:limit]
    entries = _entries(rows)
    return TimelinePage(entries, entries[-1].cursor if more and entries else None)


def _searched_page(flt: TimelineFilter, after: Cursor | None, limit: int) -> TimelinePage:
    """:func:`timeline_page` of a text search, read newest first from the full-text indexes."""
    query = fts_query(flt.text)
    plain = replace(flt, text="", date_from=None, date_to=None)
    dates, date_args = _search_dates(flt)
    rows: list[tuple[Cursor, str, tuple]] = []
    i_where = _interaction_where(plain) if query else None
    if i_where is not None:
        where, args = i_where
        clause, keyset = _search_keyset(1, after)
        for r in _searched_rows(
            "interaction_search",
            "i.id, i.occurred_on, i.kind, i.summary, i.notes",
            "interaction i ON i.id",
            [*where, *dates, *([clause] if clause else [])],
            [query, *args, *date_args, *keyset],
            limit + 1,
        ):
            rows.append(((str(r[1])[:10], 1, r[0]), INTERACTION, r))
    e_where = _exchange_where(plain) if query else None
    if e_where is not None:
        where, args = e_where
        clause, keyset = _search_keyset(0, after)
        for r in _searched_rows(
            "exchange_search",
            "e.id, e.occurred_on, e.kind, e.description, e.contact_id, e.direction, "
            "e.weight, e.outcome, e.thanked",
            "exchange e ON e.id",
            [*where, *dates, *([clause] if clause else [])],
            [query, *args, *date_args, *keyset],
            limit + 1,
        ):
            rows.append(((str(r[1])[:10], 0, r[0]), EXCHANGE, r))
    rows.sort(key=lambda row: row[0], reverse=True)
    more = len(rows) > limit
    rows = rows[:limit]
    entries = _entries(rows)
    return TimelinePage(entries, entries[-1].cursor if more and entries else None)


def _entries(rows: list[tuple[Cursor, str, tuple]]) -> list[TimelineEntry]:
    """Turn raw rows into entries with names and trades: three queries per page."""
    interaction_ids = [r[0] for _, t, r in rows if t == INTERACTION]
    exchange_contacts = {r[4] for _, t, r in rows if t == EXCHANGE}
    people: dict[int, list[tuple[int, str]]] = {}
    trades: dict[int, list[TradeMark]] = {}
    if interaction_ids:
        marks = ",".join("?" * len(interaction_ids))
        for iid, cid, name in database.execute_sql(
            "SELECT p.interaction_id, c.id, c.formatted_name FROM participant p "
            f"JOIN contact c ON c.id = p.contact_id WHERE p.interaction_id IN ({marks}) "
            "ORDER BY c.formatted_name COLLATE NOCASE",
            interaction_ids,
        ):
            people.setdefault(iid, []).append((cid, name))
        seen: set[tuple[int, str, str, str]] = set()
        for iid, direction, kind, description in database.execute_sql(
            "SELECT interaction_id, direction, kind, description FROM exchange "
            f"WHERE interaction_id IN ({marks}) ORDER BY id",
            interaction_ids,
        ):
            key = (iid, direction, kind, description)
            if key not in seen:  # one exchange per participant: list it once
                seen.add(key)
                trades.setdefault(iid, []).append(TradeMark(direction, kind, description))
    names: dict[int, str] = {}
    if exchange_contacts:
        ids = sorted(exchange_contacts)
        marks = ",".join("?" * len(ids))
        names = dict(
            database.execute_sql(
                f"SELECT id, formatted_name FROM contact WHERE id IN ({marks})", ids
            ).fetchall()
        )
    result = []
    for cursor, typ, r in rows:
        day = dt.date.fromisoformat(cursor[0])
        if typ == INTERACTION:
            result.append(
                TimelineEntry(
                    type=INTERACTION,
                    id=r[0],
                    occurred_on=day,
                    kind=r[2],
                    summary=r[3],
                    notes=r[4],
                    participants=tuple(people.get(r[0], ())),
                    trades=tuple(trades.get(r[0], ())),
                )
            )
        else:
            result.append(
                TimelineEntry(
                    type=EXCHANGE,
                    id=r[0],
                    occurred_on=day,
                    kind=r[2],
                    summary=r[3],
                    notes="",
                    participants=((r[4], names.get(r[4], "")),),
                    direction=r[5],
                    weight=int(r[6]),
                    outcome=r[7],
                    thanked=bool(r[8]),
                )
            )
    return result


@dataclass(frozen=True)
class WeekActivity:
    """Counts for the week that starts on Monday ``week``; ``gave_days`` and
    ``received_days`` say on which days of it the exchanges fell (day, count)."""

    week: dt.date
    interactions: int
    gave: int
    received: int
    gave_days: tuple[tuple[dt.date, int], ...] = ()
    received_days: tuple[tuple[dt.date, int], ...] = ()


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def weekly_activity(flt: TimelineFilter) -> list[WeekActivity]:
    """Interactions, and exchanges given and received, per week, oldest first.

    Counted per day in SQL (the ``occurred_on`` indexes cover it) and summed into weeks
    here, because there are only a few thousand days even in a million interactions.
    """
    weeks: dict[dt.date, list[int]] = {}
    days: dict[tuple[dt.date, int], dict[dt.date, int]] = {}

    def add(day: object, column: int, count: int) -> None:
        date = dt.date.fromisoformat(str(day)[:10])
        week = week_start(date)
        weeks.setdefault(week, [0, 0, 0])[column] += count
        if column:
            on = days.setdefault((week, column), {})
            on[date] = on.get(date, 0) + count

    # A text search is driven by its hits in the full-text index.
    selective = flt.contact_id is not None or bool(flt.tag) or bool(flt.text.strip())
    i_where = _interaction_where(flt)
    query = fts_query(flt.text)
    if i_where is not None and query and not (flt.kind or flt.contact_id or flt.tag):
        # Text (and dates) only: the day is in the hits' keys, no row needs reading.
        dates, date_args = _search_dates(flt)
        sql = (
            f"SELECT s.rowid >> {ID_BITS}, COUNT(*) FROM interaction_search s "
            f"WHERE {' AND '.join(['interaction_search MATCH ?', *dates])} GROUP BY 1"
        )
        for day, count in database.execute_sql(sql, [query, *date_args]):
            add(f"{day // 10000:04d}-{day // 100 % 100:02d}-{day % 100:02d}", 0, count)
        i_where = None
    if i_where is not None:
        where, args = i_where
        # Walking the date index and fetching every row to test its kind or text is ten
        # times slower than one sequential scan; a contact or tag filter is selective.
        scan = " NOT INDEXED" if flt.kind and not selective else ""
        sql = f"SELECT i.occurred_on, COUNT(*) FROM interaction i{scan}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        for day, count in database.execute_sql(sql + " GROUP BY i.occurred_on", args):
            add(day, 0, count)
    # Every exchange is a mark, standalone or given during an interaction of the kind.
    where, args = _exchange_conditions(flt)
    if flt.kind == EXCHANGES_ONLY:
        where.append("e.interaction_id IS NULL")
    elif flt.kind:
        where.append("e.interaction_id IN (SELECT id FROM interaction WHERE kind = ?)")
        args.append(flt.kind)
    scan = "" if selective else " NOT INDEXED"
    sql = f"SELECT e.occurred_on, e.direction, COUNT(*) FROM exchange e{scan}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    for day, direction, count in database.execute_sql(
        sql + " GROUP BY e.occurred_on, e.direction", args
    ):
        add(day, 1 if direction == Direction.GAVE else 2, count)
    return [
        WeekActivity(
            week,
            *counts,
            gave_days=tuple(sorted(days.get((week, 1), {}).items())),
            received_days=tuple(sorted(days.get((week, 2), {}).items())),
        )
        for week, counts in sorted(weeks.items())
    ]


# --- day headings ------------------------------------------------------------------------

TODAY = "today"
YESTERDAY = "yesterday"
WEEKDAY = "weekday"  # within the last week: the weekday's name
LAST_WEEK = "last-week"  # 7 to 13 days ago, one group
DATE = "date"  # everything else: the date itself


@dataclass(frozen=True)
class DayGroup:
    """The heading a day falls under; ``day`` is None for the "last week" group."""

    code: str
    day: dt.date | None


def day_group(day: dt.date, today: dt.date) -> DayGroup:
    age = (today - day).days
    if age == 0:
        return DayGroup(TODAY, day)
    if age == 1:
        return DayGroup(YESTERDAY, day)
    if 2 <= age <= 6:
        return DayGroup(WEEKDAY, day)
    if 7 <= age <= 13:
        return DayGroup(LAST_WEEK, None)
    return DayGroup(DATE, day)


# --- participants -------------------------------------------------------------------------


@dataclass(frozen=True)
class NameMatch:
    id: int
    name: str
    organization: str


def contact_name_matches(text: str, limit: int = 20) -> list[NameMatch]:
    """Contacts whose names start words like ``text``, active ones first, for completion."""
    query = fts_query(text)
    if not query:
        return []
    rows = database.execute_sql(
        "SELECT c.id, c.formatted_name, c.organization FROM contact c WHERE c.id IN "
        "(SELECT rowid FROM contact_search WHERE contact_search MATCH ?) "
        "ORDER BY c.archived, c.formatted_name COLLATE NOCASE, c.id LIMIT ?",
        [query, limit],
    )
    return [NameMatch(*r) for r in rows]


def contact_names(contact_ids: Sequence[int]) -> dict[int, str]:
    ids = sorted(set(contact_ids))
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return dict(
        database.execute_sql(
            f"SELECT id, formatted_name FROM contact WHERE id IN ({marks})", ids
        ).fetchall()
    )


def load_interaction(interaction_id: int) -> InteractionInput:
    """An interaction as the log dialog edits it: the exchanges tied to it listed once each.

    ``log_interaction`` records one exchange per participant; the dialog shows each thing
    given or received once, so identical rows of different participants fold together.
    """
    row = database.execute_sql(
        "SELECT occurred_on, kind, summary, notes FROM interaction WHERE id = ?",
        [interaction_id],
    ).fetchone()
    if row is None:
        raise NotFound("interaction", interaction_id)
    participant_ids = [
        r[0]
        for r in database.execute_sql(
            "SELECT contact_id FROM participant WHERE interaction_id = ? ORDER BY rowid",
            [interaction_id],
        )
    ]
    exchanges: dict[tuple[str, str, str, int], ExchangeInput] = {}
    for direction, kind, description, weight, outcome, thanked in database.execute_sql(
        "SELECT direction, kind, description, weight, outcome, thanked FROM exchange "
        "WHERE interaction_id = ? ORDER BY id",
        [interaction_id],
    ):
        key = (direction, kind, description, weight)
        exchanges.setdefault(
            key, ExchangeInput(direction, description, kind, weight, outcome, bool(thanked))
        )
    return InteractionInput(
        participant_ids=participant_ids,
        kind=row[1],
        occurred_on=dt.date.fromisoformat(str(row[0])[:10]),
        summary=row[2],
        notes=row[3],
        exchanges=list(exchanges.values()),
    )


EXCHANGE_FIELDS = (
    "direction",
    "kind",
    "description",
    "occurred_on",
    "weight",
    "outcome",
    "thanked",
)


def exchange_values(exchange_id: int) -> dict[str, object]:
    """The editable fields of one exchange (plus its contact), for the exchange dialog."""
    row = database.execute_sql(
        f"SELECT contact_id, {', '.join(EXCHANGE_FIELDS)} FROM exchange WHERE id = ?",
        [exchange_id],
    ).fetchone()
    if row is None:
        raise NotFound("exchange", exchange_id)
    values = dict(zip(("contact_id", *EXCHANGE_FIELDS), row, strict=True))
    values["occurred_on"] = dt.date.fromisoformat(str(values["occurred_on"])[:10])
    values["thanked"] = bool(values["thanked"])
    return values


@dataclass(frozen=True)
class LedgerEntry:
    id: int
    occurred_on: dt.date
    direction: str
    kind: str
    description: str
    weight: int
    outcome: str
    thanked: bool
    interaction_id: int | None


@dataclass(frozen=True)
class Ledger:
    """One contact's give and take, newest first, with the balance kept on the contact."""

    entries: list[LedgerEntry]
    balance: int


def ledger_of(contact_id: int) -> Ledger:
    rows = database.execute_sql(
        "SELECT id, occurred_on, direction, kind, description, weight, outcome, thanked, "
        "interaction_id FROM exchange WHERE contact_id = ? ORDER BY occurred_on DESC, id DESC",
        [contact_id],
    )
    entries = [
        LedgerEntry(
            id=r[0],
            occurred_on=dt.date.fromisoformat(str(r[1])[:10]),
            direction=r[2],
            kind=r[3],
            description=r[4],
            weight=int(r[5]),
            outcome=r[6],
            thanked=bool(r[7]),
            interaction_id=r[8],
        )
        for r in rows
    ]
    balance = database.execute_sql(
        "SELECT balance FROM contact WHERE id = ?", [contact_id]
    ).fetchone()
    return Ledger(entries, int(balance[0]) if balance else 0)

"""The user's ego network: nodes, edges, two layouts, introduction paths and brokers.

The graph is built from the active (non-archived) contacts, their typed relationships and
the people who met in the same interaction; the user is node 0 in the centre. Everything
the network view draws comes out of here as numpy arrays, so the view only paints.

**Who the user is connected to directly.** The user has an edge ("user edge") to a contact
when they have interacted with that person at least once, *or* when nobody in the graph
introduced that person (no ``introduced-by`` relationship from them to another node).
So a contact the user has never met who was introduced by Bob hangs off Bob, and the
introduction path to them is ``user → Bob → them``. Relationships and met-together edges
count both ways for paths: "A knows B" lets A introduce B and B introduce A.

Layouts return an ``(N, 2)`` float array in the same node order as the graph, the user
at ``(0, 0)`` and every other node within :data:`RADIUS` of it.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import multiprocessing
import multiprocessing.popen_spawn_posix  # noqa: F401 (see below)
import multiprocessing.resource_tracker  # noqa: F401 (see below)
import multiprocessing.synchronize  # noqa: F401 (see below)
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TypeVar, overload

import igraph
import numpy as np
import numpy.ma  # noqa: F401 (see below)

from app import settings
from app.cadence import default_cadences
from app.collector import collector_paused
from app.contacts import ContactFilter, query_contact_ids
from app.derived import JULIAN_DAY_OF_ORDINAL_ZERO, strengths
from app.models import RelationshipType, database
from app.pagecache import prefetch_btrees
from app.priority import lower_this_thread
from app.timeline import met_together

# The imports "see below" load with this module (the app warms it up in the background),
# not halfway through drawing the first network: numpy 2 loads ``numpy.ma`` on the first
# ``np.unique``, and starting the layout process loads multiprocessing's spawning parts;
# each held the GIL on a worker long enough to stall the window (60-120 ms).

T = TypeVar("T")

log = logging.getLogger(__name__)

USER = 0
"""The node id of the user (contact ids start at 1)."""

RADIUS = 100.0
"""Layouts fit in a disc of this radius around the user."""

EDGE_USER = "user"
EDGE_MET = "met-together"
EDGE_KINDS: tuple[str, ...] = (EDGE_USER, *(t.value for t in RelationshipType), EDGE_MET)
"""What an edge is; ``Graph.edge_kind`` holds indexes into this tuple."""

LAYOUTS = ("rings", "force")

# Rings: the strongest contact sits at INNER * RADIUS, the weakest ones at OUTER * RADIUS.
_INNER = 0.2
_OUTER = 0.92
_UNTOUCHED_JITTER = 0.06  # people never met alternate between two outer radii
_GOLDEN = (math.sqrt(5) - 1) / 2
_CLEAR_CENTRE = 0.12  # force layout: nobody closer to the user than this (× RADIUS)


@dataclass(frozen=True)
class NetworkFilter:
    """Which contacts to show (all active ones when every field is None)."""

    tag: str | None = None
    level: str | None = None
    circle: str | None = None

    @property
    def empty(self) -> bool:
        return self.tag is None and self.level is None and self.circle is None


@dataclass
class Graph:
    """Nodes (index 0 is the user) and edges as parallel arrays.

    ``edges[k]`` is ``(a, b)`` as node indexes; for relationships ``a`` is the source
    (``a -type-> b``, e.g. ``a reports-to b``). ``edge_weight`` is the contact's strength
    for user edges, 1 for relationships and the number of shared interactions for
    met-together edges.
    """

    ids: np.ndarray
    names: list[str]
    levels: list[str]
    organizations: list[str]
    circles: list[str]
    last_contact: Sequence[dt.date | None]
    strength: np.ndarray
    overdue: np.ndarray
    edges: np.ndarray
    edge_kind: np.ndarray
    edge_weight: np.ndarray

    def __post_init__(self) -> None:
        # Node index by contact id (-1: not in this graph); ids are small positive ints.
        self._index = np.full(int(self.ids.max(initial=0)) + 1, -1, dtype=np.int64)
        self._index[self.ids] = np.arange(len(self.ids))

    @property
    def node_count(self) -> int:
        return len(self.ids)

    @property
    def edge_count(self) -> int:
        return len(self.edges)

    def index_of(self, contact_id: int) -> int | None:
        """The node index of a contact, None when it is not in this graph."""
        cid = int(contact_id)
        if cid < 0 or cid >= len(self._index) or self._index[cid] < 0:
            return None
        return int(self._index[cid])

    def kind_mask(self, *kinds: str) -> np.ndarray:
        """A boolean mask over the edges of these kinds."""
        codes = [EDGE_KINDS.index(k) for k in kinds]
        return np.isin(self.edge_kind, codes)


_ALL_ROWS_ABOVE = 2000  # above this many contacts, one scan beats chunks of ``IN (…)``


class DateColumn(Sequence[dt.date | None]):
    """ISO date texts read as dates when asked for: parsing 100,000 of them up front
    costs a tenth of a second that nobody sees (the view shows one in a tooltip)."""

    def __init__(self, texts: Sequence[str | None]) -> None:
        self._texts = texts

    def __len__(self) -> int:
        return len(self._texts)

    @overload
    def __getitem__(self, index: int) -> dt.date | None: ...

    @overload
    def __getitem__(self, index: slice) -> list[dt.date | None]: ...

    def __getitem__(self, index: int | slice) -> dt.date | None | list[dt.date | None]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        text = self._texts[index]
        return dt.date.fromisoformat(text[:10]) if text else None


def _in_parallel(fn: Callable[..., T], *args: object) -> Callable[[], T]:
    """Start ``fn(*args)`` on a thread of its own, with its own connection; returns a
    function that waits for the result (or raises its exception).

    SQLite lets go of the GIL while it steps through a query, so a second scan runs on
    the other core while this thread reads or parses. In a transaction (whose changes
    another connection does not see yet), ``fn`` runs here at once instead.
    """
    if database.in_transaction() or not getattr(database, "file_path", None):
        result = fn(*args)
        return lambda: result
    outcome: Future[T] = Future()

    def run() -> None:
        lower_this_thread()  # give way to the window's thread for a core
        try:
            with database.connection_context():
                outcome.set_result(fn(*args))
        except BaseException as exc:  # handed to the waiting thread
            outcome.set_exception(exc)

    threading.Thread(target=run, name="allies-network-read", daemon=True).start()
    return outcome.result


# The B-trees a big network's read scans (schema 8; a name not found is left out).
_SCANNED = (
    "participant_contact_id_interaction_id",
    "interaction_occurred_on",
    "contact",
    "contact_archived_name_nocase",
    "relationship",
)
_prefetched: set[str] = set()
_prefetch_lock = threading.Lock()


def prefetch_pages() -> int:
    """Ask the kernel to read ahead every page the network's read scans (once a session
    for each database file): on a cold page cache the scans otherwise wait for the disk
    a page at a time (100,000 contacts: some 16,000 pages, 1.3-1.7 s). Returns the
    number of pages asked for; the kernel reads them in the background."""
    path = getattr(database, "file_path", None)
    with _prefetch_lock:
        if not path or path in _prefetched:
            return 0
        _prefetched.add(path)
    marks = ",".join("?" * len(_SCANNED))
    roots = database.execute_sql(
        f"SELECT rootpage FROM sqlite_master WHERE name IN ({marks})", _SCANNED
    ).fetchall()
    return prefetch_btrees(path, [root for (root,) in roots])


_NODE_COLUMNS = 9  # id, name, level, organization, circle, last contact, overdue, met, cadence
_NODE_SLICE = 10_000  # contact ids per query of a big network's columns


def _active_contact_ids(flt: NetworkFilter, today: dt.date) -> list[int]:
    """The ids of the active contacts that pass ``flt``, by name, as the contact list
    orders them (:func:`app.contacts.query_contact_ids`)."""
    if not flt.empty:
        return query_contact_ids(
            ContactFilter(tag=flt.tag, level=flt.level, circle=flt.circle), today=today
        )
    # Everybody: the name index holds the ids in this order; one text of them, where a
    # row per contact cost five times as much (100,000: 60 ms).
    row = database.execute_sql(
        "SELECT group_concat(id) FROM (SELECT c.id FROM contact c WHERE c.archived = 0 "
        "ORDER BY c.formatted_name COLLATE NOCASE, c.id)"
    ).fetchone()
    return _numbers(row[0], np.int64).tolist()


def _node_columns(contact_ids: list[int], today: dt.date) -> list[Sequence]:
    """``id, name, level, organization, circle, last_contact, overdue, met, cadence`` of
    the contacts, each a column in the order of ``contact_ids``: only what the network
    draws. ``overdue`` and ``met`` are boolean arrays; ``cadence`` is 0 where unset. A
    big network is read in slices of ids, each handing Python one row of texts (JSON
    arrays, lists of numbers): a row tuple per contact cost more to build, to turn into
    columns and to free (60 ms with the GIL held) than the query itself."""
    due = "due_on IS NOT NULL AND substr(due_on, 1, 10) < ?"
    today_text = today.isoformat()
    if len(contact_ids) <= _ALL_ROWS_ABOVE:
        columns = (
            "id, formatted_name, level, organization, circle, last_contact, "
            f"{due}, last_contact IS NOT NULL, COALESCE(cadence_days, 0)"
        )
        rows: list[tuple] = []
        for start in range(0, len(contact_ids), 500):
            chunk = contact_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT {columns} FROM contact WHERE id IN ({marks})"
            rows += database.execute_sql(sql, [today_text, *chunk]).fetchall()
        where = {row[0]: k for k, row in enumerate(rows)}
        ordered = [rows[where[cid]] for cid in contact_ids]
        texts = [[row[k] for row in ordered] for k in range(6)]
        numbers = [np.array([row[k] for row in ordered], dtype=np.int64) for k in range(6, 9)]
    else:
        # Active contacts only (``+``: a scan of the table, not a walk of an index on
        # ``archived`` that looks up every row), in slices of ids: json keeps the GIL
        # while it parses, a few milliseconds for each slice's texts.
        top = database.execute_sql("SELECT MAX(id) FROM contact").fetchone()[0] or 0
        parts: list[list] = [[] for _ in range(_NODE_COLUMNS)]
        # Levels, organisations, circles and dates repeat: one string object for each
        # distinct value, not one per contact (freeing 100,000 strings of a column took
        # 5-9 ms with the GIL held, on the GUI thread when a graph was replaced).
        shared: list[dict[str, str]] = [{} for _ in range(_NODE_COLUMNS)]
        for low in range(0, top + 1, _NODE_SLICE):
            sliced = database.execute_sql(
                "SELECT group_concat(id), json_group_array(formatted_name), "
                "json_group_array(level), json_group_array(organization), "
                "json_group_array(circle), json_group_array(last_contact), "
                f"group_concat({due}), group_concat(last_contact IS NOT NULL), "
                "group_concat(COALESCE(cadence_days, 0)) "
                "FROM contact WHERE id BETWEEN ? AND ? AND +archived = 0",
                [today_text, low, low + _NODE_SLICE - 1],
            ).fetchone()
            if sliced[0] is None:
                continue
            parts[0].append(sliced[0])
            parts[1] += json.loads(sliced[1])
            for k in range(2, 6):
                values = json.loads(sliced[k])
                parts[k] += map(shared[k].setdefault, values, values)
            for k in range(6, _NODE_COLUMNS):
                parts[k].append(sliced[k])
        ids = _numbers(",".join(parts[0]), np.int64)
        wanted = np.asarray(contact_ids, dtype=np.int64)
        where_of = np.full(int(max(ids.max(initial=0), wanted.max(initial=0))) + 1, -1)
        where_of[ids] = np.arange(len(ids))
        picked = where_of[wanted]
        if (picked < 0).any():  # archived or deleted since the ids were read
            raise KeyError(int(wanted[picked < 0][0]))
        # In the order asked for through object arrays: a list lookup per contact and
        # column cost ten times as much.
        texts = [wanted.tolist()]
        texts += [np.array(parts[k], dtype=object)[picked].tolist() for k in range(1, 6)]
        numbers = [_numbers(",".join(parts[k]), np.int64)[picked] for k in range(6, 9)]
    return [*texts, numbers[0].astype(bool), numbers[1].astype(bool), numbers[2]]


def _relationship_columns() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every relationship as ``(source ids, target ids, kinds)`` in the order they were
    made; a kind is its index in :data:`EDGE_KINDS` (-1: a type this version does not
    know). One row of texts, not a row per relationship."""
    types = [t.value for t in RelationshipType]
    cases = " ".join("WHEN ? THEN ?" for _ in types)
    args: list[object] = []
    for kind in types:
        args += [kind, EDGE_KINDS.index(kind)]
    row = database.execute_sql(
        "SELECT group_concat(source_id), group_concat(target_id), "
        f"group_concat(CASE type {cases} ELSE -1 END) "
        "FROM (SELECT source_id, target_id, type FROM relationship ORDER BY id)",
        args,
    ).fetchone()
    return _numbers(row[0], np.int64), _numbers(row[1], np.int64), _numbers(row[2], np.int64)


@dataclass
class Participations:
    """Every participation as arrays, by contact then interaction: who, in which
    interaction, and that interaction's Julian day (NaN after ``today``)."""

    contact: np.ndarray
    interaction: np.ndarray
    day: np.ndarray


_PARSE_CHUNK = 500_000  # characters of numbers parsed per call (each call keeps the GIL)


def _numbers(text: str | bytes | None, dtype: type) -> np.ndarray:
    """A comma-separated list of numbers (``group_concat``, as text or bytes) as an
    array, parsed a few milliseconds at a time: numpy keeps the GIL while it parses, and
    a million numbers in one call stalled the window for 50-100 ms."""
    if not text:
        return np.zeros(0, dtype=dtype)
    if isinstance(text, bytes):
        text = text.decode("ascii")  # 1 ms for a million numbers
    parts = []
    start = 0
    while start < len(text):
        end = text.find(",", start + _PARSE_CHUNK)
        end = len(text) if end < 0 else end
        parts.append(np.fromstring(text[start:end], dtype=dtype, sep=","))
        start = end + 1
    return np.concatenate(parts)


def _fetch(sql: str, args: Sequence[object] = ()) -> list[tuple]:
    return database.execute_sql(sql, args).fetchall()


def start_participations(today: dt.date) -> Callable[[], Participations]:
    """Start reading all participations; returns a function that waits for them.

    Two scans that hand Python a little text each (a million rows through the sqlite3
    module cost several times as much, and take the GIL row by row): who took part in
    which interaction, by contact; and the interactions' ids by date, a few thousand
    rows (parsing a million days as text cost half a second; ``julianday`` of each
    date once is exact). The scans run side by side on threads of their own
    (:func:`_in_parallel`); the texts are parsed on the thread that waits, so only one
    thread at a time competes with the window for the GIL. They come as bytes (``CAST
    … AS BLOB``): the sqlite3 module made a str of a million numbers in 11-15 ms with the
    GIL held, bytes in 2 ms."""
    pairs = _in_parallel(
        _fetch,
        "SELECT CAST(group_concat(contact_id) AS BLOB), CAST(group_concat(interaction_id) "
        "AS BLOB) FROM (SELECT contact_id, interaction_id FROM participant "
        "ORDER BY contact_id, interaction_id)",
    )
    by_date = _in_parallel(
        _fetch,
        "SELECT julianday(occurred_on), CAST(group_concat(id) AS BLOB) FROM interaction "
        "WHERE occurred_on <= ? GROUP BY occurred_on",
        [today.isoformat()],
    )
    return lambda: _participations(pairs()[0], by_date())


def read_participations(today: dt.date) -> Participations:
    """All participations (see :func:`start_participations`)."""
    return start_participations(today)()


def _participations(pairs: tuple[bytes | None, ...], by_date: list[tuple]) -> Participations:
    contact, interaction = _numbers(pairs[0], np.int64), _numbers(pairs[1], np.int64)
    if (
        len(contact) > 1
        and not (
            (np.diff(contact) > 0) | ((np.diff(contact) == 0) & (np.diff(interaction) > 0))
        ).all()
    ):
        order = np.lexsort((interaction, contact))  # SQLite kept the order so far
        contact, interaction = contact[order], interaction[order]
    ids = [_numbers(text, np.int64) for _, text in by_date]
    size = max([int(interaction.max(initial=0)), *(int(part.max()) for part in ids if len(part))])
    day_of = np.full(size + 1, np.nan)
    for (day, _), part in zip(by_date, ids, strict=True):
        day_of[part] = day
    return Participations(contact, interaction, day_of[interaction])


def _round_tenths(values: np.ndarray, exact: Callable[[int], float]) -> np.ndarray:
    """``round(v, 1)`` of each value as Python rounds it; ``exact(k)`` gives the k-th
    value as Python computes it, asked for the few that lie within a hair of half a
    tenth (where numpy's rounding of ``v * 10`` may tip the other way)."""
    tenths = values * 10.0
    rounded = np.rint(tenths) / 10.0
    for k in np.flatnonzero(np.abs(tenths - np.floor(tenths) - 0.5) < 1e-6).tolist():
        rounded[k] = round(exact(k), 1)
    return rounded


def strengths_of(
    participations: Participations,
    contact_ids: Sequence[int],
    half_lives: np.ndarray,
    today: dt.date,
) -> np.ndarray:
    """:func:`app.derived.strengths` of these contacts (``half_lives``: each one's, in
    days), from participations already read: the same sums in the same order (by
    contact, then interaction), so the same numbers."""
    ids = np.asarray(contact_ids, dtype=np.int64)
    index = np.full(int(max(ids.max(initial=0), participations.contact.max(initial=0))) + 1, -1)
    index[ids] = np.arange(len(ids))
    who = index[participations.contact]
    keep = (who >= 0) & ~np.isnan(participations.day)
    julian_today = today.toordinal() + JULIAN_DAY_OF_ORDINAL_ZERO
    age = (julian_today - participations.day[keep]) / half_lives[who[keep]]
    sums = np.bincount(who[keep], weights=np.power(0.5, age), minlength=len(ids))
    return _round_tenths(
        100 * (1 - np.exp(-sums / 2)), lambda k: 100 * (1 - math.exp(-float(sums[k]) / 2))
    )


def met_together_of(participations: Participations) -> np.ndarray:
    """:func:`app.timeline.met_together` (``(a, b, count)`` rows, ``a < b``, in that
    order) from participations already read."""
    contact, interaction = participations.contact, participations.interaction
    shared = np.bincount(interaction)[interaction] >= 2 if len(interaction) else interaction
    contact, interaction = contact[shared], interaction[shared]
    order = np.lexsort((contact, interaction))
    contact, interaction = contact[order], interaction[order]
    # Each participation pairs with the later ones of its interaction.
    rows = np.arange(len(contact))
    starts = np.flatnonzero(np.r_[True, interaction[1:] != interaction[:-1]])
    sizes = np.diff(np.r_[starts, len(contact)])
    later = np.repeat(starts + sizes, sizes) - rows - 1
    first = np.repeat(rows, later)
    offset = np.arange(len(first)) - np.repeat(np.cumsum(later) - later, later)
    a, b = contact[first], contact[first + 1 + offset]
    span = int(contact.max(initial=0)) + 1
    keys, counts = np.unique(a * span + b, return_counts=True)
    return np.column_stack([keys // span, keys % span, counts]).astype(np.int64)


def _half_lives(levels: Sequence[str], cadences: np.ndarray) -> np.ndarray:
    """Each contact's half-life in days, as :func:`app.derived.strengths` takes it: the
    cadence (0: unset), else the level's default, else 30."""
    by_level = {level: float(days) for level, days in default_cadences().items() if days}
    level, distinct = _numbered(levels)
    of_level = np.array([by_level.get(name, 30.0) for name in distinct], dtype=float)
    return np.where(cadences != 0, cadences, of_level[level] if len(level) else 0.0).astype(float)


def _reads(
    contact_ids: list[int], scope: list[int] | None, today: dt.date
) -> tuple[list[Sequence], np.ndarray, np.ndarray, tuple[np.ndarray, ...]]:
    """Everything the graph needs from the database: node columns, the strength of each
    contact (in the order of ``contact_ids``), met-together pairs and relationships.

    A big network reads all participations as arrays (:func:`read_participations`) and
    sums strengths and pairs with numpy: a third of the time of the queries per contact
    and per pair it replaces. Its scans run side by side, each on its own connection
    (SQLite lets go of the GIL while it scans): the participations, the interactions'
    days, and here the contacts and relationships."""
    if len(contact_ids) <= _ALL_ROWS_ABOVE:
        columns = _node_columns(contact_ids, today)
        strength_of = strengths(scope, today)
        strength = np.array([strength_of.get(cid, 0.0) for cid in contact_ids], dtype=float)
        met = np.array(met_together(scope), dtype=np.int64).reshape(-1, 3)
        return columns, strength, met, _relationship_columns()
    if getattr(database, "file_path", None) not in _prefetched:
        _in_parallel(prefetch_pages)  # the session's first read, maybe on a cold cache
    participations = start_participations(today)
    columns = _node_columns(contact_ids, today)
    relationships = _relationship_columns()
    half_lives = _half_lives(columns[2], columns[8])
    read = participations()
    strength = strengths_of(read, contact_ids, half_lives, today)
    return columns, strength, met_together_of(read), relationships


def build_graph(today: dt.date, flt: NetworkFilter | None = None) -> Graph:
    """The ego network of the active contacts that pass ``flt``."""
    # A million rows read and dropped: the cyclic collector's passes over them (and over
    # everything else the app holds) stalled the window for 60-110 ms at a time.
    with collector_paused():
        return _build_graph(today, flt)


def _build_graph(today: dt.date, flt: NetworkFilter | None) -> Graph:
    flt = flt or NetworkFilter()
    contact_ids = _active_contact_ids(flt, today)
    scope = None if flt.empty else contact_ids
    columns, contact_strength, met_array, (rel_source, rel_target, rel_kind) = _reads(
        contact_ids, scope, today
    )
    n = len(contact_ids) + 1
    ids = np.zeros(n, dtype=np.int64)
    ids[1:] = contact_ids
    names = [str(settings.get("user_name")), *columns[1]]
    levels = ["", *columns[2]]
    organizations = [str(settings.get("user_organization")), *columns[3]]
    circles = ["", *columns[4]]
    last_contact = DateColumn([None, *columns[5]])
    strength = np.zeros(n, dtype=float)
    strength[0] = 100.0
    strength[1:] = contact_strength
    overdue = np.zeros(n, dtype=bool)
    overdue[1:] = columns[6]
    met = np.zeros(n, dtype=bool)
    met[1:] = columns[7]

    # Node index of every contact id (-1: not in this graph), for vectorised edge lookups.
    lookup = np.full(max(contact_ids, default=0) + 1, -1, dtype=np.int64)
    lookup[ids[1:]] = np.arange(1, n)

    def nodes_of(column: np.ndarray) -> np.ndarray:
        inside = (column >= 0) & (column < len(lookup))
        found = np.full(len(column), -1, dtype=np.int64)
        found[inside] = lookup[column[inside]]
        return found

    rel_a, rel_b = nodes_of(rel_source), nodes_of(rel_target)
    keep = (rel_a > 0) & (rel_b > 0) & (rel_kind >= 0)
    rel_a, rel_b, rel_kind = rel_a[keep], rel_b[keep], rel_kind[keep]
    introduced = np.zeros(n, dtype=bool)
    introduced[rel_a[rel_kind == EDGE_KINDS.index(RelationshipType.INTRODUCED_BY.value)]] = True
    linked = np.minimum(rel_a, rel_b) * n + np.maximum(rel_a, rel_b)

    met_a, met_b = nodes_of(met_array[:, 0]), nodes_of(met_array[:, 1])
    keep = (met_a > 0) & (met_b > 0)
    keep[keep] = ~np.isin(
        np.minimum(met_a[keep], met_b[keep]) * n + np.maximum(met_a[keep], met_b[keep]), linked
    )
    met_a, met_b, met_count = met_a[keep], met_b[keep], met_array[keep, 2]

    spokes = np.flatnonzero(met | ~introduced)
    spokes = spokes[spokes > 0]
    user_pairs = np.column_stack([np.zeros(len(spokes), dtype=np.int64), spokes])
    edges = np.concatenate(
        [user_pairs, np.column_stack([rel_a, rel_b]), np.column_stack([met_a, met_b])]
    ).astype(np.int64)
    edge_kind = np.concatenate(
        [
            np.zeros(len(spokes), dtype=np.int8),
            rel_kind.astype(np.int8),
            np.full(len(met_a), EDGE_KINDS.index(EDGE_MET), dtype=np.int8),
        ]
    )
    edge_weight = np.concatenate([strength[spokes], np.ones(len(rel_a)), met_count.astype(float)])
    return Graph(
        ids=ids,
        names=names,
        levels=levels,
        organizations=organizations,
        circles=circles,
        last_contact=last_contact,
        strength=strength,
        overdue=overdue,
        edges=edges,
        edge_kind=edge_kind,
        edge_weight=edge_weight,
    )


def ring_radius(graph: Graph) -> np.ndarray:
    """Distance of each node from the user in the rings layout (0 for the user).

    Half absolute strength, half rank among the contacts, so a network of mostly weak ties
    still spreads over the whole disc; both halves fall as strength falls, so the radius
    never grows with strength. People never met (strength 0) form the outer ring.
    """
    s = graph.strength[1:]
    radius = np.zeros(graph.node_count, dtype=float)
    if len(s) == 0:
        return radius
    order = np.sort(s)
    rank = np.searchsorted(order, s, side="left") / max(len(s) - 1, 1)
    closeness = 0.5 * (s / 100.0) + 0.5 * np.clip(rank, 0.0, 1.0)
    # Equal steps of closeness cover equal areas, so the middle does not get crowded.
    r = np.sqrt(_INNER**2 + (_OUTER**2 - _INNER**2) * (1.0 - closeness))
    untouched = np.flatnonzero(s <= 0)
    r[untouched] = _OUTER + _UNTOUCHED_JITTER * (np.arange(len(untouched)) % 2)
    radius[1:] = r * RADIUS
    return radius


_C_LOOP = 10_000
"""Items per call of a loop that runs in C over Python objects (``map``, ``dict.fromkeys``):
such a call keeps the GIL to its end, and over 100,000 strings took 20-30 ms from the
window (the switch interval only interrupts Python code)."""


def _numbered(values: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """Each value's number among the distinct values, and those values (first seen
    first): dictionary work in C, a slice of :data:`_C_LOOP` values at a time."""
    number: dict[str, int] = {}
    codes = np.empty(len(values), dtype=np.int64)
    for start in range(0, len(values), _C_LOOP):
        part = values[start : start + _C_LOOP]
        for value in dict.fromkeys(part):
            number.setdefault(value, len(number))
        codes[start : start + len(part)] = np.fromiter(
            map(number.__getitem__, part), dtype=np.int64, count=len(part)
        )
    return codes, list(number)


def _casefolded(names: Sequence[str]) -> list[str]:
    """The names case folded, a slice of :data:`_C_LOOP` at a time."""
    folded: list[str] = []
    for start in range(0, len(names), _C_LOOP):
        folded += map(str.casefold, names[start : start + _C_LOOP])
    return folded


def _group_keys(graph: Graph, group_by: str) -> tuple[np.ndarray, list[str]]:
    """Each contact's group (an index into the keys) and the groups' keys: ``c:circle``,
    or ``o:organisation`` (trimmed, case folded) with people without one grouped by how
    the user met them. Each distinct organisation and circle is folded once."""
    circle_of, circles = _numbered(graph.circles[1:])
    keys: dict[str, int] = {}
    circle_key = np.array([keys.setdefault(f"c:{c}", len(keys)) for c in circles], dtype=np.int64)
    if group_by == "circle":
        return circle_key[circle_of], list(keys)
    org_of, organizations = _numbered(graph.organizations[1:])
    org_key = np.array(
        [
            keys.setdefault(f"o:{o.strip().casefold()}", len(keys)) if o.strip() else -1
            for o in organizations
        ],
        dtype=np.int64,
    )
    group = org_key[org_of]
    blank = group < 0
    group[blank] = circle_key[circle_of[blank]]
    # Only the groups somebody is in (a circle may be everybody's with an organisation).
    used = np.flatnonzero(np.bincount(group, minlength=len(keys)))
    renumber = np.full(len(keys), -1, dtype=np.int64)
    renumber[used] = np.arange(len(used))
    every = list(keys)
    return renumber[group], [every[k] for k in used.tolist()]


def rings_layout(graph: Graph, group_by: str = "organization") -> np.ndarray:
    """Strong, recent relationships near the centre; groups share an angular sector.

    Each group (organisation, else circle) gets a sector proportional to its size, the
    biggest first; inside a sector the strongest come first. Deterministic: the same
    graph always gives the same picture. Vectorised (sorts, no loop per node or group):
    100,000 contacts take about a tenth of a second.
    """
    n = graph.node_count
    pos = np.zeros((n, 2), dtype=float)
    if n <= 1:
        return pos
    radius = ring_radius(graph)
    count = n - 1
    # Group numbers through dicts: sorting 100,000 strings in numpy cost a quarter second.
    group, unique = _group_keys(graph, group_by)
    sizes = np.bincount(group, minlength=len(unique))
    # Biggest group first, then by key; ``rank`` is each group's place in that order.
    group_order = np.array(
        sorted(range(len(unique)), key=lambda g: (-sizes[g], unique[g])), dtype=np.int64
    )
    rank = np.empty(len(unique), dtype=np.int64)
    rank[group_order] = np.arange(len(unique))
    node_group = rank[group]  # per contact (node i + 1), the rank of its group
    group_size = sizes[group_order].astype(float)  # by rank
    gap = 0.0 if len(unique) == 1 else min(0.15 * 2 * math.pi / len(unique), 0.12)
    usable = 2 * math.pi - gap * len(unique)
    span = usable * group_size / count
    start = np.empty(len(unique), dtype=float)
    start[0] = math.pi / 2
    # Same additions in the same order as walking the groups one by one.
    accumulated = math.pi / 2
    for g in range(1, len(unique)):
        accumulated += span[g - 1] + gap
        start[g] = accumulated
    first_of_group = np.concatenate([[0], np.cumsum(group_size[:-1])]).astype(np.int64)
    # Inside a group: strongest first, then by name and node index.
    strength = graph.strength[1:]
    folded = _casefolded(graph.names[1:])
    name_rank = np.empty(count, dtype=np.int64)  # by name, then node index (a stable sort)
    name_rank[sorted(range(count), key=folded.__getitem__)] = np.arange(count)
    by_strength = np.lexsort((name_rank, -strength, node_group))
    k = np.empty(count, dtype=np.int64)  # each contact's place inside its group
    k[by_strength] = np.arange(count) - first_of_group[node_group[by_strength]]
    # The k-th strongest takes slot frac(k * golden ratio): people at similar distances
    # land far apart inside the sector instead of piling up side by side.
    spread = np.modf(k * _GOLDEN)[0]
    by_spread = np.lexsort((k, spread, node_group))
    slot = np.empty(count, dtype=np.int64)
    slot[by_spread] = np.arange(count) - first_of_group[node_group[by_spread]]
    step = span[node_group] / group_size[node_group]
    angle = np.zeros(n, dtype=float)
    angle[1:] = start[node_group] + step * (slot + 0.5)
    pos[:, 0] = radius * np.cos(angle)
    pos[:, 1] = radius * np.sin(angle)
    pos[0] = 0.0
    return pos


FORCE_CORE = 20_000
"""Above this many contacts the force layout runs on the strongest ones only (see
:func:`force_layout`)."""


def force_iterations(node_count: int) -> int:
    """How many Fruchterman–Reingold steps a graph this big gets.

    Big graphs start from the rings positions, not from chaos, so they need fewer steps
    to settle; measured (2 busy cores): 2,000 nodes 300 steps ≈ 0.3 s, 20,000 nodes 50
    steps ≈ 0.5 s.
    """
    if node_count <= 2500:
        return 300
    if node_count <= 8000:
        return 150
    return 50


def force_layout(
    graph: Graph,
    seed: np.ndarray | None = None,
    iterations: int | None = None,
    *,
    isolated: bool = False,
) -> np.ndarray:
    """Fruchterman–Reingold (igraph, grid approximation), started from ``seed``.

    Starting from the rings positions keeps the picture stable between runs; user edges
    pull with the contact's strength, so strong ties stay close. The user is pinned at
    the centre through igraph's per-vertex bounds. Big graphs get fewer iterations: they
    start from the rings positions, not from chaos.

    Two levels above :data:`FORCE_CORE` contacts: igraph's grid layout grows faster than
    the graph there (20,000 → 100,000 nodes: × 13 a step), so the strongest
    :data:`FORCE_CORE` are laid out by force and everyone else is placed beside their
    strongest tie among them (else where the rings put them). Linear in the rest.

    ``isolated``: run igraph in the layout process (see :func:`layout_process`), because
    igraph keeps the GIL for the whole layout: on a thread of the app it froze the window
    for as long as the layout ran (0.3 s at 2,000 contacts, over a second at 100,000).
    """
    n = graph.node_count
    if n <= 1:
        return np.zeros((n, 2), dtype=float)
    if seed is None:
        seed = rings_layout(graph)
    if n > FORCE_CORE + 1:
        return _two_level_layout(graph, seed, iterations, isolated)
    return _fruchterman_reingold(
        n, graph.edges, graph.edge_kind, graph.edge_weight, seed, iterations, isolated
    )


def _fruchterman_reingold(
    n: int,
    edges: np.ndarray,
    edge_kind: np.ndarray,
    edge_weight: np.ndarray,
    seed: np.ndarray,
    iterations: int | None,
    isolated: bool = False,
) -> np.ndarray:
    if iterations is None:
        iterations = force_iterations(n)
    user_edges = edge_kind == 0
    # Spokes to the user pull gently (else everyone piles onto the centre); ties between
    # contacts pull fully, so groups that know each other form visible clusters.
    weights = np.where(user_edges, 0.02 + 0.3 * edge_weight / 100.0, 1.0)
    # igraph's natural scale is about sqrt(N); start there so the temperature fits.
    scale = math.sqrt(n) / RADIUS
    start = seed * scale
    args = (n, np.asarray(edges, dtype=np.int64), weights, start, iterations)
    if isolated:
        try:
            pos = layout_process().submit(_igraph_fruchterman_reingold, *args).result()
        except BrokenProcessPool:
            log.warning("the layout process failed; laying out on this thread instead")
            _forget_layout_process()
            pos = _igraph_fruchterman_reingold(*args)
    else:
        pos = _igraph_fruchterman_reingold(*args)
    pos -= pos[0]
    return _fit_disc(pos)


def _igraph_fruchterman_reingold(
    n: int, edges: np.ndarray, weights: np.ndarray, start: np.ndarray, iterations: int
) -> np.ndarray:
    """igraph's grid Fruchterman–Reingold with the user (node 0) pinned at the origin;
    plain arrays in and out, so it runs in the layout process as well as here."""
    g = igraph.Graph(n=n, edges=edges.tolist())
    big = float(n) * 10.0
    lower = [-big] * n
    upper = [big] * n
    lower[0] = upper[0] = 0.0
    layout = g.layout_fruchterman_reingold(
        weights=weights.tolist(),
        niter=iterations,
        seed=start.tolist(),
        grid=True,
        minx=lower,
        maxx=upper,
        miny=lower,
        maxy=upper,
    )
    return np.asarray(layout.coords, dtype=float)


_layout_pool: ProcessPoolExecutor | None = None
_layout_pool_lock = threading.Lock()


def layout_process() -> ProcessPoolExecutor:
    """The one process that runs force layouts for the app (started on first use, a
    fresh interpreter: never a fork of a process with Qt's threads in it)."""
    global _layout_pool
    with _layout_pool_lock:
        if _layout_pool is None:
            _layout_pool = ProcessPoolExecutor(
                1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_exit_with_parent,
                initargs=(os.getpid(),),
            )
        return _layout_pool


def _exit_with_parent(parent: int) -> None:
    """In the layout process: end when the app is gone. A killed or crashed app cannot
    tell its pool to stop, and the process would wait for work forever."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="allies-layout-watch", daemon=True).start()


def start_layout_process() -> None:
    """Start the layout process ahead of the first force layout (it imports numpy and
    igraph: about half a second, in its own process); returns without waiting for it."""
    layout_process().submit(int)


def _forget_layout_process() -> None:
    global _layout_pool
    with _layout_pool_lock:
        pool, _layout_pool = _layout_pool, None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


_NEIGHBOUR_GAP = 0.025  # × RADIUS: how far from their tie the people of the outer level sit


def _two_level_layout(
    graph: Graph, seed: np.ndarray, iterations: int | None, isolated: bool = False
) -> np.ndarray:
    n = graph.node_count
    core = np.zeros(n, dtype=bool)
    core[0] = True
    core[np.argsort(-graph.strength[1:], kind="stable")[:FORCE_CORE] + 1] = True
    members = np.flatnonzero(core)
    renumber = np.full(n, -1, dtype=np.int64)
    renumber[members] = np.arange(len(members))
    a, b = graph.edges[:, 0], graph.edges[:, 1]
    inside = core[a] & core[b]
    pos = seed.astype(float).copy()
    pos[members] = _fruchterman_reingold(
        len(members),
        renumber[graph.edges[inside]],
        graph.edge_kind[inside],
        graph.edge_weight[inside],
        seed[members],
        iterations,
        isolated,
    )
    # Everyone else: beside their strongest tie (not the user) among the core.
    across = (core[a] != core[b]) & (graph.edge_kind != 0)
    outer = np.where(core[a], b, a)[across]
    anchor = np.where(core[a], a, b)[across]
    order = np.lexsort((graph.edge_weight[across], outer))
    outer, anchor = outer[order], anchor[order]
    last = np.ones(len(outer), dtype=bool)
    last[:-1] = outer[1:] != outer[:-1]  # the heaviest tie of each is the last of its run
    outer, anchor = outer[last], anchor[last]
    turn = np.arange(len(outer)) * 2.399963  # golden angle: neighbours fan out
    pos[outer, 0] = pos[anchor, 0] + _NEIGHBOUR_GAP * RADIUS * np.cos(turn)
    pos[outer, 1] = pos[anchor, 1] + _NEIGHBOUR_GAP * RADIUS * np.sin(turn)
    pos[0] = 0.0
    return _fit_disc(pos)


def _fit_disc(pos: np.ndarray) -> np.ndarray:
    """Scale so most nodes fill the disc, pull stragglers onto its rim, clear the centre.

    One far-flung component must not shrink everybody else into a dot, and nobody may sit
    on top of the user.
    """
    distance = np.hypot(pos[:, 0], pos[:, 1])
    extent = float(np.percentile(distance[1:], 97)) if len(distance) > 1 else 0.0
    if extent <= 0:
        return pos
    pos = pos * (RADIUS / extent)
    distance = distance * (RADIUS / extent)
    target = np.clip(distance, _CLEAR_CENTRE * RADIUS, RADIUS)
    target[0] = 0.0
    with np.errstate(invalid="ignore", divide="ignore"):
        factor = np.where(distance > 0, target / distance, 1.0)
    pos = pos * factor[:, None]
    stuck = np.flatnonzero(distance[1:] == 0) + 1  # exactly on the user: give a direction
    angle = np.arange(len(stuck)) * 2.399963  # golden angle
    pos[stuck, 0] = _CLEAR_CENTRE * RADIUS * np.cos(angle)
    pos[stuck, 1] = _CLEAR_CENTRE * RADIUS * np.sin(angle)
    return pos


def layout(graph: Graph, kind: str, isolated: bool = False) -> np.ndarray:
    """Positions for one of :data:`LAYOUTS` (``isolated``: see :func:`force_layout`)."""
    if kind == "rings":
        return rings_layout(graph)
    if kind == "force":
        return force_layout(graph, rings_layout(graph), isolated=isolated)
    raise ValueError(f"unknown layout {kind!r}")


@dataclass
class NetworkPicture:
    """A built graph with its positions: what one network-view refresh needs."""

    graph: Graph
    positions: np.ndarray
    layout: str
    flt: NetworkFilter


def compute_network(
    today: dt.date, flt: NetworkFilter, kind: str, isolated: bool = False
) -> NetworkPicture:
    """Build the graph and lay it out (run off the GUI thread)."""
    graph = build_graph(today, flt)
    return NetworkPicture(graph, layout(graph, kind, isolated), kind, flt)


def _path_graph(graph: Graph) -> tuple[igraph.Graph, list[float]]:
    g = igraph.Graph(n=graph.node_count, edges=graph.edges.tolist())
    # Fewest hops first; among equally short chains, the one through stronger people.
    weakest = np.minimum(graph.strength[graph.edges[:, 0]], graph.strength[graph.edges[:, 1]])
    costs = 1.0 + 0.001 * (1.0 - weakest / 100.0)
    return g, costs.tolist()


def introduction_path(graph: Graph, contact_id: int) -> list[int] | None:
    """Contact ids from the user (:data:`USER`) to ``contact_id``, each introducing the next.

    None when the contact is not in the graph or nothing connects the user to them.
    """
    target = graph.index_of(contact_id)
    if target is None:
        return None
    if target == 0:
        return [USER]
    g, costs = _path_graph(graph)
    if target not in set(g.subcomponent(0)):
        return None
    nodes = g.get_shortest_path(0, to=target, weights=costs, output="vpath")
    return [int(graph.ids[i]) for i in nodes]


def path_edges(graph: Graph, path: list[int]) -> np.ndarray:
    """Indexes of the edges that join consecutive people of a path (one per step)."""
    found: list[int] = []
    nodes = [graph.index_of(cid) for cid in path]
    for a, b in zip(nodes, nodes[1:], strict=False):
        hits = np.flatnonzero(
            ((graph.edges[:, 0] == a) & (graph.edges[:, 1] == b))
            | ((graph.edges[:, 0] == b) & (graph.edges[:, 1] == a))
        )
        if len(hits):
            found.append(int(hits[0]))
    return np.array(found, dtype=np.int64)


MIN_BROKER_GROUP = 2
"""A broker must separate at least two groups of at least this many people."""


@dataclass(frozen=True)
class Broker:
    """A contact whose absence splits the contact–contact network into real groups.

    ``parts`` are the sizes of the pieces their component falls into without them,
    largest first; ``cut_off`` is everybody outside the largest piece (the people who
    would lose their last link to the rest); ``groups`` counts the pieces of at least
    :data:`MIN_BROKER_GROUP` people (always two or more).
    """

    contact_id: int
    name: str
    parts: tuple[int, ...]
    cut_off: int
    groups: int


def _split_parts(n: int, edges: list[tuple[int, int]]) -> dict[int, list[int]]:
    """For every articulation point, the sizes of the pieces its removal leaves.

    One iterative depth-first search (Hopcroft–Tarjan low points) over an undirected
    simple graph of ``n`` vertices: a child subtree whose low point does not reach above
    ``v`` falls off when ``v`` goes; whatever is left of ``v``'s component is one more
    piece (for a non-root ``v``). Linear in the size of the graph.
    """
    adjacency: list[list[int]] = [[] for _ in range(n)]
    for a, b in edges:
        adjacency[a].append(b)
        adjacency[b].append(a)
    order = [-1] * n  # discovery time
    low = [0] * n
    size = [1] * n  # size of the DFS subtree
    parts: dict[int, list[int]] = {}
    clock = 0
    for root in range(n):
        if order[root] != -1:
            continue
        order[root] = low[root] = clock
        clock += 1
        members = [root]
        stack: list[tuple[int, int, int]] = [(root, -1, 0)]  # vertex, parent, next neighbour
        while stack:
            v, parent, k = stack[-1]
            if k < len(adjacency[v]):
                stack[-1] = (v, parent, k + 1)
                w = adjacency[v][k]
                if order[w] == -1:
                    order[w] = low[w] = clock
                    clock += 1
                    members.append(w)
                    stack.append((w, v, 0))
                elif w != parent:
                    low[v] = min(low[v], order[w])
                continue
            stack.pop()
            if parent >= 0:
                low[parent] = min(low[parent], low[v])
                size[parent] += size[v]
                if low[v] >= order[parent]:
                    parts.setdefault(parent, []).append(size[v])
        # The root is a cut vertex only with two or more child subtrees; for anyone
        # else, the rest of the component (above them in the tree) is one more piece.
        total = len(members)
        for v in members:
            pieces = parts.get(v)
            if pieces is None:
                continue
            if v == root:
                if len(pieces) < 2:
                    del parts[v]
                continue
            rest = total - 1 - sum(pieces)
            if rest > 0:
                pieces.append(rest)
    return parts


def broker_splits(today: dt.date, min_group: int = MIN_BROKER_GROUP) -> list[Broker]:
    """The brokers of the network with the pieces each one holds together, most
    important first (see :func:`brokers`)."""
    graph = build_graph(today)
    if graph.node_count <= 1:
        return []
    contact_edges = graph.edges[graph.edge_kind != 0] - 1
    pairs = {(min(a, b), max(a, b)) for a, b in contact_edges.tolist() if a != b}
    found: list[tuple[tuple[object, ...], Broker]] = []
    for v, pieces in _split_parts(graph.node_count - 1, sorted(pairs)).items():
        pieces.sort(reverse=True)
        groups = sum(1 for p in pieces if p >= min_group)
        if groups < 2:
            continue
        broker = Broker(
            contact_id=int(graph.ids[v + 1]),
            name=graph.names[v + 1],
            parts=tuple(pieces),
            cut_off=sum(pieces[1:]),
            groups=groups,
        )
        key = (-broker.cut_off, -groups, broker.name.casefold(), broker.contact_id)
        found.append((key, broker))
    found.sort(key=lambda item: item[0])
    return [b for _, b in found]


def brokers(today: dt.date, min_group: int = MIN_BROKER_GROUP) -> list[int]:
    """Contacts whose absence splits the network into separate groups (SPEC §5 ``broker``).

    Only ties between contacts count: the user is left out, otherwise everybody hangs off
    the user and nobody would be a broker. A broker is an articulation point of that
    contact–contact graph whose removal leaves **at least two pieces of at least**
    ``min_group`` **people each** (default :data:`MIN_BROKER_GROUP`, 2). Why groups, not
    any split: every contact someone else knows only through one person makes that person
    an articulation point; in a real network that is mostly one-off acquaintances hanging
    off a colleague (a demo network of 150 had 31 such "brokers"). Being the only bridge
    between two groups of people who know each other is what makes a relationship worth
    protecting; a lone acquaintance is not a group.

    Ordered by how many people would be cut off (everybody outside the largest remaining
    piece, lone acquaintances included), most first; then by the number of groups held
    together, name and id.
    """
    return [b.contact_id for b in broker_splits(today, min_group)]

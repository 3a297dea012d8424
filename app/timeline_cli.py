"""``allies timeline``: the history from the command line (SPEC §5).

The entries come from :func:`app.timeline_query.timeline_page` (the same filters as the
timeline view); this module adds what the JSON needs beyond a page of the view (uids, the
participants' uids, every exchange with its contact) and the documented order: newest
first, entries of one day ordered by ``uid``, so two databases that hold the same history
print the same list.

JSON: a list of ``{id, uid, entry: interaction|exchange, date, kind, summary, notes,
participants: [{id, uid, name}], exchanges: [{direction, kind, description, weight,
outcome, thanked, contact_id}]}``. An exchange logged without an interaction is an entry
of its own: its ``kind`` is the exchange kind, its ``summary`` the description, its one
participant the contact, and ``exchanges`` holds the exchange itself.
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any

from app.models import InteractionKind, database
from app.timeline_query import (
    EXCHANGE,
    EXCHANGES_ONLY,
    INTERACTION,
    TimelineFilter,
    timeline_page,
)

_PAGE = 2000
KIND_CHOICES = [k.value for k in InteractionKind] + [EXCHANGES_ONLY]


def arguments(p: argparse.ArgumentParser, iso_date: Any) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--with",
        dest="with_",
        metavar="NAME",
        help="only the history with this contact (id or case-insensitive full name)",
    )
    p.add_argument(
        "--kind",
        choices=KIND_CHOICES,
        metavar="KIND",
        help="%(choices)s ('exchanges': those logged without an interaction)",
    )
    p.add_argument("--since", type=iso_date, metavar="DATE", help="from this day (included)")
    p.add_argument("--until", type=iso_date, metavar="DATE", help="to this day (included)")
    p.add_argument(
        "--text", default="", metavar="WORDS", help="every word must start a word of the entry"
    )


def timeline_filter(args: argparse.Namespace) -> TimelineFilter:
    from app.contacts import find_contact

    contact_id = find_contact(args.with_).id if args.with_ else None
    return TimelineFilter(
        kind=args.kind,
        contact_id=contact_id,
        date_from=args.since,
        date_to=args.until,
        text=args.text,
    )


def timeline_records(flt: TimelineFilter) -> list[dict[str, Any]]:
    """The ``timeline --json`` objects matching ``flt``, in the documented order."""
    interaction_ids: list[int] = []
    exchange_ids: list[int] = []
    cursor = None
    while True:
        page = timeline_page(flt, cursor, limit=_PAGE)
        for entry in page.entries:
            (interaction_ids if entry.type == INTERACTION else exchange_ids).append(entry.id)
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    records = [*_interaction_records(interaction_ids), *_exchange_records(exchange_ids)]
    words = _words(flt.text)
    if words:
        records = [r for r in records if _matches(r, words)]
    records.sort(key=lambda r: r["uid"] or "")
    records.sort(key=lambda r: r["date"], reverse=True)
    return records


def _chunks(ids: Sequence[int], size: int = 500) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


def _exchange_record(row: Sequence[Any]) -> dict[str, Any]:
    direction, kind, description, weight, outcome, thanked, contact_id = row
    return {
        "direction": direction,
        "kind": kind,
        "description": description,
        "weight": int(weight),
        "outcome": outcome,
        "thanked": bool(thanked),
        "contact_id": contact_id,
    }


def _exchange_order(ex: dict[str, Any], names: dict[int, tuple[str, str]]) -> tuple:
    name, uid = names.get(ex["contact_id"], ("", ""))
    return (ex["direction"], ex["kind"], ex["description"], name.casefold(), uid or "")


def _interaction_records(ids: Sequence[int]) -> Iterator[dict[str, Any]]:
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        records: dict[int, dict[str, Any]] = {}
        for iid, uid, day, kind, summary, notes in database.execute_sql(
            "SELECT id, uid, occurred_on, kind, summary, notes FROM interaction "
            f"WHERE id IN ({marks})",
            chunk,
        ):
            records[iid] = {
                "id": iid,
                "uid": uid,
                "entry": INTERACTION,
                "date": str(day)[:10],
                "kind": kind,
                "summary": summary,
                "notes": notes,
                "participants": [],
                "exchanges": [],
            }
        names: dict[int, tuple[str, str]] = {}
        for iid, cid, cuid, name in database.execute_sql(
            "SELECT p.interaction_id, c.id, c.uid, c.formatted_name FROM participant p "
            f"JOIN contact c ON c.id = p.contact_id WHERE p.interaction_id IN ({marks})",
            chunk,
        ):
            records[iid]["participants"].append({"id": cid, "uid": cuid, "name": name})
        for iid, *row in database.execute_sql(
            "SELECT e.interaction_id, e.direction, e.kind, e.description, e.weight, e.outcome, "
            f"e.thanked, e.contact_id FROM exchange e WHERE e.interaction_id IN ({marks})",
            chunk,
        ):
            records[iid]["exchanges"].append(_exchange_record(row))
        for record in records.values():
            for p in record["participants"]:
                names[p["id"]] = (p["name"], p["uid"] or "")
            record["participants"].sort(key=lambda p: (p["name"].casefold(), p["uid"] or ""))
            record["exchanges"].sort(key=lambda ex: _exchange_order(ex, names))
        yield from (records[i] for i in chunk if i in records)


def _exchange_records(ids: Sequence[int]) -> Iterator[dict[str, Any]]:
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        for (
            xid,
            uid,
            day,
            contact_id,
            contact_uid,
            name,
            *row,
        ) in database.execute_sql(
            "SELECT e.id, e.uid, e.occurred_on, e.contact_id, c.uid, c.formatted_name, "
            "e.direction, e.kind, e.description, e.weight, e.outcome, e.thanked, e.contact_id "
            f"FROM exchange e JOIN contact c ON c.id = e.contact_id WHERE e.id IN ({marks})",
            chunk,
        ):
            exchange = _exchange_record(row)
            yield {
                "id": xid,
                "uid": uid,
                "entry": EXCHANGE,
                "date": str(day)[:10],
                "kind": exchange["kind"],
                "summary": exchange["description"],
                "notes": "",
                "participants": [{"id": contact_id, "uid": contact_uid, "name": name}],
                "exchanges": [exchange],
            }


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", _fold(text))


def _matches(record: dict[str, Any], words: list[str]) -> bool:
    """Every search word starts a word of the entry (texts, names, what was exchanged)."""
    parts = [record["summary"], record["notes"]]
    parts += [p["name"] for p in record["participants"]]
    parts += [f"{ex['description']} {ex['outcome']}" for ex in record["exchanges"]]
    have = _words(" ".join(parts))
    return all(any(h.startswith(w) for h in have) for w in words)


def run(args: argparse.Namespace, print_json_list: Any) -> int:
    records = timeline_records(timeline_filter(args))
    if args.json:
        print_json_list(records)
        return 0
    if not records:
        print("No entry matches.")
        return 0
    for r in records:
        names = ", ".join(p["name"] for p in r["participants"])
        marks = "".join(
            dict.fromkeys(
                f" [{'gave' if ex['direction'] == 'gave' else 'received'} {ex['kind']}]"
                for ex in r["exchanges"]
            )
        )
        print(f"{r['date']}  {r['kind']:<14} {r['summary']}  ({names}){marks}")
    return 0

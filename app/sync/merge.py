"""The three-way merge of one object's fields (SPEC §10).

Each object is a dict of JSON values. With the base (what both sides had after the last
sync): a change on one side wins; changes to different fields are both kept; list fields
named in ``set_fields`` merge as sets (an item removed on one side is removed, unless the
other side added it anew; items added on either side are kept, local order first); a
field changed on both sides to different values keeps the newer edit and reports the other
as a :class:`FieldConflict`. "Newer" compares the local field's change time with the
remote object's time (ISO 8601 UTC strings); on a tie the server wins.

Without a base (the first sync links a card to a contact found by UID, e-mail or phone)
an empty value takes the other side's, lists unite, and differing values follow the same
newer-wins rule.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

Fields = dict[str, Any]


@dataclass(frozen=True)
class FieldConflict:
    field: str
    kept: Any
    other: Any
    kept_side: str  # "local" | "remote"


@dataclass
class MergeResult:
    merged: Fields
    conflicts: list[FieldConflict] = field(default_factory=list)


def _empty(value: Any) -> bool:
    return value in (None, "", [], 0, False) and value is not True


def merge_sets(
    base: list[Any] | None,
    local: list[Any],
    remote: list[Any],
    key: Callable[[Any], Any] | None = None,
) -> list[Any]:
    """Items are the same item when their ``key`` is equal (an e-mail address whatever its
    label); an item whose other parts (the label) changed on one side takes that side's."""
    ident = key or _hashable
    b = {ident(x): _hashable(x) for x in base or []}
    r = {ident(x): x for x in remote}
    l_keys = {ident(x) for x in local}
    result = []
    for x in local:
        k = ident(x)
        if k in r:
            theirs = r[k]
            result.append(theirs if b.get(k) == _hashable(x) else x)
        elif k not in b:
            result.append(x)
    result += [x for x in remote if ident(x) not in l_keys and ident(x) not in b]
    return result


def _hashable(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    return value


def merge3(
    base: Mapping[str, Any] | None,
    local: Mapping[str, Any],
    remote: Mapping[str, Any],
    *,
    set_fields: Collection[str] = (),
    local_times: Mapping[str, str] | None = None,
    local_default_time: str = "",
    remote_time: str = "",
    set_key: Callable[[str, Any], Any] | None = None,
) -> MergeResult:
    times = local_times or {}
    merged: Fields = {}
    conflicts: list[FieldConflict] = []
    for name in dict.fromkeys([*local, *remote]):
        lv, rv = local.get(name), remote.get(name)
        bv = base.get(name) if base is not None else None
        if name in set_fields:
            key = (lambda x, n=name: set_key(n, x)) if set_key is not None else None
            merged[name] = merge_sets(bv if base is not None else [], lv or [], rv or [], key)
            continue
        if lv == rv:
            merged[name] = lv
        elif base is not None and lv == bv:
            merged[name] = rv
        elif base is not None and rv == bv:
            merged[name] = lv
        elif base is None and _empty(rv):
            merged[name] = lv
        elif base is None and _empty(lv):
            merged[name] = rv
        else:
            local_time = times.get(name, local_default_time)
            if local_time > remote_time:
                merged[name] = lv
                conflicts.append(FieldConflict(name, lv, rv, "local"))
            else:
                merged[name] = rv
                conflicts.append(FieldConflict(name, rv, lv, "remote"))
    return MergeResult(merged, conflicts)

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

from collections.abc import Collection, Mapping
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


def merge_sets(base: list[Any] | None, local: list[Any], remote: list[Any]) -> list[Any]:
    b = set(map(_hashable, base or []))
    r_keys = set(map(_hashable, remote))
    l_keys = set(map(_hashable, local))
    result = [x for x in local if _hashable(x) in r_keys or _hashable(x) not in b]
    result += [x for x in remote if _hashable(x) not in l_keys and _hashable(x) not in b]
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
) -> MergeResult:
    times = local_times or {}
    merged: Fields = {}
    conflicts: list[FieldConflict] = []
    for name in dict.fromkeys([*local, *remote]):
        lv, rv = local.get(name), remote.get(name)
        bv = base.get(name) if base is not None else None
        if name in set_fields:
            merged[name] = merge_sets(bv if base is not None else [], lv or [], rv or [])
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

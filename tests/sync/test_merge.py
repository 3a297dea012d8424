"""The three-way merge rules of SPEC §10, field by field."""

from __future__ import annotations

from app.sync.merge import merge3, merge_sets

SETS = {"emails", "tags"}
T_OLD, T_NEW = "2026-01-01T10:00:00.000Z", "2026-01-02T10:00:00.000Z"


def test_a_change_on_one_side_wins() -> None:
    base = {"title": "Engineer", "notes": "a"}
    result = merge3(base, {"title": "Director", "notes": "a"}, base, set_fields=SETS)
    assert result.merged == {"title": "Director", "notes": "a"} and not result.conflicts
    result = merge3(base, base, {"title": "Engineer", "notes": "b"}, set_fields=SETS)
    assert result.merged == {"title": "Engineer", "notes": "b"} and not result.conflicts


def test_changes_to_different_fields_are_both_kept() -> None:
    base = {"title": "Engineer", "phone": "1"}
    result = merge3(base, {"title": "Director", "phone": "1"}, {"title": "Engineer", "phone": "2"})
    assert result.merged == {"title": "Director", "phone": "2"} and not result.conflicts


def test_same_field_keeps_the_newer_edit_and_records_the_other() -> None:
    base = {"title": "Engineer"}
    local_newer = merge3(
        base,
        {"title": "Director"},
        {"title": "Lead"},
        local_times={"title": T_NEW},
        remote_time=T_OLD,
    )
    assert local_newer.merged == {"title": "Director"}
    [c] = local_newer.conflicts
    assert (c.field, c.kept, c.other, c.kept_side) == ("title", "Director", "Lead", "local")
    remote_newer = merge3(
        base,
        {"title": "Director"},
        {"title": "Lead"},
        local_times={"title": T_OLD},
        remote_time=T_NEW,
    )
    assert remote_newer.merged == {"title": "Lead"}
    assert remote_newer.conflicts[0].other == "Director"


def test_on_a_tie_the_server_wins() -> None:
    result = merge3(
        {"title": "a"},
        {"title": "b"},
        {"title": "c"},
        local_times={"title": T_OLD},
        remote_time=T_OLD,
    )
    assert result.merged == {"title": "c"} and result.conflicts[0].kept_side == "remote"


def test_sets_merge_and_a_removal_beats_the_unchanged_side() -> None:
    assert merge_sets(["a", "b"], ["a"], ["a", "b", "c"]) == ["a", "c"]
    assert merge_sets(["a", "b"], ["a", "b", "d"], ["b"]) == ["b", "d"]
    assert merge_sets([], ["x"], ["y"]) == ["x", "y"]
    result = merge3(
        {"emails": [["a@x.org", "work"]]},
        {"emails": [["a@x.org", "work"], ["b@x.org", "home"]]},
        {"emails": []},
        set_fields=SETS,
    )
    assert result.merged == {"emails": [["b@x.org", "home"]]} and not result.conflicts


def test_without_a_base_empty_values_are_filled_and_lists_united() -> None:
    result = merge3(
        None,
        {"title": "", "org": "ACME", "tags": ["a"]},
        {"title": "Director", "org": "ACME", "tags": ["b"]},
        set_fields=SETS,
    )
    assert result.merged == {"title": "Director", "org": "ACME", "tags": ["a", "b"]}
    assert not result.conflicts


def test_one_address_is_one_item_whatever_its_label() -> None:
    def key(field: str, item: list[str]) -> str:
        return item[0]

    no_base = merge3(
        None,
        {"emails": [["a@x.org", "work"]]},
        {"emails": [["a@x.org", ""], ["b@x.org", ""]]},
        set_fields=SETS,
        set_key=key,
    )
    assert no_base.merged == {"emails": [["a@x.org", "work"], ["b@x.org", ""]]}
    relabelled = merge3(
        {"emails": [["a@x.org", "work"]]},
        {"emails": [["a@x.org", "work"]]},
        {"emails": [["a@x.org", "home"]]},
        set_fields=SETS,
        set_key=key,
    )
    assert relabelled.merged == {"emails": [["a@x.org", "home"]]}

"""Pausing the cyclic garbage collector (app/collector.py): pauses on several threads at
once, what stays frozen and what goes back to the collector."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from app import collector
from app.collector import collector_paused


@pytest.fixture(autouse=True)
def clean_collector(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    gc.unfreeze()
    gc.enable()
    monkeypatch.setattr(collector, "_kept_frozen", False)  # nothing is frozen now
    yield
    gc.unfreeze()
    gc.enable()


def test_the_collector_runs_again_only_when_the_last_of_overlapping_pauses_ends() -> None:
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def first() -> None:
        with collector_paused():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second() -> None:
        first_in.wait(5)
        with collector_paused():
            second_in.set()
            first_out.wait(5)
            seen["after the first ended"] = gc.isenabled()
        seen["after both ended"] = gc.isenabled()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == {"after the first ended": False, "after both ended": True}


def test_a_collector_turned_off_by_someone_else_stays_off() -> None:
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_what_a_pause_leaves_goes_to_the_oldest_generation_not_frozen() -> None:
    with collector_paused():
        kept = [[n] for n in range(10_000)]
    assert gc.get_freeze_count() == 0
    assert gc.get_count()[0] < 1_000  # the young generation does not hold them
    assert kept[-1] == [9_999]


def test_keep_frozen_and_an_earlier_freeze_keep_what_is_left_frozen() -> None:
    with collector_paused(keep_frozen=True):
        modules = [[n] for n in range(5_000)]
    frozen = gc.get_freeze_count()
    assert frozen >= 5_000
    with collector_paused():  # the start-up froze already: an import's rows join them
        rows = [[n] for n in range(5_000)]
    assert gc.get_freeze_count() >= frozen + 5_000
    assert modules[0] == [0] and rows[0] == [0]


def test_a_pause_does_not_count_the_frozen_objects(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counting them walks every frozen object with the GIL held (11-30 ms after the
    start-up froze its modules, at the end of each of an import's pauses)."""
    with collector_paused(keep_frozen=True):
        modules = [[n] for n in range(1_000)]

    def walk() -> int:
        raise AssertionError("gc.get_freeze_count walks every frozen object")

    monkeypatch.setattr(gc, "get_freeze_count", walk)
    with collector_paused():
        rows = [[n] for n in range(1_000)]
    assert modules[0] == [0] and rows[0] == [0]

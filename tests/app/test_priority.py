"""Background threads run at a lower CPU priority than the main (GUI) thread, once."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from app.priority import BACKGROUND_NICENESS, lower_this_thread, thread_niceness

T = TypeVar("T")


def stat_niceness(tid: int, pid: int | None = None) -> int:
    """A thread's nice value as the kernel shows it (field 19 of its ``stat``)."""
    where = f"/proc/{pid}/stat" if pid else f"/proc/self/task/{tid}/stat"
    text = Path(where).read_text()
    return int(text[text.rindex(")") + 2 :].split()[16])


def on_a_thread(fn: Callable[[], T]) -> T:
    out: list[T] = []
    worker = threading.Thread(target=lambda: out.append(fn()))
    worker.start()
    worker.join()
    return out[0]


def test_a_thread_is_lowered_once_and_the_main_thread_is_not() -> None:
    main = stat_niceness(threading.get_native_id())
    target = min(19, main + BACKGROUND_NICENESS)

    def work() -> tuple[int | None, int | None, int, int, int]:
        first = lower_this_thread()
        again = lower_this_thread()  # already there: not lowered a second time
        seen = stat_niceness(threading.get_native_id())
        # A thread it starts inherits its nice value and is not lowered further.
        child = on_a_thread(lambda: (lower_this_thread(), stat_niceness(threading.get_native_id())))
        return first, again, seen, child[0], child[1]  # type: ignore[return-value]

    first, again, seen, child_said, child_seen = on_a_thread(work)
    assert first == again == seen == target
    assert child_said == child_seen == target
    assert stat_niceness(threading.get_native_id()) == main == thread_niceness()
    assert os.getpriority(os.PRIO_PROCESS, os.getpid()) == main


def test_a_lowered_thread_still_does_its_work() -> None:
    def work() -> int:
        lower_this_thread()
        return sum(i * i for i in range(100_000))

    assert on_a_thread(work) == sum(i * i for i in range(100_000))

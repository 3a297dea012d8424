"""Keep Python's cyclic garbage collector from stalling the window during bulk work.

A full collection walks every tracked object of the process with the GIL held, on
whichever thread happens to allocate: with a 100,000-contact database open, 60-110 ms
during which the GUI thread cannot run a line of Python.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector while a worker builds many objects without cycles
    (rows read from SQLite, arrays): reference counting still frees them.

    What is still alive at the end goes straight to the oldest generation (a freeze and
    unfreeze move the lists in one step), where the first young collection afterwards
    would walk all of it. Skipped if someone else froze objects; cycles made meanwhile
    are collected by the next full collection.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()

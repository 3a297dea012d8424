"""Keep Python's cyclic garbage collector from stalling the window during bulk work.

A full collection walks every tracked object of the process with the GIL held, on
whichever thread happens to allocate: with a 100,000-contact database open, 60-110 ms
during which the GUI thread cannot run a line of Python. Bulk work (reading a big
network, an import, the start-up's background imports) makes many objects without
cycles, so it pauses the collector; reference counting still frees everything.

One pause per process at a time is what the collector knows (``gc.disable`` is global),
while the app runs several pauses on several threads at once: they are counted here, and
the collector runs again when the last one ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_resume = False  # whether the collector ran when the first pause began
# Whether objects are frozen for good: a pause with keep_frozen ended, or something froze
# before this module loaded. Known here because asking the collector
# (gc.get_freeze_count) walks every frozen object with the GIL held: 11-30 ms once the
# start-up froze its modules (~130,000 objects), at the end of each of an import's pauses,
# while the GUI thread waited (issue 17).
_kept_frozen = gc.get_freeze_count() > 0


@contextmanager
def collector_paused(*, keep_frozen: bool = False) -> Iterator[None]:
    """Pause the cyclic collector while this thread builds many objects without cycles.

    What is still alive at the end leaves the young generations in one step (a freeze,
    undone at once), where the first young collection afterwards would walk all of it
    (60 ms for what 10,000 imported cards leave). When objects are frozen already (the
    start-up's modules, see ``keep_frozen``), or with ``keep_frozen``, it stays frozen:
    out of the collector's sight for good, where a cycle among it is never collected.
    """
    global _pauses, _resume, _kept_frozen
    with _lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            gc.freeze()
            if keep_frozen:
                _kept_frozen = True
            elif not _kept_frozen:
                gc.unfreeze()
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()

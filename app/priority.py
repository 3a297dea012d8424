"""CPU priority of the app's own background threads: the window's thread gets a core first.

On a busy machine (two cores, the app's workers, a parse child, other programs) the GUI
thread's stalls were mostly time spent waiting for a core, not running. Linux keeps a nice
value per thread: :func:`lower_this_thread` raises the calling thread's (its priority goes
down) to :data:`BACKGROUND_NICENESS` above that of the process's main thread (the GUI
thread in the window). A thread or child process started by a lowered thread inherits its
nice value (``clone``, ``fork``, ``spawn`` alike), so what it starts runs lowered too.
An unprivileged process cannot bring a nice value down again: choose the threads once,
never the main thread.

Lower only work that does not hold the GIL for long: a child process, or a thread that
mostly waits in SQLite. A lowered thread that holds the GIL loses its core to other
programs while the GUI thread waits for the GIL: with ``ui/ops.py``'s workers lowered and
two busy programs beside the app, the worst stall grew (import 53 -> 78 ms, network
74 -> 129 ms, medians of 6) and the work took 1.6-2.2 times as long. Elsewhere (macOS,
Windows) nothing changes: there a native thread id is not what ``setpriority`` takes.
"""

from __future__ import annotations

import os
import sys
import threading

BACKGROUND_NICENESS = 4
"""How many nice steps below the main thread a background thread runs (CFS: a share of a
contended core about 2.4 times smaller; with the read worker and two scans busy on two
cores the window's thread had waited up to 50 ms for a core)."""


def thread_niceness(native_id: int | None = None) -> int | None:
    """The nice value of a thread of this process (default: the calling one), or None
    where there is no per-thread nice value."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return os.getpriority(os.PRIO_PROCESS, native_id or threading.get_native_id())
    except (AttributeError, OSError):
        return None


def lower_this_thread(niceness: int = BACKGROUND_NICENESS) -> int | None:
    """Run the calling thread ``niceness`` steps below the main thread (at most nice 19);
    a thread already that low (or lower: inherited from a lowered creator) is left as it
    is. Returns its nice value after, or None where threads have none. Never raises."""
    current = thread_niceness()
    main = thread_niceness(os.getpid())  # Linux: the main thread's id is the process id
    if current is None or main is None:
        return None
    target = min(19, main + niceness)
    if target <= current:
        return current
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), target)
    except OSError:  # refused (a sandbox): the thread runs as it is
        return current
    return target

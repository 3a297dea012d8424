"""The rows of new contacts built in a forked child while the commit writes (command line).

A commit turns each batch of targets into rows: read the cards from the staging file,
merge them, make the value tuples (a third to a half of a large commit, in Python). Where a
fork is safe (see :func:`app.interchange.parse_worker.fork_is_safe`), a child forked at
the start of the commit, which holds the matching as it is then, builds the rows of every
batch whose targets are all new contacts, numbered on from the first free contact id, and
sends them as plain tuples (marshal) through a pipe while this process writes the batch
before. Batches that update contacts read the database, in this process's transaction:
the child sends None for them and they are built here, as every batch is without a child.
The child's numbering is checked against the database before each batch is written; if
it does not hold (a contact deleted since the plan was made became a new one), the child
is stopped and the rest is built here. The child uses no database and writes no file; a
parent that is gone closes the pipe, which ends it.
"""

from __future__ import annotations

import contextlib
import marshal
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from app.interchange.parse_worker import end_child, start_child
from app.interchange.store import ContactRow, NewContext, NewRows, new_rows

if TYPE_CHECKING:
    from app.interchange.matching import Matching

# Commits of fewer new contacts than this build their rows here (a fork is a few
# milliseconds plus copy-on-write faults: not worth it for a small import).
MIN_CONTACTS = 2000

PIPE_BYTES = 1 << 20

Built = tuple[int, NewRows, list[tuple[int, int]]]  # first id, rows, (index, connected on)


class RowBuilder:
    """The forked child of one commit, seen from the commit."""

    def __init__(
        self,
        matching: Matching,
        batches: Sequence[Sequence[int]],
        region: str,
        first_id: int,
        ctx: NewContext,
    ) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._conn, child_end = context.Pipe(duplex=False)
        # A deeper pipe lets the child run a few batches ahead (smoothing the moments
        # either process waits for a core), still a bounded amount of rows in flight.
        with contextlib.suppress(AttributeError, OSError):
            import fcntl

            fcntl.fcntl(child_end.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        self._process = start_child(
            context, _child, (child_end, self._conn, matching, batches, region, first_id, ctx)
        )
        child_end.close()

    def next(self, check: Callable[[], None]) -> Built | None:
        """The next batch's rows, or None: build them here (also when the child died).
        ``check()`` (which may raise) is called every 50 ms while waiting."""
        try:
            while not self._conn.poll(0.05):
                check()
            built: Built | None = marshal.loads(self._conn.recv_bytes())
        except (EOFError, OSError):
            return None
        return built

    def close(self) -> None:
        end_child(self._process, self._conn)


def _child(
    conn: Any,
    inherited: Any,
    matching: Matching,
    batches: Sequence[Sequence[int]],
    region: str,
    first_id: int,
    ctx: NewContext,
) -> None:
    from app.interchange.staging import Staging

    inherited.close()  # the parent's end: once it is closed there, a send fails
    parent_staging = matching.staging
    parent_staging._closer.detach()  # never removes the parent's file from here
    matching.staging = Staging.reader(parent_staging.path)
    next_id = first_id
    try:
        for targets in batches:
            if any(matching.cid[t] for t in targets):
                conn.send_bytes(marshal.dumps(None))
                next_id += sum(1 for t in targets if not matching.cid[t])
                continue
            part = [
                matching.merge(target, stored, records)
                for target, stored, records, _ in matching.load(targets)
            ]
            rows = [ContactRow(t.contact, t.archived, t.phone_keys) for t in part]
            connected = [
                (i, t.connected_on.toordinal()) for i, t in enumerate(part) if t.connected_on
            ]
            built = (next_id, new_rows(rows, region, next_id, ctx), connected)
            conn.send_bytes(marshal.dumps(built))
            next_id += len(rows)
    except Exception:  # noqa: S110 - the commit ended (or its process is gone), or this
        pass  # failed: the commit builds the batches it does not get here itself
    finally:
        conn.close()

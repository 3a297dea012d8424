"""Run domain calls off the GUI thread and deliver the outcome back on it.

``ops().run(fn, *args, success=..., failure=...)`` runs ``fn`` on a worker, inside its own
Peewee connection, and calls ``success(result)`` or ``failure(exc)`` on the GUI thread.
Writes go through one serial worker, each op in one write transaction (``BEGIN
IMMEDIATE``, waiting for other processes' writes: the command line, a sync); reads
(queries, layouts, parsing a file to import) use a small pool and take no write lock.
A result that is (or carries) a :class:`~app.changes.Changes` is broadcast once through
:attr:`OpRunner.changed`; every view decides for itself what to refresh.

Long work takes a :class:`Progress` (``with_progress=True``): it reports ``(done, total)``
and exposes ``cancelled`` for the worker to honour.

Tests call :func:`use_inline_executor` so ops run synchronously in the calling thread.

Signals of :class:`OpRunner`: ``changed(Changes)``, ``busy_changed(bool)``.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any

import shiboken6

from app.changes import Changes
from app.db import write_transaction
from app.models import database
from ui.qt import QtCore, Signal

log = logging.getLogger(__name__)

GIL_SWITCH_INTERVAL = 0.001
"""Seconds a thread may hold the GIL while another waits (CPython's default is 0.005)."""


class Progress(QtCore.QObject):
    """Progress of one op; thread-safe to report from the worker.

    A worker may call it for every item: the reports are coalesced to at most one every
    :attr:`interval` seconds (the first and the final one always pass), so a fast loop
    cannot flood the GUI thread with queued signals (10,000 cards reported one by one
    stalled it for over half a second).

    Signals: ``reported(int done, int total)``.
    """

    reported = Signal(int, int)

    interval = 0.2
    """Seconds between two reports that reach the GUI thread."""

    def __init__(self) -> None:
        super().__init__()
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._last: float | None = None

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        with self._lock:
            due = self._last is None or done >= total or now - self._last >= self.interval
            if due:
                self._last = now
        if due:
            self.reported.emit(int(done), int(total))

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _InlineExecutor(Executor):
    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # delivered to failure(), like a worker's
            future.set_exception(exc)
        return future


class OpRunner(QtCore.QObject):
    changed = Signal(object)
    busy_changed = Signal(bool)
    _deliver = Signal(object)

    def __init__(self, inline: bool = False) -> None:
        super().__init__()
        if not inline:
            # A worker in pure Python keeps the GIL for up to the switch interval (5 ms by
            # default) each time the GUI thread asks for it; painting a list calls Python
            # for every cell, so those waits added up to 100 ms stalls while a search ran.
            sys.setswitchinterval(GIL_SWITCH_INTERVAL)
        self._inline = inline
        # The workers keep the GUI thread's CPU priority. Lowered (nice +4, app.priority),
        # a worker that held the GIL lost its core to other programs and the GUI thread
        # waited for the GIL meanwhile: with two busy programs beside the app the worst
        # stall grew (import 53 -> 78 ms, network 74 -> 129 ms, medians of 6) and the work
        # took 1.6-2.2 times as long. What runs without the GIL is lowered instead: the
        # network read's scans (SQLite) and an import's parse child (a process of its own).
        self._writes: Executor = (
            _InlineExecutor() if inline else ThreadPoolExecutor(1, "allies-write")
        )
        self._reads: Executor = (
            _InlineExecutor() if inline else ThreadPoolExecutor(2, "allies-read")
        )
        self._pending = 0
        self._deliver.connect(self._on_deliver, QtCore.Qt.ConnectionType.QueuedConnection)

    @property
    def inline(self) -> bool:
        return self._inline

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        success: Callable[[Any], None] | None = None,
        failure: Callable[[BaseException], None] | None = None,
        write: bool = True,
        progress: Progress | None = None,
        **kwargs: Any,
    ) -> Future[Any]:
        """Run ``fn(*args, **kwargs)`` (plus ``progress=`` when given) off the GUI thread.

        The returned future may be cancelled while it waits for a worker (a superseded
        search): then neither ``success`` nor ``failure`` is called.
        """
        if progress is not None:
            kwargs["progress"] = progress

        def call() -> Any:
            if self._inline:
                return call_in_transaction()
            with database.connection_context():
                return call_in_transaction()

        def call_in_transaction() -> Any:
            if not write:
                return fn(*args, **kwargs)
            with write_transaction():
                return fn(*args, **kwargs)

        self._set_pending(+1)
        executor = self._writes if write else self._reads
        future = executor.submit(call)
        future.add_done_callback(
            lambda f: (
                self._deliver.emit((f, success, failure))
                if not self._inline
                else self._on_deliver((f, success, failure))
            )
        )
        return future

    def _on_deliver(self, packet: tuple[Future[Any], Any, Any]) -> None:
        future, success, failure = packet
        self._set_pending(-1)
        if future.cancelled():
            return  # superseded before it started (see :meth:`run`): nobody waits for it
        exc = future.exception()
        if exc is not None:
            if failure is not None:
                if _gone(failure):
                    return
                failure(exc)
            else:
                from ui.errors import show_exception

                show_exception(exc)
            return
        result = future.result()
        changes = _changes_in(result)
        if success is not None and not _gone(success):
            success(result)
        if changes is not None and not changes.empty:
            self.changed.emit(changes)

    def broadcast(self, changes: Changes) -> None:
        if not changes.empty:
            self.changed.emit(changes)

    def _set_pending(self, delta: int) -> None:
        before = self._pending
        self._pending += delta
        if (before == 0) != (self._pending == 0):
            self.busy_changed.emit(self._pending > 0)

    def wait_idle(self, timeout_ms: int = 10000) -> bool:
        """Process events until every op delivered (for tests and shutdown)."""
        timer = QtCore.QElapsedTimer()
        timer.start()
        while self._pending and timer.elapsed() < timeout_ms:
            QtCore.QCoreApplication.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 20)
        return self._pending == 0

    def shutdown(self) -> None:
        for executor in (self._writes, self._reads):
            executor.shutdown(wait=True, cancel_futures=True)


def _gone(callback: Any) -> bool:
    """Whether the callback is a method of a Qt object deleted meanwhile (its window was
    closed while the op ran). Qt drops a connection to a deleted receiver; so does this:
    calling it would fail ("Signal source has been deleted") or touch freed widgets. The
    op's changes are still broadcast."""
    owner = getattr(callback, "__self__", None)
    return isinstance(owner, QtCore.QObject) and not shiboken6.isValid(owner)


def _changes_in(result: Any) -> Changes | None:
    if isinstance(result, Changes):
        return result
    if isinstance(result, tuple):
        for item in result:
            if isinstance(item, Changes):
                return item
    return getattr(result, "changes", None) if not isinstance(result, (str, bytes)) else None


_runner: OpRunner | None = None


def ops() -> OpRunner:
    """The application's one runner (created on first use)."""
    global _runner
    if _runner is None:
        _runner = OpRunner()
    return _runner


def use_inline_executor() -> OpRunner:
    """Replace the runner by one that runs every op synchronously (widget tests)."""
    global _runner
    if _runner is not None and not _runner.inline:
        _runner.shutdown()
    _runner = OpRunner(inline=True)
    return _runner


def reset_runner() -> None:
    global _runner
    if _runner is not None:
        _runner.shutdown()
    _runner = None

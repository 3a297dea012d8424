"""Run scans on a worker with progress and cancel; shared by the inbox and Settings.

A scan runs on the ops read pool, not the serial write worker: it commits its own
batches in ``IMMEDIATE`` transactions, and a first scan of a large mailbox must not hold
up the user's own edits for a minute.

Signals of :class:`ScanRunner`: ``started()``, ``source_started(str)`` with the name of the
source being read, ``progress(int done, int total)``, ``finished(object)`` with the
:class:`~app.capture.scan.ScanReport`, ``failed(object)`` with the exception.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.capture.scan import ScanReport, scan
from ui.ops import Progress, ops
from ui.qt import QtCore, Signal


class ScanRunner(QtCore.QObject):
    started = Signal()
    source_started = Signal(str)
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._progress: Progress | None = None

    @property
    def running(self) -> bool:
        return self._progress is not None

    def start(self, names: Sequence[str] | None = None) -> bool:
        """Scan every source (or those named); False when a scan is running already."""
        if self._progress is not None:
            return False
        progress = Progress()
        progress.reported.connect(self.progress)
        self._progress = progress
        self.started.emit()
        ops().run(
            scan,
            list(names) if names is not None else None,
            progress=progress,
            on_source=self.source_started.emit,
            write=False,
            success=self._done,
            failure=self._failed,
        )
        return True

    def cancel(self) -> None:
        if self._progress is not None:
            self._progress.cancel()

    def _done(self, report: ScanReport) -> None:
        self._progress = None
        self.finished.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self._progress = None
        self.failed.emit(exc)

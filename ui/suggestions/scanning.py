"""Run scans on a worker with progress and cancel; shared by the inbox, Settings and the
background scan.

A scan runs on the ops read pool, not the serial write worker: it commits its own
batches in ``IMMEDIATE`` transactions, and a first scan of a large mailbox must not hold
up the user's own edits for a minute. The application has one :func:`shared_runner`, so
a scan started by hand, from Settings or by the timer never runs beside another.

:class:`BackgroundScan` scans the sources the user opted into shortly after start and then
every 30 minutes (SPEC §11), skipping a turn while a scan runs, when there is no source,
when the user turned it off (Settings → Sources) or when the database is read-only.

Signals of :class:`ScanRunner`: ``started()``, ``source_started(str)`` with the name of the
source being read, ``progress(int done, int total)``, ``finished(object)`` with the
:class:`~app.capture.scan.ScanReport`, ``failed(object)`` with the exception.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

import shiboken6

from app import settings as app_settings
from app.models import CaptureSource, database
from ui.ops import Progress, ops
from ui.qt import QtCore, Signal

if TYPE_CHECKING:
    from app.capture.scan import ScanReport

log = logging.getLogger(__name__)

START_DELAY_MS = 20 * 1000
INTERVAL_MS = 30 * 60 * 1000


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
        from app.capture.scan import scan  # not at start-up: mail and calendar modules

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


_shared: ScanRunner | None = None


def shared_runner() -> ScanRunner:
    """The application's one scan runner (made on first use, lives as long as the app)."""
    global _shared
    if _shared is None or not shiboken6.isValid(_shared):
        _shared = ScanRunner(QtCore.QCoreApplication.instance())
    return _shared


def source_names() -> list[str]:
    """Worker side: the sources the user opted into."""
    return [s.name for s in CaptureSource.select(CaptureSource.name).order_by(CaptureSource.name)]


def background_sources() -> list[str] | None:
    """Worker side: the sources a background turn scans; None when the user turned the
    background scan off."""
    if not app_settings.get("capture_background_scan"):
        return None
    return source_names()


class BackgroundScan(QtCore.QObject):
    """Scans on a timer through :func:`shared_runner`. Signals: ``skipped(str reason)``
    (``running``, ``no-sources``, ``turned-off``, ``read-only``), for tests and logs."""

    skipped = Signal(str)

    def __init__(
        self,
        parent: QtCore.QObject | None = None,
        *,
        start_delay_ms: int = START_DELAY_MS,
        interval_ms: int = INTERVAL_MS,
        runner: ScanRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner or shared_runner()
        self._interval = QtCore.QTimer(self)
        self._interval.setInterval(interval_ms)
        self._interval.timeout.connect(self.scan_now)
        self._interval.start()
        QtCore.QTimer.singleShot(start_delay_ms, self, self.scan_now)

    def scan_now(self) -> None:
        """Start a scan of every opted-in source unless one is running."""
        if database.read_only:
            self.skipped.emit("read-only")
            return
        if self.runner.running:
            self.skipped.emit("running")
            return
        ops().run(background_sources, write=False, success=self._start, failure=self._failed)

    def _failed(self, exc: BaseException) -> None:
        """A turn that could not even list the sources: logged, never a dialog (the user
        did not ask for it); the next turn tries again."""
        log.warning("background scan skipped: %s", exc)

    def _start(self, names: list[str] | None) -> None:
        if not shiboken6.isValid(self):
            return
        if names is None:
            self.skipped.emit("turned-off")
        elif not names:
            self.skipped.emit("no-sources")
        elif not self.runner.start(names):  # one started while the names were read
            self.skipped.emit("running")


def install(window: QtCore.QObject) -> BackgroundScan:
    """Give the main window its background scan (it stops with the window)."""
    return BackgroundScan(window)

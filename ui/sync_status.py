"""When the sync runs, and what the status bar and the tray say about it.

:class:`SyncController` runs :func:`app.sync.service.sync_all` on the ops worker (the read
pool: a sync talks to a server for a while and commits its own small transactions, so it
must not hold up the serial write worker): a few seconds after start, every 15 minutes,
and a few seconds after local changes (the ops ``changed`` broadcast, except the sync's
own). Nothing runs when there is no account. :class:`SyncStatusLabel` is the status bar's
piece; :func:`error_text` turns the domain's error codes into sentences.

Signals of :class:`SyncController`: ``started()``, ``progress(int done, int total)``,
``finished(object results)``, ``status_changed(str text)``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import shiboken6

from app.changes import Changes
from ui.ops import Progress, ops
from ui.qt import QtCore, QtWidgets, Signal

START_DELAY_MS = 3000
INTERVAL_MS = 15 * 60 * 1000
AFTER_CHANGE_MS = 5000


translate = QtCore.QCoreApplication.translate


def error_text(code: str | None, detail: str = "", status: int | None = None) -> str:
    """A sentence for a sync error code of :mod:`app.sync` (see ``app.sync.dav``)."""
    if code is None:
        return ""
    texts = {
        "unreachable": translate("SyncStatus", "server unreachable"),
        "timeout": translate("SyncStatus", "the server did not answer in time"),
        "unauthorized": translate("SyncStatus", "the server refused the user name or password"),
        "forbidden": translate("SyncStatus", "the server refused access"),
        "not-found": translate("SyncStatus", "the address book is no longer on the server"),
        "precondition-failed": translate(
            "SyncStatus", "a card changed on the server during the sync"
        ),
        "server-error": translate("SyncStatus", "server error (HTTP %1)"),
        "refused": translate("SyncStatus", "the server refused a request (HTTP %1)"),
        "malformed": translate("SyncStatus", "the server sent an answer that cannot be read"),
        "no-collection": translate("SyncStatus", "no address book found on the server"),
        "certificate": translate("SyncStatus", "the server's certificate is not trusted"),
        "emptied-there": translate(
            "SyncStatus",
            "stopped: most cards were deleted on the server; sync from Settings → Accounts "
            "to confirm",
        ),
        "emptied-here": translate(
            "SyncStatus",
            "stopped: most synced contacts are gone here; sync from Settings → Accounts to confirm",
        ),
        "no-password": translate(
            "SyncStatus", "no password stored; remove the account and add it again"
        ),
        "exists": translate("SyncStatus", "there is an account already"),
        "no-addressbook": translate("SyncStatus", "that address book is not on the server"),
    }
    text = texts.get(
        code, translate("SyncStatus", "the sync failed: %1").replace("%1", detail or code)
    )
    return text.replace("%1", str(status or "?"))


def _time(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    return QtCore.QLocale().toString(QtCore.QTime(moment.hour, moment.minute), "HH:mm")


def run_sync(allow_emptied: bool = False, progress: Progress | None = None) -> SyncOutcome:
    """Worker side: sync every account (nothing when there is none)."""
    from app.sync.state import SyncAccount

    if not SyncAccount.select().exists():
        # Without an account the sync stack (requests, urllib3, http.client: 100 ms of
        # imports holding the GIL on this worker, and the GUI thread waiting) stays unloaded.
        return SyncOutcome([], Changes())
    from app.sync.service import sync_all

    def report(phase: str, done: int, total: int) -> None:
        if progress is not None:
            progress(done, total)

    results = sync_all(progress=report, allow_emptied=allow_emptied)
    changes = Changes()
    for r in results:
        changes = changes | r.changes
    return SyncOutcome(results, Changes(), changes)


class SyncOutcome:
    """What a sync run gives the GUI. ``changes`` is empty on purpose (see controller)."""

    def __init__(self, results: list[Any], changes: Changes, local: Changes | None = None):
        self.results = results
        self.changes = changes
        self.local = local or Changes()


class SyncController(QtCore.QObject):
    started = Signal()
    progress = Signal(int, int)
    finished = Signal(object)
    status_changed = Signal(str)

    def __init__(self, parent: QtCore.QObject | None = None, *, automatic: bool = True) -> None:
        super().__init__(parent)
        self.running = False
        self.status = ""
        self.last_ok: dt.datetime | None = None
        self._again = False
        self._broadcasting = False
        self._interval = QtCore.QTimer(self)
        self._interval.setInterval(INTERVAL_MS)
        self._interval.timeout.connect(self.sync_now)
        self._soon = QtCore.QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(AFTER_CHANGE_MS)
        self._soon.timeout.connect(self.sync_now)
        if automatic:
            ops().changed.connect(self._on_changed)
            self._interval.start()
            QtCore.QTimer.singleShot(START_DELAY_MS, self, self.sync_now)

    def _on_changed(self, changes: Changes) -> None:
        if self._broadcasting or changes.settings and not changes.contacts:
            return
        if changes.contacts or changes.contact_list or changes.relationships:
            self._soon.start()

    def sync_now(self, allow_emptied: bool = False) -> None:
        if self.running:
            self._again = True
            return
        self.running = True
        progress = Progress()
        progress.reported.connect(self.progress)
        self._progress = progress
        self.started.emit()
        self._set_status(translate("SyncStatus", "Syncing…"))
        ops().run(
            run_sync,
            allow_emptied,
            write=False,
            progress=progress,
            success=self._done,
            failure=self._failed,
        )

    def _done(self, outcome: SyncOutcome) -> None:
        if not shiboken6.isValid(self):
            return  # the window closed while the sync ran: nobody to tell
        self.running = False
        if outcome.local.contacts or outcome.local.contact_list:
            self._broadcasting = True
            try:
                ops().broadcast(outcome.local)
            finally:
                self._broadcasting = False
        self._show(outcome.results)
        self.finished.emit(outcome.results)
        if self._again:
            self._again = False
            self.sync_now()

    def _failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.running = False
        self._set_status(translate("SyncStatus", "Sync failed: %1").replace("%1", str(exc)))
        self.finished.emit([])

    def _show(self, results: list[Any]) -> None:
        if not results:
            self._set_status("")
            return
        now = dt.datetime.now()
        failed = [r for r in results if r.error]
        if not failed:
            self.last_ok = now
            self._set_status(translate("SyncStatus", "Synced %1").replace("%1", _time(now)))
            return
        reason = error_text(failed[0].error, failed[0].error_detail, failed[0].status)
        if self.last_ok is not None:
            text = translate("SyncStatus", "Last synced %1 — %2, retrying").replace(
                "%1", _time(self.last_ok)
            )
        else:
            text = translate("SyncStatus", "Not synced — %2, retrying")
        self._set_status(text.replace("%2", reason))

    def _set_status(self, text: str) -> None:
        self.status = text
        self.status_changed.emit(text)


class SyncStatusLabel(QtWidgets.QLabel):
    """The status bar's sync state; empty (hidden) when there is no account."""

    def __init__(self, controller: SyncController, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.controller = controller
        controller.status_changed.connect(self._show)
        controller.progress.connect(self._progress)
        self.hide()

    def _show(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def _progress(self, done: int, total: int) -> None:
        if total:
            locale = QtCore.QLocale()
            self.setText(
                self.tr("Syncing… %1 of %2")
                .replace("%1", locale.toString(done))
                .replace("%2", locale.toString(total))
            )
            self.show()


_controller: SyncController | None = None


def controller() -> SyncController | None:
    """The application's sync controller, while its main window lives."""
    if _controller is not None and not shiboken6.isValid(_controller):
        return None
    return _controller


def install(window: QtWidgets.QMainWindow) -> SyncController:
    """Give the main window its sync: the controller and the status bar label."""
    global _controller
    _controller = SyncController(window)
    window.statusBar().addPermanentWidget(SyncStatusLabel(_controller))
    return _controller


def tray_line() -> str:
    """The sync state for the tray's tooltip ("" when there is nothing to say)."""
    current = controller()
    return current.status if current is not None else ""

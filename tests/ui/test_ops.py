"""The worker helper: progress that cannot flood the GUI thread, cancelled ops."""

from __future__ import annotations

import threading

from ui.ops import OpRunner, Progress


def test_progress_reports_are_coalesced_first_and_last_always_pass(qtbot) -> None:  # type: ignore[no-untyped-def]
    progress = Progress()
    seen: list[tuple[int, int]] = []
    progress.reported.connect(lambda done, total: seen.append((done, total)))

    def work() -> None:
        for done in range(1, 10_001):
            progress(done, 10_000)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: seen[-1:] == [(10_000, 10_000)])
    # 10,000 reports in a tight loop reach the GUI thread as a handful of signals.
    assert seen[0] == (1, 10_000)
    assert len(seen) < 100


def test_cancelled_op_calls_neither_success_nor_failure(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    runner = OpRunner()
    gate = threading.Event()
    called: list[str] = []
    try:
        # One write worker: the second op waits behind the first and can be cancelled.
        runner.run(gate.wait, 10, success=lambda _: called.append("first"))
        second = runner.run(lambda: "never", success=lambda _: called.append("second"),
                            failure=lambda _: called.append("failure"))  # fmt: skip
        assert second.cancel()
        gate.set()
        assert runner.wait_idle(10_000)
    finally:
        runner.shutdown()
    assert called == ["first"]


def test_an_op_whose_receiver_was_deleted_calls_nothing_but_still_broadcasts(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    """A window closed while its op ran: the outcome reaches nobody, no error is shown."""
    import shiboken6

    from app.changes import Changes
    from ui.qt import QtCore, Signal

    class Receiver(QtCore.QObject):
        said = Signal(str)

        def done(self, result: object) -> None:
            self.said.emit("done")  # fails on a deleted object: "Signal source has been deleted"

        def failed(self, exc: BaseException) -> None:
            self.said.emit("failed")

    runner = OpRunner()
    gate = threading.Event()
    broadcast: list[Changes] = []
    runner.changed.connect(broadcast.append)
    try:
        receiver = Receiver()
        runner.run(lambda: (gate.wait(10), Changes(contacts=frozenset({1})))[1], success=receiver.done)
        runner.run(lambda: 1 / 0, failure=receiver.failed)
        shiboken6.delete(receiver)
        gate.set()
        assert runner.wait_idle(10_000)
    finally:
        runner.shutdown()
    assert [c.contacts for c in broadcast] == [{1}]


def test_the_workers_keep_the_gui_threads_priority(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    """Reads and writes run at the GUI thread's CPU priority: a lowered worker holding the
    GIL lost its core to other programs while the GUI thread waited for the GIL (see
    OpRunner); their work is done."""
    from tests.app.test_priority import stat_niceness

    gui = stat_niceness(threading.get_native_id())
    runner = OpRunner()
    seen: list[tuple[str, int, int]] = []

    def work(kind: str) -> tuple[str, int, int]:
        return kind, stat_niceness(threading.get_native_id()), sum(range(1000))

    try:
        runner.run(work, "write", success=seen.append)
        runner.run(work, "read", success=seen.append, write=False)
        assert runner.wait_idle(10_000)
    finally:
        runner.shutdown()
    assert sorted(seen) == [("read", gui, 499500), ("write", gui, 499500)]

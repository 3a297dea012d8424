"""Widget-test fixtures: ops run inline, a fresh database, one shared selection."""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Iterator

import pytest

from ui import ops as ops_module
from ui.ops import OpRunner
from ui.qt import QtGui
from ui.selection import ContactSelection


@pytest.fixture(autouse=True)
def inline_ops() -> Iterator[OpRunner]:
    """Every op runs synchronously in the test's thread (Picard's FakeThreadPool idea)."""
    runner = ops_module.use_inline_executor()
    yield runner
    ops_module.reset_runner()


class _TrackedUndoStack(QtGui.QUndoStack):
    """A QUndoStack the fixture below can find again, even one without a parent."""

    live: weakref.WeakSet[QtGui.QUndoStack] = weakref.WeakSet()

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        _TrackedUndoStack.live.add(self)


@pytest.fixture(autouse=True)
def empty_undo_stacks(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Empty every undo stack of the test while its widgets are whole. A stack that still
    holds commands when the garbage collector frees it deletes them half-way through the
    collection, and PySide 6.11 then crashes the interpreter (seen at the end of the
    suite: ``QUndoStack::clear`` from ``~QUndoStack`` inside ``gc_collect``)."""
    monkeypatch.setattr(QtGui, "QUndoStack", _TrackedUndoStack)
    yield
    for stack in list(_TrackedUndoStack.live):
        with contextlib.suppress(RuntimeError):  # deleted with its parent already
            stack.clear()
    _TrackedUndoStack.live.clear()


@pytest.fixture
def selection(qtbot) -> ContactSelection:  # type: ignore[no-untyped-def]
    return ContactSelection()

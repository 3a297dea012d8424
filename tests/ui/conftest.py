"""Widget-test fixtures: ops run inline, a fresh database, one shared selection."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ui import ops as ops_module
from ui.ops import OpRunner
from ui.selection import ContactSelection


@pytest.fixture(autouse=True)
def inline_ops() -> Iterator[OpRunner]:
    """Every op runs synchronously in the test's thread (Picard's FakeThreadPool idea)."""
    runner = ops_module.use_inline_executor()
    yield runner
    ops_module.reset_runner()


@pytest.fixture
def selection(qtbot) -> ContactSelection:  # type: ignore[no-untyped-def]
    return ContactSelection()

"""A Qt build that crashes on void calls (PySide6 6.12.0 on Python 3.11, TECH-NOTES) must
fail the suite here, not a user's afternoon."""

from __future__ import annotations

from ui.qt import QtWidgets


def test_a_hundred_thousand_void_calls_survive(qapp) -> None:  # type: ignore[no-untyped-def]
    label = QtWidgets.QLabel()
    for i in range(100_000):
        label.setText("x" if i % 2 else "y")
    assert label.text() == "x"

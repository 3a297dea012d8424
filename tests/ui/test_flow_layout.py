"""The one flow layout (header chips, log dialog chips, goals' buttons): wraps, never cuts."""

from __future__ import annotations

from ui.flow_layout import FlowLayout
from ui.qt import QtCore, QtWidgets


def chip(text: str) -> QtWidgets.QPushButton:
    button = QtWidgets.QPushButton(text)
    button.setFixedSize(100, 24)
    return button


def test_the_hint_is_one_line_and_the_minimum_the_widest_item(qtbot) -> None:  # type: ignore[no-untyped-def]
    host = QtWidgets.QWidget()
    qtbot.addWidget(host)
    flow = FlowLayout(host, spacing=4)
    for i in range(3):
        flow.addWidget(chip(f"chip {i}"))
    hidden = chip("hidden")
    flow.addWidget(hidden)
    hidden.hide()
    assert flow.sizeHint() == QtCore.QSize(3 * 100 + 2 * 4, 24)  # the hidden one takes none
    assert flow.minimumSize().width() == 100
    assert flow.heightForWidth(400) == 24
    assert flow.heightForWidth(210) == 24 + 4 + 24
    assert flow.heightForWidth(100) == 3 * 24 + 2 * 4


def test_chips_added_to_a_shown_dialog_wrap_and_the_dialog_makes_room(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The log dialog's case: a form row of chips in a dialog that is already shown."""
    dialog = QtWidgets.QDialog()
    qtbot.addWidget(dialog)
    chips = QtWidgets.QWidget()
    flow = FlowLayout(chips, spacing=4)
    form = QtWidgets.QFormLayout(dialog)
    form.addRow("With:", chips)
    form.addRow("Summary:", QtWidgets.QLineEdit())
    dialog.resize(300, 80)
    dialog.show()
    qtbot.waitExposed(dialog)
    added = []
    for i in range(7):
        added.append(chip(f"person {i}"))
        flow.addWidget(added[-1])
    qtbot.waitUntil(lambda: all(w.isVisible() for w in added))
    QtWidgets.QApplication.processEvents()
    rows = {w.geometry().top() for w in added}
    assert len(rows) > 2, "seven chips of 100 px wrap in a 300 px dialog"
    for widget in added:
        assert chips.rect().contains(widget.geometry()), "a chip is cut off"
    assert chips.height() >= flow.heightForWidth(chips.width())

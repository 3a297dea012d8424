"""Sentences about a relationship that several views share, with SPEC's thresholds.

Below −2 the relationship is "taking more than giving", above +4 the user is owed
favours (:func:`app.derived.balance_state`); between them it is not simply "in balance":
+3 means the user gave a little more, which is said so.
"""

from __future__ import annotations

from app.derived import BalanceState, balance_state
from ui.qt import QtCore


def balance_words(balance: int) -> str:
    """A short phrase for the header ("you gave a little more")."""
    state = balance_state(balance)
    if state == BalanceState.TAKING:
        return QtCore.QCoreApplication.translate("Balance", "taking more than giving")
    if state == BalanceState.OWED:
        return QtCore.QCoreApplication.translate("Balance", "owes you favours")
    if balance > 0:
        return QtCore.QCoreApplication.translate("Balance", "you gave a little more")
    if balance < 0:
        return QtCore.QCoreApplication.translate("Balance", "you received a little more")
    return QtCore.QCoreApplication.translate("Balance", "given and received evenly")


def balance_sentence(balance: int) -> str:
    """A whole sentence (tooltips, the ledger)."""
    state = balance_state(balance)
    if state == BalanceState.TAKING:
        return QtCore.QCoreApplication.translate(
            "Balance", "Taking more than giving: time to give something back."
        )
    if state == BalanceState.OWED:
        return QtCore.QCoreApplication.translate(
            "Balance", "You have given much more than you received: a good moment to ask."
        )
    if balance > 0:
        return QtCore.QCoreApplication.translate(
            "Balance", "You have given a little more than you received."
        )
    if balance < 0:
        return QtCore.QCoreApplication.translate(
            "Balance", "You have received a little more than you gave: give when you can."
        )
    return QtCore.QCoreApplication.translate("Balance", "You have given and received about evenly.")


def due_legend() -> str:
    """What the dots of the "Due" column mean."""
    return QtCore.QCoreApplication.translate(
        "Contacts",
        "Keep in touch:\n● red: due now or overdue\n● orange: due within a week\n"
        "○ hollow: not due yet\n◌ faint: no reminder",
    )

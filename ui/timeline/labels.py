"""Words for the codes the domain returns: interaction kinds, exchange kinds, directions.

Every string is a literal inside ``QCoreApplication.translate`` so lupdate extracts it.
"""

from __future__ import annotations

from app.models import Direction, ExchangeKind, InteractionKind
from ui.qt import QtCore, QtGui


def interaction_kind_label(kind: str) -> str:
    translate = QtCore.QCoreApplication.translate
    labels = {
        InteractionKind.LUNCH: translate("TimelineLabels", "Lunch"),
        InteractionKind.COFFEE: translate("TimelineLabels", "Coffee"),
        InteractionKind.AFTER_WORK: translate("TimelineLabels", "After work"),
        InteractionKind.CALL: translate("TimelineLabels", "Call"),
        InteractionKind.EMAIL: translate("TimelineLabels", "E-mail"),
        InteractionKind.MESSAGE: translate("TimelineLabels", "Message"),
        InteractionKind.MEETING: translate("TimelineLabels", "Meeting"),
        InteractionKind.EVENT: translate("TimelineLabels", "Event"),
        InteractionKind.OTHER: translate("TimelineLabels", "Other"),
    }
    return labels.get(kind, kind)  # type: ignore[call-overload]


def exchange_kind_label(kind: str) -> str:
    translate = QtCore.QCoreApplication.translate
    labels = {
        ExchangeKind.INFORMATION: translate("TimelineLabels", "Information"),
        ExchangeKind.ADVICE: translate("TimelineLabels", "Advice"),
        ExchangeKind.HELP: translate("TimelineLabels", "Help"),
        ExchangeKind.INTRODUCTION: translate("TimelineLabels", "Introduction"),
        ExchangeKind.RECOMMENDATION: translate("TimelineLabels", "Recommendation"),
        ExchangeKind.FAVOUR: translate("TimelineLabels", "Favour"),
        ExchangeKind.GIFT: translate("TimelineLabels", "Gift"),
    }
    return labels.get(kind, kind)  # type: ignore[call-overload]


def direction_label(direction: str) -> str:
    translate = QtCore.QCoreApplication.translate
    if direction == Direction.GAVE:
        return translate("TimelineLabels", "Gave")
    return translate("TimelineLabels", "Received")


def kind_icon(name: str) -> QtGui.QIcon:
    """The icon of an interaction kind or direction; an empty icon if there is none."""
    from ui.resources import icon

    try:
        return icon(name)
    except FileNotFoundError:
        return QtGui.QIcon()

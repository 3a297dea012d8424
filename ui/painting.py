"""Paint a Python-backed item view in one hold of the GIL.

Qt paints an item view from C++ and calls into Python for every cell: the delegate's
``paint``, the model's ``flags`` and a dozen ``data`` roles. Each call from C++ takes the
GIL afresh; while a worker runs Python (parsing an import, building a search result), each
take waits about the switch interval, and a list of a hundred cells made hundreds of them:
one repaint stalled the GUI thread for 100–160 ms (measured with a busy worker; 16 ms
idle). A ``paintEvent`` written in Python takes the GIL once: the calls made inside it find
it held. The worker still gets its turns (the switch interval), so the paint costs about
twice its idle time instead of ten times.

Put :class:`PaintsInOneHold` first among the bases of a view, header or list.
"""

from __future__ import annotations

from ui.qt import QtGui


class PaintsInOneHold:
    """Mixin: the widget's ``paintEvent`` runs in Python, so Qt's calls back into the
    model and the delegate during one paint do not each wait for the GIL."""

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)  # type: ignore[misc]

"""How much room the contact list takes beside each view: all columns, names only, or none.

The contacts view needs the list's columns; the timeline, network and insights views need
the width. Each view remembers its own choice (``window/list_modes``) and the full list
its width (``window/list_width``). The choice is made from the View menu (three radio
actions) or with one toolbar button / shortcut that steps through the three.
"""

from __future__ import annotations

from ui.contacts.view import ContactListView
from ui.qt import QtCore, QtGui, QtWidgets
from ui.settings import ui_settings

FULL, NAMES, HIDDEN = "full", "names", "hidden"
MODES = (FULL, NAMES, HIDDEN)
# Until the user chooses, the contacts view shows all columns where the window has room
# for them beside the detail; every other view starts with names only.
FULL_FITS = 1200
FULL_WIDTH = 630  # the full list's width on a first start, at most
FULL_SHARE = 0.49  # and its share of a smaller window
FULL_MOST = 0.57  # the columns may take this much of a small window
FULL_MIN = 300
NAMES_CHARS = 20  # the names-only list holds about this many characters of a name
SHORTCUT = "F9"


def parse_modes(text: str) -> dict[str, str]:
    """``"timeline=hidden,contacts=full"`` → a dict, ignoring anything unknown."""
    modes: dict[str, str] = {}
    for part in text.split(","):
        key, _, mode = part.partition("=")
        if key.strip() and mode.strip() in MODES:
            modes[key.strip()] = mode.strip()
    return modes


def format_modes(modes: dict[str, str]) -> str:
    return ",".join(f"{key}={mode}" for key, mode in sorted(modes.items()))


def _icon(name: str) -> QtGui.QIcon:
    from ui.resources import icon

    try:
        return icon(name)
    except FileNotFoundError:
        return QtGui.QIcon()


class ListLayout(QtCore.QObject):
    """Sets the contact list's mode for the view shown. No signals.

    ``actions`` (for the View menu) and ``cycle_action`` (toolbar, F9) are public.
    """

    def __init__(
        self,
        splitter: QtWidgets.QSplitter,
        contact_list: ContactListView,
        parent: QtWidgets.QWidget,
    ) -> None:
        super().__init__(parent)
        self._splitter = splitter
        self._list = contact_list
        self._window = parent
        self._view = "contacts"
        self._applied: str | None = None
        store = ui_settings()
        self._modes = parse_modes(store.get("window/list_modes"))
        self._full_width = int(store.get("window/list_width"))
        self._names_width = int(store.get("window/names_width"))

        self.group = QtGui.QActionGroup(self)
        self.group.setExclusive(True)
        texts = {
            FULL: self.tr("Contact list with &all columns"),
            NAMES: self.tr("Contact list with &names only"),
            HIDDEN: self.tr("&Hide the contact list"),
        }
        self.actions: dict[str, QtGui.QAction] = {}
        for mode in MODES:
            action = QtGui.QAction(texts[mode], self)
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, m=mode: self.set_mode(m))
            self.group.addAction(action)
            self.actions[mode] = action
        self.cycle_action = QtGui.QAction(_icon("sidebar"), self.tr("Contact list"), self)
        self.cycle_action.setShortcut(QtGui.QKeySequence(SHORTCUT))
        self.cycle_action.triggered.connect(self.cycle)
        self._update_actions()

    # --- state ---------------------------------------------------------------------

    def mode(self, view: str | None = None) -> str:
        key = view or self._view
        chosen = self._modes.get(key)
        if chosen is not None:
            return chosen
        return FULL if key == "contacts" and self._window.width() >= FULL_FITS else NAMES

    def names_width(self) -> int:
        if self._names_width > 0:
            return self._names_width
        metrics = self._list.table.fontMetrics()
        scroll = self._list.table.verticalScrollBar().sizeHint().width()
        return 34 + 16 + metrics.averageCharWidth() * NAMES_CHARS + scroll + 8

    def full_width(self) -> int:
        """The width chosen by the user, else what the columns need (no sideways
        scrolling), between a share of the window and a little more than half of it."""
        if self._full_width > 0:
            return self._full_width
        window = self._window.width()
        share = min(FULL_WIDTH, round(window * FULL_SHARE))
        return min(max(share, self._list.columns_width()), round(window * FULL_MOST))

    # --- changes -------------------------------------------------------------------

    def view_shown(self, view: str) -> None:
        if self._view == view and self._list.isVisible() == (self.mode() != HIDDEN):
            self._update_actions()
            return
        self.remember_width()
        self._view = view
        self.apply()

    def set_mode(self, mode: str) -> None:
        self.remember_width()
        self._modes[self._view] = mode
        self.apply()
        if mode == HIDDEN and self._list.isAncestorOf(QtWidgets.QApplication.focusWidget()):
            self._splitter.widget(1).setFocus()

    def cycle(self) -> None:
        """Full → names only → hidden → full."""
        self.set_mode(MODES[(MODES.index(self.mode()) + 1) % len(MODES)])

    def reveal(self) -> None:
        """Show a hidden list (for Ctrl+F): names only."""
        if self.mode() == HIDDEN:
            self.set_mode(NAMES)

    def remember_width(self) -> None:
        """Keep the width the user gave the list in the mode it is in."""
        if self._applied is None or not self._list.isVisible() or self._splitter.width() <= 0:
            return
        width = self._splitter.sizes()[0]
        if self._applied == FULL:
            self._full_width = width
        elif self._applied == NAMES:
            self._names_width = width

    def window_resized(self) -> None:
        """Follow the window's width while the user has not chosen for this view."""
        if self._applied is not None and self.mode() != self._applied:
            self.apply()

    def apply(self) -> None:
        mode = self.mode()
        self._applied = mode
        total = sum(self._splitter.sizes()) or self._window.width()
        if mode == HIDDEN:
            self._list.hide()
        else:
            compact = mode == NAMES
            self._list.set_compact(compact)
            width = self.names_width() if compact else self.full_width()
            self._list.setMinimumWidth(min(width, FULL_MIN) if compact else FULL_MIN)
            self._list.show()
            self._splitter.setSizes([width, max(total - width, 1)])
        self._update_actions()

    def _update_actions(self) -> None:
        mode = self.mode()
        self.actions[mode].setChecked(True)
        tips = {
            FULL: self.tr("Contact list: all columns. Click for names only (%1)"),
            NAMES: self.tr("Contact list: names only. Click to hide it (%1)"),
            HIDDEN: self.tr("Contact list hidden. Click to show all columns (%1)"),
        }
        native = QtGui.QKeySequence.SequenceFormat.NativeText
        self.cycle_action.setToolTip(
            tips[mode].replace("%1", self.cycle_action.shortcut().toString(native))
        )

    def save(self) -> None:
        self.remember_width()
        store = ui_settings()
        store.set("window/list_modes", format_modes(self._modes))
        store.set("window/list_width", self._full_width)
        store.set("window/names_width", self._names_width)

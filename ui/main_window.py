"""The main window: the contact list on the left, the views beside it, one selection.

Views are registered in :mod:`ui.views` and imported the first time they are shown, so
start-up never pays for pyqtgraph. The window owns the undo stack every view pushes to
(``window.undo_stack``) and the shared :class:`~ui.selection.ContactSelection`
(``window.selection``). Layout (geometry, toolbars, splitter, list columns, the view
shown) is remembered between runs in :mod:`ui.settings`.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from app import contacts
from app.changes import Changes
from app.models import Contact, database
from ui import sync_status
from ui.accessibility import install_focus_rings, name_unnamed
from ui.contacts.actions import ContactActions
from ui.contacts.view import ContactListView
from ui.help import HELP_SHORTCUTS
from ui.interchange.actions import ImportDropTarget, InterchangeActions
from ui.list_layout import FULL_WIDTH, ListLayout
from ui.ops import ops
from ui.qt import Qt, QtCore, QtGui, QtWidgets, return_to_parent
from ui.selection import ContactSelection
from ui.settings import ui_settings
from ui.suggestions import scanning
from ui.views import VIEWS, Entry

log = logging.getLogger(__name__)

# A window that stays hidden at start (``--tray``) builds what waits for the first paint
# after this long instead (see MainWindow._finish_steps), one step every FINISH_PAUSE_MS.
FINISH_HIDDEN_START_MS = 1000
FINISH_PAUSE_MS = 50
PREPARE_PAUSE_MS = 60  # between two views built ahead while idle (see prepare_views)


VIEW_ICONS = {
    "contacts": "contacts",
    "timeline": "timeline",
    "network": "network",
    "insights": "insights",
    "suggestions": "suggestions",
}


def _icon(name: str) -> QtGui.QIcon:
    from ui.resources import icon

    try:
        return icon(name)
    except FileNotFoundError:
        return QtGui.QIcon()


def _module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def has_contacts() -> bool:
    return Contact.select().exists()


class MainWindow(ImportDropTarget, QtWidgets.QMainWindow):
    """The application window. No signals of its own.

    Public for other parts: ``selection``, ``undo_stack``, ``show_view(key)``,
    ``open_contact(id)``, ``import_files(paths)``, ``add_banner(widget)`` and
    ``close_handler`` (called with the close event first; returns True when it handled
    the close, e.g. by hiding the window into the tray).
    """

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Allies"))
        self.setObjectName("MainWindow")
        self.selection = ContactSelection(self)
        self.undo_stack = QtGui.QUndoStack(self)
        self.close_handler: Callable[[QtGui.QCloseEvent], bool] | None = None
        self._views: dict[str, QtWidgets.QWidget] = {}
        self._unnamed: dict[str, QtWidgets.QWidget] = {}  # built ahead, to be named
        self._view_actions: list[QtGui.QAction] = []
        self._current_view: str | None = None
        self._empty: bool | None = None
        self._shown_once = False
        self._start_steps = self._finish_steps()  # after the first paint
        self._finish_scheduled = False
        self._named = False
        self._constructed = False

        self.contact_list = ContactListView(self.selection)
        self.view_stack = QtWidgets.QStackedWidget()
        self.splitter = QtWidgets.QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.contact_list)
        self.splitter.addWidget(self.view_stack)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([FULL_WIDTH, 680])
        self.list_layout = ListLayout(self.splitter, self.contact_list, self)

        self.pages = QtWidgets.QStackedWidget()
        self.pages.addWidget(self.splitter)
        self._empty_state: QtWidgets.QWidget | None = None
        central = QtWidgets.QWidget()
        self._central_layout = QtWidgets.QVBoxLayout(central)
        self._central_layout.setContentsMargins(0, 0, 0, 0)
        self._central_layout.setSpacing(0)
        self._central_layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.contact_actions = ContactActions(self.selection, self.undo_stack, self)
        self.contact_actions.message.connect(self.show_message)
        self.contact_actions.created.connect(self.open_contact)
        self.contact_actions.open_requested.connect(self.open_contact)
        self.contact_actions.log_interaction_hook = self.log_interaction
        self.contact_list.open_requested.connect(self.open_contact)
        self.contact_list.count_changed.connect(self._count_changed)
        self.contact_list.timeline_search_requested.connect(self.search_timeline)
        for action in self.contact_actions.all():
            self.contact_list.table.addAction(action)
        self.contact_list.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._suggestion_badge: QtCore.QObject | None = None  # after the first paint
        self._build_status_bar()
        self.sync = sync_status.install(self)
        self.background_scan = scanning.install(self)
        install_focus_rings()
        self._restore_layout()
        ops().changed.connect(self._on_changed)
        ops().busy_changed.connect(self._busy_changed)
        self._count_changed(self.contact_list.model.rowCount())
        self._check_empty()
        self.show_view(ui_settings().get("window/view") or "contacts")
        if database.read_only:
            self._make_read_only()
        self._constructed = True
        # A window started hidden (into the tray) is never painted: finish all the same.
        QtCore.QTimer.singleShot(FINISH_HIDDEN_START_MS, self, self._finish_start_step)

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._finish_scheduled:
            self._finish_scheduled = True
            # Not in the next turn: that comes before anything else waiting (a posted
            # call), and the paint and the first step made one stall.
            QtCore.QTimer.singleShot(FINISH_PAUSE_MS, self, self._finish_start_step)

    def _finish_steps(self) -> list[Callable[[], None]]:
        """What the first paint does not show, built after it: the controls' names for
        assistive technology (the first naming starts Qt's accessibility, ≈ 20 ms), then
        the suggestions badge (its module and the count's query, ≈ 10 ms)."""
        return [self._name_controls, self._build_badge]

    def _finish_start_step(self) -> None:
        """One step of :meth:`_finish_steps` per turn of the event loop, a pause between
        two: together, and beside the list's first rows, they were one stall."""
        if self._start_steps:
            self._start_steps.pop(0)()
        if self._start_steps:
            QtCore.QTimer.singleShot(FINISH_PAUSE_MS, self, self._finish_start_step)

    def _finish_start(self) -> None:
        """Every step left at once: asking for such a part before its turn
        (``suggestion_badge``) or showing a view does this."""
        while self._start_steps:
            self._start_steps.pop(0)()

    def _name_controls(self) -> None:
        self._named = True
        name_unnamed(self)  # every view built so far too

    def _build_badge(self) -> None:
        from ui.suggestions.badge import SuggestionBadge

        self._suggestion_badge = SuggestionBadge(self.view_switch["suggestions"], self)

    @property
    def suggestion_badge(self) -> QtCore.QObject:
        """The count of open suggestions drawn on the Suggestions switch."""
        self._finish_start()
        assert self._suggestion_badge is not None
        return self._suggestion_badge

    # --- building ------------------------------------------------------------------

    def _build_actions(self) -> None:
        # Own actions rather than createUndoAction(): its text is prefix + " " + command,
        # which no translation can reorder ("%1 rückgängig machen").
        self.undo_action = QtGui.QAction(_icon("undo"), "", self)
        self.undo_action.setShortcut(QtGui.QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo_stack.undo)
        self.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_stack.undoTextChanged.connect(self._undo_text_changed)
        self.redo_action = QtGui.QAction(_icon("redo"), "", self)
        self.redo_action.setShortcut(QtGui.QKeySequence.StandardKey.Redo)
        self.redo_action.triggered.connect(self.undo_stack.redo)
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_stack.redoTextChanged.connect(self._redo_text_changed)
        self.undo_action.setEnabled(self.undo_stack.canUndo())
        self.redo_action.setEnabled(self.undo_stack.canRedo())
        self._undo_text_changed(self.undo_stack.undoText())
        self._redo_text_changed(self.undo_stack.redoText())
        self.find_action = QtGui.QAction(_icon("search"), self.tr("&Find contact"), self)
        self.find_action.setShortcut(QtGui.QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.focus_search)
        self.settings_action = QtGui.QAction(_icon("settings"), self.tr("&Settings…"), self)
        self.settings_action.setShortcut(QtGui.QKeySequence.StandardKey.Preferences)
        self.settings_action.setMenuRole(QtGui.QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.show_settings)
        self.quit_action = QtGui.QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QtGui.QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QtGui.QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.quit)
        self.about_action = QtGui.QAction(_icon("about"), self.tr("&About Allies"), self)
        self.about_action.setMenuRole(QtGui.QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.shortcuts_action = QtGui.QAction(self.tr("&Keyboard shortcuts"), self)
        self.shortcuts_action.setShortcuts([QtGui.QKeySequence(k) for k in HELP_SHORTCUTS])
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.guide_action = QtGui.QAction(self.tr("&Guide to Allies"), self)
        self.guide_action.triggered.connect(self.show_guide)
        self.log_folder_action = QtGui.QAction(self.tr("Open &log folder"), self)
        self.log_folder_action.setStatusTip(
            self.tr("The log files help to report a problem: attach the newest one.")
        )
        self.log_folder_action.triggered.connect(self.open_log_folder)
        self.interchange = InterchangeActions(self)
        self.import_action = self.interchange.import_action
        self.export_action = self.interchange.export_action
        self.undo_import_action = self.interchange.undo_import_action

        titles = {
            "contacts": self.tr("Contacts"),
            "timeline": self.tr("Timeline"),
            "network": self.tr("Network"),
            "insights": self.tr("Insights"),
            "suggestions": self.tr("Suggestions"),
        }
        self.view_group = QtGui.QActionGroup(self)
        self.view_group.setExclusive(True)
        self.view_switch: dict[str, QtGui.QAction] = {}
        for number, entry in enumerate(VIEWS, start=1):
            action = QtGui.QAction(
                _icon(VIEW_ICONS.get(entry.key, "contacts")), titles.get(entry.key, entry.key), self
            )
            action.setCheckable(True)
            action.setShortcut(QtGui.QKeySequence(f"Ctrl+{number}"))
            native = QtGui.QKeySequence.SequenceFormat.NativeText
            action.setToolTip(f"{action.text()} ({action.shortcut().toString(native)})")
            action.triggered.connect(lambda _checked=False, key=entry.key: self.show_view(key))
            self.view_group.addAction(action)
            self.view_switch[entry.key] = action

    def _undo_text_changed(self, text: str) -> None:
        if text:
            self.undo_action.setText(self.tr("&Undo %1").replace("%1", text.replace("&", "&&")))
        else:
            self.undo_action.setText(self.tr("&Undo"))

    def _redo_text_changed(self, text: str) -> None:
        if text:
            self.redo_action.setText(self.tr("&Redo %1").replace("%1", text.replace("&", "&&")))
        else:
            self.redo_action.setText(self.tr("&Redo"))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.undo_import_action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        view_menu = bar.addMenu(self.tr("&View"))
        for action in self.view_switch.values():
            view_menu.addAction(action)
        view_menu.addSeparator()
        for action in self.list_layout.actions.values():
            view_menu.addAction(action)
        view_menu.addAction(self.list_layout.cycle_action)
        # The shown view's own toolbar actions, so the keyboard reaches them too.
        self.view_actions_menu = view_menu.addMenu(self.tr("This &view"))
        contact_menu = bar.addMenu(self.tr("&Contact"))
        a = self.contact_actions
        contact_menu.addAction(a.new)
        contact_menu.addAction(a.log)
        contact_menu.addSeparator()
        contact_menu.addAction(a.add_tag)
        contact_menu.addAction(a.merge)
        contact_menu.addSeparator()
        contact_menu.addAction(a.archive)
        contact_menu.addAction(a.unarchive)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.guide_action)
        help_menu.addSeparator()
        help_menu.addAction(self.log_folder_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)
        # Ctrl+N, Ctrl+L work wherever the focus is; Delete only in the list (see actions).
        self.addAction(a.new)
        self.addAction(a.log)

    def _build_toolbar(self) -> None:
        self.toolbar = QtWidgets.QToolBar(self.tr("Main toolbar"))
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setIconSize(QtCore.QSize(20, 20))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.toolbar.addAction(self.contact_actions.new)
        self.toolbar.addAction(self.contact_actions.log)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.list_layout.cycle_action)
        for action in self.view_switch.values():
            self.toolbar.addAction(action)
        self._view_separator = self.toolbar.addSeparator()
        spacer = QtWidgets.QWidget()
        spacer.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Preferred
        )
        self._spacer = self.toolbar.addWidget(spacer)
        self._spacer_widget = spacer
        for action in (self.undo_action, self.redo_action):
            self.toolbar.addAction(action)
            button = self.toolbar.widgetForAction(action)
            if isinstance(button, QtWidgets.QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.count_label = QtWidgets.QLabel()
        self.undo_button = QtWidgets.QToolButton()
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setAutoRaise(False)
        self.undo_button.clicked.connect(self._undo_from_status)
        self.undo_button.hide()
        self.busy = QtWidgets.QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setFixedWidth(90)
        self.busy.setFixedHeight(12)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self._busy_timer = QtCore.QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(300)
        self._busy_timer.timeout.connect(self.busy.show)
        self._undo_timer = QtCore.QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(10000)
        self._undo_timer.timeout.connect(self.undo_button.hide)
        # Permanent (right-hand) widgets are laid out beside the message, never over it;
        # a normal widget shown during a message is drawn on top of the text.
        status.addPermanentWidget(self.undo_button)
        status.addPermanentWidget(self.busy)
        status.addPermanentWidget(self.count_label)
        status.messageChanged.connect(self._status_message_changed)

    # --- views ---------------------------------------------------------------------

    @property
    def current_view(self) -> str | None:
        return self._current_view

    def view(self, key: str) -> QtWidgets.QWidget | None:
        """The view widget for ``key`` if it was shown before."""
        return self._views.get(key)

    def show_view(self, key: str) -> QtWidgets.QWidget:
        """Show a view by its :data:`ui.views.VIEWS` key, building it on first use."""
        if self._constructed:
            self._finish_start()  # the user's first step: all of the window there
        entry = next((e for e in VIEWS if e.key == key), VIEWS[0])
        widget = self._build_view(entry)
        if self._unnamed.pop(entry.key, None) is not None:
            name_unnamed(widget)  # built ahead, shown before its naming turn came
        self.view_stack.setCurrentWidget(widget)
        self._current_view = entry.key
        self.view_switch[entry.key].setChecked(True)
        self.list_layout.view_shown(entry.key)
        self._swap_view_actions(widget)
        return widget

    def _build_view(self, entry: Entry, *, name_now: bool = True) -> QtWidgets.QWidget:
        """The view, built on first use; its controls named for assistive technology at
        once, or (``name_now=False``, a view built ahead) when :meth:`_name_view` runs."""
        widget = self._views.get(entry.key)
        if widget is None:
            if entry.module_exists():
                widget = entry.load()(self.selection, self)
            else:
                widget = self._placeholder(entry.key)
            self._views[entry.key] = widget
            self.view_stack.addWidget(widget)
            if not name_now:
                self._unnamed[entry.key] = widget
            elif self._named:
                name_unnamed(widget)
            # else: named with the whole window after its first paint (_name_controls)
        return widget

    def _name_view(self, key: str) -> None:
        widget = self._unnamed.pop(key, None)
        if widget is not None:
            name_unnamed(widget)

    def prepare_views(self) -> None:
        """Build the views that ask for it (a ``prepare(size)`` method: the timeline and
        the network) ahead of their first switch, while the window is idle, one view per
        turn of the event loop, and let each lay itself out and paint once while hidden:
        the first switch to it then only shows it (issue 17). Only views whose module is
        imported already (the warm-up imports) are built."""
        entries = []
        for entry in VIEWS:
            module = entry.target.partition(":")[0]
            if entry.key in self._views or module not in sys.modules:
                continue
            if callable(getattr(entry.load(), "prepare", None)):
                entries.append(entry)
        QtCore.QTimer.singleShot(0, self, lambda: self._prepare_next(entries))

    def _prepare_next(self, entries: list[Entry]) -> None:
        """One view, then a pause before the next: two views built in one turn of the
        event loop would stall the GUI thread for both (10–25 ms each), and the pause
        keeps the next apart from the first one's own turns of painting ahead."""
        if not entries:
            return
        self._prepare_view(entries.pop(0))
        QtCore.QTimer.singleShot(PREPARE_PAUSE_MS, self, lambda: self._prepare_next(entries))

    def _prepare_view(self, entry: Entry) -> None:
        if entry.key in self._views or not self.view_stack.count():
            return  # shown meanwhile (or no view yet: the first added would be shown)
        # Built in this turn, named in the next, laid out and painted ahead in the ones
        # after: each a few milliseconds to 20 ms, together a stall.
        widget = self._build_view(entry, name_now=False)

        def name_then_prepare() -> None:
            self._name_view(entry.key)
            QtCore.QTimer.singleShot(0, widget, lambda: widget.prepare(self.view_stack.size()))

        QtCore.QTimer.singleShot(0, widget, name_then_prepare)

    def _placeholder(self, key: str) -> QtWidgets.QWidget:
        label = QtWidgets.QLabel(
            self.tr("This view is on its way. Your contacts are all in the Contacts view.")
        )
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setEnabled(False)
        label.setObjectName(f"placeholder-{key}")
        return label

    def _swap_view_actions(self, widget: QtWidgets.QWidget) -> None:
        for action in self._view_actions:
            self.toolbar.removeAction(action)
        menu = getattr(self, "view_actions_menu", None)
        if menu is not None:
            menu.clear()
        return_to_parent(*self._view_actions)  # the view's actions, not the bar's
        self._view_actions = list(widget.actions())
        for action in self._view_actions:
            # A view that shows an action on itself (the network's zoom buttons) keeps it
            # out of the bar: one set of controls; the menu below still lists it.
            if action.property("on_view") is not True:
                self.toolbar.insertAction(self._spacer, action)
        if menu is not None:
            for action in self._view_actions:
                menu.addAction(action)
            menu.menuAction().setEnabled(bool(self._view_actions))
        self._fit_toolbar()

    def _fit_toolbar(self) -> None:
        """Drop the labels of the view's own buttons, then of the view switches, while the
        toolbar would not fit the window (a narrow window, longer German labels), so undo
        and redo do not disappear into the overflow menu."""
        groups = [list(self._view_actions), list(self.view_switch.values())]
        style = Qt.ToolButtonStyle
        for group in groups:
            for action in group:
                button = self.toolbar.widgetForAction(action)
                if isinstance(button, QtWidgets.QToolButton):
                    button.setToolButtonStyle(style.ToolButtonTextBesideIcon)
        for group in groups:
            if self._toolbar_width() <= self.width():
                return
            for action in group:
                button = self.toolbar.widgetForAction(action)
                if isinstance(button, QtWidgets.QToolButton):
                    button.setToolButtonStyle(style.ToolButtonIconOnly)

    def _toolbar_width(self) -> int:
        """What the toolbar's buttons need side by side."""
        layout = self.toolbar.layout()
        spacing = layout.spacing() if layout is not None else 0
        margins = self.toolbar.contentsMargins()
        width = margins.left() + margins.right() + 16  # the handle/extension allowance
        for action in self.toolbar.actions():
            button = self.toolbar.widgetForAction(action)
            if button is not None and action.isVisible() and button is not self._spacer_widget:
                width += button.sizeHint().width() + spacing
        return width

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_toolbar()
        self.list_layout.window_resized()

    # --- contacts ------------------------------------------------------------------

    def open_contact(self, contact_id: int) -> None:
        """Select the contact everywhere, show its detail and bring the window forward."""
        if (
            self.contact_list.model.row_of(contact_id) is None
            and self.contact_list.current_filter() != contacts.ContactFilter()
        ):
            # Every filter, not only the search: a filter left on would hide the contact
            # again, and the list empties the detail of a contact it does not show.
            self.contact_list.clear_filters(focus=False)
        self.selection.set_current(contact_id)
        self.contact_list.select_contact(contact_id)
        self.show_view("contacts")
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def focus_search(self) -> None:
        self.pages.setCurrentWidget(self.splitter)
        self.list_layout.reveal()
        self.contact_list.focus_search()

    def search_timeline(self, text: str) -> None:
        """Show the timeline searching for ``text`` (words from logged exchanges)."""
        view = self.show_view("timeline")
        search = getattr(view, "search", None)
        if isinstance(search, QtWidgets.QLineEdit):
            search.setText(text)
            view.apply_filters()  # type: ignore[attr-defined]

    def log_interaction(self, contact_ids: list[int]) -> None:
        if not _module_exists("ui.timeline.log_dialog"):
            return
        from ui.timeline.log_dialog import LogInteractionDialog

        dialog = LogInteractionDialog(self, participant_ids=contact_ids, undo_stack=self.undo_stack)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        name_unnamed(dialog)
        dialog.show()

    # --- import / export hooks -----------------------------------------------------

    def show_import(self) -> None:
        self.interchange.choose_files()

    def show_export(self) -> None:
        self.interchange.open_export_dialog()

    def import_files(self, paths: list[Path] | list[str]) -> None:
        """Import files given on the command line or handed over by a second start.

        Drops on the window are handled by :class:`~ui.interchange.actions.InterchangeActions`.
        """
        if paths:
            self.interchange.import_sources([str(p) for p in paths])

    # --- status --------------------------------------------------------------------

    def show_message(self, text: str, offers_undo: bool = False) -> None:
        self.statusBar().showMessage(text, 10000)
        self.undo_button.setVisible(offers_undo and self.undo_stack.canUndo())
        if offers_undo:
            self._undo_timer.start()

    def _status_message_changed(self, text: str) -> None:
        if not text:
            self.undo_button.hide()

    def _undo_from_status(self) -> None:
        self.undo_stack.undo()
        self.undo_button.hide()
        self.statusBar().showMessage(self.tr("Undone."), 3000)

    def _count_changed(self, count: int) -> None:
        self.count_label.setText(
            self.tr("1 contact")
            if count == 1
            else self.tr("%1 contacts").replace("%1", QtCore.QLocale().toString(count))
        )

    def _busy_changed(self, busy: bool) -> None:
        if busy:
            self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self.busy.hide()

    # --- empty state ---------------------------------------------------------------

    def _check_empty(self) -> None:
        ops().run(has_contacts, write=False, success=lambda has: self._set_empty(not has))

    def _set_empty(self, empty: bool) -> None:
        if empty == self._empty:
            return
        self._empty = empty
        self.list_layout.cycle_action.setEnabled(not empty)  # no list to show yet
        self.list_layout.group.setEnabled(not empty)
        if empty:
            if self._empty_state is None:
                from ui.welcome import EmptyState

                self._empty_state = EmptyState(self)
                self.pages.addWidget(self._empty_state)
            self.pages.setCurrentWidget(self._empty_state)
        else:
            self.pages.setCurrentWidget(self.splitter)

    @property
    def showing_empty_state(self) -> bool:
        return bool(self._empty)

    def _on_changed(self, changes: Changes) -> None:
        if changes.contact_list:
            self._check_empty()

    def _make_read_only(self) -> None:
        from ui.read_only import apply_read_only

        a = self.contact_actions
        editing = [a.new, a.log, a.archive, a.unarchive, a.merge, a.add_tag]
        editing += [self.import_action, self.undo_import_action]
        editing += [self.undo_action, self.redo_action]
        apply_read_only(self, editing)

    def add_banner(self, widget: QtWidgets.QWidget) -> None:
        """Put a strip (the reminder banner) above the window's content."""
        self._central_layout.insertWidget(0, widget)

    # --- dialogs -------------------------------------------------------------------

    def show_settings(self) -> QtWidgets.QDialog:
        from ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        name_unnamed(dialog)
        dialog.open()
        return dialog

    def show_about(self) -> QtWidgets.QDialog:
        from app.models import database
        from ui.help import AboutDialog
        from ui.logging_setup import log_dir

        data = Path(database.database) if database.database else None
        dialog = AboutDialog(data, log_dir(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        name_unnamed(dialog)
        dialog.open()
        return dialog

    def show_shortcuts(self) -> QtWidgets.QDialog:
        from ui.help import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        name_unnamed(dialog)
        dialog.open()
        return dialog

    def show_guide(self) -> QtWidgets.QDialog:
        from ui.help import GuideDialog

        dialog = GuideDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        name_unnamed(dialog)
        dialog.open()
        return dialog

    def open_log_folder(self) -> bool:
        from ui.help import open_folder
        from ui.logging_setup import log_dir

        return open_folder(log_dir())

    def start_onboarding(self) -> QtWidgets.QDialog:
        from ui.welcome import OnboardingDialog

        dialog = OnboardingDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        name_unnamed(dialog)
        dialog.open()
        return dialog

    # --- layout memory and closing -------------------------------------------------

    def _restore_layout(self) -> None:
        store = ui_settings()
        geometry = store.get("window/geometry")
        if geometry:
            self.restoreGeometry(QtCore.QByteArray(geometry))
        else:
            self.resize(1280, 800)
        state = store.get("window/state")
        if state:
            self.restoreState(QtCore.QByteArray(state))
        splitter = store.get("window/splitter")
        if splitter:
            self.splitter.restoreState(QtCore.QByteArray(splitter))
        self.contact_list.restore_header_state(store.get("contacts/header"))

    def save_layout(self) -> None:
        store = ui_settings()
        store.set("window/geometry", bytes(self.saveGeometry().data()))
        store.set("window/state", bytes(self.saveState().data()))
        store.set("window/splitter", bytes(self.splitter.saveState().data()))
        store.set("contacts/header", self.contact_list.header_state())
        store.set("window/view", self._current_view or "contacts")
        self.list_layout.save()

    def showEvent(self, event: QtGui.QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._shown_once:
            # The list's width for the view shown, now that the window's size is known.
            self._shown_once = True
            self.list_layout.apply()

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        self.save_layout()
        if self.close_handler is not None and self.close_handler(event):
            return
        if self._unsaved_edits_hold(self.close):
            event.ignore()
            return
        event.accept()

    def quit(self) -> None:
        self.save_layout()
        if self._unsaved_edits_hold(self.quit):
            return
        self.close_handler = None
        QtWidgets.QApplication.quit()

    def _unsaved_edits_hold(self, then: Callable[[], None]) -> bool:
        """Valid pending edits are saved; True while edits that do not validate keep the
        window open (the contacts view asks whether to discard them, then calls ``then``)."""
        ask = getattr(self._views.get("contacts"), "ask_before_closing", None)
        return bool(callable(ask) and ask(then))

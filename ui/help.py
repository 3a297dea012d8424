"""The Help menu: keyboard shortcuts, a short guide to the ideas and views, the log
folder, and About with versions and the data folder.

The shortcut overview is read from the window's own actions, so it never lists a key
that does not work (or misses one that does); a few keys that belong to a widget rather
than an action (Enter, Escape, F2) are added by hand.
"""

from __future__ import annotations

import platform
import sqlite3
from pathlib import Path

from ui.interchange.table_model import RowsModel
from ui.qt import Qt, QtCore, QtGui, QtWidgets

HELP_SHORTCUTS = ("F1", "Ctrl+?")


def _native(sequence: QtGui.QKeySequence) -> str:
    return sequence.toString(QtGui.QKeySequence.SequenceFormat.NativeText)


def _plain(text: str) -> str:
    """An action's text without its mnemonic ampersand or trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def shortcut_rows(window: QtWidgets.QWidget) -> list[tuple[str, str]]:
    """(what, keys) for every action of the window that has a shortcut, then the keys of
    the lists and fields, in menu order."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    menu_bar = window.findChild(QtWidgets.QMenuBar)
    menus = menu_bar.actions() if menu_bar is not None else []
    actions: list[QtGui.QAction] = []
    for menu_action in menus:
        menu = menu_action.menu()
        if menu is not None:
            actions += [a for a in menu.actions() if not a.isSeparator()]
    actions += [a for a in window.actions() if a not in actions]
    for action in actions:
        keys = ", ".join(_native(k) for k in action.shortcuts() if not k.isEmpty())
        text = _plain(action.text())
        if not keys or not text or text in seen:
            continue
        seen.add(text)
        rows.append((text, keys))
    translate = QtCore.QCoreApplication.translate
    rows += [
        (translate("Help", "Open the selected contact"), translate("Help", "Enter (in the list)")),
        (
            translate("Help", "Archive the selected contacts"),
            translate("Help", "Delete (in the list)"),
        ),
        (translate("Help", "Move from the search into the list"), translate("Help", "Down")),
        (translate("Help", "Clear the search"), translate("Help", "Escape")),
        (translate("Help", "Change a relation or note in place"), "F2"),
        (translate("Help", "Move between fields and buttons"), translate("Help", "Tab, Shift+Tab")),
    ]
    return rows


class ShortcutsDialog(QtWidgets.QDialog):
    """Every keyboard shortcut, in a table. No signals."""

    def __init__(self, window: QtWidgets.QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.model = RowsModel([self.tr("Action"), self.tr("Keys")], self)
        self.model.set_rows(shortcut_rows(window))
        self.table = QtWidgets.QTableView()
        self.table.setObjectName("shortcutTable")
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        width = self.table.horizontalHeader().length() + 60
        self.resize(max(440, min(width, 640)), 520)


def guide_html() -> str:
    """The short guide, as simple HTML (our own text, no user data)."""
    translate = QtCore.QCoreApplication.translate
    sections = [
        (
            translate("Help", "Allies at every level"),
            translate(
                "Help",
                "Each contact has a level relative to you: above you, a peer, below you, or "
                "outside your organisation. Useful allies sit at every level; the coverage "
                "check in Insights says when a level or a circle is missing.",
            ),
        ),
        (
            translate("Help", "Give first, then take"),
            translate(
                "Help",
                "Log what you give and what you receive (information, advice, help, an "
                "introduction…). The balance is what you gave minus what you received: below "
                "−2 you are taking more than giving; above +4 you are owed favours, a good "
                "time to ask. In between, give when you can.",
            ),
        ),
        (
            translate("Help", "Keep in touch"),
            translate(
                "Help",
                "Every contact has a cadence: how often you want to be in touch (by default "
                "from the level, changeable per person, or never). When the time since the "
                "last interaction passes it, the contact is due: a red dot in the list, a "
                "reminder in the tray. Log a lunch, call or e-mail with Ctrl+L.",
            ),
        ),
        (
            translate("Help", "Goals"),
            translate(
                "Help",
                "Write down what you want to reach (a promotion, a new job, a project) and "
                "who can help. Insights → Goals shows each goal with its allies and how "
                "healthy those relationships are.",
            ),
        ),
        (
            translate("Help", "The views"),
            translate(
                "Help",
                "Contacts: the list and one person's profile, timeline, give and take, "
                "relationships, goals and follow-ups. Timeline: everything you logged, "
                "searchable, with a chart to choose dates. Network: who knows whom, you in "
                "the centre. Insights: what to do next and the shape of your network. The "
                "contact list can show all columns, names only, or fold away (F9), for "
                "each view.",
            ),
        ),
    ]
    parts = []
    for title, text in sections:
        parts.append(f"<h3>{title}</h3><p>{text}</p>")
    return "".join(parts)


class GuideDialog(QtWidgets.QDialog):
    """The short guide to the ideas and the views. No signals."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Guide to Allies"))
        self.text = QtWidgets.QTextBrowser()
        self.text.setObjectName("guideText")
        self.text.setAccessibleName(self.tr("Guide to Allies"))
        self.text.setOpenLinks(False)
        self.text.setHtml(guide_html())
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(560, 560)


def _version_of(name: str) -> str:
    # Imported here: importlib.metadata costs ~20 ms, and this module is imported at
    # start (the window's help shortcuts), long before the About dialog opens.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return ""


def versions() -> list[tuple[str, str]]:
    """(component, version) for the About box; pyqtgraph is looked up, not imported."""
    from PySide6 import __version__ as pyside_version

    rows = [
        ("Allies", _version_of("allies") or "dev"),
        ("Python", platform.python_version()),
        ("Qt", QtCore.qVersion()),
        ("PySide6", pyside_version),
        ("SQLite", sqlite3.sqlite_version),
    ]
    for package in ("pyqtgraph", "peewee", "numpy"):
        found = _version_of(package)
        if found:
            rows.append((package, found))
    rows.append((QtCore.QCoreApplication.translate("Help", "System"), platform.platform()))
    return rows


class AboutDialog(QtWidgets.QDialog):
    """What Allies is, its versions, and where its data and logs are. No signals."""

    def __init__(
        self,
        data_file: Path | None,
        log_folder: Path,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Allies"))
        icon = QtWidgets.QLabel()
        app_icon = QtWidgets.QApplication.windowIcon()
        icon.setPixmap(app_icon.pixmap(64, 64))
        title = QtWidgets.QLabel(self.tr("Allies %1").replace("%1", _version_of("allies") or "dev"))
        title.setTextFormat(Qt.TextFormat.PlainText)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.summary = QtWidgets.QLabel(
            self.tr(
                "A private relationship manager for professional networking: alliances at "
                "every level, give first, keep in touch. Your data stays on this computer."
            )
        )
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.versions = RowsModel([self.tr("Component"), self.tr("Version")], self)
        self.versions.set_rows(versions())
        table = QtWidgets.QTableView()
        table.setObjectName("versionTable")
        table.setAccessibleName(self.tr("Versions"))
        table.setModel(self.versions)
        table.verticalHeader().hide()
        table.setShowGrid(False)
        table.setTabKeyNavigation(False)
        table.horizontalHeader().setStretchLastSection(True)
        table.resizeColumnsToContents()
        rows = self.versions.rowCount()
        table.setFixedHeight(
            table.horizontalHeader().sizeHint().height()
            + rows * table.verticalHeader().defaultSectionSize()
            + 2 * table.frameWidth()
        )
        self.data_file = data_file
        self.log_folder = log_folder
        folders = QtWidgets.QFormLayout()
        self.data_label = self._path_label(str(data_file) if data_file else "")
        self.log_label = self._path_label(str(log_folder))
        folders.addRow(self.tr("Data"), self.data_label)
        folders.addRow(self.tr("Logs"), self.log_label)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.open_data = buttons.addButton(
            self.tr("Open data folder"), QtWidgets.QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_data.setEnabled(data_file is not None)
        self.open_data.clicked.connect(
            lambda: data_file is not None and open_folder(data_file.resolve().parent)
        )
        self.open_logs = buttons.addButton(
            self.tr("Open log folder"), QtWidgets.QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_logs.clicked.connect(lambda: open_folder(log_folder))
        head = QtWidgets.QHBoxLayout()
        head.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        text = QtWidgets.QVBoxLayout()
        text.addWidget(title)
        text.addWidget(self.summary)
        head.addLayout(text, 1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(table)
        layout.addLayout(folders)
        layout.addWidget(buttons)
        self.resize(560, 0)

    @staticmethod
    def _path_label(text: str) -> QtWidgets.QLabel:
        label = QtWidgets.QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def text(self) -> str:
        """Everything the box says, for tests and for copying."""
        rows = [f"{name} {number}" for name, number in versions()]
        return "\n".join([self.windowTitle(), self.summary.text(), *rows, self.data_label.text()])


def open_folder(folder: Path) -> bool:
    """Show a folder in the desktop's file manager (creating a missing log folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    return QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(folder)))

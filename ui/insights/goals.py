"""Goals: create and edit them, attach the allies who can help, and see how those
relationships are doing (due, balance, strength) and who to contact next.

Every write is an undoable command on the window's stack (or the one given).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from app import goals as goal_ops
from app.changes import Changes
from app.goals import AllyHealth, GoalHealth, at_risk, goals_health
from app.timeline_query import NameMatch, contact_name_matches
from ui.accessibility import readable
from ui.contacts.delegate import BALANCE_COLORS, DUE_COLORS
from ui.contacts.model import balance_text, due_text, long_date
from ui.dates import date_format
from ui.flow_layout import FlowLayout
from ui.insights import actions
from ui.insights.actions import icon
from ui.ops import ops
from ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from ui.rich_text import plain_tooltip
from ui.selection import ContactSelection
from ui.timeline.commands import OpCommand, push

GOAL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CONTACT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
STRENGTH_ROLE = Qt.ItemDataRole.UserRole + 3
AT_RISK_COLOR = QtGui.QColor(214, 57, 57)

_INDEX = QtCore.QModelIndex()


def _qdate(day: dt.date) -> QtCore.QDate:
    return QtCore.QDate(day.year, day.month, day.day)


def _pydate(day: QtCore.QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def when_text(health: GoalHealth) -> str:
    """ "Achieved", or the target date and how far away it is."""
    translate = QtCore.QCoreApplication.translate
    if health.achieved:
        return translate("Goals", "Achieved")
    if health.target_date is None or health.days_left is None:
        return translate("Goals", "No target date")
    date = long_date(health.target_date)
    days = health.days_left
    if days < -1:
        text = translate("Goals", "Target %1, passed %2 days ago").replace("%2", str(-days))
    elif days == -1:
        text = translate("Goals", "Target %1, passed yesterday")
    elif days == 0:
        text = translate("Goals", "Target %1: today")
    elif days == 1:
        text = translate("Goals", "Target %1: tomorrow")
    else:
        text = translate("Goals", "Target %1, in %2 days").replace("%2", str(days))
    return text.replace("%1", date)


def _dot(color: QtGui.QColor) -> QtGui.QIcon:
    pixmap = QtGui.QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QtGui.QPainter(pixmap)
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QtGui.QIcon(pixmap)


class GoalListModel(QtCore.QAbstractListModel):
    """Goals with their health (open ones first, by target date). No signals of its own."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._goals: list[GoalHealth] = []

    def set_goals(self, items: Sequence[GoalHealth]) -> None:
        self.beginResetModel()
        self._goals = list(items)
        self.endResetModel()

    def goal(self, row: int) -> GoalHealth | None:
        return self._goals[row] if 0 <= row < len(self._goals) else None

    def row_of(self, goal_id: int) -> int | None:
        return next((i for i, g in enumerate(self._goals) if g.goal_id == goal_id), None)

    def rowCount(self, parent: QtCore.QModelIndex = _INDEX) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._goals)

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        goal = self.goal(index.row()) if index.isValid() else None
        if goal is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{goal.title}\n{when_text(goal)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            if at_risk(goal):
                return self.tr("At risk: the date is close and its allies need attention.")
            return plain_tooltip(when_text(goal))
        if role == Qt.ItemDataRole.DecorationRole:
            if goal.achieved:
                return icon("goal")
            return _dot(AT_RISK_COLOR if at_risk(goal) else QtGui.QColor(46, 150, 80))
        if role == Qt.ItemDataRole.ForegroundRole and goal.achieved:
            return QtWidgets.QApplication.palette().brush(QtGui.QPalette.ColorRole.PlaceholderText)
        if role == GOAL_ID_ROLE:
            return goal.goal_id
        return None


class AlliesModel(QtCore.QAbstractTableModel):
    """The allies of one goal and the health of each relationship. No signals of its own."""

    NAME, DUE, BALANCE, STRENGTH, NOTE = range(5)

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._allies: list[AllyHealth] = []
        self._next: int | None = None
        self._today = dt.date.today()

    def set_allies(
        self, allies: Sequence[AllyHealth], next_contact_id: int | None, today: dt.date
    ) -> None:
        self.beginResetModel()
        self._allies = list(allies)
        self._next = next_contact_id
        self._today = today
        self.endResetModel()

    def ally(self, row: int) -> AllyHealth | None:
        return self._allies[row] if 0 <= row < len(self._allies) else None

    def rowCount(self, parent: QtCore.QModelIndex = _INDEX) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._allies)

    def columnCount(self, parent: QtCore.QModelIndex = _INDEX) -> int:  # noqa: N802
        return 0 if parent.isValid() else 5

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = [self.tr("Ally"), self.tr("Due"), self.tr("Balance"), self.tr("Strength")]
        names.append(self.tr("How they can help"))
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        ally = self.ally(index.row()) if index.isValid() else None
        if ally is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                if ally.archived:
                    return self.tr("%1 (archived)").replace("%1", ally.name)
                return ally.name
            if column == self.DUE:
                return due_text(ally.due_on, self._today)
            if column == self.BALANCE:
                return balance_text(ally.balance)
            if column == self.STRENGTH:
                return f"{ally.strength:.0f}"
            if column == self.NOTE:
                return ally.note
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.DUE and ally.due_state in DUE_COLORS:
                return DUE_COLORS[ally.due_state]
            if column == self.BALANCE and ally.balance_state in BALANCE_COLORS:
                return BALANCE_COLORS[ally.balance_state]
        is_next = ally.contact_id == self._next
        if role == Qt.ItemDataRole.FontRole and column == self.NAME and is_next:
            font = QtGui.QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAME and ally.organization:
            return plain_tooltip(ally.organization)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.BALANCE, self.STRENGTH):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == CONTACT_ID_ROLE:
            return ally.contact_id
        if role == STRENGTH_ROLE:
            return ally.strength
        return None


class StrengthDelegate(QtWidgets.QStyledItemDelegate):
    """Draws strength (0–100) as a bar in the palette's highlight colour. No signals."""

    def paint(
        self,
        painter: QtGui.QPainter,
        option: QtWidgets.QStyleOptionViewItem,
        index: QtCore.QModelIndex,
    ) -> None:
        value = index.data(STRENGTH_ROLE)
        if value is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QtWidgets.QApplication.style()
        option.text = ""
        style.drawControl(QtWidgets.QStyle.ControlElement.CE_ItemViewItem, option, painter)
        rect = option.rect.adjusted(4, option.rect.height() // 2 - 4, -4, 0)
        rect.setHeight(8)
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(option.palette.color(QtGui.QPalette.ColorRole.Mid))
        painter.drawRoundedRect(rect, 3, 3)
        filled = QtCore.QRect(rect)
        filled.setWidth(int(rect.width() * max(0.0, min(100.0, float(value))) / 100))
        painter.setBrush(option.palette.color(QtGui.QPalette.ColorRole.Highlight))
        painter.drawRoundedRect(filled, 3, 3)
        painter.restore()

    def sizeHint(
        self, option: QtWidgets.QStyleOptionViewItem, index: QtCore.QModelIndex
    ) -> QtCore.QSize:
        size = super().sizeHint(option, index)
        return QtCore.QSize(max(size.width(), 80), size.height())


class GoalDialog(QtWidgets.QDialog):
    """Create or edit a goal: title, optional target date, why it matters. No signals."""

    def __init__(
        self,
        parent: QtWidgets.QWidget | None = None,
        health: GoalHealth | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        today = today or dt.date.today()
        self.setWindowTitle(self.tr("Edit goal") if health else self.tr("New goal"))
        self.setWindowIcon(icon("goal"))
        self.title = QtWidgets.QLineEdit(health.title if health else "")
        self.title.setPlaceholderText(self.tr("e.g. Become team lead"))
        self.has_date = QtWidgets.QCheckBox(self.tr("Target date"))
        target = health.target_date if health and health.target_date else None
        self.has_date.setChecked(health is None or target is not None)
        self.date = QtWidgets.QDateEdit(_qdate(target or today + dt.timedelta(days=90)))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(date_format())
        self.has_date.toggled.connect(self.date.setEnabled)
        self.date.setEnabled(self.has_date.isChecked())
        self.description = QtWidgets.QPlainTextEdit(health.description if health else "")
        self.description.setPlaceholderText(self.tr("Why it matters, what it takes"))
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(80)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QtWidgets.QFormLayout(self)
        form.addRow(self.tr("&Goal:"), self.title)
        date_row = QtWidgets.QHBoxLayout()
        date_row.addWidget(self.has_date)
        date_row.addWidget(self.date, 1)
        form.addRow(date_row)
        form.addRow(self.tr("&Why:"), self.description)
        form.addRow(self.buttons)
        self.title.textChanged.connect(self._update_ok)
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.title.text().strip()))

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title.text().strip(),
            "description": self.description.toPlainText().strip(),
            "target_date": _pydate(self.date.date()) if self.has_date.isChecked() else None,
        }


class ContactSuggestions(QtCore.QAbstractListModel):
    """Contacts matching what was typed, for the ally picker's completer. No signals."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._matches: list[NameMatch] = []

    def set_matches(self, matches: Sequence[NameMatch]) -> None:
        self.beginResetModel()
        self._matches = list(matches)
        self.endResetModel()

    def matches(self) -> list[NameMatch]:
        return list(self._matches)

    def rowCount(self, parent: QtCore.QModelIndex = _INDEX) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._matches)

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._matches):
            return None
        match = self._matches[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return match.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(match.organization) or None
        if role == CONTACT_ID_ROLE:
            return match.id
        return None


class AllyPicker(QtWidgets.QLineEdit):
    """Type a name; pick a completion or press Enter to add that contact.

    Signals: ``picked(int)`` with the chosen contact's id.
    """

    picked = Signal(int)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("Add an ally: type a name, Enter adds them"))
        self.suggestions = ContactSuggestions(self)
        completer = QtWidgets.QCompleter(self.suggestions, self)
        completer.setCompletionMode(QtWidgets.QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated[QtCore.QModelIndex].connect(self._activated)
        self.setCompleter(completer)
        self.textEdited.connect(self._query)
        self.returnPressed.connect(self._enter)
        self._generation = 0

    def _query(self, text: str) -> None:
        self._generation += 1
        generation = self._generation
        ops().run(
            contact_name_matches,
            text,
            write=False,
            success=lambda matches: self._show(generation, matches),
        )

    def _show(self, generation: int, matches: list[NameMatch]) -> None:
        if generation != self._generation:
            return
        self.suggestions.set_matches(matches)
        if matches and self.hasFocus():
            self.completer().complete()

    def _activated(self, index: QtCore.QModelIndex) -> None:
        contact_id = index.data(CONTACT_ID_ROLE)
        if contact_id is not None:
            self._pick(int(contact_id))

    def _enter(self) -> None:
        popup = self.completer().popup()
        if popup.isVisible() and popup.currentIndex().isValid():
            self._activated(popup.currentIndex())
            return
        matches = self.suggestions.matches()
        typed = " ".join(self.text().split()).casefold()
        exact = [m for m in matches if m.name.casefold() == typed]
        chosen = exact or (matches if len(matches) == 1 else [])
        if chosen:
            self._pick(chosen[0].id)

    def _pick(self, contact_id: int) -> None:
        self.completer().popup().hide()
        self.suggestions.set_matches([])
        self.clear()
        QtCore.QTimer.singleShot(0, self.clear)  # after the completer wrote its choice in
        self.picked.emit(contact_id)


class GoalsPanel(QtWidgets.QWidget):
    """The goals list and the selected goal's allies, health and who to contact next.

    Signals: ``loaded()`` each time fresh goal health is on screen.
    """

    loaded = Signal()

    def __init__(
        self,
        selection: ContactSelection,
        parent: QtWidgets.QWidget | None = None,
        *,
        today: dt.date | None = None,
        undo_stack: QtGui.QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self.selection = selection
        self._fixed_today = today
        self._undo_stack = undo_stack
        self._generation = 0
        self._dirty = True
        self._wanted_goal: int | None = None

        self.goal_model = GoalListModel(self)
        self.goal_list = QtWidgets.QListView()
        self.goal_list.setAccessibleName(self.tr("Goals"))
        self.goal_list.setModel(self.goal_model)
        self.goal_list.setSpacing(2)
        self.goal_list.setIconSize(QtCore.QSize(12, 12))
        # Long titles are shortened with "…" (full text in the detail) instead of
        # scrolling the narrow list sideways.
        self.goal_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.goal_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.goal_list.selectionModel().currentChanged.connect(self._show_current)
        self.goal_list.doubleClicked.connect(lambda _: self.edit_goal())

        self.new_button = self._button(self.tr("New goal…"), "goal", self.new_goal)
        self.new_button.setShortcut(QtGui.QKeySequence("Ctrl+Shift+G"))
        self.edit_button = self._button(self.tr("Edit…"), "edit", self.edit_goal)
        self.achieved_button = self._button(self.tr("Achieved"), "goal", self.toggle_achieved)
        self.achieved_button.setCheckable(True)
        self.delete_button = self._button(self.tr("Delete"), "delete", self.delete_goal)
        # Wraps onto a second line when the pane is narrow (longer German labels).
        bar = FlowLayout(spacing=4)
        for button in (self.new_button, self.edit_button, self.achieved_button):
            bar.addWidget(button)
        bar.addWidget(self.delete_button)
        left = QtWidgets.QWidget()
        left_layout = QtWidgets.QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.goal_list, 1)

        self.title_label = QtWidgets.QLabel()
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title_label.setFont(font)
        self.when_label = self._plain_label()
        self.description_label = self._plain_label()
        self.risk_label = self._plain_label()
        palette = self.risk_label.palette()
        background = palette.color(QtGui.QPalette.ColorRole.Window)
        palette.setColor(QtGui.QPalette.ColorRole.WindowText, readable(AT_RISK_COLOR, background))
        self.risk_label.setPalette(palette)
        self.next_label = self._plain_label()
        self.next_open = self._button(self.tr("Open"), "contacts", self._open_next)
        self.next_log = self._button(self.tr("Log…"), "log-interaction", self._log_next)
        next_row = QtWidgets.QHBoxLayout()
        next_row.addWidget(self.next_label, 1)
        next_row.addWidget(self.next_open)
        next_row.addWidget(self.next_log)

        self.allies_model = AlliesModel(self)
        self.allies = QtWidgets.QTableView()
        self.allies.setAccessibleName(self.tr("Allies for this goal"))
        self.allies.setModel(self.allies_model)
        self.allies.setItemDelegateForColumn(AlliesModel.STRENGTH, StrengthDelegate(self.allies))
        self.allies.verticalHeader().hide()
        self.allies.setWordWrap(False)  # a narrow column shortens names, never breaks them
        self.allies.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.allies.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.allies.doubleClicked.connect(self._open_ally)
        header = self.allies.horizontalHeader()
        # Name and note share the room (and elide); the numbers and the strength bar keep
        # their size, so the table fits the pane without a horizontal scroll bar.
        for column in range(self.allies_model.columnCount()):
            header.setSectionResizeMode(
                column,
                QtWidgets.QHeaderView.ResizeMode.Stretch
                if column in (AlliesModel.NAME, AlliesModel.NOTE)
                else QtWidgets.QHeaderView.ResizeMode.ResizeToContents,
            )
        self.picker = AllyPicker()
        self.picker.picked.connect(self.attach)
        self.remove_button = self._button(self.tr("Remove"), "delete", self.detach_selected)
        self.remove_button.setToolTip(self.tr("This person no longer helps with the goal"))
        picker_row = QtWidgets.QHBoxLayout()
        picker_row.addWidget(self.picker, 1)
        picker_row.addWidget(self.remove_button)

        self.detail = QtWidgets.QWidget()
        detail_layout = QtWidgets.QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(8, 0, 0, 0)
        detail_layout.addWidget(self.title_label)
        detail_layout.addWidget(self.when_label)
        detail_layout.addWidget(self.description_label)
        detail_layout.addWidget(self.risk_label)
        detail_layout.addLayout(next_row)
        detail_layout.addWidget(self.allies, 1)
        detail_layout.addLayout(picker_row)

        self.empty_label = self._plain_label()
        self.empty_label.setText(
            self.tr(
                "What do you want to reach: a promotion, a new job, a project? Create a goal "
                "and attach the people who can help; Allies keeps an eye on those relationships."
            )
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QtWidgets.QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.detail)

        splitter = QtWidgets.QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        ops().changed.connect(self._on_changed)
        self._update_buttons()

    def _button(self, text: str, icon_name: str, slot: Any) -> QtWidgets.QToolButton:
        button = QtWidgets.QToolButton()
        button.setText(text)
        button.setIcon(icon(icon_name))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.clicked.connect(lambda _=False: slot())
        return button

    @staticmethod
    def _plain_label() -> QtWidgets.QLabel:
        label = QtWidgets.QLabel()
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        return label

    # --- loading ----------------------------------------------------------------------

    @property
    def today(self) -> dt.date:
        return self._fixed_today or dt.date.today()

    def showEvent(self, event: QtGui.QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._dirty:
            self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.goals or changes.contacts or changes.interactions or changes.exchanges:
            self._dirty = True
            if self.isVisible():
                self.reload()

    def reload(self) -> None:
        self._dirty = False
        self._generation += 1
        generation = self._generation
        ops().run(
            goals_health,
            self.today,
            write=False,
            success=lambda items: self._apply(generation, items),
        )

    def render_for_screenshot(self) -> None:
        self._dirty = False
        self._generation += 1
        self._apply(self._generation, goals_health(self.today))

    def _apply(self, generation: int, items: list[GoalHealth]) -> None:
        if generation != self._generation:
            return
        keep = self._wanted_goal or self.current_goal_id()
        self._wanted_goal = None
        self.goal_model.set_goals(items)
        row = self.goal_model.row_of(keep) if keep is not None else None
        if row is None and items:
            row = 0
        if row is not None:
            self.goal_list.setCurrentIndex(self.goal_model.index(row))
        self._show_current()
        self.loaded.emit()

    # --- the selected goal ------------------------------------------------------------

    def current(self) -> GoalHealth | None:
        return self.goal_model.goal(self.goal_list.currentIndex().row())

    def current_goal_id(self) -> int | None:
        goal = self.current()
        return goal.goal_id if goal else None

    def select_goal(self, goal_id: int) -> None:
        row = self.goal_model.row_of(goal_id)
        if row is None:
            self._wanted_goal = goal_id
            self.reload()
        else:
            self.goal_list.setCurrentIndex(self.goal_model.index(row))

    def _show_current(self, *_: object) -> None:
        goal = self.current()
        self._update_buttons()
        if goal is None:
            self.stack.setCurrentWidget(self.empty_label)
            self.allies_model.set_allies([], None, self.today)
            return
        self.stack.setCurrentWidget(self.detail)
        self.title_label.setText(goal.title)
        self.when_label.setText(when_text(goal))
        self.description_label.setText(goal.description)
        self.description_label.setVisible(bool(goal.description))
        self.risk_label.setVisible(at_risk(goal))
        if not goal.active_allies:
            self.risk_label.setText(self.tr("At risk: nobody is helping with this goal yet."))
        else:
            weak, allies = len(goal.weak_allies), len(goal.active_allies)
            if allies == 1 and weak == 1:
                text = self.tr("At risk: your only ally is overdue or drifting away.")
            elif weak == 1:
                text = self.tr("At risk: 1 of %2 allies is overdue or drifting away.")
            else:
                text = self.tr("At risk: %1 of %2 allies are overdue or drifting away.")
            self.risk_label.setText(text.replace("%1", str(weak)).replace("%2", str(allies)))
        self.allies_model.set_allies(goal.allies, goal.next_contact_id, self.today)
        next_ally = next((a for a in goal.allies if a.contact_id == goal.next_contact_id), None)
        if next_ally is None:
            self.next_label.setText(self.tr("Attach the people who can help with this goal."))
        else:
            self.next_label.setText(
                self.tr("Who to contact next: %1 (%2)")
                .replace("%1", next_ally.name)
                .replace("%2", due_text(next_ally.due_on, self.today))
            )
        self.next_open.setVisible(next_ally is not None and not goal.achieved)
        self.next_log.setVisible(next_ally is not None and not goal.achieved)

    def _update_buttons(self) -> None:
        goal = self.current()
        for button in (self.edit_button, self.achieved_button, self.delete_button):
            button.setEnabled(goal is not None)
        self.achieved_button.setChecked(bool(goal and goal.achieved))

    # --- writes -----------------------------------------------------------------------

    def _stack(self) -> QtGui.QUndoStack | None:
        return actions.stack_of(self, self._undo_stack)

    def new_goal(self) -> GoalDialog:
        dialog = GoalDialog(self, today=self.today)
        dialog.accepted.connect(lambda: self._create(dialog.values()))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog = dialog
        return dialog

    def _create(self, values: dict[str, Any]) -> None:
        state: dict[str, int] = {}

        def redo() -> Changes:
            state["id"], changes = goal_ops.create_goal(**values)
            self._wanted_goal = state["id"]
            return changes

        def undo() -> Changes:
            return goal_ops.delete_goal(state["id"])[1]

        text = self.tr("Create goal %1").replace("%1", values["title"])
        push(self._stack(), OpCommand(text, redo, undo))

    def edit_goal(self) -> GoalDialog | None:
        goal = self.current()
        if goal is None:
            return None
        dialog = GoalDialog(self, goal, today=self.today)
        before = {
            "title": goal.title,
            "description": goal.description,
            "target_date": goal.target_date,
        }
        dialog.accepted.connect(lambda: self._update(goal.goal_id, before, dialog.values()))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog = dialog
        return dialog

    def _update(self, goal_id: int, before: dict[str, Any], after: dict[str, Any]) -> None:
        if before == after:
            return
        text = self.tr("Edit goal %1").replace("%1", after["title"])
        push(
            self._stack(),
            OpCommand(
                text,
                lambda: goal_ops.update_goal(goal_id, **after),
                lambda: goal_ops.update_goal(goal_id, **before),
            ),
        )

    def toggle_achieved(self) -> None:
        goal = self.current()
        if goal is None:
            return
        achieved = not goal.achieved
        text = (self.tr("Mark %1 as achieved") if achieved else self.tr("Mark %1 as open")).replace(
            "%1", goal.title
        )
        goal_id = goal.goal_id
        push(
            self._stack(),
            OpCommand(
                text,
                lambda: goal_ops.update_goal(goal_id, achieved=achieved),
                lambda: goal_ops.update_goal(goal_id, achieved=not achieved),
            ),
        )

    def delete_goal(self) -> None:
        goal = self.current()
        if goal is None:
            return
        goal_id = goal.goal_id
        state: dict[str, goal_ops.GoalSnapshot] = {}

        def redo() -> Changes:
            state["snapshot"], changes = goal_ops.delete_goal(goal_id)
            return changes

        def undo() -> Changes:
            self._wanted_goal = goal_id
            return goal_ops.restore_goal(state["snapshot"])

        text = self.tr("Delete goal %1").replace("%1", goal.title)
        push(self._stack(), OpCommand(text, redo, undo))

    def attach(self, contact_id: int) -> None:
        goal = self.current()
        if goal is None:
            return
        goal_id = goal.goal_id
        push(
            self._stack(),
            OpCommand(
                self.tr("Add ally to %1").replace("%1", goal.title),
                lambda: goal_ops.attach_contact(goal_id, contact_id),
                lambda: goal_ops.detach_contact(goal_id, contact_id),
            ),
        )

    def detach_selected(self) -> None:
        goal = self.current()
        ally = self.allies_model.ally(self.allies.currentIndex().row())
        if goal is None or ally is None:
            return
        goal_id, contact_id, note = goal.goal_id, ally.contact_id, ally.note
        push(
            self._stack(),
            OpCommand(
                self.tr("Remove %1 from %2").replace("%1", ally.name).replace("%2", goal.title),
                lambda: goal_ops.detach_contact(goal_id, contact_id),
                lambda: goal_ops.attach_contact(goal_id, contact_id, note),
            ),
        )

    # --- contacting -------------------------------------------------------------------

    def _open_next(self) -> None:
        goal = self.current()
        if goal is not None and goal.next_contact_id is not None:
            actions.open_contact(self, self.selection, goal.next_contact_id)

    def _log_next(self) -> None:
        goal = self.current()
        if goal is not None and goal.next_contact_id is not None:
            self.log_dialog = actions.log_with(
                self, [goal.next_contact_id], self._undo_stack, self.today
            )

    def _open_ally(self, index: QtCore.QModelIndex) -> None:
        contact_id = index.data(CONTACT_ID_ROLE)
        if contact_id is not None:
            actions.open_contact(self, self.selection, int(contact_id))

"""The Insights view: what to do next, the shape of the network, and goals.

Advice comes from :func:`app.insights.findings` as cards grouped by severity (do now,
keep an eye on, good to know); every finding about a person carries one-click actions
(open, log, snooze, mark as thanked). The "Your network" tab holds bar charts of the
network by level, by circle and over time (pyqtgraph, loaded when that tab is first
shown) and the organisations; the "Goals" tab the goals and their allies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from app.changes import Changes
from app.insights import Code, Finding, NetworkShape, Severity, findings, network_shape
from ui.insights import actions
from ui.insights.actions import icon
from ui.insights.goals import GoalsPanel
from ui.insights.models import FindingsModel, OrganisationsModel
from ui.insights.texts import (
    COVERAGE,
    card_text,
    detail,
    group_of,
    roles_sentence,
    severity_title,
    subject,
)
from ui.ops import ops
from ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from ui.selection import ContactSelection

MAX_ROWS = 5  # rows a card shows; the rest are one click away ("Show all")

SEVERITY_COLORS = {
    Severity.ACTION: QtGui.QColor(214, 57, 57),
    Severity.WARNING: QtGui.QColor(230, 152, 20),
    Severity.INFO: QtGui.QColor(60, 130, 200),
}


@dataclass(frozen=True)
class InsightsData:
    findings: list[Finding]
    shape: NetworkShape
    contacts: int = 0  # active (not archived) contacts
    never_met: int = 0  # of them, those without any interaction logged


def load_insights(today: dt.date) -> InsightsData:
    """Everything the view shows, computed in one go off the GUI thread."""
    from app.models import Contact

    active = Contact.select().where(Contact.archived == False)  # noqa: E712 - peewee
    return InsightsData(
        findings(today),
        network_shape(today),
        active.count(),
        active.where(Contact.last_contact.is_null()).count(),
    )


def _label(text: str = "", *, bold: bool = False, wrap: bool = True) -> QtWidgets.QLabel:
    label = QtWidgets.QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


class FindingRow(QtWidgets.QWidget):
    """One finding: who, what, and buttons for what to do about it.

    Signals: ``action(str, object)`` with the action name (``open``, ``log``,
    ``snooze-week``, ``snooze-month``, ``thanked``, ``goal``) and the finding.
    """

    action = Signal(str, object)

    def __init__(self, finding: Finding, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.finding = finding
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        text = QtWidgets.QVBoxLayout()
        text.setSpacing(0)
        who = subject(finding)
        self.subject_label = _label(who, bold=True) if who else None
        if self.subject_label is not None:
            text.addWidget(self.subject_label)
        self.detail_label = _label(detail(finding))
        text.addWidget(self.detail_label)
        layout.addLayout(text, 1)
        self.buttons: dict[str, QtWidgets.QToolButton] = {}
        code = finding.code
        if code == Code.GOAL_AT_RISK:
            self._button("goal", self.tr("Open goal"), "goal")
            if finding.params.get("next_contact_id"):
                self._button("log", self.tr("Log…"), "log-interaction")
            return
        if not finding.contact_ids or code == Code.ONE_CIRCLE:
            return
        self._button("open", self.tr("Open"), "contacts")
        if code == Code.NOT_THANKED:
            self._button("thanked", self.tr("Thanked"), "received").setToolTip(
                self.tr("I have thanked them")
            )
        elif code != Code.BROKER:
            self._button("log", self.tr("Log…"), "log-interaction")
        if code == Code.OVERDUE:
            snooze = self._button("snooze-week", self.tr("Snooze"), "snooze")
            snooze.setToolTip(self.tr("Remind me again in a week"))
            menu = QtWidgets.QMenu(snooze)
            menu.addAction(self.tr("For a week"), lambda: self.action.emit("snooze-week", finding))
            menu.addAction(
                self.tr("For a month"), lambda: self.action.emit("snooze-month", finding)
            )
            snooze.setMenu(menu)
            snooze.setPopupMode(QtWidgets.QToolButton.ToolButtonPopupMode.MenuButtonPopup)

    def _button(self, name: str, text: str, icon_name: str) -> QtWidgets.QToolButton:
        button = QtWidgets.QToolButton()
        button.setObjectName(name)
        button.setText(text)
        button.setIcon(icon(icon_name))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setAutoRaise(True)
        button.clicked.connect(lambda: self.action.emit(name, self.finding))
        self.layout().addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.buttons[name] = button
        return button


class FindingCard(QtWidgets.QFrame):
    """A card: a heading, why it matters, and up to :data:`MAX_ROWS` findings.

    Signals: ``action(str, object)`` from any row; ``show_all(list)`` with every finding.
    """

    action = Signal(str, object)
    show_all = Signal(list)

    def __init__(
        self, group: str, items: list[Finding], parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.group = group
        self.findings = items
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QtGui.QPalette.ColorRole.Base)
        layout = QtWidgets.QVBoxLayout(self)
        text = card_text(group)
        head = QtWidgets.QHBoxLayout()
        badge = QtWidgets.QLabel()
        badge.setPixmap(icon(text.icon).pixmap(20, 20))
        head.addWidget(badge)
        self.title_label = _label(text.title, bold=True, wrap=False)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title_label.setFont(font)
        head.addWidget(self.title_label, 1)
        if len(items) > 1 and group != Code.ROLE_UNFILLED:
            head.addWidget(_label(str(len(items)), wrap=False))
        layout.addLayout(head)
        advice = _label(text.advice)
        advice.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)
        layout.addWidget(advice)
        self.rows: list[FindingRow] = []
        if group == Code.ROLE_UNFILLED:
            layout.addWidget(_label(roles_sentence(items)))
            return
        for finding in items[:MAX_ROWS]:
            row = FindingRow(finding)
            row.action.connect(self.action)
            layout.addWidget(row)
            self.rows.append(row)
        if len(items) > MAX_ROWS:
            self.more = QtWidgets.QPushButton(self.tr("Show all %n…", "", len(items)))
            self.more.setObjectName("show-all")
            self.more.clicked.connect(lambda: self.show_all.emit(self.findings))
            layout.addWidget(self.more, 0, Qt.AlignmentFlag.AlignLeft)


class FindingsDialog(QtWidgets.QDialog):
    """Every finding of one card in a table, with the same actions for the selected row.

    Signals: ``action(str, object)`` like a row's.
    """

    action = Signal(str, object)

    def __init__(
        self, title: str, items: list[Finding], parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(640, 420)
        self.model = FindingsModel(self)
        self.model.set_findings(items)
        self.table = QtWidgets.QTableView()
        self.table.setAccessibleName(title)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.resizeColumnToContents(0)
        self.table.doubleClicked.connect(lambda index: self._emit("open", index.row()))
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        code = items[0].code if items else ""
        names = [("open", self.tr("Open"))]
        if code == Code.NOT_THANKED:
            names.append(("thanked", self.tr("Thanked")))
        elif code != Code.BROKER:
            names.append(("log", self.tr("Log…")))
        if code == Code.OVERDUE:
            names.append(("snooze-week", self.tr("Snooze a week")))
        self.buttons: dict[str, QtWidgets.QPushButton] = {}
        for name, text in names:
            button = buttons.addButton(text, QtWidgets.QDialogButtonBox.ButtonRole.ActionRole)
            button.clicked.connect(lambda _=False, n=name: self._emit(n))
            self.buttons[name] = button
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        if items:
            self.table.selectRow(0)

    def _emit(self, name: str, row: int | None = None) -> None:
        if row is None:
            row = self.table.currentIndex().row()
        finding = self.model.finding(row)
        if finding is not None:
            self.action.emit(name, finding)


class AdvicePanel(QtWidgets.QWidget):
    """The cards, grouped under a heading per severity; a friendly note when all is well.

    Signals: ``action(str, object)`` and ``show_all(list)`` from the cards.
    """

    action = Signal(str, object)
    show_all = Signal(list)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QtWidgets.QVBoxLayout(self)
        self._layout.setContentsMargins(8, 8, 8, 8)
        self._layout.setSpacing(10)
        self.cards: list[FindingCard] = []

    def set_findings(self, items: list[Finding], calm: str = "") -> None:
        while self._layout.count():
            child = self._layout.takeAt(0)
            widget = child.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.cards = []
        if not items:
            note = _label(
                calm
                or self.tr(
                    "Nothing needs your attention today. Your relationships are in good shape: "
                    "keep in touch, and give before you take."
                )
            )
            self._layout.addWidget(note)
            self._layout.addStretch(1)
            return
        groups: dict[str, list[Finding]] = {}
        for finding in items:
            groups.setdefault(group_of(finding.code), []).append(finding)
        severity = None
        for group, members in groups.items():
            if members[0].severity != severity:
                severity = members[0].severity
                self._layout.addWidget(self._heading(severity))
            card = FindingCard(group, members)
            card.action.connect(self.action)
            card.show_all.connect(self.show_all)
            self._layout.addWidget(card)
            self.cards.append(card)
        self._layout.addStretch(1)

    def card(self, group: str) -> FindingCard | None:
        return next((c for c in self.cards if c.group == group), None)

    def _heading(self, severity: str) -> QtWidgets.QWidget:
        row = QtWidgets.QWidget()
        layout = QtWidgets.QHBoxLayout(row)
        layout.setContentsMargins(0, 6, 0, 0)
        dot = QtWidgets.QLabel()
        pixmap = QtGui.QPixmap(12, 12)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QtGui.QPainter(pixmap)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        painter.setBrush(SEVERITY_COLORS.get(severity, QtGui.QColor(128, 128, 128)))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(1, 1, 10, 10)
        painter.end()
        dot.setPixmap(pixmap)
        layout.addWidget(dot)
        title = _label(severity_title(severity).upper(), bold=True, wrap=False)
        layout.addWidget(title, 1)
        return row


class InsightsView(QtWidgets.QWidget):
    """The Insights view (see the module docstring).

    Signals: ``loaded()`` each time fresh findings are on screen.
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
        self._data: InsightsData | None = None
        self.charts = None  # built with pyqtgraph when first needed

        self.summary = _label()
        font = self.summary.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.summary.setFont(font)
        self.advice = AdvicePanel()
        self.advice.action.connect(self._on_action)
        self.advice.show_all.connect(self._show_all)
        advice_scroll = QtWidgets.QScrollArea()
        advice_scroll.setWidgetResizable(True)
        advice_scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        advice_scroll.setWidget(self.advice)

        self.organisations = OrganisationsModel(self)
        self.organisation_table = QtWidgets.QTableView()
        self.organisation_table.setAccessibleName(self.tr("Organisations"))
        self.organisation_table.setModel(self.organisations)
        self.organisation_table.verticalHeader().hide()
        self.organisation_table.setSelectionBehavior(
            QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows
        )
        header = self.organisation_table.horizontalHeader()
        header.setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        overview = QtWidgets.QWidget()
        overview_layout = QtWidgets.QVBoxLayout(overview)
        overview_layout.setContentsMargins(4, 4, 4, 4)
        overview_layout.addWidget(self.summary)
        overview_layout.addWidget(advice_scroll, 1)

        # The network tab: charts in a grid (built with pyqtgraph when first shown) above
        # the organisations.
        self.network_tab = QtWidgets.QWidget()
        self._network_layout = QtWidgets.QVBoxLayout(self.network_tab)
        self._network_layout.setContentsMargins(4, 4, 4, 4)
        self._network_layout.addWidget(_label(self.tr("Organisations"), bold=True))
        self._network_layout.addWidget(self.organisation_table, 1)

        self.goals = GoalsPanel(selection, today=today, undo_stack=undo_stack)
        self.tabs = QtWidgets.QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(overview, icon("insights"), self.tr("What to do next"))
        self.tabs.addTab(self.network_tab, icon("network"), self.tr("Your network"))
        self.tabs.addTab(self.goals, icon("goal"), self.tr("Goals"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self._reload_timer = QtCore.QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self.reload)
        ops().changed.connect(self._on_changed)

    # --- loading ----------------------------------------------------------------------

    @property
    def today(self) -> dt.date:
        return self._fixed_today or dt.date.today()

    @property
    def data(self) -> InsightsData | None:
        return self._data

    def actions(self) -> list[QtGui.QAction]:
        refresh = QtGui.QAction(icon("refresh"), self.tr("Refresh insights"), self)
        refresh.triggered.connect(self.reload)
        goal = QtGui.QAction(icon("goal"), self.tr("New goal…"), self)
        goal.triggered.connect(self._new_goal)
        return [refresh, goal]

    def _new_goal(self) -> None:
        self.tabs.setCurrentWidget(self.goals)
        self.goals.new_goal()

    def showEvent(self, event: QtGui.QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._dirty:
            self.reload()

    def _on_changed(self, changes: Changes) -> None:
        self._dirty = True
        if self.isVisible():
            self._reload_timer.start()

    def reload(self) -> None:
        self._dirty = False
        self._generation += 1
        generation = self._generation
        ops().run(
            load_insights,
            self.today,
            write=False,
            success=lambda data: self._apply(generation, data),
        )

    def render_for_screenshot(self) -> None:
        """Load synchronously, so a screenshot shows the findings and charts."""
        self._dirty = False
        self._generation += 1
        self._apply(self._generation, load_insights(self.today))
        self.goals.render_for_screenshot()

    def _apply(self, generation: int, data: InsightsData) -> None:
        if generation != self._generation:
            return
        self._data = data
        self.summary.setText(self._summary(data.findings, data))
        self.advice.set_findings(data.findings, self._calm_note(data))
        self.organisations.set_organisations(data.shape.organisations)
        if self.charts is not None or self.tabs.currentWidget() is self.network_tab:
            self._ensure_charts().set_shape(data.shape)
        self.loaded.emit()

    def _ensure_charts(self):  # type: ignore[no-untyped-def]
        if self.charts is None:
            from ui.insights.charts import ShapeCharts

            self.charts = ShapeCharts()
            self._network_layout.insertWidget(0, self.charts, 3)
        return self.charts

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.network_tab and self._data is not None:
            if self.charts is None:
                self._ensure_charts().set_shape(self._data.shape)

    def _calm_note(self, data: InsightsData) -> str:
        """What to say when nothing is due: honest about a network just begun ("All is
        well" beside one contact never met read as a verdict on nothing)."""
        if data.contacts == 0:
            return self.tr(
                "No contacts yet. Add the people you work with, or import them: "
                "Insights shows who needs attention once there is a network to look at."
            )
        if data.never_met:
            text = (
                self.tr(
                    "Nothing is due yet, but 1 contact has no interaction logged. Log how "
                    "you met, so Allies knows when to remind you."
                )
                if data.never_met == 1
                else self.tr(
                    "Nothing is due yet, but %1 contacts have no interaction logged. Log how "
                    "you met, so Allies knows when to remind you."
                ).replace("%1", str(data.never_met))
            )
            return text
        return ""

    def _summary(self, items: list[Finding], data: InsightsData | None = None) -> str:
        if not items:
            if data is not None and (data.contacts == 0 or data.never_met):
                return self.tr("Nothing is due yet.")
            return self.tr("All is well with your network today.")
        now = sum(1 for f in items if f.severity == Severity.ACTION)
        watch = sum(1 for f in items if f.severity == Severity.WARNING)
        good = len(items) - now - watch
        parts = []
        if now:
            parts.append(self.tr("To do now: %1").replace("%1", str(now)))
        if watch:
            parts.append(self.tr("Keep an eye on: %1").replace("%1", str(watch)))
        if good:
            parts.append(self.tr("Good to know: %1").replace("%1", str(good)))
        return " · ".join(parts)

    # --- actions ----------------------------------------------------------------------

    def _show_all(self, items: list[Finding]) -> None:
        title = card_text(group_of(items[0].code) if items else COVERAGE).title
        dialog = FindingsDialog(title, items, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.action.connect(self._on_action)
        dialog.show()
        self.findings_dialog = dialog

    def _on_action(self, name: str, finding: Finding) -> None:
        handlers: dict[str, Callable[[Finding], None]] = {
            "open": self._open,
            "log": self._log,
            "snooze-week": lambda f: self._snooze(f, actions.SNOOZE_WEEK),
            "snooze-month": lambda f: self._snooze(f, actions.SNOOZE_MONTH),
            "thanked": self._thanked,
            "goal": self._open_goal,
        }
        handlers[name](finding)

    def _open(self, finding: Finding) -> None:
        if finding.contact_ids:
            actions.open_contact(self, self.selection, finding.contact_ids[0])

    def _log(self, finding: Finding) -> None:
        if finding.code == Code.GOAL_AT_RISK:
            ids = [finding.params["next_contact_id"]]
        else:
            ids = list(finding.contact_ids)
        self.log_dialog = actions.log_with(self, ids, self._undo_stack, self.today)

    def _snooze(self, finding: Finding, days: int) -> None:
        name = str(finding.params.get("name", ""))
        actions.snooze(self, finding.contact_ids[0], name, days, self._undo_stack, self.today)

    def _thanked(self, finding: Finding) -> None:
        actions.mark_thanked(self, int(finding.params["exchange_id"]), self._undo_stack)

    def _open_goal(self, finding: Finding) -> None:
        self.tabs.setCurrentWidget(self.goals)
        self.goals.select_goal(int(finding.params["goal_id"]))

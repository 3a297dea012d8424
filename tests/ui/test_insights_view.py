"""The Insights view shows the findings of a known network and its actions work."""

from __future__ import annotations

import datetime as dt

import pytest

from app import settings
from app.contacts import ContactInput, create_contact
from app.exchanges import add_exchange
from app.followups import active_snooze
from app.models import Exchange
from app.timeline import InteractionInput, log_interaction
from ui.insights.models import FindingsModel, OrganisationsModel
from ui.insights.view import FindingsDialog, InsightsView
from ui.qt import Qt, QtGui, QtWidgets

TODAY = dt.date(2026, 6, 15)

# The offscreen platform says so whenever pyqtgraph's widgets are shown.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def person(name: str, met: dt.date, **fields) -> int:  # type: ignore[no-untyped-def]
    cid, _ = create_contact(ContactInput(formatted_name=name, **fields))
    log_interaction(InteractionInput([cid], kind="coffee", occurred_on=met))
    return cid


@pytest.fixture
def network(db):  # type: ignore[no-untyped-def]
    settings.set_value("user_organization", "Acme GmbH")
    roles = ["information source", "mentor", "sponsor", "door-opener", "referrer"]
    ids = {
        "anna": person("Anna Adler", TODAY, level="above", organization="Acme", roles=roles),
        "ben": person("Ben Brandt", dt.date(2026, 4, 1), organization="Globex"),
        "carla": person("Carla Conti", TODAY, level="external", circle="event"),
        "dirk": person("Dirk Dorn", TODAY, level="below", organization="ACME", circle="work"),
    }
    add_exchange(ids["ben"], "received", "Recommended me", kind="recommendation", occurred_on=TODAY)
    return ids


@pytest.fixture
def view(qtbot, selection, network):  # type: ignore[no-untyped-def]
    stack = QtGui.QUndoStack()
    widget = InsightsView(selection, today=TODAY, undo_stack=stack)
    widget.undo_stack_for_test = stack
    qtbot.addWidget(widget)
    widget.resize(1000, 800)
    with qtbot.waitSignal(widget.loaded):
        widget.show()
    return widget


def test_shows_the_findings_as_cards_with_their_people(view, network) -> None:  # type: ignore[no-untyped-def]
    cards = {card.group: card for card in view.advice.cards}
    assert list(cards) == ["not-thanked", "overdue", "coverage", "role-unfilled"]
    overdue = cards["overdue"]
    assert overdue.title_label.text() == "Get back in touch"
    [row] = overdue.rows
    assert row.subject_label.text() == "Ben Brandt"
    assert row.detail_label.text().startswith("45 days overdue.")
    assert row.detail_label.textFormat() == Qt.TextFormat.PlainText
    assert set(row.buttons) == {"open", "log", "snooze-week"}
    [coverage] = cards["coverage"].rows
    assert coverage.detail_label.text() == (
        "No peer at Acme GmbH: colleagues at your level are your daily support."
    )
    assert view.summary.text() == "To do now: 2 · Keep an eye on: 1 · Good to know: 1"
    assert view.charts is None  # pyqtgraph waits until the network tab is shown
    view.tabs.setCurrentWidget(view.network_tab)
    assert view.charts is not None
    assert [bar.opts["height"] for bar in view.charts.level_plot.getPlotItem().items] == [
        [1, 1, 1, 1]
    ]
    assert view.organisations.rowCount() == 2
    assert view.organisations.index(0, 0).data() == "Acme GmbH (yours)"


def test_open_selects_the_contact(qtbot, view, selection, network) -> None:  # type: ignore[no-untyped-def]
    row = view.advice.card("overdue").rows[0]
    with qtbot.waitSignal(selection.current_changed):
        qtbot.mouseClick(row.buttons["open"], Qt.MouseButton.LeftButton)
    assert selection.current == network["ben"]


def test_snooze_hides_the_finding_until_undone(qtbot, view, network) -> None:  # type: ignore[no-untyped-def]
    row = view.advice.card("overdue").rows[0]
    with qtbot.waitSignal(view.loaded):
        qtbot.mouseClick(row.buttons["snooze-week"], Qt.MouseButton.LeftButton)
    assert active_snooze(network["ben"], TODAY) == TODAY + dt.timedelta(days=7)
    assert view.advice.card("overdue") is None
    with qtbot.waitSignal(view.loaded):
        view.undo_stack_for_test.undo()
    assert view.advice.card("overdue").rows[0].finding.contact_ids == (network["ben"],)


def test_thanked_marks_the_exchange(qtbot, view, network) -> None:  # type: ignore[no-untyped-def]
    row = view.advice.card("not-thanked").rows[0]
    with qtbot.waitSignal(view.loaded):
        qtbot.mouseClick(row.buttons["thanked"], Qt.MouseButton.LeftButton)
    assert Exchange.get(Exchange.contact == network["ben"]).thanked
    assert view.advice.card("not-thanked") is None


def test_log_opens_the_log_dialog_with_the_person(qtbot, view, network) -> None:  # type: ignore[no-untyped-def]
    row = view.advice.card("overdue").rows[0]
    qtbot.mouseClick(row.buttons["log"], Qt.MouseButton.LeftButton)
    dialog = view.log_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.participant_ids() == [network["ben"]]
    dialog.close()


def test_many_findings_show_five_and_the_rest_in_a_table(
    qtbot, qtmodeltester, view, selection
) -> None:  # type: ignore[no-untyped-def]
    late = [person(f"Late {i}", dt.date(2026, 1, 1 + i)) for i in range(6)]
    with qtbot.waitSignal(view.loaded):
        view.reload()
    card = view.advice.card("overdue")
    assert len(card.rows) == 5 and card.more.text() == "Show all 7…"
    qtbot.mouseClick(card.more, Qt.MouseButton.LeftButton)
    dialog = view.findings_dialog
    assert isinstance(dialog, FindingsDialog)
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 7
    assert dialog.model.index(0, 0).data() == "Late 0"
    dialog.table.selectRow(1)
    with qtbot.waitSignal(selection.current_changed):
        qtbot.mouseClick(dialog.buttons["open"], Qt.MouseButton.LeftButton)
    assert selection.current == late[1]
    dialog.close()


def test_empty_network_says_there_is_nothing_to_look_at_yet(qtbot, selection, db) -> None:  # type: ignore[no-untyped-def]
    widget = InsightsView(selection, today=TODAY)
    qtbot.addWidget(widget)
    widget.render_for_screenshot()
    assert widget.summary.text() == "Nothing is due yet."
    assert widget.advice.cards == []
    labels = widget.advice.findChildren(QtWidgets.QLabel)
    assert any("No contacts yet" in label.text() for label in labels)


def test_models_pass_the_model_tester(qtmodeltester, view) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(view.organisations)
    model = FindingsModel()
    model.set_findings(view.data.findings)
    qtmodeltester.check(model)
    assert isinstance(view.organisations, OrganisationsModel)

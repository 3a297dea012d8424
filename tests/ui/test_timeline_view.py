"""The timeline view: lazy pages, day headings, filters, the chart's region, edit/delete/undo."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from app.contacts import ContactInput, create_contact
from app.exchanges import add_exchange
from app.models import Exchange, Interaction
from app.timeline import ExchangeInput, InteractionInput, log_interaction
from ui.qt import Qt, QtCore, QtGui
from ui.timeline.log_dialog import LogInteractionDialog
from ui.timeline.model import TimelineModel, qdate
from ui.timeline.view import NO_DATE, TimelineView

TODAY = dt.date(2026, 11, 26)  # a Thursday
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


@pytest.fixture
def people(db) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {
        "anna": create_contact(ContactInput(formatted_name="Anna Adler", tags=["rowing"]))[0],
        "ben": create_contact(ContactInput(formatted_name="Ben Berg"))[0],
        "cem": create_contact(ContactInput(formatted_name="Cem Celik"))[0],
    }


def log(ids: list[int], day: dt.date, kind: str = "lunch", summary: str = "", **kw) -> int:  # type: ignore[no-untyped-def]
    return log_interaction(
        InteractionInput(participant_ids=ids, kind=kind, occurred_on=day, summary=summary, **kw)
    )[0]


@pytest.fixture
def history(people) -> dict[str, int]:  # type: ignore[no-untyped-def]
    a, b, c = people["anna"], people["ben"], people["cem"]
    return {
        "today": log([a, b], TODAY, "lunch", "Team lunch"),
        "yesterday": log([b], days_ago(1), "call", "Budget call"),
        "monday": log([c], days_ago(3), "coffee", "Coffee at the corner"),
        "last_week": log([a], days_ago(9), "meeting", "Roadmap"),
        "last_week2": log([c], days_ago(12), "email", "Sent the article"),
        "old": log(
            [a],
            days_ago(40),
            "event",
            "Conference",
            exchanges=[ExchangeInput("received", "advice on the talk", "advice")],
        ),
        "gift": add_exchange(
            b, "gave", "a book on negotiation", kind="gift", occurred_on=days_ago(2)
        )[0],
    }


@pytest.fixture
def view(qtbot, people, selection) -> TimelineView:  # type: ignore[no-untyped-def]
    widget = TimelineView(selection, undo_stack=QtGui.QUndoStack(), today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    return widget


def shown(view: TimelineView) -> list[str]:
    return [e.summary for e in view.model.entries()]


def test_grouped_by_day_with_readable_headings(qtbot, history, view) -> None:  # type: ignore[no-untyped-def]
    locale = QtCore.QLocale()
    monday = locale.dayName(days_ago(3).isoweekday(), QtCore.QLocale.FormatType.LongFormat)
    tuesday = locale.dayName(days_ago(2).isoweekday(), QtCore.QLocale.FormatType.LongFormat)
    long_date = locale.toString(qdate(days_ago(40)), QtCore.QLocale.FormatType.LongFormat)
    assert view.model.headings() == [
        "Today",
        "Yesterday",
        tuesday,
        monday,
        "Last week",
        long_date,
    ]
    assert shown(view) == [
        "Team lunch",
        "Budget call",
        "a book on negotiation",
        "Coffee at the corner",
        "Roadmap",
        "Sent the article",
        "Conference",
    ]
    first = view.model.index(1)
    assert first.data() == "Lunch with Anna Adler, Ben Berg"
    assert not view.model.flags(view.model.index(0)) & Qt.ItemFlag.ItemIsSelectable
    gift_row = view.model.row_of("exchange", history["gift"])
    assert view.model.index(gift_row).data() == "Gave Gift to Ben Berg"
    old_row = view.model.row_of("interaction", history["old"])
    assert "Received: advice on the talk" in view.model.detail_text(view.model.entry(old_row))
    assert view.model.group_spans_days(view.model.row_of("interaction", history["last_week"]))


def test_lazy_pages_pass_the_model_tester(qtbot, qtmodeltester, history) -> None:  # type: ignore[no-untyped-def]
    anna = create_contact(ContactInput(formatted_name="Dora Diehl"))[0]
    for n in range(30):
        log([anna], days_ago(100 + n // 4), "call", f"call {n}")
    model = TimelineModel(page_size=5, today=lambda: TODAY)
    from app.timeline_query import TimelineFilter

    model.set_filter(TimelineFilter())
    assert model.entry_count() == 5
    assert model.canFetchMore(QtCore.QModelIndex())
    qtmodeltester.check(model)
    while model.canFetchMore(QtCore.QModelIndex()):
        model.fetchMore(QtCore.QModelIndex())
    assert model.entry_count() == 37
    keys = [e.cursor for e in model.entries()]
    assert keys == sorted(keys, reverse=True) and len(set(keys)) == 37
    headings = model.headings()
    assert len(headings) == len(set(headings)), "a day split over two pages has one heading"
    qtmodeltester.check(model)


def test_filters_from_the_bar(qtbot, history, view, people) -> None:  # type: ignore[no-untyped-def]
    view.kind.setCurrentIndex(view.kind.findData("coffee"))
    assert shown(view) == ["Coffee at the corner"]
    view.kind.setCurrentIndex(view.kind.findData("exchanges"))
    assert shown(view) == ["a book on negotiation"]
    view.kind.setCurrentIndex(0)

    view.tag.setCurrentIndex(view.tag.findData("rowing"))
    assert shown(view) == ["Team lunch", "Roadmap", "Conference"]
    view.tag.setCurrentIndex(0)

    qtbot.keyClicks(view.search, "article")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert shown(view) == ["Sent the article"]
    view.search.clear()
    qtbot.waitUntil(lambda: len(shown(view)) == 7)

    qtbot.keyClicks(view.contact, "Ben Berg")
    qtbot.keyClick(view.contact, Qt.Key.Key_Return)
    assert shown(view) == ["Team lunch", "Budget call", "a book on negotiation"]
    view.contact.clear()
    view.contact.textEdited.emit("")
    assert len(shown(view)) == 7

    view.date_from.setDate(qdate(days_ago(12)))
    view.date_to.setDate(qdate(days_ago(3)))
    assert shown(view) == ["Coffee at the corner", "Roadmap", "Sent the article"]
    qtbot.mouseClick(view.reset_button, Qt.MouseButton.LeftButton)
    assert view.date_from.date() == NO_DATE and len(shown(view)) == 7


def test_only_the_selected_contact(qtbot, history, view, people, selection) -> None:  # type: ignore[no-untyped-def]
    assert not view.only_selected.isEnabled()
    selection.set_current(people["cem"])
    assert view.only_selected.text() == "Only Cem Celik"
    view.only_selected.setChecked(True)
    assert shown(view) == ["Coffee at the corner", "Sent the article"]
    selection.set_current(people["ben"])
    assert view.only_selected.text() == "Only Ben Berg"
    assert shown(view) == ["Team lunch", "Budget call", "a book on negotiation"]
    view.only_selected.setChecked(False)
    assert len(shown(view)) == 7


def test_choosing_a_one_person_entry_selects_that_person(
    qtbot, history, view, people, selection
) -> None:  # type: ignore[no-untyped-def]
    row = view.model.row_of("interaction", history["monday"])
    view.list.setCurrentIndex(view.model.index(row))
    assert selection.current == people["cem"]
    row = view.model.row_of("interaction", history["today"])
    view.list.setCurrentIndex(view.model.index(row))
    assert selection.current == people["cem"], "two people: the selection stays"


def test_the_chart_region_filters_the_list(qtbot, history, view) -> None:  # type: ignore[no-untyped-def]
    view.show()
    qtbot.waitUntil(lambda: view.chart is not None)
    chart = view.chart
    assert chart is not None
    weeks = chart.weeks()
    assert sum(w.interactions for w in weeks) == 6
    assert sum(w.gave for w in weeks) == 1 and sum(w.received for w in weeks) == 1
    from ui.timeline.chart import DAY, to_seconds

    chart.region.setRegion((to_seconds(days_ago(12)), to_seconds(days_ago(3)) + DAY))
    assert view.date_from.date() == qdate(days_ago(12))
    assert view.date_to.date() == qdate(days_ago(3))
    assert shown(view) == ["Coffee at the corner", "Roadmap", "Sent the article"]
    qtbot.mouseClick(chart.reset_button, Qt.MouseButton.LeftButton)
    assert view.date_from.date() == NO_DATE and len(shown(view)) == 7
    # Dates typed in the edits move the region, without filtering twice.
    view.date_from.setDate(qdate(days_ago(40)))
    low, _high = chart.region.getRegion()
    assert low == to_seconds(days_ago(40))


def test_delete_an_entry_and_undo_brings_it_back(qtbot, history, view) -> None:  # type: ignore[no-untyped-def]
    view.show()
    qtbot.waitExposed(view)
    stack = view.list.undo_stack()
    row = view.model.row_of("interaction", history["old"])
    view.list.setCurrentIndex(view.model.index(row))
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_Delete)
    assert Interaction.get_or_none(Interaction.id == history["old"]) is None
    assert Exchange.select().where(Exchange.interaction == history["old"]).count() == 0
    assert "Conference" not in shown(view)
    stack.undo()
    assert Interaction.get_by_id(history["old"]).summary == "Conference"
    assert Exchange.select().where(Exchange.interaction == history["old"]).count() == 1
    assert "Conference" in shown(view)
    # A standalone exchange from the context menu's action.
    row = view.model.row_of("exchange", history["gift"])
    view.list.setCurrentIndex(view.model.index(row))
    view.list.delete_action.trigger()
    assert Exchange.get_or_none(Exchange.id == history["gift"]) is None
    assert "a book on negotiation" not in shown(view)
    stack.undo()
    assert "a book on negotiation" in shown(view)


def test_enter_edits_the_entry_in_place(qtbot, history, view) -> None:  # type: ignore[no-untyped-def]
    view.show()
    qtbot.waitExposed(view)
    row = view.model.row_of("interaction", history["yesterday"])
    view.list.setCurrentIndex(view.model.index(row))
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_Return)
    dialog = view.list.last_dialog
    assert isinstance(dialog, LogInteractionDialog)
    assert dialog.summary.text() == "Budget call"
    dialog.summary.setText("Budget call, part two")
    dialog.save()
    assert Interaction.get_by_id(history["yesterday"]).summary == "Budget call, part two"
    assert "Budget call, part two" in shown(view)
    view.list.undo_stack().undo()
    assert "Budget call" in shown(view)

    row = view.model.row_of("exchange", history["gift"])
    view.list.setCurrentIndex(view.model.index(row))
    from ui.timeline.exchange_dialog import ExchangeDialog

    exchange_dialog = view.list.edit_current()
    assert isinstance(exchange_dialog, ExchangeDialog)
    assert exchange_dialog.description.text() == "a book on negotiation"
    exchange_dialog.close()


def test_logging_elsewhere_refreshes_the_view(qtbot, history, view, people) -> None:  # type: ignore[no-untyped-def]
    from ui.ops import ops

    ops().run(
        log_interaction,
        InteractionInput(
            participant_ids=[people["cem"]], kind="coffee", occurred_on=TODAY, summary="Espresso"
        ),
    )
    assert shown(view)[0] in {"Espresso", "Team lunch"}
    assert "Espresso" in shown(view)
    assert view.model.headings()[0] == "Today"


def test_screenshot_render_loads_synchronously(qtbot, history, view) -> None:  # type: ignore[no-untyped-def]
    view.render_for_screenshot()
    assert view.chart is not None and len(view.chart.weeks()) > 0
    image = view.grab()
    assert not image.isNull() and image.width() == 900


def test_pyqtgraph_is_not_imported_until_the_view_is_shown() -> None:
    code = (
        "import sys, os; os.environ['QT_QPA_PLATFORM'] = 'offscreen';"
        "import ui.timeline.view, ui.timeline.contact_section, ui.timeline.ledger_section;"
        "import ui.timeline.log_dialog;"
        "assert 'pyqtgraph' not in sys.modules, 'pyqtgraph imported too early'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_empty_database_says_so(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    assert view.model.rowCount() == 0
    assert not view.empty.isHidden()


def test_the_chart_is_built_in_steps_after_the_first_paint(qtbot, history, view, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Building the pyqtgraph chart held the GUI thread for 40–50 ms of CPU at once: it is
    built a part per turn of the event loop, its weeks read meanwhile and drawn when the
    last part is in; ``view.chart`` is set only when it is complete."""
    from ui.timeline.chart import ActivityChart, to_date, to_seconds

    steps: list[bool] = []
    original = ActivityChart.build_step

    def counting(self):  # type: ignore[no-untyped-def]
        steps.append(self.ready)
        return original(self)

    monkeypatch.setattr(ActivityChart, "build_step", counting)
    view.show()
    qtbot.waitUntil(lambda: view.chart is not None)
    chart = view.chart
    assert chart is not None and chart.ready
    assert len(steps) >= 3 and steps[0] is False  # one call per part, each its own turn
    assert sum(w.interactions for w in chart.weeks()) == 6
    assert len(chart.bars.opts["x"]) == len(chart.weeks())  # the pending weeks were drawn
    assert chart.plot.isVisible()  # hidden only until its first weeks (no empty pictures)
    # UTC midnights, labelled as such: ticks on first days of months, in the user's words.
    low, high = chart.view_box.viewRange()[0]
    ((_spacing, values),) = chart.axis("bottom").tickValues(low, high, 900)
    assert values and all(to_date(v).day == 1 and v == to_seconds(to_date(v)) for v in values)
    # The given/received marks follow the bars a turn of the event loop later.
    qtbot.waitUntil(lambda: len(chart.gave_marks.getData()[0]) == 1)
    assert len(chart.received_marks.getData()[0]) == 1


def test_a_staged_chart_keeps_data_given_before_it_is_complete(qtbot, history) -> None:  # type: ignore[no-untyped-def]
    from app.timeline_query import TimelineFilter, weekly_activity
    from ui.timeline.chart import ActivityChart

    chart = ActivityChart(staged=True)
    qtbot.addWidget(chart)
    assert not chart.ready
    weeks = weekly_activity(TimelineFilter())
    chart.set_activity(weeks, days_ago(20), None)
    assert chart.weeks() == weeks
    while chart.build_step():
        pass
    assert chart.ready
    low, _high = chart.region.getRegion()
    from ui.timeline.chart import to_seconds

    assert low == to_seconds(days_ago(20))


def shown_list_delegate(qtbot, view: TimelineView):  # type: ignore[no-untyped-def]
    """The view shown with its entries; the list's delegate."""
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.model.entry_count() > 0)
    return view.list.itemDelegate()


def test_each_kinds_icon_is_drawn_once_and_kept(qtbot, history, view) -> None:  # type: ignore[no-untyped-def]
    """The icons' engine is Python: the list draws each kind's icon once into a pixmap."""
    delegate = shown_list_delegate(qtbot, view)
    view.list.grab()
    kept = dict(delegate._icons)
    assert kept  # the entries' icons
    view.list.grab()
    assert delegate._icons == kept  # painted again from the same pixmaps


def test_entries_are_painted_from_texts_laid_out_once(qtbot, history, view) -> None:  # type: ignore[no-untyped-def]
    """An entry's title, detail and date are elided and laid out once (a ``QStaticText``)
    and drawn from that on every repaint; a new width lays them out anew."""
    delegate = shown_list_delegate(qtbot, view)
    view.list.grab()
    kept = {key: laid.text for key, laid in delegate._texts.items()}
    titles = {text for text, _width, bold in kept if bold}
    assert "Lunch with Anna Adler, Ben Berg" in titles
    assert any(text == "Budget call" for text, _width, bold in kept if not bold)
    view.list.grab()
    assert all(delegate._texts[key].text is text for key, text in kept.items())  # the same
    view.resize(700, 700)
    view.list.grab()
    assert len({width for _text, width, _bold in delegate._texts}) > len(
        {width for _text, width, _bold in kept}
    )


def test_the_date_axis_marks_months_and_names_them_in_the_users_language(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The chart's own month axis (pyqtgraph's DateAxisItem looked up a time zone for
    every tick on every repaint, and named months in English): the year on January,
    the month's short name otherwise, fewer ticks when the chart is narrow."""
    import datetime as dt

    from ui.timeline.chart import MonthAxis, month_name, to_date, to_seconds

    # Seconds and days convert both ways by arithmetic, before 1970 and far out too.
    assert to_date(to_seconds(dt.date(2026, 3, 1)) + 86399) == dt.date(2026, 3, 1)
    assert to_date(-1) == dt.date(1969, 12, 31) and to_date(1e13) == dt.date.max
    axis = MonthAxis()
    low, high = to_seconds(dt.date(2024, 12, 9)), to_seconds(dt.date(2026, 12, 20))
    ((_spacing, wide),) = axis.tickValues(low, high, 25 * axis.label_width())
    labels = axis.tickStrings(wide, 1.0, 0.0)
    assert labels[:3] == ["2025", month_name(2), month_name(3)]
    assert labels.count("2026") == 1 and len(labels) == 24  # every month from Jan 2025
    ((_spacing, narrow),) = axis.tickValues(low, high, 4 * axis.label_width())
    assert axis.tickStrings(narrow, 1.0, 0.0) == ["2025", "2026"]  # only the years
    previous = QtCore.QLocale()
    QtCore.QLocale.setDefault(QtCore.QLocale(QtCore.QLocale.Language.German))
    try:
        assert month_name(3) == "Mär"  # the German short name, not "Mar"
    finally:
        QtCore.QLocale.setDefault(previous)


def test_the_chart_of_an_empty_timeline_is_shown_too(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    """The plot waits for its first weeks before it is shown: none is a first answer."""
    view.show()
    qtbot.waitUntil(lambda: view.chart is not None)
    chart = view.chart
    assert chart is not None
    qtbot.waitUntil(chart.plot.isVisible)
    assert chart.weeks() == []


def test_prepared_while_hidden_it_reads_its_first_page_and_paints_ahead(qtbot, history, view) -> None:  # type: ignore[no-untyped-def]
    """The window builds the timeline ahead of its first switch (``prepare``): while hidden
    it lays itself out at the size it will have and paints each part once, a part per turn
    of the event loop; its first page is read meanwhile, the chart waits for the show."""
    painted: list[QtCore.QObject] = []

    class Paints(QtCore.QObject):
        def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802
            if event.type() == QtCore.QEvent.Type.Paint:
                painted.append(watched)
            return False

    probe = Paints()
    view.list.viewport().installEventFilter(probe)
    view.prepare(QtCore.QSize(640, 520))
    assert view.size() == QtCore.QSize(640, 520) and not view.isVisible()
    qtbot.waitUntil(lambda: view.list.viewport() in painted)  # rendered while hidden
    qtbot.waitUntil(lambda: not view.model.loading and len(shown(view)) == 7)
    assert view.chart is None and "Team lunch" in shown(view)
    view.show()
    qtbot.waitUntil(lambda: view.chart is not None)  # built after the first show, as before

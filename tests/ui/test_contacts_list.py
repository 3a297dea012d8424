"""The contact list: lazy model, search-as-you-type, filters, SQL sorting, selection."""

from __future__ import annotations

import datetime as dt

import pytest

from app import contacts
from app.contacts import ContactInput, Labeled
from app.timeline import ExchangeInput, InteractionInput, log_interaction
from ui.contacts.model import (
    BALANCE,
    CONTACT_ID_ROLE,
    DUE,
    DUE_STATE_ROLE,
    HOLD_TURNS,
    LAST_CONTACT,
    NAME,
    ContactListModel,
    relative_day,
)
from ui.contacts.view import ContactListView
from ui.qt import Qt, QtCore
from ui.selection import ContactSelection
from ui.settings import use_memory_store

# The offscreen platform says so each time a window is shown; it is not our warning.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture(autouse=True)
def memory_settings() -> None:
    use_memory_store()


def add(name: str, **fields: object) -> int:
    cid, _changes = contacts.create_contact(ContactInput(formatted_name=name, **fields))  # type: ignore[arg-type]
    return cid


@pytest.fixture
def people(db) -> dict[str, int]:  # type: ignore[no-untyped-def]
    ids = {
        "ada": add("Ada Lovelace", organization="Analytical Engines", level="above", tags=["math"]),
        "alan": add("Alan Turing", organization="Bletchley Park", level="peer", circle="work"),
        "grace": add(
            "Grace Hopper",
            organization="US Navy",
            level="external",
            emails=[Labeled("grace@navy.example", "work")],
        ),
        "linus": add("Linus Torvalds", organization="Linux Foundation", level="below"),
    }
    log_interaction(
        InteractionInput(
            participant_ids=[ids["alan"]],
            kind="lunch",
            occurred_on=dt.date.today() - dt.timedelta(days=21),
            exchanges=[ExchangeInput(direction="received", description="advice", weight=3)],
        )
    )
    return ids


def shown_names(view: ContactListView) -> list[str]:
    model = view.model
    return [model.index(r, NAME).data() for r in range(model.rowCount())]


def test_model_passes_the_model_tester(qtmodeltester, people) -> None:  # type: ignore[no-untyped-def]
    model = ContactListModel()
    model.refresh()
    assert model.rowCount() == 4
    qtmodeltester.check(model)


def test_model_shows_relative_time_due_state_and_balance(people) -> None:  # type: ignore[no-untyped-def]
    model = ContactListModel()
    model.refresh()
    row = model.row_of(people["alan"])
    assert row is not None
    assert model.index(row, LAST_CONTACT).data() == "3 weeks ago"
    assert model.index(row, BALANCE).data() == "\u22123"
    assert model.index(row, BALANCE).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(row, DUE).data(DUE_STATE_ROLE) in {"ok", "soon", "due"}
    assert model.index(row, NAME).data(CONTACT_ID_ROLE) == people["alan"]
    never = model.row_of(people["ada"])
    assert model.index(never, LAST_CONTACT).data() == "never"


def test_relative_day_speaks_like_a_person() -> None:
    today = dt.date(2026, 3, 10)
    assert relative_day(today, today) == "today"
    assert relative_day(dt.date(2026, 3, 9), today) == "yesterday"
    assert relative_day(dt.date(2026, 3, 5), today) == "5 days ago"
    assert relative_day(dt.date(2026, 2, 17), today) == "3 weeks ago"
    assert relative_day(dt.date(2025, 9, 10), today) == "6 months ago"
    assert relative_day(dt.date(2020, 3, 10), today) == "6 years ago"


def test_typing_in_search_narrows_the_list(qtbot, selection, people) -> None:  # type: ignore[no-untyped-def]
    view = ContactListView(selection)
    qtbot.addWidget(view)
    view.show()
    assert len(shown_names(view)) == 4
    with qtbot.waitSignal(view.model.query_finished, timeout=2000):
        qtbot.keyClicks(view.search, "gra")
    assert shown_names(view) == ["Grace Hopper"]
    with qtbot.waitSignal(view.model.query_finished, timeout=2000):
        view.search.clear()
        qtbot.keyClicks(view.search, "navy.example")
    assert shown_names(view) == ["Grace Hopper"]
    # Escape clears the search and every contact is back.
    with qtbot.waitSignal(view.model.query_finished, timeout=2000):
        qtbot.keyClick(view.search, Qt.Key.Key_Escape)
    assert view.search.text() == ""
    assert len(shown_names(view)) == 4


def test_search_by_tag_and_organisation(qtbot, selection, people) -> None:  # type: ignore[no-untyped-def]
    view = ContactListView(selection)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.model.query_finished, timeout=2000):
        qtbot.keyClicks(view.search, "bletch")
    assert shown_names(view) == ["Alan Turing"]
    with qtbot.waitSignal(view.model.query_finished, timeout=2000):
        view.search.clear()
    with qtbot.waitSignal(view.model.query_finished, timeout=2000):
        view.tag_filter.setCurrentText("math")
    assert shown_names(view) == ["Ada Lovelace"]


def test_filters_for_level_circle_taking_and_archived(qtbot, selection, people) -> None:  # type: ignore[no-untyped-def]
    view = ContactListView(selection)
    qtbot.addWidget(view)
    view.level_filter.setCurrentIndex(view.level_filter.findData("below"))
    assert shown_names(view) == ["Linus Torvalds"]
    view.level_filter.setCurrentIndex(0)
    view.circle_filter.setCurrentIndex(view.circle_filter.findData("work"))
    assert shown_names(view) == ["Alan Turing"]
    view.circle_filter.setCurrentIndex(0)
    qtbot.mouseClick(view.taking_filter, Qt.MouseButton.LeftButton)
    assert shown_names(view) == ["Alan Turing"]
    qtbot.mouseClick(view.taking_filter, Qt.MouseButton.LeftButton)
    contacts.set_archived([people["linus"]], True)
    qtbot.mouseClick(view.archived_filter, Qt.MouseButton.LeftButton)
    assert shown_names(view) == ["Linus Torvalds"]


def test_clicking_a_header_sorts_in_sql(qtbot, selection, people) -> None:  # type: ignore[no-untyped-def]
    view = ContactListView(selection)
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.show()
    assert shown_names(view) == ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Linus Torvalds"]
    header = view.table.horizontalHeader()
    position = QtCore.QPoint(header.sectionViewportPosition(NAME) + 10, 5)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=position)
    assert shown_names(view) == ["Linus Torvalds", "Grace Hopper", "Alan Turing", "Ada Lovelace"]


def test_selection_follows_and_survives_a_refresh(qtbot, selection, people) -> None:  # type: ignore[no-untyped-def]
    view = ContactListView(selection)
    qtbot.addWidget(view)
    view.show()
    selection.set_current(people["grace"])
    assert view.selected_ids() == [people["grace"]]
    add("Aaron Aardvark")
    view.model.refresh()
    assert view.model.rowCount() == 5
    assert view.selected_ids() == [people["grace"]]
    assert selection.current == people["grace"]


def test_enter_opens_the_current_contact(qtbot, selection, people) -> None:  # type: ignore[no-untyped-def]
    view = ContactListView(selection)
    qtbot.addWidget(view)
    view.show()
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert view.table.hasFocus() or view.table.currentIndex().isValid()
    with qtbot.waitSignal(view.open_requested, timeout=1000) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == [people["ada"]]


def test_a_search_shows_its_first_page_then_the_complete_list(qtbot, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import ui.contacts.model as model_module

    monkeypatch.setattr(model_module, "FIRST_PAGE", 3)
    ids = [add(f"Maria {letter}") for letter in "ABCDEFG"]
    add("Zoe Other")
    selection = ContactSelection()
    view = ContactListView(selection)
    qtbot.addWidget(view)
    view.show()
    view.select_contact(ids[5])  # "Maria F": beyond the first page of a search
    pages: list[int] = []
    view.model.first_page_shown.connect(lambda: pages.append(view.model.rowCount()))
    resets: list[int] = []
    appended: list[tuple[int, int]] = []
    with qtbot.waitSignal(view.model.query_finished, timeout=2000):
        qtbot.keyClicks(view.search, "ma")
    view.model.modelReset.connect(lambda: resets.append(view.model.rowCount()))
    view.model.rowsInserted.connect(lambda _parent, first, last: appended.append((first, last)))
    with qtbot.waitSignal(view.model.query_finished, timeout=2000):
        qtbot.keyClicks(view.search, "r")
    assert pages[-1] == 3  # the first page came first …
    assert view.model.ids == ids  # … then every hit, in name order
    # … appended to the first page (its rows are not reset and painted again)
    assert resets == [3] and appended == [(3, 6)]
    assert not view.model.partial
    assert view.selected_ids() == [ids[5]]  # the selection survived the staged update
    assert selection.selected == [ids[5]]


def test_first_page_is_the_head_of_the_complete_list(db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    for i in range(40):
        add(f"Person {i:02d}", organization="Hanse" if i % 3 else "Other")
    flt = contacts.ContactFilter(text="hanse")
    complete = contacts.query_contact_ids(flt)
    assert contacts.query_contact_ids(flt, limit=5) == complete[:5]  # hits sorted
    monkeypatch.setattr(contacts, "_WALK_INDEX_ABOVE", 0)  # force the name-index walk
    assert contacts.query_contact_ids(flt, limit=5) == complete[:5]
    assert contacts.query_contact_ids(flt, limit=5, descending=True) == complete[::-1][:5]


def test_a_repaint_paints_from_the_rows_without_asking_data(  # type: ignore[no-untyped-def]
    qtbot, selection, people, monkeypatch
) -> None:
    """Qt asks ``data()`` a dozen times per cell through the style; the delegate paints
    from the model's cached row texts instead, and the table and its header paint in one
    Python ``paintEvent`` (one GIL hold per repaint: ui/painting.py)."""
    from ui.painting import PaintsInOneHold

    view = ContactListView(selection)
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 4)
    assert isinstance(view.table, PaintsInOneHold)
    assert isinstance(view.table.horizontalHeader(), PaintsInOneHold)
    view.table.viewport().repaint()  # rows fetched, texts made
    asked: list[int] = []
    original = ContactListModel.data

    def counting(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        asked.append(role)
        return original(self, index, role)

    monkeypatch.setattr(ContactListModel, "data", counting)
    view.table.viewport().repaint()
    assert asked == []
    image = view.table.viewport().grab().toImage()
    assert not image.isNull()


def test_the_list_paints_names_texts_and_the_selection(qtbot, selection, people) -> None:  # type: ignore[no-untyped-def]
    """The fast delegate still paints what the style painted: the row's texts (a cell with
    text has pixels of the text colour), and the selected row in the highlight colour."""
    from ui.qt import QtGui

    view = ContactListView(selection)
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 4)
    table = view.table
    table.selectRow(1)
    image = table.viewport().grab().toImage()
    palette = table.palette()
    highlight = palette.color(
        QtGui.QPalette.ColorGroup.Inactive, QtGui.QPalette.ColorRole.Highlight
    )
    selected_rect = table.visualRect(view.model.index(1, LAST_CONTACT))
    ratio = image.devicePixelRatio()
    corner = image.pixelColor(
        int((selected_rect.left() + 2) * ratio), int((selected_rect.top() + 2) * ratio)
    )
    active = palette.color(QtGui.QPalette.ColorGroup.Active, QtGui.QPalette.ColorRole.Highlight)
    assert corner in (highlight, active)
    organisation = table.visualRect(view.model.index(0, 1))
    colours = {
        image.pixelColor(int(x * ratio), int(organisation.center().y() * ratio)).rgb()
        for x in range(organisation.left(), organisation.right())
    }
    assert len(colours) > 2  # text, not an empty cell


def test_the_rest_of_a_search_is_queried_after_its_first_page_is_painted(  # type: ignore[no-untyped-def]
    qtbot, db, monkeypatch
) -> None:
    """The complete result's query would compete with painting the first page for the
    GIL: it starts once the list has painted that page."""
    import ui.contacts.model as model_module

    monkeypatch.setattr(model_module, "FIRST_PAGE", 3)
    # Only the paint may ask for the rest here (the fallback timer is for a hidden list).
    monkeypatch.setattr(model_module, "REST_DELAY_MS", 600_000)
    for letter in "ABCDEFG":
        add(f"Maria {letter}")
    events: list[str] = []
    query = contacts.query_contact_ids

    def recording(flt, **kwargs):  # type: ignore[no-untyped-def]
        if flt.text and kwargs.get("limit") is None:
            events.append("rest queried")
        return query(flt, **kwargs)

    monkeypatch.setattr(contacts, "query_contact_ids", recording)
    view = ContactListView(ContactSelection())
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.model.first_page_shown.connect(lambda: events.append("first page"))

    class PaintProbe(QtCore.QObject):
        def eventFilter(self, _obj, event):  # type: ignore[no-untyped-def]  # noqa: N802
            if event.type() == QtCore.QEvent.Type.Paint:
                events.append("painted")
            return False

    probe = PaintProbe()
    view.table.viewport().installEventFilter(probe)
    with qtbot.waitSignal(view.model.query_finished, timeout=2000):
        qtbot.keyClicks(view.search, "mar")
    assert view.model.rowCount() == 7
    last = len(events) - 1 - events[::-1].index("first page")
    after = events[last:]
    assert after.index("painted") < after.index("rest queried")


def test_a_hidden_list_still_gets_the_rest_of_a_search(qtbot, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import ui.contacts.model as model_module

    monkeypatch.setattr(model_module, "FIRST_PAGE", 3)
    for letter in "ABCDEFG":
        add(f"Maria {letter}")
    model = ContactListModel()
    with qtbot.waitSignal(model.query_finished, timeout=2000):
        model.set_filter(contacts.ContactFilter(text="mar"))
    assert model.rowCount() == 7 and not model.partial


def test_a_refresh_after_a_change_reads_the_shown_rows_with_the_query(  # type: ignore[no-untyped-def]
    qtbot, selection, people, monkeypatch
) -> None:
    """After a change (an import) every cached row is dropped; the rows around the shown
    ones are read with the query on the worker, not page by page while painting."""
    view = ContactListView(selection)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.table.viewport().repaint()
    read_by: list[str] = []
    rows = contacts.contact_rows

    def recording(ids):  # type: ignore[no-untyped-def]
        import inspect

        read_by.append(inspect.stack()[1].function)
        return rows(ids)

    monkeypatch.setattr(contacts, "contact_rows", recording)
    add("Aaron Aardvark")
    from app.changes import Changes
    from ui.ops import ops

    ops().broadcast(Changes(contact_list=True))
    qtbot.waitUntil(lambda: view.model.rowCount() == 5)
    view.table.viewport().repaint()
    assert read_by == ["_query_unless_superseded"]
    assert shown_names(view)[0] == "Aaron Aardvark"


def test_a_newer_search_interrupts_the_query_a_worker_runs_for_an_older_one(  # type: ignore[no-untyped-def]
    qtbot, db, monkeypatch
) -> None:
    """The worker's query for a superseded search is stopped (SQLite's interrupt), so it
    does not hold a worker and the GIL while the list paints the newer search."""
    import threading

    from app.models import database

    add("Maria Alpha")
    model = ContactListModel()
    started = threading.Event()
    query = contacts.query_contact_ids

    def endless(flt, **kwargs):  # type: ignore[no-untyped-def]
        if flt.text != "old":
            return query(flt, **kwargs)
        database.connection().create_function("started", 0, lambda: started.set() or 1)
        rows = database.execute_sql(  # runs until interrupted; says so once it runs
            "WITH RECURSIVE c(x) AS (SELECT started() UNION ALL SELECT x + 1 FROM c) "
            "SELECT x FROM c"
        )
        for _row in rows:  # interrupted while iterating: SQLite's own error, unwrapped
            pass
        raise AssertionError("never ends unless interrupted")

    monkeypatch.setattr(contacts, "query_contact_ids", endless)
    results: list[object] = []

    def worker() -> None:
        with database.connection_context():
            results.append(
                model._query_unless_superseded(model._generation, ContactFilter(text="old"))
            )

    from app.contacts import ContactFilter

    thread = threading.Thread(target=worker)
    thread.start()
    assert started.wait(10)
    model.set_filter(ContactFilter(text="maria"))  # a newer search
    thread.join(10)
    assert not thread.is_alive()
    assert results == [None]  # interrupted, and dropped as superseded
    qtbot.waitUntil(lambda: model.rowCount() == 1)


def test_a_held_result_waits_then_is_applied(qtbot, people) -> None:  # type: ignore[no-untyped-def]
    """``hold_results``: a query's result arriving while it says so waits (looked at again
    every few milliseconds) and is applied once it says no more, or after a while anyway."""
    from ui import ops as ops_module

    ops_module.reset_runner()  # a real worker: results arrive through the event loop
    holding = [True]
    asked: list[bool] = []

    def hold() -> bool:
        asked.append(holding[0])
        return holding[0]

    model = ContactListModel()
    model.hold_results = hold
    model.refresh()
    qtbot.waitUntil(lambda: len(asked) >= 2)  # arrived, held, asked again
    assert model.rowCount() == 0
    holding[0] = False
    qtbot.waitUntil(lambda: model.rowCount() == 4)
    assert asked[-1] is False

    asked.clear()
    holding[0] = True  # never let go: applied after HOLD_TURNS looks all the same
    add("Barbara Liskov")
    model.refresh()
    qtbot.waitUntil(lambda: model.rowCount() == 5, timeout=5000)
    assert len(asked) == HOLD_TURNS


def test_the_lists_first_rows_wait_for_its_first_paint(qtbot, selection, people) -> None:  # type: ignore[no-untyped-def]
    """The list holds a result while it is shown but not painted yet: rows that came
    before the window's first paint are painted in a turn of their own after it (the
    window's and the rows' first paint together were one stall of 40-70 ms)."""
    view = ContactListView(selection)
    qtbot.addWidget(view)
    view.resize(700, 400)
    assert view.model.hold_results is not None
    assert view.model.hold_results() is False  # hidden: nothing to wait for
    view.show()
    assert view.model.hold_results() is True  # shown, its first paint still to come
    qtbot.waitUntil(lambda: view.table.has_painted)
    assert view.model.hold_results() is False

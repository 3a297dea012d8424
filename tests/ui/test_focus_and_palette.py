"""SPEC §8: focus is always visible, and what Allies paints itself follows the palette
(a high-contrast one included): custom-painted cells, labels and rings are rendered with
an unusual, inverted palette and their pixels must be the palette's colours."""

from __future__ import annotations

from collections import Counter

import pytest

from app import contacts
from app import settings as app_settings
from app.contacts import ContactInput, Labeled
from app.timeline import InteractionInput, log_interaction
from ui.accessibility import INTERACTIVE, draws_no_focus
from ui.main_window import MainWindow
from ui.qt import Qt, QtCore, QtGui, QtWidgets
from ui.settings import use_memory_store

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

ROLE = QtGui.QPalette.ColorRole
# Dark blue ground, yellowish text: no style or hard-coded colour is either by chance.
BASE = QtGui.QColor("#101c30")
TEXT = QtGui.QColor("#f0e060")
HIGHLIGHT = QtGui.QColor("#30a0ff")
HIGHLIGHTED_TEXT = QtGui.QColor("#201000")
PLACEHOLDER = QtGui.QColor("#a0e0a0")
MID = QtGui.QColor("#c04040")


def inverted_palette() -> QtGui.QPalette:
    palette = QtGui.QPalette()
    for role, colour in {
        ROLE.Window: BASE, ROLE.Base: BASE, ROLE.AlternateBase: BASE, ROLE.Button: BASE,
        ROLE.WindowText: TEXT, ROLE.Text: TEXT, ROLE.ButtonText: TEXT,
        ROLE.Highlight: HIGHLIGHT, ROLE.HighlightedText: HIGHLIGHTED_TEXT,
        ROLE.PlaceholderText: PLACEHOLDER, ROLE.Mid: MID,
    }.items():  # fmt: skip
        palette.setColor(role, colour)
    return palette


def colours(image: QtGui.QImage, rect: QtCore.QRect | None = None) -> Counter[tuple[int, int, int]]:
    rect = rect or image.rect()
    found: Counter[tuple[int, int, int]] = Counter()
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left(), rect.right() + 1):
            c = image.pixelColor(x, y)
            found[(c.red(), c.green(), c.blue())] += 1
    return found


def near(found: Counter[tuple[int, int, int]], colour: QtGui.QColor, tolerance: int = 24) -> int:
    """How many pixels are (nearly) ``colour``: antialiasing blends a glyph's edges only."""
    want = (colour.red(), colour.green(), colour.blue())
    return sum(
        n
        for rgb, n in found.items()
        if all(abs(a - b) <= tolerance for a, b in zip(rgb, want, strict=True))
    )


def render(widget: QtWidgets.QWidget, qtbot, palette: QtGui.QPalette | None = None) -> QtGui.QImage:  # type: ignore[no-untyped-def]
    qtbot.addWidget(widget)
    widget.setPalette(palette or inverted_palette())
    widget.show()
    qtbot.waitExposed(widget)
    return widget.grab().toImage()


def item_view(make_delegate, items: list[dict[int, object]]):  # type: ignore[no-untyped-def]
    view = QtWidgets.QListView()
    model = QtGui.QStandardItemModel(view)
    for data in items:
        item = QtGui.QStandardItem()
        for role, value in data.items():
            item.setData(value, role)
        model.appendRow(item)
    view.setModel(model)
    view.setItemDelegate(make_delegate(view))
    view.resize(360, 160)
    view.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
    return view


def test_the_contact_list_delegate_paints_in_palette_colours(qtbot, db, selection) -> None:  # type: ignore[no-untyped-def]
    from ui.contacts.view import ContactListView

    contacts.create_contact(ContactInput(formatted_name="Ada Lovelace"))
    contacts.create_contact(ContactInput(formatted_name="Bob Stone"))
    view = ContactListView(selection)
    view.resize(700, 300)
    table = view.table
    table.setPalette(inverted_palette())
    table.viewport().setPalette(inverted_palette())
    render(view, qtbot)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    table.selectRow(1)
    image = table.viewport().grab().toImage()
    first = table.visualRect(view.model.index(0, 0)).adjusted(40, 0, 0, 0)
    second = table.visualRect(view.model.index(1, 0)).adjusted(40, 0, 0, 0)
    plain, selected = colours(image, first), colours(image, second)
    assert plain.most_common(1)[0][0] == (BASE.red(), BASE.green(), BASE.blue())
    assert near(plain, TEXT) > 20
    assert near(selected, HIGHLIGHT) > first.width() * first.height() // 2
    assert near(selected, HIGHLIGHTED_TEXT) > 20


def test_the_timeline_delegate_paints_in_palette_colours_and_draws_focus(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.timeline.delegate import TimelineDelegate
    from ui.timeline.model import DetailRole, HeadingRole

    display = Qt.ItemDataRole.DisplayRole
    view = item_view(
        TimelineDelegate,
        [{display: "Today", HeadingRole: True},
         {display: "Lunch with Ada", DetailRole: "Lunch: the roadmap", HeadingRole: False}],
    )  # fmt: skip
    palette = inverted_palette()
    palette.setColor(ROLE.WindowText, QtGui.QColor("#ff00ff"))  # not the list's text colour
    image = render(view, qtbot, palette)
    heading = colours(image, view.visualRect(view.model().index(0, 0)))
    entry = colours(image, view.visualRect(view.model().index(1, 0)))
    assert near(heading, TEXT) > 20  # the heading sits on the list's Base: Text, not WindowText
    assert near(entry, TEXT) > 20 and near(entry, PLACEHOLDER) > 20

    option = QtWidgets.QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = QtCore.QRect(0, 0, 300, 60)
    option.palette = inverted_palette()
    index = view.model().index(1, 0)

    def painted(state: QtWidgets.QStyle.StateFlag) -> QtGui.QImage:
        picture = QtGui.QImage(300, 60, QtGui.QImage.Format.Format_RGB32)
        picture.fill(BASE)
        option.state = QtWidgets.QStyle.StateFlag.State_Enabled | state
        painter = QtGui.QPainter(picture)
        view.itemDelegate().paint(painter, option, index)
        painter.end()
        return picture

    focused = QtWidgets.QStyle.StateFlag.State_HasFocus
    keyboard = QtWidgets.QStyle.StateFlag.State_KeyboardFocusChange
    assert painted(focused | keyboard) != painted(QtWidgets.QStyle.StateFlag.State_None)


def test_the_strength_bar_is_drawn_in_palette_colours(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.insights.goals import STRENGTH_ROLE, StrengthDelegate

    view = item_view(StrengthDelegate, [{STRENGTH_ROLE: 60}])
    image = render(view, qtbot)
    cell = colours(image, view.visualRect(view.model().index(0, 0)))
    assert near(cell, HIGHLIGHT) > 50  # the filled part
    assert near(cell, MID) > 20  # the rest of the track


def test_an_elided_label_and_the_drop_overlay_paint_in_palette_colours(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.elided_label import ElidedLabel
    from ui.interchange.actions import DropOverlay

    label = ElidedLabel()
    label.setText("A very long organisation name that cannot fit at all " * 3)
    label.resize(200, 30)
    image = render(label, qtbot)
    assert label.elided()
    assert near(colours(image), TEXT) > 20

    host = QtWidgets.QWidget()
    host.resize(500, 300)
    overlay = DropOverlay(host)
    overlay.resize(host.size())
    overlay.show()
    found = colours(render(host, qtbot))
    assert near(found, TEXT) > 20 and near(found, HIGHLIGHT) > 50


@pytest.fixture
def window(qtbot, db) -> MainWindow:  # type: ignore[no-untyped-def]
    use_memory_store()
    app_settings.set_value("user_name", "Alex Weber")
    ada = contacts.create_contact(
        ContactInput("Ada Lovelace", organization="Analytical", emails=[Labeled("ada@a.org")])
    )[0]
    bob = contacts.create_contact(ContactInput("Bob Stone"))[0]
    log_interaction(InteractionInput([ada, bob], "lunch", summary="Lunch"))
    main = MainWindow()
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    main.open_contact(ada)
    return main


def tab_stops(qtbot, window: MainWindow) -> list[QtWidgets.QWidget]:  # type: ignore[no-untyped-def]
    """Every widget Tab lands on, once round, starting from the contact list."""
    window.contact_list.table.setFocus(Qt.FocusReason.TabFocusReason)
    start = QtWidgets.QApplication.focusWidget()
    stops: list[QtWidgets.QWidget] = []
    for _ in range(120):
        qtbot.keyClick(QtWidgets.QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QtWidgets.QApplication.focusWidget()
        if widget is start or widget is None:
            break
        stops.append(widget)
    return stops


def test_every_tab_stop_of_every_view_shows_that_it_has_focus(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """A stop is a control whose style draws its focus, or one that draws none (the chart,
    the network, a scroll area) and then wears the focus ring; never a bare container."""
    app = QtWidgets.QApplication.instance()
    original = app.palette()
    app.setPalette(inverted_palette())
    try:
        ringed: list[str] = []
        for key in ("contacts", "timeline", "network", "insights", "suggestions"):
            view = window.show_view(key)
            finish = getattr(view, "render_for_screenshot", None)
            if callable(finish):
                finish()
            stops = tab_stops(qtbot, window)
            assert len(stops) > 1, key
            for widget in stops:
                qtbot.keyClick(widget, Qt.Key.Key_Tab)  # focus it again by keyboard …
                widget.setFocus(Qt.FocusReason.TabFocusReason)  # … and keep it there
                what = f"{key}: {type(widget).__name__} {widget.accessibleName()!r}"
                if draws_no_focus(widget):
                    ring = widget.findChild(QtWidgets.QWidget, "focusRing")
                    assert ring is not None and ring.isVisible(), what
                    image = widget.grab().toImage()
                    edge = image.pixelColor(0, image.height() // 2)
                    assert edge.name() == HIGHLIGHT.name(), what
                    ringed.append(type(widget).__name__)
                else:
                    assert isinstance(widget, INTERACTIVE), what
        assert "NetworkCanvas" in ringed  # the network; the chart too when it is shown
    finally:
        app.setPalette(original)


def test_error_text_stays_readable_on_a_dark_or_high_contrast_palette(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from ui.accessibility import contrast
    from ui.contacts.profile import ContactForm

    app = QtWidgets.QApplication.instance()
    original = app.palette()
    for palette, background in ((inverted_palette(), BASE), (original, None)):
        app.setPalette(palette)
        try:
            form = ContactForm()
            qtbot.addWidget(form)
            label = form.findChild(QtWidgets.QLabel, "fieldError")
            shown = label.palette().color(ROLE.WindowText)
            ground = background or label.palette().color(ROLE.Window)
            assert contrast(shown, ground) >= 4.5, (shown.name(), ground.name())
            assert shown.red() > shown.green() + 40  # still red: it means an error
        finally:
            app.setPalette(original)


def test_focus_from_a_click_wears_no_ring_until_a_key_is_pressed(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Like a browser's :focus-visible: the network clicked into shows no ring; the first
    key pressed in it (and focus that comes by Tab) shows it."""
    view = window.show_view("network")
    graphics = view.canvas
    window.contact_list.table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.mouseClick(graphics.viewport(), Qt.MouseButton.LeftButton, pos=QtCore.QPoint(3, 3))
    assert QtWidgets.QApplication.focusWidget() is graphics
    ring = graphics.findChild(QtWidgets.QWidget, "focusRing")
    assert ring is not None and not ring.isVisible()
    qtbot.keyClick(graphics, Qt.Key.Key_Right)
    assert ring.isVisible()
    window.contact_list.table.setFocus(Qt.FocusReason.TabFocusReason)
    assert not ring.isVisible()
    graphics.setFocus(Qt.FocusReason.TabFocusReason)
    assert ring.isVisible()
    window.contact_list.table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.mouseClick(graphics.viewport(), Qt.MouseButton.LeftButton, pos=QtCore.QPoint(3, 3))
    assert not ring.isVisible()
    qtbot.keyClick(graphics, Qt.Key.Key_Left)  # followed again after it was let go
    assert ring.isVisible()
    graphics.resize(graphics.width() - 10, graphics.height())
    assert ring.geometry() == graphics.rect()

"""Issue 13, "A window that fits": the contact list's modes per view, and the states that
misled a new user (each driven the way a person would)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import contacts
from app import settings as app_settings
from app.contacts import ContactInput
from ui.contacts.model import NAME
from ui.list_layout import FULL, HIDDEN, NAMES
from ui.main_window import MainWindow
from ui.qt import Qt, QtCore, QtWidgets
from ui.settings import use_file_store, use_memory_store

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture(autouse=True)
def memory_settings() -> None:
    use_memory_store()


def add(name: str, **fields: object) -> int:
    return contacts.create_contact(ContactInput(formatted_name=name, **fields))[0]


def make_window(qtbot, size: tuple[int, int] = (1024, 700)) -> MainWindow:  # type: ignore[no-untyped-def]
    app_settings.set_value("user_name", "Alex Weber")
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return window


def visible_columns(window: MainWindow) -> list[int]:
    header = window.contact_list.table.horizontalHeader()
    return [c for c in range(header.count()) if not header.isSectionHidden(c)]


# --- the contact list's room --------------------------------------------------------------


def test_views_get_the_width_and_the_list_keeps_names(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    add("Ada Lovelace")
    window = make_window(qtbot, (1366, 768))
    assert window.list_layout.mode() == FULL
    assert len(visible_columns(window)) == 6
    full = window.contact_list.width()
    window.show_view("timeline")
    assert window.list_layout.mode() == NAMES
    assert visible_columns(window) == [NAME]
    assert not window.contact_list.filter_bar.isVisible()
    assert window.contact_list.width() < full / 1.5
    assert window.view_stack.width() >= 1000
    window.show_view("contacts")
    assert len(visible_columns(window)) == 6
    assert window.contact_list.filter_bar.isVisible()
    assert abs(window.contact_list.width() - full) <= 2


def test_a_small_window_opens_contacts_with_names_only(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    add("Ada Lovelace")
    window = make_window(qtbot)
    assert window.list_layout.mode() == NAMES
    assert window.view_stack.width() >= 760
    window.resize(1366, 768)
    assert window.list_layout.mode() == FULL
    assert len(visible_columns(window)) == 6
    window.list_layout.actions[NAMES].trigger()
    window.resize(1400, 800)
    assert window.list_layout.mode() == NAMES  # the user's choice stays


def test_f9_steps_through_the_modes_and_each_view_remembers(qtbot, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    add("Ada Lovelace")
    use_file_store(str(tmp_path / "ui.ini"))
    window = make_window(qtbot)
    window.show_view("network")
    window.activateWindow()
    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeWindow() is window)
    qtbot.keyClick(window.contact_list.table, Qt.Key.Key_F9)
    assert window.list_layout.mode() == HIDDEN
    assert not window.contact_list.isVisible()
    assert window.list_layout.actions[HIDDEN].isChecked()
    window.show_view("insights")
    assert window.contact_list.isVisible()
    window.show_view("network")
    assert not window.contact_list.isVisible()
    window.close()
    use_file_store(str(tmp_path / "ui.ini"))
    second = make_window(qtbot)
    assert second.current_view == "network"
    assert not second.contact_list.isVisible()
    second.list_layout.actions[FULL].trigger()
    assert second.contact_list.isVisible() and len(visible_columns(second)) == 6


def test_ctrl_f_shows_a_hidden_list(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    add("Ada Lovelace")
    window = make_window(qtbot)
    window.show_view("timeline")
    window.list_layout.set_mode(HIDDEN)
    window.focus_search()
    assert window.contact_list.isVisible()
    assert window.list_layout.mode() == NAMES


# --- misleading or broken states ------------------------------------------------------------


def test_undo_sits_beside_the_status_message(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    window.contact_actions.new.trigger()
    dialog = next(d for d in window.findChildren(QtWidgets.QDialog) if d.isVisible())
    qtbot.keyClicks(dialog.form.name, "Grace Hopper")
    dialog.save()
    bar = window.statusBar()
    assert bar.currentMessage() == "Contact created."
    assert window.undo_button.isVisible()
    text_end = bar.fontMetrics().horizontalAdvance(bar.currentMessage()) + 12
    assert window.undo_button.mapTo(bar, QtCore.QPoint(0, 0)).x() > text_end


def open_new_contact(window: MainWindow):  # type: ignore[no-untyped-def]
    window.contact_actions.new.trigger()
    from ui.contacts.profile import NewContactDialog

    return next(d for d in window.findChildren(NewContactDialog) if d.isVisible())


def test_the_new_contact_form_uses_the_typed_name_at_once(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from app.models import Contact
    from ui.contacts.delegate import avatar_pixmap

    window = make_window(qtbot)
    dialog = open_new_contact(window)
    form = dialog.form
    qtbot.keyClicks(form.name, "Maria Lopez")
    ratio = form.devicePixelRatioF()
    shown = form.photo_label.pixmap().toImage()
    assert shown == avatar_pixmap("Maria Lopez", None, 64, ratio).toImage()
    assert shown != avatar_pixmap("?", None, 64, ratio).toImage()
    assert (form.given.text(), form.family.text()) == ("Maria", "Lopez")
    # e-mail and phone are ready near the top, above level, roles and trust
    email = form.emails.value_edits()[0]
    assert email.isVisible() and form.phones.value_edits()[0].isVisible()
    assert (
        email.mapTo(form, QtCore.QPoint(0, 0)).y() < form.trust.mapTo(form, QtCore.QPoint(0, 0)).y()
    )
    assert not form.emails.add_button.isFlat()
    qtbot.keyClicks(email, "maria@example.org")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    maria = Contact.get(Contact.formatted_name == "Maria Lopez")
    assert (maria.given_name, maria.family_name) == ("Maria", "Lopez")


def test_own_given_name_is_kept_when_the_full_name_changes(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    form = open_new_contact(window).form
    qtbot.keyClicks(form.name, "Lopez, Maria")
    assert (form.given.text(), form.family.text()) == ("Maria", "Lopez")
    form.given.clear()
    qtbot.keyClicks(form.given, "Mari")
    qtbot.keyClicks(form.name, "a")
    assert form.given.text() == "Mari"


def test_the_cadence_counter_never_contradicts_the_level_default(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    form = open_new_contact(window).form
    form.level.setCurrentIndex(form.level.findData("external"))
    assert "90" in form.cadence_mode.currentText()
    assert not form.cadence_days.isVisibleTo(form)
    form.cadence_mode.setCurrentIndex(form.cadence_mode.findData("custom"))
    assert form.cadence_days.isVisibleTo(form)
    assert form.cadence_days.value() == 90


def ticks_of(axis) -> list[float]:  # type: ignore[no-untyped-def]
    return [value for level in axis._tickLevels for value, _text in level]


def test_chart_axes_of_counts_are_whole_numbers(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    for name, level in (("Ada", "peer"), ("Bea", "above"), ("Cem", "external")):
        add(name, level=level)
    window = make_window(qtbot)
    view = window.show_view("insights")
    view.tabs.setCurrentWidget(view.network_tab)
    view.render_for_screenshot()
    charts = view.charts
    for axis in (
        charts.level_plot.getPlotItem().getAxis("left"),
        charts.circle_plot.getPlotItem().getAxis("bottom"),
        charts.breadth_plot.getPlotItem().getAxis("left"),
    ):
        values = ticks_of(axis)
        assert values and all(float(v).is_integer() for v in values)


def test_one_interaction_is_one_week_wide_and_the_mark_sits_on_its_day(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from app.timeline import ExchangeInput, InteractionInput, log_interaction
    from ui.timeline.chart import DAY, WEEK, to_seconds

    ada = add("Ada Lovelace")
    thursday = dt.date(2026, 12, 3)
    log_interaction(
        InteractionInput(
            [ada], "lunch", thursday, "Lunch", exchanges=[ExchangeInput("gave", "A tip")]
        )
    )
    window = make_window(qtbot)
    view = window.show_view("timeline")
    view.render_for_screenshot()
    chart = view.chart
    low, high = chart.view_box.viewRange()[0]
    assert high - low >= 8 * WEEK  # one bar is a narrow bar, not the whole width
    marks = chart.gave_marks.getData()[0]
    assert list(marks) == [to_seconds(thursday) + DAY / 2]
    assert all(float(v).is_integer() for v in ticks_of(chart.axis("left")))


def search_list(qtbot, window: MainWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    view = window.contact_list
    with qtbot.waitSignal(view.model.query_finished):
        view.search.setText(text)  # each keystroke queries at once


def test_a_search_that_hides_the_open_contact_empties_the_detail(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    ada = add("Ada Lovelace")
    add("Grace Hopper")
    window = make_window(qtbot, (1366, 768))
    window.open_contact(ada)
    detail = window.view("contacts")
    assert detail.contact_id == ada
    search_list(qtbot, window, "Grace")
    assert window.selection.current is None
    assert detail.contact_id is None
    assert detail.stack.currentWidget() is detail.placeholder


def test_a_search_without_hits_says_so_and_offers_the_timeline(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    add("Ada Lovelace")
    window = make_window(qtbot, (1366, 768))
    view = window.contact_list
    search_list(qtbot, window, "quarterly")
    assert not view.table.isVisible()
    assert view.empty_state.isVisible()
    assert "“quarterly”" in view.empty_title.text()
    assert "timeline" in view.empty_hint.text()
    qtbot.mouseClick(view.timeline_button, Qt.MouseButton.LeftButton)
    assert window.current_view == "timeline"
    assert window.view("timeline").search.text() == "quarterly"
    window.show_view("contacts")
    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.table.isVisible())
    assert view.model.rowCount() == 1


def test_ctrl_l_logs_an_interaction_with_nobody_selected(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from ui.timeline.log_dialog import LogInteractionDialog

    add("Ada Lovelace")
    window = make_window(qtbot)
    assert window.selection.current is None
    assert window.contact_actions.log.isEnabled()
    window.activateWindow()
    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeWindow() is window)
    qtbot.keyClick(window.contact_list.search, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialogs = [d for d in window.findChildren(LogInteractionDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].reject()


def test_archive_and_bring_back_follow_the_contacts_state(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    ada = add("Ada Lovelace")
    window = make_window(qtbot)
    actions = window.contact_actions
    assert not actions.archive.isEnabled() and not actions.unarchive.isEnabled()
    window.open_contact(ada)
    assert actions.archive.isEnabled() and not actions.unarchive.isEnabled()
    actions.archive.trigger()
    assert not actions.archive.isEnabled() and actions.unarchive.isEnabled()
    window.undo_stack.undo()
    assert actions.archive.isEnabled() and not actions.unarchive.isEnabled()


def test_undo_last_import_waits_for_an_import_and_asks_first(qtbot, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.models import Contact

    window = make_window(qtbot)
    undo = window.undo_import_action
    assert not undo.isEnabled()
    path = tmp_path / "two.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Lea Hoffmann\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jonas Brandt\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    dialog = window.interchange.import_sources([str(path)])
    with qtbot.waitSignal(window.interchange.imported):
        qtbot.mouseClick(dialog._import_button, Qt.MouseButton.LeftButton)
    assert undo.isEnabled()
    undo.trigger()
    box = window.interchange.undo_box
    assert box.isVisible() and "2" in box.text()
    box.button(QtWidgets.QMessageBox.StandardButton.Cancel).click()
    assert Contact.select().count() == 2  # nothing undone without a yes
    undo.trigger()
    yes = next(
        b
        for b in window.interchange.undo_box.buttons()
        if window.interchange.undo_box.buttonRole(b) == QtWidgets.QMessageBox.ButtonRole.AcceptRole
    )
    yes.click()
    assert Contact.select().count() == 0
    assert not undo.isEnabled()


def test_the_goals_tab_never_says_there_are_no_goals_when_there_are(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from app.goals import attach_contact, create_goal

    ada = add("Ada Lovelace")
    goals = [create_goal(title)[0] for title in ("Team lead", "Write a book", "Speak at FOSDEM")]
    window = make_window(qtbot, (1366, 768))
    window.open_contact(ada)
    detail = window.view("contacts")
    detail.show_section("goals")
    section = detail.section("goals")
    assert section.goal_choice.count() == 3
    assert section.goal_choice.currentText() == "Team lead"
    for goal in goals:
        attach_contact(goal, ada)
    section.reload()
    assert section.goal_choice.count() == 0
    assert section.goal_choice.placeholderText() == "Already helps with all your open goals"
    assert section.model.rowCount() == 3


def test_a_new_language_offers_a_restart(qtbot, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ui import restart

    window = make_window(qtbot)
    quits: list[bool] = []
    monkeypatch.setattr(window, "quit", lambda: quits.append(True))
    dialog = window.show_settings()
    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    box = dialog.restart_offer
    assert box.isVisible()
    now = next(b for b in box.buttons() if b.text() == "Restart now")
    try:
        now.click()
        assert quits == [True]
        assert restart.requested()
    finally:
        restart.cancel_restart()


def test_restart_starts_the_same_command_again(tmp_path: Path) -> None:
    """For real: a process that asks for a restart is started again, detached, with its
    own arguments (the second run finds its marker and stops)."""
    import subprocess
    import sys
    import textwrap
    import time

    marker = tmp_path / "runs.txt"
    script = tmp_path / "again.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import sys
            from pathlib import Path
            sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})
            marker = Path(sys.argv[1])
            runs = marker.read_text().splitlines() if marker.exists() else []
            marker.write_text("\\n".join([*runs, " ".join(sys.argv[1:])]) + "\\n")
            if not runs:
                from ui.qt import QtWidgets
                from ui import restart
                app = QtWidgets.QApplication(["again"])
                restart.request_restart(None)
                restart.restart_if_requested()
            """
        ),
        encoding="utf-8",
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, str(script), str(marker), "--flag"], check=True, env=env)
    for _ in range(400):  # the detached second run: wait for its line (at most 20 s)
        if len(marker.read_text().splitlines()) >= 2:
            break
        time.sleep(0.05)
    assert marker.read_text().splitlines() == [f"{marker} --flag"] * 2


def test_insights_with_one_contact_never_met_is_not_all_is_well(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    add("Ada Lovelace")
    window = make_window(qtbot)
    view = window.show_view("insights")
    view.render_for_screenshot()
    assert "All is well" not in view.summary.text()
    notes = [label.text() for label in view.advice.findChildren(QtWidgets.QLabel)]
    assert any("1 contact has no interaction logged" in text for text in notes)


# --- help --------------------------------------------------------------------------------


def test_help_menu_shortcuts_guide_log_folder_and_about(qtbot, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import platform

    from app.models import database
    from ui.help import AboutDialog, GuideDialog, ShortcutsDialog
    from ui.logging_setup import log_dir
    from ui.qt import QtGui

    window = make_window(qtbot)
    help_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Help"
    )
    texts = [a.text().replace("&", "") for a in help_menu.actions() if not a.isSeparator()]
    assert texts == ["Keyboard shortcuts", "Guide to Allies", "Open log folder", "About Allies"]
    window.activateWindow()
    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeWindow() is window)
    qtbot.keyClick(window.contact_list.search, Qt.Key.Key_F1)
    shortcuts = next(d for d in window.findChildren(ShortcutsDialog) if d.isVisible())
    model = shortcuts.model
    rows = {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}
    assert rows["Log interaction"] == "Ctrl+L"
    assert rows["Keyboard shortcuts"] == "F1, Ctrl+?"
    assert "F9" in rows.values()
    shortcuts.reject()
    guide = window.show_guide()
    assert isinstance(guide, GuideDialog)
    for idea in ("level", "balance", "cadence", "Goals", "Timeline", "Network"):
        assert idea in guide.text.toPlainText()
    guide.reject()
    opened: list[str] = []
    monkeypatch.setattr(
        QtGui.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True
    )
    window.log_folder_action.trigger()
    assert opened == [str(log_dir())]
    about = window.show_about()
    assert isinstance(about, AboutDialog)
    text = about.text()
    assert platform.python_version() in text and "Qt" in text and "SQLite" in text
    assert str(database.database) in text
    about.reject()


def test_dates_are_unambiguous_in_either_language() -> None:
    import datetime as dt

    from ui.dates import date_format, date_text

    day = dt.date(2026, 12, 6)
    assert date_text(day, QtCore.QLocale("en_GB")) == "6 Dec 2026"
    assert date_text(day, QtCore.QLocale("en_US")) == "6 Dec 2026"
    assert date_text(day, QtCore.QLocale("de_DE")) == "6. Dez. 2026"
    assert date_format(QtCore.QLocale("de_DE")) == "d. MMM yyyy"


def test_the_due_dots_have_a_legend_and_balance_words_follow_the_thresholds(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from ui.contacts.model import DUE
    from ui.contacts.wording import balance_words

    window = make_window(qtbot)
    legend = window.contact_list.model.headerData(
        DUE, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert "red" in legend and "orange" in legend and "hollow" in legend
    assert balance_words(1) == "you gave a little more"
    assert balance_words(4) == "you gave a little more"
    assert balance_words(5) == "owes you favours"
    assert balance_words(0) == "given and received evenly"
    assert balance_words(-2) == "you received a little more"
    assert balance_words(-3) == "taking more than giving"
    assert all("in balance" not in balance_words(b) for b in range(-5, 8))


def test_screenshot_takes_a_language_and_a_theme() -> None:
    from app.cli import parse_args

    args = parse_args(["screenshot", "--language", "de", "--theme", "dark", "out.png"])
    assert (args.language, args.theme) == ("de", "dark")
    assert parse_args(["screenshot", "out.png"]).language is None


def test_opening_a_contact_hidden_by_a_filter_shows_it(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    ada = add("Ada Lovelace")
    add("Grace Hopper", level="above")
    window = make_window(qtbot, (1366, 768))
    view = window.contact_list
    view.level_filter.setCurrentIndex(view.level_filter.findData("above"))
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    window.open_contact(ada)
    qtbot.waitUntil(lambda: view.model.row_of(ada) is not None)
    assert window.selection.current == ada
    assert window.view("contacts").contact_id == ada


def test_the_drop_overlay_has_a_backing(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    """The sign's text sits on a nearly opaque backing, not straight on the form."""
    from ui.qt import QtGui

    window = make_window(qtbot)
    overlay = window.interchange.overlay
    overlay.cover()
    assert overlay.isVisible()
    image = QtGui.QImage(overlay.size(), QtGui.QImage.Format.Format_ARGB32)
    image.fill(QtGui.QColor("red"))
    painter = QtGui.QPainter(image)
    overlay.render(painter, QtCore.QPoint(0, 0), QtGui.QRegion(), QtWidgets.QWidget.RenderFlag(0))
    painter.end()
    inside = image.pixelColor(overlay.width() // 5, overlay.height() // 4)
    window_colour = overlay.palette().color(QtGui.QPalette.ColorRole.Window)
    assert inside.red() - window_colour.red() < 30  # red shows through by at most ~8 %
    assert abs(inside.green() - window_colour.green()) < 30

"""Dropping files on the window, the import preview, export, and undo of an import."""

from __future__ import annotations

from pathlib import Path

from app.models import Contact, EmailAddress
from ui.interchange.actions import ImportDropTarget, InterchangeActions
from ui.interchange.export_dialog import ExportDialog
from ui.interchange.import_dialog import ImportPreviewDialog
from ui.qt import Qt, QtCore, QtGui, QtWidgets

CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Müller\r\nN:Müller;Anna;;;\r\n"
    "EMAIL;TYPE=work:anna@example.com\r\nORG:Nordwind GmbH;Vertrieb\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Brown\r\nEMAIL:bob@example.org\r\n"
    "NOTE:likes sailing\\, chess and jazz\r\nEND:VCARD\r\n"
)


class DropWindow(ImportDropTarget, QtWidgets.QMainWindow):
    """A main window with nothing but the import's actions and drops."""


def _window(qtbot) -> tuple[QtWidgets.QMainWindow, InterchangeActions]:  # type: ignore[no-untyped-def]
    window = DropWindow()
    window.setCentralWidget(QtWidgets.QLabel("list"))
    qtbot.addWidget(window)
    window.resize(600, 400)
    window.show()
    window.interchange = InterchangeActions(window)
    return window, window.interchange


def _drag_enter(window: QtWidgets.QWidget, mime: QtCore.QMimeData) -> QtGui.QDragEnterEvent:
    """A drag of ``mime`` entering the middle of ``window``, as the window got it."""
    enter = QtGui.QDragEnterEvent(
        window.rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QtWidgets.QApplication.sendEvent(window, enter)
    return enter


def _drop(window: QtWidgets.QWidget, mime: QtCore.QMimeData) -> None:
    assert _drag_enter(window, mime).isAccepted()
    drop = QtGui.QDropEvent(
        QtCore.QPointF(window.rect().center()),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QtWidgets.QApplication.sendEvent(window, drop)
    assert drop.isAccepted()


def _dialog(window: QtWidgets.QWidget) -> ImportPreviewDialog:
    dialogs = window.findChildren(ImportPreviewDialog)
    assert len(dialogs) == 1
    return dialogs[0]


def test_dropped_files_are_previewed_then_committed(qtbot, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "team.vcf"
    path.write_text(CARDS, encoding="utf-8")
    window, actions = _window(qtbot)
    mime = QtCore.QMimeData()
    mime.setUrls([QtCore.QUrl.fromLocalFile(str(path))])

    _drop(window, mime)

    dialog = _dialog(window)
    assert "New: 2" in dialog.summary_label.text()
    assert Contact.select().count() == 0  # the preview writes nothing
    with qtbot.waitSignal(actions.imported) as blocker:
        qtbot.mouseClick(dialog._import_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].created == 2
    anna = Contact.get(Contact.formatted_name == "Anna Müller")
    assert anna.department == "Vertrieb"
    bob = Contact.get(Contact.formatted_name == "Bob Brown")
    assert bob.notes == "likes sailing, chess and jazz"
    assert "2 new" in window.statusBar().currentMessage()

    actions.undo_last_import()
    assert Contact.select().count() == 0


def test_vcard_data_dragged_from_a_mail_client(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    window, actions = _window(qtbot)
    mime = QtCore.QMimeData()
    mime.setData("text/vcard", QtCore.QByteArray(CARDS.encode("utf-8")))
    _drop(window, mime)
    dialog = _dialog(window)
    with qtbot.waitSignal(actions.imported):
        dialog._import_button.click()
    assert {e.address for e in EmailAddress.select()} == {"anna@example.com", "bob@example.org"}


def test_drag_shows_the_drop_indication(qtbot, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, actions = _window(qtbot)
    mime = QtCore.QMimeData()
    mime.setUrls([QtCore.QUrl.fromLocalFile(str(tmp_path / "x.vcf"))])
    _drag_enter(window, mime)
    assert actions.overlay.isVisible()
    QtWidgets.QApplication.sendEvent(window, QtGui.QDragLeaveEvent())
    assert not actions.overlay.isVisible()


def test_unreadable_file_imports_nothing_and_says_why(qtbot, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.vcf"
    good.write_text(CARDS, encoding="utf-8")
    binary = tmp_path / "photo.vcf"
    binary.write_bytes(bytes(range(256)) * 40)
    window, actions = _window(qtbot)
    dialog = actions.import_sources([str(binary)])
    assert "could not be read" in dialog.summary_label.text()
    assert not dialog._import_button.isEnabled()
    assert dialog.files_model.rowCount() == 1
    error = dialog.files_model.index(0, 7).data()
    assert error
    dialog.reject()
    assert Contact.select().count() == 0


def test_preview_lists_problems_with_file_and_line(qtbot, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "broken.vcf"
    path.write_text(CARDS + "BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:x@y.org\r\n", encoding="utf-8")
    window, actions = _window(qtbot)
    dialog = actions.import_sources([str(path)])
    assert dialog.problems_model.rowCount() >= 1
    row = [dialog.problems_model.index(0, c).data() for c in range(4)]
    assert row[0] == "broken.vcf" and row[2] and row[3]


def test_merge_candidate_can_be_merged_from_the_preview(qtbot, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.contacts import ContactInput, Labeled, create_contact

    existing, _ = create_contact(
        ContactInput("Anna Mueller", emails=[Labeled("anna.mueller@firma.de")])
    )
    path = tmp_path / "anna.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Müller\r\nEMAIL:anna@example.com\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    window, actions = _window(qtbot)
    dialog = actions.import_sources([str(path)])
    model = dialog.duplicates_model
    assert model.rowCount() == 1
    assert model.setData(model.index(0, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    with qtbot.waitSignal(actions.imported):
        dialog._import_button.click()
    assert Contact.select().count() == 1
    emails = {e.address for e in EmailAddress.select().where(EmailAddress.contact == existing)}
    assert emails == {"anna.mueller@firma.de", "anna@example.com"}


def test_models_pass_the_model_tester(qtbot, qtmodeltester, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "team.vcf"
    path.write_text(CARDS, encoding="utf-8")
    window, actions = _window(qtbot)
    dialog = actions.import_sources([str(path)])
    for model in (
        dialog.people_model,
        dialog.files_model,
        dialog.duplicates_model,
        dialog.problems_model,
    ):
        qtmodeltester.check(model)


def test_export_dialog_writes_the_selected_contacts(qtbot, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.contacts import ContactInput, create_contact

    a, _ = create_contact(ContactInput("Anna Müller", tags=["Alumni"]))
    create_contact(ContactInput("Bob Brown"))
    dialog = ExportDialog([a])
    qtbot.addWidget(dialog)
    assert dialog.selected_radio.isChecked()
    out = tmp_path / "out.vcf"
    with qtbot.waitSignal(dialog.exported):
        dialog.export_to(str(out))
    text = out.read_text(encoding="utf-8")
    assert "FN:Anna Müller" in text and "Bob" not in text
    assert not (tmp_path / "out.vcf.part").exists()


def test_cancel_while_reading_imports_nothing(qtbot, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui import ops as ops_module

    big = tmp_path / "big.vcf"
    big.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nEMAIL:p{i}@example.org\r\nEND:VCARD\r\n"
            for i in range(20000)
        ),
        encoding="utf-8",
    )
    ops_module.reset_runner()  # a real worker thread: the dialog stays responsive meanwhile
    try:
        window, actions = _window(qtbot)
        dialog = actions.import_sources([str(big)])
        assert dialog.is_busy()
        qtbot.waitUntil(lambda: dialog._progress is not None)  # the worker reads (next turn)
        with qtbot.waitSignal(dialog.finished, timeout=30000):
            qtbot.mouseClick(dialog._cancel_button, Qt.MouseButton.LeftButton)
        assert dialog.result() == QtWidgets.QDialog.DialogCode.Rejected
        assert dialog.plan is None
    finally:
        ops_module.ops().wait_idle()
        ops_module.use_inline_executor()
    assert Contact.select().count() == 0


def test_cancel_before_reading_starts_closes_at_once(qtbot, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The worker starts in the dialog's first turn of the event loop; Cancel before it
    closes the dialog and nothing is read."""
    from ui import ops as ops_module

    path = tmp_path / "team.vcf"
    path.write_text(CARDS, encoding="utf-8")
    ops_module.reset_runner()  # a real worker thread
    try:
        window, actions = _window(qtbot)
        dialog = actions.import_sources([str(path)])
        with qtbot.waitSignal(dialog.finished, timeout=5000):
            qtbot.mouseClick(dialog._cancel_button, Qt.MouseButton.LeftButton)
        assert dialog.result() == QtWidgets.QDialog.DialogCode.Rejected
        qtbot.wait(20)  # the dialog's first turn comes and starts nothing
        assert dialog._progress is None and dialog.plan is None
    finally:
        ops_module.ops().wait_idle()
        ops_module.use_inline_executor()


def test_the_preview_names_the_people_and_what_happens_to_them(qtbot, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """New, updated (with what changes) and skipped (with why), sorted; duplicates with
    organisation and e-mail; problems in line order; a skipped card only as skipped."""
    from app.contacts import ContactInput, Labeled, create_contact

    create_contact(
        ContactInput("Anna Müller", organization="Nordwind", emails=[Labeled("anna@example.com")])
    )
    create_contact(
        ContactInput("Jonas Brandt", organization="Stadtwerke", emails=[Labeled("jb@sw.de")])
    )
    path = tmp_path / "people.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoe Adams\r\nORG:Fjordbank\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:not-an-address\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Müller\r\nEMAIL:anna@example.com\r\n"
        "TEL:+49 40 7654321\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Carl Berg\r\nBDAY:someday\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jonas Brand\r\nORG:Freelance\r\n"
        "EMAIL:jonas@brand.example\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    window, actions = _window(qtbot)
    dialog = actions.import_sources([str(path)])
    people = dialog.people_model
    rows = [tuple(people.index(r, c).data() for c in range(4)) for r in range(people.rowCount())]
    assert [(name, what) for name, what, _, _ in rows] == [
        ("Carl Berg", "New"),
        ("Jonas Brand", "New"),
        ("Zoe Adams", "New"),
        ("Anna Müller", "Updated"),
        ("(a card without a name)", "Skipped"),
    ]
    assert rows[2][3] == "Fjordbank"
    assert rows[3][3] == "adds phone +49 40 7654321"
    assert "no name" in rows[4][3] and rows[4][2] == "people.vcf, card 2, line 6"
    assert dialog.tabs.tabText(0) == "People (5)"
    duplicates = dialog.duplicates_model
    assert duplicates.rowCount() == 1
    row = [duplicates.index(0, c).data() for c in range(6)]
    assert row[1:5] == [
        "Jonas Brand",
        "Freelance · jonas@brand.example",
        "Jonas Brandt",
        "Stadtwerke · jb@sw.de",
    ]
    problems = dialog.problems_model
    lines = [problems.index(r, 2).data() for r in range(problems.rowCount())]
    assert lines == sorted(lines, key=int)
    reasons = [problems.index(r, 3).data() for r in range(problems.rowCount())]
    assert not any("kept as text" in reason and "not-an-address" in reason for reason in reasons)
    assert any("skipped" in reason for reason in reasons)
    dialog.reject()


def test_column_fitting_measures_a_sample_of_the_rows(qtbot, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A 10,000-card preview stalled the GUI thread in _fit_columns: only the first
    FIT_ROWS rows are measured."""
    from ui.interchange.import_dialog import FIT_ROWS

    window, actions = _window(qtbot)
    path = tmp_path / "many.vcf"
    path.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nEND:VCARD\r\n"
            for i in range(FIT_ROWS * 3)
        ),
        encoding="utf-8",
    )
    dialog = actions.import_sources([str(path)])
    model = dialog.people_model
    rows_asked: set[int] = set()
    original = model.data

    def counting(index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        rows_asked.add(index.row())
        return original(index, role)

    model.data = counting  # type: ignore[method-assign]
    dialog._fit_columns()
    assert rows_asked and max(rows_asked) < FIT_ROWS
    assert model.rowCount() == FIT_ROWS * 3
    # The preview's tables and headers paint in one hold of the GIL (ui/painting.py).
    from ui.painting import PaintsInOneHold

    for table in dialog._tables:
        assert isinstance(table, PaintsInOneHold)
        assert isinstance(table.horizontalHeader(), PaintsInOneHold)
        assert table.horizontalHeader().sectionsClickable()
    dialog.reject()


def test_people_are_sorted_in_slices_as_one_sort_would(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The preview's people are sorted in slices merged in Python (one sort of 10,000 rows
    held the GIL 10-20 ms); the order is the one ``sorted`` gives, ties included."""
    import random

    from ui.interchange import preview_people
    from ui.interchange.preview_people import NEW, SKIPPED, UPDATED, PersonRow, sorted_in_slices

    monkeypatch.setattr(preview_people, "SORT_SLICE", 7)
    chooser = random.Random(17)
    rows = [
        PersonRow(
            chooser.choice((NEW, UPDATED, SKIPPED)),
            chooser.choice(("anna", "Anna", "bob", "Émile", "")),
            file=chooser.choice(("a.vcf", "b.vcf")),
            card=chooser.randint(1, 5),
            line=index,  # tells apart rows whose keys tie: the order must keep them as given
        )
        for index in range(100)
    ]
    assert sorted_in_slices(rows, PersonRow.sort_key) == sorted(rows, key=PersonRow.sort_key)
    assert sorted_in_slices([], PersonRow.sort_key) == []


def test_hidden_tabs_are_fitted_when_chosen(qtbot, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The preview appears with its People tab fitted; another tab's columns are fitted
    to their content when it is chosen (not all four while the preview appears)."""
    window, actions = _window(qtbot)
    path = tmp_path / "Johanna_Doe_Anderson_from_the_conference.vcf"
    path.write_text(CARDS, encoding="utf-8")
    dialog = actions.import_sources([str(path)])
    qtbot.waitUntil(lambda: dialog._stack.currentIndex() == 1)  # the page comes in a turn
    assert dialog.tabs.currentIndex() == 0
    files = dialog._tables[1]
    metrics = files.fontMetrics()
    wanted = min(metrics.horizontalAdvance(path.name), 260)
    assert files.horizontalHeader().sectionSize(0) < wanted  # not measured yet
    dialog.tabs.setCurrentIndex(1)
    assert files.horizontalHeader().sectionSize(0) >= wanted
    dialog.reject()


def test_the_preview_page_is_built_after_the_dialog_opens(qtbot, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The dialog opens with its progress page only; the preview page (tabs, tables) is
    built in a later turn of the event loop, once, and its controls have names for
    assistive technology like the rest of the dialog."""
    from ui.accessibility import unnamed

    path = tmp_path / "team.vcf"
    path.write_text(CARDS, encoding="utf-8")
    window, _ = _window(qtbot)
    dialog = ImportPreviewDialog([str(path)], window)
    assert dialog._stack.count() == 1  # the progress page alone while it opens
    dialog.start()  # the worker answers at once here (inline): the page is built for it
    assert dialog._stack.count() == 2
    qtbot.waitUntil(lambda: dialog._stack.currentIndex() == 1)
    qtbot.wait(20)  # the build queued by start() comes and adds nothing
    assert dialog._stack.count() == 2
    assert "New: 2" in dialog.summary_label.text()
    assert unnamed(dialog) == []
    dialog.reject()


def test_files_dropped_on_the_main_window_open_the_preview(qtbot, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The main window takes drops itself (ImportDropTarget: no event filter runs Python
    for each of its events); a drag of something else is refused."""
    from app import settings as app_settings
    from ui.main_window import MainWindow

    app_settings.set_value("user_name", "Alex Weber")
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    text = QtCore.QMimeData()
    text.setText("just words")
    assert not _drag_enter(window, text).isAccepted()
    assert not window.interchange.overlay.isVisible()
    path = tmp_path / "team.vcf"
    path.write_text(CARDS, encoding="utf-8")
    mime = QtCore.QMimeData()
    mime.setUrls([QtCore.QUrl.fromLocalFile(str(path))])
    _drop(window, mime)
    assert not window.interchange.overlay.isVisible()
    dialog = _dialog(window)
    assert "New: 2" in dialog.summary_label.text()
    dialog.reject()


def test_a_closed_preview_lets_go_of_its_rows_and_plan(qtbot, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Cancelled or imported, the dialog keeps neither its rows nor its plan (freed on a
    worker, a slice at a time; the plan takes its staging file with it): nothing waits
    for the next import to be freed."""
    import weakref

    path = tmp_path / "team.vcf"
    path.write_text(CARDS, encoding="utf-8")
    window, actions = _window(qtbot)
    for close in ("cancel", "import"):
        dialog = actions.import_sources([str(path)])
        assert dialog.people_model.rowCount() == 2
        plan = weakref.ref(dialog.plan)
        if close == "cancel":
            qtbot.mouseClick(dialog._cancel_button, Qt.MouseButton.LeftButton)
        else:
            with qtbot.waitSignal(actions.imported):
                qtbot.mouseClick(dialog._import_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()
        assert dialog.plan is None
        assert dialog.people_model.rowCount() == 0
        assert dialog.duplicates_model.rowCount() == dialog.problems_model.rowCount() == 0
        assert plan() is None, close

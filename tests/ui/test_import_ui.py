"""Dropping files on the window, the import preview, export, and undo of an import."""

from __future__ import annotations

from pathlib import Path

from app.models import Contact, EmailAddress
from ui.interchange.actions import InterchangeActions
from ui.interchange.export_dialog import ExportDialog
from ui.interchange.import_dialog import ImportPreviewDialog
from ui.qt import Qt, QtCore, QtGui, QtWidgets

CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Müller\r\nN:Müller;Anna;;;\r\n"
    "EMAIL;TYPE=work:anna@example.com\r\nORG:Nordwind GmbH;Vertrieb\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Brown\r\nEMAIL:bob@example.org\r\n"
    "NOTE:likes sailing\\, chess and jazz\r\nEND:VCARD\r\n"
)


def _window(qtbot) -> tuple[QtWidgets.QMainWindow, InterchangeActions]:  # type: ignore[no-untyped-def]
    window = QtWidgets.QMainWindow()
    window.setCentralWidget(QtWidgets.QLabel("list"))
    qtbot.addWidget(window)
    window.resize(600, 400)
    window.show()
    return window, InterchangeActions(window)


def _drop(window: QtWidgets.QWidget, mime: QtCore.QMimeData) -> None:
    pos = QtCore.QPointF(window.rect().center())
    actions = Qt.DropAction.CopyAction
    enter = QtGui.QDragEnterEvent(
        pos.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QtWidgets.QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QtGui.QDropEvent(
        pos, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
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
    enter = QtGui.QDragEnterEvent(
        window.rect().center(), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
    )
    QtWidgets.QApplication.sendEvent(window, enter)
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
    for model in (dialog.files_model, dialog.duplicates_model, dialog.problems_model):
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
        with qtbot.waitSignal(dialog.finished, timeout=30000):
            qtbot.mouseClick(dialog._cancel_button, Qt.MouseButton.LeftButton)
        assert dialog.result() == QtWidgets.QDialog.DialogCode.Rejected
        assert dialog.plan is None
    finally:
        ops_module.ops().wait_idle()
        ops_module.use_inline_executor()
    assert Contact.select().count() == 0

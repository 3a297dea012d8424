"""Wording that must survive translation: stored label keywords, counts of one, quotes,
shortcuts in tooltips, the undo text and the level column, in English and in German."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app import contacts
from app.contacts import AddressInput, ContactInput, Labeled
from app.insights import Code, Finding, Severity
from ui import i18n
from ui.contacts.detail import ContactDetail
from ui.contacts.model import LEVEL
from ui.contacts.profile import ContactForm, LabelCombo, ProfileSection, label_keyword
from ui.insights.texts import detail
from ui.interchange.export_dialog import ExportDialog
from ui.main_window import MainWindow
from ui.qt import Qt, QtCore, QtGui, QtWidgets
from ui.settings import use_memory_store
from ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture(autouse=True)
def memory_settings() -> None:
    use_memory_store()


@pytest.fixture
def german(qapp: QtWidgets.QApplication) -> Iterator[None]:
    """The German translators for one test, then back to the English source."""
    locale = QtCore.QLocale()
    assert i18n.install_translators("de") == "de"
    yield
    i18n.remove_translators()
    QtCore.QLocale.setDefault(locale)


def _window(qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


def _profile(window: MainWindow) -> ProfileSection:
    view = window.view("contacts")
    assert isinstance(view, ContactDetail)
    section = view.section("profile")
    assert isinstance(section, ProfileSection)
    return section


def _pick(qtbot, combo: QtWidgets.QComboBox, text: str) -> None:  # type: ignore[no-untyped-def]
    """Open the combo's list and click the entry showing ``text``."""
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    index = view.model().index(combo.findText(text), 0)
    assert index.isValid(), f"{text!r} is not offered"
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    qtbot.waitUntil(lambda: not view.isVisible())


def test_labels_show_translated_and_store_the_english_keyword(qtbot, db, german) -> None:  # type: ignore[no-untyped-def]
    cid, _ = contacts.create_contact(
        ContactInput(
            formatted_name="Eva Berg",
            emails=[Labeled("eva@example.org", "home"), Labeled("eva@verein.de", "Verein")],
            phones=[Labeled("+49 30 1234567", "mobile")],
            addresses=[AddressInput(label="work", locality="Berlin")],
        )
    )
    window = _window(qtbot)
    window.open_contact(cid)
    form = _profile(window).form
    emails = form.emails.findChildren(LabelCombo)
    assert [combo.currentText() for combo in emails] == ["privat", "Verein"]
    offered = [emails[0].itemText(i) for i in range(emails[0].count())]
    assert offered == ["geschäftlich", "privat", "sonstige"]
    assert form.phones.findChildren(LabelCombo)[0].currentText() == "mobil"
    assert form.addresses.findChildren(LabelCombo)[0].currentText() == "geschäftlich"

    _pick(qtbot, emails[0], "geschäftlich")
    assert emails[0].currentText() == "geschäftlich"
    qtbot.mouseClick(form.phones.add_button, Qt.MouseButton.LeftButton)
    phone = form.phones.findChildren(LabelCombo)[-1]
    qtbot.keyClicks(form.phones.value_edits()[-1], "0171 2345678")
    phone.lineEdit().selectAll()
    qtbot.keyClicks(phone.lineEdit(), "Zweithandy")
    qtbot.mouseClick(_profile(window).save_button, Qt.MouseButton.LeftButton)

    saved = contacts.load_contact(cid)
    assert [e.label for e in saved.emails] == ["work", "Verein"]
    # The old "mobile" was left alone, so it is kept exactly; the new one is custom text.
    assert [p.label for p in saved.phones] == ["mobile", "Zweithandy"]
    assert saved.addresses[0].label == "work"


def test_a_typed_label_becomes_its_keyword(german) -> None:  # type: ignore[no-untyped-def]
    assert label_keyword("Geschäftlich") == "work"
    assert label_keyword("mobil") == "cell"
    assert label_keyword("work") == "work"
    assert label_keyword("Fax privat") == "home fax"
    assert label_keyword("Tennisclub") == "Tennisclub"


def test_day_suffixes_follow_the_number(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    spin = dialog.cadences["peer"]
    spin.setValue(1)
    assert spin.text() == "1 day"
    spin.setValue(14)
    assert spin.text() == "14 days"
    form = ContactForm()
    qtbot.addWidget(form)
    form.show()
    form.cadence_mode.setCurrentIndex(form.cadence_mode.findData("custom"))
    days = form.cadence_days
    days.selectAll()
    qtbot.keyClicks(days, "1")
    assert days.text() == "1 day"
    qtbot.keyClicks(days, "2")  # the suffix changing under the cursor keeps the typing
    assert days.value() == 12
    assert days.text() == "12 days"


def test_german_day_suffix_and_level_default(qtbot, db, german) -> None:  # type: ignore[no-untyped-def]
    from app import settings as app_settings

    app_settings.set_value("cadence_peer", 1)
    form = ContactForm()
    qtbot.addWidget(form)
    form.show()
    form.cadence_mode.setCurrentIndex(form.cadence_mode.findData("custom"))
    form.cadence_days.selectAll()
    qtbot.keyClicks(form.cadence_days, "1")
    assert form.cadence_days.value() == 1
    assert form.cadence_days.text() == "1 Tag"
    form.level.setCurrentIndex(form.level.findData("peer"))
    assert form.cadence_mode.itemText(0) == "Standard der Ebene (jeden Tag)"


def _finding(code: str, **params: object) -> Finding:
    return Finding(code=code, severity=Severity.INFO, message="", params=params)


def test_insight_sentences_in_english() -> None:
    assert detail(
        _finding(Code.NOT_THANKED, kind="recommendation", date="2026-03-02", description="Q3 pitch")
    ).startswith("Recommended you on ")
    assert detail(
        _finding(Code.NOT_THANKED, kind="introduction", date="2026-03-02", description="Q3")
    ).endswith(": \u201cQ3\u201d")
    assert detail(_finding(Code.BROKER, people=4)).startswith("The only link between 4 people")
    assert detail(_finding(Code.BROKER)).startswith("The only link between some of the people")
    assert detail(_finding(Code.ROLE_UNFILLED, role="mentor")) == (
        "Nobody plays the role \u201cMentor\u201d for you yet."
    )
    risk = _finding(Code.GOAL_AT_RISK, days_left=10, weak=1, allies=3)
    assert detail(risk).endswith(" 1 of 3 allies is overdue or drifting away.")
    only = _finding(Code.GOAL_AT_RISK, days_left=10, weak=1, allies=1)
    assert detail(only).endswith(" Your only ally is overdue or drifting away.")


def test_insight_sentences_in_german(german) -> None:  # type: ignore[no-untyped-def]
    text = detail(
        _finding(Code.NOT_THANKED, kind="introduction", date="2026-03-02", description="Q3")
    )
    assert text.startswith("Hat Ihnen am ")
    assert text.endswith(": \u201eQ3\u201c")
    assert "einigen Menschen" in detail(_finding(Code.BROKER))


def test_export_message_says_what_was_exported(qtbot, db, german) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDialog([])
    qtbot.addWidget(dialog)
    assert dialog.done_text("vcard", 1, "/tmp/a.vcf") == "1 Kontakt nach /tmp/a.vcf exportiert"
    assert dialog.done_text("csv", 3, "/tmp/a.csv") == "3 Kontakte nach /tmp/a.csv exportiert"
    assert (
        dialog.done_text("ics", 1, "/tmp/a.ics") == "1 Kalendereintrag nach /tmp/a.ics exportiert"
    )


def test_export_message_in_english(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDialog([])
    qtbot.addWidget(dialog)
    assert dialog.done_text("ics", 5, "/x/%2.ics") == "Exported 5 calendar events to /x/%2.ics"
    assert dialog.done_text("vcard", 1, "/x.vcf") == "Exported 1 contact to /x.vcf"


class _Rename(QtGui.QUndoCommand):
    """A command that only carries its text: the test looks at the action wording."""

    def redo(self) -> None:
        self.setObsolete(False)

    def undo(self) -> None:
        self.setObsolete(False)


def test_undo_and_redo_texts_are_whole_sentences(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot)
    assert window.undo_action.text() == "&Undo"
    assert not window.undo_action.isEnabled()
    window.undo_stack.push(_Rename("Edit Eve & Co"))
    assert window.undo_action.text() == "&Undo Edit Eve && Co"
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert window.undo_stack.index() == 0
    assert window.undo_action.text() == "&Undo"
    assert window.redo_action.text() == "&Redo Edit Eve && Co"
    window.redo_action.trigger()
    assert window.undo_stack.index() == 1


def test_german_undo_text_and_shortcut_tooltips(qtbot, db, german) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot)
    window.undo_stack.push(_Rename("Eva bearbeiten"))
    assert window.undo_action.text() == "&Rückgängig: Eva bearbeiten"
    native = QtGui.QKeySequence.SequenceFormat.NativeText
    new = QtGui.QKeySequence(QtGui.QKeySequence.StandardKey.New).toString(native)
    save = QtGui.QKeySequence(QtGui.QKeySequence.StandardKey.Save).toString(native)
    assert new == "Strg+N"
    assert window.contact_actions.new.toolTip() == "Kontakt anlegen (Strg+N)"
    assert _profile(window).save_button.toolTip() == f"Änderungen speichern ({save})"


def test_the_level_column_fits_the_longest_german_level(qtbot, db, german) -> None:  # type: ignore[no-untyped-def]
    contacts.create_contact(ContactInput(formatted_name="Eva Berg", level="peer"))
    window = _window(qtbot)
    window.list_layout.set_mode("full")  # 1024 px opens with names only
    table = window.contact_list.table
    width = table.fontMetrics().horizontalAdvance("Auf Augenhöhe")
    assert table.horizontalHeader().sectionSize(LEVEL) > width + 4
    index = table.model().index(0, LEVEL)
    assert index.data() == "Auf Augenhöhe"

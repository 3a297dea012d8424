"""The contact detail's Relationships section: plain words, add with completion, undo."""

from __future__ import annotations

import pytest

from app.contacts import ContactInput, create_contact
from app.models import Relationship
from app.relationships import add_relationship
from ui.network.relationships_section import (
    PERSON,
    RELATION,
    RelationshipsSection,
    RelationshipTableModel,
)
from ui.qt import QtCore, QtGui, QtWidgets

# The offscreen platform cannot raise or grab for the completion popup, nor pass on size
# hints of a shown top-level, and says so; real desktops can.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|grabbing|propagateSizeHints)"
)


def _contact(name: str) -> int:
    return create_contact(ContactInput(formatted_name=name))[0]


@pytest.fixture
def people(db) -> dict[str, int]:  # type: ignore[no-untyped-def]
    ids = {
        key: _contact(name)
        for key, name in (
            ("me", "Carla Nowak"),
            ("anna", "Anna Müller"),
            ("bob", "Bob Stone"),
            ("dora", "Dora Lind"),
        )
    }
    add_relationship(ids["me"], ids["anna"], "reports-to")
    add_relationship(ids["me"], ids["bob"], "introduced-by")
    add_relationship(ids["dora"], ids["me"], "reports-to", note="since May")
    return ids


@pytest.fixture
def section(qtbot, selection, people) -> RelationshipsSection:  # type: ignore[no-untyped-def]
    widget = RelationshipsSection(selection, undo_stack=QtGui.QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(700, 400)
    widget.show()
    widget.set_contact(people["me"])
    return widget


def _texts(section: RelationshipsSection) -> list[str]:
    """Each row read as a sentence: relation, person and note."""
    model = section.model
    texts = []
    for row in range(model.rowCount()):
        relation, person, note = (model.data(model.index(row, c)) for c in range(3))
        texts.append(f"{relation} {person}" + (f" — {note}" if note else ""))
    return texts


def test_relationships_read_as_plain_words(section) -> None:  # type: ignore[no-untyped-def]
    assert section.title() == "Relationships"
    assert _texts(section) == [
        "Introduced by Bob Stone",
        "Reports to Anna Müller",
        "Manages Dora Lind — since May",
    ]
    assert not section.empty_label.isVisible()


def test_add_a_relationship_with_completion(qtbot, section, people) -> None:  # type: ignore[no-untyped-def]
    section.type_combo.setCurrentIndex(section.type_combo.findText("mentored by"))
    assert not section.add_button.isEnabled()
    qtbot.keyClicks(section.person, "Do")
    assert section.person.model.people == [(people["dora"], "Dora Lind")]
    qtbot.keyClick(section.person, QtCore.Qt.Key.Key_Return)
    assert section.person.current_id == people["dora"]
    assert section.person.text() == "Dora Lind"
    assert section.add_button.isEnabled()
    qtbot.keyClicks(section.note, "thesis")
    qtbot.mouseClick(section.add_button, QtCore.Qt.MouseButton.LeftButton)
    rel = Relationship.get(Relationship.type == "mentor-of")
    assert (rel.source_id, rel.target_id, rel.note) == (people["dora"], people["me"], "thesis")
    assert "Mentored by Dora Lind — thesis" in _texts(section)
    assert section.person.text() == "" and section.note.text() == ""


def test_completion_leaves_out_the_contact_itself(qtbot, section, people) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(section.person, "Carla")
    assert section.person.model.people == []


def test_pick_a_person_from_the_completion_popup(qtbot, section, people) -> None:  # type: ignore[no-untyped-def]
    section.activateWindow()
    section.person.setFocus()
    qtbot.waitUntil(section.person.hasFocus)
    qtbot.keyClicks(section.person, "b")
    popup = section.person.popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().rowCount() == 1
    with qtbot.waitSignal(section.person.chosen) as chosen:
        qtbot.keyClick(popup, QtCore.Qt.Key.Key_Down)
        qtbot.keyClick(popup, QtCore.Qt.Key.Key_Return)
    assert chosen.args == [people["bob"]]
    assert section.person.text() == "Bob Stone"


def test_remove_with_undo_and_redo(qtbot, section, people) -> None:  # type: ignore[no-untyped-def]
    stack = section.undo_stack
    section.list.setCurrentIndex(section.model.index(1, 0))
    assert section.remove_button.isEnabled()
    qtbot.mouseClick(section.remove_button, QtCore.Qt.MouseButton.LeftButton)
    assert _texts(section) == ["Introduced by Bob Stone", "Manages Dora Lind — since May"]
    assert (
        not Relationship.select()
        .where(Relationship.type == "reports-to", Relationship.target == people["anna"])
        .exists()
    )
    assert stack.undoText() == "Remove relationship with Anna Müller"
    stack.undo()
    assert "Reports to Anna Müller" in _texts(section)
    stack.redo()
    assert "Reports to Anna Müller" not in _texts(section)


def test_delete_key_removes_the_selected_relationship(qtbot, section) -> None:  # type: ignore[no-untyped-def]
    section.list.setFocus()
    section.list.setCurrentIndex(section.model.index(0, 0))
    qtbot.keyClick(section.list, QtCore.Qt.Key.Key_Delete)
    assert _texts(section) == ["Reports to Anna Müller", "Manages Dora Lind — since May"]
    section.undo_stack.undo()
    assert len(_texts(section)) == 3


def test_a_click_on_a_person_opens_that_person(qtbot, section, selection, people) -> None:  # type: ignore[no-untyped-def]
    rect = section.list.visualRect(section.model.index(1, PERSON))
    qtbot.mouseClick(section.list.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=rect.center())
    assert selection.current == people["anna"]
    section.list.setFocus()
    section.list.setCurrentIndex(section.model.index(0, PERSON))
    qtbot.keyClick(section.list, QtCore.Qt.Key.Key_Return)
    assert selection.current == people["bob"]


def test_the_relation_is_translated_and_changed_in_place(qtbot, section, people) -> None:  # type: ignore[no-untyped-def]
    from ui.i18n import install_translators, remove_translators

    index = section.model.index(1, RELATION)
    assert section.model.flags(index) & QtCore.Qt.ItemFlag.ItemIsEditable
    section.list.setCurrentIndex(index)
    section.list.edit(index)
    editor = section.list.findChild(QtWidgets.QComboBox)
    editor.setCurrentIndex(editor.findText("Mentored by"))
    section.list.commitData(editor)
    section.list.closeEditor(editor, QtWidgets.QAbstractItemDelegate.EndEditHint.NoHint)
    assert "Mentored by Anna Müller" in _texts(section)
    rel = Relationship.get(Relationship.type == "mentor-of")
    assert (rel.source_id, rel.target_id) == (people["anna"], people["me"])
    section.undo_stack.undo()
    assert "Reports to Anna Müller" in _texts(section)
    install_translators("de")
    try:
        section.reload()
        assert "Berichtet an Anna Müller" in _texts(section)
    finally:
        remove_translators()


def test_no_contact_and_no_relationships(qtbot, selection, people) -> None:  # type: ignore[no-untyped-def]
    widget = RelationshipsSection(selection)
    qtbot.addWidget(widget)
    widget.show()
    assert not widget.isEnabled() and widget.model.rowCount() == 0
    widget.set_contact(_contact("Lonely Person"))
    assert widget.isEnabled() and widget.empty_label.isVisible()


def test_relationship_model(qtmodeltester, section) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(section.model, RelationshipTableModel)
    qtmodeltester.check(section.model)
    assert isinstance(section.list, QtWidgets.QTableView)


def test_an_added_relationship_is_undone_and_redone(qtbot, section, people) -> None:  # type: ignore[no-untyped-def]
    section.type_combo.setCurrentIndex(section.type_combo.findText("mentored by"))
    qtbot.keyClicks(section.person, "Do")
    qtbot.keyClick(section.person, QtCore.Qt.Key.Key_Return)
    qtbot.keyClicks(section.note, "thesis")
    qtbot.keyClick(section.note, QtCore.Qt.Key.Key_Return)
    rel = Relationship.get(Relationship.type == "mentor-of")
    assert "Mentored by Dora Lind — thesis" in _texts(section)
    stack = section.undo_stack
    assert stack.undoText() == "Add relationship with Dora Lind"
    stack.undo()
    assert Relationship.get_or_none(Relationship.type == "mentor-of") is None
    assert "Mentored by Dora Lind — thesis" not in _texts(section)
    stack.redo()
    again = Relationship.get(Relationship.type == "mentor-of")
    assert (again.id, again.source_id, again.note) == (rel.id, people["dora"], "thesis")
    assert "Mentored by Dora Lind — thesis" in _texts(section)


def test_adding_an_existing_relationship_again_undoes_only_the_note(qtbot, section, people) -> None:  # type: ignore[no-untyped-def]
    section.type_combo.setCurrentIndex(section.type_combo.findText("manages"))
    qtbot.keyClicks(section.person, "Do")
    qtbot.keyClick(section.person, QtCore.Qt.Key.Key_Return)
    qtbot.keyClicks(section.note, "since June")
    qtbot.mouseClick(section.add_button, QtCore.Qt.MouseButton.LeftButton)
    assert "Manages Dora Lind — since June" in _texts(section)
    section.undo_stack.undo()
    assert "Manages Dora Lind — since May" in _texts(section)
    assert Relationship.select().count() == 3

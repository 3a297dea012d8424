"""Every string in ``ui/`` has a German translation, and the shipped .qm is built from it."""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from ui import i18n

REPO = Path(__file__).resolve().parents[1]


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "update_translations", REPO / "tools" / "update_translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


tools = _load_tool()


@pytest.fixture
def no_translators(qapp: QCoreApplication) -> Iterator[None]:
    """Leave the application untranslated for the tests that follow."""
    yield
    i18n.remove_translators()


def _listing(messages: list, limit: int = 40) -> str:
    lines = [f"  {message.describe()}" for message in messages[:limit]]
    if len(messages) > limit:
        lines.append(f"  … and {len(messages) - limit} more")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def current_german() -> dict:
    """What lupdate finds in ``ui/`` today, extracted into a scratch .ts."""
    return tools.current_messages("de")


def test_the_tools_are_installed() -> None:
    assert Path(tools.qt_tool("lupdate")).exists()
    assert Path(tools.qt_tool("lrelease")).exists()


def test_every_string_has_a_context(current_german: dict) -> None:
    """A ``tr()`` helper function hides the context from lupdate: it files the string under
    "" while the code looks it up under its real context, so it is never translated."""
    orphans = [message for message in current_german.values() if not message.context]
    assert not orphans, (
        "strings without a context (call QCoreApplication.translate('Context', '…') "
        "literally, or self.tr() inside a class):\n" + _listing(orphans)
    )


def test_every_ui_string_has_a_finished_german_translation(current_german: dict) -> None:
    ts = tools.ts_path("de")
    assert ts.exists(), f"{ts} missing: run tools/update_translations.py"
    missing = tools.untranslated(current_german.values(), tools.read_ts(ts))
    assert not missing, (
        f"{len(missing)} string(s) without a finished German translation in "
        f"{ts.relative_to(REPO)} (run tools/update_translations.py, translate, run it again):\n"
        + _listing(missing)
    )


def test_committed_qm_is_compiled_from_the_committed_ts() -> None:
    ts, qm = tools.ts_path("de"), tools.qm_path("de")
    assert qm.exists(), f"{qm} missing: run tools/update_translations.py"
    assert tools.qm_is_current(ts, qm), f"{qm.name} is out of step with {ts.name}: run lrelease"


def test_the_check_finds_unfinished_plural_and_vanished_strings(tmp_path: Path) -> None:
    """The checker itself, on a small made-up ``ui/`` (so it is proven before the UI grows)."""
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "window.py").write_text(
        textwrap.dedent("""\
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QWidget

        class Window(QWidget):
            def build(self, count):
                self.setWindowTitle(self.tr("Contacts"))
                self.tr("%n contact(s)", "", count)
                self.tr("Open", "menu")
                QCoreApplication.translate("Window", "Archive")
        """)
    )
    ts = tools.ts_path("de", tmp_path)
    tools.extract(ts, root=tmp_path)
    text = ts.read_text(encoding="utf-8")
    text = text.replace(
        '<source>Contacts</source>\n        <translation type="unfinished"></translation>',
        "<source>Contacts</source>\n        <translation>Kontakte</translation>",
    )
    text = text.replace(
        '<source>Archive</source>\n        <translation type="unfinished"></translation>',
        "<source>Archive</source>\n        <translation>Archivieren</translation>",
    )
    text = text.replace(  # only one of the two German plural forms: not finished
        '<translation type="unfinished">\n            <numerusform></numerusform>',
        "<translation>\n            <numerusform>%n Kontakt</numerusform>",
    )
    ts.write_text(text, encoding="utf-8")
    wanted = tools.current_messages("de", tmp_path)
    missing = {message.source for message in tools.untranslated(wanted.values(), tools.read_ts(ts))}
    assert missing == {"%n contact(s)", "Open"}

    # A translation the code no longer asks for is kept as "vanished" and does not count.
    (tmp_path / "ui" / "window.py").write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        "QCoreApplication.translate('Window', 'Contacts')\n"
        "QCoreApplication.translate('Window', 'Archived')\n"
    )
    tools.extract(ts, root=tmp_path)
    merged = tools.read_ts(ts)
    assert merged[("Window", "Archive", "")].type == "vanished"
    missing = tools.untranslated(tools.current_messages("de", tmp_path).values(), merged)
    assert [message.source for message in missing] == ["Archived"]

    qm = tmp_path / "allies_de.qm"
    assert not tools.qm_is_current(ts, qm)
    tools.compile_qm(ts, qm)
    assert tools.qm_is_current(ts, qm)
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("Window", "Contacts") == "Kontakte"


def test_language_follows_the_system_unless_set() -> None:
    assert {language.code for language in i18n.available_languages()} >= {"en", "de"}
    assert i18n.resolve_language(None, ["de-DE", "de"]) == "de"
    assert i18n.resolve_language("system", ["de_AT"]) == "de"
    assert i18n.resolve_language(None, ["fr-FR", "fr"]) == "en"
    assert i18n.resolve_language(None, ["fr-FR", "de-CH"]) == "de"
    assert i18n.resolve_language("en", ["de-DE"]) == "en"
    assert i18n.resolve_language("de", ["en-US"]) == "de"


def test_german_installs_ours_and_qts_translators(no_translators: None) -> None:
    assert i18n.install_translators("de") == "de"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    assert i18n.install_translators("en") == "en"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"

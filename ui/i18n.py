"""Install the translators for the user interface language.

The language follows the system locale unless the user picked one in the settings
(``"en"`` or ``"de"``; ``"system"`` or nothing means follow the locale). Dates and numbers
keep following the system locale either way.

Strings are marked with ``self.tr("…")`` inside a class, or
``QCoreApplication.translate("Context", "…")`` with a literal context elsewhere; a helper
such as ``def tr(text): return translate("Errors", text)`` hides the context from lupdate,
which then files the string under "" and it is never translated.
``tools/update_translations.py`` extracts and compiles; ``tests/test_translations.py``
fails on any string left untranslated or without a context.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ui.qt import QtCore, QtGui
from ui.resources import resource_path

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
FOLLOW_SYSTEM = "system"
# Shown in the language picker in their own language, so they are not translated.
_NATIVE_NAMES = {"en": "English", "de": "Deutsch"}

_installed: list[QtCore.QTranslator] = []
_locale_before: QtCore.QLocale | None = None


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str


def translations_dir() -> Path:
    return resource_path("translations")


def available_languages() -> list[Language]:
    """English (the source language) plus every language with a compiled .qm file."""
    codes = {SOURCE_LANGUAGE}
    codes.update(
        path.stem.removeprefix("allies_") for path in translations_dir().glob("allies_*.qm")
    )
    return [
        Language(code, _NATIVE_NAMES.get(code) or QtCore.QLocale(code).nativeLanguageName())
        for code in sorted(codes)
    ]


def resolve_language(preference: str | None, ui_languages: Sequence[str] | None = None) -> str:
    """The language code to use for a settings value and the system's preferred languages.

    ``ui_languages`` defaults to ``QLocale.system().uiLanguages()`` (e.g. ``["de-DE", "de"]``).
    An unknown preference falls back to the system choice; an unsupported system language
    to English.
    """
    codes = {language.code for language in available_languages()}
    if preference and preference != FOLLOW_SYSTEM:
        if preference in codes:
            return preference
        log.warning("language %r is not available, following the system locale", preference)
    if ui_languages is None:
        ui_languages = QtCore.QLocale.system().uiLanguages()
    for tag in ui_languages:
        code = tag.replace("_", "-").split("-")[0].lower()
        if code in codes:
            return code
    return SOURCE_LANGUAGE


def shortcut_text(key: QtGui.QKeySequence | QtGui.QKeySequence.StandardKey | str) -> str:
    """A shortcut as this platform and language write it ("Strg+S" in German, "⌘S" on
    macOS), to put into a translated tooltip with ``%1``."""
    sequence = QtGui.QKeySequence(key)
    return sequence.toString(QtGui.QKeySequence.SequenceFormat.NativeText)


def _qt_translation_dirs() -> list[str]:
    """Where Qt's own catalogues (qtbase_de.qm: the "Cancel" of standard dialogs) live."""
    return [
        QtCore.QLibraryInfo.path(QtCore.QLibraryInfo.LibraryPath.TranslationsPath),
        str(translations_dir()),
    ]


def _install(name: str, directories: Sequence[str]) -> bool:
    translator = QtCore.QTranslator()
    for directory in directories:
        if translator.load(name, directory):
            QtCore.QCoreApplication.installTranslator(translator)
            _installed.append(translator)
            return True
    log.warning("translation %s not found in %s", name, ", ".join(directories))
    return False


def remove_translators() -> None:
    """Uninstall what ``install_translators`` installed (back to the English source), and
    give back the default locale it replaced (dates were German after a German test)."""
    global _locale_before
    while _installed:
        QtCore.QCoreApplication.removeTranslator(_installed.pop())
    if _locale_before is not None:
        QtCore.QLocale.setDefault(_locale_before)
        _locale_before = None


def install_translators(preference: str | None = None) -> str:
    """Install Allies' and Qt's translators for ``preference``; return the language used.

    Call after the ``QApplication`` exists and before any window is built. Calling it
    again replaces the previous translators (widgets already built keep their text).
    """
    global _locale_before
    remove_translators()
    language = resolve_language(preference)
    if QtCore.QLocale.system().name() == "C":
        # No locale configured (a bare POSIX environment): format dates and numbers for
        # the chosen language rather than Qt's "C" style ("30 11 2026").
        _locale_before = QtCore.QLocale()
        QtCore.QLocale.setDefault(QtCore.QLocale("de_DE" if language == "de" else "en_GB"))
    if language != SOURCE_LANGUAGE:
        _install(f"allies_{language}", [str(translations_dir())])
        _install(f"qtbase_{language}", _qt_translation_dirs())
    log.info("user interface language: %s", language)
    return language

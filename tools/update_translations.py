"""Extract the translatable strings from ``ui/`` into the .ts files and compile them to .qm.

    .venv/bin/python tools/update_translations.py            # lupdate + lrelease
    .venv/bin/python tools/update_translations.py --check    # change nothing; exit 1 if
                                                             # a string lacks a translation
                                                             # or a .qm is out of date
    .venv/bin/python tools/update_translations.py --no-obsolete   # also drop old strings

Workflow: write ``self.tr("…")`` / ``QCoreApplication.translate("Context", "…")`` in
``ui/``, run this script, translate the new entries in
``resources/translations/allies_<lang>.ts`` (Qt Linguist: ``.venv/bin/pyside6-linguist``,
or any editor: replace ``<translation type="unfinished"></translation>`` by
``<translation>…</translation>``), then run the script again so the .qm follows.

Uses ``pyside6-lupdate`` and ``pyside6-lrelease``, which PySide6-Essentials installs next
to the Python interpreter. ``tests/test_translations.py`` imports this module.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
SOURCE_LANGUAGE = "en"
LANGUAGES = ("de",)
UNFINISHED_TYPES = frozenset({"unfinished", "vanished", "obsolete"})

MessageKey = tuple[str, str, str]


@dataclass(frozen=True)
class Message:
    """One ``<message>`` of a .ts file."""

    context: str
    source: str
    comment: str
    numerus: bool
    translations: tuple[str, ...]
    type: str

    @property
    def key(self) -> MessageKey:
        return (self.context, self.source, self.comment)

    @property
    def finished(self) -> bool:
        """Translated, marked done, and (for plurals) every form filled in."""
        return (
            self.type not in UNFINISHED_TYPES
            and bool(self.translations)
            and all(text.strip() for text in self.translations)
        )

    def describe(self) -> str:
        comment = f" [{self.comment}]" if self.comment else ""
        return f"{self.context or '(no context)'}: {self.source!r}{comment}"


def ts_path(language: str, root: Path = ROOT) -> Path:
    return root / "resources" / "translations" / f"allies_{language}.ts"


def qm_path(language: str, root: Path = ROOT) -> Path:
    return root / "resources" / "translations" / f"allies_{language}.qm"


def qt_tool(name: str) -> str:
    """The path of ``pyside6-<name>`` (``lupdate``, ``lrelease``) for this interpreter."""
    script = f"pyside6-{name}"
    beside = Path(sys.executable).parent / script
    if beside.exists():
        return str(beside)
    found = shutil.which(script)
    if found:
        return found
    raise FileNotFoundError(f"{script} not found; install PySide6-Essentials in this Python")


def source_files(root: Path = ROOT) -> list[Path]:
    """The Python files whose strings are translated: everything under ``ui/``."""
    return sorted(
        path.relative_to(root)
        for path in (root / "ui").rglob("*.py")
        if "__pycache__" not in path.parts
    )


def extract(
    ts: Path,
    *,
    root: Path = ROOT,
    language: str = "de",
    locations: str = "relative",
    drop_obsolete: bool = False,
) -> None:
    """Run lupdate over ``ui/`` into ``ts``, merging with what the file already holds."""
    files = [str(path) for path in source_files(root)]
    command = [qt_tool("lupdate"), "-silent", "-locations", locations]
    command += ["-source-language", SOURCE_LANGUAGE, "-target-language", language]
    if drop_obsolete:
        command.append("-no-obsolete")
    ts.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([*command, *files, "-ts", str(ts.resolve())], cwd=root, check=True)


def compile_qm(ts: Path, qm: Path) -> None:
    """Run lrelease: ``ts`` into the binary ``qm`` that ``QTranslator`` loads."""
    qm.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([qt_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def read_ts(ts: Path) -> dict[MessageKey, Message]:
    """The messages of a .ts file, keyed by (context, source, disambiguation comment)."""
    messages: dict[MessageKey, Message] = {}
    for context in ElementTree.parse(ts).getroot().iter("context"):
        context_name = context.findtext("name", default="")
        for element in context.iter("message"):
            translation = element.find("translation")
            if translation is None:
                texts: tuple[str, ...] = ()
                kind = "unfinished"
            else:
                forms = translation.findall("numerusform")
                texts = (
                    tuple(form.text or "" for form in forms) if forms else (translation.text or "",)
                )
                kind = translation.get("type", "")
            message = Message(
                context=context_name,
                source=element.findtext("source", default=""),
                comment=element.findtext("comment", default=""),
                numerus=element.get("numerus") == "yes",
                translations=texts,
                type=kind,
            )
            messages[message.key] = message
    return messages


def untranslated(wanted: Iterable[Message], translated: dict[MessageKey, Message]) -> list[Message]:
    """The wanted messages that lack a finished translation in ``translated``."""
    missing = []
    for message in wanted:
        found = translated.get(message.key)
        if found is None or not found.finished:
            missing.append(message)
    return missing


def current_messages(language: str, root: Path = ROOT) -> dict[MessageKey, Message]:
    """The strings the code in ``ui/`` asks for right now (lupdate into a scratch file)."""
    with tempfile.TemporaryDirectory() as scratch:
        ts = Path(scratch) / f"allies_{language}.ts"
        extract(ts, root=root, language=language, locations="none")
        return read_ts(ts)


def qm_is_current(ts: Path, qm: Path) -> bool:
    """Whether ``qm`` is exactly what lrelease makes of ``ts`` today."""
    if not qm.exists():
        return False
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / qm.name
        compile_qm(ts, fresh)
        return fresh.read_bytes() == qm.read_bytes()


def check(root: Path = ROOT) -> list[str]:
    """Everything that is wrong with the committed translations, one line each."""
    problems = []
    for language in LANGUAGES:
        ts, qm = ts_path(language, root), qm_path(language, root)
        if not ts.exists():
            problems.append(f"{ts.relative_to(root)} is missing")
            continue
        for message in untranslated(current_messages(language, root).values(), read_ts(ts)):
            problems.append(f"{language}: no finished translation for {message.describe()}")
        if not qm_is_current(ts, qm):
            problems.append(f"{qm.relative_to(root)} is missing or older than its .ts")
    return problems


def update(root: Path = ROOT, *, drop_obsolete: bool = False) -> None:
    for language in LANGUAGES:
        ts, qm = ts_path(language, root), qm_path(language, root)
        extract(ts, root=root, language=language, drop_obsolete=drop_obsolete)
        compile_qm(ts, qm)
        messages = read_ts(ts).values()
        wanted = [message for message in messages if message.type not in {"vanished", "obsolete"}]
        open_count = sum(not message.finished for message in wanted)
        print(f"{ts.relative_to(root)}: {len(wanted)} strings, {open_count} to translate")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report problems, change nothing")
    parser.add_argument(
        "--no-obsolete", action="store_true", help="drop strings the code no longer uses"
    )
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        for problem in problems:
            print(problem)
        print("translations are complete" if not problems else f"{len(problems)} problem(s)")
        return 1 if problems else 0
    update(drop_obsolete=args.no_obsolete)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

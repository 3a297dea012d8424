"""What went wrong while reading a file, as facts the UI and the CLI turn into sentences.

Every problem carries a stable machine ``code`` (for translation and tests) and a short
English ``reason`` (what the CLI prints), plus where it happened: the file, the card (or
CSV row) number counted from 1, and the line in the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # the file or the card was not imported
    WARNING = "warning"  # the card was imported, but a value was dropped or repaired
    INFO = "info"  # kept as it was, only not modelled (e.g. a relation to an unknown person)


@dataclass(frozen=True)
class Problem:
    file: str
    card: int | None
    line: int | None
    code: str
    reason: str
    severity: Severity = Severity.WARNING

    def as_dict(self) -> dict[str, object]:
        """The ``{file, card, line, reason}`` object of ``allies import --json``, plus
        ``code`` and ``severity``."""
        return {
            "file": self.file,
            "card": self.card,
            "line": self.line,
            "reason": self.reason,
            "code": self.code,
            "severity": self.severity.value,
        }


class ProblemSink:
    """Collects the problems of one file with its name filled in."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Problem] = []

    def add(
        self,
        code: str,
        reason: str,
        *,
        card: int | None = None,
        line: int | None = None,
        severity: Severity = Severity.WARNING,
    ) -> None:
        self.items.append(Problem(self.file, card, line, code, reason, severity))

    def error(
        self, code: str, reason: str, *, card: int | None = None, line: int | None = None
    ) -> None:
        self.add(code, reason, card=card, line=line, severity=Severity.ERROR)

    def info(
        self, code: str, reason: str, *, card: int | None = None, line: int | None = None
    ) -> None:
        self.add(code, reason, card=card, line=line, severity=Severity.INFO)

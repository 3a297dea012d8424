"""vCard, CSV and iCalendar import and export (SPEC §4); ``import`` is not a legal name.

Import: :func:`plan_import` reads and matches without writing (the preview and
``allies import --dry-run``), :func:`commit_import` writes a plan in one transaction,
:func:`undo_last_import` takes the last import back. Export: :func:`export_vcard`,
:func:`export_csv`, :func:`export_ics` write to a text stream.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.interchange.csv_writer import export_csv
    from app.interchange.ics_writer import CalendarTitles, export_ics
    from app.interchange.importer import (
        FilePlan,
        ImportPlan,
        ImportResult,
        InlineData,
        MergeCandidate,
        Source,
        UndoResult,
        commit_import,
        plan_dict,
        plan_import,
        undo_last_import,
    )
    from app.interchange.problems import Problem, Severity
    from app.interchange.vcard_writer import export_vcard

# Imported when first used: a command that imports does not pay for the calendar writer
# (icalendar), nor an export for the importer (numpy, rapidfuzz).
_HOMES = {
    "CalendarTitles": "ics_writer",
    "export_ics": "ics_writer",
    "export_csv": "csv_writer",
    "export_vcard": "vcard_writer",
    "Problem": "problems",
    "Severity": "problems",
    **dict.fromkeys(
        (
            "FilePlan",
            "ImportPlan",
            "ImportResult",
            "InlineData",
            "MergeCandidate",
            "Source",
            "UndoResult",
            "commit_import",
            "plan_dict",
            "plan_import",
            "undo_last_import",
        ),
        "importer",
    ),
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


__all__ = [
    "CalendarTitles",
    "FilePlan",
    "ImportPlan",
    "ImportResult",
    "InlineData",
    "MergeCandidate",
    "Problem",
    "Severity",
    "Source",
    "UndoResult",
    "commit_import",
    "export_csv",
    "export_ics",
    "export_vcard",
    "plan_dict",
    "plan_import",
    "undo_last_import",
]

"""vCard, CSV and iCalendar import and export (SPEC §4); ``import`` is not a legal name.

Import: :func:`plan_import` reads and matches without writing (the preview and
``allies import --dry-run``), :func:`commit_import` writes a plan in one transaction,
:func:`undo_last_import` takes the last import back. Export: :func:`export_vcard`,
:func:`export_csv`, :func:`export_ics` write to a text stream.
"""

from __future__ import annotations

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

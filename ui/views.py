"""Where the main window finds its views and the contact detail its sections.

Each entry names a class by import path so that a view is only imported when it is first
shown (pyqtgraph alone costs 0.6 s, see TECH-NOTES) and so each view lives in its own
module. The contracts:

- A **view** is a ``QWidget`` built as ``ViewClass(selection: ContactSelection, parent)``.
  It follows ``selection.current_changed``, selects through ``selection.set_current(id)``,
  refreshes itself on ``ui.ops.ops().changed`` (a :class:`app.changes.Changes`) and does
  its database work through ``ui.ops.ops().run``. It may define ``actions() ->
  list[QAction]`` for the toolbar while shown, and ``render_for_screenshot()`` to finish
  pending work synchronously before a screenshot.
- A **detail section** is a ``QWidget`` built as ``SectionClass(selection, parent)`` with
  a ``title() -> str`` (translated) and ``set_contact(contact_id: int | None)``; it
  refreshes on ``ops().changed`` like a view.

A registered module that does not exist yet shows a short placeholder; a module that
exists but fails to import is a bug and raises.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    key: str
    target: str  # "package.module:ClassName"

    def module_exists(self) -> bool:
        module = self.target.split(":")[0]
        try:
            return importlib.util.find_spec(module) is not None
        except ModuleNotFoundError:
            return False

    def load(self) -> type:
        module, _, name = self.target.partition(":")
        return getattr(importlib.import_module(module), name)


VIEWS = [
    Entry("contacts", "ui.contacts.detail:ContactDetail"),
    Entry("timeline", "ui.timeline.view:TimelineView"),
    Entry("network", "ui.network.view:NetworkView"),
    Entry("insights", "ui.insights.view:InsightsView"),
    Entry("suggestions", "ui.suggestions.view:SuggestionsView"),
]

DETAIL_SECTIONS = [
    Entry("profile", "ui.contacts.profile:ProfileSection"),
    Entry("timeline", "ui.timeline.contact_section:ContactTimelineSection"),
    Entry("ledger", "ui.timeline.ledger_section:LedgerSection"),
    Entry("relationships", "ui.network.relationships_section:RelationshipsSection"),
    Entry("goals", "ui.insights.goals_section:GoalsSection"),
    Entry("follow_ups", "ui.reminders_section:FollowUpsSection"),
]

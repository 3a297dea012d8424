"""Helpers for the interchange tests: the sample files and imported contacts by name."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import peewee
import pytest

from app.contacts import ContactInput
from app.interchange import ImportPlan, ImportResult, InlineData, commit_import, plan_import
from app.interchange.store import StoredContact, load_contacts
from app.models import Contact

DATA = Path(__file__).parents[2].parent / "shared" / "data"


def sample(relative: str) -> Path:
    path = DATA / relative
    assert path.is_file(), f"sample file missing: {path}"
    return path


def all_contacts() -> dict[str, StoredContact]:
    """Every contact by formatted name (the tests use names that are unique)."""
    ids = [c.id for c in Contact.select(Contact.id)]
    return {s.input.formatted_name: s for s in load_contacts(ids, relationships=True).values()}


def contact(name: str) -> ContactInput:
    found = all_contacts()
    assert name in found, f"{name!r} not among {sorted(found)}"
    return found[name].input


def codes(plan: ImportPlan) -> list[str]:
    return [p.code for p in plan.problems]


Importer = Callable[..., tuple[ImportPlan, ImportResult]]


@pytest.fixture
def do_import(db: peewee.SqliteDatabase) -> Importer:
    """Plan and commit sources (paths, sample names or vCard text) in the test database."""

    def run(
        *sources: str | Path | InlineData, region: str = "DE"
    ) -> tuple[ImportPlan, ImportResult]:
        resolved: Iterable[str | Path | InlineData] = [
            InlineData(s)
            if isinstance(s, str) and s.lstrip().upper().startswith("BEGIN:")
            else (sample(s) if isinstance(s, str) else s)
            for s in sources
        ]
        plan = plan_import(list(resolved), region=region)
        return plan, commit_import(plan)

    return run

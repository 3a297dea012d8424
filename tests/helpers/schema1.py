"""A real schema-1 database, as the first release of Allies wrote it.

``tests/data/allies-schema1.db`` was made by the landed schema-1 code (commit 3f4120e):
``allies demo --contacts 30`` (today 2026-11-30) plus "Anna Schmidt" with a lunch "Budget
talk" and a received exchange "Advice on the pitch" on 2026-03-18. Every migration test
starts from a copy of it, so the whole chain of migrations runs on a file nobody edited by
hand.
"""

from __future__ import annotations

import shutil
from pathlib import Path

SCHEMA1 = Path(__file__).resolve().parents[1] / "data" / "allies-schema1.db"


def schema1_copy(folder: Path, name: str = "allies.sqlite3") -> Path:
    target = folder / name
    shutil.copyfile(SCHEMA1, target)
    target.chmod(0o600)
    return target

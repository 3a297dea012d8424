"""Default keep-in-touch intervals per level, as stored in the settings.

Its own module so that :mod:`app.derived` (which computes due dates from them) and
:mod:`app.settings` (which refreshes due dates when they change) need not import each
other; plain SQL on the ``setting`` table, so that ``allies due`` reads them without Peewee.
"""

from __future__ import annotations

import json

from app.db_file import Execute, app_execute
from app.enums import Level

DEFAULT_CADENCES: dict[str, int] = {
    Level.ABOVE.value: 30,
    Level.PEER.value: 30,
    Level.BELOW.value: 45,
    Level.EXTERNAL.value: 90,
}


def setting_key(level: str) -> str:
    return f"cadence_{level}"


def default_cadences(execute: Execute | None = None) -> dict[str, int]:
    """The default interval in days of each level: the stored setting, else the default
    (read through ``execute``, else the app's database)."""
    execute = execute or app_execute()
    keys = {setting_key(level): level for level in DEFAULT_CADENCES}
    values = dict(DEFAULT_CADENCES)
    marks = ",".join("?" * len(keys))
    for key, value in execute(f"SELECT key, value FROM setting WHERE key IN ({marks})", list(keys)):
        values[keys[key]] = int(json.loads(value))
    return values

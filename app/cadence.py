"""Default keep-in-touch intervals per level, as stored in the settings.

Its own module so that :mod:`app.derived` (which computes due dates from them) and
:mod:`app.settings` (which refreshes due dates when they change) need not import each
other.
"""

from __future__ import annotations

import json

from app.models import Level, Setting

DEFAULT_CADENCES: dict[str, int] = {
    Level.ABOVE.value: 30,
    Level.PEER.value: 30,
    Level.BELOW.value: 45,
    Level.EXTERNAL.value: 90,
}


def setting_key(level: str) -> str:
    return f"cadence_{level}"


def default_cadences() -> dict[str, int]:
    """The default interval in days of each level: the stored setting, else the default."""
    keys = {setting_key(level): level for level in DEFAULT_CADENCES}
    values = dict(DEFAULT_CADENCES)
    for key, value in Setting.select(Setting.key, Setting.value).where(
        Setting.key.in_(list(keys))
    ).tuples():
        values[keys[key]] = int(json.loads(value))
    return values

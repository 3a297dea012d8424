"""Settings kept in the database, declared once with type, default and description.

These belong to one network (one database): the user's own name and organisation, the
default cadence per level, quiet hours. Window layout and language are per machine and
live in the UI's QSettings instead.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from app import cadence
from app.derived import refresh_due_all
from app.errors import ValidationError
from app.models import Setting, database


@dataclass(frozen=True)
class SettingSpec:
    key: str
    type: type
    default: Any
    description: str


SPECS: dict[str, SettingSpec] = {
    s.key: s
    for s in [
        SettingSpec("user_name", str, "", "Your own name: the centre of the network"),
        SettingSpec("user_organization", str, "", "Your own organisation"),
        SettingSpec(
            "cadence_above",
            int,
            cadence.DEFAULT_CADENCES["above"],
            "Default keep-in-touch days for people above you",
        ),
        SettingSpec(
            "cadence_peer",
            int,
            cadence.DEFAULT_CADENCES["peer"],
            "Default keep-in-touch days for peers",
        ),
        SettingSpec(
            "cadence_below",
            int,
            cadence.DEFAULT_CADENCES["below"],
            "Default keep-in-touch days for people below you",
        ),
        SettingSpec(
            "cadence_external",
            int,
            cadence.DEFAULT_CADENCES["external"],
            "Default keep-in-touch days for externals",
        ),
        SettingSpec("quiet_start", str, "20:00", "Quiet hours start (no notifications)"),
        SettingSpec("quiet_end", str, "08:00", "Quiet hours end"),
        SettingSpec("phone_region", str, "DE", "Country assumed for phone numbers without +"),
        SettingSpec("onboarded", bool, False, "The first-start questions were answered"),
        SettingSpec(
            "my_email_addresses",
            str,
            "",
            "Your own e-mail addresses (comma-separated): never proposed, never a contact",
        ),
        SettingSpec(
            "capture_auto_accept_email",
            bool,
            False,
            "Log the e-mail suggestions of a scan without asking",
        ),
        SettingSpec(
            "capture_background_scan",
            bool,
            True,
            "Scan the mail and calendar sources at start and every 30 minutes",
        ),
    ]
}


def get(key: str) -> Any:
    spec = SPECS[key]
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        return spec.default
    return spec.type(json.loads(row.value))


def set_value(key: str, value: Any) -> None:
    spec = SPECS[key]
    value = _coerce(spec, value)
    with database.atomic():
        Setting.insert(key=key, value=json.dumps(value)).on_conflict_replace().execute()
        if key.startswith("cadence_"):
            refresh_due_all()


def _coerce(spec: SettingSpec, value: Any) -> Any:
    try:
        value = spec.type(value)
    except (TypeError, ValueError) as exc:
        raise ValidationError(spec.key, "invalid", value) from exc
    if spec.key.startswith("cadence_") and not 0 <= value <= 3650:
        raise ValidationError(spec.key, "out-of-range", value)
    if spec.key.startswith("quiet_"):
        try:
            dt.datetime.strptime(value, "%H:%M")
        except ValueError as exc:
            raise ValidationError(spec.key, "invalid", value) from exc
    return value


def default_cadences() -> dict[str, int]:
    return cadence.default_cadences()


def quiet_hours() -> tuple[dt.time, dt.time]:
    start = dt.datetime.strptime(get("quiet_start"), "%H:%M").time()
    end = dt.datetime.strptime(get("quiet_end"), "%H:%M").time()
    return start, end

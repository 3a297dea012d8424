"""Replaces the contributed phonenumbers hook: collect only what parsing and formatting use.

The geocoder, carrier and time zone tables are 43 MB of the 48 MB package and Allies
never imports them (the spec also excludes them, so a stray import fails the build's
self-check instead of silently growing the bundle).
"""

from PyInstaller.utils.hooks import collect_submodules

UNUSED = (
    "phonenumbers.geocoder",
    "phonenumbers.geodata",
    "phonenumbers.carrier",
    "phonenumbers.carrierdata",
    "phonenumbers.timezone",
    "phonenumbers.tzdata",
)

hiddenimports = collect_submodules("phonenumbers", filter=lambda name: not name.startswith(UNUSED))

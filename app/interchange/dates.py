"""Dates as address books write them, to Allies' ``YYYY-MM-DD`` / ``--MM-DD`` and back."""

from __future__ import annotations

import datetime as dt
import re

from app.contacts import normalize_birthday
from app.errors import ValidationError

_FULL = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})(?:[T ].*)?")
_NO_YEAR = re.compile(r"--(\d{2})-?(\d{2})(?:[T ].*)?")
# "Year unknown": Apple writes 1604 (with X-APPLE-OMIT-YEAR=1604), khard 1900 in vCard 3.0
# (which has no --MM-DD), some phones 0000. Nobody in an address book was born then.
_PLACEHOLDER_YEARS = {"0000", "1604", "1900"}


def parse_vcard_date(text: str, omit_year: str | None = None) -> str | None:
    """``1985-04-12``, ``19850412``, ``--0412``, ``--04-12``, with or without a time."""
    text = text.strip()
    m = _FULL.fullmatch(text)
    if m:
        year, month, day = m.groups()
        candidate = (
            f"--{month}-{day}"
            if year in _PLACEHOLDER_YEARS or year == (omit_year or "").strip()
            else f"{year}-{month}-{day}"
        )
    else:
        m = _NO_YEAR.fullmatch(text)
        if not m:
            return None
        candidate = f"--{m.group(1)}-{m.group(2)}"
    try:
        return normalize_birthday(candidate)
    except ValidationError:
        return None


def vcard_date(value: str) -> str:
    """Allies' form to vCard 4.0's: ``1985-04-12`` → ``19850412``, ``--04-12`` → ``--0412``."""
    if value.startswith("--"):
        return "--" + value[2:].replace("-", "")
    return value.replace("-", "")


_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})")
_US_SHORT = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:,.*)?")


def parse_linkedin_date(text: str) -> dt.date | None:
    """``09 Oct 2024`` (today's export) or ``1/8/18, 6:14 PM`` (the 2018 one)."""
    text = " ".join(text.split())
    try:
        m = _DAY_MONTH_YEAR.fullmatch(text)
        if m and m.group(2).lower() in _MONTHS:
            return dt.date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
        m = _US_SHORT.fullmatch(text)
        if m:
            year = int(m.group(3))
            year += 2000 if year < 100 else 0
            return dt.date(year, int(m.group(1)), int(m.group(2)))
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None

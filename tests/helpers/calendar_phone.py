"""A phone's calendar for the history sync tests: vdirsyncer syncing the "Allies" calendar
to a local vdir, where the test edits ``.ics`` files as a calendar or task app would.

khal, a calendar app that reads the same vdir, shows what a person sees on the phone.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

from icalendar import Calendar

from app.sync.dav import certificate_fingerprint
from tests.helpers.dav_servers import DavServer, tool


class CalendarPhone:
    def __init__(
        self, folder: Path, server: DavServer, user: str, password: str, calendar: str
    ) -> None:
        self.folder = folder
        self.vdir = folder / "calendar"
        self.vdir.mkdir(parents=True, exist_ok=True)
        self.config = folder / "vdirsyncer.conf"
        verify = ""
        if server.certificate:
            verify = f'verify_fingerprint = "{certificate_fingerprint(server.certificate)}"\n'
        self.config.write_text(
            "[general]\n"
            f'status_path = "{folder / "status"}/"\n\n'
            "[pair phone]\n"
            'a = "phone_local"\n'
            'b = "phone_remote"\n'
            "collections = null\n"
            'conflict_resolution = "a wins"\n\n'
            "[storage phone_local]\n"
            'type = "filesystem"\n'
            f'path = "{self.vdir}/"\n'
            'fileext = ".ics"\n\n'
            "[storage phone_remote]\n"
            'type = "caldav"\n'
            f'url = "{calendar}"\n'
            f'username = "{user}"\n'
            f'password = "{password}"\n' + verify
        )
        self._discovered = False

    def _run(self, *args: str) -> str:
        done = subprocess.run(
            [*tool("vdirsyncer"), "-c", str(self.config), *args],
            input="y\n" * 5,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, f"vdirsyncer {args}: {done.stdout}\n{done.stderr}"
        return done.stdout

    def sync(self) -> None:
        if not self._discovered:
            self._run("discover", "phone")
            self._discovered = True
        self._run("sync")

    # --- the calendar and task apps --------------------------------------------------

    def files(self) -> dict[Path, str]:
        return {p: p.read_text(encoding="utf-8") for p in sorted(self.vdir.glob("*.ics"))}

    def components(self) -> list:
        found = []
        for text in self.files().values():
            found += [c for c in Calendar.from_ical(text).walk() if c.name in ("VEVENT", "VTODO")]
        return found

    def find(self, uid: str) -> Path:
        found = [p for p, text in self.files().items() if re.search(rf"^UID:{uid}\r?$", text, re.M)]
        assert len(found) == 1, f"{uid}: {len(found)} files"
        return found[0]

    def edit(self, uid: str, pattern: str, new: str) -> None:
        """Replace the (unfolded) property matching ``pattern`` (a regex of one line)."""
        path = self.find(uid)
        text = re.sub(r"\r?\n[ \t]", "", path.read_text("utf-8"))  # unfold
        changed, count = re.subn(pattern, new, text, count=1, flags=re.M)
        assert count == 1, f"{pattern!r} not in {text}"
        path.write_text(changed.replace("\r\n", "\n").replace("\n", "\r\n"), encoding="utf-8")

    def move(self, uid: str, day: dt.date) -> None:
        """Move an all-day event to ``day``, as a calendar app's drag and drop does."""
        self.edit(uid, r"^DTSTART;VALUE=DATE:\d{8}\r?$", f"DTSTART;VALUE=DATE:{day:%Y%m%d}")
        end = day + dt.timedelta(days=1)
        self.edit(uid, r"^DTEND;VALUE=DATE:\d{8}\r?$", f"DTEND;VALUE=DATE:{end:%Y%m%d}")

    def set_time(self, uid: str, start: dt.datetime, length: dt.timedelta, zone: str) -> None:
        """Give an all-day event a time in ``zone`` (a calendar app writes TZID times)."""
        end = start + length
        self.edit(
            uid, r"^DTSTART;VALUE=DATE:\d{8}\r?$", f"DTSTART;TZID={zone}:{start:%Y%m%dT%H%M%S}"
        )
        self.edit(uid, r"^DTEND;VALUE=DATE:\d{8}\r?$", f"DTEND;TZID={zone}:{end:%Y%m%dT%H%M%S}")
        self.edit(uid, r"^TRANSP:TRANSPARENT\r?$", "TRANSP:OPAQUE\r\nSEQUENCE:1")

    def component(self, uid: str):  # noqa: ANN201 (an icalendar component)
        [found] = [c for c in self.components() if str(c["UID"]) == uid]
        return found

    def complete(self, uid: str) -> None:
        """Tick a task off, as a task app does (status, completion time, percent)."""
        self.edit(
            uid,
            r"^STATUS:NEEDS-ACTION\r?$",
            "STATUS:COMPLETED\r\nCOMPLETED:20261206T120000Z\r\nPERCENT-COMPLETE:100",
        )

    def delete(self, uid: str) -> None:
        self.find(uid).unlink()

    def add(self, uid: str, text: str) -> None:
        (self.vdir / f"{uid}.ics").write_text(text, encoding="utf-8")

    # --- khal ------------------------------------------------------------------------

    def khal_list(self, start: dt.date, days: int) -> list[str]:
        """khal's agenda lines ``YYYY-MM-DD|title`` for ``days`` days from ``start``."""
        config = self.folder / "khal.conf"
        config.write_text(
            "[calendars]\n[[allies]]\n"
            f"path = {self.vdir}/\n\n"
            "[locale]\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
            "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
            "timeformat = %H:%M\n\n"
            f"[sqlite]\npath = {self.folder / 'khal.db'}\n"
        )
        done = subprocess.run(
            [
                *tool("khal"),
                "-c",
                str(config),
                "list",
                "--day-format",
                "",
                "--format",
                "{start-date}|{title}",
                start.isoformat(),
                f"{days}d",
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        return [line for line in done.stdout.splitlines() if line.strip()]

"""A "phone" for sync tests: vdirsyncer syncing an address book to a local vdir.

The test edits, adds, renames and deletes ``.vcf`` files in :attr:`Phone.vdir` as a phone's
address book app would, then calls :meth:`Phone.sync` (the vdirsyncer CLI with a generated
config) to exchange them with the server.
"""

from __future__ import annotations

import re
import subprocess
import uuid
from pathlib import Path

from app.sync.dav import certificate_fingerprint
from tests.helpers.dav_servers import DavServer, tool


class Phone:
    def __init__(
        self, folder: Path, server: DavServer, user: str, password: str, addressbook: str
    ) -> None:
        self.folder = folder
        self.vdir = folder / "vdir"
        self.vdir.mkdir(parents=True, exist_ok=True)
        self.config = folder / "config"
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
            'fileext = ".vcf"\n\n'
            "[storage phone_remote]\n"
            'type = "carddav"\n'
            f'url = "{addressbook}"\n'
            f'username = "{user}"\n'
            f'password = "{password}"\n' + verify
        )
        self._discovered = False

    def _run(self, *args: str) -> None:
        done = subprocess.run(
            [*tool("vdirsyncer"), "-c", str(self.config), *args],
            input="y\n" * 5,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, f"vdirsyncer {args}: {done.stdout}\n{done.stderr}"

    def sync(self, *, force_delete: bool = False) -> None:
        """``force_delete``: the phone's address book was wiped on purpose (vdirsyncer
        refuses to pass on an emptied storage otherwise, as Allies does)."""
        if not self._discovered:
            self._run("discover", "phone")
            self._discovered = True
        self._run("sync", *(["--force-delete", "phone"] if force_delete else []))

    # --- the address book app --------------------------------------------------------

    def files(self) -> dict[str, str]:
        return {p.name: p.read_text(encoding="utf-8") for p in sorted(self.vdir.glob("*.vcf"))}

    def find(self, name: str) -> Path:
        """The card whose FN is ``name``."""
        found = [
            p
            for p in self.vdir.glob("*.vcf")
            if re.search(rf"^FN[;:].*{re.escape(name)}\r?$", p.read_text("utf-8"), re.MULTILINE)
        ]
        assert len(found) == 1, f"{name!r}: {len(found)} cards"
        return found[0]

    def edit(self, name: str, old: str, new: str, *, rev: str | None = None) -> None:
        """Replace the text ``old`` by ``new`` in the card of ``name`` (and set its REV)."""
        path = self.find(name)
        text = path.read_text("utf-8")
        assert old in text, f"{old!r} not in {text}"
        text = text.replace(old, new, 1)
        if rev is not None:
            text = set_rev(text, rev)
        path.write_text(text, encoding="utf-8", newline="")

    def add(self, lines: list[str]) -> str:
        uid = str(uuid.uuid4()).upper()
        card = ["BEGIN:VCARD", "VERSION:3.0", f"UID:{uid}", *lines, "END:VCARD"]
        (self.vdir / f"{uid}.vcf").write_text("\r\n".join(card) + "\r\n", encoding="utf-8")
        return uid

    def delete(self, name: str) -> None:
        self.find(name).unlink()

    def rename_file(self, name: str) -> None:
        path = self.find(name)
        path.rename(path.with_name(f"renamed-{uuid.uuid4().hex}.vcf"))


def set_rev(text: str, rev: str) -> str:
    text = re.sub(r"^REV[;:].*\r?\n", "", text, flags=re.MULTILINE)
    return text.replace("END:VCARD", f"REV:{rev}\r\nEND:VCARD")

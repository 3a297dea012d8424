"""The desktop metadata, icons and install scripts that ship with the bundle.

Each check runs the real validator when it is installed (``tools/ensure_system_deps.sh
--packaging``) and otherwise parses the file itself, so nothing is ever skipped.
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import shutil
import stat
import struct
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

REPO = Path(__file__).resolve().parents[1]
RESOURCES = REPO / "resources"
ICONS = RESOURCES / "icons"
APP_ID = "de.allies.Allies"
DESKTOP = RESOURCES / "desktop" / f"{APP_ID}.desktop"
METAINFO = RESOURCES / "desktop" / f"{APP_ID}.metainfo.xml"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ACTION_ICONS = {
    "new-contact", "log-interaction", "search", "import", "export", "archive", "undo", "redo",
    "settings", "merge", "tag", "network", "timeline", "contacts", "insights", "goal",
    "snooze", "follow-up", "tray", "delete", "edit", "filter", "path", "layout", "refresh",
    "photo", "about", "gave", "received",
    # one per interaction kind
    "lunch", "coffee", "after-work", "call", "email", "message", "meeting", "event", "other",
}  # fmt: skip


def _desktop_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def _check_desktop_file(path: Path) -> dict[str, str]:
    """Validate with desktop-file-validate when present; always check our own keys."""
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(
            ["desktop-file-validate", str(path)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout
    entry = _desktop_entry(path)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Allies"
    assert entry["Icon"] == "allies"
    assert entry["Terminal"] == "false"
    assert entry["Exec"].endswith(" %F")
    assert set(entry["Categories"].rstrip(";").split(";")) >= {"Office", "ContactManagement"}
    assert entry["Categories"].endswith(";") and entry["MimeType"].endswith(";")
    assert entry["MimeType"].rstrip(";").split(";") == [
        "text/vcard",
        "text/x-vcard",
        "text/directory",
    ]
    return entry


def test_desktop_file_is_valid() -> None:
    entry = _check_desktop_file(DESKTOP)
    assert entry["Exec"] == "allies %F"


def test_metainfo_is_valid() -> None:
    if shutil.which("appstreamcli"):
        result = subprocess.run(
            ["appstreamcli", "validate", "--no-net", "--no-color", str(METAINFO)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
    root = ElementTree.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("metadata_license") and root.findtext("project_license")
    assert root.findtext("name") == "Allies"
    assert (root.findtext("summary") or "").strip()
    assert root.find("description/p") is not None
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    assert root.findtext("provides/binary") == "allies"
    assert root.find("content_rating") is not None
    mediatypes = {element.text for element in root.iterfind("provides/mediatype")}
    assert mediatypes == set(_desktop_entry(DESKTOP)["MimeType"].rstrip(";").split(";"))


def test_every_app_icon_size_is_rendered(qapp: QApplication) -> None:
    for size in PNG_SIZES:
        png = ICONS / "hicolor" / f"{size}x{size}" / "apps" / "allies.png"
        image = QImage(str(png))
        assert not image.isNull(), f"{png} missing or unreadable"
        assert (image.width(), image.height()) == (size, size), png
        assert image.hasAlphaChannel(), png
    assert (ICONS / "hicolor" / "scalable" / "apps" / "allies.svg").read_bytes() == (
        ICONS / "allies.svg"
    ).read_bytes()


def test_svgs_parse(qapp: QApplication) -> None:
    svgs = [ICONS / "allies.svg", *sorted((ICONS / "actions").glob("*.svg"))]
    invalid = [svg.name for svg in svgs if not QSvgRenderer(str(svg)).isValid()]
    assert not invalid
    names = {svg.stem for svg in (ICONS / "actions").glob("*.svg")}
    assert names >= ACTION_ICONS, f"missing action icons: {sorted(ACTION_ICONS - names)}"
    for svg in (ICONS / "actions").glob("*.svg"):
        renderer = QSvgRenderer(str(svg))
        assert renderer.viewBox().width() == 24 and renderer.viewBox().height() == 24, svg.name


def test_pngs_are_in_step_with_the_svg(qapp: QApplication, tmp_path: Path) -> None:
    """Re-render with tools/render_icons.py; a stale PNG differs by far more than rounding."""
    spec = importlib.util.spec_from_file_location("render_icons", REPO / "tools/render_icons.py")
    assert spec is not None and spec.loader is not None
    render_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(render_icons)
    assert render_icons.main(["--out", str(tmp_path)]) == 0
    for size in PNG_SIZES:
        relative = Path("hicolor") / f"{size}x{size}" / "apps" / "allies.png"
        fresh = QImage(str(tmp_path / relative)).convertToFormat(QImage.Format.Format_RGBA8888)
        committed = QImage(str(ICONS / relative)).convertToFormat(QImage.Format.Format_RGBA8888)
        assert fresh.size() == committed.size()
        pairs = zip(bytes(fresh.constBits()), bytes(committed.constBits()), strict=True)
        difference = max(abs(a - b) for a, b in pairs)
        assert difference <= 8, f"{relative} is stale: run tools/render_icons.py"


def test_windows_and_macos_icons(qapp: QApplication) -> None:
    reader = QImageReader(str(ICONS / "allies.ico"))
    assert reader.imageCount() == 7
    sizes = set()
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        sizes.add(reader.read().width())
    assert sizes == {16, 24, 32, 48, 64, 128, 256}

    data = (ICONS / "allies.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    offset, kinds = 8, []
    while offset < len(data):
        kind = data[offset : offset + 4]
        (length,) = struct.unpack(">I", data[offset + 4 : offset + 8])
        assert data[offset + 8 : offset + 16] == b"\x89PNG\r\n\x1a\n", kind
        kinds.append(kind)
        offset += length
    assert offset == len(data)
    assert {b"ic07", b"ic08", b"ic09", b"ic10"} <= set(kinds)


def _fake_bundle(path: Path) -> Path:
    """A stand-in for dist/allies: an executable and the resources PyInstaller puts inside."""
    path.mkdir()
    program = path / "allies"
    program.write_text("#!/bin/sh\necho allies-bundle\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    shutil.copytree(RESOURCES, path / "_internal" / "resources")
    return path


def test_install_and_uninstall_for_the_user(tmp_path: Path) -> None:
    home = tmp_path / "home"
    data = home / ".local" / "share"
    user_db = data / "Allies" / "allies.sqlite3"
    user_db.parent.mkdir(parents=True)
    user_db.write_text("precious")
    env = {**os.environ, "HOME": str(home)}
    env.pop("XDG_DATA_HOME", None)
    bundle = _fake_bundle(tmp_path / "bundle")

    for _ in range(2):  # a second run upgrades in place
        subprocess.run(
            ["bash", str(REPO / "packaging" / "install.sh"), str(bundle)],
            env=env,
            check=True,
            capture_output=True,
        )
    launcher = home / ".local" / "bin" / "allies"
    assert subprocess.run([launcher], capture_output=True, text=True).stdout == "allies-bundle\n"
    installed = data / "applications" / DESKTOP.name
    entry = _check_desktop_file(installed)
    assert entry["Exec"] == f'"{data / "allies" / "allies"}" %F'
    for size in PNG_SIZES:
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "allies.png").is_file()
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / "allies.svg").is_file()
    assert (data / "metainfo" / METAINFO.name).read_bytes() == METAINFO.read_bytes()

    subprocess.run(
        ["bash", str(REPO / "packaging" / "uninstall.sh")], env=env, check=True, capture_output=True
    )
    assert not launcher.exists() and not launcher.is_symlink()
    assert not (data / "allies").exists()
    assert not installed.exists()
    assert not list((data / "icons").rglob("allies.*"))
    assert user_db.read_text() == "precious"


@pytest.mark.parametrize(
    "script",
    ["packaging/build.sh", "packaging/install.sh", "packaging/uninstall.sh",
     "tools/ensure_system_deps.sh"],
)  # fmt: skip
def test_shell_scripts_parse(script: str) -> None:
    path = REPO / script
    assert os.access(path, os.X_OK), f"{script} is not executable"
    subprocess.run(["bash", "-n", str(path)], check=True)
    if shutil.which("shellcheck"):
        result = subprocess.run(["shellcheck", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout


def test_pyinstaller_spec_compiles() -> None:
    source = (REPO / "packaging" / "allies.spec").read_text()
    compile(source, "allies.spec", "exec")
    assert sys.version_info >= (3, 11)  # the spec reads pyproject.toml with tomllib

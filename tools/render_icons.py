"""Render the application icon SVG into the PNG, .ico and .icns files that ship with Allies.

Run from the repository root after changing ``resources/icons/allies.svg``::

    .venv/bin/python tools/render_icons.py

It uses Qt's own SVG renderer offscreen, so the output depends only on the SVG and the
installed Qt version (no Inkscape, no display). The .ico and .icns containers are written
by hand: both are a short header followed by PNG images, which every supported Windows
(Vista and later) and macOS (10.7 and later) reads.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SOURCE = ICONS / "allies.svg"

HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# macOS icon types that hold PNG data, with the pixel size each one expects.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    """Render the SVG into a square transparent image and return it PNG-encoded."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError(f"could not encode the {size} px icon as PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """Pack PNG images into a Windows .ico container (ICONDIR + ICONDIRENTRY table)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries = b""
    images = b""
    for size in sizes:
        png = pngs[size]
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """Pack PNG images into a macOS .icns container."""
    body = b""
    for kind, size in ICNS_TYPES:
        png = pngs[size]
        body += kind + struct.pack(">I", len(png) + 8) + png
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` unless the file already holds exactly it; return whether it changed."""
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=SOURCE, help="source SVG")
    parser.add_argument("--out", type=Path, default=ICONS, help="output folder")
    args = parser.parse_args(argv)

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(args.svg))
    if not renderer.isValid():
        print(f"error: {args.svg} is not a valid SVG", file=sys.stderr)
        return 1
    sizes = set(HICOLOR_SIZES) | set(ICO_SIZES) | {size for _kind, size in ICNS_TYPES}
    pngs = {size: render_png(renderer, size) for size in sorted(sizes)}

    outputs: dict[Path, bytes] = {
        args.out / "hicolor" / f"{size}x{size}" / "apps" / "allies.png": pngs[size]
        for size in HICOLOR_SIZES
    }
    outputs[args.out / "hicolor" / "scalable" / "apps" / "allies.svg"] = args.svg.read_bytes()
    outputs[args.out / "allies.ico"] = ico_bytes({s: pngs[s] for s in ICO_SIZES})
    outputs[args.out / "allies.icns"] = icns_bytes(pngs)
    for path, data in outputs.items():
        state = "written" if write_if_changed(path, data) else "unchanged"
        print(f"{state:9} {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

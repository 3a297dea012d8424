"""Render every action icon onto one PNG, on a light and a dark background, to look them over.

    .venv/bin/python tools/icon_contact_sheet.py [-o build/icon-contact-sheet.png]

Each icon is drawn at 16, 24 and 48 px on both backgrounds with its name below, so a
wrong path, a clipped stroke or an icon that vanishes on a dark palette is easy to spot.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ACTIONS = ROOT / "resources" / "icons" / "actions"

SIZES = (16, 24, 48)
CELL_W = 200
CELL_H = 84
COLUMNS = 4
BACKGROUNDS = (QColor("#ffffff"), QColor("#2b2f36"))
TEXT = (QColor("#202020"), QColor("#e8e8e8"))


def draw_cell(
    painter: QPainter, renderer: QSvgRenderer, name: str, x: int, y: int, dark: bool
) -> None:
    painter.fillRect(x, y, CELL_W, CELL_H, BACKGROUNDS[dark])
    left = x + 8
    for size in SIZES:
        renderer.render(painter, QRectF(left, y + 8 + (48 - size) / 2, size, size))
        left += size + 12
    painter.setPen(TEXT[dark])
    painter.drawText(QRectF(x, y + 60, CELL_W, 20), Qt.AlignmentFlag.AlignCenter, name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "-o", "--output", type=Path, default=ROOT / "build" / "icon-contact-sheet.png"
    )
    args = parser.parse_args(argv)

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    names = sorted(path.stem for path in ACTIONS.glob("*.svg"))
    rows = (len(names) + COLUMNS - 1) // COLUMNS
    image = QImage(CELL_W * COLUMNS * 2, CELL_H * rows, QImage.Format.Format_RGB32)
    image.fill(QColor("#808080"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(QFont("DejaVu Sans", 9))
    invalid = []
    for index, name in enumerate(names):
        renderer = QSvgRenderer(str(ACTIONS / f"{name}.svg"))
        if not renderer.isValid():
            invalid.append(name)
            continue
        row, column = divmod(index, COLUMNS)
        for dark in (False, True):
            x = (column + COLUMNS * dark) * CELL_W
            draw_cell(painter, renderer, name, x, row * CELL_H, dark)
    painter.end()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(args.output))
    print(f"{len(names)} icons -> {args.output}")
    if invalid:
        print("invalid SVG: " + ", ".join(invalid), file=sys.stderr)
    del app
    return 1 if invalid else 0


if __name__ == "__main__":
    raise SystemExit(main())

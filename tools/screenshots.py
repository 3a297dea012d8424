"""Screenshots of every view and the main dialogs, for docs/screenshots/.

    .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--db DEMO.sqlite3]
        [--languages en de] [--themes light dark] [--sizes 1024x700 1366x768]

Without ``--db`` a 150-contact demo network is made in a temporary folder. Each
language/theme pair runs in a process of its own (the translators and the palette are
chosen before the first window), with Qt's offscreen platform, the database work inline
and a throwaway layout store, through the same path as ``allies screenshot``
(:func:`ui.screenshot.prepare_window`). The pictures are saved with an 8-bit palette so
that the committed set stays small.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VIEWS = ("contacts", "timeline", "network", "insights")


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.partition("x")
    return int(width), int(height)


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    p.add_argument("--db", type=Path, help="a demo database (copied, never changed)")
    p.add_argument("--languages", nargs="+", default=["en", "de"])
    p.add_argument("--themes", nargs="+", default=["light", "dark"])
    p.add_argument("--sizes", nargs="+", type=_size, default=[(1024, 700), (1366, 768)])
    p.add_argument("--views", nargs="+", default=list(VIEWS))
    p.add_argument("--no-dialogs", action="store_true")
    p.add_argument("--child", nargs=2, metavar=("LANGUAGE", "THEME"), help=argparse.SUPPRESS)
    return p.parse_args(argv)


def make_demo(folder: Path) -> Path:
    db = folder / "demo.sqlite3"
    subprocess.run(
        [sys.executable, "-m", "ui.entry", "--db", str(db), "demo", "--contacts", "150"],
        check=True,
        cwd=REPO,
        capture_output=True,
    )
    return db


def main(argv: list[str]) -> int:
    args = parse(argv)
    if args.child:
        from ui.screenshot import screenshot_set

        language, theme = args.child
        return screenshot_set(
            args.db,
            args.out,
            language,
            theme,
            [tuple(s) for s in args.sizes],
            args.views,
            dialogs=not args.no_dialogs,
        )
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="allies-shots-") as tmp:
        source = args.db or make_demo(Path(tmp))
        status = 0
        for language in args.languages:
            for theme in args.themes:
                db = Path(tmp) / f"{language}-{theme}.sqlite3"
                shutil.copyfile(source, db)
                command = [
                    sys.executable,
                    __file__,
                    "--child",
                    language,
                    theme,
                    "--db",
                    str(db),
                    "--out",
                    str(args.out),
                    "--sizes",
                    *(f"{w}x{h}" for w, h in args.sizes),
                    "--views",
                    *args.views,
                ]
                if args.no_dialogs:
                    command.append("--no-dialogs")
                env = dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen")
                done = subprocess.run(command, env=env, cwd=REPO)
                status = status or done.returncode
        return status


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main(sys.argv[1:]))

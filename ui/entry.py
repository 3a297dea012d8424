"""The ``allies`` program: desktop app or command line, decided by the arguments.

Command-line commands run the plain-Python :mod:`app.cli` without importing Qt; the
desktop app, ``screenshot`` and ``--self-check`` load the Qt layer only when needed.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from app import cli

    args = cli.parse_args(sys.argv[1:] if argv is None else argv)
    if args.command is None or args.command in cli.GUI_COMMANDS:
        from ui.application import run_gui

        return run_gui(args)
    return cli.execute(args)


def main_gui() -> int:
    return main()


if __name__ == "__main__":
    sys.exit(main())

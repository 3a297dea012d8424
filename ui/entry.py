"""The ``allies`` program: desktop app or command line, decided by the arguments.

Command-line commands run the plain-Python :mod:`app.cli` without importing Qt; the
desktop app, ``screenshot`` and ``--self-check`` load the Qt layer only when needed.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys


def run_gui(args: argparse.Namespace) -> int:
    """Run the Qt part for ``args`` (from :func:`app.cli.parse_args`); the exit status."""
    if getattr(args, "self_check", False):
        if importlib.util.find_spec("ui.self_check") is None:
            print("allies: error: this build has no self-check", file=sys.stderr)
            return 2
        from ui import self_check

        return int(self_check.run(args))
    if args.command == "screenshot":
        from ui.screenshot import take_screenshot

        return take_screenshot(args)
    from ui.application import DesktopSession, create_application

    return DesktopSession(create_application(), args).run()


def main(argv: list[str] | None = None) -> int:
    from app import cli

    args = cli.parse_args(sys.argv[1:] if argv is None else argv)
    if args.command is None or args.command in cli.GUI_COMMANDS:
        return run_gui(args)
    return cli.execute(args)


def main_gui() -> int:
    return main()


if __name__ == "__main__":
    sys.exit(main())

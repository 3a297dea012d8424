"""The script PyInstaller freezes: start Allies through its normal entry point."""

from __future__ import annotations

import sys

from ui.entry import main

if __name__ == "__main__":
    sys.exit(main())

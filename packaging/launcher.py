"""The script PyInstaller freezes: start Allies through its normal entry point."""

from __future__ import annotations

import multiprocessing
import sys

from ui.entry import main

if __name__ == "__main__":
    # The network's force layout runs in a spawned process: in the bundle that process
    # is this executable again, and must run the layout, not a second Allies.
    multiprocessing.freeze_support()
    sys.exit(main())

"""The script PyInstaller freezes: start Allies through its normal entry point."""

from __future__ import annotations

import multiprocessing
import sys

from ui.entry import main

if __name__ == "__main__":
    # The network's force layout and the parsing of a large vCard file run in spawned
    # processes: in the bundle such a process is this executable again, and must run the
    # layout or the parsing (app.interchange.parse_worker), not a second Allies.
    multiprocessing.freeze_support()
    sys.exit(main())

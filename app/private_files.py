"""Files that hold the user's network are private from their first byte (SPEC §7).

``chmod`` after writing leaves a window in which another user can open the file; these
helpers create it with mode 0600 instead, whatever the umask.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO


def create_private_text(path: Path) -> TextIO:
    """A new UTF-8 text file, mode 0600 (an old one at ``path`` is replaced)."""
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    return open(fd, "w", encoding="utf-8", newline="")

"""The Qt binding as ui.qt sets it up."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = r"""
import linecache, sys
import ui.qt
import json, xml.dom.minidom, wave  # modules nobody imported before
import shibokensupport.feature as feature
sources = [name for name in linecache.cache if name.endswith(("minidom.py", "wave.py"))]
print(json.dumps({"sources": sources, "pyside": feature._mod_uses_pyside(ui.qt.QtCore),
                  "ours": feature._mod_uses_pyside(sys.modules["ui.qt"])}))
"""


def test_pyside_reads_no_module_source_on_import() -> None:
    """PySide6's __feature__ hook would read (and keep) every imported module's source."""
    import json

    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"sources": [], "pyside": True, "ours": False}

"""The domain never loads the screen: importing every module of ``app`` pulls in no Qt."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import importlib, json, pkgutil, sys
import app
names = [m.name for m in pkgutil.walk_packages(app.__path__, "app.")]
for name in names:
    importlib.import_module(name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "pyqtgraph", "ui"})
print(json.dumps({"modules": names, "gui": loaded}))
"""


def test_app_imports_no_gui_toolkit() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=True
    )
    result = json.loads(done.stdout)
    assert {"app.cli", "app.demo", "app.db", "app.models", "app.contacts"} <= set(result["modules"])
    assert result["gui"] == []

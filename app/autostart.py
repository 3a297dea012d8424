"""Start Allies in the tray at login: create or remove the platform's autostart entry.

- Linux and other XDG desktops: ``$XDG_CONFIG_HOME/autostart/de.allies.Allies.desktop``
  (the freedesktop Desktop Application Autostart specification).
- macOS: a LaunchAgent, ``~/Library/LaunchAgents/de.allies.Allies.plist``.
- Windows: the ``Allies`` value of ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``,
  the per-user login item (what the Startup folder does, without a console window).

Anything else raises :class:`AutostartUnsupported`; :func:`supported` says so beforehand
so the settings dialog can disable its checkbox.
"""

from __future__ import annotations

import contextlib
import os
import plistlib
import shutil
import subprocess
import sys
from pathlib import Path

from app.errors import AlliesError

APP_ID = "de.allies.Allies"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "Allies"


class AutostartUnsupported(AlliesError):
    """This platform has no autostart entry Allies knows how to make."""

    def __init__(self, platform: str) -> None:
        super().__init__(f"starting at login is not supported on {platform}")
        self.platform = platform


def _kind(platform: str | None) -> str:
    platform = platform or sys.platform
    if platform.startswith("win"):
        return "windows"
    if platform == "darwin":
        return "macos"
    if platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return "xdg"
    return "none"


def supported(platform: str | None = None) -> bool:
    return _kind(platform) != "none"


def launch_command() -> list[str]:
    """How to start Allies hidden in the tray from a login session."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle
        return [sys.executable, "--tray"]
    script = shutil.which("allies")
    if script:
        return [script, "--tray"]
    return [sys.executable, "-m", "ui.entry", "--tray"]


def xdg_entry_path() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "autostart" / f"{APP_ID}.desktop"


def launch_agent_path() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / f"{APP_ID}.plist"


def _desktop_exec(command: list[str]) -> str:
    """Quote arguments as the Desktop Entry specification's Exec key wants."""
    quoted = []
    for arg in command:
        if arg and not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
            quoted.append(arg.replace("%", "%%"))
            continue
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg).replace("%", "%%")
        quoted.append(f'"{escaped}"')
    return " ".join(quoted)


def _windows_command(command: list[str]) -> str:
    return subprocess.list2cmdline(command)


def _desktop_file(command: list[str]) -> str:
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Name=Allies",
            "Comment=Keep in touch with the allies in your professional network",
            f"Exec={_desktop_exec(command)}",
            "Icon=allies",
            "Terminal=false",
            "X-GNOME-Autostart-enabled=true",
            "",
        ]
    )


def is_enabled(platform: str | None = None) -> bool:
    kind = _kind(platform)
    if kind == "xdg":
        path = xdg_entry_path()
        if not path.is_file():
            return False
        lines = {line.strip().replace(" ", "") for line in path.read_text("utf-8").splitlines()}
        return "Hidden=true" not in lines
    if kind == "macos":
        return launch_agent_path().is_file()
    if kind == "windows":
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.QueryValueEx(key, RUN_VALUE)
        except OSError:
            return False
        return True
    return False


def set_enabled(
    enabled: bool, command: list[str] | None = None, platform: str | None = None
) -> None:
    """Create (``enabled``) or remove the autostart entry; ``command`` defaults to
    :func:`launch_command`. Raises :class:`AutostartUnsupported` where there is none."""
    kind = _kind(platform)
    command = command or launch_command()
    if kind == "xdg":
        path = xdg_entry_path()
        if enabled:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_desktop_file(command), "utf-8")
        else:
            path.unlink(missing_ok=True)
    elif kind == "macos":
        path = launch_agent_path()
        if enabled:
            path.parent.mkdir(parents=True, exist_ok=True)
            plist = {"Label": APP_ID, "ProgramArguments": command, "RunAtLoad": True}
            path.write_bytes(plistlib.dumps(plist))
        else:
            path.unlink(missing_ok=True)
    elif kind == "windows":
        import winreg

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            if enabled:
                winreg.SetValueEx(key, RUN_VALUE, 0, winreg.REG_SZ, _windows_command(command))
            else:
                with contextlib.suppress(FileNotFoundError):  # already off
                    winreg.DeleteValue(key, RUN_VALUE)
    else:
        raise AutostartUnsupported(platform or sys.platform)

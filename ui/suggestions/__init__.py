"""The Suggestions inbox, its badge and tray line, and Settings → Sources (SPEC §11)."""

"""Import and export in the desktop app: drops, the preview dialog, export dialog."""

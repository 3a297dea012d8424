"""The network view, its pyqtgraph item and the relationships detail section."""

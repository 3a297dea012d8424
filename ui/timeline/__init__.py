"""The timeline view, the log-interaction dialog and the give & take ledger."""

"""Two-way sync with CardDAV/CalDAV servers (SPEC §10): no Qt, driven by the CLI and ui/.

- :mod:`app.sync.dav` — the one WebDAV/CardDAV/CalDAV client (discovery, PROPFIND,
  REPORT sync-collection and multiget, conditional PUT/DELETE, MKCOL).
- :mod:`app.sync.accounts` — accounts and their passwords (keyring, else a 0600 file).
- :mod:`app.sync.state` — the tables: accounts, per-item sync state, conflicts, field times.
- :mod:`app.sync.merge` — the three-way per-field merge.
- :mod:`app.sync.engine` — one collection's two-way sync, generic over an :class:`Adapter`.
- :mod:`app.sync.contacts_adapter` — contacts ↔ vCard 3.0 cards.
- :mod:`app.sync.history_adapter`, :mod:`app.sync.history_store`,
  :mod:`app.sync.history_times` — the history ↔ the calendar "Allies" (CalDAV); the
  mapping is :mod:`app.sync.ical_map`, its fast reader :mod:`app.sync.ical_lines`.
- :mod:`app.sync.service` — sync every account (what the CLI and the UI call).
"""

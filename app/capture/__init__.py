"""Capture (SPEC §11): propose encounters from the user's mail and calendars, locally.

- :mod:`app.capture.messages` reads message headers (never a body) and normalises addresses;
- :mod:`app.capture.local` reads Maildir and mbox folders, :mod:`app.capture.imap` an IMAP
  server, :mod:`app.capture.calendar` ``.ics`` files;
- :mod:`app.capture.sources` adds, lists and forgets sources and finds the local mail
  folders of Thunderbird and Evolution;
- :mod:`app.capture.scan` reads what is new (also the calendars of a sync account, through
  :mod:`app.sync`'s DAV client) and turns it into suggestions;
- :mod:`app.capture.suggestions` lists, accepts and dismisses them;
- :mod:`app.capture.cli` holds the ``source``, ``scan`` and ``suggestions`` commands.

Nothing here imports Qt; the desktop drives it through ``ui.ops``.
"""

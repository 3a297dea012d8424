"""One root exception for the domain; the UI and the CLI turn these into sentences.

Domain code raises codes and facts, never prose meant for a person: the message a user
reads is made (and translated) by the front end from the exception's attributes. The
``str()`` of each error is still a clear English line, which the CLI prints as-is.
"""

from __future__ import annotations

from collections.abc import Sequence


class AlliesError(Exception):
    """Root of every error the domain raises on purpose."""


class NotFound(AlliesError):
    def __init__(self, what: str, key: object) -> None:
        super().__init__(f"no {what} matches {key!r}")
        self.what = what
        self.key = key


class AmbiguousName(AlliesError):
    def __init__(self, name: str, candidates: Sequence[tuple[int, str]]) -> None:
        listed = ", ".join(f"{name!s} (id {cid})" for cid, name in candidates)
        super().__init__(f"the name {name!r} is ambiguous: {listed}")
        self.name = name
        self.candidates = list(candidates)


class ValidationError(AlliesError):
    """A value a person typed or a file held does not fit the field.

    ``field`` names the field (``email``, ``phone``, ``level`` …), ``code`` says what is
    wrong (``invalid``, ``required``, ``out-of-range``, ``unknown``).
    """

    def __init__(self, field: str, code: str, value: object = None, detail: str = "") -> None:
        text = f"{field}: {code}"
        if value is not None:
            text += f" ({value!r})"
        if detail:
            text += f": {detail}"
        super().__init__(text)
        self.field = field
        self.code = code
        self.value = value
        self.detail = detail


class DatabaseRefused(AlliesError):
    """The database file cannot be used (not SQLite, newer schema, not writable…)."""


class DatabaseBusy(AlliesError):
    """Another process held the write lock for longer than the busy timeout."""

    def __init__(self, path: str) -> None:
        super().__init__(
            f"{path}: the database stayed busy (another Allies program kept writing for longer "
            "than the wait allows); nothing was written, try again"
        )
        self.path = path


class DatabaseReadOnly(AlliesError):
    """The database file is read-only (its mode has no write bit); nothing can be written."""

    def __init__(self, path: str) -> None:
        super().__init__(f"{path} is read-only (its file mode has no write permission); "
                         "nothing was written")
        self.path = path


class ImportFailed(AlliesError):
    """A file could not be read at all; nothing from it was committed."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class Cancelled(AlliesError):
    """Long work was cancelled by the user; nothing was committed."""


class SourceFailed(AlliesError):
    """A mailbox or calendar could not be read.

    ``code`` says why: ``unreachable`` (no connection, timeout), ``login`` (wrong user or
    password), ``tls`` (no encryption offered), ``certificate`` (the server's certificate
    is not trusted: :class:`app.capture.imap.CertificateUntrusted`),
    ``no-password`` (none stored), ``not-found`` (path, folder or account missing),
    ``unreadable`` (a file that is not what it claims), ``protocol`` (a broken answer).
    """

    def __init__(self, source: str, code: str, detail: str = "") -> None:
        text = f"{source}: {code}"
        if detail:
            text += f" ({detail})"
        super().__init__(text)
        self.source = source
        self.code = code
        self.detail = detail


class UsageError(Exception):
    """The command line itself is wrong (exit status 2); not an :class:`AlliesError`."""

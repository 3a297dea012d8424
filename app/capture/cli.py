"""The ``source``, ``scan`` and ``suggestions`` commands (SPEC §5, §11).

Registered in :data:`app.cli.COMMANDS`; their handlers manage their own transactions (a
scan commits batch by batch, and ``source add`` logs in before it writes anything).
Exit status: 0 when every source succeeded, 1 when any failed (``--json`` still prints,
with the ``error``), 2 on a usage error.

JSON (stable): ``source list --json`` a list of ``{name, kind, location, user, folders,
last_scan, error, suggestions}``; ``scan --json`` ``{sources: [{name, new_messages,
new_events, suggestions, error}]}``; ``suggestions --json`` a list of ``{id, kind:
interaction|contact, date, interaction_kind, summary, source, contact_ids, name, email}``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

LOCAL = ("maildir", "mbox", "ics")


def _usage(message: str) -> Exception:
    from app.errors import UsageError

    return UsageError(message)


# --- source -----------------------------------------------------------------------------


def source_arguments(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="imap://HOST[:PORT] (STARTTLS), imaps://HOST[:PORT] (TLS), maildir|mbox|ics "
        "PATH, account NAME",
    )
    add.add_argument("target", metavar="WHAT", help="an IMAP URL, or maildir, mbox, ics, account")
    add.add_argument("path", nargs="?", metavar="PATH|NAME", help="the folder, file or account")
    add.add_argument("--user", metavar="USER", help="the IMAP login")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    add.add_argument(
        "--folder",
        action="append",
        default=[],
        metavar="F",
        help="IMAP folder (repeatable; default: the inbox and the sent folder)",
    )
    add.add_argument(
        "--trust-certificate",
        metavar="SHA256",
        help="trust the IMAP server's certificate with this SHA-256 fingerprint (self-signed)",
    )
    add.add_argument("--name", metavar="NAME", help="what to call it (default: host or file name)")
    listing = actions.add_parser("list", help="the sources")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    remove = actions.add_parser("remove", help="stop using a source")
    remove.add_argument("name", metavar="NAME")
    remove.add_argument(
        "--forget", action="store_true", help="also remove its bookkeeping and open suggestions"
    )
    for sub in (add, listing, remove):
        sub.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="the database")


def run_source(args: argparse.Namespace) -> int:
    if args.action == "add":
        return _source_add(args)
    if args.action == "remove":
        from app.capture.sources import remove_source

        remove_source(args.name, forget=args.forget)
        print(f"removed source {args.name}" + (" and forgot its data" if args.forget else ""))
        return 0
    from app.capture.sources import list_sources

    sources = list_sources()
    if args.json:
        print(json.dumps([s.as_json() for s in sources], ensure_ascii=False, indent=2))
        return 0
    if not sources:
        print("No sources yet: allies source add imaps://HOST --user USER, or maildir|mbox|ics")
        return 0
    for s in sources:
        where = f"{s.username} at {s.location}" if s.username else s.location
        state = (
            f"error: {s.last_error}"
            if s.last_error
            else (f"scanned {s.last_scan_at}" if s.last_scan_at else "not scanned yet")
        )
        print(f"{s.name}  {s.kind}  {where}  ({state}; {s.open_suggestions} open suggestions)")
    return 0


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        import getpass

        password = getpass.getpass(f"Password for {args.user}: ")
    else:
        raise _usage("no terminal to ask for the password: use --password-stdin")
    if not password:
        raise _usage("the password is empty")
    return password


def _fingerprint_key(text: str) -> str:
    return text.replace(":", "").replace(" ", "").lower()


def _add_imap(args: argparse.Namespace, url: str, password: str) -> int:
    """Add the mailbox; a certificate the system does not trust is taken only when the
    user named its fingerprint (``--trust-certificate``), as ``account add`` does."""
    from app.capture import sources
    from app.capture.imap import CertificateUntrusted
    from app.errors import SourceFailed

    trusted = ""
    for _ in range(2):
        try:
            source_id, _changes = sources.add_imap_source(
                url, args.user, password, args.folder, args.name, trusted_cert=trusted
            )
            return source_id
        except CertificateUntrusted as exc:
            wanted = args.trust_certificate
            if not trusted and wanted and exc.pem:
                if _fingerprint_key(wanted) == _fingerprint_key(exc.fingerprint):
                    trusted = exc.pem
                    continue
            if not exc.fingerprint:
                raise
            raise SourceFailed(
                exc.source,
                "certificate",
                f"the server's certificate is not trusted (SHA-256 {exc.fingerprint}); if it "
                f"is your server's, add the source with --trust-certificate {exc.fingerprint}",
            ) from exc
    raise SourceFailed(url, "certificate", "the certificate changed while connecting")


def _source_add(args: argparse.Namespace) -> int:
    from app.capture import sources

    target = args.target
    if target.startswith(("imap://", "imaps://")):
        if args.path:
            raise _usage(f"unexpected argument {args.path!r} after the IMAP address")
        if not args.user:
            raise _usage("an IMAP source needs --user USER")
        password = _read_password(args)
        source_id = _add_imap(args, target, password)
    elif target in LOCAL:
        if not args.path:
            raise _usage(f"source add {target} needs a PATH")
        if args.user or args.folder or args.password_stdin or args.trust_certificate:
            raise _usage(
                "--user, --folder, --password-stdin and --trust-certificate are for IMAP sources"
            )
        source_id, _ = sources.add_local_source(target, Path(args.path), args.name)
    elif target == "account":
        if not args.path:
            raise _usage("source add account needs the NAME of a sync account")
        source_id, _ = sources.add_account_source(args.path, args.name)
    else:
        raise _usage(
            f"unknown source {target!r} (imap://HOST, imaps://HOST, maildir, mbox, ics, account)"
        )
    source = sources.CaptureSource.get_by_id(source_id)
    print(f"added source {source.name} ({source.kind} {source.location})")
    return 0


# --- scan ------------------------------------------------------------------------------


def scan_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("name", nargs="?", metavar="NAME", help="only this source")


def run_scan(args: argparse.Namespace) -> int:
    from app.capture.scan import scan

    report = scan([args.name] if args.name else None)
    if args.json:
        data = {"sources": [r.as_json() for r in report.results]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        if not report.results:
            print("No sources to scan: add one with allies source add")
        for r in report.results:
            if r.error:
                print(f"{r.name}: error: {r.as_json()['error']}", file=sys.stderr)
            else:
                print(
                    f"{r.name}: {r.new_messages} new messages, {r.new_events} new events, "
                    f"{r.suggestions} new suggestions"
                    + (f", {r.accepted} accepted automatically" if r.accepted else "")
                )
    return 1 if report.failed else 0


# --- suggestions -----------------------------------------------------------------------


def suggestions_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    accept = actions.add_parser("accept", help="log them (a contact suggestion adds the contact)")
    accept.add_argument("ids", nargs="*", metavar="ID")
    accept.add_argument("--all", action="store_true", help="every interaction suggestion")
    dismiss = actions.add_parser("dismiss", help="never propose them again")
    dismiss.add_argument("ids", nargs="+", metavar="ID")
    for sub in (accept, dismiss):
        sub.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="the database")


def run_suggestions(args: argparse.Namespace) -> int:
    from app.capture import suggestions

    if args.action == "accept":
        if not args.ids and not args.all:
            raise _usage("accept needs suggestion IDs or --all")
        result = suggestions.accept(args.ids, all_interactions=args.all)
        print(
            f"accepted {len(result.accepted)} suggestions: {len(result.interaction_ids)} "
            f"interactions logged, {len(result.contact_ids)} contacts added"
        )
        return 0
    if args.action == "dismiss":
        suggestions.dismiss(args.ids)
        print(f"dismissed {len(set(args.ids))} suggestions")
        return 0
    found = suggestions.open_suggestions()
    if args.json:
        print(json.dumps([s.as_json() for s in found], ensure_ascii=False, indent=2))
        return 0
    if not found:
        print("No suggestions.")
        return 0
    for s in found:
        if s.kind == suggestions.CONTACT:
            print(f"{s.id}  new contact  {s.name or '-'} <{s.email}>")
        else:
            day = s.date.isoformat() if s.date else ""
            print(f"{s.id}  {day}  {s.interaction_kind:10} {', '.join(s.names)}: {s.summary}")
    return 0


# (name, help, arguments, handler) of each command, for app.cli.COMMANDS.
COMMANDS = [
    (
        "source",
        "mail folders and calendars to propose encounters from",
        source_arguments,
        run_source,
    ),
    ("scan", "read new mail headers and calendar events", scan_arguments, run_scan),
    (
        "suggestions",
        "proposed interactions and contacts: list, accept, dismiss",
        suggestions_arguments,
        run_suggestions,
    ),
]

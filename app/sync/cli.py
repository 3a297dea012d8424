"""``allies account add|list|remove`` and ``allies sync`` (SPEC §5).

Registered in :data:`app.cli.COMMANDS`; the sync modules (and ``requests``) are imported
inside the handlers so that every other command starts as fast as before. These commands
run without the CLI's one big transaction (``transaction=False``): a sync talks to a
server for a while and commits its own small transactions, so another Allies writing
the same database is never locked out for the length of a sync.

JSON of ``sync --json``: ``{accounts: [{name, pulled, pushed, deleted_here, deleted_there,
conflicts: [{object, uid, contact_id, field, kept, other}], error}]}``; ``error`` is null
or one English sentence. ``account list --json``: a list of ``{name, url, user,
addressbook, private_fields, history, last_sync, last_ok, last_error}``.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from app.errors import AlliesError

PROG = "allies"

# What each sync error code means, for a person reading a terminal.
ERROR_TEXT = {
    "unreachable": "server unreachable",
    "timeout": "the server did not answer in time",
    "unauthorized": "the server refused the user name or password (HTTP 401)",
    "forbidden": "the server refused access (HTTP 403)",
    "not-found": "the address book is not on the server any more (HTTP 404)",
    "precondition-failed": "a card changed on the server during the sync (HTTP 412)",
    "server-error": "the server failed (HTTP {status})",
    "refused": "the server refused a request (HTTP {status})",
    "malformed": "the server sent an answer that cannot be read",
    "no-collection": "no address book found on the server",
    "certificate": "the server's certificate is not trusted (SHA-256 {fingerprint})",
    "emptied-there": "stopped: {detail} cards were deleted on the server; "
    "run 'allies sync --confirm-deletes' if that was intended",
    "emptied-here": "stopped: {detail} contacts that were synced are gone here; "
    "run 'allies sync --confirm-deletes' if that was intended",
    "no-password": "no password stored for this account; remove it and add it again",
    "failed": "the sync failed: {detail}",
}


class AccountRefused(AlliesError):
    """``account add`` could not go on (no password given, certificate not trusted…)."""


def error_sentence(
    code: str | None, *, detail: str = "", status: int | None = None, fingerprint: str = ""
) -> str | None:
    if code is None:
        return None
    text = ERROR_TEXT.get(code, code)
    return text.format(detail=detail, status=status or "?", fingerprint=fingerprint)


# --- account ---------------------------------------------------------------------------


def account_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(
        dest="account_command", metavar="add|list|remove", required=True, parser_class=type(p)
    )
    add = sub.add_parser("add", help="add a CardDAV/CalDAV account", allow_abbrev=False)
    add.add_argument("url", metavar="URL", help="the server (discovery finds the rest)")
    add.add_argument("--user", required=True, metavar="USER")
    add.add_argument("--name", metavar="NAME", help="the account's name (default: the host)")
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    add.add_argument(
        "--addressbook", metavar="NAME|URL", help="the address book (default: the first one)"
    )
    add.add_argument("--no-history", action="store_true", help="keep the history off the server")
    add.add_argument(
        "--no-private-fields",
        action="store_true",
        help="keep level, circle, roles, trust and notes off the server",
    )
    add.add_argument(
        "--trust-certificate",
        metavar="SHA256",
        help="trust this server certificate (its SHA-256 fingerprint)",
    )
    listing = sub.add_parser("list", help="the accounts", allow_abbrev=False)
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    remove = sub.add_parser(
        "remove", help="forget an account (the local data stays)", allow_abbrev=False
    )
    remove.add_argument("name", metavar="NAME")


def run_account(args: argparse.Namespace) -> int:
    if args.account_command == "add":
        return _account_add(args)
    if args.account_command == "list":
        return _account_list(args)
    from app.sync.accounts import remove_account

    remove_account(args.name)
    print(f"account {args.name} removed (the contacts stay here)")
    return 0


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass(f"password for {args.user}: ")
    else:
        raise AccountRefused("no password: use --password-stdin or run on a terminal")
    if not password:
        raise AccountRefused("the password is empty")
    return password


def _fingerprint_key(text: str) -> str:
    return text.replace(":", "").replace(" ", "").lower()


def _account_add(args: argparse.Namespace) -> int:
    from app.sync.accounts import add_account, password_file, password_storage
    from app.sync.dav import CertificateUntrusted, DavError

    password = _read_password(args)
    trusted = ""
    for _ in range(2):
        try:
            account = add_account(
                args.url,
                args.user,
                password,
                name=args.name,
                addressbook=args.addressbook,
                sync_private=not args.no_private_fields,
                sync_history=not args.no_history,
                trusted_cert=trusted,
            )
            break
        except CertificateUntrusted as exc:
            wanted = args.trust_certificate
            if wanted and exc.pem and _fingerprint_key(wanted) == _fingerprint_key(exc.fingerprint):
                trusted = exc.pem
                continue
            raise AccountRefused(
                f"the server's certificate is not trusted (SHA-256 {exc.fingerprint}); if it "
                f"is your server's, add the account with --trust-certificate {exc.fingerprint}"
            ) from exc
        except DavError as exc:
            sentence = error_sentence(exc.code, detail=exc.detail, status=exc.status)
            raise AccountRefused(f"{args.url}: {sentence}; nothing was stored") from exc
    else:
        raise AccountRefused("the certificate changed while connecting; nothing was stored")
    if password_storage() == "file":
        print(
            f"{PROG}: warning: no system keyring; the password is kept in {password_file()} "
            "(readable only by you)",
            file=sys.stderr,
        )
    print(f"account {account.name} added: address book {account.addressbook_url}")
    return 0


def _account_list(args: argparse.Namespace) -> int:
    from app.sync.accounts import accounts
    from app.sync.service import last_result

    rows = []
    for a in accounts():
        last = last_result(a) or {}
        rows.append(
            {
                "name": a.name,
                "url": a.url,
                "user": a.username,
                "addressbook": a.addressbook_url,
                "private_fields": a.sync_private,
                "history": a.sync_history,
                "last_sync": a.last_sync_at.isoformat() if a.last_sync_at else None,
                "last_ok": a.last_ok_at.isoformat() if a.last_ok_at else None,
                "last_error": _stored_error(last),
            }
        )
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("no accounts (add one with 'allies account add URL --user USER')")
    for row in rows:
        state = f"last synced {row['last_sync']}" if row["last_sync"] else "never synced"
        if row["last_error"]:
            state += f" ({row['last_error']})"
        print(f"{row['name']}  {row['user']} @ {row['url']}  {row['addressbook']}  {state}")
    return 0


def _stored_error(last: dict[str, Any]) -> str | None:
    return error_sentence(
        last.get("error"),
        detail=last.get("error_detail", ""),
        status=last.get("status"),
        fingerprint=last.get("fingerprint", ""),
    )


# --- sync ------------------------------------------------------------------------------


def sync_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--confirm-deletes",
        action="store_true",
        help="go on although most cards or contacts were deleted on one side",
    )
    p.add_argument("name", nargs="?", metavar="NAME", help="only this account")


def run_sync(args: argparse.Namespace) -> int:
    from app.sync.service import sync_all

    results = sync_all(args.name, allow_emptied=args.confirm_deletes)
    accounts = []
    for r in results:
        data = r.as_json()
        data["error"] = error_sentence(
            r.error, detail=r.error_detail, status=r.status, fingerprint=r.fingerprint
        )
        accounts.append(data)
    if args.json:
        print(json.dumps({"accounts": accounts}, ensure_ascii=False, indent=2))
    else:
        if not accounts:
            print("no accounts (add one with 'allies account add URL --user USER')")
        for data in accounts:
            if data["error"]:
                print(f"{data['name']}: error: {data['error']}")
                continue
            print(
                f"{data['name']}: pulled {data['pulled']}, pushed {data['pushed']}, "
                f"archived here {data['deleted_here']}, deleted there {data['deleted_there']}, "
                f"conflicts {len(data['conflicts'])}"
            )
            for c in data["conflicts"]:
                print(
                    f"  conflict: {c['object']} {c.get('contact_id')} {c['field']}: kept "
                    f"{json.dumps(c['kept'], ensure_ascii=False)}, other "
                    f"{json.dumps(c['other'], ensure_ascii=False)}"
                )
    return 1 if any(r.error for r in results) else 0

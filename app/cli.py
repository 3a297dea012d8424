"""The command line of SPEC §5: the same domain services as the desktop app, no display needed.

Contract with the desktop entry point (``ui/entry.py``):

- :func:`parse_args` turns ``argv`` into a namespace. ``args.command`` is None for the
  desktop start ``allies [--tray] [--self-check] [FILE...]`` (``args.files``, ``args.tray``,
  ``args.self_check``). The first token that is not an option decides: a command name
  selects that command, anything else is a file (``allies contacts`` lists contacts,
  ``allies contacts.vcf`` opens the app and imports the file). ``--db PATH`` (default:
  ``ALLIES_DB``, then the user data directory) is accepted before the command and after it.
- :data:`GUI_COMMANDS` are parsed here but run by the desktop part (``screenshot``:
  ``args.view``, ``args.size`` as ``(width, height)``, ``args.out``).
- :func:`run` runs every other command; :func:`main` parses and runs (``python -m app.cli``).

Exit status: 0 done; 1 the command was understood but refused (unknown or ambiguous
name, invalid e-mail or phone, a file that is not an Allies database, ``demo`` on a
database that holds contacts, a write on a read-only database, a database that stayed
busy, a failed COMMIT such as a full disk); 2 a usage error (unknown option or command,
missing argument, a bad date or number, an unknown level, circle or kind). Every error
is one line ``allies: error: ...`` on stderr, never a traceback; a command's writes are
one transaction, validated before it writes, so a refused command writes nothing, and
what it prints is printed only after its COMMIT succeeded.

JSON output (stable; dates ISO 8601, a birthday without year ``--MM-DD``):

- ``contacts --json``: a list of ``{id, name, organization, department, title, emails,
  phones, birthday, notes, level, circle, roles, tags, last_contact, cadence_days,
  balance, relationships}``; ``cadence_days`` is the effective interval (the level's
  default when the contact has none, 0 = never remind); ``relationships`` is a list of
  ``{type, contact_id, name}`` read "this contact -type-> other" (its own links, plus the
  symmetric ``colleague``, ``knows`` and ``friend`` links others hold to it).
- ``due --json``: a list of ``{id, name, last_contact, cadence_days, overdue_days,
  balance}``, most overdue first; snoozed contacts are left out.
- ``import --json``: ``{created, updated, unchanged, skipped, files, problems,
  merge_candidates}``; ``skipped`` lists the cards not imported as ``{file, card, line,
  reason}`` (plus ``code`` and ``severity``), ``problems`` every problem found, ``files``
  per file ``{file, kind, cards, new, updated, unchanged, skipped, groups, error}``. With
  ``--dry-run`` the counts say what would happen. Exit 1 when a file could not be read at
  all (nothing from it is committed; the other files are).
- ``insights --json``: a list of ``{code, severity, message, contact_ids}``.

Adding a subcommand: write ``_<name>_arguments(parser)`` that adds its arguments and a
handler ``_run_<name>(args) -> int`` (the database is open; raise :class:`UsageError` or an
:class:`~app.errors.AlliesError` to refuse), then add ``Command("<name>", "one-line help",
_<name>_arguments, _run_<name>, transaction)`` to :data:`COMMANDS`. ``transaction`` says
how it writes (:class:`Transaction`): ``WRITE`` runs the handler in one ``BEGIN
IMMEDIATE`` transaction and prints its output only after COMMIT; ``READ`` takes no
transaction and no write lock; ``LEAN_READ`` (``due``) is a read that runs without Peewee
on a plain connection when the database needs nothing done to it (see
:func:`app.db_file.connect_for_reading`): its handler is also given the ``execute`` to read
through; ``OWN`` commands (import, demo, sync) read and parse first and then write in their
own short transaction, printing after it. Every write waits for other processes' writes
(the busy timeout); a read-only database refuses every write command (except
``--dry-run``) with one line and exit status 1.

Start-up time (SPEC §7: ``allies --help`` ≤ 0.15 s, ``allies due --json`` ≤ 0.25 s as a
whole process): this module imports no database layer at the top, handlers import what
they use, and the parser builds only the chosen command's arguments.
``tests/app/test_cli_imports.py`` lists what each command may not import.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import enum
import io
import json
import os
import re
import sys
import textwrap
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

from app.capture import cli as capture
from app.db_file import Execute, connect_for_reading, resolve_db_path
from app.enums import Circle, ExchangeKind, InteractionKind, Level, RelationshipType
from app.errors import AlliesError, DatabaseReadOnly, UsageError
from app.sync import cli as sync_cli

PROG = "allies"
EXIT_REFUSED = 1
EXIT_USAGE = 2

SCREENSHOT_VIEWS = ("contacts", "timeline", "network", "insights")


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, given the terminal width as :func:`shutil.get_terminal_size`
    finds it, so that argparse need not import :mod:`shutil` (and with it bz2, lzma and
    zlib: a few ms of every start, as argparse makes a formatter for every argument)."""

    def __init__(self, prog: str) -> None:
        try:
            columns = int(os.environ["COLUMNS"])
        except (KeyError, ValueError):
            columns = 0
        if columns <= 0:
            try:
                columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
            except (AttributeError, ValueError, OSError):
                columns = 0
        super().__init__(prog, width=(columns or 80) - 2)


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose errors are one line, raised instead of printed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


# ``handler(args)``; a LEAN_READ handler is also given the ``execute`` it reads through.
Handler = Callable[..., int]


class Transaction(enum.Enum):
    """How a command writes: see the module docstring."""

    WRITE = "write"
    READ = "read"
    LEAN_READ = "lean read"
    OWN = "own"


class Command:
    """One subcommand: its arguments, its handler (None: run by the desktop part) and how
    it writes. (A plain class: :mod:`dataclasses` imports :mod:`inspect`, several ms of
    every start.)"""

    __slots__ = ("name", "help", "arguments", "handler", "transaction")

    def __init__(
        self,
        name: str,
        help: str,
        arguments: Callable[[argparse.ArgumentParser], None],
        handler: Handler | None,
        transaction: Transaction = Transaction.WRITE,
    ) -> None:
        self.name = name
        self.help = help
        self.arguments = arguments
        self.handler = handler
        self.transaction = transaction

    def writes(self, args: argparse.Namespace) -> bool:
        if self.transaction in (Transaction.READ, Transaction.LEAN_READ):
            return False
        return not (self.transaction is Transaction.OWN and getattr(args, "dry_run", False))


# --- argument types --------------------------------------------------------------------


def _iso_date(text: str) -> dt.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise argparse.ArgumentTypeError(f"invalid date {text!r} (expected YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"invalid date {text!r} ({exc})") from exc


def _int_range(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from exc
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is not between {low} and {high}")
        return value

    return parse


def _size(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d{2,5})x(\d{2,5})", text)
    if not m:
        raise argparse.ArgumentTypeError(f"invalid size {text!r} (expected WIDTHxHEIGHT)")
    return int(m.group(1)), int(m.group(2))


def _values(enum: Iterable[Any]) -> list[str]:
    return [member.value for member in enum]


# --- add -------------------------------------------------------------------------------


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", metavar="NAME", help="the contact's full name")
    p.add_argument("--org", default="", metavar="ORG", help="organisation")
    p.add_argument("--title", default="", metavar="T", help="job title")
    p.add_argument(
        "--level",
        choices=_values(Level),
        default=Level.PEER.value,
        metavar="L",
        help="relative to you: %(choices)s (default %(default)s)",
    )
    p.add_argument(
        "--circle",
        choices=_values(Circle),
        default=Circle.OTHER.value,
        metavar="C",
        help="how you met: %(choices)s (default %(default)s)",
    )
    p.add_argument(
        "--cadence",
        type=_int_range(0, 3650),
        metavar="DAYS",
        help="keep-in-touch interval in days (0: never remind)",
    )
    p.add_argument("--email", action="append", default=[], metavar="E")
    p.add_argument("--phone", action="append", default=[], metavar="P")
    p.add_argument("--tag", action="append", default=[], metavar="T")


def _run_add(args: argparse.Namespace) -> int:
    from app.contacts import ContactInput, Labeled, create_contact

    data = ContactInput(
        formatted_name=args.name,
        organization=args.org.strip(),
        title=args.title.strip(),
        level=args.level,
        circle=args.circle,
        cadence_days=args.cadence,
        emails=[Labeled(e) for e in args.email],
        phones=[Labeled(p) for p in args.phone],
        tags=args.tag,
    )
    contact_id, _ = create_contact(data)
    print(f"added {data.formatted_name.strip()} (id {contact_id})")
    return 0


# --- log -------------------------------------------------------------------------------

# What a gave/received text is about, by word stems (English and German), most specific
# first; anything else is "help".
_EXCHANGE_KIND_WORDS: list[tuple[ExchangeKind, str]] = [
    (
        ExchangeKind.INTRODUCTION,
        r"introduc|intro\b|vorgestellt|vorstell|bekannt ?gemacht|vermittl|vermittel|connected",
    ),
    (ExchangeKind.RECOMMENDATION, r"recommend|referr|referenz|empfehl|empfohl"),
    (ExchangeKind.GIFT, r"gift|present\b|geschenk|schenk|blumen|flowers"),
    (ExchangeKind.FAVOUR, r"favou?r|gefallen|eingesprungen|einspringen|vertret"),
    (
        ExchangeKind.ADVICE,
        r"advice|advis|rat\b|ratschl|tipp|tips?\b|feedback|beratung|beraten|coaching",
    ),
    (
        ExchangeKind.INFORMATION,
        r"info|news|neuigkeit|hinweis|insider|gerücht|rumou?r|heads-up|bescheid",
    ),
    (ExchangeKind.HELP, r"help|hilf|half|geholfen|unterstütz|support"),
]


def exchange_kind_of(text: str) -> str:
    """The exchange kind a free text talks about; 'help' when it names none."""
    lowered = text.casefold()
    for kind, stems in _EXCHANGE_KIND_WORDS:
        if re.search(rf"\b(?:{stems})", lowered):
            return kind.value
    return ExchangeKind.HELP.value


def _log_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--with",
        dest="with_",
        action="append",
        required=True,
        metavar="NAME",
        help="a participant: contact id or case-insensitive full name (repeatable)",
    )
    p.add_argument(
        "--kind",
        choices=_values(InteractionKind),
        default=InteractionKind.OTHER.value,
        metavar="KIND",
        help="%(choices)s (default %(default)s)",
    )
    p.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD", help="default: today")
    p.add_argument(
        "--gave",
        action="append",
        default=[],
        metavar="TEXT",
        help="what you gave in it (its kind is read from the words)",
    )
    p.add_argument(
        "--received", action="append", default=[], metavar="TEXT", help="what you received in it"
    )
    p.add_argument("summary", metavar="SUMMARY")


def _run_log(args: argparse.Namespace) -> int:
    from app.contacts import find_contact
    from app.timeline import ExchangeInput, InteractionInput, log_interaction

    if not args.summary.strip():
        raise UsageError("the summary is empty")
    contacts = [find_contact(name) for name in args.with_]
    exchanges = [
        ExchangeInput(direction=direction, description=text, kind=exchange_kind_of(text))
        for direction, texts in (("gave", args.gave), ("received", args.received))
        for text in texts
    ]
    if any(not ex.description.strip() for ex in exchanges):
        raise UsageError("--gave and --received need a text")
    data = InteractionInput(
        participant_ids=[c.id for c in contacts],
        kind=args.kind,
        occurred_on=args.date or dt.date.today(),
        summary=args.summary,
        exchanges=exchanges,
    )
    interaction_id, _ = log_interaction(data)
    names = ", ".join(dict.fromkeys(c.formatted_name for c in contacts))
    print(
        f"logged {data.kind} on {data.occurred_on.isoformat()} with {names} "
        f"(interaction {interaction_id})"
    )
    return 0


# --- due -------------------------------------------------------------------------------


def _json_and_today_arguments(p: argparse.ArgumentParser) -> None:
    """``--json`` and ``--today``: the arguments of ``due`` and ``insights``."""
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--today",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="the day to compute for (default: today)",
    )


def _run_due(args: argparse.Namespace, execute: Execute | None = None) -> int:
    from app.due import due_contacts

    today = args.today or dt.date.today()
    entries = due_contacts(today, include_snoozed=False, execute=execute)
    if args.json:
        _print_json_list(
            [
                {
                    "id": e.id,
                    "name": e.name,
                    "last_contact": _iso(e.last_contact),
                    "cadence_days": e.cadence_days,
                    "overdue_days": e.overdue_days,
                    "balance": e.balance,
                }
                for e in entries
            ]
        )
        return 0
    if not entries:
        print("No relationship is due.")
        return 0
    rows = [
        [e.name, _iso(e.last_contact) or "never", _overdue_text(e.overdue_days), f"{e.balance:+d}"]
        for e in entries
    ]
    _print_table(["NAME", "LAST CONTACT", "OVERDUE", "BALANCE"], rows, right={3})
    return 0


def _overdue_text(days: int) -> str:
    if days == 0:
        return "due today"
    return f"{days} day{'s' if days != 1 else ''} overdue"


# --- contacts --------------------------------------------------------------------------

_SYMMETRIC = (RelationshipType.COLLEAGUE, RelationshipType.KNOWS, RelationshipType.FRIEND)
_CHUNK = 500


def _contacts_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "query",
        nargs="?",
        default="",
        metavar="QUERY",
        help="search names, organisation, e-mail, tags and notes (prefixes)",
    )


def _run_contacts(args: argparse.Namespace) -> int:
    from app.contacts import ContactFilter, query_contact_ids

    ids = query_contact_ids(ContactFilter(text=args.query))
    if args.json:
        _print_json_list(contact_records(ids))
        return 0
    records = list(contact_records(ids))
    if not records:
        print("No contact matches." if args.query.strip() else "No contacts yet.")
        return 0
    rows = [
        [str(r["id"]), r["name"], r["organization"], r["level"], r["last_contact"] or "never"]
        for r in records
    ]
    _print_table(["ID", "NAME", "ORGANIZATION", "LEVEL", "LAST CONTACT"], rows, right={0})
    return 0


def contact_records(contact_ids: Sequence[int]) -> Iterator[dict[str, Any]]:
    """The ``contacts --json`` objects of these contacts, in this order, fetched in bulk
    (a handful of queries per 500 contacts, whatever their lists hold) and yielded chunk
    by chunk, so 100,000 contacts never sit in memory at once."""
    from app import settings
    from app.models import database

    defaults = settings.default_cadences()
    symmetric = ",".join(f"'{t.value}'" for t in _SYMMETRIC)
    for start in range(0, len(contact_ids), _CHUNK):
        chunk = list(contact_ids[start : start + _CHUNK])
        records: dict[int, dict[str, Any]] = {}
        marks = ",".join("?" * len(chunk))
        for (
            cid,
            name,
            org,
            dept,
            title,
            birthday,
            notes,
            level,
            circle,
            roles,
            cadence,
            last,
            balance,
        ) in database.execute_sql(
            "SELECT id, formatted_name, organization, department, title, birthday, notes, "
            "level, circle, roles, cadence_days, last_contact, balance FROM contact "
            f"WHERE id IN ({marks})",
            chunk,
        ):
            records[cid] = {
                "id": cid,
                "name": name,
                "organization": org,
                "department": dept,
                "title": title,
                "emails": [],
                "phones": [],
                "birthday": birthday,
                "notes": notes,
                "level": level,
                "circle": circle,
                "roles": [r for r in roles.split(",") if r],
                "tags": [],
                "last_contact": last,
                "cadence_days": cadence
                if cadence is not None
                else defaults.get(level, defaults["external"]),
                "balance": balance,
                "relationships": [],
            }
        for key, sql in (
            (
                "emails",
                "SELECT contact_id, address FROM email_address "
                f"WHERE contact_id IN ({marks}) ORDER BY contact_id, position, id",
            ),
            (
                "phones",
                "SELECT contact_id, number FROM phone_number "
                f"WHERE contact_id IN ({marks}) ORDER BY contact_id, position, id",
            ),
            (
                "tags",
                "SELECT ct.contact_id, t.name FROM contact_tag ct JOIN tag t "
                f"ON t.id = ct.tag_id WHERE ct.contact_id IN ({marks}) "
                "ORDER BY ct.contact_id, t.name COLLATE NOCASE",
            ),
        ):
            for cid, value in database.execute_sql(sql, chunk):
                records[cid][key].append(value)
        seen: set[tuple[int, str, int]] = set()
        for cid, type_, other_id, other_name in database.execute_sql(
            "SELECT r.source_id, r.type, r.target_id, c.formatted_name FROM relationship r "
            f"JOIN contact c ON c.id = r.target_id WHERE r.source_id IN ({marks}) "
            "UNION ALL SELECT r.target_id, r.type, r.source_id, c.formatted_name "
            f"FROM relationship r JOIN contact c ON c.id = r.source_id "
            f"WHERE r.target_id IN ({marks}) AND r.type IN ({symmetric}) "
            "ORDER BY 1, 2, 4 COLLATE NOCASE, 3",
            chunk + chunk,
        ):
            if (cid, type_, other_id) not in seen:
                seen.add((cid, type_, other_id))
                records[cid]["relationships"].append(
                    {"type": type_, "contact_id": other_id, "name": other_name}
                )
        yield from (records[cid] for cid in chunk if cid in records)


# --- demo ------------------------------------------------------------------------------


def _demo_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--contacts",
        type=_demo_size,
        metavar="N",
        help="how many contacts (default: the demo's standard network of 150)",
    )


def _demo_size(text: str) -> int:
    """A demo size within the generator's bounds (imported only when ``demo`` is parsed)."""
    from app.demo import MAX_CONTACTS

    return _int_range(1, MAX_CONTACTS)(text)


def _run_demo(args: argparse.Namespace) -> int:
    from app.demo import DEFAULT_CONTACTS, create_demo

    def progress(message: str) -> None:
        print(f"{PROG}: {message}", file=sys.stderr, flush=True)

    summary = create_demo(args.contacts or DEFAULT_CONTACTS, progress=progress)
    print(
        f"demo network for {summary.user_name} ({summary.user_organization}): "
        f"{summary.contacts} contacts, {summary.interactions} interactions, "
        f"{summary.exchanges} exchanges, {summary.relationships} relationships, "
        f"{summary.goals} goals; {summary.due} due today"
    )
    return 0


# --- import / export -------------------------------------------------------------------


def _import_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dry-run", action="store_true", help="read and match, write nothing")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="vCard or CSV files")


def _run_import(args: argparse.Namespace) -> int:
    from app.interchange.importer import commit_import, plan_dict, plan_import

    # The text output names no merge candidates: they are looked for only for --json.
    plan = plan_import(args.files, candidates=args.json)
    if args.dry_run:
        data = plan_dict(plan)
    else:
        data = commit_import(plan).as_dict()
    for failed in plan.failed_files:
        assert failed.failed is not None
        reason = failed.failed.reason.rstrip(".")
        _error(f"{failed.file}: {reason}; nothing from it was imported")
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        verb = "would import" if args.dry_run else "imported"
        for item in data["files"]:  # type: ignore[union-attr]
            if not item["error"]:
                print(
                    f"{item['file']}: {item['cards']} cards, {item['new']} new, "
                    f"{item['updated']} updated, {item['unchanged']} unchanged, "
                    f"{item['skipped']} skipped"
                )
        for problem in plan.problems:
            if problem.card is not None:
                where = f"{problem.file}:{problem.line or '?'}: card {problem.card}"
                print(f"  {where}: {problem.reason}")
        print(f"{verb}: {data['created']} new, {data['updated']} updated")
    return EXIT_REFUSED if plan.failed_files else 0


EXPORT_FORMATS = ("vcard", "csv", "ics")


def _export_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    p.add_argument("-o", "--output", type=Path, metavar="OUT", help="file (default: stdout)")
    p.add_argument("--tag", help="only the contacts with this tag")


def _run_export(args: argparse.Namespace) -> int:
    from app.db import use_scratch_copy
    from app.interchange.csv_writer import export_csv
    from app.interchange.ics_writer import export_ics
    from app.interchange.vcard_writer import export_vcard
    from app.models import database
    from app.private_files import create_private_text

    writer = {"vcard": export_vcard, "csv": export_csv, "ics": export_ics}[args.format]
    if database.read_only:
        use_scratch_copy()  # the UIDs an export stores cannot go into a read-only file
    if args.output is None:
        writer(sys.stdout, tag=args.tag)
        return 0
    part = args.output.with_name(args.output.name + ".part")
    try:
        with create_private_text(part) as out:  # 0600: an export holds the whole network
            count = writer(out, tag=args.tag)
        os.replace(part, args.output)
    finally:
        part.unlink(missing_ok=True)
    what = "events" if args.format == "ics" else "contacts"
    print(f"{PROG}: exported {count} {what} to {args.output}", file=sys.stderr)
    return 0


# --- insights --------------------------------------------------------------------------


def _run_insights(args: argparse.Namespace) -> int:
    from app.insights import findings

    found = findings(args.today or dt.date.today())
    if args.json:
        _print_json_list(f.as_json() for f in found)
        return 0
    if not found:
        print("Nothing to do: your network looks healthy.")
    for finding in found:
        print(f"{finding.severity:8} {finding.message}")
    return 0


# --- timeline --------------------------------------------------------------------------


def _timeline_arguments(p: argparse.ArgumentParser) -> None:
    from app import timeline_cli

    timeline_cli.arguments(p, _iso_date)


def _run_timeline(args: argparse.Namespace) -> int:
    from app import timeline_cli

    return timeline_cli.run(args, _print_json_list)


# --- screenshot (run by the desktop part) -----------------------------------------------


def _screenshot_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--view", choices=SCREENSHOT_VIEWS, default="contacts")
    p.add_argument(
        "--size",
        type=_size,
        default=(1280, 800),
        metavar="WxH",
        help="window size (default 1280x800)",
    )
    p.add_argument("--language", choices=("en", "de"), help="interface language (default: set)")
    p.add_argument("--theme", choices=("light", "dark"), help="palette (default: the system's)")
    p.add_argument("out", metavar="OUT.png", type=Path)


COMMANDS: list[Command] = [
    Command("add", "create a contact", _add_arguments, _run_add),
    Command(
        "contacts",
        "list or search contacts",
        _contacts_arguments,
        _run_contacts,
        Transaction.READ,
    ),
    Command("log", "log an interaction (and what was given or received)", _log_arguments, _run_log),
    Command(
        "due",
        "neglected relationships, most overdue first",
        _json_and_today_arguments,
        _run_due,
        Transaction.LEAN_READ,
    ),
    Command(
        "import", "import vCard / CSV files", _import_arguments, _run_import, Transaction.OWN
    ),
    Command(
        "export",
        "export contacts (vCard, CSV) or dates (iCalendar)",
        _export_arguments,
        _run_export,
        Transaction.READ,  # stores missing UIDs in a short transaction of its own
    ),
    Command(
        "timeline",
        "interactions, newest first",
        _timeline_arguments,
        _run_timeline,
        Transaction.READ,
    ),
    Command(
        "insights",
        "findings about the network",
        _json_and_today_arguments,
        _run_insights,
        Transaction.READ,
    ),
    Command(
        "demo",
        "fill an empty database with a realistic demo network",
        _demo_arguments,
        _run_demo,
        Transaction.OWN,
    ),
    Command("screenshot", "save a picture of a view (desktop part)", _screenshot_arguments, None),
    Command(
        "account",
        "add, list or remove a sync account",
        sync_cli.account_arguments,
        sync_cli.run_account,
        transaction=Transaction.OWN,
    ),
    Command(
        "sync",
        "two-way sync with every (or one) account",
        sync_cli.sync_arguments,
        sync_cli.run_sync,
        transaction=Transaction.OWN,
    ),
    *(Command(*spec, transaction=Transaction.OWN) for spec in capture.COMMANDS),
]

GUI_COMMANDS = {c.name for c in COMMANDS if c.handler is None}


# --- parsing ---------------------------------------------------------------------------


def _global_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        metavar="PATH",
        help="the database file (default: $ALLIES_DB, else the user data directory)",
    )
    p.add_argument("--tray", action="store_true", help="start in the system tray")
    p.add_argument(
        "--self-check", action="store_true", help="verify the installation without a display"
    )


def _command_parser(chosen: str | None) -> _Parser:
    """The parser of ``allies [--db PATH] COMMAND ...``; only the ``chosen`` command's
    arguments are built (none for ``allies --help``, which lists the commands' names and
    one-line help, all it needs)."""
    parser = _Parser(
        prog=PROG,
        allow_abbrev=False,
        usage=f"{PROG} [--db PATH] [--tray] [--self-check] [FILE ...]\n"
        f"       {PROG} [--db PATH] COMMAND [ARGS ...]",
        description="Allies: a private relationship manager for professional networking. "
        "Without a command it starts the desktop app (importing the FILEs given).",
    )
    _global_options(parser)
    parser.set_defaults(files=[])
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS:
        sub = commands.add_parser(command.name, help=command.help, allow_abbrev=False)
        if command.name == chosen:
            sub.add_argument(
                "--db", metavar="PATH", default=argparse.SUPPRESS, help="the database file"
            )
            command.arguments(sub)
    return parser


def _files_parser() -> _Parser:
    parser = _Parser(prog=PROG, allow_abbrev=False)
    _global_options(parser)
    parser.add_argument("files", nargs="*", metavar="FILE", type=Path)
    parser.set_defaults(command=None)
    return parser


def _first_word(argv: Sequence[str]) -> tuple[str | None, bool]:
    """The first token that is not an option, and whether it may be a command name."""
    i = 0
    while i < len(argv):
        token = argv[i]
        if token == "--":
            return (argv[i + 1] if i + 1 < len(argv) else None), False
        if token == "--db":
            i += 2
        elif token.startswith("-") and token != "-":
            i += 1
        else:
            return token, True
    return None, True


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    word, may_be_command = _first_word(argv)
    names = [c.name for c in COMMANDS]
    if word is None or (may_be_command and word in names):
        return _command_parser(word).parse_args(argv)
    if may_be_command and not re.search(r"[./\\]", word) and not os.path.exists(word):
        raise UsageError(
            f"unknown command {word!r} (choose from {', '.join(names)}; "
            "a file to import needs a path or an extension)"
        )
    return _files_parser().parse_intermixed_args(argv)


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The namespace of this command line; a usage error prints one line and exits 2."""
    try:
        return _parse(argv)
    except UsageError as exc:
        _error(str(exc))
        raise SystemExit(EXIT_USAGE) from None


# --- running ---------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    """Run a non-desktop command as its :class:`Transaction` says; errors become one line
    on stderr, and a write command's output is printed only once its COMMIT succeeded."""
    command = next((c for c in COMMANDS if c.name == args.command), None)
    if command is None or command.handler is None:
        what = f"'{args.command}'" if args.command else "starting Allies without a command"
        _error(f"{what} needs the desktop part of Allies (PySide6); run the 'allies' program")
        return EXIT_USAGE
    writes = command.writes(args)
    try:
        if command.transaction is Transaction.LEAN_READ:
            connection = connect_for_reading(resolve_db_path(args.db))
            if connection is not None:
                with contextlib.closing(connection):
                    return command.handler(args, connection.execute)
        from app.db import close_database, open_database, write_transaction
        from app.models import database

        open_database(resolve_db_path(args.db))
        try:
            if writes and database.read_only:
                raise DatabaseReadOnly(str(resolve_db_path(args.db)))
            if command.transaction is not Transaction.WRITE:
                return command.handler(args)
            output = io.StringIO()
            with write_transaction(), contextlib.redirect_stdout(output):
                status = command.handler(args)
            sys.stdout.write(output.getvalue())  # only now is it true
            return status
        finally:
            close_database()
    except UsageError as exc:
        _error(str(exc))
        return EXIT_USAGE
    except AlliesError as exc:
        _error(str(exc))
        return EXIT_REFUSED
    except BrokenPipeError:
        raise  # the reader went away: main() handles it quietly
    except (OSError, *_database_errors()) as exc:
        tail = "; nothing was written" if writes else ""
        _error(f"database {resolve_db_path(args.db)}: {exc}{tail}")
        return EXIT_REFUSED
    except KeyboardInterrupt:
        _error("interrupted; nothing was written" if writes else "interrupted")
        return 130


def _database_errors() -> tuple[type[Exception], ...]:
    """The database errors that can have been raised: those of the modules loaded (a
    command that never touched the database loaded neither)."""
    errors: list[type[Exception]] = []
    if "sqlite3" in sys.modules:
        errors.append(sys.modules["sqlite3"].Error)
    if "peewee" in sys.modules:
        errors.append(sys.modules["peewee"].DatabaseError)
    return tuple(errors)


def main(argv: list[str] | None = None) -> int:
    """Parse and run (``python -m app.cli``)."""
    try:
        args = parse_args(sys.argv[1:] if argv is None else list(argv))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    return execute(args)


def execute(args: argparse.Namespace) -> int:
    """:func:`run`, quiet when the reader of our output goes away (``allies … | head``)."""
    try:
        return run(args)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


# --- output helpers --------------------------------------------------------------------


def _error(message: str) -> None:
    print(f"{PROG}: error: {' '.join(message.split())}", file=sys.stderr)


def _iso(value: dt.date | str | None) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _print_json_list(items: Iterable[object]) -> None:
    """``json.dumps(list(items), indent=2)``, written item by item."""
    out = sys.stdout
    separator = "[\n"
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=2)
        out.write(separator + textwrap.indent(text, "  "))
        separator = ",\n"
    out.write("[]\n" if separator == "[\n" else "\n]\n")


def _print_table(headers: list[str], rows: list[list[str]], right: set[int]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        parts = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ]
        return "  ".join(parts).rstrip()

    out = [line(headers)] + [line(r) for r in rows]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    sys.exit(main())

"""History sync benchmark (issue 15): the demo's two years of history through CalDAV, and a
large calendar, beside vdirsyncer syncing the same calendar to a vdir. Radicale on loopback.

Figures:

1. the demo network (150 contacts, about 1,600 interactions over two years): first sync of
   installation A (uploads contacts and history; the contacts alone timed in a twin
   database so the history's share shows), first sync of an empty installation B (downloads
   it all), a sync with nothing changed, and an incremental sync (10 interactions edited
   and 10 logged on A, then A and B sync); vdirsyncer uploads the same events from a vdir
   and downloads the calendar to an empty vdir, and syncs again with nothing changed;
2. ``--big N`` (default 100,000) interactions: the state another device leaves after
   uploading them is built once and kept (``--seed-dir``, default the temporary folder):
   the events written straight into Radicale's storage (N PUTs would take an hour: each
   PUT is the server's own ≈ 35 ms, see TECH-NOTES) and Radicale's item cache built by a
   first listing (≈ 20 ms an object, half an hour for 100,000: the server's one-off cost,
   not counted). Each run copies that folder, starts Radicale on it and measures the
   first sync of an installation that has the contacts but no history (downloads N
   events), one with nothing changed, 10 edits here pushed, and 10 edits a phone made
   pulled, each beside vdirsyncer syncing the same calendar with a vdir.

Run: ``.venv/bin/python tests/benchmarks/bench_history_sync.py [--big N] [--no-big]``;
``--seed-only`` builds the big seed and stops (start it early: it takes long).
Not collected by pytest; never fails on a time. Figures vary by ±20 % on a busy 2-core
machine: compare the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.db import close_database, open_database  # noqa: E402
from app.demo import create_demo  # noqa: E402
from app.models import Interaction, database  # noqa: E402
from app.sync import accounts  # noqa: E402
from app.sync.dav import certificate_fingerprint  # noqa: E402
from app.sync.history_adapter import HistoryAdapter  # noqa: E402
from app.sync.service import sync_all  # noqa: E402
from app.sync.state import SyncCollection  # noqa: E402
from app.timeline import InteractionInput, log_interaction, update_interaction  # noqa: E402
from tests.benchmarks.bench_sync import (  # noqa: E402
    STARTED,
    run_vdirsyncer,
    start_radicale_again,
)
from tests.helpers.dav_servers import DavServer, start_radicale, start_xandikos  # noqa: E402

KINDS = ("interaction", "exchange", "follow-up", "goal")


def calendar_vdirsyncer(
    folder: Path, url: str, user: str, password: str, certificate: str = ""
) -> tuple[Path, Path]:
    vdir = folder / "vdir"
    vdir.mkdir(parents=True, exist_ok=True)
    config = folder / "config"
    config.write_text(
        f'[general]\nstatus_path = "{folder / "status"}/"\n\n'
        '[pair bench]\na = "bench_local"\nb = "bench_remote"\ncollections = null\n'
        'conflict_resolution = "a wins"\n\n'
        f'[storage bench_local]\ntype = "filesystem"\npath = "{vdir}/"\nfileext = ".ics"\n\n'
        f'[storage bench_remote]\ntype = "caldav"\nurl = "{url}"\n'
        f'username = "{user}"\npassword = "{password}"\n'
        + (
            f'verify_fingerprint = "{certificate_fingerprint(certificate)}"\n'
            if certificate
            else ""
        )
    )
    run_vdirsyncer(config, "discover", "bench")
    return config, vdir


@dataclass(frozen=True)
class Figure:
    """One timed sync: wall seconds, the client's CPU seconds (all its threads), and the
    server's CPU seconds meanwhile (what the client's requests cost the server)."""

    wall: float
    cpu: float
    server: float

    def __sub__(self, other: Figure) -> Figure:
        return Figure(self.wall - other.wall, self.cpu - other.cpu, self.server - other.server)


def server_cpu(server: DavServer) -> float:
    """CPU seconds the server process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{server.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed_sync(db: Path, server: DavServer) -> tuple[Figure, dict]:
    open_database(db)
    try:
        before = server_cpu(server)
        cpu = time.process_time()
        start = time.perf_counter()
        [result] = sync_all()
        elapsed = time.perf_counter() - start
        figure = Figure(elapsed, time.process_time() - cpu, server_cpu(server) - before)
    finally:
        close_database()
    assert result.error is None, (result.as_json(), result.error_detail)
    return figure, result.as_json()


def vdirsyncer_sync(config: Path, server: DavServer) -> Figure:
    before = server_cpu(server)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    elapsed = run_vdirsyncer(config, "sync")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    return Figure(elapsed, cpu, server_cpu(server) - before)


def add_account(db: Path, server: DavServer, user: str, password: str, history: bool) -> None:
    open_database(db)
    accounts.add_account(
        server.url, user, password, sync_history=history, trusted_cert=server.certificate
    )
    close_database()


def calendar_of(db: Path, server: DavServer) -> str:
    open_database(db)
    url = SyncCollection.get(SyncCollection.kind == "interaction").url
    close_database()
    return server.url + urlsplit(url).path


def history_texts(db: Path) -> list[tuple[str, str]]:
    """(uid, iCalendar text) of every history object of a database, as Allies writes it."""
    open_database(db)
    found = []
    for kind in KINDS:
        adapter = HistoryAdapter(kind)
        for obj in adapter.local_objects().values():
            found.append((obj.uid, adapter.serialize(obj.uid, obj.fields, None)))
    close_database()
    return found


def line(what: str, ours: Figure | float, theirs: Figure | None = None) -> None:
    """One figure, with vdirsyncer's beside it: wall (client CPU + server CPU) seconds."""
    if not isinstance(ours, Figure):
        print(f"{what:<62} {ours:8.2f} s", flush=True)
        return
    text = f"{what:<62} Allies {ours.wall:7.2f} s ({ours.cpu:6.2f} + {ours.server:6.2f})"
    if theirs is not None:
        text += (
            f"   vdirsyncer {theirs.wall:7.2f} s ({theirs.cpu:6.2f} + {theirs.server:6.2f})"
            f"   ratio wall {ours.wall / theirs.wall:4.2f}"
            f" cpu {(ours.cpu + ours.server) / max(theirs.cpu + theirs.server, 1e-9):4.2f}"
        )
    print(text + f"   load {os.getloadavg()[0]:.1f}", flush=True)


def bench_demo(server: DavServer, folder: Path, upload_reference: bool = True) -> None:
    user, password = server.new_user()
    server.addressbook(user)
    a = folder / "a.sqlite3"
    open_database(a)
    create_demo(150)
    counts = {
        "interactions": Interaction.select().count(),
        "contacts": database.execute_sql("SELECT COUNT(*) FROM contact").fetchone()[0],
    }
    close_database()
    twin = folder / "twin.sqlite3"
    shutil.copy(a, twin)
    print(f"demo network: {counts}", flush=True)

    other, other_password = server.new_user()
    server.addressbook(other)
    add_account(twin, server, other, other_password, history=False)
    contacts_only, _ = timed_sync(twin, server)
    line("first sync A, contacts only (twin database)", contacts_only)

    add_account(a, server, user, password, history=True)
    first, result = timed_sync(a, server)
    history_objects = result["pushed"] - counts["contacts"]
    calendar = calendar_of(a, server)

    theirs_up = None
    if upload_reference:  # vdirsyncer uploads the same events into the twin's calendar
        open_database(twin)
        from app.sync.history_adapter import ensure_calendar
        from app.sync.state import SyncAccount

        with accounts.client_for(SyncAccount.get()) as client:
            twin_calendar = server.url + urlsplit(ensure_calendar(SyncAccount.get(), client)).path
        close_database()
        config, vdir = calendar_vdirsyncer(folder / "vs-up", twin_calendar, other, other_password)
        for uid, text in history_texts(a):
            (vdir / f"{uid}.ics").write_text(text, encoding="utf-8")
        theirs_up = vdirsyncer_sync(config, server)
    line(f"first sync A, upload {history_objects} history objects (+contacts)", first, theirs_up)
    line("  of which the history (minus the contacts-only twin)", first - contacts_only)

    b = folder / "b.sqlite3"
    add_account(b, server, user, password, history=True)
    down, result = timed_sync(b, server)
    config, vdir = calendar_vdirsyncer(folder / "vs-down", calendar, user, password)
    theirs_down = vdirsyncer_sync(config, server)
    line(f"first sync B, download {result['pulled']} objects (contacts+history)", down, theirs_down)

    same, result = timed_sync(a, server)
    assert result["pushed"] == result["pulled"] == 0, result
    theirs_same = vdirsyncer_sync(config, server)
    line("sync with nothing changed (A)", same, theirs_same)

    open_database(a)
    rng = random.Random(15)
    ids = [i.id for i in Interaction.select(Interaction.id)]
    contacts = [r[0] for r in database.execute_sql("SELECT id FROM contact LIMIT 20")]
    for iid in rng.sample(ids, 10):
        update_interaction(iid, notes="edited for the benchmark")
    for n in range(10):
        log_interaction(InteractionInput([rng.choice(contacts)], kind="call", summary=f"new {n}"))
    close_database()
    inc_a, result_a = timed_sync(a, server)
    inc_b, result_b = timed_sync(b, server)
    theirs_inc = vdirsyncer_sync(config, server)
    line(f"incremental: A pushes {result_a['pushed']}", inc_a)
    line(f"incremental: B pulls {result_b['pulled']}", inc_b, theirs_inc)


def big_database(folder: Path, n: int) -> Path:
    """The demo's contacts with ``n`` interactions (bulk SQL, uids by the insert trigger)."""
    db = folder / "big.sqlite3"
    db.unlink(missing_ok=True)
    open_database(db)
    create_demo(150)
    rng = random.Random(1)
    contacts = [r[0] for r in database.execute_sql("SELECT id FROM contact")]
    database.execute_sql("DELETE FROM exchange")
    database.execute_sql("DELETE FROM interaction")
    con = database.connection()
    start_day = time.time() - 730 * 86400
    with database.atomic():
        for i in range(n):
            day = time.strftime("%Y-%m-%d", time.localtime(start_day + rng.random() * 730 * 86400))
            cur = con.execute(
                "INSERT INTO interaction (occurred_on, kind, summary, notes, created_at) "
                "VALUES (?, ?, ?, '', ?)",
                (day, rng.choice(["lunch", "call", "coffee", "meeting"]), f"Talk {i}", day),
            )
            con.execute(
                "INSERT INTO participant (interaction_id, contact_id) VALUES (?, ?)",
                (cur.lastrowid, rng.choice(contacts)),
            )
    from app.derived import refresh_derived

    refresh_derived()
    close_database()
    return db


SEED_VERSION = 1  # bump when the seeded objects must be rebuilt


def seed_folder(root: Path, n: int, kind: str = "radicale") -> Path:
    suffix = "" if kind == "radicale" else f"-{kind}"
    return root / f"allies-bench-history-seed-{n}-v{SEED_VERSION}{suffix}"


def _start(kind: str, folder: Path) -> DavServer:
    server = start_radicale(folder) if kind == "radicale" else start_xandikos(folder)
    STARTED.append(server)
    return server


def _seed_radicale(server: DavServer, user: str, texts: list[tuple[str, str]]) -> DavServer:
    """The objects written into Radicale's folder, its item cache built by a first listing."""
    storage = server.folder / "collections" / "collection-root" / user / "allies"
    storage.mkdir(parents=True)
    (storage / ".Radicale.props").write_text(
        json.dumps(
            {
                "C:supported-calendar-component-set": "VEVENT,VTODO",
                "D:displayname": "Allies",
                "tag": "VCALENDAR",
            }
        )
    )
    for uid, text in texts:
        (storage / f"{uid}.ics").write_text(text, encoding="utf-8")
    restarted = start_radicale_again(server)
    restarted.users = server.users
    server.stop()
    return restarted


def _seed_xandikos(server: DavServer, user: str, texts: list[tuple[str, str]]) -> DavServer:
    """The calendar made by MKCALENDAR, the objects written into its git tree and
    committed (Xandikos serves what the repository's last commit holds)."""
    session = server.session(user)
    response = session.request(
        "MKCALENDAR",
        f"{server.url}/{user}/calendars/allies/",
        data='<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" '
        'xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>'
        "<D:displayname>Allies</D:displayname></D:prop></D:set></C:mkcalendar>",
        headers={"Content-Type": "application/xml; charset=utf-8"},
    )
    assert response.status_code == 201, response.text
    server.stop()
    storage = server.folder / "data" / user / "calendars" / "allies"
    for uid, text in texts:
        (storage / f"{uid}.ics").write_bytes(text.encode("utf-8"))
    git = ["git", "-C", str(storage), "-c", "user.name=bench", "-c", "user.email=bench@localhost"]
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "seed"], check=True)
    restarted = _start("xandikos", server.folder)
    restarted.users = dict(server.users)
    restarted.new_user()  # writes the users file again (and one unused user)
    return restarted


def build_seed(seed: Path, n: int, kind: str = "radicale") -> None:
    """The state another device leaves after uploading ``n`` interactions: the server's
    folder with the calendar (Radicale's item cache already built) and the database that
    wrote it. Built once (N PUTs would take about an hour, Radicale's first listing of
    100,000 objects another half hour) and kept in ``seed`` for later runs."""
    work = seed.with_name(seed.name + ".building")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    server = _start(kind, work / "server")
    try:
        user, password = server.new_user()
        server.addressbook(user)
        t = time.perf_counter()
        big = big_database(work, n)
        print(f"seed: built {n} interactions in {time.perf_counter() - t:.1f} s", flush=True)
        # the contacts go up the normal way (history off); the history into storage
        add_account(big, server, user, password, history=False)
        timed_sync(big, server)
        t = time.perf_counter()
        texts = history_texts(big)
        line(f"seed: serialise {len(texts)} objects (read + iCalendar)", time.perf_counter() - t)
        t = time.perf_counter()
        seeding = _seed_radicale if kind == "radicale" else _seed_xandikos
        server = seeding(server, user, texts)
        line(f"seed: {len(texts)} objects written into {kind}'s storage", time.perf_counter() - t)
        # A first listing: Radicale parses every item into its cache here (kept on disk).
        t = time.perf_counter()
        calendar = f"{server.url}/{user}/allies/"
        if kind == "xandikos":
            calendar = f"{server.url}/{user}/calendars/allies/"
        session = server.session(user)
        session.request("PROPFIND", calendar, headers={"Depth": "1"}, timeout=14400)
        line(f"seed: {kind}'s first listing of {len(texts)} objects", time.perf_counter() - t)
        t = time.perf_counter()
        session.request(
            "REPORT",
            calendar,
            data='<?xml version="1.0"?><D:sync-collection xmlns:D="DAV:"><D:sync-token/>'
            "<D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>",
            headers={"Depth": "1", "Content-Type": "application/xml"},
            timeout=14400,
        )
        line(f"seed: {kind}'s first sync-collection report", time.perf_counter() - t)
    finally:
        server.stop()
    (work / "meta.json").write_text(
        json.dumps({"n": n, "user": user, "password": password, "objects": len(texts)})
    )
    shutil.rmtree(work / "server" / "restart-probe", ignore_errors=True)
    work.rename(seed)


def start_seeded(seed: Path, folder: Path, kind: str = "radicale") -> tuple[DavServer, str, str]:
    """A server on a copy of the seed's folder (the seed stays as it was)."""
    meta = json.loads((seed / "meta.json").read_text())
    target = folder / f"{kind}-big"
    target.mkdir(parents=True)
    # (the first Radicale seeds kept the server's folder as "radicale")
    source = seed / "server" if (seed / "server").exists() else seed / "radicale"
    for name in ("collections", "data"):
        if (source / name).exists():
            subprocess.run(["cp", "-a", str(source / name), str(target / name)], check=True)
    server = _start(kind, target)
    server.users = {meta["user"]: meta["password"]}
    server.new_user()  # writes the users file (and one unused user)
    return server, meta["user"], meta["password"]


def fresh_copy(seed: Path, folder: Path) -> Path:
    """The seed's database without history and sync state: an installation that has the
    contacts and syncs the history for the first time."""
    fresh = folder / "fresh.sqlite3"
    shutil.copy(seed / "big.sqlite3", fresh)
    con = sqlite3.connect(fresh)
    for table in ("sync_item", "sync_collection", "sync_conflict", "sync_account"):
        con.execute(f"DELETE FROM {table}")
    for table in ("exchange", "interaction", "follow_up", "goal"):
        con.execute(f"DELETE FROM {table}")
    con.commit()
    con.close()
    return fresh


def edit_in_vdir(vdir: Path, count: int) -> None:
    """A calendar app renames ``count`` events (what the phone does in the sync tests)."""
    done = 0
    for path in sorted(vdir.glob("*.ics")):
        text = path.read_text(encoding="utf-8")
        if "X-ALLIES-OBJECT:interaction" not in text or done == count:
            continue
        path.write_text(text.replace("SUMMARY:", "SUMMARY:Phone ", 1), encoding="utf-8")
        done += 1


def bench_big(folder: Path, n: int, seed_root: Path, kind: str) -> None:
    seed = seed_folder(seed_root, n, kind)
    if not (seed / "meta.json").exists():
        t = time.perf_counter()
        build_seed(seed, n, kind)
        line(f"seed built and kept in {seed}", time.perf_counter() - t)
    else:
        print(f"seed: {seed} (built before; --seed-dir elsewhere or delete it to rebuild)")
    print(f"--- {n} interactions on {kind} ---", flush=True)
    server, user, password = start_seeded(seed, folder, kind)
    fresh = fresh_copy(seed, folder)
    add_account(fresh, server, user, password, history=True)
    first, result = timed_sync(fresh, server)
    calendar = calendar_of(fresh, server)
    config, vdir = calendar_vdirsyncer(
        folder / f"vs-big-{kind}", calendar, user, password, server.certificate
    )
    theirs = vdirsyncer_sync(config, server)
    line(
        f"first sync, download {result['pulled']} objects (pushed {result['pushed']})",
        first,
        theirs,
    )
    same, result = timed_sync(fresh, server)
    assert result["pushed"] == result["pulled"] == 0, result
    theirs_same = vdirsyncer_sync(config, server)
    line(f"sync with nothing changed ({n} objects)", same, theirs_same)
    open_database(fresh)
    for iid in [i.id for i in Interaction.select(Interaction.id).limit(10)]:
        update_interaction(iid, notes="edited")
    close_database()
    inc, result = timed_sync(fresh, server)
    theirs_in = vdirsyncer_sync(config, server)
    line(
        f"incremental: 10 edited here, pushed {result['pushed']} (vdirsyncer pulls)", inc, theirs_in
    )
    edit_in_vdir(vdir, 10)
    theirs_out = vdirsyncer_sync(config, server)
    inc, result = timed_sync(fresh, server)
    line(
        f"incremental: 10 edited on the phone, pulled {result['pulled']} (vdirsyncer pushes)",
        inc,
        theirs_out,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--big", type=int, default=100_000, help="interactions of the big run")
    parser.add_argument("--no-big", action="store_true", help="only the demo network")
    parser.add_argument("--no-demo", action="store_true", help="only the big run")
    parser.add_argument(
        "--seed-dir",
        type=Path,
        default=Path(tempfile.gettempdir()),
        help="where the big run's server state is built once and kept (default: %(default)s)",
    )
    parser.add_argument(
        "--seed-only", action="store_true", help="build the big run's seed, measure nothing"
    )
    parser.add_argument(
        "--server",
        choices=["radicale", "xandikos", "both"],
        default="both",
        help="the big run's server(s) (default: %(default)s)",
    )
    parser.add_argument(
        "--no-upload-reference", action="store_true", help="skip vdirsyncer's upload (slow)"
    )
    args = parser.parse_args()
    print(f"load average {os.getloadavg()}", flush=True)
    kinds = ["radicale", "xandikos"] if args.server == "both" else [args.server]
    if args.seed_only:
        for kind in kinds:
            seed = seed_folder(args.seed_dir, args.big, kind)
            if not (seed / "meta.json").exists():
                build_seed(seed, args.big, kind)
            print(f"seed ready: {seed}")
        return
    folder = Path(tempfile.mkdtemp(prefix="bench-history-"))
    try:
        if not args.no_demo:
            server = start_radicale(folder / "radicale")
            STARTED.append(server)
            bench_demo(server, folder, not args.no_upload_reference)
        if not args.no_big:
            for kind in kinds:
                bench_big(folder, args.big, args.seed_dir, kind)
                for server in STARTED:
                    server.stop()
    finally:
        for server in STARTED:
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
        print(f"load average {os.getloadavg()}", flush=True)


if __name__ == "__main__":
    main()

"""CardDAV sync benchmark (SPEC §7): Allies beside vdirsyncer on the same Radicale.

Three figures, each with vdirsyncer (the reference) timed on the same server in the same
run:

1. first sync that uploads N contacts (default 1,000: CardDAV has no batch upload, each
   card is one PUT and the server's own cost dominates, TECH-NOTES), in alternating
   rounds of N/4 so that both meet the same load of a shared machine;
2. first sync that downloads M cards (default 10,000) into an empty database / vdir;
3. a sync with nothing changed over those M cards.

The M cards are written straight into Radicale's storage folder (10,000 PUTs would take
most of an hour), then the server is restarted so it reads them. Allies' cards are what
Allies writes (its vCard 3.0); vdirsyncer uploads the same cards from a vdir.

Run: ``.venv/bin/python tests/benchmarks/bench_sync.py [--upload N] [--download M]``.
Not collected by pytest; it never fails on a time. Figures vary by ±20 % on a busy
2-core machine: compare the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.db import close_database, open_database  # noqa: E402
from app.demo import create_demo  # noqa: E402
from app.sync import accounts  # noqa: E402
from app.sync.contacts_adapter import ContactsAdapter  # noqa: E402
from app.sync.service import sync_all  # noqa: E402
from tests.helpers.dav_servers import VENV_BIN, DavServer, start_radicale, tool  # noqa: E402

STARTED: list[DavServer] = []  # servers to stop at the end, whatever happens


def vdirsyncer(folder: Path, url: str, user: str, password: str) -> tuple[Path, Path]:
    """A vdirsyncer config pairing a vdir with the address book; returns (config, vdir)."""
    vdir = folder / "vdir"
    vdir.mkdir(parents=True, exist_ok=True)
    config = folder / "config"
    config.write_text(
        f'[general]\nstatus_path = "{folder / "status"}/"\n\n'
        '[pair bench]\na = "bench_local"\nb = "bench_remote"\ncollections = null\n'
        'conflict_resolution = "a wins"\n\n'
        f'[storage bench_local]\ntype = "filesystem"\npath = "{vdir}/"\nfileext = ".vcf"\n\n'
        f'[storage bench_remote]\ntype = "carddav"\nurl = "{url}"\n'
        f'username = "{user}"\npassword = "{password}"\n'
    )
    run_vdirsyncer(config, "discover", "bench")
    return config, vdir


def run_vdirsyncer(config: Path, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [*tool("vdirsyncer"), "-c", str(config), *args],
        check=True,
        capture_output=True,
        input="y\n" * 5,
        text=True,
    )
    return time.perf_counter() - start


def allies_sync(db: Path) -> tuple[float, dict]:
    open_database(db)
    start = time.perf_counter()
    [result] = sync_all()
    elapsed = time.perf_counter() - start
    close_database()
    assert result.error is None, (result.error, result.error_detail)
    return elapsed, result.as_json()


def demo_cards(n: int, folder: Path) -> list[tuple[str, str]]:
    """(uid, card) of n demo contacts, as Allies writes them."""
    db = Path(tempfile.mkstemp(suffix=".sqlite3", dir=folder)[1])
    db.unlink()
    open_database(db)
    create_demo(n)
    adapter = ContactsAdapter()
    objects = adapter.local_objects()
    missing = [o.id for o in objects.values() if not o.uid]
    uids = adapter.ensure_uids(missing)
    cards = []
    for obj in objects.values():
        uid = obj.uid or uids[obj.id]
        cards.append((uid, adapter.serialize(uid, obj.fields, None)))
    close_database()
    return cards


def add_account(db: Path, server: DavServer, user: str, password: str) -> None:
    open_database(db)
    accounts.add_account(server.url, user, password)
    close_database()


def bench_upload(server: DavServer, folder: Path, n: int, rounds: int) -> tuple[float, float]:
    """Allies and vdirsyncer each upload n cards, in ``rounds`` alternating rounds (the
    load of a shared machine changes by the minute: alternating spreads it fairly)."""
    per_round = max(1, n // rounds)
    ours_total = theirs_total = 0.0
    for r in range(rounds):
        for who in ("allies", "vdirsyncer") if r % 2 == 0 else ("vdirsyncer", "allies"):
            user, password = server.new_user()
            book = server.addressbook(user)
            if who == "allies":
                db = folder / f"upload-{r}.sqlite3"
                open_database(db)
                create_demo(per_round)
                close_database()
                add_account(db, server, user, password)
                elapsed, result = allies_sync(db)
                assert result["pushed"] == per_round, result
                ours_total += elapsed
            else:
                config, vdir = vdirsyncer(folder / f"vdir-upload-{r}", book, user, password)
                for uid, card in demo_cards(per_round, folder):
                    (vdir / f"{uid.rsplit(':', 1)[-1]}.vcf").write_text(card, encoding="utf-8")
                theirs_total += run_vdirsyncer(config, "sync")
    return ours_total, theirs_total


def bench_download(server: DavServer, folder: Path, m: int) -> tuple[DavServer, list[float]]:
    user, password = server.new_user()
    book = server.addressbook(user)
    storage = server.folder / "collections" / "collection-root" / user / "contacts"
    for uid, card in demo_cards(m, folder):
        name = uid.rsplit(":", 1)[-1] + ".vcf"
        (storage / name).write_text(card, encoding="utf-8")
    # Restart so Radicale lists what appeared in its folder.
    server.stop()
    restarted = start_radicale_again(server)
    restarted.users = server.users
    # Radicale reads and indexes the new files on the first request: not a client's cost.
    warm = restarted.session(user)
    warm.request("PROPFIND", book_path(restarted, book), headers={"Depth": "1"}, timeout=1800)
    db = folder / "download.sqlite3"
    add_account(db, restarted, user, password)
    ours_first, result = allies_sync(db)
    assert result["pulled"] == m, result
    ours_again, again = allies_sync(db)
    assert again["pulled"] == again["pushed"] == 0, again
    book = book_path(restarted, book)
    config, vdir = vdirsyncer(folder / "vdir-download", book, user, password)
    theirs_first = run_vdirsyncer(config, "sync")
    assert len(list(vdir.glob("*.vcf"))) == m
    theirs_again = run_vdirsyncer(config, "sync")
    return restarted, [ours_first, theirs_first, ours_again, theirs_again]


def book_path(server: DavServer, book: str) -> str:
    return server.url + urlsplit(book).path


def start_radicale_again(server: DavServer) -> DavServer:
    """The same storage and users on a new port (Radicale reads its folder at start)."""
    config = server.folder / "config"
    text = config.read_text()
    old_port = server.url.rsplit(":", 1)[-1]
    fresh = start_radicale(server.folder / "restart-probe")
    port = fresh.url.rsplit(":", 1)[-1]
    fresh.stop()
    shutil.rmtree(server.folder / "restart-probe", ignore_errors=True)
    config.write_text(text.replace(f"127.0.0.1:{old_port}", f"127.0.0.1:{port}"))
    log = server.folder / "server.log"
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [str(VENV_BIN / "python"), "-m", "radicale", "--config", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=out,
        )
    from tests.helpers.dav_servers import _wait_for_port

    restarted = DavServer(
        "radicale", f"http://127.0.0.1:{port}", server.folder, proc, server.htpasswd
    )
    STARTED.append(restarted)  # stopped at the end, whatever happens
    _wait_for_port(int(port), proc, log)
    return restarted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upload", type=int, default=1000)
    parser.add_argument("--download", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=4, help="alternating upload rounds")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    server = start_radicale(folder / "radicale")
    STARTED.append(server)
    try:
        up_ours, up_theirs = bench_upload(server, folder, args.upload, args.rounds)
        print(
            f"first sync, upload {args.upload:>6}: Allies {up_ours:7.1f} s   "
            f"vdirsyncer {up_theirs:7.1f} s   ratio {up_ours / up_theirs:.2f}",
            flush=True,
        )
        server, (d_ours, d_theirs, n_ours, n_theirs) = bench_download(server, folder, args.download)
        print(
            f"first sync, download {args.download:>6}: Allies {d_ours:7.1f} s   "
            f"vdirsyncer {d_theirs:7.1f} s   ratio {d_ours / d_theirs:.2f}"
        )
        print(
            f"no-change sync of {args.download:>6}: Allies {n_ours:7.2f} s   "
            f"vdirsyncer {n_theirs:7.2f} s   ratio {n_ours / n_theirs:.2f}"
        )
    finally:
        for started in STARTED:
            started.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

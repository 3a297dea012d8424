"""vCard import benchmark (SPEC §7): our parse + match + commit vs vobject's parse alone.

Generates a realistic 10,000-card vCard 3.0 file as iPhones and Macs export them (about
20 lines a card: grouped e-mails and URLs with ``X-ABLabel``, phones, addresses, birthdays
with and without year, notes with escaped commas, social profiles, folded lines, a small
photo on one card in twenty; vobject reads it at about the 1,700 cards/s of TECH-NOTES),
then times
``vobject.readComponents`` over it and our ``plan_import`` + ``commit_import`` into a fresh
database, and prints both figures and the ratio. The goal is a ratio of at least 3.

With ``--process`` it compares whole processes instead (SPEC §7, wave 2): ``allies import``
of the file into a fresh database (``python -m ui.entry``, start-up and imports included)
beside a process that only starts Python, imports vobject and parses the file.

Large files are parsed on two cores (``app.interchange.parse_worker``) and, on the command
line, a forked child builds the rows of new contacts during the commit
(``app.interchange.commit_worker``); ``--serial`` turns both off in our process, to compare
on the same code (with ``--process`` the figures then include the serial import too).

Run: ``.venv/bin/python tests/benchmarks/bench_import.py [--cards N] [--repeat N] [--process]
[--serial]``:
the two alternate, each run of ours into a new database with the importer's caches emptied,
and the medians and the range of the ratios are printed (this machine's noise is about
±10 %). Not collected by pytest; it never fails on a time.
"""

from __future__ import annotations

import argparse
import base64
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

FIRST = (
    "Anna Jörg Sören Maria Lukas Zoë Jan Fatma Mehmet Chloé Pierre Olga Ivan Sven Ingrid Kai "
    "Lea Noah Emma Paul Björn Åsa Rafael Lucía Marco Giulia Tomasz Zofia Amir Leila Hannah "
    "Felix Greta Otto Ida Theo Mila Ben Clara Jonas Elias Finn Luis Leon Mia Sophia Lina Ella "
    "Marie Emilia Leni Frieda Mattis Henri Anton Karl Jakob Moritz Oskar Paulina Johanna "
    "Charlotte Amelie Luisa Nele Carla Malte Hugo Vincent Emil Alexander Maximilian Julian "
    "Niklas Tim Tobias Simon Fabian Dominik Florian Sebastian Christian Stefan Thomas Andreas "
    "Michael Markus Martin Daniel Sabine Petra Claudia Andrea Susanne Nicole Katrin Birgit "
    "Monika Heike Kerstin Silke Tanja Anja Sandra Melanie Julia Lisa Laura Sarah Lena Katharina "
    "Aylin Elif Zeynep Emre Can Deniz Yusuf Ali Omar Nadia Samira Karim Hiroshi Yuki Wei Li "
    "Chen Priya Arjun Ravi Ana João Inês Pedro Sofía Mateo Valentina Diego Camila Nikolai Irina"
).split()
LAST = (
    "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter "
    "Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt "
    "Werner Krause Meier Lehmann Köhler Herrmann König Walter Peters Möller Kaiser Fuchs Scholz "
    "Lang Weiß Jung Hahn Vogel Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz "
    "Baumann Franke Albrecht Schuster Simon Ludwig Böhm Winter Kraus Martin Schumacher Krämer "
    "Vogt Stein Jäger Otto Sommer Groß Seidel Heinrich Brandt Haas Schreiber Graf Schulte "
    "Dietrich Ziegler Kuhn Kühn Pohl Engel Horn Busch Bergmann Thomas Voigt Sauer Arnold Wolff "
    "Pfeiffer Yılmaz Kaya Demir Şahin Çelik Nowak Kowalski Wiśniewski Dubois Martin Bernard "
    "Rossi Russo Ferrari Esposito García Fernández González Rodríguez López Silva Santos "
    "Ferreira Pereira Costa Oliveira Nguyen Tran Wang Zhang Liu Kim Park Lee Tanaka Suzuki "
    "Sato Patel Shah Kumar Singh Ivanov Petrov Smirnov Andersson Johansson Nilsson Hansen "
    "Jensen Nielsen Jansen de Vries van Dijk Bakker Visser Smit Meijer O'Brien Murphy Kelly"
).split()
ORGS = [
    "ACME GmbH", "Initech AG", "Globex SE", "Umbrella, Inc.", "Stark Industries",
    "Müller & Söhne KG", "Wayne Enterprises", "Hooli", "Vandelay Industries", "Cyberdyne",
]  # fmt: skip
DEPTS = ["Vertrieb", "Einkauf", "IT", "Forschung; Entwicklung", "Personal", "Recht"]
TITLES = ["Teamleiterin", "Senior Engineer", "CFO", "Einkäufer", "Head of Sales", "Werkstudent"]
CITIES = [("Berlin", "10115"), ("München", "80331"), ("Köln", "50667"), ("Hamburg", "20095")]
TAGS = ["Kunde", "Lieferant", "Alumni", "Verein", "Konferenz 2024", "VIP"]


def fold(line: str) -> str:
    out, size, current = [], 0, []
    limit = 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            out.append("".join(current))
            current, size, limit = [], 0, 74
        current.append(ch)
        size += width
    out.append("".join(current))
    return "\r\n ".join(out)


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def make_file(cards: int, seed: int = 42) -> str:
    """Cards as iPhone, macOS and iCloud export them (vCard 3.0, about 20 lines each)."""
    rng = random.Random(seed)
    photo = base64.b64encode(b"\xff\xd8\xff\xe0" + rng.randbytes(3000) + b"\xff\xd9").decode()
    parts = []
    for i in range(cards):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        org = rng.choice(ORGS)
        uid = f"{rng.getrandbits(128):032X}"
        uid = f"{uid[:8]}-{uid[8:12]}-{uid[12:16]}-{uid[16:20]}-{uid[20:]}"
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "PRODID:-//Apple Inc.//iPhone OS 17.4//EN",
            f"N:{escape(last)};{escape(first)};;;",
            f"FN:{escape(first)} {escape(last)}",
            f"ORG:{escape(org)};{escape(rng.choice(DEPTS))}",
            f"TITLE:{escape(rng.choice(TITLES))}",
        ]
        mail = f"{first}.{last}.{i}".lower().encode("ascii", "ignore").decode().replace(" ", "")
        lines.append(f"item1.EMAIL;type=INTERNET;type=pref:{mail}@example.com")
        lines.append("item1.X-ABLabel:_$!<Work>!$_")
        if rng.random() < 0.3:
            lines.append(f"EMAIL;type=INTERNET;type=HOME:{mail}@mail.example.org")
        lines.append(
            f"TEL;type=CELL;type=VOICE;type=pref:+49 1{rng.randint(50, 79)} "
            f"{1000000 + i * 7919 % 9000000}"
        )
        if rng.random() < 0.3:
            lines.append(f"TEL;type=WORK;type=VOICE:030 {rng.randint(100000, 999999)}-{i % 100}")
        if rng.random() < 0.6:
            city, code = rng.choice(CITIES)
            street = f"{rng.choice(LAST)}straße {rng.randint(1, 200)}"
            lines.append(
                f"item2.ADR;type=WORK;type=pref:;;{escape(street)};{city};;{code};Deutschland"
            )
            lines.append("item2.X-ABADR:de")
        if rng.random() < 0.4:
            year = rng.choice(["1970", "1985", "1992", "1604"])
            extra = ";X-APPLE-OMIT-YEAR=1604" if year == "1604" else ""
            lines.append(
                f"BDAY;value=date{extra}:{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            )
        if rng.random() < 0.3:
            note = (
                f"Met at the {rng.choice(TAGS)} meetup, Berlin; talked about hiring, "
                f"budgets and the next conference.\nFollow up in {rng.randint(1, 12)} weeks."
            )
            lines.append(f"NOTE:{escape(note)}")
        if rng.random() < 0.5:
            lines.append(f"item3.URL;type=pref:https://www.example.com/people/{i}")
            lines.append("item3.X-ABLabel:_$!<HomePage>!$_")
        if rng.random() < 0.3:
            slug = mail.replace(".", "-")
            lines.append(
                f"X-SOCIALPROFILE;type=linkedin;x-user={slug}:https://www.linkedin.com/in/{slug}"
            )
        if rng.random() < 0.1:
            lines.append(f"IMPP;X-SERVICE-TYPE=Skype;type=HOME;type=pref:skype:{mail}")
        if rng.random() < 0.3:
            tags = rng.sample(TAGS, rng.randint(1, 3))
            lines.append("CATEGORIES:" + ",".join(escape(t) for t in tags))
        if i % 20 == 0:
            lines.append(f"PHOTO;ENCODING=b;TYPE=JPEG:{photo}")
        lines.append(f"X-ABUID:{uid}\\:ABPerson")
        lines.append(f"UID:{uid}")
        lines.append(f"REV:2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T12:00:00Z")
        lines.append("END:VCARD")
        parts.append("".join(fold(line) + "\r\n" for line in lines))
    return "".join(parts)


def time_vobject(text: str) -> tuple[float, float]:
    """(wall, CPU) seconds of vobject reading every card."""
    import vobject

    wall, cpu = time.perf_counter(), time.process_time()
    count = sum(1 for _ in vobject.readComponents(text))
    assert count > 0
    return time.perf_counter() - wall, time.process_time() - cpu


def time_allies(path: Path, workdir: Path) -> tuple[float, float, int, float]:
    """(wall, CPU, contacts created, wall of the commit alone) of our import."""
    from app.db import close_database, open_database
    from app.interchange import commit_import, plan_import

    open_database(workdir / "bench.sqlite3")
    wall, cpu = time.perf_counter(), time.process_time()
    plan = plan_import([path], region="DE")
    planned = time.perf_counter()
    result = commit_import(plan)
    end = time.perf_counter()
    elapsed_cpu = time.process_time() - cpu
    close_database()
    return end - wall, elapsed_cpu, result.created, end - planned


VOBJECT_ONLY = (
    "import sys, vobject\n"
    "with open(sys.argv[1], encoding='utf-8', newline='') as f:\n"
    "    n = sum(1 for _ in vobject.readComponents(f.read()))\n"
    "assert n > 0\n"
)


def time_process(command: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of a child process (CPU: user + system, from its rusage)."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=_child_env())
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"{command[:3]} failed with status {status}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def _child_env() -> dict[str, str]:
    root = str(Path(__file__).resolve().parents[2])
    return {**os.environ, "PYTHONPATH": root}


SERIAL = (
    "import sys\n"
    "from app.interchange import importer\n"
    "importer.PARALLEL_PARSE = False\n"
    "from ui.entry import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def compare_processes(n: int, repeat: int, serial: bool = False) -> None:
    """``allies import`` as a whole process beside a process that parses with vobject."""
    ours_runs: list[tuple[float, float]] = []
    theirs_runs: list[tuple[float, float]] = []
    serial_runs: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        path = workdir / "bench.vcf"
        path.write_text(make_file(n), encoding="utf-8", newline="")
        print(f"file: {n} cards, {path.stat().st_size / 1e6:.1f} MB; {repeat} runs of each")
        for run in range(repeat):
            db = workdir / f"run{run}.sqlite3"
            ours = [sys.executable, "-m", "ui.entry", "--db", str(db), "import", str(path)]
            theirs = [sys.executable, "-c", VOBJECT_ONLY, str(path)]
            ours_runs.append(time_process(ours))
            theirs_runs.append(time_process(theirs))
            (tw, tc), (ow, oc) = theirs_runs[-1], ours_runs[-1]
            extra = ""
            if serial:
                db = workdir / f"serial{run}.sqlite3"
                command = [sys.executable, "-c", SERIAL, "--db", str(db), "import", str(path)]
                serial_runs.append(time_process(command))
                sw, sc = serial_runs[-1]
                extra = f", serial {sw:5.2f} s wall {sc:5.2f} s CPU -> {tw / sw:.2f}x wall"
            print(
                f"  run {run + 1}: vobject process {tw:5.2f} s wall {tc:5.2f} s CPU, "
                f"allies import process {ow:5.2f} s wall {oc:5.2f} s CPU "
                f"-> {tw / ow:.2f}x wall, {tc / oc:.2f}x CPU{extra} "
                f"[load {os.getloadavg()[0]:.1f}]"
            )
    theirs, theirs_cpu = (statistics.median(r[i] for r in theirs_runs) for i in (0, 1))
    ours, ours_cpu = (statistics.median(r[i] for r in ours_runs) for i in (0, 1))
    ratios = [t[0] / o[0] for t, o in zip(theirs_runs, ours_runs, strict=True)]
    cpu_ratios = [t[1] / o[1] for t, o in zip(theirs_runs, ours_runs, strict=True)]
    print(f"vobject parse-only process:  {theirs:6.2f} s wall {theirs_cpu:6.2f} s CPU (median)")
    print(f"allies import process:       {ours:6.2f} s wall {ours_cpu:6.2f} s CPU (median)")
    if serial_runs:
        sw, sc = (statistics.median(r[i] for r in serial_runs) for i in (0, 1))
        print(f"allies import, serial:       {sw:6.2f} s wall {sc:6.2f} s CPU (median)")
    print(
        f"ratio: {theirs / ours:.2f}x wall (runs: {min(ratios):.2f}x to {max(ratios):.2f}x), "
        f"{theirs_cpu / ours_cpu:.2f}x CPU (runs: {min(cpu_ratios):.2f}x to "
        f"{max(cpu_ratios):.2f}x; CPU includes the import's helper processes); "
        "goal: at least 3x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each, alternating (default 3)"
    )
    parser.add_argument("--process", action="store_true", help="compare whole processes")
    parser.add_argument(
        "--serial",
        action="store_true",
        help="no helper processes in our import (with --process: measured beside it)",
    )
    args = parser.parse_args()
    n = args.cards
    if args.process:
        compare_processes(n, args.repeat, args.serial)
        return
    if args.serial:
        from app.interchange import importer

        importer.PARALLEL_PARSE = False
    ours_runs: list[tuple[float, float, int, float]] = []
    theirs_runs: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        text = make_file(n)
        path = workdir / "bench.vcf"
        path.write_text(text, encoding="utf-8", newline="")
        print(f"file: {n} cards, {len(text.encode()) / 1e6:.1f} MB; {args.repeat} runs of each")
        for run in range(args.repeat):
            # Each run of ours starts from a fresh process state as far as our caches go
            # (phone numbers, names), and writes into a new database.
            _clear_caches()
            rundir = workdir / f"run{run}"
            rundir.mkdir()
            ours_runs.append(time_allies(path, rundir))
            theirs_runs.append(time_vobject(text))
            ours, theirs = ours_runs[-1], theirs_runs[-1]
            print(
                f"  run {run + 1}: vobject {theirs[0]:5.2f} s, allies {ours[0]:5.2f} s "
                f"(commit {ours[3]:4.2f} s) -> {theirs[0] / ours[0]:.2f}x"
            )
    theirs, theirs_cpu = (statistics.median(r[i] for r in theirs_runs) for i in (0, 1))
    ours, ours_cpu, commit = (statistics.median(r[i] for r in ours_runs) for i in (0, 1, 3))
    created = ours_runs[-1][2]
    ratios = [t[0] / o[0] for t, o in zip(theirs_runs, ours_runs, strict=True)]
    print("medians:")
    print(
        f"vobject parse only:         {theirs:6.2f} s wall {theirs_cpu:6.2f} s CPU ({n / theirs:6.0f} cards/s)"
    )
    print(
        f"allies parse+match+commit:  {ours:6.2f} s wall {ours_cpu:6.2f} s CPU ({n / ours:6.0f} cards/s)"
    )
    print(f"  of which the commit:      {commit:6.2f} s wall; contacts created: {created}")
    print(
        f"ratio: {theirs / ours:.1f}x wall, {theirs_cpu / ours_cpu:.1f}x CPU "
        f"(runs: {min(ratios):.2f}x to {max(ratios):.2f}x; goal: at least 3x)"
    )


def _clear_caches() -> None:
    from app.interchange import keys, vcard_reader

    for cached in (
        keys.normalized_phone,
        keys._plain_phone,
        keys.name_key,
        vcard_reader.parse_head,
    ):
        cached.cache_clear()


if __name__ == "__main__":
    main()

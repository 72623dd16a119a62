"""Benchmark: ingesting an mbox archive, messages per second and peak memory.

Budget (DESIGN.md): >= 200 messages/s, peak memory flat in the archive's size. Each size runs
in a fresh process so that its peak resident memory is its own.
Run: .venv/bin/python bench/bench_ingest.py [--sizes 10000 50000]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from zoneinfo import ZoneInfo

SENDERS = [
    "leeds.gov.uk",
    "nhs.net",
    "manchester.ac.uk",
    "bbc.co.uk",
    "dwp.gov.uk",
    "gmail.com",
    "ons.gsi.gov.uk",
    "experian.com",
    "oecd.org",
    "unknown-body.org",
]
SUBJECTS = [
    "Ethnic group question",
    "Which tenure categories?",
    "Unpaid care hours",
    "Sexual orientation in our staff survey",
    "Smoking question",
    "Census comparison",
    "Disability measure for the Equality Act",
    "Internet access at home",
]


def write_mbox(path: Path, count: int) -> None:
    rng = random.Random(1)
    with path.open("wb") as out:
        for n in range(count):
            mail = EmailMessage()
            mail["From"] = f"Person {n} <p{n}@{rng.choice(SENDERS)}>"
            mail["To"] = "harmonisation@ons.gov.uk"
            mail["Subject"] = rng.choice(SUBJECTS)
            mail["Date"] = "Mon, 07 Sep 2026 10:15:00 +0100"
            mail["Message-ID"] = f"<bench-{n}@example.org>"
            mail.set_content("Hello,\n\nCould you point me to the right standard?\n" * 3)
            out.write(b"From bench@example.org Mon Sep  7 10:15:00 2026\n")
            out.write(mail.as_bytes(policy=SMTP).replace(b"\r\n", b"\n"))
            out.write(b"\n")


def run_one(mbox: Path, database: Path) -> None:
    """In a child process: seed, ingest, print rate and peak memory as JSON."""
    from adapters.bootstrap import build_intake, build_runtime, migrate
    from adapters.email.archives import iter_paths
    from adapters.email.parse import arrivals
    from adapters.settings import load_settings
    from commplan.sample import load_sample
    from commplan.services.intake import ingest
    from commplan.services.seeding import seed

    runtime = build_runtime(load_settings({"DATABASE_URL": f"sqlite:///{database}"}))
    migrate(runtime)
    seed(runtime.uow(), load_sample(2026), at=datetime(2026, 9, 7, tzinfo=ZoneInfo("UTC")))
    intake = build_intake(runtime)  # indexes the catalogue before the clock starts
    started = time.perf_counter()
    outcomes = ingest(runtime.uow, arrivals(iter_paths([mbox])), intake)
    logged = sum(1 for o in outcomes if o.status.value == "logged")
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"logged": logged, "seconds": seconds, "peak_mb": peak_mb}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_one(Path(args.child[0]), Path(args.child[1]))
        return
    print(f"{'messages':>9} {'archive MB':>10} {'seconds':>8} {'msg/s':>7} {'peak RSS MB':>11}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            mbox = Path(folder) / "archive.mbox"
            write_mbox(mbox, size)
            result = subprocess.run(
                [sys.executable, __file__, "--child", str(mbox), str(Path(folder) / "db.sqlite")],
                capture_output=True,
                text=True,
                check=True,
            )
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            rate = figures["logged"] / figures["seconds"]
            print(
                f"{size:>9,} {mbox.stat().st_size / 1e6:>10.1f} {figures['seconds']:>8.1f} "
                f"{rate:>7.0f} {figures['peak_mb']:>11.0f}"
            )


if __name__ == "__main__":
    main()

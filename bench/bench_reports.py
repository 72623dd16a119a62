"""Benchmark: baseline and gaps reports and the dashboard's figures at 100k and 1M contacts.

Budget (DESIGN.md): baseline report < 500 ms at 100k contacts, on SQLite and PostgreSQL.
Run: .venv/bin/python bench/bench_reports.py [--sizes 100000 1000000] [--postgres URL]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, text

from commplan.baseline import Period
from commplan.plan import Plan
from commplan.services.dashboard import build_dashboard
from commplan.services.reports import baseline_report, gaps_report
from storage.engine import make_engine
from storage.migrate import upgrade
from storage.tables import ContactRow
from storage.uow import unit_of_work_factory

ORG_TYPES = [
    "Central Government Department",
    "Government Agency",
    "Local Government",
    "Higher/Further Education",
    "NHS",
    "Charity",
    "Media",
    "Other",
    "",
]
GROUPS = [
    "Other government departments",
    "Sub national organisations",
    "Academics and researchers",
    "Citizen",
    "Journalists/media",
    "",
]
PERIOD = Period(first=date(2026, 1, 1), last=date(2026, 12, 31))
BASELINE = Period(first=date(2026, 1, 1), last=date(2026, 3, 31))


def populate(url: str, contacts: int) -> None:
    engine = make_engine(url)
    upgrade(engine)
    with unit_of_work_factory(engine)() as uow:
        uow.plans.add(Plan(year=2026, title="Bench"))
        uow.commit()
    rng = random.Random(5)
    with engine.begin() as connection:
        batch = []
        for n in range(contacts):
            batch.append(
                {
                    "occurred_on": date(2025, 1, 1) + timedelta(days=rng.randrange(730)),
                    "channel": "inbox",
                    "direction": "inbound",
                    "name": "",
                    "email": "",
                    "organisation": f"Org {rng.randrange(2000)}",
                    "org_type": rng.choice(ORG_TYPES),
                    "user_group": rng.choice(GROUPS),
                    "standard": rng.choice(["", "Ethnicity", "Tenure", "Sex"]),
                    "summary": "",
                    "dedupe_key": f"bench:{n}",
                }
            )
            if len(batch) == 20_000:
                connection.execute(insert(ContactRow), batch)
                batch = []
        if batch:
            connection.execute(insert(ContactRow), batch)
    engine.dispose()


def timed(runs: int, work: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return times


def measure(label: str, url: str, size: int) -> None:
    populate(url, size)
    engine = make_engine(url)
    uow = unit_of_work_factory(engine)
    cases: list[tuple[str, Callable[[], object]]] = [
        (
            "baseline by org_type",
            lambda: baseline_report(uow(), by="org_type", period=PERIOD, baseline_period=BASELINE),
        ),
        (
            "baseline by month",
            lambda: baseline_report(uow(), by="month", period=PERIOD, baseline_period=BASELINE),
        ),
        ("gaps, 90 days", lambda: gaps_report(uow(), at=date(2026, 11, 1), days=90)),
        (
            "dashboard figures",
            lambda: build_dashboard(
                uow(),
                period=PERIOD,
                baseline_period=BASELINE,
                today=date(2026, 11, 1),
                quiet_days=90,
            ),
        ),
    ]
    for name, work in cases:
        times = timed(5, work)
        print(
            f"{label:<9} {size:>9,} {name:<22} median {statistics.median(times):8.1f} ms"
            f"   max {max(times):8.1f} ms"
        )
    engine.dispose()


@contextmanager
def postgres_schema(base: str) -> Iterator[str]:
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{base}?options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            measure("sqlite", f"sqlite:///{Path(folder) / 'bench.db'}", size)
        with postgres_schema(args.postgres) as url:
            measure("postgres", url, size)


if __name__ == "__main__":
    main()

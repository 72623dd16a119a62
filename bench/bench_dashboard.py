"""Benchmark: the dashboard page, every download and a chart, beside plain SQL, at scale.

Budget (issue 17): at 1,000,000 contacts on SQLite and PostgreSQL, the page p95 < 300 ms and
any download < 500 ms, within 3x of the anchor: one plain SQL GROUP BY over the same contacts
giving the numbers the by-type table shows (checked equal in the run). Requests go through the
real aiohttp application, signed in with a session cookie as a browser is.

Contacts are written with one bulk INSERT per 20,000 rows at the revision before the contact
counts rollup; upgrading to the head then backfills it, so the migration is timed too.
Run: .venv/bin/python bench/bench_dashboard.py [--sizes 10000 100000 1000000] [--postgres URL]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer
from seeding import add_queries, add_tactics, analyze, insert_contacts, postgres_schema
from sqlalchemy import Engine, text

from adapters.bootstrap import build_bot, build_runtime
from adapters.settings import Settings
from adapters.web.app import make_app
from adapters.web.chart_cache import draw_chart
from adapters.web.impact_section import IMPACT_TABLES
from adapters.web.sessions import COOKIE
from adapters.web.signin import SESSION_LIFETIME, sign, signing_key
from adapters.web.tables import TABLES
from commplan.organisations import Organisation, OrgType, UserGroup
from commplan.people import Person, Role
from commplan.plan import Plan
from storage.engine import make_engine
from storage.migrate import upgrade
from storage.uow import unit_of_work_factory

BEFORE_ROLLUP = "0019_champion_updates"
ADMIN = "Bench Admin"
SECRET = "bench-secret"
TACTICS = 300
DIRECTORY = 250  # organisations in the directory, of the 2,000 contacts come from
#: Inbox queries in the year, whatever the contacts: an inbox of about eight a working day.
#: The inbox figures are worked out from the queries themselves (working days, medians), so
#: they grow with the inbox, not with the contact log.
QUERIES = 2_000
ORG_TYPES = [*(t.value for t in OrgType), ""]
GROUPS = [*(g.value for g in UserGroup), ""]
STANDARDS = ["", "Ethnicity", "Tenure", "Sex", "Income", "Health", "Disability"]
FIRST, LAST = date(2026, 1, 1), date(2026, 12, 31)
FILTERS = "from=2026-01-01&to=2026-12-31&baseline_from=2026-01-01&baseline_to=2026-03-31"
ANCHOR = (
    "SELECT org_type, count(*) FROM contacts "
    "WHERE occurred_on >= :first AND occurred_on <= :last GROUP BY org_type"
)
RUNS = 20


def populate(url: str, contacts: int) -> float:
    """Seed the database; the seconds the rollup's migration took to backfill."""
    engine = make_engine(url)
    upgrade(engine, BEFORE_ROLLUP)
    rng = random.Random(17)
    with unit_of_work_factory(engine)() as uow:
        uow.plans.add(Plan(year=2026, title="Bench", objectives=("Reach users",)))
        uow.people.add(Person(name=ADMIN, role=Role.ADMIN))
        add_tactics(uow, rng, TACTICS, ADMIN)
        for n in range(DIRECTORY):
            uow.organisations.add(Organisation(name=f"Org {n * 8}", org_type=OrgType.NHS))
        add_queries(uow, rng, QUERIES)
        uow.commit()
    insert_contacts(
        engine,
        contacts,
        lambda n: {
            "occurred_on": date(2025, 1, 1) + timedelta(days=rng.randrange(730)),
            "channel": rng.choice(["inbox", "chat", "event"]),
            "direction": "inbound",
            "organisation": f"Org {rng.randrange(2000)}",
            "org_type": rng.choice(ORG_TYPES),
            "user_group": rng.choice(GROUPS),
            "standard": rng.choice(STANDARDS),
            "dedupe_key": f"bench:{n}",
        },
    )
    started = time.perf_counter()
    upgrade(engine)
    backfill = time.perf_counter() - started
    analyze(engine)
    engine.dispose()
    return backfill


def anchor(engine: Engine) -> tuple[list[float], dict[str, int]]:
    """The plain SQL the by-type table's counts equal, timed as the pages are."""
    times, found = [], {}
    with engine.connect() as connection:
        for _ in range(RUNS):
            started = time.perf_counter()
            rows = connection.execute(text(ANCHOR), {"first": FIRST, "last": LAST}).all()
            times.append((time.perf_counter() - started) * 1000)
            found = {str(k or "(none)"): int(n) for k, n in rows}
    return times, found


async def pages(url: str) -> tuple[list[tuple[str, list[float]]], dict[str, int]]:
    runtime = build_runtime(Settings(database_url=url, secret_key=SECRET))
    draw_chart.cache_clear()
    session = sign(
        signing_key(SECRET),
        person=ADMIN,
        now=runtime.clock.now(),
        lifetime=SESSION_LIFETIME,
        purpose="session",
    )
    paths = [
        ("page", f"/dashboard?{FILTERS}"),
        ("chart, the year", f"/dashboard/chart/monthly-type.svg?{FILTERS}"),
        ("chart, 200 years", "/dashboard/chart/monthly-group.svg?from=1990-01-01&to=2189-12-31"),
        *(
            (f"{name}.xlsx", f"/dashboard/download/{name}.xlsx?{FILTERS}")
            for name in (*TABLES, *IMPACT_TABLES)
        ),
    ]
    results = []
    try:
        app = make_app(runtime, build_bot(runtime))
        async with TestClient(TestServer(app), cookies={COOKIE: session}) as client:
            for name, path in paths:
                await fetch(client, path)  # loads openpyxl or matplotlib; draws the chart
                times = []
                for _ in range(RUNS):
                    started = time.perf_counter()
                    await fetch(client, path)
                    times.append((time.perf_counter() - started) * 1000)
                results.append((name, times))
            csv = await fetch(client, f"/dashboard/download/by-type.csv?{FILTERS}")
    finally:
        runtime.engine.dispose()
    shown = {}
    for line in csv.decode("utf-8-sig").splitlines()[1:]:
        group, count = line.split(",")[:2]
        if int(count):
            shown[group] = int(count)
    return results, shown


async def fetch(client: TestClient, path: str) -> bytes:  # type: ignore[type-arg]
    response = await client.get(path)
    body = await response.read()
    if response.status != 200 or not body:
        raise RuntimeError(f"{path} answered {response.status}")
    return body


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1]


def measure(label: str, url: str, size: int) -> None:
    started = time.perf_counter()
    backfill = populate(url, size)
    print(
        f"{label} {size:,}: seeded in {time.perf_counter() - started:.0f} s "
        f"(rollup migration {backfill:.1f} s)",
        flush=True,
    )
    engine = make_engine(url)
    anchor_times, expected = anchor(engine)
    engine.dispose()
    results, shown = asyncio.run(pages(url))
    same = "same numbers" if shown == expected else f"DIFFERENT: {shown} != {expected}"
    base = statistics.median(anchor_times)
    row(label, size, f"anchor: SQL GROUP BY ({same})", anchor_times, base)
    for name, times in results:
        row(label, size, name, times, base)


def row(label: str, size: int, name: str, times: list[float], base: float) -> None:
    print(
        f"| {label} | {size:,} | {name} | {statistics.median(times):.1f} | {p95(times):.1f} "
        f"| {statistics.median(times) / base:.1f}x |",
        flush=True,
    )


def main(measure_one: Callable[[str, str, int], None] = measure) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    args = parser.parse_args()
    print("| database | contacts | what | p50 ms | p95 ms | p50 / anchor |")
    print("| --- | ---: | --- | ---: | ---: | ---: |")
    for size in args.sizes:
        if args.only != "postgres":
            with tempfile.TemporaryDirectory() as folder:
                measure_one("sqlite", f"sqlite:///{Path(folder) / 'bench.db'}", size)
        if args.only != "sqlite":
            with postgres_schema(args.postgres) as url:
                measure_one("postgres", url, size)


if __name__ == "__main__":
    main()

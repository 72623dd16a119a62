"""Benchmark: reports, the dashboard's figures and its pages at 100k and 1M contacts.

Budget (DESIGN.md): digest and baseline report < 500 ms at 100k contacts and 5k tactics, on
SQLite and PostgreSQL; ``report tactics`` and the evidence pack are measured on the same data.
Pages go through the real aiohttp application, signed in with a session as a browser is:
the dashboard page, one chart and one XLSX download. Each figure is the median of five runs.
Run: .venv/bin/python bench/bench_reports.py [--sizes 100000 1000000] [--postgres URL]
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
from seeding import add_queries, add_tactics, insert_contacts, postgres_schema

from adapters.bootstrap import build_bot, build_runtime
from adapters.files.pack_docx import pack_docx
from adapters.settings import Settings
from adapters.web.app import make_app
from adapters.web.chart_cache import draw_chart
from adapters.web.sessions import COOKIE
from adapters.web.signin import SESSION_LIFETIME, sign, signing_key
from commplan.baseline import Period
from commplan.people import Person, Role
from commplan.plan import Plan
from commplan.services.dashboard import build_dashboard
from commplan.services.impact import tactics_impact
from commplan.services.pack import evidence_pack
from commplan.services.reports import baseline_report, gaps_report
from storage.engine import make_engine
from storage.migrate import upgrade
from storage.uow import unit_of_work_factory

TACTICS = 5_000
AUDIENCES = [
    "GSS",
    "Local authorities and academics",
    "Various",
    "NSH SG",
    "Devolved Administrations",
]
QUARTER = Period(first=date(2026, 7, 1), last=date(2026, 9, 30))
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
FILTERS = "from=2026-01-01&to=2026-12-31&baseline_from=2026-01-01&baseline_to=2026-03-31"
PAGES = (
    ("GET /dashboard", f"/dashboard?{FILTERS}"),
    ("GET chart SVG", f"/dashboard/chart/monthly-type.svg?{FILTERS}"),
    ("GET by-type XLSX", f"/dashboard/download/by-type.xlsx?{FILTERS}"),
)
ADMIN = "Bench Admin"
SECRET = "bench-secret"
QUERIES_PER_CONTACT = 100  # one inbox query for every hundred contacts


def populate(url: str, contacts: int) -> None:
    engine = make_engine(url)
    upgrade(engine)
    rng = random.Random(5)
    with unit_of_work_factory(engine)() as uow:
        uow.plans.add(
            Plan(year=2026, title="Bench", objectives=("Be the GSS voice", "Reach users"))
        )
        uow.people.add(Person(name=ADMIN, role=Role.ADMIN))
        add_tactics(uow, rng, TACTICS, ADMIN, audiences=AUDIENCES)
        add_queries(uow, rng, contacts // QUERIES_PER_CONTACT, organisations=True)
        uow.commit()
    insert_contacts(
        engine,
        contacts,
        lambda n: {
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
        },
    )
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
            f"report tactics ({TACTICS:,})",
            lambda: tactics_impact(uow(), today=date(2026, 11, 1), plan_year=2026),
        ),
        (
            "evidence pack (.docx)",
            lambda: pack_docx(evidence_pack(uow(), label="2026 Q3", period=QUARTER)),
        ),
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
        report(label, size, name, timed(5, work))
    engine.dispose()
    for name, first, times in asyncio.run(page_times(url)):
        report(label, size, name, times, first)


def report(
    label: str, size: int, name: str, times: list[float], first: float | None = None
) -> None:
    print(
        f"{label:<9} {size:>9,} {name:<22} median {statistics.median(times):8.1f} ms"
        f"   max {max(times):8.1f} ms" + (f"   first {first:8.1f} ms" if first else ""),
        flush=True,
    )


async def page_times(url: str, runs: int = 5) -> list[tuple[str, float, list[float]]]:
    """Each page's times in ms, through the real application, signed in as a team member.

    The first request of each is timed apart: it loads matplotlib or openpyxl, and a chart is
    drawn only then (later requests for the same figures reuse the drawing).
    """
    runtime = build_runtime(Settings(database_url=url, secret_key=SECRET))
    draw_chart.cache_clear()  # the other database's run drew the same figures
    try:
        app = make_app(runtime, build_bot(runtime))
        session = sign(
            signing_key(SECRET),
            person=ADMIN,
            now=runtime.clock.now(),
            lifetime=SESSION_LIFETIME,
            purpose="session",
        )
        results = []
        async with TestClient(TestServer(app), cookies={COOKIE: session}) as client:
            for name, path in PAGES:
                started = time.perf_counter()
                await fetch(client, path)
                first = (time.perf_counter() - started) * 1000
                times = []
                for _ in range(runs):
                    started = time.perf_counter()
                    await fetch(client, path)
                    times.append((time.perf_counter() - started) * 1000)
                results.append((name, first, times))
        return results
    finally:
        runtime.engine.dispose()


async def fetch(client: TestClient, path: str) -> None:  # type: ignore[type-arg]
    response = await client.get(path)
    body = await response.read()
    if response.status != 200 or not body:
        raise RuntimeError(f"{path} answered {response.status}")


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

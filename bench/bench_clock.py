"""Benchmark: nudge sweep over 10k tactics, digest over 100k contacts and 5k tactics.

Budgets (DESIGN.md): sweep < 1 s for 10k tactics; digest < 500 ms at 100k contacts and 5k
tactics, on SQLite and PostgreSQL. Run: .venv/bin/python bench/bench_clock.py [--postgres URL]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine, insert, text

from adapters.calendar import uk_working_days
from bot.jobs import JobDeps
from bot.jobs.nudges import sweep
from commplan.people import Group, Person
from commplan.plan import Plan
from commplan.ranking import StandardsIndex
from commplan.services.digest import digest_for
from storage.engine import make_engine
from storage.migrate import upgrade
from storage.tables import ContactRow, TacticRow
from storage.uow import unit_of_work_factory

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 9, 10, 9, 30, tzinfo=LONDON)
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
    "",
]


class Clock:
    def now(self) -> datetime:
        return NOW


class QuietMessenger:
    async def send_direct(self, person: Person, reply: object) -> str:
        return "web"

    async def send_team(self, reply: object) -> str:
        return "web"


def populate(url: str, tactics: int, contacts: int) -> None:
    engine = make_engine(url)
    upgrade(engine)
    factory = unit_of_work_factory(engine)
    rng = random.Random(7)
    with factory() as uow:
        people = [Person(name=f"Owner {i}") for i in range(200)]
        for person in people:
            uow.people.add(person)
        uow.groups.add(Group(name="Harmonisation team", members=("Owner 0", "Owner 1")))
        uow.plans.add(Plan(year=2026, title="Bench plan"))
        uow.commit()
    with engine.begin() as connection:
        plan_id = connection.execute(text("SELECT id FROM plans WHERE year = 2026")).scalar()
        rows = []
        for number in range(1, tactics + 1):
            start = date(2026, 1, 1) + timedelta(days=rng.randrange(365))
            end = start + timedelta(days=rng.choice([0, 0, 1, 29, 90]))
            rows.append(
                {
                    "plan_id": plan_id,
                    "number": number,
                    "phase": f"Q{(start.month - 1) // 3 + 1}",
                    "name": f"Tactic {number}",
                    "purpose": "",
                    "audience": "",
                    "timing": "x",
                    "due_start": start,
                    "due_end": end,
                    "owners": [f"Owner {rng.randrange(200)}", "Harmonisation team"][
                        : rng.choice([1, 2])
                    ],
                    "status": rng.choice(["planned", "ongoing", "complete"]),
                    "objectives": [1],
                    "notes": "",
                    "snoozed_until": None,
                }
            )
        connection.execute(insert(TacticRow), rows)
        batch = []
        for n in range(contacts):
            batch.append(
                {
                    "occurred_on": date(2025, 1, 1) + timedelta(days=rng.randrange(700)),
                    "channel": "inbox",
                    "direction": "inbound",
                    "name": "",
                    "email": "",
                    "organisation": f"Org {rng.randrange(500)}",
                    "org_type": rng.choice(ORG_TYPES),
                    "user_group": rng.choice(GROUPS),
                    "standard": rng.choice(["", "Ethnicity", "Tenure"]),
                    "summary": "",
                    "dedupe_key": f"bench:{n}",
                }
            )
            if len(batch) == 10_000:
                connection.execute(insert(ContactRow), batch)
                batch = []
        if batch:
            connection.execute(insert(ContactRow), batch)
    engine.dispose()


def timed(runs: int, work) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return times


def _sweep_figures(deps: JobDeps) -> list[tuple[str, list[float]]]:
    def run(dry_run: bool) -> None:
        asyncio.run(sweep(deps, QuietMessenger(), NOW, dry_run=dry_run))

    return [
        ("sweep, 10k tactics, dry run", timed(5, partial(run, True))),
        ("sweep, 10k tactics, first (sends backlog)", timed(1, partial(run, False))),
        ("sweep, 10k tactics, again (nothing new)", timed(5, partial(run, False))),
    ]


def bench(label: str, url: Callable[[str], str]) -> None:
    # Sweep database: 10k tactics. Digest database: 5k tactics and 100k contacts.
    results = []
    for tactics, contacts, what in ((10_000, 0, "sweep"), (5_000, 100_000, "digest")):
        db_url = url(what)
        populate(db_url, tactics, contacts)
        engine = make_engine(db_url)
        deps = JobDeps(
            uow=unit_of_work_factory(engine),
            clock=Clock(),
            standards=lambda: StandardsIndex.build([]),
            calendar=uk_working_days(),
        )
        if what == "sweep":
            results += _sweep_figures(deps)
        else:
            digest = timed(5, partial(digest_for, deps.uow(), date(2026, 9, 7)))
            results.append(("digest, 100k contacts + 5k tactics", digest))
        engine.dispose()
    for name, times in results:
        print(
            f"{label:<10} {name:<42} median {statistics.median(times):8.1f} ms   "
            f"max {max(times):8.1f} ms   (n={len(times)})"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bench("sqlite", lambda what: f"sqlite:///{Path(folder) / (what + '.db')}")
    schemas = []

    def pg(what: str) -> str:
        schema = f"bench_{what}_{uuid.uuid4().hex[:8]}"
        schemas.append(schema)
        admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        admin.dispose()
        return f"{args.postgres}?options=-csearch_path%3D{schema}"

    try:
        bench("postgres", pg)
    finally:
        admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            for schema in schemas:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


if __name__ == "__main__":
    main()

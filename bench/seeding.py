"""Seeding shared by the benchmarks at scale: a PostgreSQL schema of its own, a plan of dated
tactics, a year of inbox queries, and contacts written in bulk (one INSERT per 20,000 rows,
the way an import at that scale would arrive, not one unit of work each)."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, create_engine, insert, text

from commplan.plan import DueWindow, Phase, Tactic
from commplan.ports import UnitOfWork
from commplan.queries import InboxQuery, QueryState
from storage.tables import ContactRow

BATCH = 20_000


@contextmanager
def postgres_schema(base: str) -> Iterator[str]:
    """A fresh schema on the PostgreSQL server at ``base``, dropped afterwards; its URL."""
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


def add_tactics(
    uow: UnitOfWork,
    rng: random.Random,
    count: int,
    owner: str,
    *,
    audiences: tuple[str, ...] = (),
) -> None:
    """``count`` tactics of 2026, each starting on a random day and lasting up to a month."""
    for number in range(1, count + 1):
        start = date(2026, 1, 5) + timedelta(days=rng.randrange(300))
        extra: dict[str, Any] = {}
        if audiences:
            extra = {"audience": rng.choice(audiences), "objectives": (1 + number % 2,)}
        uow.tactics.add(
            Tactic(
                plan_year=2026,
                number=number,
                name=f"Tactic {number}",
                phase=Phase.Q1,
                timing=f"{start:%-d %B}",
                window=DueWindow(start=start, end=start + timedelta(days=rng.randrange(30))),
                owners=(owner,),
                **extra,
            )
        )


def add_queries(
    uow: UnitOfWork, rng: random.Random, count: int, *, organisations: bool = False
) -> None:
    """``count`` inbox queries over 2026, nine in ten answered within five days."""
    for n in range(count):
        received = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=rng.randrange(8000))
        answered = received + timedelta(hours=rng.randrange(1, 120)) if n % 10 else None
        uow.queries.add(
            InboxQuery(
                key=f"bench-{n}@example.org",
                thread=f"bench-{n}@example.org",
                received_at=received,
                answered_at=answered,
                state=QueryState.ANSWERED if answered else QueryState.NEW,
                subject=f"Query {n}",
                organisation=f"Org {rng.randrange(2000)}" if organisations else "",
            )
        )


def insert_contacts(engine: Engine, count: int, row: Callable[[int], Mapping[str, object]]) -> None:
    """``count`` contacts, ``row(n)`` giving the n-th one's columns, in bulk INSERTs."""
    with engine.begin() as connection:
        for first in range(0, count, BATCH):
            batch = [dict(row(n)) for n in range(first, min(first + BATCH, count))]
            connection.execute(insert(ContactRow), batch)


def analyze(engine: Engine) -> None:
    """What autovacuum would have done by the time anyone asks: statistics, and (PostgreSQL)
    the visibility map that lets a count read an index alone."""
    postgres = engine.dialect.name == "postgresql"
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE" if postgres else "ANALYZE"))

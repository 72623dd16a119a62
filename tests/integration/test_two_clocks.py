"""Two clocks sweeping the same database at once still send each nudge exactly once."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlalchemy import Engine

from adapters.calendar import uk_working_days
from bot.jobs import JobDeps
from bot.jobs.nudges import sweep
from commplan.ranking import StandardsIndex
from commplan.sample import load_sample
from commplan.services.seeding import seed
from storage.engine import make_engine
from storage.uow import unit_of_work_factory
from tests.conftest import LONDON, HeldClock
from tests.fake_ports import FakeMessenger

NOW = datetime(2026, 9, 10, 9, 30, tzinfo=LONDON)


def _deps(engine: Engine) -> JobDeps:
    return JobDeps(
        uow=unit_of_work_factory(engine),
        clock=HeldClock(NOW),
        standards=lambda: StandardsIndex.build([]),
        calendar=uk_working_days(),
    )


@pytest.fixture
def engines(database_url: str) -> Iterator[tuple[Engine, Engine]]:
    # Each clock has its own engine, so its own connections, as two processes would.
    pair = (make_engine(database_url), make_engine(database_url))
    yield pair
    for engine in pair:
        engine.dispose()


async def test_two_clocks_at_once_send_each_nudge_once(engines: tuple[Engine, Engine]) -> None:
    first, second = _deps(engines[0]), _deps(engines[1])
    seed(first.uow(), load_sample(2026), at=NOW)
    one, two = FakeMessenger(), FakeMessenger()
    results = await asyncio.gather(
        sweep(first, one, NOW),
        sweep(second, two, NOW),
    )
    keys = Counter(r.nudge.key for batch in results for r in batch)
    assert keys and max(keys.values()) == 1
    assert await sweep(first, FakeMessenger(), NOW, dry_run=True) == []
    # One summary per person, whichever clock sent it.
    people = Counter(who for who, _ in one.sent + two.sent)
    assert people and max(people.values()) == 1

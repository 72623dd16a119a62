"""Two clocks sweeping the same database at once still send each nudge exactly once."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import datetime

from adapters.calendar import uk_working_days
from bot.nudging import sweep
from bot.turn import Deps
from commplan.ranking import StandardsIndex
from commplan.sample import load_sample
from commplan.services.seeding import seed
from storage.engine import make_engine
from storage.uow import unit_of_work_factory
from tests.conftest import LONDON, HeldClock
from tests.unit.bot.test_nudge_sweep import RecordingMessenger

NOW = datetime(2026, 9, 10, 9, 30, tzinfo=LONDON)


def _deps(database_url: str) -> Deps:
    # Each clock has its own engine, so its own connections, as two processes would.
    engine = (
        make_engine(database_url, pool_size=2)
        if "postgresql" in database_url
        else (make_engine(database_url))
    )
    return Deps(
        uow=unit_of_work_factory(engine),
        clock=HeldClock(NOW),
        standards=lambda: StandardsIndex.build([]),
    )


async def test_two_clocks_at_once_send_each_nudge_once(database_url: str) -> None:
    first, second = _deps(database_url), _deps(database_url)
    seed(first.uow(), load_sample(2026), at=NOW)
    one, two = RecordingMessenger(), RecordingMessenger()
    results = await asyncio.gather(
        sweep(first, one, NOW, uk_working_days()),
        sweep(second, two, NOW, uk_working_days()),
    )
    keys = Counter(r.nudge.key for batch in results for r in batch)
    assert keys and max(keys.values()) == 1
    planned = await sweep(first, RecordingMessenger(), NOW, uk_working_days(), dry_run=True)
    assert planned == []
    assert len(one.sent) + len(two.sent) == sum(keys.values())

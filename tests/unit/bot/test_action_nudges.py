"""A meeting action given a date in chat is nudged like a tactic: before, on and after it.

Action 4 of 4 March is Emma Wright's and undated in the sample, so until it has a date the
sweep asks her once a month to set one.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from adapters.calendar import uk_working_days
from bot.commands import builtin_router
from bot.core import BotCore
from bot.jobs import JobDeps
from bot.jobs.nudges import sweep
from bot.turn import Deps
from commplan.nudges import Kind
from commplan.ranking import StandardsIndex
from commplan.sample import load_sample
from commplan.services.seeding import seed
from tests.conftest import LONDON, HeldClock
from tests.fake_ports import FakeMessenger
from tests.fakes import FakeDatabase
from tests.unit.bot.transcript import Chat, assert_dialog

# Thursday 10 September 2026; the action is made due a week later, Thursday 17 September.
NOW = datetime(2026, 9, 10, 9, 30, tzinfo=LONDON)
ACTION = "2026-03-04/4"


@pytest.fixture
def deps() -> JobDeps:
    database = FakeDatabase()
    seed(database(), load_sample(2026), at=NOW)
    return JobDeps(
        uow=database,
        clock=HeldClock(NOW),
        standards=lambda: StandardsIndex.build([]),
        calendar=uk_working_days(),
    )


def emma(deps: JobDeps) -> Chat:
    core = BotCore(Deps(uow=deps.uow, clock=deps.clock, standards=deps.standards), builtin_router())
    return Chat(bot=core, name="Emma Wright", at=NOW)


async def kinds_on(deps: JobDeps, days_later: int) -> list[Kind]:
    """The nudges about the action a sweep sends ``days_later`` days after NOW."""
    sent = await sweep(deps, FakeMessenger(), NOW + timedelta(days=days_later))
    return [r.nudge.kind for r in sent if r.nudge.item == ACTION]


async def test_an_undated_action_is_asked_for_a_date_once_a_month(deps: JobDeps) -> None:
    assert await kinds_on(deps, 0) == [Kind.TBC]
    assert await kinds_on(deps, 1) == []
    assert await kinds_on(deps, 21) == [Kind.TBC]  # Thursday 1 October


async def test_a_dated_action_is_nudged_before_on_and_after_its_day(deps: JobDeps) -> None:
    assert_dialog(emma(deps), [("action 4 due 17 September", r"now due Thursday 17 September")])
    assert await kinds_on(deps, 0) == [Kind.BEFORE]  # a week before
    assert await kinds_on(deps, 6) == [Kind.BEFORE]  # the day before
    assert await kinds_on(deps, 7) == []  # not on the day after "tomorrow" was said
    assert await kinds_on(deps, 8) == [Kind.OVERDUE]
    assert await kinds_on(deps, 9) == []  # the weekly overdue nudge is not repeated daily
    assert await kinds_on(deps, 15) == [Kind.OVERDUE]  # a week on


async def test_moving_the_date_starts_its_nudges_afresh(deps: JobDeps) -> None:
    assert_dialog(emma(deps), [("action 4 due 17 September", r"now due")])
    assert await kinds_on(deps, 0) == [Kind.BEFORE]
    assert_dialog(emma(deps), [("set date of action 4 to 17 September", r"already due")])
    assert await kinds_on(deps, 0) == []
    assert_dialog(emma(deps), [("action 4 due 1 October", r"now due Thursday 1 October")])
    assert await kinds_on(deps, 14) == [Kind.BEFORE]  # Thursday 24 September
    assert await kinds_on(deps, 20) == [Kind.BEFORE]  # the day before
    assert await kinds_on(deps, 22) == [Kind.OVERDUE]

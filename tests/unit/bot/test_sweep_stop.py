"""A stopping clock waits for the message being sent, not the sweep; nothing it had claimed is
lost, and a message a crash left claimed but unsent goes on a later sweep."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest

from adapters.calendar import uk_working_days
from bot.jobs import JobDeps
from bot.jobs.nudges import sweep
from bot.messages import Reply
from commplan.nudges import nudge_claim
from commplan.people import Person
from commplan.ranking import StandardsIndex
from commplan.sample import load_sample
from commplan.services import claims
from commplan.services.nudges import nudges_due
from commplan.services.seeding import seed
from tests.conftest import LONDON, HeldClock
from tests.fake_ports import FakeMessenger
from tests.fakes import FakeDatabase

NOW = datetime(2026, 9, 10, 9, 30, tzinfo=LONDON)


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


class StoppingMessenger(FakeMessenger):
    """Asks the clock to stop while it delivers its first message (a SIGTERM mid-sweep)."""

    def __init__(self, stop: asyncio.Event) -> None:
        super().__init__()
        self.stop = stop

    async def send_direct(self, person: Person, reply: Reply) -> str:
        self.stop.set()
        return await super().send_direct(person, reply)

    async def send_team(self, reply: Reply) -> str:
        self.stop.set()
        return await super().send_team(reply)


async def test_a_stop_ends_the_sweep_after_the_current_message(deps: JobDeps) -> None:
    everything = await sweep(deps, FakeMessenger(), NOW, dry_run=True)
    stop = asyncio.Event()
    messenger = StoppingMessenger(stop)
    sent = await sweep(deps, messenger, NOW, stop=stop)
    assert len(messenger.sent) == 1 and len(sent) >= 1
    # What it had claimed and not sent was given back: the next sweep sends it at once.
    rest = await sweep(deps, FakeMessenger(), NOW + timedelta(minutes=15))
    assert sorted(r.nudge.key for r in sent + rest) == sorted(r.nudge.key for r in everything)


async def test_a_claim_left_unsent_by_a_crash_goes_once_its_lease_runs_out(
    deps: JobDeps,
) -> None:
    due = nudges_due(deps.uow(), NOW, calendar=deps.calendar)
    # A sweep claimed these, then its process died before sending any.
    crashed = claims.claim(deps.uow(), [nudge_claim(n) for n in due[:3]], NOW, lease=claims.LEASE)
    assert len(crashed) == 3
    soon = await sweep(deps, FakeMessenger(), NOW + timedelta(minutes=2))
    assert not crashed & {r.nudge.key for r in soon}
    later = await sweep(deps, FakeMessenger(), NOW + timedelta(minutes=15))
    assert {r.nudge.key for r in later} == crashed

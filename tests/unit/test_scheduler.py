"""The clock's scheduling: the most recent digest time across weekends and clock changes,
letting running jobs finish when the clock stops, and the jobs that run as it starts."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from adapters.calendar import uk_working_days
from adapters.scheduler import RunningJobs, build_scheduler, last_fire_time, run_scheduled
from adapters.settings import load_settings
from bot.jobs import JobDeps
from commplan.inbox import InboundEmail
from commplan.ranking import StandardsIndex
from tests.conftest import LONDON, HeldClock
from tests.fake_ports import FakeMailSource, FakeMessenger
from tests.fakes import FakeDatabase

MONDAYS = "0 9 * * mon"


def test_the_monday_digest_time_just_before_and_at_nine() -> None:
    before = datetime(2026, 9, 14, 8, 59, tzinfo=LONDON)
    at_nine = datetime(2026, 9, 14, 9, 0, tzinfo=LONDON)
    assert last_fire_time(MONDAYS, LONDON, before) == datetime(2026, 9, 7, 9, 0, tzinfo=LONDON)
    assert last_fire_time(MONDAYS, LONDON, at_nine) == at_nine


def test_over_the_spring_clock_change_weekend() -> None:
    # Clocks went forward on Sunday 29 March 2026: the Monday before was 09:00 GMT, the Monday
    # after is 09:00 BST, an hour earlier in UTC.
    sunday = datetime(2026, 3, 29, 12, 0, tzinfo=LONDON)
    fired = last_fire_time(MONDAYS, LONDON, sunday)
    assert fired is not None and fired.astimezone(UTC) == datetime(2026, 3, 23, 9, 0, tzinfo=UTC)
    monday = datetime(2026, 3, 30, 9, 30, tzinfo=LONDON)
    fired = last_fire_time(MONDAYS, LONDON, monday)
    assert fired is not None and fired.astimezone(UTC) == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)


def test_over_the_autumn_clock_change_weekend() -> None:
    # Clocks went back on Sunday 25 October 2026 at 02:00 BST; 01:30 happened twice.
    monday = datetime(2026, 10, 26, 9, 0, tzinfo=LONDON)
    fired = last_fire_time(MONDAYS, LONDON, monday)
    assert fired is not None and fired.astimezone(UTC) == datetime(2026, 10, 26, 9, 0, tzinfo=UTC)
    nightly = "30 1 * * *"
    first_time = datetime(2026, 10, 25, 0, 45, tzinfo=UTC)  # 01:45 BST
    second_time = datetime(2026, 10, 25, 1, 45, tzinfo=UTC)  # 01:45 GMT, an hour later
    earlier = last_fire_time(nightly, LONDON, first_time)
    later = last_fire_time(nightly, LONDON, second_time)
    assert earlier is not None and later is not None
    assert earlier.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    # Whichever of the two 01:30s APScheduler keeps, the search ends and never goes back.
    assert earlier.astimezone(UTC) <= later.astimezone(UTC) <= second_time


def test_nothing_within_the_look_back_is_none() -> None:
    now = datetime(2026, 3, 1, 12, 0, tzinfo=LONDON)
    assert last_fire_time("0 9 1 1 *", LONDON, now) is None
    assert last_fire_time("0 9 1 1 *", LONDON, now, look_back=timedelta(days=60)) == datetime(
        2026, 1, 1, 9, 0, tzinfo=LONDON
    )


def test_a_frequent_schedule_gives_the_latest_slot() -> None:
    now = datetime(2026, 9, 14, 12, 7, 30, tzinfo=LONDON)
    assert last_fire_time("*/15 * * * *", LONDON, now) == datetime(
        2026, 9, 14, 12, 0, tzinfo=LONDON
    )


async def test_a_stopping_clock_lets_a_running_job_finish() -> None:
    running = RunningJobs()
    release = asyncio.Event()
    finished: list[str] = []

    async def sweep() -> None:
        await release.wait()
        finished.append("sweep")

    job = asyncio.create_task(running.track(sweep)())
    await asyncio.sleep(0)
    waiting = asyncio.create_task(running.finish(30))
    await asyncio.sleep(0.01)
    assert not waiting.done() and finished == []
    release.set()
    assert await waiting is True and finished == ["sweep"]
    await job


async def test_a_job_that_never_ends_does_not_hold_the_clock_up() -> None:
    running = RunningJobs()
    stuck = asyncio.create_task(running.track(asyncio.Event().wait)())
    await asyncio.sleep(0)
    assert await running.finish(0.01) is False
    stuck.cancel()


async def test_the_scheduled_clock_polls_the_mailbox_and_sweeps_as_it_starts() -> None:
    database = FakeDatabase()
    deps = JobDeps(
        uow=database,
        clock=HeldClock(datetime(2026, 9, 10, 10, 0, tzinfo=LONDON)),
        standards=lambda: StandardsIndex.build([]),
        calendar=uk_working_days(),
        zone=LONDON,
    )
    source, messenger = FakeMailSource(), FakeMessenger()
    source.deliver(InboundEmail(message_id="q1@gla.ac.uk", sender_email="ewan@gla.ac.uk"))
    stop = asyncio.Event()
    clock = asyncio.create_task(
        run_scheduled(deps, messenger, load_settings({}), stop, source=source)
    )
    try:
        for _ in range(200):  # a deadline for a broken clock, not a timing assertion
            if messenger.team_posts:
                break
            await asyncio.sleep(0.01)
        assert "q1@gla.ac.uk" in database.store.queries
        assert [r.intent for r in messenger.team_posts] == ["inbox_new_query"]
        assert database.store.cursors == {source.name: "1"}
    finally:
        stop.set()
        await clock


def test_champions_are_asked_on_working_mornings_from_the_middle_of_a_quarters_last_month() -> None:
    async def nothing() -> None:
        return None

    zone = LONDON
    scheduler = build_scheduler(zone=zone, sweep=nothing, digest=nothing, champions=nothing)
    trigger = scheduler.get_job("champions").trigger
    after = datetime(2026, 7, 1, tzinfo=zone)
    first = trigger.get_next_fire_time(None, after)
    assert first == datetime(2026, 9, 15, 10, 0, tzinfo=zone)  # a Tuesday
    saturday = datetime(2026, 9, 19, 0, 0, tzinfo=zone)
    assert trigger.get_next_fire_time(None, saturday) == datetime(2026, 9, 21, 10, 0, tzinfo=zone)

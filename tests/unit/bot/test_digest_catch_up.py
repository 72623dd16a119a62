"""The digest's catch-up: a digest the clock missed goes out on a later sweep, once, while it
is at most two working days late; a failed post is retried."""

from __future__ import annotations

from datetime import datetime
from functools import partial

import pytest

from adapters.calendar import uk_working_days
from adapters.scheduler import last_fire_time
from bot.jobs import JobDeps, WeeklyHistory
from bot.jobs.digest import DIGEST_CATCH_UP_WORKING_DAYS, digest_key, post_due_digest
from bot.messages import Image, Link
from commplan.claims import ClaimKind
from commplan.ranking import StandardsIndex
from commplan.sample import load_sample
from commplan.services.seeding import seed
from tests.conftest import LONDON, HeldClock
from tests.fake_ports import FakeMessenger
from tests.fakes import FakeDatabase

# The clock was down over Monday 14 September 2026 09:00, the scheduled digest time.
MISSED = datetime(2026, 9, 14, 9, 0, tzinfo=LONDON)
PICTURE = b"\x89PNG a chart"


def chart(history: WeeklyHistory) -> bytes:
    assert len(history) == 12  # the twelve weeks before the digest
    return PICTURE


def broken_chart(history: WeeklyHistory) -> bytes:
    raise RuntimeError("no fonts")


@pytest.fixture
def database() -> FakeDatabase:
    database = FakeDatabase()
    seed(database(), load_sample(2026), at=MISSED)
    return database


def job_deps(database: FakeDatabase, **changes: object) -> JobDeps:
    values: dict[str, object] = {
        "uow": database,
        "clock": HeldClock(MISSED),
        "standards": lambda: StandardsIndex.build([]),
        "calendar": uk_working_days(),
        "zone": LONDON,
        "dashboard_url": "https://harmonibot.example/dashboard",
        "draw_chart": chart,
        "last_digest": partial(last_fire_time, "0 9 * * mon", LONDON),
    }
    return JobDeps(**{**values, **changes})  # type: ignore[arg-type]


async def test_a_missed_monday_digest_goes_out_on_the_next_sweep_once(
    database: FakeDatabase,
) -> None:
    deps, channel = job_deps(database), FakeMessenger()
    before = datetime(2026, 9, 14, 8, 45, tzinfo=LONDON)
    # Before Monday's time the last scheduled digest is the previous week's: is it stale?
    # Monday 7th + 2 working days is Wednesday 9th, so on the 14th it is left alone.
    assert await post_due_digest(deps, channel, before) is None
    assert channel.team_posts == []

    tuesday = datetime(2026, 9, 15, 10, 15, tzinfo=LONDON)
    assert await post_due_digest(deps, channel, tuesday) == MISSED.date()
    [digest] = channel.team_posts
    assert digest.text.startswith("Weekly digest for Monday 14 September 2026")
    assert "last week, Mon 7 – Sun 13 Sep 2026" in digest.text
    [link] = [b for b in digest.blocks if isinstance(b, Link)]
    assert link.url == "https://harmonibot.example/dashboard"
    [image] = [b for b in digest.blocks if isinstance(b, Image)]
    assert image.data == PICTURE

    later = datetime(2026, 9, 15, 10, 30, tzinfo=LONDON)
    assert await post_due_digest(deps, channel, later) is None
    assert len(channel.team_posts) == 1
    claim = database.store.claims[digest_key(MISSED.date())]
    assert (claim["kind"], claim["channel"]) == (ClaimKind.DIGEST, "web")


async def test_a_failed_post_is_retried_by_the_next_sweep(database: FakeDatabase) -> None:
    deps, channel = job_deps(database), FakeMessenger(team_failures=1)
    with pytest.raises(ConnectionError):
        await post_due_digest(deps, channel, MISSED)
    assert channel.team_posts == []
    assert digest_key(MISSED.date()) not in database.store.claims  # given back
    again = datetime(2026, 9, 14, 9, 15, tzinfo=LONDON)
    assert await post_due_digest(deps, channel, again) == MISSED.date()
    assert len(channel.team_posts) == 1


async def test_a_digest_more_than_two_working_days_late_is_not_sent(
    database: FakeDatabase,
) -> None:
    assert DIGEST_CATCH_UP_WORKING_DAYS == 2
    deps, channel = job_deps(database), FakeMessenger()
    # Monday + 2 working days is Wednesday: Thursday is too late (and nothing is claimed yet,
    # as the Wednesday post afterwards shows).
    thursday = datetime(2026, 9, 17, 9, 0, tzinfo=LONDON)
    assert await post_due_digest(deps, channel, thursday) is None
    assert channel.team_posts == []
    wednesday = datetime(2026, 9, 16, 17, 0, tzinfo=LONDON)
    posted = await post_due_digest(deps, channel, wednesday)
    assert posted == MISSED.date() and len(channel.team_posts) == 1


async def test_a_digest_whose_chart_fails_goes_out_without_it(database: FakeDatabase) -> None:
    deps, channel = job_deps(database, draw_chart=broken_chart), FakeMessenger()
    assert await post_due_digest(deps, channel, MISSED) == MISSED.date()
    [digest] = channel.team_posts
    assert digest.text.startswith("Weekly digest for Monday 14 September 2026")
    assert [b for b in digest.blocks if isinstance(b, Image)] == []


async def test_without_a_schedule_no_digest_is_due(database: FakeDatabase) -> None:
    deps, channel = job_deps(database, last_digest=lambda now: None), FakeMessenger()
    assert await post_due_digest(deps, channel, MISSED) is None
    assert channel.sent == [] and database.store.claims == {}


async def test_a_digest_due_on_a_bank_holiday_goes_on_the_next_working_day(
    database: FakeDatabase,
) -> None:
    # Monday 31 August 2026 is the summer bank holiday in England.
    holiday = datetime(2026, 8, 31, 9, 0, tzinfo=LONDON)
    deps, channel = job_deps(database, clock=HeldClock(holiday)), FakeMessenger()
    assert await post_due_digest(deps, channel, holiday.replace(minute=15)) is None
    assert channel.team_posts == []
    tuesday = datetime(2026, 9, 1, 9, 15, tzinfo=LONDON)
    assert await post_due_digest(deps, channel, tuesday) == tuesday.date()
    (posted,) = channel.team_posts
    assert posted.text.startswith("Weekly digest for Tuesday 1 September 2026")
    assert await post_due_digest(deps, channel, tuesday.replace(hour=11)) is None

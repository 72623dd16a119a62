"""The digest as a function of now: a missed Monday digest goes out on a later sweep, once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime

import pytest

from adapters.bootstrap import Runtime, build_bot, build_runtime
from adapters.jobs import post_due_digest
from adapters.settings import load_settings
from bot.messages import Image, Link, Reply
from bot.turn import Deps
from commplan.people import Person
from commplan.sample import load_sample
from commplan.services.seeding import seed
from tests.conftest import LONDON, HeldClock

# The clock was down over Monday 14 September 2026 09:00, the scheduled digest time.
MISSED = datetime(2026, 9, 14, 9, 0, tzinfo=LONDON)


class TeamChannel:
    """Records team posts; can fail the next ``failures`` of them like a chat that is down."""

    def __init__(self, failures: int = 0) -> None:
        self.posts: list[Reply] = []
        self.failures = failures

    async def send_direct(self, person: Person, reply: Reply) -> str:
        raise AssertionError("the digest goes to the team, not to a person")

    async def send_team(self, reply: Reply) -> str:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("chat is down")
        self.posts.append(reply)
        return "web"


@pytest.fixture
def runtime(database_url: str) -> Iterator[Runtime]:
    settings = load_settings(
        {"DATABASE_URL": database_url, "HARMONIBOT_PUBLIC_URL": "https://harmonibot.example"}
    )
    runtime = build_runtime(settings)
    seed(runtime.uow(), load_sample(2026), at=MISSED)
    yield runtime
    runtime.engine.dispose()


def deps_at(runtime: Runtime, now: datetime) -> Deps:
    return replace(build_bot(runtime).deps, clock=HeldClock(now))


async def test_a_missed_monday_digest_goes_out_on_the_next_sweep_once(runtime: Runtime) -> None:
    channel = TeamChannel()
    before = datetime(2026, 9, 14, 8, 45, tzinfo=LONDON)
    # Before Monday's time the last scheduled digest is the previous week's: is it stale?
    # Monday 7th + 2 working days is Wednesday 9th, so on the 14th it is left alone.
    assert await post_due_digest(runtime, deps_at(runtime, before), channel, before) is None
    assert channel.posts == []

    tuesday = datetime(2026, 9, 15, 10, 15, tzinfo=LONDON)
    posted = await post_due_digest(runtime, deps_at(runtime, tuesday), channel, tuesday)
    assert posted == MISSED.date()
    [digest] = channel.posts
    assert digest.text.startswith("Weekly digest for Monday 14 September 2026")
    assert "last week, Mon 7 – Sun 13 Sep 2026" in digest.text
    # The bot's dashboard address, not the bare site root.
    [link] = [b for b in digest.blocks if isinstance(b, Link)]
    assert link.url == "https://harmonibot.example/dashboard"
    [chart] = [b for b in digest.blocks if isinstance(b, Image)]
    assert chart.data.startswith(b"\x89PNG") and len(chart.data) < 40_000

    later = datetime(2026, 9, 15, 10, 30, tzinfo=LONDON)
    assert await post_due_digest(runtime, deps_at(runtime, later), channel, later) is None
    assert len(channel.posts) == 1


async def test_a_failed_post_is_retried_by_the_next_sweep(runtime: Runtime) -> None:
    channel = TeamChannel(failures=1)
    with pytest.raises(ConnectionError):
        await post_due_digest(runtime, deps_at(runtime, MISSED), channel, MISSED)
    assert channel.posts == []
    again = datetime(2026, 9, 14, 9, 15, tzinfo=LONDON)
    assert await post_due_digest(runtime, deps_at(runtime, again), channel, again) == MISSED.date()
    assert len(channel.posts) == 1


async def test_a_digest_more_than_two_working_days_late_is_not_sent(runtime: Runtime) -> None:
    channel = TeamChannel()
    # Monday + 2 working days is Wednesday: Thursday is too late (and nothing is claimed yet,
    # as the Wednesday post afterwards shows).
    thursday = datetime(2026, 9, 17, 9, 0, tzinfo=LONDON)
    assert await post_due_digest(runtime, deps_at(runtime, thursday), channel, thursday) is None
    assert channel.posts == []
    wednesday = datetime(2026, 9, 16, 17, 0, tzinfo=LONDON)
    posted = await post_due_digest(runtime, deps_at(runtime, wednesday), channel, wednesday)
    assert posted == MISSED.date() and len(channel.posts) == 1


def test_digest_json_carries_the_history_and_the_inbox(runtime: Runtime) -> None:
    from adapters.cli.clock import digest_json
    from commplan.queries import InboxQuery
    from commplan.services.digest import digest_for

    with runtime.uow() as uow:
        uow.queries.add(
            InboxQuery(
                key="q1",
                thread="q1",
                received_at=datetime(2026, 9, 8, 10, tzinfo=LONDON),
                subject="Ethnicity",
                organisation="Leeds City Council",
            )
        )
        uow.commit()
    document = digest_json(digest_for(runtime.uow(), MISSED.date(), now=MISSED, zone=LONDON))
    assert {"week_start", "week_end", "due", "contacts", "top_topics"} <= set(document)
    history = document["weekly_history"]
    assert isinstance(history, list) and len(history) == 12
    assert history[-1]["week_start"] == datetime(2026, 9, 7).date()
    inbox = document["inbox"]
    assert isinstance(inbox, dict)
    assert (inbox["received"], inbox["answered"], inbox["median_hours"]) == (1, 0, None)
    # Tuesday 8th + 3 working days is Friday 11th: overdue by the Monday, 6 days old.
    assert inbox["overdue_count"] == 1
    assert inbox["overdue"] == [
        {
            "subject": "Ethnicity",
            "organisation": "Leeds City Council",
            "received_at": "2026-09-08T09:00:00+00:00",  # stored in UTC
            "age_days": 6,
        }
    ]

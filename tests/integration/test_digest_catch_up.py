"""The digest as a function of now, wired as the clock wires it: a missed Monday digest goes out
on a later sweep, once, with its chart and the dashboard link.

The catch-up rules themselves are tested over the fake database in
``tests/unit/bot/test_digest_catch_up.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

from adapters.bootstrap import Runtime, build_job_deps, build_runtime
from adapters.settings import load_settings
from bot.jobs.digest import post_due_digest
from bot.messages import Image, Link
from commplan.sample import load_sample
from commplan.services.seeding import seed
from tests.conftest import LONDON
from tests.fake_ports import FakeMessenger

# The clock was down over Monday 14 September 2026 09:00, the scheduled digest time.
MISSED = datetime(2026, 9, 14, 9, 0, tzinfo=LONDON)


@pytest.fixture
def runtime(database_url: str) -> Iterator[Runtime]:
    settings = load_settings(
        {"DATABASE_URL": database_url, "HARMONIBOT_PUBLIC_URL": "https://harmonibot.example"}
    )
    runtime = build_runtime(settings)
    seed(runtime.uow(), load_sample(2026), at=MISSED)
    yield runtime
    runtime.engine.dispose()


async def test_a_missed_monday_digest_goes_out_on_the_next_sweep_once(runtime: Runtime) -> None:
    channel = FakeMessenger()
    deps = build_job_deps(runtime)
    before = datetime(2026, 9, 14, 8, 45, tzinfo=LONDON)
    # Before Monday's time the last scheduled digest is the previous week's: is it stale?
    # Monday 7th + 2 working days is Wednesday 9th, so on the 14th it is left alone.
    assert await post_due_digest(deps, channel, before) is None
    assert channel.team_posts == []

    tuesday = datetime(2026, 9, 15, 10, 15, tzinfo=LONDON)
    posted = await post_due_digest(deps, channel, tuesday)
    assert posted == MISSED.date()
    [digest] = channel.team_posts
    assert digest.text.startswith("Weekly digest for Monday 14 September 2026")
    assert "last week, Mon 7 – Sun 13 Sep 2026" in digest.text
    # The bot's dashboard address, not the bare site root.
    [link] = [b for b in digest.blocks if isinstance(b, Link)]
    assert link.url == "https://harmonibot.example/dashboard"
    [chart] = [b for b in digest.blocks if isinstance(b, Image)]
    assert chart.data.startswith(b"\x89PNG") and len(chart.data) < 40_000

    later = datetime(2026, 9, 15, 10, 30, tzinfo=LONDON)
    assert await post_due_digest(deps, channel, later) is None
    assert len(channel.team_posts) == 1


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

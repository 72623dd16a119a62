"""Work after the acknowledgement: it waits for acknowledgements, is logged when it fails."""

from __future__ import annotations

import asyncio
import logging

import pytest

from adapters.slack.background import Background


async def test_work_waits_until_the_requests_under_way_are_acknowledged() -> None:
    background = Background(lull=0.0, patience=60.0)
    started: list[str] = []

    async def answer(name: str) -> None:
        started.append(name)

    with background.acknowledging():
        background.spawn(answer("first"), "first")
        with background.acknowledging():
            background.spawn(answer("second"), "second")
        for _ in range(5):
            await asyncio.sleep(0)
        assert started == []
    await background.drain()
    assert sorted(started) == ["first", "second"]
    assert len(background) == 0


async def test_work_without_acknowledgements_under_way_starts_at_once() -> None:
    background = Background(lull=0.0)
    done = asyncio.Event()

    async def answer() -> None:
        done.set()

    background.spawn(answer(), "answer")
    await asyncio.wait_for(done.wait(), 10)


async def test_a_failure_is_logged_and_the_rest_goes_on(caplog: pytest.LogCaptureFixture) -> None:
    background = Background(lull=0.0)
    finished: list[int] = []

    async def broken() -> None:
        raise RuntimeError("the Web API said no")

    async def fine() -> None:
        finished.append(1)

    background.spawn(broken(), "answering a mention")
    background.spawn(fine(), "answering a DM")
    with caplog.at_level(logging.ERROR, logger="adapters.slack.background"):
        await background.drain()
    assert finished == [1]
    assert "answering a mention failed after the acknowledgement" in caplog.text


async def test_work_cancelled_before_it_started_leaves_no_warning() -> None:
    background = Background(lull=0.0, patience=60.0)

    async def answer() -> None:
        raise AssertionError("never runs")

    with background.acknowledging():
        background.spawn(answer(), "answer")
        await asyncio.sleep(0)
        for task in list(background._tasks):
            task.cancel()
        await asyncio.gather(*background._tasks, return_exceptions=True)

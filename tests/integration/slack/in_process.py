"""``serve``'s web application with Slack mounted, run inside the test's own event loop.

The application is built as ``harmonibot serve`` builds it (the web app, then Slack mounted on
it) and listens on a loopback port, so requests still arrive signed, over HTTP, through Bolt.
Running it in process lets a test hand it a runtime of its own making, such as one whose unit
of work is counted (:class:`CountingUnits`).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from types import TracebackType

import httpx
from aiohttp import web

from adapters.bootstrap import Runtime, build_bot
from adapters.slack.app import SLACK, SlackApp, mount_slack
from adapters.web.app import make_app
from commplan.ports import Repositories, UnitOfWork, UnitOfWorkFactory
from tests.integration.slack.requests import sign

WAIT_SECONDS = 30.0


class CountingUnits:
    """A unit-of-work factory that counts the units entered (opened transactions)."""

    def __init__(self, inner: UnitOfWorkFactory) -> None:
        self._inner = inner
        self._lock = threading.Lock()
        self.entered = 0

    def __call__(self) -> UnitOfWork:
        return _Counted(self, self._inner())

    def reset(self) -> None:
        with self._lock:
            self.entered = 0

    def count(self) -> None:
        with self._lock:
            self.entered += 1


class _Counted:
    def __init__(self, counter: CountingUnits, inner: UnitOfWork) -> None:
        self._counter = counter
        self._inner = inner

    def __enter__(self) -> Repositories:
        self._counter.count()
        return self._inner.__enter__()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._inner.__exit__(exc_type, exc, tb)


@dataclass(frozen=True, kw_only=True)
class InProcessServe:
    """The running application: its base URL and its Slack app (for draining its answers)."""

    url: str
    slack: SlackApp

    async def post(self, body: str, content_type: str) -> httpx.Response:
        """Send ``body`` to ``/slack/events`` signed, as Slack does."""
        async with httpx.AsyncClient(timeout=WAIT_SECONDS) as client:
            return await client.post(
                f"{self.url}/slack/events",
                content=body.encode(),
                headers={"Content-Type": content_type, **sign(body)},
            )

    async def answered(self, done: Callable[[], bool]) -> None:
        """Wait until ``done()`` (the answer reached Slack), then for every answer under way."""
        deadline = time.monotonic() + WAIT_SECONDS
        while not done():
            assert time.monotonic() < deadline, "the answer never reached Slack"
            await asyncio.sleep(0.02)
        await self.slack.background.drain()


@asynccontextmanager
async def serving_in_process(runtime: Runtime) -> AsyncIterator[InProcessServe]:
    """The web application with Slack mounted, as ``serve`` runs it, on a loopback port."""
    bot = build_bot(runtime)
    app = make_app(runtime, bot)
    mount_slack(app, runtime, bot)
    runner = web.AppRunner(app)
    await runner.setup()
    try:
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        yield InProcessServe(url=f"http://127.0.0.1:{port}", slack=app[SLACK])
    finally:
        await runner.cleanup()

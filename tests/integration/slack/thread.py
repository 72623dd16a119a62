"""The Slack recorder (``recorder.py``) in a thread of a test, on a free loopback port."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from aiohttp import web

from tests.integration.slack.recorder import Recorder, SlackUser


class RecorderThread:
    """The recorder on 127.0.0.1, on a free port, in a thread with its own event loop."""

    def __init__(self, users: list[SlackUser] | None = None) -> None:
        self.recorder = Recorder(users=list(users or []))
        self._loop = asyncio.new_event_loop()
        self._started = threading.Event()
        self._thread = threading.Thread(target=self._run, name="slack-recorder", daemon=True)
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def api_url(self) -> str:
        """What ``SLACK_API_URL`` should be."""
        return self.root + "api/"

    def hook(self, name: str) -> str:
        """A ``response_url`` that lands here."""
        return f"{self.root}hooks/{name}"

    def push(self, kind: str, payload: Mapping[str, Any], retry: int = 0) -> str:
        """Send a Socket Mode envelope (``events_api``, ``slash_commands``, ``interactive``)."""
        pushed = asyncio.run_coroutine_threadsafe(
            self.recorder.push(kind, payload, retry), self._loop
        )
        return pushed.result(10)

    def start(self) -> None:
        self._thread.start()
        if not self._started.wait(10):
            raise RuntimeError("the Slack API stand-in did not start")

    def stop(self) -> None:
        if self._runner is not None:
            # An open socket would hold the shutdown for aiohttp's whole grace period.
            asyncio.run_coroutine_threadsafe(self.recorder.close_sockets(), self._loop).result(10)
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._serve())
        self._started.set()
        self._loop.run_forever()

    async def _serve(self) -> None:
        self._runner = web.AppRunner(self.recorder.application())
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self.recorder.base_url = self.root


@contextmanager
def recording_slack(users: list[SlackUser] | None = None) -> Iterator[RecorderThread]:
    """A running recorder for the duration of the block."""
    server = RecorderThread(users)
    server.start()
    try:
        yield server
    finally:
        server.stop()

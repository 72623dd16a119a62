"""A recording Bot Connector on loopback: it takes the bot's replies and proactive messages
(``/v3/conversations/...``) and answers member lookups, as Teams' connector would."""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

_ACTIVITIES = re.compile(
    r"^/v3/conversations/(?P<conversation>[^/]+)/activities(?:/(?P<reply_to>[^/]+))?$"
)
_MEMBER = re.compile(r"^/v3/conversations/[^/]+/members/(?P<member>[^/]+)$")


@dataclass(frozen=True, kw_only=True)
class Posted:
    """One activity the bot sent to the connector."""

    conversation: str
    reply_to: str | None
    activity: dict[str, Any]
    authorization: str | None
    status: int

    @property
    def card(self) -> dict[str, Any]:
        [attachment] = self.activity["attachments"]
        content: dict[str, Any] = attachment["content"]
        return content

    @property
    def texts(self) -> list[str]:
        return [e["text"] for e in self.card["body"] if e["type"] == "TextBlock"]

    @property
    def buttons(self) -> dict[str, dict[str, str]]:
        return {
            action["title"]: action["data"]
            for element in self.card["body"]
            if element["type"] == "ActionSet"
            for action in element["actions"]
            if action["type"] == "Action.Submit"
        }


@dataclass
class Recorder:
    """A Bot Connector on 127.0.0.1 that records what the bot posts.

    ``throttle`` answers that many messages with 429 and ``Retry-After: 1`` first.
    """

    members: dict[str, dict[str, str]] = field(default_factory=dict)
    posted: list[Posted] = field(default_factory=list)
    #: Every member the bot asked about, found or not.
    looked_up: list[str] = field(default_factory=list)
    throttle: int = 0
    url: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle(self, request: web.Request) -> web.Response:
        path = request.path
        activities = _ACTIVITIES.match(path)
        if request.method == "POST" and activities:
            document = await request.json()
            with self._lock:
                # Only messages are throttled: a slow turn's "typing…" must not take the 429.
                throttled = self.throttle > 0 and document.get("type") == "message"
                self.throttle -= 1 if throttled else 0
                status = 429 if throttled else 200
                self.posted.append(
                    Posted(
                        conversation=activities["conversation"],
                        reply_to=activities["reply_to"],
                        activity=document,
                        authorization=request.headers.get("Authorization"),
                        status=status,
                    )
                )
                number = len(self.posted)
            if throttled:
                error = {"error": {"code": "Throttled", "message": "slow down"}}
                return web.json_response(error, status=429, headers={"Retry-After": "1"})
            return web.json_response({"id": f"posted-{number}"})
        member = _MEMBER.match(path)
        if member:
            with self._lock:
                self.looked_up.append(member["member"])
        if request.method == "GET" and member and member["member"] in self.members:
            return web.json_response(self.members[member["member"]])
        return web.json_response({"error": {"code": "NotFound", "message": path}}, status=404)

    def delivered(self, conversation: str) -> list[Posted]:
        """What reached a conversation (not counting the 429s)."""
        with self._lock:
            return [p for p in self.posted if p.conversation == conversation and p.status == 200]

    def clear(self) -> None:
        with self._lock:
            self.posted.clear()
            self.looked_up.clear()


@contextmanager
def recording_connector(host: str = "127.0.0.1") -> Iterator[Recorder]:
    """Run a :class:`Recorder` on a free port of ``host`` in a thread of its own."""
    recorder = Recorder()
    loop = asyncio.new_event_loop()
    started = threading.Event()
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", recorder.handle)
    runner = web.AppRunner(app)

    async def start() -> None:
        await runner.setup()
        site = web.TCPSite(runner, host, 0)
        await site.start()
        port = runner.addresses[0][1]
        recorder.url = f"http://{host}:{port}/"
        started.set()

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(start(), loop).result(timeout=10)
    assert started.is_set()
    try:
        yield recorder
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()

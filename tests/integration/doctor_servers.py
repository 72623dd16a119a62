"""Stand-ins the doctor is tested against: a Slack workspace that checks the token, lists its
scopes and knows which channels the bot is in (built on the recording Slack server), and a
recording Microsoft sign-in plus Bot Connector for Teams."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.integration.slack.recorder import Recorder, SlackUser
from tests.integration.slack.thread import RecorderThread

GOOD_TOKEN = "xoxb-doctor-good"
ALL_SCOPES = (
    "app_mentions:read,chat:write,commands,im:history,im:read,im:write,users:read,"
    "users:read.email,files:read,files:write,channels:read"
)
DIGEST_CHANNEL = "C0DIGEST"
QUIET_CHANNEL = "C0QUIET"


@dataclass(kw_only=True)
class CheckingSlack(Recorder):
    """The recorder, with a token it accepts, the scopes it grants and channels by id."""

    token: str = GOOD_TOKEN
    scopes: str = ALL_SCOPES
    channels: dict[str, tuple[str, bool]] = field(
        default_factory=lambda: {
            DIGEST_CHANNEL: ("harmonisation", True),
            QUIET_CHANNEL: ("general", False),
        }
    )

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        body = await self._read(request)
        self._record(method, request, body)
        if request.headers.get("Authorization", "") != f"Bearer {self.token}":
            return web.json_response({"ok": False, "error": "invalid_auth"})
        if method == "conversations.info":
            found = self.channels.get(str(body.get("channel", "")))
            if found is None:
                return web.json_response({"ok": False, "error": "channel_not_found"})
            name, member = found
            channel = {"id": body["channel"], "name": name, "is_member": member}
            return web.json_response({"ok": True, "channel": channel})
        if method == "users.conversations":
            channels = [
                {"id": key, "name": name} for key, (name, member) in self.channels.items() if member
            ]
            return web.json_response({"ok": True, "channels": channels})
        headers = {"x-oauth-scopes": self.scopes} if method == "auth.test" else {}
        return web.json_response(self._answer(method, body), headers=headers)


@contextmanager
def checking_slack(users: list[SlackUser]) -> Iterator[tuple[RecorderThread, CheckingSlack]]:
    server = RecorderThread(users)
    slack = CheckingSlack(users=list(users))
    server.recorder = slack
    server.start()
    try:
        yield server, slack
    finally:
        server.stop()


APP_ID = "00000000-0000-0000-0000-00000000b0a7"
APP_SECRET = "doctor-teams-secret"


@dataclass
class TeamsStandIn:
    """Microsoft's sign-in (``/token``) for one app and secret, and a Bot Connector whose
    conversations answer their members while the bot is still installed in them."""

    installed: set[str] = field(default_factory=set)
    asked: list[str] = field(default_factory=list)
    url: str = ""

    async def handle(self, request: web.Request) -> web.Response:
        self.asked.append(f"{request.method} {request.path}")
        if request.path == "/token":
            return self._sign_in(await request.post())
        if request.headers.get("Authorization") != "Bearer teams-token":
            return web.json_response({"error": {"code": "Unauthorized"}}, status=401)
        conversation = request.path.removeprefix("/v3/conversations/").split("/")[0]
        if request.path.endswith("/members") and conversation in self.installed:
            return web.json_response([{"id": "29:someone"}])
        return web.json_response({"error": {"code": "BotNotInConversationRoster"}}, status=403)

    @staticmethod
    def _sign_in(form: Mapping[str, Any]) -> web.Response:
        if form.get("client_id") != APP_ID:
            description = (
                f"AADSTS700016: Application with identifier '{form.get('client_id')}' was not found"
            )
            return web.json_response(
                {"error": "unauthorized_client", "error_description": description}, status=400
            )
        if form.get("client_secret") != APP_SECRET:
            description = "AADSTS7000215: Invalid client secret provided."
            return web.json_response(
                {"error": "invalid_client", "error_description": description}, status=401
            )
        return web.json_response({"access_token": "teams-token", "token_type": "Bearer"})


@contextmanager
def teams_stand_in() -> Iterator[TeamsStandIn]:
    stand_in = TeamsStandIn()
    loop = asyncio.new_event_loop()
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", stand_in.handle)
    runner = web.AppRunner(app)

    async def start() -> None:
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        stand_in.url = f"http://127.0.0.1:{runner.addresses[0][1]}/"

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(start(), loop).result(timeout=10)
    try:
        yield stand_in
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()

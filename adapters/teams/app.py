"""``POST /api/messages`` on the web process: where Teams (or the Agents Playground) posts.

Mounted when ``MICROSOFT_APP_ID`` is set, and without it only while ``serve`` listens on
loopback, for local use with authentication off. An unauthenticated activity names the
``serviceUrl`` the bot then posts to, so with authentication off only a service URL on this
machine is accepted (the Agents Playground's), and nobody is linked from what it says; with
authentication on only Microsoft's (see ``references.may_post_to``).

Teams waits about 15 seconds for the HTTP answer and then sends the activity again, so a
message is answered within :data:`ACK_WITHIN` seconds and any longer work carries on after
the acknowledgement (the redelivery would be dropped anyway, by its activity id).
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from aiohttp import web
from microsoft_agents.activity import Activity, ActivityTypes
from microsoft_agents.hosting.core import ClaimsIdentity
from pydantic import ValidationError

from adapters.http import json_error, read_body
from adapters.settings import TeamsSettings
from adapters.teams.auth import RequestGuard, TokenValidator, Unauthorized, token_rules
from adapters.teams.bot import HarmonibotTeamsBot
from adapters.teams.connector import TeamsCloudAdapter, TeamsRuntime, make_adapter
from adapters.teams.files import TeamsFiles
from adapters.teams.references import may_post_to
from adapters.teams.store import TeamsStore
from bot.core import BotCore

logger = logging.getLogger(__name__)

PATH = "/api/messages"
#: The largest activity accepted; Teams' own are a few kilobytes.
MAX_BODY = 256 * 1024
#: Seconds a message turn may run before the request is acknowledged and the turn goes on.
ACK_WITHIN = 10.0
#: Seconds a stopping server gives turns still running after their acknowledgement.
DRAIN_TIMEOUT = 10.0


def mount_teams(
    app: web.Application, runtime: TeamsRuntime, bot: BotCore, *, loopback: bool
) -> bool:
    """Add ``POST /api/messages`` to ``app`` when Teams is configured; whether it was added.

    Raises:
        SettingsError: the Teams settings cannot work (see ``make_adapter``).
    """
    teams = runtime.settings.teams or TeamsSettings()
    if not teams.app_id and not loopback:
        logger.info(
            "Teams is off: MICROSOFT_APP_ID is empty and serve listens beyond loopback, "
            "where %s would accept anyone's activities",
            PATH,
        )
        return False
    _quiet_activity_validation()
    adapter = make_adapter(teams)
    validator = TokenValidator(token_rules(teams.app_id, teams.tenant_id)) if teams.app_id else None
    endpoint = TeamsEndpoint(
        adapter=adapter,
        bot=HarmonibotTeamsBot(
            bot,
            TeamsStore(runtime.uow),
            runtime.clock,
            link_by_email=bool(teams.app_id),
            files=TeamsFiles(bot.deps, authenticated=bool(teams.app_id)),
        ),
        guard=RequestGuard(validator),
    )
    app.router.add_post(PATH, endpoint.handle)
    app.on_shutdown.append(endpoint.drain)
    if teams.app_id:
        logger.info("Teams: %s is on for app %s", PATH, teams.app_id)
    else:
        logger.warning(
            "Teams: %s is on WITHOUT authentication (MICROSOFT_APP_ID is empty and serve "
            "listens on loopback only): for the Agents Playground or the Emulator on this "
            "machine, never for Teams itself",
            PATH,
        )
    return True


class TeamsEndpoint:
    """The aiohttp handler around the Agents SDK's CloudAdapter."""

    def __init__(
        self, *, adapter: TeamsCloudAdapter, bot: HarmonibotTeamsBot, guard: RequestGuard
    ) -> None:
        self._adapter = adapter
        self._bot = bot
        self._guard = guard
        self._turns: set[asyncio.Task[Any]] = set()

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """One activity: 401 unless authenticated, then the turn; 201, 202 or an invoke's answer."""
        header = request.headers.get("Authorization", "")
        try:
            # Before the body is even read: no token, no work.
            self._guard.precheck(header)
        except Unauthorized as error:
            return _unauthorized(error)
        if request.content_type != "application/json":
            return json_error(415, "send the activity as JSON (Content-Type: application/json)")
        body = await read_body(request, MAX_BODY)
        if body is None:
            return json_error(413, f"the activity is larger than {MAX_BODY // 1024} KB")
        try:
            document = json.loads(body.decode("utf-8"))
            if not isinstance(document, dict):
                raise ValueError("not an object")
            activity = Activity.model_validate(document)
        except (ValueError, ValidationError) as error:
            return json_error(400, f"the body is not an activity ({type(error).__name__})")
        if not activity.type or activity.conversation is None or not activity.conversation.id:
            return json_error(400, "the activity has no type or no conversation")
        service_url = str(activity.service_url or "")
        try:
            identity = await self._guard.authenticate(header, service_url)
        except Unauthorized as error:
            return _unauthorized(error)
        if not may_post_to(service_url, authenticated=self._guard.enabled):
            # Checked after the token: an unauthenticated caller learns nothing more.
            logger.warning(
                "Teams activity refused: its service URL is not %s",
                "Microsoft's" if self._guard.enabled else "on this machine (authentication is off)",
            )
            return json_error(403, "this bot does not answer at that service URL")
        return await self._run(activity, identity)

    async def _run(self, activity: Activity, identity: ClaimsIdentity) -> web.StreamResponse:
        turn = asyncio.ensure_future(
            self._adapter.process_activity(identity, activity, self._bot.on_turn)
        )
        self._turns.add(turn)
        turn.add_done_callback(self._finished)
        # An invoke's answer is the HTTP response itself, so only messages are cut short.
        limit = ACK_WITHIN if activity.type == ActivityTypes.message else None
        done, _ = await asyncio.wait({turn}, timeout=limit)
        if not done:
            logger.info("acknowledged Teams activity %s; its turn goes on", activity.id)
            return web.Response(status=202)
        if turn.cancelled() or turn.exception() is not None:
            return json_error(500, "the turn failed; see the server's log")
        invoke_response = turn.result()
        if invoke_response:
            body = invoke_response.body
            if hasattr(body, "model_dump"):
                body = body.model_dump(by_alias=True, exclude_none=True, mode="json")
            return web.json_response(body, status=invoke_response.status or 200)
        return web.Response(status=201)

    def _finished(self, turn: asyncio.Task[Any]) -> None:
        self._turns.discard(turn)
        if not turn.cancelled() and turn.exception() is not None:
            error = turn.exception()
            logger.error(
                "a Teams turn failed",
                exc_info=(type(error), error, error.__traceback__) if error else None,
            )

    async def drain(self, app: web.Application) -> None:
        """Let turns acknowledged early finish before the process stops (on shutdown)."""
        if self._turns:
            logger.info("waiting for %d Teams turns to finish", len(self._turns))
            await asyncio.wait(set(self._turns), timeout=DRAIN_TIMEOUT)
        self._guard.close()


class _DropBodies(logging.Filter):
    """Drops the SDK's record of an activity that did not validate: it quotes the body (a
    member's message, their name) and a traceback; the 400 says enough."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Validation error for Activity")


def _quiet_activity_validation() -> None:
    sdk = logging.getLogger("microsoft_agents.activity.activity")
    if not any(isinstance(f, _DropBodies) for f in sdk.filters):
        sdk.addFilter(_DropBodies())


def _unauthorized(error: Unauthorized) -> web.Response:
    # The reason goes to the log, not to whoever is probing the endpoint.
    logger.info("Teams request refused: %s", error)
    return json_error(401, "unauthorized")

"""The Bolt app, on ``POST /slack/events`` of the ``serve`` process and, with an app token,
over Socket Mode too: the same listeners either way.

Every HTTP request is verified (the signature, and a timestamp within five minutes) before
Bolt parses it, and answered 401 otherwise (``adapters.slack.verify``); Socket Mode needs no
public address, for sites behind a firewall.
"""

from __future__ import annotations

import asyncio
import logging

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.app.async_app import AsyncApp
from slack_sdk.signature import SignatureVerifier

from adapters.settings import SlackSettings
from adapters.slack.background import Background
from adapters.slack.client import make_client
from adapters.slack.files import SlackFiles
from adapters.slack.people import SlackPeople
from adapters.slack.surfaces import SlackRuntime, SlackSurfaces
from adapters.slack.verify import refusal
from bot.core import BotCore

logger = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
BOLT_LOGGER = "adapters.slack.bolt"
#: How long a stopping web process lets answers already acknowledged finish.
SHUTDOWN_SECONDS = 10.0


class _QuietAboutTheToken(logging.Filter):
    """Drops Bolt's warning that the token is unused when a client is given.

    Bolt reads ``SLACK_BOT_TOKEN`` from the environment by itself when no token is passed,
    then warns that the client's token wins; the client carries that very token.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


def _bolt_logger() -> logging.Logger:
    """Bolt's logger, its one useless warning filtered out (once, however many apps)."""
    bolt_logger = logging.getLogger(BOLT_LOGGER)
    if not any(isinstance(f, _QuietAboutTheToken) for f in bolt_logger.filters):
        bolt_logger.addFilter(_QuietAboutTheToken())
    return bolt_logger


class SlackApp:
    """The Bolt app with its listeners and the background work they hand over."""

    def __init__(
        self,
        bolt: AsyncApp,
        background: Background,
        app_token: str = "",
        *,
        verifier: SignatureVerifier,
    ) -> None:
        self.bolt = bolt
        self._verifier = verifier
        self.background = background
        self._app_token = app_token
        self._socket: AsyncSocketModeHandler | None = None
        self._connecting: asyncio.Task[None] | None = None

    async def handle(self, request: web.Request) -> web.Response:
        """``POST /slack/events``: commands, events and interactivity, as Bolt expects; 401
        for a request Slack did not sign, before anything reads its body."""
        why = refusal(await request.read(), request.headers, self._verifier)
        if why is not None:
            logger.info("slack: refused a request (%s)", why)
            return web.json_response({"error": "invalid request"}, status=401)
        with self.background.acknowledging():
            response = await self.bolt.async_dispatch(await to_bolt_request(request))
            return await to_aiohttp_response(response)

    async def start(self, app: web.Application | None = None) -> None:
        """Open one HTTP session for every Web API call, then Socket Mode if configured.

        Without a session of its own, slack_sdk opens and closes a connection per call, which
        under a burst of answers costs the event loop more than the acknowledgements do.
        """
        client = self.bolt.client
        if client.session is None:
            client.session = aiohttp.ClientSession()
        await self.start_socket_mode(app)

    async def start_socket_mode(self, app: web.Application | None = None) -> None:
        """Connect over Socket Mode in the background; HTTP keeps working if it cannot."""
        if not self._app_token or self._socket is not None:
            return
        self._socket = AsyncSocketModeHandler(self.bolt, self._app_token)
        self._connecting = asyncio.create_task(self._connect(self._socket))

    async def stop(self, app: web.Application | None = None) -> None:
        """Close Socket Mode and let acknowledged work finish (bounded)."""
        if self._connecting is not None:
            self._connecting.cancel()
        if self._socket is not None:
            await self._socket.close_async()
            self._socket = None
        try:
            async with asyncio.timeout(SHUTDOWN_SECONDS):
                await self.background.drain()
        except TimeoutError:
            logger.warning("slack: stopped with %d answers unfinished", len(self.background))
        session, self.bolt.client.session = self.bolt.client.session, None
        if session is not None:
            await session.close()

    @staticmethod
    async def _connect(handler: AsyncSocketModeHandler) -> None:
        try:
            await handler.connect_async()
            logger.info("slack: connected over Socket Mode")
        except Exception as error:
            # The type only: the message of a failed connection may quote the request.
            logger.error("slack: Socket Mode could not connect (%s)", type(error).__name__)


def build_slack_app(
    runtime: SlackRuntime, bot: BotCore, settings: SlackSettings | None = None
) -> SlackApp:
    """The Bolt app for ``settings`` (default: the runtime's), its listeners registered.

    Only explicit values go in: the client (token, base URL, retries) and the signing secret.
    Bolt checks the token with ``auth.test`` on the first request and keeps the answer.
    """
    settings = settings or runtime.settings.slack
    if settings is None:
        raise ValueError("Slack is not configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET")
    client = make_client(settings)
    bolt = AsyncApp(
        name="harmonibot",
        client=client,
        signing_secret=settings.signing_secret,
        # SlackApp.handle has verified every request before Bolt sees it; Bolt's own check
        # would log a refused body (Socket Mode needs none).
        request_verification_enabled=False,
        logger=_bolt_logger(),
    )
    background = Background()
    # First: Bolt runs the first listener that matches, and these take only shared files.
    SlackFiles(runtime=runtime, bot=bot, background=background).register(bolt)
    SlackSurfaces(
        runtime=runtime,
        bot=bot,
        people=SlackPeople(client),
        background=background,
    ).register(bolt)
    verifier = SignatureVerifier(settings.signing_secret)
    return SlackApp(bolt, background, settings.app_token, verifier=verifier)


SLACK = web.AppKey("slack", SlackApp)


def mount_slack(app: web.Application, runtime: SlackRuntime, bot: BotCore) -> None:
    """Add ``POST /slack/events`` to the web app, and Socket Mode when an app token is set."""
    slack = build_slack_app(runtime, bot)
    app[SLACK] = slack
    app.router.add_post(EVENTS_PATH, slack.handle)
    app.on_startup.append(slack.start)
    app.on_shutdown.append(slack.stop)

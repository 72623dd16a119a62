"""The aiohttp application of ``harmonibot serve``: health check, web chat, sign-in, dashboard.

:func:`make_app` builds the application and adds only its own routes; the Slack and Teams
adapters add theirs (``/slack/events``, ``/api/messages``) to the same application.
"""

from __future__ import annotations

import asyncio
import logging
from importlib.resources import files
from typing import Protocol

from aiohttp import web
from aiohttp.typedefs import Handler

from adapters.calendar import uk_working_days
from adapters.settings import Settings
from adapters.web.bridge import off_loop
from adapters.web.chat import ChatConfig, mount_chat, visitor_bot
from adapters.web.contacts_page import mount_contacts
from adapters.web.dashboard import DashboardConfig, mount_dashboard
from adapters.web.guard import HostPolicy, host_guard
from adapters.web.oidc import Provider, mount_oidc
from adapters.web.sessions import chat_signin, chat_signout
from adapters.web.signin import signing_key
from bot.core import BotCore
from commplan.ports import Clock, UnitOfWorkFactory
from commplan.services.health import check_database

logger = logging.getLogger(__name__)


class WebRuntime(Protocol):
    """What the web needs of ``adapters.bootstrap.Runtime``.

    Named here rather than imported, so that this package stays clear of storage, which the
    composition root wires in.
    """

    @property
    def uow(self) -> UnitOfWorkFactory: ...

    @property
    def clock(self) -> Clock: ...

    @property
    def settings(self) -> Settings: ...


RUNTIME = web.AppKey("runtime", WebRuntime)
BOT = web.AppKey("bot", BotCore)

HEALTH_TIMEOUT = 5.0

# The page loads nothing but its own script and style sheet and talks only to this server;
# images may also be data: URIs, as a chart carried in a reply (the digest's) is drawn.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
_PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    # same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" with a
    # form's POST (sign-out), which the Origin check must refuse; other sites still get nothing.
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-cache",
}
_ASSETS = {
    "/chat": ("chat.html", "text/html"),
    "/chat/chat.js": ("chat.js", "text/javascript"),
    "/chat/chat.css": ("chat.css", "text/css"),
    "/chat/favicon.svg": ("favicon.svg", "image/svg+xml"),
}


def make_app(runtime: WebRuntime, bot: BotCore, *, loopback: bool = False) -> web.Application:
    """The web application with ``/healthz``, ``/``, the web chat, sign-in and the dashboard.

    ``loopback``: the server listens where only this machine can reach it. Only then, and only
    with no public address and no single sign-on configured, does the web chat trust a typed
    name; anywhere else identity comes from a session. The runtime and the bot are kept under
    :data:`RUNTIME` and :data:`BOT` for other modules that add routes to the same application.
    """
    settings = runtime.settings
    app = web.Application(middlewares=[host_guard(HostPolicy.from_public_url(settings.public_url))])
    app[RUNTIME] = runtime
    app[BOT] = bot
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/", index)
    for path, (name, content_type) in _ASSETS.items():
        app.router.add_get(path, _asset_handler(name, content_type))
    oidc = settings.oidc
    mount_chat(
        app,
        ChatConfig(
            uow=runtime.uow,
            clock=runtime.clock,
            bot=bot,
            visitors=visitor_bot(bot),
            typed_names=loopback and not settings.public_url and oidc is None,
            single_sign_on=oidc.label if oidc else "",
        ),
    )
    app.router.add_get("/chat/signin", chat_signin)
    app.router.add_post("/chat/signout", chat_signout)
    if oidc is not None:
        mount_oidc(
            app,
            Provider(
                issuer=oidc.issuer,
                client_id=oidc.client_id,
                client_secret=oidc.client_secret,
                label=oidc.label,
                public_url=settings.public_url,
            ),
        )
    mount_dashboard(
        app,
        DashboardConfig(
            uow=runtime.uow,
            clock=runtime.clock,
            key=signing_key(settings.secret_key),
            secure_cookies=settings.public_url.startswith("https://"),
            calendar=uk_working_days(settings.holiday_region),
            unanswered_after_days=settings.unanswered_after_days,
            timezone=settings.timezone,
        ),
    )
    mount_contacts(app, standards=bot.deps.standards)
    return app


async def healthz(request: web.Request) -> web.Response:
    """``{"status": "ok", "database": "ok"}``, or 503 when the database does not answer."""
    runtime = request.app[RUNTIME]
    try:
        # Bounded, so that a hung connection attempt still gets the prober an answer.
        await asyncio.wait_for(off_loop(check_database, runtime.uow()), HEALTH_TIMEOUT)
    except Exception as error:
        # The type only: a driver's message can carry the connection string.
        logger.warning("health check: the database is unreachable (%s)", type(error).__name__)
        return web.json_response(
            {"status": "unavailable", "database": "unreachable"},
            status=503,
            headers={"Cache-Control": "no-store"},
        )
    return web.json_response(
        {"status": "ok", "database": "ok"}, headers={"Cache-Control": "no-store"}
    )


async def index(request: web.Request) -> web.StreamResponse:
    """The web chat is the only page at the root for now."""
    raise web.HTTPFound(location="/chat")


def _asset_handler(name: str, content_type: str) -> Handler:
    # Read once, when the application is built: the files are small and ship in the package.
    body = files("adapters.web").joinpath("static", name).read_bytes()

    async def handler(request: web.Request) -> web.Response:
        return web.Response(
            body=body, content_type=content_type, charset="utf-8", headers=_PAGE_HEADERS
        )

    return handler

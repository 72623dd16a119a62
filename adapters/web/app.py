"""The aiohttp application of ``harmonibot serve``: health check, the web chat and its notices.

:func:`make_app` builds the application and adds only its own routes; the Slack and Teams
adapters add theirs (``/slack/events``, ``/api/messages``) to the same application.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from importlib.resources import files
from typing import Protocol

from aiohttp import web
from aiohttp.typedefs import Handler

from adapters.calendar import uk_working_days
from adapters.http import json_error, read_body
from adapters.settings import Settings
from adapters.web.bridge import off_loop
from adapters.web.dashboard import DashboardConfig, mount_dashboard
from adapters.web.guard import HostPolicy, host_guard
from adapters.web.render import render_html
from adapters.web.signin import signing_key
from bot.core import BotCore
from bot.messages import Action, Actor, Incoming, Reply
from bot.reply_codec import BadReplyDocument, decode_reply
from commplan.notices import Notice
from commplan.ports import Clock, UnitOfWorkFactory
from commplan.services.health import check_database
from commplan.services.notices import TEAM_INBOX, notices_for

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

MAX_BODY = 16 * 1024
MAX_NAME = 200
MAX_MESSAGE_ID = 200
HEALTH_TIMEOUT = 5.0
# Notices per request; the page asks again with the cursor, so a long absence comes in pages.
NOTICES_PER_PAGE = 50

# The page loads nothing but its own script and style sheet and talks only to this server;
# images may also be data: URIs, as a chart carried in a reply (the digest's) is drawn.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
_PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
_ASSETS = {
    "/chat": ("chat.html", "text/html"),
    "/chat/chat.js": ("chat.js", "text/javascript"),
    "/chat/chat.css": ("chat.css", "text/css"),
    "/chat/favicon.svg": ("favicon.svg", "image/svg+xml"),
}


class BadMessage(ValueError):
    """A chat message body that cannot be used; the text says which field and why."""


@dataclass(frozen=True, kw_only=True)
class ChatMessage:
    """What the web chat page posts: who, what, its id, and the button pressed if any."""

    name: str
    text: str
    message_id: str
    action: Action | None


def make_app(runtime: WebRuntime, bot: BotCore) -> web.Application:
    """The web application with ``/healthz``, ``/`` and the web chat under ``/chat``.

    The runtime and the bot are kept under :data:`RUNTIME` and :data:`BOT` for other modules
    that add routes to the same application.
    """
    settings = runtime.settings
    app = web.Application(middlewares=[host_guard(HostPolicy.from_public_url(settings.public_url))])
    app[RUNTIME] = runtime
    app[BOT] = bot
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/", index)
    for path, (name, content_type) in _ASSETS.items():
        app.router.add_get(path, _asset_handler(name, content_type))
    app.router.add_post("/chat/messages", post_message)
    app.router.add_get("/chat/notices", get_notices)
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


async def post_message(request: web.Request) -> web.Response:
    """One chat turn: the posted message through the bot, the reply as text, HTML and buttons."""
    if request.content_type != "application/json":
        return json_error(415, "send the message as JSON (Content-Type: application/json)")
    body = await read_body(request, MAX_BODY)
    if body is None:
        return json_error(413, f"the message is larger than {MAX_BODY // 1024} KB")
    try:
        message = parse_message(json.loads(body.decode("utf-8")))
    except json.JSONDecodeError as error:
        return json_error(
            400, f"the body is not JSON: {error.msg} at line {error.lineno} column {error.colno}"
        )
    except UnicodeDecodeError:
        return json_error(400, "the body is not UTF-8 text")
    except RecursionError:
        return json_error(400, "the body is JSON nested too deeply")
    except BadMessage as error:
        return json_error(400, str(error))

    runtime = request.app[RUNTIME]
    incoming = Incoming(
        actor=Actor(platform="web", user_id=message.name or "guest", name=message.name),
        text=message.text,
        at=runtime.clock.now(),
        conversation="web:" + message.name,
        message_id=message.message_id,
        action=message.action,
    )
    reply = await request.app[BOT].handle_async(incoming)
    return web.json_response(reply_document(reply), headers={"Cache-Control": "no-store"})


async def get_notices(request: web.Request) -> web.Response:
    """What the bot sent this person (and, for the team, the team) while they were away.

    ``?as=NAME&after=ID``: the person's notices with an id above ``after``, oldest first, each
    rendered as a chat reply, and ``cursor``, the id to send as ``after`` next time. A name
    the directory does not know gets an empty list: the page asks before anyone has typed.
    """
    name = request.query.get("as", "").strip()[:MAX_NAME]
    try:
        after = int(request.query.get("after", "0") or "0")
    except ValueError:
        return json_error(400, "'after' must be a whole number, the last notice id seen")
    if after < 0:
        return json_error(400, "'after' must not be negative")
    runtime = request.app[RUNTIME]
    notices = await off_loop(notices_for, runtime.uow(), name, after=after, limit=NOTICES_PER_PAGE)
    return web.json_response(
        {
            "notices": [notice_document(notice) for notice in notices],
            "cursor": notices[-1].id if notices else after,
        },
        headers={"Cache-Control": "no-store"},
    )


def notice_document(notice: Notice) -> dict[str, object]:
    """A notice as the chat page shows it: the reply's document plus id, time and inbox."""
    reply = Reply(text=notice.text)
    if notice.payload is not None:
        try:
            reply = decode_reply(notice.payload)
        except BadReplyDocument:
            # Shown as its text rather than not at all; the row is still the person's.
            logger.warning("notice %d: the stored reply is unreadable; showing its text", notice.id)
    return {
        **reply_document(reply),
        "id": notice.id,
        "at": notice.at.isoformat(),
        "team": notice.person == TEAM_INBOX,
    }


def parse_message(document: object) -> ChatMessage:
    """Check a posted JSON document and turn it into a :class:`ChatMessage`.

    Raises:
        BadMessage: a field is missing, of the wrong type or too long; the text names it.
    """
    if not isinstance(document, dict):
        raise BadMessage("the body must be a JSON object with 'name', 'text' and 'message_id'")
    name = _string(document, "name", MAX_NAME).strip()
    text = _string(document, "text", MAX_BODY, required=True)
    message_id = _string(document, "message_id", MAX_MESSAGE_ID).strip()
    action = None
    raw_action = document.get("action")
    if raw_action is not None:
        if not isinstance(raw_action, dict):
            raise BadMessage("'action' must be null or an object with 'action_id' and 'value'")
        action_id = _string(raw_action, "action_id", MAX_NAME, required=True, within="action")
        if not action_id:
            raise BadMessage("'action.action_id' must not be empty")
        value = _string(raw_action, "value", MAX_BODY, within="action")
        action = Action(action_id=action_id, value=value)
    return ChatMessage(name=name, text=text, message_id=message_id, action=action)


def _string(
    document: dict[str, object],
    key: str,
    limit: int,
    *,
    required: bool = False,
    within: str = "",
) -> str:
    label = f"{within}.{key}" if within else key
    value = document.get(key)
    if value is None:
        if required:
            raise BadMessage(f"'{label}' is missing; it must be a string")
        return ""
    if not isinstance(value, str):
        raise BadMessage(f"'{label}' must be a string, not {_json_type(value)}")
    if len(value) > limit:
        raise BadMessage(f"'{label}' is longer than {limit} characters")
    return value


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "an array"
    return "an object" if isinstance(value, dict) else type(value).__name__


def reply_document(reply: Reply) -> dict[str, object]:
    """The JSON the chat page receives: plain text, intent, escaped HTML and the buttons."""
    return {
        "text": reply.text,
        "intent": reply.intent,
        "html": render_html(reply),
        "buttons": [
            {"label": b.label, "action_id": b.action_id, "value": b.value} for b in reply.buttons
        ],
    }

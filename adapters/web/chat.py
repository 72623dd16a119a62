"""The web chat's routes: one turn, the notices left for the person, and who they are.

Who is talking comes from a session (a link from a Slack or Teams direct message, or single
sign-on). Without one a visitor asks about standards only, anonymously: their turns go to a
bot that knows nothing but the standards commands, and a message that names anything else
gets a sign-in prompt. A typed name is trusted only where the server is reachable from this
machine alone and no sign-in is configured (``typed_names``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from aiohttp import web

from adapters.http import json_error, read_body
from adapters.web.bridge import off_loop
from adapters.web.messages import (
    MAX_BODY,
    MAX_NAME,
    BadMessage,
    ChatMessage,
    notice_document,
    parse_message,
    reply_document,
)
from adapters.web.sessions import current_session
from bot.commands import builtin_router, help, standards
from bot.core import BotCore
from bot.messages import Actor, Context, Incoming, Reply, Text
from commplan.ports import Clock, UnitOfWorkFactory
from commplan.services.notices import notices_for

# Notices per request; the page asks again with the cursor, so a long absence comes in pages.
NOTICES_PER_PAGE = 50
#: The largest notice id a database column holds: a bigger cursor is a bad request, not a 500.
MAX_NOTICE_ID = 2**63 - 1
NO_STORE = {"Cache-Control": "no-store"}
#: The intent of the reply that asks a visitor to sign in.
SIGN_IN_NEEDED = "sign_in_needed"


@dataclass(frozen=True, kw_only=True)
class ChatConfig:
    """The web chat's bots, and how people may say who they are.

    ``visitors`` answers anyone without a session: standards only. ``single_sign_on`` is the
    provider's label when single sign-on is configured, else "".
    """

    uow: UnitOfWorkFactory
    clock: Clock
    bot: BotCore
    visitors: BotCore
    typed_names: bool
    single_sign_on: str = ""


CHAT = web.AppKey("chat", ChatConfig)


def visitor_bot(bot: BotCore) -> BotCore:
    """A bot with the same deps that knows only what anyone may ask: the standards."""
    allowed = tuple(c for c in standards.COMMANDS if not c.team_only)
    return BotCore(bot.deps, builtin_router((*allowed, help.help_command(allowed))))


def mount_chat(app: web.Application, config: ChatConfig) -> None:
    app[CHAT] = config
    app.router.add_post("/chat/messages", post_message)
    app.router.add_get("/chat/notices", get_notices)
    app.router.add_get("/chat/session", get_session)


@dataclass(frozen=True, kw_only=True)
class Speaker:
    """Who a turn is from: a known name, or nobody (an anonymous visitor)."""

    name: str

    @property
    def anonymous(self) -> bool:
        return not self.name


async def speaker(request: web.Request, typed: str) -> Speaker:
    """The session's person; else the typed name where typed names are trusted; else nobody."""
    session = await current_session(request)
    if session is not None:
        return Speaker(name=session.person)
    return Speaker(name=typed if request.app[CHAT].typed_names else "")


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

    config = request.app[CHAT]
    who = await speaker(request, message.name)
    incoming = _incoming(message, who, config)
    if who.anonymous:
        reply = (
            await config.visitors.handle_async(incoming)
            if _visitor_may_ask(config, incoming)
            else sign_in_prompt(config, message.text)
        )
    else:
        reply = await config.bot.handle_async(incoming)
    return web.json_response(reply_document(reply), headers=NO_STORE)


def _incoming(message: ChatMessage, who: Speaker, config: ChatConfig) -> Incoming:
    # An anonymous visitor is "anonymous" to the bot: no name to look up, none to record.
    user_id = who.name or "anonymous"
    return Incoming(
        actor=Actor(platform="web", user_id=user_id, name=who.name),
        text=message.text,
        at=config.clock.now(),
        conversation="web:" + who.name,
        message_id=message.message_id,
        action=message.action,
    )


def _visitor_may_ask(config: ChatConfig, incoming: Incoming) -> bool:
    """Whether what the message names (if the whole bot knows it) is open to visitors."""
    route = config.bot.router.route(incoming)
    if route is None:
        return True  # the visitors' bot reads it, as a standards question at most
    return any(c.name == route.command.name for c in config.visitors.router.commands)


def sign_in_prompt(config: ChatConfig, text: str) -> Reply:
    """What a visitor gets for asking about the plan, their actions or contacts."""
    asked = " ".join(text.split())[:60]
    ways = "ask me for 'web chat link' in a direct message on Slack or Teams"
    if config.typed_names:
        ways = "type your name at the top of the page (this is a local trial)"
    elif config.single_sign_on:
        ways = f"use 'Sign in with {config.single_sign_on}' at the top of the page, or {ways}"
    first = f"'{asked}' needs to know who you are. Please sign in first: {ways}."
    then = "Without signing in you can still ask me about harmonised standards."
    return Reply(
        text=f"{first}\n{then}",
        blocks=(Text(text=first), Context(text=then)),
        intent=SIGN_IN_NEEDED,
    )


async def get_notices(request: web.Request) -> web.Response:
    """What the bot sent this person (and, for the team, the team) while they were away.

    ``?after=ID``: the signed-in person's notices with an id above ``after``, oldest first,
    each rendered as a chat reply, and ``cursor``, the id to send as ``after`` next time.
    Where typed names are trusted, ``as=NAME`` names the person instead; a name the
    directory does not know gets an empty list. A visitor without a session gets 401.
    """
    try:
        after = int(request.query.get("after", "0") or "0")
    except ValueError:
        return json_error(400, "'after' must be a whole number, the last notice id seen")
    if not 0 <= after <= MAX_NOTICE_ID:
        return json_error(400, f"'after' must be a notice id, from 0 to {MAX_NOTICE_ID}")
    who = await speaker(request, request.query.get("as", "").strip()[:MAX_NAME])
    if who.anonymous:
        return json_error(401, "sign in to see the notices the bot left for you")
    config = request.app[CHAT]
    notices = await off_loop(
        notices_for, config.uow(), who.name, after=after, limit=NOTICES_PER_PAGE
    )
    return web.json_response(
        {
            "notices": [notice_document(notice) for notice in notices],
            "cursor": notices[-1].id if notices else after,
        },
        headers=NO_STORE,
    )


async def get_session(request: web.Request) -> web.Response:
    """``GET /chat/session``: who the page is signed in as, and how else one may say who."""
    config = request.app[CHAT]
    session = await current_session(request)
    return web.json_response(
        {
            "person": session.person if session else None,
            "typed_names": config.typed_names,
            "single_sign_on": config.single_sign_on or None,
        },
        headers=NO_STORE,
    )

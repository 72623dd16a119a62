"""How the bot's replies reach Slack: asked of the core once, then posted or sent privately.

Every answer goes through :func:`answer_once`, which drops the core's "answered before" reply
to a request Slack delivered again, and then through :func:`post_reply` (a channel, a thread
or a DM, rendered by :func:`~adapters.slack.render.render_messages`) or, for slash commands
and buttons, :func:`respond_privately` (``response_url``, seen by the asker only).
"""

from __future__ import annotations

import logging
from typing import Protocol

from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.render import render_messages
from bot.messages import DUPLICATE, Incoming, Reply, Text

logger = logging.getLogger(__name__)


class Answers(Protocol):
    """What Slack needs of ``bot.core.BotCore``."""

    async def handle_async(self, incoming: Incoming) -> Reply: ...


async def answer_once(
    bot: Answers, incoming: Incoming, *, label: str, retry: str = ""
) -> Reply | None:
    """The core's reply, or None when the core answered this request before.

    ``label`` names the request in the log (``slack:event:<event id>``); ``retry`` is Slack's
    retry number, when it sent one.
    """
    reply = await bot.handle_async(incoming)
    if reply.intent != DUPLICATE:
        return reply
    again = f" (Slack retry {retry})" if retry else ""
    logger.warning("slack: %s arrived again%s; it was answered once already", label, again)
    return None


async def post_reply(
    client: AsyncWebClient, channel: str, reply: Reply, thread_ts: str | None = None
) -> None:
    """Post a reply in a channel (in a thread under ``thread_ts``); long ones in order, in parts."""
    for payload in render_messages(reply):
        await client.chat_postMessage(
            channel=channel, thread_ts=thread_ts, unfurl_links=False, unfurl_media=False, **payload
        )


async def post_direct(client: AsyncWebClient, user: str, reply: Reply) -> None:
    """Post a reply in the user's direct messages with the bot."""
    opened = await client.conversations_open(users=user)
    await post_reply(client, str((opened.get("channel") or {}).get("id") or user), reply)


async def respond_privately(respond: AsyncRespond, reply: Reply) -> None:
    """Send a reply through ``response_url``: only the person who asked sees it."""
    for payload in render_messages(reply):
        response = await respond(
            text=payload["text"],
            blocks=payload["blocks"],
            response_type="ephemeral",
            replace_original=False,
        )
        if response.status_code != 200:
            raise RuntimeError(f"response_url answered HTTP {response.status_code}")


async def refuse(respond: AsyncRespond, text: str) -> None:
    """Say privately why a request is refused (where Slack gave somewhere to say it)."""
    if respond.response_url is None:
        # Only a global shortcut comes without one, and the manifest defines none.
        logger.info("slack: a refusal had nowhere to go")
        return
    await respond_privately(respond, Reply(text=text, blocks=(Text(text=text),)))

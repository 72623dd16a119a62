"""The Slack surfaces: mentions, direct messages, /harmonise, buttons, App Home, the shortcut.

Every request is acknowledged at once and the answer left to :class:`Background`: Slack wants
its acknowledgement within three seconds, and answering needs the database and the Web API.
Bolt acknowledges events before it calls their listener; commands, buttons, the shortcut and
the modal are acknowledged by :func:`acknowledge_at_once` just as early.

A listener translates Slack's payload into an :class:`~bot.messages.Incoming` whose
``message_id`` is Slack's own id for the request (the event id, the command's trigger id, the
button's message and action timestamps), hands it to the core, and posts the reply. The core
answers each id once, so Slack's retries and repeated deliveries are answered once, even by
several web processes.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient

from adapters.settings import Settings
from adapters.slack.background import Background
from adapters.slack.contact_modal import CALLBACK_ID
from adapters.slack.contact_shortcut import ContactShortcut
from adapters.slack.home import AppHome
from adapters.slack.people import SlackPeople
from adapters.slack.render import original_action_id
from adapters.slack.replies import answer_once, post_direct, post_reply, respond_privately
from adapters.slack.text import plain_text
from bot.core import BotCore
from bot.messages import Action, Incoming
from commplan.ports import Clock, UnitOfWorkFactory

logger = logging.getLogger(__name__)

COMMAND = "/harmonise"
SHORTCUT = CALLBACK_ID
Body = dict[str, Any]


class SlackRuntime(Protocol):
    """What Slack needs of ``adapters.bootstrap.Runtime`` (named here to stay clear of storage)."""

    @property
    def uow(self) -> UnitOfWorkFactory: ...

    @property
    def clock(self) -> Clock: ...

    @property
    def settings(self) -> Settings: ...


class SlackSurfaces:
    """The listeners, registered on a Bolt app by :meth:`register`."""

    def __init__(
        self,
        *,
        runtime: SlackRuntime,
        bot: BotCore,
        people: SlackPeople,
        background: Background,
    ) -> None:
        self._clock = runtime.clock
        self._bot = bot
        self._people = people
        self._background = background
        self._home = AppHome(
            bot=bot,
            people=people,
            uow=runtime.uow,
            clock=runtime.clock,
            public_url=runtime.settings.public_url,
        )
        self._contacts = ContactShortcut(
            uow=runtime.uow,
            clock=runtime.clock,
            timezone=runtime.settings.timezone,
            standards=bot.deps.standards,
            people=people,
        )

    def register(self, app: AsyncApp) -> None:
        """Add every listener to ``app``; HTTP and Socket Mode share them."""
        app.event("app_mention")(self.on_mention)
        app.event("message")(self.on_message)
        app.event("app_home_opened")(self.on_home_opened)
        first = [acknowledge_at_once]
        app.command(COMMAND, middleware=first)(self.on_command)
        # Every button of every reply; the router knows which command each belongs to.
        app.action(re.compile(r".+"), middleware=first)(self.on_action)
        app.shortcut(SHORTCUT, middleware=first)(self.on_shortcut)
        app.view(SHORTCUT, middleware=first)(self.on_contact_submitted)

    # -- listeners: already acknowledged (by Bolt, or acknowledge_at_once); hand over -------

    async def on_mention(
        self,
        event: Body,
        body: Body,
        client: AsyncWebClient,
        context: AsyncBoltContext,
        request: AsyncBoltRequest,
    ) -> None:
        """``@harmonibot ...`` in a channel: answered in a thread under the mention."""
        self._hand_over_event(event, body, client, context, request, in_thread=True)

    async def on_message(
        self,
        event: Body,
        body: Body,
        client: AsyncWebClient,
        context: AsyncBoltContext,
        request: AsyncBoltRequest,
    ) -> None:
        """A direct message; bots, edits, deletions and other subtypes are left alone."""
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return
        if "edited" in event:
            return
        self._hand_over_event(event, body, client, context, request, in_thread=False)

    async def on_home_opened(
        self, event: Body, body: Body, client: AsyncWebClient, request: AsyncBoltRequest
    ) -> None:
        """The App Home tab: published fresh each time it is opened."""
        user = str(event.get("user") or "")
        if event.get("tab", "home") != "home" or not user:
            return
        self._background.spawn(
            self._home.publish(
                client, user, event_id=str(body.get("event_id") or ""), retry=_retry(request)
            ),
            "publishing App Home",
        )

    async def on_command(self, command: Body, respond: AsyncRespond) -> None:
        """``/harmonise <anything the bot understands>``; the answer only the asker sees."""
        self._background.spawn(self._answer_command(command, respond), f"answering {COMMAND}")

    async def on_action(
        self,
        body: Body,
        action: Body,
        respond: AsyncRespond,
        client: AsyncWebClient,
    ) -> None:
        """A button in any of the bot's messages or the Home tab."""
        if action.get("type") != "button":
            return
        self._background.spawn(
            self._answer_action(body, action, respond, client),
            f"answering the {original_action_id(str(action.get('action_id')))} button",
        )

    async def on_shortcut(
        self, shortcut: Body, respond: AsyncRespond, client: AsyncWebClient
    ) -> None:
        """The "Log as contact" message shortcut: opens the prefilled modal (team only)."""
        self._background.spawn(
            self._contacts.open_modal(shortcut, respond, client), "opening the contact modal"
        )

    async def on_contact_submitted(self, body: Body, view: Body, client: AsyncWebClient) -> None:
        """The modal's submission (closed by the acknowledgement), then the contact logged."""
        self._background.spawn(self._contacts.log(body, view, client), "logging a contact")

    def _hand_over_event(
        self,
        event: Body,
        body: Body,
        client: AsyncWebClient,
        context: AsyncBoltContext,
        request: AsyncBoltRequest,
        *,
        in_thread: bool,
    ) -> None:
        self._background.spawn(
            self._answer_event(
                event,
                body,
                client,
                bot_user_id=context.bot_user_id or "",
                retry=_retry(request),
                in_thread=in_thread,
            ),
            "answering a mention" if in_thread else "answering a direct message",
        )

    # -- after the acknowledgement: translate, ask the core, post ------------------------------

    async def _answer_event(
        self,
        event: Body,
        body: Body,
        client: AsyncWebClient,
        *,
        bot_user_id: str,
        retry: str,
        in_thread: bool,
    ) -> None:
        user, channel = str(event.get("user") or ""), str(event.get("channel") or "")
        if not user or not channel:
            return
        event_id = str(body.get("event_id") or "")
        incoming = Incoming(
            actor=await self._people.actor(user),
            text=plain_text(str(event.get("text") or ""), bot_user_id),
            at=self._clock.now(),
            conversation=channel,
            message_id=event_id,
            direct=not in_thread,
        )
        reply = await answer_once(self._bot, incoming, label=f"slack:event:{event_id}", retry=retry)
        if reply is not None:
            thread_ts = (event.get("thread_ts") or event.get("ts")) if in_thread else None
            await post_reply(client, channel, reply, thread_ts=thread_ts)

    async def _answer_command(self, command: Body, respond: AsyncRespond) -> None:
        user, channel = str(command.get("user_id") or ""), str(command.get("channel_id") or "")
        trigger = str(command.get("trigger_id") or "")
        incoming = Incoming(
            actor=await self._people.actor(user),
            text=plain_text(str(command.get("text") or "")),
            at=self._clock.now(),
            conversation=channel,
            message_id=trigger,
            direct=True,
        )
        reply = await answer_once(self._bot, incoming, label=f"slack:command:{trigger}")
        if reply is not None:
            await respond_privately(respond, reply)

    async def _answer_action(
        self, body: Body, action: Body, respond: AsyncRespond, client: AsyncWebClient
    ) -> None:
        container = body.get("container") or {}
        user = str((body.get("user") or {}).get("id") or "")
        if not user:
            return
        channel = str(container.get("channel_id") or (body.get("channel") or {}).get("id") or "")
        where = str(container.get("message_ts") or container.get("view_id") or "")
        pressed = str(action.get("action_ts") or "")
        # Slack's id for a press: the message (or view) it was on, and when it was pressed.
        message_id = f"{where}:{pressed}" if where or pressed else ""
        incoming = Incoming(
            actor=await self._people.actor(user),
            text="",
            at=self._clock.now(),
            conversation=channel or "home",
            message_id=message_id,
            action=Action(
                action_id=original_action_id(str(action.get("action_id") or "")),
                value=str(action.get("value") or ""),
            ),
            direct=not channel.startswith("C"),
        )
        reply = await answer_once(self._bot, incoming, label=f"slack:action:{message_id}")
        if reply is None:
            return
        if body.get("response_url"):
            await respond_privately(respond, reply)
        else:
            # Buttons on the Home tab have no response_url: the answer goes to the DM.
            await post_direct(client, user, reply)
        if container.get("type") == "view" and (body.get("view") or {}).get("type") == "home":
            await self._home.publish(client, user)


async def acknowledge_at_once(
    ack: AsyncAck, next_: Callable[[], Awaitable[BoltResponse]]
) -> BoltResponse:
    """Listener middleware: acknowledge before the listener itself is even scheduled.

    Bolt runs a command's or an action's listener as a task and waits for its ``ack()``;
    under a burst of requests that task queues behind the answers already under way. Acking
    here, inline in the dispatch, makes a command as quick to acknowledge as an event (which
    Bolt acknowledges by itself before its listener runs).
    """
    await ack()
    return await next_()


def _retry(request: AsyncBoltRequest) -> str:
    return (request.headers.get("x-slack-retry-num") or [""])[0]

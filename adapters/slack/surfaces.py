"""The Slack surfaces: mentions, direct messages, /harmonise, buttons, App Home, the shortcut.

Every request is acknowledged at once and the answer left to :class:`Background`: Slack wants
its acknowledgement within three seconds, and answering needs the database and the Web API.
Bolt acknowledges events before it calls their listener; commands, buttons, the shortcut and
the modal are acknowledged by :func:`acknowledge_at_once` just as early. Each request is
claimed under a key made of Slack's own id for it before it is answered, so that Slack's
retries and repeated deliveries are answered once, even by several web processes.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from datetime import datetime
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
from adapters.slack.contact_modal import (
    CALLBACK_ID,
    MAX_SUMMARY,
    BadSubmission,
    ContactDraft,
    contact_modal,
    read_submission,
)
from adapters.slack.home import HOME_QUESTIONS, home_view
from adapters.slack.people import Resolved, SlackPeople, SlackProfile
from adapters.slack.render import original_action_id, render_messages
from adapters.slack.text import plain_text
from bot.core import BotCore
from bot.messages import Action, Fields, Incoming, Reply, Text
from commplan.permissions import CONTACTS_ARE_PERSONAL
from commplan.ports import Clock, UnitOfWorkFactory
from commplan.senders import SenderDirectory
from commplan.services.contacts import log_contacts

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
        self._runtime = runtime
        self._bot = bot
        self._people = people
        self._background = background

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
        self._background.spawn(
            self._answer_event(
                event,
                body,
                client,
                bot_user_id=context.bot_user_id or "",
                retry=_retry(request),
                in_thread=True,
            ),
            "answering a mention",
        )

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
        self._background.spawn(
            self._answer_event(
                event,
                body,
                client,
                bot_user_id=context.bot_user_id or "",
                retry=_retry(request),
                in_thread=False,
            ),
            "answering a direct message",
        )

    async def on_home_opened(
        self, event: Body, body: Body, client: AsyncWebClient, request: AsyncBoltRequest
    ) -> None:
        """The App Home tab: published fresh each time it is opened."""
        if event.get("tab", "home") != "home":
            return
        self._background.spawn(
            self._home_opened(event, body, client, _retry(request)), "publishing App Home"
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
            self._open_contact_modal(shortcut, respond, client), "opening the contact modal"
        )

    async def on_contact_submitted(self, body: Body, view: Body, client: AsyncWebClient) -> None:
        """The modal's submission (closed by the acknowledgement), then the contact logged."""
        self._background.spawn(self._log_contact(body, view, client), "logging a contact")

    # -- after the acknowledgement -------------------------------------------------------------

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
        if not await self._first(
            _key("event", event_id), kind="slack-event", user=user, item=channel, retry=retry
        ):
            return
        resolved = await self._people.resolve(user)
        reply = await self._bot.handle_async(
            Incoming(
                actor=resolved.actor,
                text=plain_text(str(event.get("text") or ""), bot_user_id),
                at=self._now(),
                conversation=channel,
                message_id=event_id,
                direct=not in_thread,
            )
        )
        thread_ts = (event.get("thread_ts") or event.get("ts")) if in_thread else None
        for payload in render_messages(reply):
            await client.chat_postMessage(
                channel=channel,
                thread_ts=thread_ts,
                unfurl_links=False,
                unfurl_media=False,
                **payload,
            )

    async def _answer_command(self, command: Body, respond: AsyncRespond) -> None:
        user, channel = str(command.get("user_id") or ""), str(command.get("channel_id") or "")
        trigger = str(command.get("trigger_id") or "")
        if not await self._first(
            _key("command", trigger), kind="slack-command", user=user, item=channel, retry=""
        ):
            return
        resolved = await self._people.resolve(user)
        reply = await self._bot.handle_async(
            Incoming(
                actor=resolved.actor,
                text=plain_text(str(command.get("text") or "")),
                at=self._now(),
                conversation=channel,
                message_id=trigger,
                direct=True,
            )
        )
        await _respond_all(respond, reply)

    async def _answer_action(
        self, body: Body, action: Body, respond: AsyncRespond, client: AsyncWebClient
    ) -> None:
        container = body.get("container") or {}
        user = str((body.get("user") or {}).get("id") or "")
        channel = str(container.get("channel_id") or (body.get("channel") or {}).get("id") or "")
        where = container.get("message_ts") or container.get("view_id") or ""
        message_id = f"{where}:{action.get('action_ts') or ''}"
        if not user or not await self._first(
            _key("action", message_id), kind="slack-action", user=user, item=channel, retry=""
        ):
            return
        resolved = await self._people.resolve(user)
        reply = await self._bot.handle_async(
            Incoming(
                actor=resolved.actor,
                text="",
                at=self._now(),
                conversation=channel or "home",
                message_id=message_id,
                action=Action(
                    action_id=original_action_id(str(action.get("action_id") or "")),
                    value=str(action.get("value") or ""),
                ),
                direct=not channel.startswith("C"),
            )
        )
        if body.get("response_url"):
            await _respond_all(respond, reply)
        else:
            # Buttons on the Home tab have no response_url: the answer goes to the DM.
            await self._direct(client, user, reply)
        if container.get("type") == "view" and (body.get("view") or {}).get("type") == "home":
            await self._publish_home(client, user)

    async def _home_opened(
        self, event: Body, body: Body, client: AsyncWebClient, retry: str
    ) -> None:
        user = str(event.get("user") or "")
        event_id = str(body.get("event_id") or "")
        if user and await self._first(
            _key("event", event_id), kind="slack-event", user=user, item="home", retry=retry
        ):
            await self._publish_home(client, user)

    async def _publish_home(self, client: AsyncWebClient, user: str) -> None:
        resolved = await self._people.resolve(user)
        answers = [
            await self._bot.handle_async(
                Incoming(actor=resolved.actor, text=question, at=self._now(), conversation="home")
            )
            for question in HOME_QUESTIONS
        ]
        public_url = self._runtime.settings.public_url
        view = home_view(
            name=resolved.actor.name,
            answers=answers,
            dashboard_url=f"{public_url}/dashboard" if resolved.is_team and public_url else "",
        )
        await client.views_publish(user_id=user, view=view)

    async def _open_contact_modal(
        self, shortcut: Body, respond: AsyncRespond, client: AsyncWebClient
    ) -> None:
        user = str((shortcut.get("user") or {}).get("id") or "")
        resolved = await self._people.resolve(user)
        if not resolved.is_team:
            await _refuse(respond, CONTACTS_ARE_PERSONAL + " Ask the harmonisation team to log it.")
            return
        message = shortcut.get("message") or {}
        channel = str((shortcut.get("channel") or {}).get("id") or "")
        ts = str(message.get("ts") or shortcut.get("message_ts") or "")
        if not message or not channel or not ts:
            await _refuse(respond, "Use 'Log as contact' from a message's menu.")
            return
        author_id = str(message.get("user") or "")
        author = (
            await self._people.profile(author_id)
            if author_id
            else SlackProfile(user_id="", name=str(message.get("username") or ""))
        )
        text = plain_text(str(message.get("text") or ""))
        draft = await asyncio.to_thread(self._draft, channel, ts, author, text)
        # The trigger_id is good for three seconds from the click, so this comes first.
        await client.views_open(trigger_id=shortcut["trigger_id"], view=contact_modal(draft))

    def _draft(self, channel: str, ts: str, author: SlackProfile, text: str) -> ContactDraft:
        """The modal's prefill: the author as the team knows them, else by their e-mail."""
        with self._runtime.uow() as uow:
            person = uow.people.find(slack_id=author.user_id) if author.user_id else None
            if person is None and author.email:
                person = uow.people.find(email=author.email)
            organisations = uow.organisations.all()
        known = {o.name.lower(): o for o in organisations}
        listed = known.get(person.organisation.lower()) if person and person.organisation else None
        if listed is not None:
            name, org_type, user_group = listed.name, listed.org_type, listed.user_group
        elif author.email:
            found = SenderDirectory(organisations).classify(author.email)
            name, org_type, user_group = found.organisation, found.org_type, found.user_group
        else:
            name, org_type, user_group = (person.organisation if person else ""), None, None
        lookup = self._bot.deps.standards().lookup(text) if text else None
        return ContactDraft(
            channel=channel,
            ts=ts,
            on=datetime.fromtimestamp(float(ts), tz=self._runtime.settings.timezone).date(),
            name=person.name if person else author.name,
            email=author.email or (person.email if person else ""),
            organisation=name,
            org_type=org_type,
            user_group=user_group,
            standard=lookup.matches[0].standard.name if lookup and lookup.answered else "",
            summary=text[:MAX_SUMMARY],
        )

    async def _log_contact(self, body: Body, view: Body, client: AsyncWebClient) -> None:
        user = str((body.get("user") or {}).get("id") or "")
        resolved = await self._people.resolve(user)
        if not resolved.is_team:
            await self._direct(client, user, Reply(text=CONTACTS_ARE_PERSONAL))
            return
        try:
            draft = read_submission(view)
        except BadSubmission as error:
            logger.warning("slack: a contact modal could not be read: %s", error)
            text = "Sorry, I could not read that form. Use 'Log as contact' on the message again."
            await self._direct(client, user, Reply(text=text))
            return
        reply = await asyncio.to_thread(self._log, draft, resolved)
        await self._direct(client, user, reply)

    def _log(self, draft: ContactDraft, resolved: Resolved) -> Reply:
        standard = self._standard(draft.standard)
        contact = draft.contact(standard)
        with self._runtime.uow() as uow:
            summary = log_contacts(uow, [contact])
            uow.commit()
        who = f"{contact.name} ({contact.organisation})" if contact.organisation else contact.name
        if not summary.added:
            text = f"That message is already logged as a contact with {who}."
            return Reply(text=text, blocks=(Text(text=text),), intent="contact_duplicate")
        text = f"Logged a contact with {who} on {contact.on:%-d %B %Y}."
        pairs = (
            ("Type", contact.org_type.value if contact.org_type else "not known"),
            ("User group", contact.user_group.value if contact.user_group else "not known"),
            ("Topic", standard or "none"),
        )
        note = (
            f"\u201c{draft.standard}\u201d is not in the catalogue, so no topic was recorded."
            if draft.standard and not standard
            else ""
        )
        blocks = (Text(text=text), Fields(pairs=pairs), *((Text(text=note),) if note else ()))
        logger.info("slack: %s logged contact %s", resolved.actor.name, contact.source_ref)
        return Reply(text=f"{text} {note}".strip(), blocks=blocks, intent="contact_logged")

    def _standard(self, text: str) -> str:
        """The catalogue name for what the modal's topic field says, or ""."""
        if not text:
            return ""
        index = self._bot.deps.standards()
        for standard in index.standards:
            if standard.name.lower() == text.lower():
                return standard.name
        lookup = index.lookup(text)
        return lookup.matches[0].standard.name if lookup.answered else ""

    # -- helpers -------------------------------------------------------------------------------

    async def _first(self, key: str, *, kind: str, user: str, item: str, retry: str) -> bool:
        """Claim ``key``; False when this request was answered already (a retry, a repeat)."""
        if not key:
            return True
        claimed = await asyncio.to_thread(self._claim, key, kind, user, item)
        if not claimed:
            again = f" (Slack retry {retry})" if retry else ""
            logger.warning("slack: %s arrived again%s; it was answered once already", key, again)
        return claimed

    def _claim(self, key: str, kind: str, user: str, item: str) -> bool:
        with self._runtime.uow() as uow:
            claimed = uow.claims.claim(key, kind=kind, person=user, item=item[:300], at=self._now())
            uow.commit()
        return claimed

    async def _direct(self, client: AsyncWebClient, user: str, reply: Reply) -> None:
        opened = await client.conversations_open(users=user)
        channel = str((opened.get("channel") or {}).get("id") or user)
        for payload in render_messages(reply):
            await client.chat_postMessage(
                channel=channel, unfurl_links=False, unfurl_media=False, **payload
            )

    def _now(self) -> datetime:
        return self._runtime.clock.now()


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


def _key(kind: str, slack_id: str) -> str:
    return f"slack:{kind}:{slack_id}" if slack_id.strip(":") else ""


def _retry(request: AsyncBoltRequest) -> str:
    return (request.headers.get("x-slack-retry-num") or [""])[0]


async def _respond_all(respond: AsyncRespond, reply: Reply) -> None:
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


async def _refuse(respond: AsyncRespond, text: str) -> None:
    if respond.response_url is None:
        # Only a global shortcut comes without one, and the manifest defines none.
        logger.info("slack: nowhere to say %r", text)
        return
    await _respond_all(respond, Reply(text=text, blocks=(Text(text=text),)))

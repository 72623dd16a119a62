"""The "Log as contact" message shortcut: the modal opened prefilled, its submission logged.

Both halves are one service call each (``draft_from_message``, ``log_from_message``); this
only reads Slack's payloads, asks Slack who the author is, and says what happened.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import Any

from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.contact_modal import BadSubmission, contact_modal, message_ref, read_submission
from adapters.slack.people import PLATFORM, SlackPeople, SlackProfile
from adapters.slack.replies import post_direct, refuse
from adapters.slack.text import plain_text
from bot.messages import Actor, Reply
from bot.views.contacts import contact_already_logged, contact_logged
from commplan.errors import NotAllowed
from commplan.ports import Clock, UnitOfWorkFactory
from commplan.ranking import StandardsIndex
from commplan.services.contacts import (
    ChatMessage,
    ChatUser,
    LoggedContact,
    MessageContact,
    draft_from_message,
    log_from_message,
)

logger = logging.getLogger(__name__)

Body = dict[str, Any]


class ContactShortcut:
    """Opens the contact modal on a message and logs what the team member submits."""

    def __init__(
        self,
        *,
        uow: UnitOfWorkFactory,
        clock: Clock,
        timezone: tzinfo,
        standards: Callable[[], StandardsIndex],
        people: SlackPeople,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._timezone = timezone
        self._standards = standards
        self._people = people

    async def open_modal(
        self, shortcut: Body, respond: AsyncRespond, client: AsyncWebClient
    ) -> None:
        """The modal, prefilled from the message; refused to anyone outside the team."""
        user = str((shortcut.get("user") or {}).get("id") or "")
        message = shortcut.get("message") or {}
        channel = str((shortcut.get("channel") or {}).get("id") or "")
        ts = str(message.get("ts") or shortcut.get("message_ts") or "")
        if not message or not channel or not ts:
            await refuse(respond, "Use 'Log as contact' from a message's menu.")
            return
        author_id = str(message.get("user") or "")
        author = (
            await self._people.profile(author_id)
            if author_id
            else SlackProfile(user_id="", name=str(message.get("username") or ""))
        )
        written = ChatMessage(
            source_ref=message_ref(channel, ts),
            on=datetime.fromtimestamp(float(ts), tz=self._timezone).date(),
            author=ChatUser(
                platform=PLATFORM, user_id=author.user_id, name=author.name, email=author.email
            ),
            text=plain_text(str(message.get("text") or "")),
        )
        trigger = str(shortcut.get("trigger_id") or "")
        asker = await self._people.actor(user)
        try:
            draft = await asyncio.to_thread(self._draft, written, asker, trigger)
        except NotAllowed as refusal:
            await refuse(respond, str(refusal))
            return
        if draft is None:
            logger.warning("slack: slack:shortcut:%s arrived again; it was answered once", trigger)
            return
        # The trigger_id is good for three seconds from the click, so this comes first.
        await client.views_open(
            trigger_id=trigger, view=contact_modal(draft, channel=channel, ts=ts)
        )

    async def log(self, body: Body, view: Body, client: AsyncWebClient) -> None:
        """Log the submitted contact (once per message) and say so in a direct message."""
        user = str((body.get("user") or {}).get("id") or "")
        try:
            form = read_submission(view)
        except BadSubmission as error:
            logger.warning("slack: a contact modal could not be read: %s", error)
            text = "Sorry, I could not read that form. Use 'Log as contact' on the message again."
            await post_direct(client, user, Reply(text=text))
            return
        actor = await self._people.actor(user)
        try:
            logged = await asyncio.to_thread(self._log, form, actor)
        except NotAllowed as refusal:
            await post_direct(client, user, Reply(text=str(refusal)))
            return
        if logged.added:
            logger.info("slack: %s logged contact %s", user, logged.contact.source_ref)
            reply = contact_logged(logged.contact, unknown_topic=logged.unknown_topic)
        else:
            reply = contact_already_logged(logged.contact)
        await post_direct(client, user, reply)

    # In a worker thread: the catalogue may be re-read, and the service opens its unit.

    def _draft(self, message: ChatMessage, asker: Actor, trigger: str) -> MessageContact | None:
        return draft_from_message(
            self._uow(),
            message,
            asker=_chat_user(asker),
            standards=self._standards(),
            at=self._clock.now(),
            request_key=f"{PLATFORM}:{trigger}" if trigger else "",
        )

    def _log(self, form: MessageContact, actor: Actor) -> LoggedContact:
        return log_from_message(
            self._uow(), form, by=_chat_user(actor), standards=self._standards()
        )


def _chat_user(actor: Actor) -> ChatUser:
    return ChatUser(
        platform=actor.platform, user_id=actor.user_id, name=actor.name, email=actor.email
    )

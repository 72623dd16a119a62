"""Where the bot's own messages go: each person's chat, or the web chat when none is set up."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Protocol

from bot.messages import Reply
from bot.ports import Unreachable
from bot.reply_codec import encode_reply
from commplan.people import Person
from commplan.ports import Clock, UnitOfWorkFactory
from commplan.services.notices import TEAM_INBOX, leave_notice

logger = logging.getLogger(__name__)


class ChatSender(Protocol):
    """One chat platform's outbound side (Slack, Teams)."""

    platform: str

    async def send_direct(self, person: Person, reply: Reply) -> bool:
        """Send to the person's own chat; False when this platform cannot reach them."""
        ...

    async def send_team(self, reply: Reply) -> bool:
        """Post to this platform's team channel(s); False when none is configured."""
        ...


class RoutingMessenger:
    """Implements ``bot.ports.Messenger`` over the configured chats.

    With no chat configured a message lands, whole, in the person's web chat (the ``notices``
    table, shown through ``GET /chat/notices``) and still counts as sent; with chats
    configured, a person none of them reaches is ``Unreachable``, which the sweep records so
    that the digest can list them.
    """

    def __init__(
        self, uow: UnitOfWorkFactory, clock: Clock, senders: Sequence[ChatSender] = ()
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._senders = tuple(senders)

    async def send_direct(self, person: Person, reply: Reply) -> str:
        for sender in self._senders:
            if await sender.send_direct(person, reply):
                return sender.platform
        if self._senders:
            raise Unreachable(person.name)
        await asyncio.to_thread(self._notice, person.name, reply)
        return "web"

    async def send_team(self, reply: Reply) -> str:
        posted = [s.platform for s in self._senders if await s.send_team(reply)]
        if posted:
            return "+".join(posted)
        await asyncio.to_thread(self._notice, TEAM_INBOX, reply)
        return "web"

    def _notice(self, person: str, reply: Reply) -> None:
        # The whole reply, so that the web chat shows its sections and working buttons.
        leave_notice(self._uow(), person, reply.text, self._clock.now(), encode_reply(reply))

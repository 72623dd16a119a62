"""Where the bot's own messages go: each person's chat, or the web chat when none is set up."""

from __future__ import annotations

import asyncio
import logging

from bot.messages import Reply
from commplan.people import Person
from commplan.ports import Clock, UnitOfWorkFactory

logger = logging.getLogger(__name__)

TEAM_INBOX = "#team"


class RoutingMessenger:
    """Implements ``bot.ports.Messenger``.

    Slack and Teams senders plug in as they are configured; without them a message lands in
    the person's web chat (the ``notices`` table) and still counts as sent.
    """

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def send_direct(self, person: Person, reply: Reply) -> str:
        await asyncio.to_thread(self._notice, person.name, reply.text)
        return "web"

    async def send_team(self, reply: Reply) -> str:
        await asyncio.to_thread(self._notice, TEAM_INBOX, reply.text)
        return "web"

    def _notice(self, person: str, text: str) -> None:
        with self._uow() as uow:
            uow.notices.add(person, text, self._clock.now())
            uow.commit()

"""What the Teams adapter keeps: the conversations it may post to later, through the
conversations service; free of the Agents SDK, like the renderer."""

from __future__ import annotations

import asyncio

from adapters.settings import TeamsSettings
from commplan.conversations import ConversationRef
from commplan.ports import UnitOfWorkFactory
from commplan.services import conversations
from commplan.services.people import link_platform_id

PLATFORM = "teams"


class TeamsStore:
    """The Teams side of the conversations service, awaited off the event loop."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def remember(self, ref: ConversationRef | None, *, user_id: str = "") -> bool:
        """Store or refresh the conversation; whether a person is linked to ``user_id``."""
        person = await asyncio.to_thread(
            conversations.remember_conversation,
            self._uow(),
            ref,
            platform=PLATFORM,
            user_id=user_id,
        )
        return person is not None

    async def link(self, user_id: str, email: str) -> None:
        """Tie the Teams user to the person with this e-mail (when no message does it)."""
        await asyncio.to_thread(
            link_platform_id, self._uow(), platform=PLATFORM, user_id=user_id, email=email
        )

    async def personal_chat(self, user_id: str) -> ConversationRef | None:
        """The person's own chat with the bot, or None when they have not installed it."""
        return await asyncio.to_thread(
            conversations.personal_chat, self._uow(), platform=PLATFORM, user_id=user_id
        )

    async def channels(self) -> list[ConversationRef]:
        """Every channel the bot is in."""
        return await asyncio.to_thread(conversations.channels, self._uow(), platform=PLATFORM)


def teams_in_use(teams: TeamsSettings, uow: UnitOfWorkFactory) -> bool:
    """Whether nudges and the digest should go through Teams.

    Yes with an app id. Without one (local use with the Agents Playground or the Emulator,
    authentication off), once somebody's personal chat or a channel has been stored: before
    that nobody could be reached, and nudges are better off in the web chat.
    """
    return bool(teams.app_id) or conversations.anyone_reachable(uow(), platform=PLATFORM)

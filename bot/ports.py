"""What the bot needs from the chat platforms to speak first (nudges, digests)."""

from __future__ import annotations

from typing import Protocol

from bot.messages import Reply
from commplan.people import Person


class Unreachable(Exception):
    """The person has no chat the bot can reach (not installed, unknown id)."""


class Messenger(Protocol):
    """Sends a reply to a person's own chat, or to the team's channel."""

    async def send_direct(self, person: Person, reply: Reply) -> str:
        """Send to the person; returns the channel used ("slack", "teams", "web").

        Raises:
            Unreachable: no chat reaches this person.
        """
        ...

    async def send_team(self, reply: Reply) -> str:
        """Post to the team channel(s); returns the channel used."""
        ...

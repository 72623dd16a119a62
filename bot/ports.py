"""What the bot's jobs need from the outside: chats to speak first in, a mailbox to read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.messages import Reply
from commplan.people import Person
from commplan.services.intake import Arrival


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


class MailSourceError(Exception):
    """A mailbox could not be read; the message names the server and the step, never a secret."""


@dataclass(frozen=True, kw_only=True)
class FetchResult:
    """The messages that arrived since a cursor, parsed, and the cursor to hand back next time.

    The cursor is an opaque JSON string; "" means "from the start of the mailbox". Each
    message's ``source`` is "imap:<uidvalidity>:<uid>" or "graph:<immutable id>": stable for as
    long as the mailbox keeps the message where it is.
    """

    messages: tuple[Arrival, ...]
    cursor: str


class MailSource(Protocol):
    """A mailbox the inbox poll reads.

    A source only fetches. Logging the messages and storing the cursor belong to the caller,
    which stores the cursor only after the messages are committed, so a crash between the two
    at worst fetches a message again (and the Message-ID dedupes it) but never loses one.
    """

    @property
    def name(self) -> str:
        """A label for logs: server and mailbox, never a password."""
        ...

    def fetch(self, cursor: str) -> FetchResult:
        """Fetch and parse what arrived after ``cursor``; blocking, so async callers run it
        in a thread.

        Raises:
            MailSourceError: the mailbox cannot be read.
        """
        ...

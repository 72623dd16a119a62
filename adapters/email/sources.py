"""Where inbox mail comes from: a mailbox that hands over raw messages and moves a cursor.

A source only fetches. Logging the messages and storing the cursor belong to the caller, which
stores the cursor only after the messages are committed, so a crash between the two at worst
fetches a message again (and the Message-ID dedupes it) but never loses one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class MailSourceError(Exception):
    """A mailbox could not be read; the message names the server and the step, never a secret."""


@dataclass(frozen=True, kw_only=True)
class FetchedMessage:
    """One raw message and where it came from.

    ``source_id`` is "imap:<uidvalidity>:<uid>" or "graph:<immutable id>": stable for as long as
    the mailbox keeps the message where it is.
    """

    source_id: str
    raw: bytes


@dataclass(frozen=True, kw_only=True)
class FetchResult:
    """The messages that arrived since a cursor, and the cursor to hand back next time.

    The cursor is an opaque JSON string; "" means "from the start of the mailbox".
    """

    messages: tuple[FetchedMessage, ...]
    cursor: str


class MailSource(Protocol):
    """A mailbox the intake polls."""

    @property
    def name(self) -> str:
        """A label for logs: server and mailbox, never a password."""
        ...

    def fetch(self, cursor: str) -> FetchResult:
        """Fetch what arrived after ``cursor``; blocking, so async callers run it in a thread.

        Raises :class:`MailSourceError` when the mailbox cannot be read.
        """
        ...


def redact(text: str, *secrets: str) -> str:
    """``text`` with every non-empty secret replaced, for messages built from server replies."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text

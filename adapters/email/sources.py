"""Raw mail as a mailbox hands it over, and the step that parses it into the port's values.

Each source (IMAP, Graph) fetches raw messages with :meth:`fetch_raw` and offers them parsed
through ``bot.ports.MailSource.fetch``, so that parsing happens here, in the poll's thread,
before the messages reach any transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from adapters.email.parse import parse_message
from bot.ports import FetchResult
from commplan.services.intake import Arrival


@dataclass(frozen=True, kw_only=True)
class FetchedMessage:
    """One raw message and where it came from.

    ``source_id`` is "imap:<uidvalidity>:<uid>" or "graph:<immutable id>": stable for as long as
    the mailbox keeps the message where it is.
    """

    source_id: str
    raw: bytes


@dataclass(frozen=True, kw_only=True)
class RawFetch:
    """The raw messages that arrived since a cursor, and the cursor to hand back next time."""

    messages: tuple[FetchedMessage, ...]
    cursor: str


def parsed(fetched: RawFetch) -> FetchResult:
    """The fetch with every message parsed (parsing never raises)."""
    return FetchResult(
        messages=tuple(
            Arrival(source=m.source_id, email=parse_message(m.raw)) for m in fetched.messages
        ),
        cursor=fetched.cursor,
    )


def redact(text: str, *secrets: str) -> str:
    """``text`` with every non-empty secret replaced, for messages built from server replies."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text

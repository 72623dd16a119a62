"""Messages that arrive in the harmonisation inbox, as plain values the core can reason about.

Parsing raw mail is an adapter's job (``adapters.email.parse``); this module only says what a
parsed message is and how messages hang together in threads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

#: The longest a Message-ID may be; RFC 5322 lines stop at 998 characters.
MAX_MESSAGE_ID = 998

_BRACKETED = re.compile(r"<([^<>]*)>")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, kw_only=True)
class InboundEmail:
    """One message from the shared mailbox.

    ``message_id`` is normalised (see :func:`normalise_message_id`); when the message had no
    usable Message-ID it is a stable ``sha256:`` key and ``fallback_key`` is True.
    ``skip_reason`` is non-empty for mail that is not a user's query: auto-replies, bounces,
    bulk and list traffic.
    """

    message_id: str
    sender_name: str = ""
    sender_email: str = ""
    to: tuple[str, ...] = ()
    subject: str = ""
    sent_at: datetime | None = None
    text: str = ""
    in_reply_to: str = ""
    references: tuple[str, ...] = ()
    skip_reason: str = ""
    fallback_key: bool = False

    @property
    def skipped(self) -> bool:
        """True when the message should not be logged as a contact."""
        return bool(self.skip_reason)


def normalise_message_id(text: str) -> str:
    """A Message-ID without angle brackets or folding, its domain part in lower case.

    Returns "" when nothing usable is left (empty, too long, or control characters).
    """
    match = _BRACKETED.search(text)
    inner = match.group(1) if match else text.strip().strip("<>")
    inner = _WHITESPACE.sub("", inner)
    if not inner or len(inner) > MAX_MESSAGE_ID or not inner.isprintable():
        return ""
    local, at, domain = inner.rpartition("@")
    return f"{local}@{domain.lower()}" if at and local else inner


def message_ids(text: str) -> tuple[str, ...]:
    """Every Message-ID in a References or In-Reply-To value, normalised, in order."""
    found = _BRACKETED.findall(text) or _WHITESPACE.split(text)
    normalised = (normalise_message_id(item) for item in found)
    return tuple(item for item in normalised if item)


def thread_root(email: InboundEmail) -> str:
    """The Message-ID that starts the message's thread.

    The first of References, else In-Reply-To, else the message's own id.
    """
    if email.references:
        return email.references[0]
    return email.in_reply_to or email.message_id

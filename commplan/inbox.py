"""Messages that arrive in the harmonisation inbox, as plain values the core can reason about.

Parsing raw mail is an adapter's job (``adapters.email.parse``); this module only says what a
parsed message is and how messages hang together in threads.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from commplan.mailtext import own_words as own_words  # where callers have always found it

#: The longest a Message-ID may be; RFC 5322 lines stop at 998 characters.
MAX_MESSAGE_ID = 998

_BRACKETED = re.compile(r"<([^<>]*)>")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, kw_only=True)
class Forwarded:
    """A message someone forwarded: its writer, subject, date and text, as far as the
    forward's header block (or the attached message) tells. ``sent_at`` is None when the
    date could not be read; ``text`` is the original's body, which may quote its own thread.
    """

    sender_name: str = ""
    sender_email: str = ""
    subject: str = ""
    sent_at: datetime | None = None
    text: str = ""


@dataclass(frozen=True, kw_only=True)
class InboundEmail:
    """One message from the shared mailbox.

    ``message_id`` is normalised (see :func:`normalise_message_id`); when the message had no
    usable Message-ID it is a stable ``sha256:`` key and ``fallback_key`` is True.
    ``skip_reason`` is non-empty for mail that is not a user's query: auto-replies, bounces,
    bulk and list traffic. ``forwarded`` holds the messages a forward carries, outermost
    first (a forward of a forward gives two); empty when the message forwards nothing.
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
    forwarded: tuple[Forwarded, ...] = ()

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


#: Message-IDs longer than this are stored as a digest, so keys fit every database's index.
MAX_KEY_LENGTH = 200


def message_key(message_id: str) -> str:
    """The key a Message-ID is stored and matched under: itself, or ``sha256:`` of a long one.

    RFC 5322 allows ids up to a line's 998 characters, more than a unique index takes on every
    database; a digest keeps long ones short and the same on every run.
    """
    if len(message_id) <= MAX_KEY_LENGTH:
        return message_id
    return "sha256:" + hashlib.sha256(message_id.encode("utf-8", "replace")).hexdigest()

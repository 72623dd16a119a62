"""Turn raw e-mail into :class:`InboundEmail` values.

Whatever arrives in a shared mailbox has to be logged or skipped, never crash the intake, so
:func:`parse_message` takes any bytes and fills in what can be had: wrong or unknown charsets,
HTML-only mail, broken headers and dates, missing Message-IDs. Attachments are never decoded.
"""

from __future__ import annotations

import email
import functools
import hashlib
import logging
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from email import policy
from email.header import decode_header, make_header
from email.headerregistry import BaseHeader, HeaderRegistry
from email.message import EmailMessage, Message
from email.utils import getaddresses, parsedate_to_datetime

from adapters.email.forwards import MAX_FORWARDS, inline_forwards
from adapters.email.skip import skip_reason
from adapters.email.text import CONTROL, SPACE, body_text, content_type, unsurrogate, windows_c1
from commplan.inbox import Forwarded, InboundEmail, message_ids, normalise_message_id
from commplan.services.intake import Arrival

log = logging.getLogger(__name__)

_FALLBACK_BODY_CHARS = 2_000
_MAX_HEADER_CHARS = 998
# The policy's header parser is quadratic in the worst case (a 700 kB Subject of encoded words
# takes minutes); no header the intake reads through it needs more than this.
_MAX_PARSED_HEADER_CHARS = 2_000
_MAX_ADDRESSES = 100
_MAX_REFERENCES = 100
_MAX_PARTS = 500


class _BoundedHeaderRegistry(HeaderRegistry):
    """The standard header classes, fed at most ``_MAX_PARSED_HEADER_CHARS`` of a value."""

    def __call__(self, name: str, value: str) -> BaseHeader:
        return super().__call__(name, value[:_MAX_PARSED_HEADER_CHARS])


@functools.cache
def _policy() -> policy.EmailPolicy[EmailMessage]:
    """The parsing policy, built on first use rather than at import time."""
    return policy.default.clone(header_factory=_BoundedHeaderRegistry())


def parse_message(raw: bytes) -> InboundEmail:
    """Parse one raw message; never raises.

    A message the parser cannot read at all comes back with a ``sha256:`` key over its bytes
    and the skip reason "unparseable message".
    """
    try:
        return _parse(bytes(raw))
    except Exception as error:
        # The stdlib parser has a long history of odd exceptions on hostile input (deep MIME
        # nesting exhausts the stack); one bad message must not stop an import of thousands.
        log.warning("unparseable message (%d bytes): %s", len(raw), type(error).__name__)
        log.debug("unparseable message", exc_info=True)
        digest = hashlib.sha256(bytes(raw)).hexdigest()[:32]
        return InboundEmail(
            message_id=f"sha256:{digest}",
            skip_reason="unparseable message",
            fallback_key=True,
        )


def arrivals(messages: Iterable[tuple[str, bytes]]) -> Iterator[Arrival]:
    """Each (source label, raw bytes) message parsed as it is read, before any transaction."""
    for source, raw in messages:
        yield Arrival(source=source, email=parse_message(raw))


def _parse(raw: bytes) -> InboundEmail:
    message = email.message_from_bytes(raw, policy=_policy())
    return _read(message, raw)


def _read(message: Message, raw: bytes, *, attached: bool = False) -> InboundEmail:
    """One message; ``attached`` for one forwarded as an attachment, read to its text only."""
    headers = RawHeaders(message)
    sender_name, sender_email = _sender(message, headers)
    subject = _clean_header(_decoded_header(message, "subject", headers.first("subject")))
    date_text = headers.first("date")
    text = body_text(message)
    message_id = normalise_message_id(headers.first("message-id"))
    fallback = not message_id
    if fallback:
        key = _fallback_key(sender_email or headers.first("from"), date_text, subject, text)
        message_id = key or "sha256:" + hashlib.sha256(raw).hexdigest()[:32]
    references = message_ids(" ".join(headers.all("references")))[:_MAX_REFERENCES]
    in_reply_to = message_ids(headers.first("in-reply-to"))
    sent_at = _parse_date(date_text)
    forwarded: tuple[Forwarded, ...] = ()
    if not attached:
        zone = sent_at.tzinfo if sent_at else None
        forwarded = _attached_forward(message) or inline_forwards(text, subject, zone=zone)
    return InboundEmail(
        message_id=message_id,
        sender_name=sender_name,
        sender_email=sender_email,
        to=_to_addresses(message, headers),
        subject=subject,
        sent_at=sent_at,
        text=text,
        in_reply_to=in_reply_to[0] if in_reply_to else "",
        references=references,
        skip_reason=skip_reason(message, headers, sender_email, subject),
        fallback_key=fallback,
        forwarded=forwarded,
    )


def _attached_forward(message: Message) -> tuple[Forwarded, ...]:
    """The first message attached whole (message/rfc822: Outlook's "forward as attachment"),
    and what it forwards in turn; () when there is none."""
    for count, part in enumerate(message.walk()):
        if count > _MAX_PARTS:
            break
        if part is message or content_type(part) != "message/rfc822":
            continue
        payload = part.get_payload()
        inner = payload[0] if isinstance(payload, list) and payload else None
        if not isinstance(inner, Message):
            continue
        original = _read(inner, b"", attached=True)
        if not original.sender_email and not original.sender_name:
            continue
        zone = original.sent_at.tzinfo if original.sent_at else None
        deeper = inline_forwards(original.text, original.subject, zone=zone)
        first = Forwarded(
            sender_name=original.sender_name,
            sender_email=original.sender_email,
            subject=original.subject,
            sent_at=original.sent_at,
            text=original.text,
        )
        return (first, *deeper)[:MAX_FORWARDS]
    return ()


class RawHeaders:
    """Header values as they stood in the message, unfolded, looked up by lower-case name.

    Reading raw values sidesteps the policy's header classes, which can raise on malformed
    input; the decoded forms are asked for separately, with a fallback.
    """

    def __init__(self, message: Message) -> None:
        self._values: dict[str, list[str]] = {}
        for name, value in message.raw_items():
            visible = CONTROL.sub("", unsurrogate(str(value)))
            unfolded = SPACE.sub(" ", visible).strip()
            self._values.setdefault(str(name).strip().lower(), []).append(unfolded)

    def first(self, name: str) -> str:
        values = self._values.get(name)
        return values[0] if values else ""

    def all(self, name: str) -> list[str]:
        return self._values.get(name, [])

    def has(self, name: str) -> bool:
        return name in self._values


def _decoded_header(message: Message, name: str, raw: str) -> str:
    """The header with RFC 2047 encoded words decoded; the raw text if decoding fails."""
    try:
        value = message.get(name)
        if value is not None:
            return str(value)
    except Exception:
        pass
    raw = raw[:_MAX_PARSED_HEADER_CHARS]
    try:
        return str(make_header(decode_header(raw)))
    except Exception:
        return raw


def _clean_header(text: str) -> str:
    text = CONTROL.sub("", windows_c1(unsurrogate(text)))
    return SPACE.sub(" ", text).strip()[:_MAX_HEADER_CHARS]


def _addresses(message: Message, headers: RawHeaders, name: str) -> list[tuple[str, str]]:
    """(display name, address) pairs of an address header, decoded as far as possible."""
    try:
        header = message.get(name)
        found = getattr(header, "addresses", None)
        if found is not None:
            return [(str(a.display_name), str(a.addr_spec)) for a in found[:_MAX_ADDRESSES]]
    except Exception:
        pass
    try:
        decoded = _decoded_header(message, name, headers.first(name))
        return getaddresses([decoded])[:_MAX_ADDRESSES]
    except Exception:
        return []


def _tidy_address(address: str) -> str:
    return SPACE.sub("", _clean_header(address)).strip("<>").lower()[:320]


def _sender(message: Message, headers: RawHeaders) -> tuple[str, str]:
    for name in ("from", "sender"):
        for display_name, address in _addresses(message, headers, name):
            tidy = _tidy_address(address)
            if tidy or display_name.strip():
                return _clean_header(display_name).strip("\"'"), tidy
    return "", ""


def _to_addresses(message: Message, headers: RawHeaders) -> tuple[str, ...]:
    tidy = (_tidy_address(address) for _, address in _addresses(message, headers, "to"))
    return tuple(address for address in tidy if address)


def _parse_date(text: str) -> datetime | None:
    """A timezone-aware date, or None; "-0000" (zone unknown) is taken as UTC."""
    if not text:
        return None
    try:
        parsed = parsedate_to_datetime(text)
    except Exception:
        return None
    if parsed is None:  # older Pythons returned None rather than raising
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _fallback_key(sender: str, date_text: str, subject: str, text: str) -> str | None:
    """A stable key for a message without a Message-ID; None when there is nothing to hash."""
    parts = (sender.lower(), date_text, subject, text[:_FALLBACK_BODY_CHARS])
    if not any(parts):
        return None
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "replace")).hexdigest()
    return f"sha256:{digest[:32]}"

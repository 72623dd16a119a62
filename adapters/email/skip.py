"""Which mail is not a person's query: bounces, auto-replies, list traffic, no-reply senders.

The rules follow RFC 3834 and common practice; each gives the reason the message is skipped.
"""

from __future__ import annotations

import re
from email.message import Message
from typing import Protocol

from adapters.email.text import content_type

# An auto-reply's subject starts with one of these, in English, Welsh (bilingual bodies put
# Welsh first: "Ymateb awtomatig / Automatic reply: ...") or another common language.
_AUTO_REPLY_SUBJECT = re.compile(
    r"^\s*(?:automatic\s+reply|auto[- ]?reply|autoreply|out\s+of\s+(?:the\s+)?office(?:\s+reply)?"
    r"|ymateb\s+awtomatig|allan\s+o['’]r\s+swyddfa"
    r"|automatische\s+antwort|abwesenheitsnotiz|r[ée]ponse\s+automatique|absence\s+du\s+bureau"
    r"|respuesta\s+autom[áa]tica|risposta\s+automatica|automatisch\s+antwoord)\s*[:/|]",
    re.IGNORECASE,
)
_BOUNCE_SUBJECT = re.compile(
    r"^\s*(undeliverable:|undelivered mail returned to sender|delivery status notification"
    r"|mail delivery failed|returned mail:|delivery has failed)",
    re.IGNORECASE,
)
_NO_REPLY_LOCAL_PARTS = frozenset({"noreply", "no-reply", "no_reply", "donotreply", "do-not-reply"})
_BULK_PRECEDENCE = frozenset({"bulk", "junk", "list", "auto_reply", "auto-reply"})


class Headers(Protocol):
    """Header values as they stood in the message, looked up by lower-case name."""

    def first(self, name: str) -> str: ...
    def has(self, name: str) -> bool: ...


def skip_reason(message: Message, headers: Headers, sender_email: str, subject: str) -> str:
    """Why the message is not a user's query (RFC 3834 and common practice), or ""."""
    if content_type(message) == "multipart/report":
        return "bounce (multipart/report)"
    if headers.has("x-failed-recipients"):
        return "bounce (X-Failed-Recipients)"
    local_part = sender_email.partition("@")[0]
    if local_part == "mailer-daemon":
        return "mailer-daemon sender"
    if local_part == "postmaster":
        return "postmaster sender"
    auto = _first_token(headers.first("auto-submitted"))
    if auto and auto != "no":
        return f"auto-submitted: {auto[:40]}"
    for name in ("x-autoreply", "x-autorespond"):
        if headers.has(name) and _first_token(headers.first(name)) not in {"no", "false", "0"}:
            return name
    if _BOUNCE_SUBJECT.match(subject):
        return "bounce (subject)"
    if _AUTO_REPLY_SUBJECT.match(subject):
        return "auto-reply (subject)"
    precedence = _first_token(headers.first("precedence"))
    if precedence in _BULK_PRECEDENCE:
        return f"precedence: {precedence}"
    if headers.has("list-id"):
        return "list traffic (List-Id)"
    if headers.has("list-unsubscribe"):
        return "list traffic (List-Unsubscribe)"
    if local_part in _NO_REPLY_LOCAL_PARTS:
        return "no-reply sender"
    if headers.first("return-path").replace(" ", "") == "<>":
        return "null return path"
    return ""


def _first_token(value: str) -> str:
    return re.split(r"[\s;(]", value.strip().lower(), maxsplit=1)[0]

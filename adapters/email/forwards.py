"""Forwarded mail: who wrote the message a forward carries, and what they wrote.

A forward is recognised by what mail clients put above the original: Gmail's "----------
Forwarded message ---------", Thunderbird's "-------- Forwarded Message --------" and their
translations, Apple Mail's "Begin forwarded message:"; or, when the subject says "FW:" (or
"Fwd:", "TR:", "WG:"...), Outlook's "-----Original Message-----", a line of underscores or a
bare header block. The header block below ("From:", "Sent:" or "Date:", "To:", "Subject:", in
English or another common language, bold or not) gives the original's writer, date and
subject; what follows is its text. A message forwarded as an attachment (message/rfc822) is
read by :mod:`adapters.email.parse`.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo

from dateutil import parser as dateparser

from commplan.inbox import Forwarded

#: The most forwards of forwards read from one message.
MAX_FORWARDS = 5
_MAX_FIELD_CHARS = 500
# A header block is a handful of lines (a long To: list wraps over a few more); a bound keeps
# a hostile body of "From:" lines from costing quadratic time.
_MAX_BLOCK_LINES = 40

_FORWARD_WORD = (
    r"(?:forward|weitergeleitet|transf[ée]r|reenviad|inoltrat|doorgestuurd|przekazan"
    r"|vidarebefordra|videresend|ymlaen)"
)
# A line that says a forwarded message follows, whatever the subject says.
_FORWARD_MARKER = re.compile(
    rf"^(?:-{{2,}}\s*[^-]{{0,40}}{_FORWARD_WORD}[^-]{{0,40}}-{{2,}}|begin\s+forwarded\s+message:?)$",
    re.IGNORECASE,
)
# A line that only separates an earlier message: a forward's when the subject says so.
_SEPARATOR = re.compile(r"^(?:-{2,}\s*[^-]{2,60}?\s*-{2,}|_{10,})$")
_FORWARD_SUBJECT = re.compile(
    r"^\s*(?:(?:re|aw|sv)\s*:\s*)*(?:fwd?|tr|wg|rv|vs|vb|doorst|ymlaen)\s*:", re.IGNORECASE
)
_FIELDS = {
    "from": (
        "from", "von", "de", "van", "da", "od", "från", "fra", "oddi wrth", "afsender", "remitente",
    ),
    "date": (
        "sent", "date", "datum", "gesendet", "envoyé", "verzonden", "inviato", "enviado", "data",
        "fecha", "skickat", "sendt", "dyddiad", "anfonwyd", "wysłano",
    ),
    "to": ("to", "an", "à", "a", "aan", "para", "do", "till", "til", "at", "pour", "destinataire"),
    "cc": ("cc", "kopie", "copie", "kopia"),
    "subject": (
        "subject", "betreff", "objet", "onderwerp", "oggetto", "asunto", "temat", "ämne", "emne",
        "pwnc", "sujet",
    ),
}  # fmt: skip
_FIELD_OF = {name: key for key, names in _FIELDS.items() for name in names}
_FIELD = re.compile(
    r"^[*_]{0,2}(?P<name>[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+)?)[*_]{0,2}\s?:[*_]{0,2}\s*(?P<value>.*)$"
)
_ANGLED = re.compile(r"<\s*(?:mailto:)?([^<>\s@]+@[^<>\s@]+)\s*>", re.IGNORECASE)
_MAILTO = re.compile(r"\[mailto:([^\]\s]+)\]", re.IGNORECASE)
_AT = re.compile(r"\s+at\s+|,", re.IGNORECASE)
_BARE = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


def inline_forwards(
    text: str, subject: str, *, zone: tzinfo | None = None
) -> tuple[Forwarded, ...]:
    """The messages forwarded in a body, outermost first; () when it forwards nothing.

    ``subject`` is the forwarding message's (a "FW:" lets Outlook's plain separators count);
    ``zone`` is the forward's own time zone, in which clients write the original's date.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found: list[Forwarded] = []
    start = 0
    while len(found) < MAX_FORWARDS:
        block = _next_block(lines, start, forward=bool(_FORWARD_SUBJECT.match(subject)))
        if block is None:
            break
        fields, body_start = block
        original = _forwarded(fields, lines[body_start:], zone)
        if original is None:
            break
        found.append(original)
        subject, start = original.subject, body_start
    return tuple(found)


def _next_block(
    lines: Sequence[str], start: int, *, forward: bool
) -> tuple[dict[str, str], int] | None:
    """The next forwarded header block at or after ``start``: its fields and where its body
    begins."""
    for number in range(start, len(lines)):
        line = lines[number].strip()
        if _FORWARD_MARKER.match(line) or (forward and _SEPARATOR.match(line)):
            block = _header_block(lines, number + 1)
        elif forward and _is_from(line):
            block = _header_block(lines, number)
        else:
            continue
        if block is not None:
            return block
    return None


def _header_block(lines: Sequence[str], start: int) -> tuple[dict[str, str], int] | None:
    """The header block starting at ``start`` (blank lines first are passed over); None
    unless it has a From: field and at least one more."""
    number = start
    while number < len(lines) and not lines[number].strip():
        number += 1
    fields: dict[str, str] = {}
    last = ""
    end = min(len(lines), number + _MAX_BLOCK_LINES)
    while number < end:
        line = lines[number].strip()
        if not line:
            break
        field = _FIELD.match(line)
        if field is not None:
            # Fields read ("From", "Sent"...) or not ("Importance", "Reply-To"): still the block.
            last = _FIELD_OF.get(field.group("name").strip("*_ ").lower(), "other")
            if last != "other":
                fields.setdefault(last, field.group("value")[:_MAX_FIELD_CHARS])
        elif last in ("to", "cc") or not fields:
            pass  # a wrapped list of recipients, or something above the block
        else:
            break
        number += 1
    if "from" not in fields or len(fields) < 2:
        return None
    return fields, number


def _is_from(line: str) -> bool:
    field = _FIELD.match(line)
    return field is not None and _FIELD_OF.get(field.group("name").strip("*_ ").lower()) == "from"


def _forwarded(
    fields: dict[str, str], body: Sequence[str], zone: tzinfo | None
) -> Forwarded | None:
    name, address = sender_of(fields["from"])
    if not name and not address:
        return None
    return Forwarded(
        sender_name=name,
        sender_email=address,
        subject=_tidy(fields.get("subject", "")),
        sent_at=parse_date(fields.get("date", ""), zone),
        text="\n".join(body).strip(),
    )


def sender_of(value: str) -> tuple[str, str]:
    """(name, address) from a From: line as clients write it: "Name <a@b>", "Name
    [mailto:a@b]", "<a@b>", "a@b", or a name alone."""
    value = _MAILTO.sub(r"<\1>", _tidy(value))
    angled = _ANGLED.search(value)
    bare = angled or _BARE.search(value)
    if bare is None:
        return _name(value), ""
    address = bare.group(1) if angled else bare.group(0)
    rest = value[: bare.start()] + value[bare.end() :]
    return _name(rest), address.strip(".").lower()


def _name(text: str) -> str:
    return " ".join(text.replace("<>", " ").strip(" \"'*_<>()[]").split())


def _tidy(text: str) -> str:
    return " ".join(text.replace("*", " ").split())[:_MAX_FIELD_CHARS]


def parse_date(text: str, zone: tzinfo | None) -> datetime | None:
    """A date as a header block writes it ("Fri, 13 Feb 2026 at 15:31", "24 February 2026
    14:02", RFC 5322); without a zone it is taken in ``zone`` (UTC when None)."""
    text = _tidy(text)
    if not text:
        return None
    # Only dates written wholly in English, and read whole: a guess past a foreign month
    # name ("12. Januar 2026") or a lenient RFC 5322 reading of "2:02 PM" lands on the wrong
    # time, where None falls back to the forward's own date.
    try:
        with warnings.catch_warnings(action="ignore"):  # an unknown zone name ("BST")
            parsed = dateparser.parse(_AT.sub(" ", text), dayfirst=True)
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed is None:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=zone or UTC)

"""Turn raw e-mail into :class:`InboundEmail` values, and read .eml files and mbox archives.

Whatever arrives in a shared mailbox has to be logged or skipped, never crash the intake, so
:func:`parse_message` takes any bytes and fills in what can be had: wrong or unknown charsets,
HTML-only mail, broken headers and dates, missing Message-IDs. Attachments are never decoded.
"""

from __future__ import annotations

import codecs
import email
import functools
import hashlib
import logging
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from email import policy
from email.header import decode_header, make_header
from email.headerregistry import BaseHeader, HeaderRegistry
from email.message import EmailMessage, Message
from email.utils import getaddresses, parsedate_to_datetime
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from commplan.inbox import InboundEmail, message_ids, normalise_message_id

log = logging.getLogger(__name__)

#: The most body text kept per message; queries are short, signatures and quoted threads not.
MAX_TEXT_CHARS = 20_000
# A UTF-8 character is at most four bytes: never decode more of a body than can be kept.
_MAX_TEXT_BYTES = MAX_TEXT_CHARS * 4
# Enough HTML to yield MAX_TEXT_CHARS of text from a heavily marked-up newsletter; the pure
# Python HTML parser is the slowest step, so it never sees more.
_MAX_HTML_BYTES = 1_000_000
_FALLBACK_BODY_CHARS = 2_000
_MAX_HEADER_CHARS = 998
# The policy's header parser is quadratic in the worst case (a 700 kB Subject of encoded words
# takes minutes); no header the intake reads through it needs more than this.
_MAX_PARSED_HEADER_CHARS = 2_000
_MAX_ADDRESSES = 100
_MAX_REFERENCES = 100
_MAX_PARTS = 500

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_C1 = re.compile(r"[\x80-\x9f]")
_HEADER_SPACE = re.compile(r"\s+")
_BLANK_RUN = re.compile(r"\n{3,}")
_QUOTED_FROM = re.compile(rb"^>+From ")
_TAG = re.compile(r"<[^>]*>")
_AUTO_REPLY_SUBJECT = re.compile(
    r"^\s*(automatic reply|auto[- ]?reply|autoreply|out of (the )?office( reply)?)\s*:",
    re.IGNORECASE,
)
_BOUNCE_SUBJECT = re.compile(
    r"^\s*(undeliverable:|undelivered mail returned to sender|delivery status notification"
    r"|mail delivery failed|returned mail:|delivery has failed)",
    re.IGNORECASE,
)
_NO_REPLY_LOCAL_PARTS = frozenset({"noreply", "no-reply", "no_reply", "donotreply", "do-not-reply"})
_BULK_PRECEDENCE = frozenset({"bulk", "junk", "list", "auto_reply", "auto-reply"})


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


def iter_mbox(path: Path) -> Iterator[bytes]:
    """Stream the messages of an mbox archive one at a time, in constant memory.

    A message starts at a "From " line at the start of the file or after a blank line;
    ">From " quoting in bodies is undone (mboxrd: one ">" comes off).
    """
    with Path(path).open("rb") as handle:
        lines: list[bytes] = []
        after_blank = True  # the start of the file counts as after a blank line
        for line in handle:
            if after_blank and line.startswith(b"From "):
                message = _mbox_message(lines)
                if message:
                    yield message
                lines = []
                after_blank = False
                continue
            after_blank = not line.rstrip(b"\r\n")
            lines.append(line[1:] if _QUOTED_FROM.match(line) else line)
        message = _mbox_message(lines)
        if message:
            yield message


def iter_paths(paths: Iterable[Path | str]) -> Iterator[tuple[str, bytes]]:
    """Yield (source label, raw message) for .eml files and mbox archives.

    A directory stands for its .eml and .mbox files, sorted by name; a message from an archive
    is labelled "archive#n", counting from 1. A file with neither suffix is taken as an mbox
    archive when it starts with "From ", else as one message.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            members = sorted(
                child
                for child in path.iterdir()
                if child.is_file() and child.suffix.lower() in {".eml", ".mbox"}
            )
            for member in members:
                yield from _iter_file(member)
        else:
            yield from _iter_file(path)


# --- parsing -------------------------------------------------------------------------------


def _parse(raw: bytes) -> InboundEmail:
    message = email.message_from_bytes(raw, policy=_policy())
    headers = _RawHeaders(message)
    sender_name, sender_email = _sender(message, headers)
    subject = _clean_header(_decoded_header(message, "subject", headers.first("subject")))
    date_text = headers.first("date")
    text = _body_text(message)
    message_id = normalise_message_id(headers.first("message-id"))
    fallback = not message_id
    if fallback:
        key = _fallback_key(sender_email or headers.first("from"), date_text, subject, text)
        message_id = key or "sha256:" + hashlib.sha256(raw).hexdigest()[:32]
    references = message_ids(" ".join(headers.all("references")))[:_MAX_REFERENCES]
    in_reply_to = message_ids(headers.first("in-reply-to"))
    return InboundEmail(
        message_id=message_id,
        sender_name=sender_name,
        sender_email=sender_email,
        to=_to_addresses(message, headers),
        subject=subject,
        sent_at=_parse_date(date_text),
        text=text,
        in_reply_to=in_reply_to[0] if in_reply_to else "",
        references=references,
        skip_reason=_skip_reason(message, headers, sender_email, subject),
        fallback_key=fallback,
    )


class _RawHeaders:
    """Header values as they stood in the message, unfolded, looked up by lower-case name.

    Reading raw values sidesteps the policy's header classes, which can raise on malformed
    input; the decoded forms are asked for separately, with a fallback.
    """

    def __init__(self, message: Message) -> None:
        self._values: dict[str, list[str]] = {}
        for name, value in message.raw_items():
            visible = _CONTROL.sub("", _unsurrogate(str(value)))
            unfolded = _HEADER_SPACE.sub(" ", visible).strip()
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
    text = _CONTROL.sub("", _windows_c1(_unsurrogate(text)))
    return _HEADER_SPACE.sub(" ", text).strip()[:_MAX_HEADER_CHARS]


def _addresses(message: Message, headers: _RawHeaders, name: str) -> list[tuple[str, str]]:
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
    return _HEADER_SPACE.sub("", _clean_header(address)).strip("<>").lower()[:320]


def _sender(message: Message, headers: _RawHeaders) -> tuple[str, str]:
    for name in ("from", "sender"):
        for display_name, address in _addresses(message, headers, name):
            tidy = _tidy_address(address)
            if tidy or display_name.strip():
                return _clean_header(display_name).strip("\"'"), tidy
    return "", ""


def _to_addresses(message: Message, headers: _RawHeaders) -> tuple[str, ...]:
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


# --- skip rules ----------------------------------------------------------------------------


def _skip_reason(message: Message, headers: _RawHeaders, sender_email: str, subject: str) -> str:
    """Why the message is not a user's query (RFC 3834 and common practice), or ""."""
    if _content_type(message) == "multipart/report":
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


def _content_type(part: Message) -> str:
    try:
        return part.get_content_type()
    except Exception:
        return ""


# --- body ----------------------------------------------------------------------------------


def _body_text(message: Message) -> str:
    part = _body_part(message)
    if part is None:
        return ""
    if _content_type(part) == "text/html":
        return _tidy_text(html_to_text(_part_text(part, _MAX_HTML_BYTES)))
    return _tidy_text(_part_text(part, _MAX_TEXT_BYTES))


def _body_part(message: Message) -> Message | None:
    """The text/plain part, else the text/html one, never an attachment."""
    if isinstance(message, EmailMessage):
        try:
            return message.get_body(preferencelist=("plain", "html"))
        except Exception:
            pass  # fall through to a plain walk
    try:
        html: Message | None = None
        for count, part in enumerate(message.walk()):
            if count > _MAX_PARTS:
                break
            content_type = _content_type(part)
            if content_type not in {"text/plain", "text/html"} or _is_attachment(part):
                continue
            if content_type == "text/plain":
                return part
            html = html or part
        return html
    except Exception:
        return None


def _is_attachment(part: Message) -> bool:
    try:
        return (part.get_content_disposition() or "") == "attachment"
    except Exception:
        return True


def _part_text(part: Message, limit: int) -> str:
    """The part's text (its first ``limit`` bytes): transfer encoding, then charset undone."""
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        payload = None
    if not isinstance(payload, bytes):
        raw = part.get_payload()
        payload = raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else b""
    try:
        charset = part.get_content_charset() or ""
    except Exception:
        charset = ""
    return decode_bytes(payload[:limit], charset, truncated=len(payload) > limit)


def decode_bytes(data: bytes, charset: str = "", *, truncated: bool = False) -> str:
    """Text from bytes in a declared charset that may be wrong, unknown or missing.

    Tries the declared charset, then UTF-8; mostly-UTF-8 with a few broken bytes keeps UTF-8
    with replacement characters; anything else is read as Windows-1252, then Latin-1 (which
    cannot fail). When ``data`` was ``truncated``, a sequence cut off at its end is dropped
    rather than taken as a sign of the wrong charset.
    """
    for name in (charset.strip(), "utf-8"):
        if not name:
            continue
        try:
            data[:0].decode(name)  # LookupError for unknown names and non-text codecs
            decoder = codecs.getincrementaldecoder(name)(errors="strict")
            return str(decoder.decode(data, final=not truncated))
        except (LookupError, UnicodeError, ValueError, TypeError):
            continue
    lenient = data.decode("utf-8", "replace")
    if any(ord(char) > 127 and char != "\ufffd" for char in lenient):
        return lenient
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _tidy_text(text: str) -> str:
    text = text[: MAX_TEXT_CHARS * 2].replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", _windows_c1(_unsurrogate(text)))
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_RUN.sub("\n\n", text).strip()[:MAX_TEXT_CHARS]


def _windows_c1(text: str) -> str:
    """C1 controls read as Windows-1252 (dashes, curly quotes, the euro sign).

    Mail labelled ISO-8859-1 is very often Windows-1252 in fact (browsers assume as much);
    genuine C1 controls never belong in a query, so the few with no Windows-1252 meaning go.
    """
    if not _C1.search(text):
        return text
    return _C1.sub(lambda match: bytes([ord(match.group())]).decode("cp1252", "ignore"), text)


def _unsurrogate(text: str) -> str:
    """Text with the parser's escaped raw bytes decoded (UTF-8, else Windows-1252)."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        data = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return decode_bytes(data)


# --- HTML ----------------------------------------------------------------------------------


class _TextExtractor(HTMLParser):
    """Collects the visible text of an HTML document, one line per block."""

    _HIDDEN = frozenset({"script", "style", "head", "title", "noscript", "template", "svg"})
    _BLOCKS = frozenset(
        {
            "p", "div", "br", "li", "tr", "table", "ul", "ol", "blockquote", "pre", "hr",
            "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer",
        }
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._hidden = 0  # an unclosed <head> must not hide the whole message
        elif tag in self._HIDDEN:
            self._hidden += 1
        elif tag in self._BLOCKS:
            self._parts.append("\n- " if tag == "li" else "\n")
        elif tag == "td":
            self._parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BLOCKS:
            self._parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self._BLOCKS and tag != "li":
            self._parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._parts.append(_HEADER_SPACE.sub(" ", data))

    def text(self) -> str:
        lines = (line.strip() for line in "".join(self._parts).split("\n"))
        return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip()


def html_to_text(markup: str) -> str:
    """The visible text of HTML: no tags, scripts or styles; entities unescaped."""
    extractor = _TextExtractor()
    try:
        extractor.feed(markup)
        extractor.close()
        return extractor.text()
    except Exception:
        # html.parser is lenient, but if it gives up, a crude strip beats losing the query.
        return unescape(_TAG.sub(" ", markup))


# --- files ---------------------------------------------------------------------------------


def _mbox_message(lines: list[bytes]) -> bytes:
    """One archived message: the blank line that preceded the next separator comes off."""
    if lines and not lines[-1].rstrip(b"\r\n"):
        lines = lines[:-1]
    message = b"".join(lines)
    return message if message.strip() else b""


def _iter_file(path: Path) -> Iterator[tuple[str, bytes]]:
    if _is_mbox(path):
        for number, raw in enumerate(iter_mbox(path), start=1):
            yield f"{path}#{number}", raw
    else:
        yield str(path), path.read_bytes()


def _is_mbox(path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix in {".mbox", ".eml"}:
        return suffix == ".mbox"
    with path.open("rb") as handle:
        return handle.read(5) == b"From "

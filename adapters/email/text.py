"""Text out of raw mail: decoding bytes in doubtful charsets, tidying, and HTML to text."""

from __future__ import annotations

import codecs
import re
from email.message import EmailMessage, Message
from html import unescape
from html.parser import HTMLParser

#: The most body text kept per message; queries are short, signatures and quoted threads not.
MAX_TEXT_CHARS = 20_000
# A UTF-8 character is at most four bytes: never decode more of a body than can be kept.
_MAX_TEXT_BYTES = MAX_TEXT_CHARS * 4
# Enough HTML to yield MAX_TEXT_CHARS of text from a heavily marked-up newsletter; the pure
# Python HTML parser is the slowest step, so it never sees more.
_MAX_HTML_BYTES = 1_000_000
_MAX_PARTS = 500

#: Control characters that never belong in a header or a query.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Runs of white space, which fold to one space in headers.
SPACE = re.compile(r"\s+")
_C1 = re.compile(r"[\x80-\x9f]")
_BLANK_RUN = re.compile(r"\n{3,}")
_TAG = re.compile(r"<[^>]*>")


def content_type(part: Message) -> str:
    """The part's content type, or "" when its header cannot be read."""
    try:
        return part.get_content_type()
    except Exception:
        return ""


def body_text(message: Message) -> str:
    """The message's own words: its plain text, else its HTML as text, tidied and bounded."""
    part = _body_part(message)
    if part is None:
        return ""
    if content_type(part) == "text/html":
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
            kind = content_type(part)
            if kind not in {"text/plain", "text/html"} or _is_attachment(part):
                continue
            if kind == "text/plain":
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
    text = CONTROL.sub("", windows_c1(unsurrogate(text)))
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_RUN.sub("\n\n", text).strip()[:MAX_TEXT_CHARS]


def windows_c1(text: str) -> str:
    """C1 controls read as Windows-1252 (dashes, curly quotes, the euro sign).

    Mail labelled ISO-8859-1 is very often Windows-1252 in fact (browsers assume as much);
    genuine C1 controls never belong in a query, so the few with no Windows-1252 meaning go.
    """
    if not _C1.search(text):
        return text
    return _C1.sub(lambda match: bytes([ord(match.group())]).decode("cp1252", "ignore"), text)


def unsurrogate(text: str) -> str:
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
            self._parts.append(SPACE.sub(" ", data))

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

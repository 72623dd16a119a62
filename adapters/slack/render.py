"""Block Kit from the neutral ``Reply``: pure, within Slack's limits, every string escaped.

Any text in a reply may have come from a user or an e-mail, so it is escaped for mrkdwn
(``&``, ``<`` and ``>`` as entities) before it goes into a block: nobody can smuggle in
``<!channel>``, a ``<@U123>`` mention or a ``<http://evil|link>``. The only markup in the output
is this module's own (bold field labels, bullets, the links of ``Link`` blocks). mrkdwn objects
are also ``verbatim``, so that Slack does not turn bare "@here" or URLs in user text into live
mentions or links either.

An ``Image`` that carries PNG bytes and no web address is not a block: :func:`uploads` lists it
and the sender uploads it into the same channel after the message.

Slack allows 50 blocks a message and 3,000 characters a section; a reply that needs more
becomes several messages, in order, each with its own plain-text fallback.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from adapters.web.render import is_web_address
from bot.messages import (
    Block,
    Bullets,
    Button,
    Context,
    Divider,
    Fields,
    Header,
    Image,
    Link,
    Reply,
    Text,
)

SlackBlock = dict[str, Any]

MAX_BLOCKS = 50
MAX_TEXT = 3000
MAX_HEADER = 150
MAX_FIELDS = 10
MAX_FIELD_TEXT = 2000
MAX_BUTTONS = 25
MAX_BUTTON_LABEL = 75
MAX_BUTTON_VALUE = 2000
MAX_IMAGE_URL = 3000
MAX_ALT_TEXT = 2000
MAX_FALLBACK = 3000
ELLIPSIS = "\u2026"

#: Block Kit wants the buttons of a message to have distinct action ids, and the same command
#: may offer the same button twice (Done on three tactics); a numbered suffix keeps them apart.
ACTION_SUFFIX = "#"

_ENTITIES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_LONGEST_ENTITY = max(len(entity) for _, entity in _ENTITIES)


def escape(text: str) -> str:
    """Text made inert for mrkdwn: ``&``, ``<`` and ``>`` as the entities Slack expects."""
    for character, entity in _ENTITIES:
        text = text.replace(character, entity)
    return text


def unescape(text: str) -> str:
    """The reverse of :func:`escape`."""
    for character, entity in reversed(_ENTITIES):
        text = text.replace(entity, character)
    return text


def original_action_id(rendered: str) -> str:
    """The reply's own action id of a rendered button (``tactic_done#2`` -> ``tactic_done``)."""
    head, separator, tail = rendered.rpartition(ACTION_SUFFIX)
    return head if separator and tail.isdigit() else rendered


@dataclass(frozen=True, kw_only=True)
class _Rendered:
    """One Block Kit block and what it says in plain text, for the fallback."""

    block: SlackBlock
    plain: str = ""


def render_blocks(reply: Reply) -> list[SlackBlock]:
    """Every block of the reply, unsplit (for views, which have their own limit)."""
    return [rendered.block for rendered in _render(reply)]


def render_messages(reply: Reply) -> list[dict[str, Any]]:
    """The reply as one or more ``chat.postMessage`` payloads (``text`` and ``blocks``).

    Each payload has at most :data:`MAX_BLOCKS` blocks and a plain-text ``text`` fallback for
    notifications and clients that cannot draw blocks; send them in order.
    """
    rendered = _render(reply)
    groups = [rendered[i : i + MAX_BLOCKS] for i in range(0, len(rendered), MAX_BLOCKS)]
    if len(groups) <= 1:
        blocks = [r.block for r in rendered]
        plain = reply.text or "\n".join(r.plain for r in rendered)
        return [{"text": _fallback(plain), "blocks": blocks}]
    return [
        {
            "text": _fallback("\n".join(r.plain for r in group if r.plain)),
            "blocks": [r.block for r in group],
        }
        for group in groups
    ]


def uploads(reply: Reply) -> list[Image]:
    """The reply's images that go to Slack as file uploads, in order."""
    return uploads_of(reply.blocks)


def uploads_of(blocks: tuple[Block, ...]) -> list[Image]:
    """Images with PNG bytes and no address Slack could fetch itself."""
    return [b for b in blocks if isinstance(b, Image) and b.data and not is_web_address(b.url)]


def _fallback(plain: str) -> str:
    # The fallback is mrkdwn too (notifications parse it), so it is escaped like the rest.
    return _truncate(escape(plain.strip()), MAX_FALLBACK) or ELLIPSIS


def _render(reply: Reply) -> list[_Rendered]:
    blocks: tuple[Block, ...] = reply.blocks or (Text(text=reply.text),)
    numbers = itertools.count()
    return [rendered for block in blocks for rendered in _block(block, numbers)]


def _block(block: Block, numbers: Iterator[int]) -> Iterator[_Rendered]:
    if isinstance(block, Header):
        yield from _header(block.text)
    elif isinstance(block, Text):
        yield from _sections(escape(block.text))
    elif isinstance(block, Bullets):
        lines = ("\u2022 " + escape(item).replace("\n", "\n    ") for item in block.items)
        yield from _sections("\n".join(lines))
    elif isinstance(block, Fields):
        yield from _fields(block.pairs)
    elif isinstance(block, Divider):
        yield _Rendered(block={"type": "divider"})
    elif isinstance(block, Context):
        for piece in _split(escape(block.text), MAX_TEXT):
            yield _Rendered(
                block={"type": "context", "elements": [_mrkdwn(piece)]}, plain=unescape(piece)
            )
    elif isinstance(block, Link):
        yield _link(block)
    elif isinstance(block, Image):
        # Bytes are uploaded as a file after the message (SlackSender), not drawn as a block.
        if block not in uploads_of((block,)):
            yield _image(block)
    else:
        yield from _buttons(block.buttons, numbers)


def _mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def _header(text: str) -> Iterator[_Rendered]:
    # Plain text is never parsed for mentions or links, so it needs no escaping; only length.
    text = " ".join(text.split())
    if text:
        shown = text if len(text) <= MAX_HEADER else text[: MAX_HEADER - 1] + ELLIPSIS
        yield _Rendered(block={"type": "header", "text": _plain(shown)}, plain=text)


def _sections(escaped: str) -> Iterator[_Rendered]:
    for piece in _split(escaped, MAX_TEXT):
        yield _Rendered(block={"type": "section", "text": _mrkdwn(piece)}, plain=unescape(piece))


def _fields(pairs: tuple[tuple[str, str], ...]) -> Iterator[_Rendered]:
    for start in range(0, len(pairs), MAX_FIELDS):
        chunk = pairs[start : start + MAX_FIELDS]
        fields = [
            _mrkdwn(_truncate(f"*{escape(label)}*\n{escape(value)}", MAX_FIELD_TEXT))
            for label, value in chunk
        ]
        plain = "\n".join(f"{label}: {value}" for label, value in chunk)
        yield _Rendered(block={"type": "section", "fields": fields}, plain=plain)


def _link(link: Link) -> _Rendered:
    label = link.label or link.url
    if not is_web_address(link.url):
        # Shown, never linked: the address may be javascript: or a Slack <!command>.
        shown = f"{link.label}: {link.url}" if link.label else link.url
        text = _truncate(escape(shown), MAX_TEXT)
    else:
        # Inside <url|label> a "|" would end the address early; encoded it means the same.
        target = escape(link.url).replace("|", "%7C")
        room = MAX_TEXT - len(target) - 3
        text = f"<{target}|{_truncate(escape(label), max(room, 1))}>"
    return _Rendered(block={"type": "section", "text": _mrkdwn(text)}, plain=f"{label}: {link.url}")


def _image(image: Image) -> _Rendered:
    alt = " ".join(image.alt.split()) or "image"
    if is_web_address(image.url) and len(image.url) <= MAX_IMAGE_URL:
        block = {"type": "image", "image_url": image.url, "alt_text": alt[:MAX_ALT_TEXT]}
        return _Rendered(block=block, plain=f"[{alt}]")
    # Slack fetches images itself, so an address only this server understands shows as text.
    text = _truncate(escape(f"[{alt}]"), MAX_TEXT)
    return _Rendered(block={"type": "context", "elements": [_mrkdwn(text)]}, plain=f"[{alt}]")


def _buttons(buttons: tuple[Button, ...], numbers: Iterator[int]) -> Iterator[_Rendered]:
    for start in range(0, len(buttons), MAX_BUTTONS):
        elements = [_button(b, next(numbers)) for b in buttons[start : start + MAX_BUTTONS]]
        if elements:
            yield _Rendered(block={"type": "actions", "elements": elements})


def _button(button: Button, number: int) -> dict[str, Any]:
    label = " ".join(button.label.split()) or button.action_id
    if len(label) > MAX_BUTTON_LABEL:
        label = label[: MAX_BUTTON_LABEL - 1] + ELLIPSIS
    element: dict[str, Any] = {
        "type": "button",
        "text": _plain(label),
        "action_id": f"{button.action_id}{ACTION_SUFFIX}{number}",
    }
    if button.value:
        element["value"] = button.value[:MAX_BUTTON_VALUE]
    if button.style in ("primary", "danger"):
        element["style"] = button.style
    return element


def _safe_cut(escaped: str, cut: int) -> int:
    """``cut`` moved back so that it does not fall inside an entity such as ``&amp;``."""
    start = escaped.rfind("&", max(0, cut - _LONGEST_ENTITY + 1), cut)
    if start != -1 and escaped.find(";", start) >= cut:
        return start
    return cut


def _truncate(escaped: str, limit: int) -> str:
    if len(escaped) <= limit:
        return escaped
    return escaped[: _safe_cut(escaped, limit - 1)] + ELLIPSIS


def _split(escaped: str, limit: int) -> list[str]:
    """Escaped text in pieces of at most ``limit`` characters, broken at line ends if it can,
    else at spaces, else anywhere but inside an entity; blank pieces are dropped."""
    pieces: list[str] = []
    rest = escaped
    while len(rest) > limit:
        cut = rest.rfind("\n", 0, limit + 1)
        if cut <= 0:
            cut = rest.rfind(" ", 0, limit + 1)
        if cut <= 0:
            cut = _safe_cut(rest, limit) or limit
        pieces.append(rest[:cut])
        rest = rest[cut + 1 :] if rest[cut] in "\n " else rest[cut:]
    pieces.append(rest)
    return [piece for piece in pieces if piece.strip()]

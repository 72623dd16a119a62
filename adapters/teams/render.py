"""Replies as Adaptive Cards for Teams: a conservative schema, escaped text, split to fit.

Pure functions of the neutral :class:`~bot.messages.Reply`, free of the Agents SDK, so that they
can be tested alone and kept when the SDK changes. Blocks come out in the order the web and
the console show them: a header and text become TextBlocks, fields a FactSet, bullets one
TextBlock an item, a divider a separator, a link an ``Action.OpenUrl``, an image an Image
(http and https, or the PNG bytes of a chart we drew as a data: URI when the card can hold
it) and buttons ``Action.Submit`` whose data comes back as the activity's
``value``: ``{"action_id": ..., "value": ...}``.

TextBlocks and facts are Markdown to Teams, and every string of a reply may come from a user
or an e-mail, so each one is escaped: ``<at>`` cannot mention anyone, ``[text](url)`` cannot
make a link, ``*`` and ``_`` cannot format. Teams refuses a message over about 28 KB, so a
long reply (a digest) is split over several cards, each under :data:`MAX_CARD_BYTES`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from adapters.web.render import is_web_address, png_data_uri
from bot.messages import (
    Block,
    Bullets,
    Button,
    Buttons,
    Context,
    Divider,
    Fields,
    Header,
    Image,
    Link,
    Reply,
    Text,
)

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
# 1.4 is what the Teams desktop, web and mobile clients have all rendered for years.
CARD_VERSION = "1.4"

#: The largest card JSON sent; Teams' limit is about 28 KB for the whole activity.
MAX_CARD_BYTES = 24 * 1024
#: Characters of reply text in one TextBlock or fact; longer text continues in the next.
MAX_TEXT = 1000
#: Characters of a card's fallback text (shown only by clients that cannot draw the card).
MAX_FALLBACK = 500
#: Characters of an activity's summary (the notification and the chat list preview).
MAX_SUMMARY = 200
#: Facts per FactSet and buttons per ActionSet, so that none grows without bound.
MAX_FACTS = 10
MAX_BUTTONS = 5
MAX_TITLE = 80

# Characters that open Markdown anywhere in a line (emphasis, code, links, mentions, HTML).
_INLINE = re.compile(r"([\\`*_\[\]<>~])")
# Characters that open Markdown only at the start of a line (headings, lists, rules).
_LINE_START = re.compile(r"^(\s*)([#+=-])", re.MULTILINE)
# "1. item" and "1) item" would become a numbered list.
_ORDERED = re.compile(r"^(\s*\d{1,9})([.)])", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """``text`` as Teams Markdown that shows exactly these characters and formats nothing.

    Backslash escapes are CommonMark's, which both Adaptive Cards and Teams messages follow;
    only the characters that could start markup are escaped, so ordinary text reads as is.
    """
    # Markdown ends a line at a carriage return too; one kind of line ending is enough.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    escaped = _INLINE.sub(r"\\\1", text)
    escaped = _ORDERED.sub(r"\1\\\2", escaped)
    return _LINE_START.sub(r"\1\\\2", escaped)


@dataclass(frozen=True, kw_only=True)
class _Element:
    """One card body element and what it says in plain text (for the fallback)."""

    body: dict[str, Any]
    plain: str


def render_activities(reply: Reply) -> list[dict[str, Any]]:
    """The reply as Bot Framework message activities (JSON), one per card.

    Each carries its card as an attachment and the reply's first line as ``summary``, the
    text Teams shows in notifications. The full text is not repeated as the activity's
    ``text``, which Teams would show above the card; the card's ``fallbackText`` carries it
    for clients that cannot draw cards.
    """
    summary = _clip(reply.text.strip().split("\n", 1)[0], MAX_SUMMARY)
    return [
        {
            "type": "message",
            "summary": summary,
            "attachments": [{"contentType": CARD_CONTENT_TYPE, "content": card}],
        }
        for card in render_cards(reply)
    ]


def render_cards(reply: Reply) -> list[dict[str, Any]]:
    """The reply as one or more Adaptive Cards, each under :data:`MAX_CARD_BYTES`.

    A reply without blocks is its text. Cards split between elements, never inside one.
    """
    blocks: tuple[Block, ...] = reply.blocks or (Text(text=reply.text),)
    elements = _elements(blocks)
    if not elements:
        elements = [_text_block("\u00a0", "")]  # Teams refuses a card with an empty body
    cards: list[dict[str, Any]] = []
    current: list[_Element] = []
    empty = size = _empty_card_bytes()
    for element in elements:
        cost = len(json.dumps(element.body)) + 1
        if current and size + cost > MAX_CARD_BYTES:
            cards.append(_card(current))
            current, size = [], empty
            # A separator at the top of a card separates it from nothing.
            element = _Element(
                body={k: v for k, v in element.body.items() if k != "separator"},
                plain=element.plain,
            )
        current.append(element)
        size += cost
    cards.append(_card(current))
    return cards


def _card(elements: list[_Element]) -> dict[str, Any]:
    plain = "\n".join(e.plain for e in elements if e.plain)
    return {
        "type": "AdaptiveCard",
        "$schema": CARD_SCHEMA,
        "version": CARD_VERSION,
        "body": [e.body for e in elements],
        "fallbackText": escape_markdown(_clip(plain, MAX_FALLBACK)),
    }


def _empty_card_bytes() -> int:
    # The worst case of everything but the body: escaping can double the fallback's
    # characters and JSON can spend six bytes on each (\uXXXX), as the Bot Framework's
    # serialiser does.
    return len(json.dumps(_card([]))) + 2 * 6 * MAX_FALLBACK


def _elements(blocks: tuple[Block, ...]) -> list[_Element]:
    elements: list[_Element] = []
    separate = False
    for block in blocks:
        if isinstance(block, Divider):
            separate = True
            continue
        made = _block(block)
        if made and separate:
            first = made[0]
            made[0] = _Element(
                body={**first.body, "separator": True, "spacing": "Medium"}, plain=first.plain
            )
            separate = False
        elements += made
    return elements


def _block(block: Block) -> list[_Element]:
    if isinstance(block, Header):
        one_line = " ".join(block.text.split())
        return _text_blocks(one_line, size="Large", weight="Bolder")
    if isinstance(block, Text):
        return _text_blocks(block.text)
    if isinstance(block, Context):
        return _text_blocks(block.text, size="Small", isSubtle=True)
    if isinstance(block, Fields):
        return _fact_sets(block)
    if isinstance(block, Bullets):
        elements: list[_Element] = []
        for item in block.items:
            elements += _text_blocks(item, bullet=True)
        return elements
    if isinstance(block, Link):
        return [_link(block)]
    if isinstance(block, Image):
        return [_image(block)]
    if isinstance(block, Buttons):
        return _action_sets(block.buttons)
    return []


def _text_blocks(text: str, *, bullet: bool = False, **style: Any) -> list[_Element]:
    """One TextBlock a line (Markdown would join single line breaks), long lines split."""
    elements: list[_Element] = []
    gap = False
    for index, line in enumerate(text.split("\n")):
        if not line.strip():
            gap = bool(elements)
            continue
        for piece in _pieces(line.rstrip(), MAX_TEXT):
            shown = escape_markdown(piece)
            if bullet and index == 0 and not elements:
                shown, piece = f"\u2022 {shown}", f"\u2022 {piece}"
            body: dict[str, Any] = {"type": "TextBlock", "text": shown, "wrap": True, **style}
            if elements:
                body["spacing"] = "Medium" if gap else "None"
            elements.append(_Element(body=body, plain=piece))
            gap = False
    return elements


def _text_block(text: str, plain: str) -> _Element:
    return _Element(body={"type": "TextBlock", "text": text, "wrap": True}, plain=plain)


def _fact_sets(block: Fields) -> list[_Element]:
    facts = [
        (" ".join(label.split()), _clip(value.strip(), MAX_TEXT)) for label, value in block.pairs
    ]
    return [
        _Element(
            body={
                "type": "FactSet",
                "facts": [
                    {"title": escape_markdown(label), "value": escape_markdown(value)}
                    for label, value in chunk
                ],
            },
            plain="\n".join(f"{label}: {value}" for label, value in chunk),
        )
        for chunk in _chunks(facts, MAX_FACTS)
    ]


def _link(link: Link) -> _Element:
    label = link.label or link.url
    if not is_web_address(link.url):
        # Shown, never linked: the address may be javascript: or data: from an e-mail.
        shown = f"{label}: {link.url}" if link.label else label
        return _text_block(escape_markdown(shown), shown)
    action = {"type": "Action.OpenUrl", "title": _title(label), "url": link.url}
    return _Element(body={"type": "ActionSet", "actions": [action]}, plain=f"{label}: {link.url}")


def _image(image: Image) -> _Element:
    alt = _clip(" ".join(image.alt.split()), MAX_TITLE * 2)
    inline = png_data_uri(image.data) if image.data and not is_web_address(image.url) else ""
    if inline:
        # Teams draws data: URIs; the card must still fit, or only the alt text goes.
        element = _Element(body={"type": "Image", "url": inline, "altText": alt}, plain=f"[{alt}]")
        if _empty_card_bytes() + len(json.dumps(element.body)) + 1 <= MAX_CARD_BYTES:
            return element
    if not is_web_address(image.url):
        # Relative chart addresses mean nothing to a Teams client; say what it would show.
        shown = f"[{alt}]"
        return _Element(
            body={
                "type": "TextBlock",
                "text": escape_markdown(shown),
                "wrap": True,
                "size": "Small",
                "isSubtle": True,
            },
            plain=shown,
        )
    return _Element(body={"type": "Image", "url": image.url, "altText": alt}, plain=f"[{alt}]")


def _action_sets(buttons: tuple[Button, ...]) -> list[_Element]:
    return [
        _Element(
            body={"type": "ActionSet", "actions": [_submit(b) for b in chunk]},
            plain="  ".join(f"[{b.label}]" for b in chunk),
        )
        for chunk in _chunks(list(buttons), MAX_BUTTONS)
    ]


def _submit(button: Button) -> dict[str, Any]:
    action: dict[str, Any] = {
        "type": "Action.Submit",
        # Titles are plain text to Teams, never Markdown, so they need no escaping.
        "title": _title(button.label),
        "data": {"action_id": button.action_id, "value": button.value},
    }
    style = {"primary": "positive", "danger": "destructive"}.get(button.style)
    if style:
        action["style"] = style
    return action


def _title(text: str) -> str:
    return _clip(" ".join(text.split()), MAX_TITLE)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _pieces(text: str, limit: int) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, broken at spaces where possible."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind(" ", limit // 2, limit)
        if cut <= 0:
            cut = limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        pieces.append(text)
    return pieces


def _chunks(items: list[Any], size: int) -> list[list[Any]]:
    return [items[start : start + size] for start in range(0, len(items), size)]

"""Replies to and from plain JSON values, so that a stored reply comes back whole.

The web chat shows nudges and the digest long after they were sent; storing the reply this
way keeps its sections and buttons rather than its plain text alone. The format is versioned
(``"v"``) and every block names its type, so that old rows stay readable as blocks are added.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping, Sequence

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

VERSION = 1


class BadReplyDocument(ValueError):
    """A stored document that is not a reply this module wrote."""


def encode_reply(reply: Reply) -> dict[str, object]:
    """The reply as plain JSON values (dicts, lists, strings).

    ``data`` is kept when it is plain JSON, as its docstring promises; anything else in it is
    left out rather than failing the message it belongs to.
    """
    document: dict[str, object] = {
        "v": VERSION,
        "text": reply.text,
        "intent": reply.intent,
        "blocks": [_encode_block(block) for block in reply.blocks],
    }
    if reply.data and _is_plain(reply.data):
        document["data"] = reply.data
    return document


def decode_reply(document: Mapping[str, object]) -> Reply:
    """The reply :func:`encode_reply` wrote.

    Raises:
        BadReplyDocument: the document is not one, or holds a block of an unknown type.
    """
    if document.get("v") != VERSION:
        raise BadReplyDocument(f"unknown reply document version {document.get('v')!r}")
    data = document.get("data", {})
    if not isinstance(data, dict):
        raise BadReplyDocument("'data' must be an object")
    return Reply(
        text=_str(document, "text"),
        intent=_str(document, "intent"),
        blocks=tuple(_decode_block(b) for b in _list(document, "blocks")),
        data=data,
    )


def _encode_block(block: Block) -> dict[str, object]:
    if isinstance(block, Header):
        return {"type": "header", "text": block.text}
    if isinstance(block, Text):
        return {"type": "text", "text": block.text}
    if isinstance(block, Fields):
        return {"type": "fields", "pairs": [[label, value] for label, value in block.pairs]}
    if isinstance(block, Bullets):
        return {"type": "bullets", "items": list(block.items)}
    if isinstance(block, Divider):
        return {"type": "divider"}
    if isinstance(block, Context):
        return {"type": "context", "text": block.text}
    if isinstance(block, Link):
        return {"type": "link", "label": block.label, "url": block.url}
    if isinstance(block, Image):
        image: dict[str, object] = {"type": "image", "url": block.url, "alt": block.alt}
        if block.data:
            image["data"] = base64.b64encode(block.data).decode("ascii")
        return image
    return {
        "type": "buttons",
        "buttons": [
            {"label": b.label, "action_id": b.action_id, "value": b.value, "style": b.style}
            for b in block.buttons
        ],
    }


def _decode_block(raw: object) -> Block:
    if not isinstance(raw, dict):
        raise BadReplyDocument("a block must be an object")
    kind = raw.get("type")
    if kind == "header":
        return Header(text=_str(raw, "text"))
    if kind == "text":
        return Text(text=_str(raw, "text"))
    if kind == "fields":
        return Fields(pairs=tuple(_pair(pair) for pair in _list(raw, "pairs")))
    if kind == "bullets":
        return Bullets(items=tuple(_string(item) for item in _list(raw, "items")))
    if kind == "divider":
        return Divider()
    if kind == "context":
        return Context(text=_str(raw, "text"))
    if kind == "link":
        return Link(label=_str(raw, "label"), url=_str(raw, "url"))
    if kind == "image":
        try:
            data = base64.b64decode(_str(raw, "data"), validate=True)
        except binascii.Error as error:
            raise BadReplyDocument("an image's data is not base64") from error
        return Image(url=_str(raw, "url"), alt=_str(raw, "alt"), data=data)
    if kind == "buttons":
        return Buttons(buttons=tuple(_button(b) for b in _list(raw, "buttons")))
    raise BadReplyDocument(f"unknown block type {kind!r}")


def _button(raw: object) -> Button:
    if not isinstance(raw, dict):
        raise BadReplyDocument("a button must be an object")
    return Button(
        label=_str(raw, "label"),
        action_id=_str(raw, "action_id"),
        value=_str(raw, "value"),
        style=_str(raw, "style"),
    )


def _pair(raw: object) -> tuple[str, str]:
    if not isinstance(raw, list) or len(raw) != 2:
        raise BadReplyDocument("a field must be a [label, value] pair")
    return _string(raw[0]), _string(raw[1])


def _str(document: Mapping[str, object], key: str) -> str:
    return _string(document.get(key, ""))


def _string(value: object) -> str:
    if not isinstance(value, str):
        raise BadReplyDocument(f"expected a string, not {type(value).__name__}")
    return value


def _list(document: Mapping[str, object], key: str) -> Sequence[object]:
    value = document.get(key, [])
    if not isinstance(value, list):
        raise BadReplyDocument(f"'{key}' must be a list")
    return value


def _is_plain(value: object) -> bool:
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        return False
    return True

"""The neutral message model: what any chat sends in and what the bot sends back.

A reply always has plain text; blocks are an optional richer form every renderer can draw
(Block Kit, Adaptive Cards, HTML, console text). A button press comes back as an ordinary
``Incoming`` whose ``action`` is set, so the same router handles it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, kw_only=True)
class Actor:
    """Who is talking, as far as the platform knows."""

    platform: str
    user_id: str
    name: str = ""
    email: str = ""


@dataclass(frozen=True, kw_only=True)
class Action:
    """A button press: the button's action id and value."""

    action_id: str
    value: str = ""


@dataclass(frozen=True, kw_only=True)
class Incoming:
    """One message or button press from a chat, with any bot mention already stripped.

    ``message_id`` is the platform's id for it (Slack event id, Teams activity id); the same id
    twice is the same message, so a retried delivery is answered and logged once (the second
    reply has the intent :data:`DUPLICATE`). Without an id every message is answered.
    """

    actor: Actor
    text: str
    at: datetime
    conversation: str = ""
    message_id: str = ""
    action: Action | None = None
    direct: bool = True


@dataclass(frozen=True, kw_only=True)
class Header:
    text: str


@dataclass(frozen=True, kw_only=True)
class Text:
    """A paragraph. ``text`` is plain; renderers escape it and add no markup of their own."""

    text: str


@dataclass(frozen=True, kw_only=True)
class Fields:
    """Label and value pairs."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True, kw_only=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Divider:
    pass


@dataclass(frozen=True, kw_only=True)
class Context:
    """Small print: sources, counts, hints."""

    text: str


@dataclass(frozen=True, kw_only=True)
class Link:
    """A labelled link to a web address."""

    label: str
    url: str


@dataclass(frozen=True, kw_only=True)
class Button:
    """A button; pressing it sends ``Action(action_id, value)`` back through the router."""

    label: str
    action_id: str
    value: str = ""
    style: str = ""  # "primary", "danger" or "" (renderers may ignore it)


@dataclass(frozen=True, kw_only=True)
class Buttons:
    buttons: tuple[Button, ...]


@dataclass(frozen=True, kw_only=True)
class Image:
    """An image (a chart), by address or as PNG bytes, with text for those who cannot see it.

    ``data`` carries the PNG itself when no address every chat can fetch exists; each
    renderer shows it its own way (a Slack upload, a data URI) or falls back to ``alt``.
    """

    alt: str
    url: str = ""
    data: bytes = field(default=b"", repr=False)


Block = Header | Text | Fields | Bullets | Divider | Context | Link | Buttons | Image


#: The intent of the reply to a message answered before (a retried delivery): chats drop it.
DUPLICATE = "duplicate"


@dataclass(frozen=True, kw_only=True)
class Reply:
    """What the bot says: required plain text plus optional blocks.

    ``intent`` names the command that answered and ``data`` carries its result as plain JSON
    values, for ``harmonibot ask --json`` and tests.
    """

    text: str
    blocks: tuple[Block, ...] = ()
    intent: str = ""
    data: dict[str, object] = field(default_factory=dict, compare=False)

    @property
    def buttons(self) -> tuple[Button, ...]:
        return tuple(
            b for block in self.blocks if isinstance(block, Buttons) for b in block.buttons
        )

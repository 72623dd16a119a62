"""The neutral message model: what any chat sends in and what the bot sends back.

A reply always has plain text; blocks (:mod:`bot.blocks`) are an optional richer form every
renderer can draw (Block Kit, Adaptive Cards, HTML, console text), and the text is derived
from them when not written. A button press comes back as an ordinary ``Incoming`` whose
``action`` is set, so the same router handles it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.blocks import (
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
    Text,
)
from bot.plain import plain_text

# The blocks are part of the message model: adapters import them from here.
__all__ = [
    "DUPLICATE",
    "Action",
    "Actor",
    "Block",
    "Bullets",
    "Button",
    "Buttons",
    "Context",
    "Divider",
    "Fields",
    "Header",
    "Image",
    "Incoming",
    "Link",
    "Reply",
    "Text",
]


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


#: The intent of the reply to a message answered before (a retried delivery): chats drop it.
DUPLICATE = "duplicate"


@dataclass(frozen=True, kw_only=True)
class Reply:
    """What the bot says: plain text plus optional blocks.

    ``text`` is derived from the blocks (see :mod:`bot.plain`) unless given; give it only
    where it must differ from them, such as a notification preview. ``intent`` names the
    command that answered and ``data`` carries its result as plain JSON values, for
    ``harmonibot ask --json`` and tests.
    """

    text: str = ""
    blocks: tuple[Block, ...] = ()
    intent: str = ""
    data: dict[str, object] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not self.text and self.blocks:
            # Frozen, so set through object; this is still construction.
            object.__setattr__(self, "text", plain_text(self.blocks))

    def extended(self, *blocks: Block) -> Reply:
        """This reply with more blocks after its own, and its text derived from them all."""
        own = self.blocks or ((Text(text=self.text),) if self.text else ())
        return Reply(blocks=(*own, *blocks), intent=self.intent, data=self.data)

    @property
    def buttons(self) -> tuple[Button, ...]:
        return tuple(
            b for block in self.blocks if isinstance(block, Buttons) for b in block.buttons
        )

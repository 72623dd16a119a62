"""A reply's blocks as plain text: the form every chat can show and every notification reads.

One walk over the blocks serves both the text a :class:`~bot.messages.Reply` carries (when
nobody wrote one by hand) and the console, which only draws a few blocks its own way.
Buttons are actions, not content: the plain form leaves them out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.blocks import Block, Bullets, Buttons, Context, Divider, Fields, Header, Image, Link, Text


@dataclass(frozen=True, kw_only=True)
class Style:
    """How a plain form draws the blocks whose look differs between uses.

    ``underline`` repeats under a header (up to 72 characters); ``align`` pads field labels to
    one width instead of following each with a colon; ``{}`` in the templates is the text.
    """

    underline: str = ""
    align: bool = False
    bullet: str = "- {}"
    context: str = "{}"
    divider: str = ""
    image: str = "{}"


#: The reply's own text: one fact a line, as a notification preview or a screen reader reads.
PLAIN = Style()


def block_lines(block: Block, style: Style = PLAIN) -> list[str]:
    """The lines one block reads as (none for buttons)."""
    if isinstance(block, Header):
        lines = [block.text]
        if style.underline:
            lines.append(style.underline * min(len(block.text), 72))
        return lines
    if isinstance(block, Text):
        return [block.text]
    if isinstance(block, Fields):
        if not block.pairs:
            return []
        if style.align:
            width = max(len(label) for label, _ in block.pairs)
            return [f"{label:<{width}}  {value}" for label, value in block.pairs]
        return [f"{label}: {value}" for label, value in block.pairs]
    if isinstance(block, Bullets):
        return [style.bullet.format(item) for item in block.items]
    if isinstance(block, Divider):
        return [style.divider]
    if isinstance(block, Context):
        return [style.context.format(block.text)]
    if isinstance(block, Link):
        return [f"{block.label}: {block.url}"]
    if isinstance(block, Image):
        return [style.image.format(block.alt)]
    if isinstance(block, Buttons):
        return []
    raise TypeError(f"not a block: {block!r}")


def plain_text(blocks: Iterable[Block], style: Style = PLAIN) -> str:
    """The blocks as lines of plain text."""
    return "\n".join(line for block in blocks for line in block_lines(block, style))

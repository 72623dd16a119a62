"""Replies as terminal text; the lowest common denominator every reply must survive."""

from __future__ import annotations

from bot.messages import Button, Buttons, Reply
from bot.plain import Style, block_lines

#: The plain form, drawn for a terminal: underlined headers, aligned fields, set-off asides.
CONSOLE = Style(
    underline="=", align=True, bullet="  • {}", context="  ({})", divider="-" * 40, image="[{}]"
)


def render(reply: Reply) -> tuple[str, tuple[Button, ...]]:
    """The reply as lines of text, and its buttons in the order they are numbered."""
    if not reply.blocks:
        return reply.text, ()
    lines: list[str] = []
    buttons: list[Button] = []
    for block in reply.blocks:
        if isinstance(block, Buttons):
            start = len(buttons)
            buttons += block.buttons
            choices = (f"[{start + n}] {b.label}" for n, b in enumerate(block.buttons, 1))
            lines.append("   " + "  ".join(choices))
        else:
            lines += block_lines(block, CONSOLE)
    return "\n".join(lines), tuple(buttons)

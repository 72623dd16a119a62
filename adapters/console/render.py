"""Replies as terminal text; the lowest common denominator every reply must survive."""

from __future__ import annotations

from bot.messages import (
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


def render(reply: Reply) -> tuple[str, tuple[Button, ...]]:
    """The reply as lines of text, and its buttons in the order they are numbered."""
    if not reply.blocks:
        return reply.text, ()
    lines: list[str] = []
    buttons: list[Button] = []
    for block in reply.blocks:
        if isinstance(block, Header):
            lines += [block.text, "=" * min(len(block.text), 72)]
        elif isinstance(block, Text):
            lines.append(block.text)
        elif isinstance(block, Fields):
            width = max(len(label) for label, _ in block.pairs)
            lines += [f"{label:<{width}}  {value}" for label, value in block.pairs]
        elif isinstance(block, Bullets):
            lines += [f"  • {item}" for item in block.items]
        elif isinstance(block, Divider):
            lines.append("-" * 40)
        elif isinstance(block, Context):
            lines.append(f"  ({block.text})")
        elif isinstance(block, Link):
            lines.append(f"{block.label}: {block.url}")
        elif isinstance(block, Image):
            lines.append(f"[{block.alt}]")
        elif isinstance(block, Buttons):
            choices = []
            for button in block.buttons:
                buttons.append(button)
                choices.append(f"[{len(buttons)}] {button.label}")
            lines.append("   " + "  ".join(choices))
    return "\n".join(lines), tuple(buttons)

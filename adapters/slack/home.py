"""The App Home tab: the person's tactics and actions and what is due, as one Block Kit view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from adapters.slack.render import render_blocks
from bot.messages import Block, Context, Divider, Header, Link, Reply, Text

#: What the Home tab shows, asked of the bot exactly as a person would ask it.
HOME_QUESTIONS = ("my tactics", "my actions", "what's due this week")

#: Slack's limit for the blocks of a Home tab.
MAX_HOME_BLOCKS = 100


def home_view(*, name: str, answers: Sequence[Reply], dashboard_url: str = "") -> dict[str, Any]:
    """The ``views.publish`` view for one person.

    ``answers`` are the bot's replies to :data:`HOME_QUESTIONS`; ``dashboard_url`` is given
    only for team members (the dashboard shows contacts, which are personal data).
    """
    blocks: list[Block] = [
        Header(text=f"Hello, {name}" if name else "Hello"),
        Text(
            text="Ask me which standard covers a topic, or about the plan, in a direct "
            "message or with /harmonise. Say 'help' for everything I can do."
        ),
    ]
    if dashboard_url:
        blocks.append(Link(label="Open the harmonisation dashboard", url=dashboard_url))
    for reply in answers:
        blocks.append(Divider())
        blocks.extend(reply.blocks or (Text(text=reply.text),))
    rendered = render_blocks(Reply(text="", blocks=tuple(blocks)))
    if len(rendered) > MAX_HOME_BLOCKS:
        more = Reply(text="", blocks=(Context(text="There is more than fits here; ask me."),))
        rendered = rendered[: MAX_HOME_BLOCKS - 1] + render_blocks(more)
    return {"type": "home", "blocks": rendered}

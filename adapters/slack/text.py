"""What people typed in Slack, as the plain text the bot's router reads.

Slack sends message text with its own markup: ``<@U123>`` mentions, ``<#C123|general>``
channels, ``<https://x|label>`` links, ``<!here>`` and ``&amp;``-style entities. The bot wants
words, so the bot's own mention goes, the rest becomes readable text, and entities are decoded.
"""

from __future__ import annotations

import re

_MARKUP = re.compile(r"<([^<>]*)>")
_SPACES = re.compile(r"[ \t]{2,}")
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))


def plain_text(text: str, bot_user_id: str = "") -> str:
    """Slack message text as plain words, without the mention of the bot itself."""

    def replace(match: re.Match[str]) -> str:
        target, _, label = match.group(1).partition("|")
        if target.startswith("@"):
            if bot_user_id and target[1:] == bot_user_id:
                return " "
            return "@" + (label or target[1:])
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!"):
            # <!here>, <!subteam^S1|@team>, <!date^1392734382^{date}|Feb 18th>
            return label or "@" + target[1:].split("^", 1)[0]
        if label:
            return label
        return target.removeprefix("mailto:")

    words = _MARKUP.sub(replace, text)
    for entity, character in _ENTITIES:
        words = words.replace(entity, character)
    return _SPACES.sub(" ", words).strip()

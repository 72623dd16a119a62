"""Messages the bot left for someone without Slack or Teams, shown in their web chat."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, kw_only=True)
class Notice:
    """One stored message: who it is for, its plain text and, when stored, the whole reply.

    ``payload`` is the reply as plain JSON values (``bot.reply_codec``); rows stored before
    replies were kept whole have only their text, and ``payload`` is None.
    """

    id: int
    person: str
    text: str
    at: datetime
    payload: dict[str, object] | None = None

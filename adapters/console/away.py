"""What the bot left for a person while they were away, as the console chat shows it: one
collapsed summary, newest first, with a count; "away" shows it all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from bot.messages import Reply
from bot.reply_codec import BadReplyDocument, decode_reply
from commplan.ports import UnitOfWorkFactory
from commplan.services.notices import notices_for

#: Notices read at once for the summary (a page at a time).
PAGE = 100
MOST = 2000
#: The console command that shows the summary's notices in full.
SHOW_ALL = "away"


@dataclass(frozen=True, kw_only=True)
class Waiting:
    """One notice: when it was left, and the reply it was."""

    at: datetime
    reply: Reply


def waiting_for(uow: UnitOfWorkFactory, name: str, zone: tzinfo = UTC) -> list[Waiting]:
    """The person's notices, newest first, their times in ``zone``."""
    found: list[Waiting] = []
    after = 0
    while len(found) < MOST:
        page = notices_for(uow(), name, after=after, limit=PAGE)
        if not page:
            break
        for notice in page:
            reply = Reply(text=notice.text)
            if notice.payload is not None:
                try:
                    reply = decode_reply(notice.payload)
                except BadReplyDocument:
                    pass  # an older row: its text is all there is
            found.append(Waiting(at=notice.at.astimezone(zone), reply=reply))
        after = page[-1].id
    return found[::-1]


def away_summary(waiting: Sequence[Waiting]) -> str:
    """The collapsed summary: a count, then each notice's first line, newest first."""
    count = len(waiting)
    lines = [f"While you were away · {count} {'message' if count == 1 else 'messages'}"]
    for item in waiting:
        first = item.reply.text.strip().splitlines()[0] if item.reply.text.strip() else ""
        lines.append(f"  {item.at:%a %-d %b %H:%M}  {first}")
    lines.append(f"  (say '{SHOW_ALL}' to read them in full)")
    return "\n".join(lines)

"""The end of a long list in any chat: "…and N more", and where the rest is.

Every chat list shows about ten rows (:data:`commplan.paging.CHAT_ROWS`), the most relevant
first; what it leaves out is counted, never dropped silently. The rest is a link to the
dashboard's full list when this deployment has a web address, or else the command that
exports it. The same blocks render in Slack, Teams, the web chat and the console.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.messages import Block, Context, Link
from commplan.paging import CHAT_ROWS

#: What the plain text of a reply says for the link (the block carries the address).
FULL_LIST = "See the full list"


@dataclass(frozen=True, kw_only=True)
class Rest:
    """Where the rows a chat leaves out can be seen: a web page, else a command."""

    url: str = ""
    command: str = ""

    def saying(self) -> str:
        if self.url:
            return "the full list is on the dashboard"
        if self.command:
            return f"for the full list, {self.command}"
        return "ask the team for the full list"


def more_line(more: int, rest: Rest) -> str:
    """ "…and 15 more: the full list is on the dashboard" ("" when nothing is left out)."""
    return f"…and {more} more: {rest.saying()}" if more > 0 else ""


def more_blocks(more: int, rest: Rest) -> tuple[Block, ...]:
    """The count of what is left out and where it is, after a list's shown rows."""
    if more <= 0:
        return ()
    blocks: list[Block] = [Context(text=more_line(more, rest))]
    if rest.url:
        blocks.append(Link(label=FULL_LIST, url=rest.url))
    return tuple(blocks)


def dashboard_rest(dashboard_url: str, page: str = "", *, command: str) -> Rest:
    """The dashboard's ``page`` ("contacts?from=...") when there is a web address, else
    ``command`` (how to export the list)."""
    if not dashboard_url:
        return Rest(command=command)
    if not page:
        return Rest(url=dashboard_url)
    joined = "" if page.startswith("#") else "/"
    return Rest(url=f"{dashboard_url}{joined}{page}")


def capped(
    lines: Sequence[str], rest: Rest, *, limit: int = CHAT_ROWS
) -> tuple[tuple[str, ...], tuple[Block, ...]]:
    """A list held in memory (a roster, the catalogue): its first ``limit`` lines, and the
    blocks saying how many more and where they are."""
    return tuple(lines[:limit]), more_blocks(len(lines) - limit, rest)

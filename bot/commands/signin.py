"""Signing in to the web chat: a personal link, given only where the platform vouches for who
is asking (a Slack or Teams direct message)."""

from __future__ import annotations

from bot.command import Args, Command
from bot.messages import Link, Reply, Text
from bot.turn import Turn

#: Chats whose identity the platform proves; a typed name proves nothing.
VOUCHED = frozenset({"slack", "teams"})


def web_chat_link(turn: Turn, args: Args) -> Reply:
    if turn.deps.chat_link is None:
        return _say("The web chat is not available here.", "web_chat_link_unavailable")
    if turn.incoming.actor.platform not in VOUCHED or turn.person is None:
        return _say(
            "I send web chat sign-in links only in a Slack or Teams direct message, to someone "
            "in my directory: there I know who is asking.",
            "web_chat_link_not_here",
        )
    if not turn.incoming.direct:
        # The link signs its holder in: said in a channel, anyone reading could use it.
        return _say(
            "I'll only send that in a direct message: the link signs you in. "
            "Message me directly and say 'web chat link'.",
            "web_chat_link_direct_only",
        )
    url = turn.deps.chat_link(turn.person)
    text = "Your web chat sign-in link works once, for the next 15 minutes. Please don't share it."
    return Reply(
        text=f"{text}\n{url}",
        blocks=(Text(text=text), Link(label="Open the web chat", url=url)),
        intent="web_chat_link",
        data={"url": url},
    )


def _say(text: str, intent: str) -> Reply:
    return Reply(text=text, blocks=(Text(text=text),), intent=intent)


COMMANDS = (
    Command(
        name="web chat link",
        # With help itself, outside help's list: the web chat's sign-in prompt tells of it.
        group="Help",
        handler=web_chat_link,
        help="A personal sign-in link to the web chat, sent only in a direct message.",
        examples=("web chat link",),
        patterns=(
            r"(?:send |give )?(?:me )?(?:a |the |my )?(?:web ?chat|chat) (?:sign[- ]?in )?link",
            r"sign (?:me )?in to the (?:web ?chat|website)",
        ),
    ),
)

"""Help: every command with its help text, grouped."""

from __future__ import annotations

from collections.abc import Sequence

from bot.command import Args, Command
from bot.messages import Block, Bullets, Context, Header, Intent, Reply
from bot.turn import Turn

_GROUPS = ("Standards", "Plan", "Actions", "Contacts", "Inbox", "People")


def help_reply(commands: Sequence[Command], *, team: bool) -> Reply:
    """The help text, listing the team-only commands only to the team."""
    blocks: list[Block] = [Header(text="What I can do")]
    for group in _GROUPS:
        shown = [c for c in commands if c.group == group and (team or not c.team_only)]
        if shown:
            blocks.append(Context(text=group))
            blocks.append(
                Bullets(
                    items=tuple(
                        f"{c.examples[0] if c.examples else c.name} — {c.help}" for c in shown
                    )
                )
            )
    hint = "You can also just ask about a topic, e.g. 'do they own their home or rent'."
    blocks.append(Context(text=hint))
    return Reply(blocks=tuple(blocks), intent=Intent.HELP)


def help_command(listed: Sequence[Command]) -> Command:
    """The help command, listing these commands."""

    def show_help(turn: Turn, args: Args) -> Reply:
        return help_reply(listed, team=turn.is_team)

    return Command(
        name="help",
        group="Help",
        handler=show_help,
        help="This list.",
        examples=("help",),
        patterns=(r"help|\?|commands|what can you do|hi|hello",),
    )

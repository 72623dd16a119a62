"""The built-in commands and fallback, wired through the same Command and Router API any
addition would use."""

from __future__ import annotations

from collections.abc import Iterable

from bot.command import Command
from bot.commands import actions, contacts, help, inbox, plan, standards, tactics
from bot.commands.fallback import fallback
from bot.messages import Reply
from bot.router import Router
from bot.turn import Turn


def builtin_commands() -> tuple[Command, ...]:
    """Every command, in matching order (specific patterns before general ones)."""
    listed = (
        *plan.COMMANDS,
        *tactics.COMMANDS,
        *actions.COMMANDS,
        *contacts.COMMANDS,
        *inbox.COMMANDS,
        *standards.COMMANDS,
    )
    return (*listed, help.help_command(listed))


def builtin_router(commands: Iterable[Command] | None = None) -> Router:
    """A router over these commands (the built-in ones by default) with the built-in fallback."""
    chosen = builtin_commands() if commands is None else tuple(commands)

    def answer_the_rest(turn: Turn) -> Reply:
        # The fallback tries the router again on parts of the message (a sentence of a post).
        return fallback(turn, router)

    router = Router(chosen, fallback=answer_the_rest)
    return router

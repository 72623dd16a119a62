"""The built-in commands and fallback, wired through the same Command and Router API any
addition would use."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from bot.command import Args, Command
from bot.commands import (
    actions,
    champions,
    checks,
    contact_edits,
    contacts,
    help,
    impact,
    inbox,
    people,
    plan,
    reminders,
    signin,
    standards,
    tactic_edits,
    tactics,
)
from bot.commands.fallback import fallback, standards_question
from bot.messages import Reply
from bot.router import Router
from bot.turn import Turn


def builtin_commands() -> tuple[Command, ...]:
    """Every command, in matching order (specific patterns before general ones)."""
    listed = (
        *reminders.COMMANDS,
        *plan.COMMANDS,
        *tactics.COMMANDS,
        *actions.COMMANDS,
        *tactic_edits.COMMANDS,
        *contacts.COMMANDS,
        *contact_edits.COMMANDS,
        *inbox.COMMANDS,
        *people.COMMANDS,
        *champions.COMMANDS,
        *checks.COMMANDS,
        *standards.COMMANDS,
        *impact.COMMANDS,
        *signin.COMMANDS,
    )
    return (*listed, help.help_command(listed))


def builtin_router(commands: Iterable[Command] | None = None) -> Router:
    """A router over these commands (the built-in ones by default) with the built-in fallback."""
    given = builtin_commands() if commands is None else tuple(commands)

    def answer_the_rest(turn: Turn) -> Reply:
        # The fallback tries the router again on parts of the message (a sentence of a post).
        return fallback(turn, router)

    def read_the_question(turn: Turn, args: Args) -> Reply:
        return standards_question(turn, router)

    # "which standards haven't been reviewed..." is typed like a topic question: the same
    # reading decides, so a plan question inside it reaches the plan.
    chosen = tuple(
        replace(c, handler=read_the_question) if c.handler is standards.answer else c for c in given
    )

    router = Router(chosen, fallback=answer_the_rest)
    return router

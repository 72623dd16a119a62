"""The built-in commands, each registered through the same Command type any addition would use."""

from __future__ import annotations

from bot.commands import actions, contacts, help, inbox, plan, standards
from bot.router import Command


def builtin_commands() -> tuple[Command, ...]:
    """Every command, in matching order (specific patterns before general ones)."""
    return (
        *plan.COMMANDS,
        *actions.COMMANDS,
        *contacts.COMMANDS,
        *inbox.COMMANDS,
        *standards.COMMANDS,
        *help.COMMANDS,
    )

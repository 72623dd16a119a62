"""What a command is: the things a member can say or press, and the handler that answers.

A command is declared, never special-cased: typed text reaches it through ``patterns``, a
button press through ``actions``, and a guided dialogue's next message through ``resumes``
(the kind of draft the conversation keeps while the dialogue waits for typed text).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from bot.messages import Reply
from bot.turn import Turn
from commplan.errors import InvalidInput

#: What a button that no longer means anything (an old message, a changed form) gets.
STALE_BUTTON = "That button no longer works; ask me again."


@dataclass(frozen=True)
class Args(Mapping[str, str]):
    """A handler's arguments: a pattern's named groups, a button's ``value`` or a draft.

    It reads as the plain mapping it is, with typed accessors for the common shapes, so that
    a handler says ``args.number("number", "value")`` rather than converting by hand.
    """

    given: Mapping[str, str] = field(default_factory=dict)

    def __getitem__(self, key: str) -> str:
        return self.given[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.given)

    def __len__(self) -> int:
        return len(self.given)

    def text(self, *names: str) -> str:
        """The first of these arguments that was given, stripped ("" when none was)."""
        return next((v.strip() for n in names if (v := self.given.get(n, "")).strip()), "")

    def number(self, *names: str) -> int:
        """The first of these arguments that was given, as a whole number.

        Raises:
            InvalidInput: none was given, or it is not a number (a stale button).
        """
        given = self.text(*names)
        if not given.isdigit():
            raise InvalidInput(STALE_BUTTON)
        return int(given)


Handler = Callable[[Turn, Args], Reply]
#: Another command's reply, as it reads while a dialogue waits (a reminder, say).
Paused = Callable[[Reply, Args], Reply]


@dataclass(frozen=True, kw_only=True)
class Command:
    """A thing a member can say or press, with its help text.

    ``patterns`` match the whole message (case-insensitive, after tidying); named groups
    become the handler's arguments. ``actions`` are the button action ids it answers, with
    the button's value as ``args["value"]``. A command that ``resumes`` a draft kind answers
    the next message of that guided dialogue when no other command matches it, with the
    draft as its arguments; ``paused`` then shapes the reply of a command that does match,
    so the member knows the dialogue still waits.
    """

    name: str
    help: str
    handler: Handler
    examples: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    resumes: str = ""
    paused: Paused | None = None
    team_only: bool = False
    group: str = ""

    def compiled(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(rf"^(?:{p})$", re.I | re.S) for p in self.patterns)

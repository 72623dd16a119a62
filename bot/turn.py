"""One turn of conversation: who is talking, what they said, and what the bot can reach."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from bot.messages import Incoming
from commplan.people import Person
from commplan.ports import Clock, UnitOfWorkFactory
from commplan.ranking import StandardsIndex


@dataclass(frozen=True, kw_only=True)
class Deps:
    """What handlers may use; built once by the composition root.

    ``uow`` makes the unopened unit of work a handler hands to its one service call; only
    services enter it.
    """

    uow: UnitOfWorkFactory
    clock: Clock
    standards: Callable[[], StandardsIndex]
    dashboard_url: str = ""
    dashboard_link: Callable[[Person], str] | None = None
    chat_link: Callable[[Person], str] | None = None


@dataclass(frozen=True, kw_only=True)
class Turn:
    """The incoming message, the person behind it (None for a stranger), the conversation's
    draft (None when no guided dialogue waits) and the deps."""

    incoming: Incoming
    person: Person | None
    deps: Deps
    draft: dict[str, str] | None = None

    @property
    def now(self) -> datetime:
        return self.incoming.at

    @property
    def today(self) -> date:
        return self.incoming.at.date()

    @property
    def is_team(self) -> bool:
        return self.person is not None and self.person.role.is_team

    @property
    def who(self) -> str:
        """A name for history entries and messages."""
        if self.person is not None:
            return self.person.name
        return self.incoming.actor.name or self.incoming.actor.user_id

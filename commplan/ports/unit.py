"""The unit of work: one transaction, and the repositories it opens; and the clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from types import TracebackType
from typing import Protocol

from commplan.ports.directory import (
    ContactRepository,
    MailboxRepository,
    OrganisationRepository,
    QueryRepository,
    QuestionRepository,
    StandardRepository,
)
from commplan.ports.messages import (
    ClaimRepository,
    ConversationRefRepository,
    DraftRepository,
    NoticeRepository,
    ReminderSettingsRepository,
)
from commplan.ports.plan import (
    ActionRepository,
    ChampionRepository,
    GroupRepository,
    ImportBatchRepository,
    PeopleRepository,
    PlanRepository,
    TacticRepository,
)


class Clock(Protocol):
    """The time, injected so that tests can hold it still."""

    def now(self) -> datetime:
        """The current time, timezone-aware."""
        ...


class Repositories(Protocol):
    """The repositories of one open unit of work; only code inside a transaction gets them.

    Helpers that must run inside a transaction take this, so that the types reject a call
    made with a unit of work that was never entered.
    """

    plans: PlanRepository
    tactics: TacticRepository
    people: PeopleRepository
    groups: GroupRepository
    actions: ActionRepository
    organisations: OrganisationRepository
    standards: StandardRepository
    contacts: ContactRepository
    questions: QuestionRepository
    drafts: DraftRepository
    claims: ClaimRepository
    notices: NoticeRepository
    reminder_settings: ReminderSettingsRepository
    conversations: ConversationRefRepository
    queries: QueryRepository
    mailboxes: MailboxRepository
    imports: ImportBatchRepository
    champions: ChampionRepository

    def commit(self) -> None: ...
    def rollback(self) -> None: ...


class UnitOfWork(Protocol):
    """One transaction, not yet open: ``with uow as repos:``; leaving without commit rolls back.

    A service takes one of these and enters it exactly once.
    """

    def __enter__(self) -> Repositories: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


UnitOfWorkFactory = Callable[[], UnitOfWork]

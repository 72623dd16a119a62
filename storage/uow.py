"""The SQLAlchemy unit of work: one session, one transaction, every repository."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Self

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from commplan import ports
from storage.repositories import (
    SqlActionRepository,
    SqlChampionRepository,
    SqlClaimRepository,
    SqlContactRepository,
    SqlConversationRefRepository,
    SqlDraftRepository,
    SqlGroupRepository,
    SqlImportBatchRepository,
    SqlMailboxRepository,
    SqlNoticeRepository,
    SqlOrganisationRepository,
    SqlPeopleRepository,
    SqlPlanRepository,
    SqlQueryRepository,
    SqlQuestionRepository,
    SqlReminderSettingsRepository,
    SqlStandardRepository,
    SqlTacticRepository,
)


class SqlUnitOfWork:
    """Implements ``commplan.ports.UnitOfWork``; leaving without ``commit`` rolls back."""

    plans: ports.PlanRepository
    tactics: ports.TacticRepository
    people: ports.PeopleRepository
    groups: ports.GroupRepository
    actions: ports.ActionRepository
    organisations: ports.OrganisationRepository
    standards: ports.StandardRepository
    contacts: ports.ContactRepository
    questions: ports.QuestionRepository
    drafts: ports.DraftRepository
    claims: ports.ClaimRepository
    notices: ports.NoticeRepository
    reminder_settings: ports.ReminderSettingsRepository
    conversations: ports.ConversationRefRepository
    queries: ports.QueryRepository
    mailboxes: ports.MailboxRepository
    imports: ports.ImportBatchRepository
    champions: ports.ChampionRepository

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def __enter__(self) -> Self:
        self.session = self._session_factory()
        self.plans = SqlPlanRepository(self.session)
        self.tactics = SqlTacticRepository(self.session)
        self.people = SqlPeopleRepository(self.session)
        self.groups = SqlGroupRepository(self.session)
        self.actions = SqlActionRepository(self.session)
        self.organisations = SqlOrganisationRepository(self.session)
        self.standards = SqlStandardRepository(self.session)
        self.contacts = SqlContactRepository(self.session)
        self.questions = SqlQuestionRepository(self.session)
        self.drafts = SqlDraftRepository(self.session)
        self.claims = SqlClaimRepository(self.session)
        self.notices = SqlNoticeRepository(self.session)
        self.reminder_settings = SqlReminderSettingsRepository(self.session)
        self.conversations = SqlConversationRefRepository(self.session)
        self.queries = SqlQueryRepository(self.session)
        self.mailboxes = SqlMailboxRepository(self.session)
        self.imports = SqlImportBatchRepository(self.session)
        self.champions = SqlChampionRepository(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.rollback()
        self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()


def unit_of_work_factory(engine: Engine) -> Callable[[], SqlUnitOfWork]:
    """A zero-argument callable that opens a new unit of work on the engine."""
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    return lambda: SqlUnitOfWork(factory)

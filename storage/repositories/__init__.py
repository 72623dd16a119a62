"""Repositories: explicit translation between table rows and frozen domain values.

One module per aggregate; ``storage.uow`` takes them all from here.
"""

from storage.repositories.actions import SqlActionRepository
from storage.repositories.champions import SqlChampionRepository
from storage.repositories.claims import SqlClaimRepository
from storage.repositories.contacts import SqlContactRepository
from storage.repositories.conversations import SqlConversationRefRepository
from storage.repositories.imports import SqlImportBatchRepository
from storage.repositories.inbox import SqlMailboxRepository, SqlQueryRepository
from storage.repositories.notices import SqlNoticeRepository
from storage.repositories.organisations import SqlOrganisationRepository
from storage.repositories.people import SqlGroupRepository, SqlPeopleRepository
from storage.repositories.plan import SqlPlanRepository, SqlTacticRepository
from storage.repositories.questions import SqlDraftRepository, SqlQuestionRepository
from storage.repositories.reminder_settings import SqlReminderSettingsRepository
from storage.repositories.standards import SqlStandardRepository

__all__ = [
    "SqlActionRepository",
    "SqlChampionRepository",
    "SqlClaimRepository",
    "SqlReminderSettingsRepository",
    "SqlContactRepository",
    "SqlConversationRefRepository",
    "SqlDraftRepository",
    "SqlGroupRepository",
    "SqlImportBatchRepository",
    "SqlMailboxRepository",
    "SqlNoticeRepository",
    "SqlOrganisationRepository",
    "SqlPeopleRepository",
    "SqlPlanRepository",
    "SqlQueryRepository",
    "SqlQuestionRepository",
    "SqlStandardRepository",
    "SqlTacticRepository",
]

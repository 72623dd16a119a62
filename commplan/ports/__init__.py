"""The ports the domain needs from the outside world, as Protocols.

Storage implements the repositories and the unit of work; tests implement them with fakes.
Every ``erase_person(who)`` takes one person out of its rows (``commplan.erasure``): a whole
field that is them becomes ``who.placeholder``, their spellings inside text ``[erased]``; it
returns how many rows changed or went.

One module per area (plan, directory, messages, unit); everything is importable from here.
"""

from commplan.ports.directory import (
    ContactField,
    ContactRepository,
    MailboxRepository,
    OrganisationRepository,
    QueryRepository,
    QuestionRepository,
    StandardRepository,
)
from commplan.ports.messages import (
    Claim,
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
from commplan.ports.unit import (
    Clock,
    Repositories,
    UnitOfWork,
    UnitOfWorkFactory,
)

__all__ = [
    "ActionRepository",
    "ChampionRepository",
    "Claim",
    "ClaimRepository",
    "Clock",
    "ContactField",
    "ContactRepository",
    "ConversationRefRepository",
    "DraftRepository",
    "GroupRepository",
    "ImportBatchRepository",
    "MailboxRepository",
    "NoticeRepository",
    "OrganisationRepository",
    "PeopleRepository",
    "PlanRepository",
    "QueryRepository",
    "QuestionRepository",
    "ReminderSettingsRepository",
    "Repositories",
    "StandardRepository",
    "TacticRepository",
    "UnitOfWork",
    "UnitOfWorkFactory",
]

"""The database schema as SQLAlchemy 2 declarative tables (rows, not domain objects).

One module per area (plan, directory, messages) on one declarative base; every table is
importable from here, and importing this package registers them all with the metadata.
"""

from storage.tables.base import (
    NAMING_CONVENTION,
    Base,
    UTCDateTime,
)
from storage.tables.directory import (
    ContactChangeRow,
    ContactRow,
    DomainRow,
    InboxQueryRow,
    MailboxCursorRow,
    OrganisationRow,
    QuestionRow,
    StandardRow,
)
from storage.tables.messages import (
    ClaimRow,
    ConversationRefRow,
    DraftRow,
    NoticeRow,
    ReminderSettingsRow,
    ReminderSnoozeRow,
)
from storage.tables.plan import (
    ActionRow,
    ChampionRow,
    ChampionUpdateRow,
    GroupMemberRow,
    GroupRow,
    ImportBatchRow,
    MeetingRow,
    PersonRow,
    PlanEditRow,
    PlanRow,
    StatusChangeRow,
    TacticRow,
)
from storage.tables.rollups import ContactCountRow

__all__ = [
    "ActionRow",
    "Base",
    "ChampionRow",
    "ChampionUpdateRow",
    "ClaimRow",
    "ContactCountRow",
    "ContactChangeRow",
    "ContactRow",
    "ConversationRefRow",
    "DomainRow",
    "DraftRow",
    "GroupMemberRow",
    "GroupRow",
    "ImportBatchRow",
    "InboxQueryRow",
    "MailboxCursorRow",
    "MeetingRow",
    "NAMING_CONVENTION",
    "NoticeRow",
    "OrganisationRow",
    "PersonRow",
    "PlanEditRow",
    "PlanRow",
    "QuestionRow",
    "ReminderSettingsRow",
    "ReminderSnoozeRow",
    "StandardRow",
    "StatusChangeRow",
    "TacticRow",
    "UTCDateTime",
]

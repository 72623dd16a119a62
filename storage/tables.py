"""The database schema as SQLAlchemy 2 declarative tables (rows, not domain objects)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Fixed names make constraints identical on SQLite and PostgreSQL, which Alembic's batch
# mode on SQLite needs in order to drop or alter them later.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite (naive UTC) and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class PlanRow(Base):
    __tablename__ = "plans"
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(String(200))
    objectives: Mapped[list[Any]] = mapped_column(default=list)
    key_messages: Mapped[list[Any]] = mapped_column(default=list)


class TacticRow(Base):
    __tablename__ = "tactics"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    phase: Mapped[str] = mapped_column(String(2))
    name: Mapped[str] = mapped_column(String(300))
    purpose: Mapped[str] = mapped_column(Text, default="")
    audience: Mapped[str] = mapped_column(Text, default="")
    timing: Mapped[str] = mapped_column(String(100), default="")
    due_start: Mapped[date | None] = mapped_column(Date, index=True)
    due_end: Mapped[date | None] = mapped_column(Date)
    owners: Mapped[list[Any]] = mapped_column(default=list)
    status: Mapped[str] = mapped_column(String(20), index=True)
    objectives: Mapped[list[Any]] = mapped_column(default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    snoozed_until: Mapped[date | None] = mapped_column(Date)
    plan: Mapped[PlanRow] = relationship()
    history: Mapped[list[StatusChangeRow]] = relationship(
        order_by="StatusChangeRow.id", cascade="all, delete-orphan"
    )


class StatusChangeRow(Base):
    __tablename__ = "tactic_status_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    tactic_id: Mapped[int] = mapped_column(ForeignKey("tactics.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    by: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class PlanEditRow(Base):
    """One change to a field of a tactic or a meeting action (who, when, from, to).

    Items are named by kind and key ("tactic", "2026/12"; "action", "2026-03-04/5") rather than
    by row id, so that the history outlives a tactic replaced by an import.
    """

    __tablename__ = "plan_edits"
    __table_args__ = (Index("ix_plan_edits_item_key", "item", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    item: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(40))
    field: Mapped[str] = mapped_column(String(40))
    old: Mapped[str] = mapped_column(Text, default="")
    new: Mapped[str] = mapped_column(Text, default="")
    by: Mapped[str] = mapped_column(String(200), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class PersonRow(Base):
    __tablename__ = "people"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    email: Mapped[str] = mapped_column(String(320), default="", index=True)
    role: Mapped[str] = mapped_column(String(20), default="member")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    slack_id: Mapped[str] = mapped_column(String(40), default="", index=True)
    teams_id: Mapped[str] = mapped_column(String(200), default="", index=True)
    aliases: Mapped[list[Any]] = mapped_column(default=list)


class GroupRow(Base):
    __tablename__ = "groups"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    aliases: Mapped[list[Any]] = mapped_column(default=list)
    # "organisation": a body outside the team that owns tactics (never nudged as staff),
    # with the person the team deals with there.
    kind: Mapped[str] = mapped_column(String(20), default="group", server_default="group")
    contact: Mapped[str] = mapped_column(String(300), default="", server_default="")
    members: Mapped[list[PersonRow]] = relationship(
        secondary="group_members", order_by=PersonRow.name
    )


class GroupMemberRow(Base):
    __tablename__ = "group_members"
    group_id: Mapped[int] = mapped_column(
        ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )


class MeetingRow(Base):
    __tablename__ = "meetings"
    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[date] = mapped_column(Date, unique=True)
    title: Mapped[str] = mapped_column(String(300), default="")


class ActionRow(Base):
    __tablename__ = "meeting_actions"
    __table_args__ = (UniqueConstraint("meeting_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    paragraph: Mapped[str] = mapped_column(String(20), default="")
    text: Mapped[str] = mapped_column(Text)
    responsible: Mapped[str] = mapped_column(String(300), default="")
    update: Mapped[str] = mapped_column(Text, default="")
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    due: Mapped[date | None] = mapped_column(Date)
    snoozed_until: Mapped[date | None] = mapped_column(Date)
    meeting: Mapped[MeetingRow] = relationship()


class OrganisationRow(Base):
    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    org_type: Mapped[str] = mapped_column(String(60), default="")
    user_group: Mapped[str] = mapped_column(String(60), default="")
    domains: Mapped[list[DomainRow]] = relationship(
        cascade="all, delete-orphan", order_by="DomainRow.domain"
    )


class DomainRow(Base):
    __tablename__ = "organisation_domains"
    domain: Mapped[str] = mapped_column(String(253), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )


class ContactRow(Base):
    __tablename__ = "contacts"
    __table_args__ = (
        Index("ix_contacts_occurred_on_org_type", "occurred_on", "org_type"),
        Index("ix_contacts_occurred_on_user_group", "occurred_on", "user_group"),
        # "Who has gone quiet" asks for the latest contact per organisation and user group.
        Index("ix_contacts_organisation_occurred_on", "organisation", "occurred_on"),
        Index("ix_contacts_user_group_occurred_on", "user_group", "occurred_on"),
        # A contact's number is what the team types and what its history is kept under:
        # SQLite must never give a deleted contact's number to a new one.
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_on: Mapped[date] = mapped_column(Date, index=True)
    channel: Mapped[str] = mapped_column(String(20))
    direction: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(320), default="", index=True)
    organisation: Mapped[str] = mapped_column(String(300), default="")
    org_type: Mapped[str] = mapped_column(String(60), default="")
    user_group: Mapped[str] = mapped_column(String(60), default="")
    standard: Mapped[str] = mapped_column(String(300), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    dedupe_key: Mapped[str] = mapped_column(String(300), unique=True)
    topic_confidence: Mapped[float] = mapped_column(default=0.0, server_default="0")


class ContactChangeRow(Base):
    """A contact's history; no foreign key, so that a deletion's entry outlives the contact
    (it holds what undoing the deletion restores)."""

    __tablename__ = "contact_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(Integer, index=True)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    changed_by: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(20))
    field: Mapped[str] = mapped_column(String(40), default="")
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")


class StandardRow(Base):
    __tablename__ = "standards"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    topic: Mapped[str] = mapped_column(String(200), default="")
    group_name: Mapped[str] = mapped_column(String(200), default="")
    covers: Mapped[str] = mapped_column(Text, default="")
    synonyms: Mapped[list[Any]] = mapped_column(default=list)
    related: Mapped[list[Any]] = mapped_column(default=list)
    status: Mapped[str] = mapped_column(String(200), default="")
    last_review: Mapped[date | None] = mapped_column(Date)
    url: Mapped[str] = mapped_column(String(500), default="")
    owner: Mapped[str] = mapped_column(String(200), default="")
    question: Mapped[str] = mapped_column(Text, default="")
    options: Mapped[list[Any]] = mapped_column(default=list)
    response: Mapped[str] = mapped_column(String(20), default="")
    base: Mapped[str] = mapped_column(String(100), default="")
    concept: Mapped[list[Any]] = mapped_column(default=list)
    rules: Mapped[str] = mapped_column(Text, default="")


class QuestionRow(Base):
    __tablename__ = "questions"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    text: Mapped[str] = mapped_column(Text)
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    asker: Mapped[str] = mapped_column(String(200), default="")
    answered: Mapped[bool] = mapped_column(Boolean, default=False)
    best_match: Mapped[str] = mapped_column(String(300), default="")
    score: Mapped[float] = mapped_column(default=0.0)
    feedback: Mapped[str] = mapped_column(String(20), default="")
    passed_to_team: Mapped[bool] = mapped_column(Boolean, default=False)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)


class DraftRow(Base):
    __tablename__ = "drafts"
    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ClaimRow(Base):
    """A claimed scheduled message; the unique key is what makes sweeps idempotent."""

    __tablename__ = "claims"
    key: Mapped[str] = mapped_column(String(500), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    person: Mapped[str] = mapped_column(String(200), default="")
    item: Mapped[str] = mapped_column(String(300), default="")
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    channel: Mapped[str] = mapped_column(String(40), default="")


class ReminderSettingsRow(Base):
    """A person's reminder settings (``commplan.reminder_settings``); no row: the defaults."""

    __tablename__ = "reminder_settings"
    person: Mapped[str] = mapped_column(String(200), primary_key=True)
    # Comma-separated whole numbers: days ahead, and weekdays (0 is Monday) kept quiet.
    ahead_days: Mapped[str] = mapped_column(String(40), default="7,1")
    daily_summary: Mapped[bool] = mapped_column(Boolean, default=True)
    quiet_days: Mapped[str] = mapped_column(String(40), default="")
    paused_until: Mapped[date | None] = mapped_column(Date, nullable=True)


class ReminderSnoozeRow(Base):
    """One person's snooze of one item: the other owners still hear about it."""

    __tablename__ = "reminder_snoozes"
    person: Mapped[str] = mapped_column(String(200), primary_key=True)
    item: Mapped[str] = mapped_column(String(300), primary_key=True)
    until: Mapped[date] = mapped_column(Date)


class NoticeRow(Base):
    __tablename__ = "notices"
    id: Mapped[int] = mapped_column(primary_key=True)
    person: Mapped[str] = mapped_column(String(200), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    # The whole reply (bot.reply_codec); None on rows stored before it was kept.
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class ConversationRefRow(Base):
    """Where a chat platform takes the bot's own messages (nudges, the digest)."""

    __tablename__ = "conversation_refs"
    __table_args__ = (
        UniqueConstraint("platform", "conversation_id"),
        Index("ix_conversation_refs_platform_user_id", "platform", "user_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    conversation_id: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[str] = mapped_column(String(200), default="")
    service_url: Mapped[str] = mapped_column(String(500), default="")
    tenant_id: Mapped[str] = mapped_column(String(100), default="")
    payload: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class InboxQueryRow(Base):
    """A query from the harmonisation inbox, tracked to an answer."""

    __tablename__ = "inbox_queries"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(1000), unique=True)
    # InboxQuery.ref, derived from the key, kept so that a typed reference is one lookup.
    ref: Mapped[str] = mapped_column(String(6), default="", server_default="", index=True)
    thread: Mapped[str] = mapped_column(String(1000), index=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    sender_name: Mapped[str] = mapped_column(String(300), default="")
    sender_email: Mapped[str] = mapped_column(String(320), default="", index=True)
    organisation: Mapped[str] = mapped_column(String(300), default="")
    org_type: Mapped[str] = mapped_column(String(60), default="")
    user_group: Mapped[str] = mapped_column(String(60), default="")
    subject: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    standard: Mapped[str] = mapped_column(String(300), default="")
    state: Mapped[str] = mapped_column(String(20), default="new", index=True)
    assignee: Mapped[str] = mapped_column(String(200), default="")
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class MailboxCursorRow(Base):
    """Where each mailbox's last poll stopped (an opaque cursor from its source)."""

    __tablename__ = "mailbox_cursors"
    mailbox: Mapped[str] = mapped_column(String(300), primary_key=True)
    cursor: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ImportBatchRow(Base):
    """One import's changes, as JSON (see ``commplan.records.batches``), for ``import undo``."""

    __tablename__ = "import_batches"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(300), default="")
    by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    changes: Mapped[str] = mapped_column(Text)


class ChampionRow(Base):
    """A harmonisation champion: a person who speaks for one organisation."""

    __tablename__ = "champions"
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    organisation: Mapped[str] = mapped_column(String(300), index=True)
    since: Mapped[datetime] = mapped_column(UTCDateTime())


class ChampionUpdateRow(Base):
    """A champion's quarterly update; a replaced one is kept with ``replaced_at`` set."""

    __tablename__ = "champion_updates"
    __table_args__ = (Index("ix_champion_updates_person_id_quarter", "person_id", "quarter"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    # The message that gave it: a retried message finds its key taken and stores nothing.
    key: Mapped[str] = mapped_column(String(300), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    organisation: Mapped[str] = mapped_column(String(300), default="")
    quarter: Mapped[str] = mapped_column(String(7), index=True)
    harmonised: Mapped[str] = mapped_column(Text, default="")
    blocked: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    replaced_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

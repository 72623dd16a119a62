"""Tables of what the team hears and knows: organisations and their domains, contacts and
their history, the standards catalogue, questions, inbox queries and mailbox cursors."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

# Fixed names make constraints identical on SQLite and PostgreSQL, which Alembic's batch
# mode on SQLite needs in order to drop or alter them later.
from storage.tables.base import Base, UTCDateTime


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
        # Counts by organisation, which the rollup leaves to the log, over a date range.
        Index("ix_contacts_occurred_on_organisation", "occurred_on", "organisation"),
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

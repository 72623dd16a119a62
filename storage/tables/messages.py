"""Tables of what the bot sends and keeps: drafts, claims, reminder settings, notices and
stored conversations."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

# Fixed names make constraints identical on SQLite and PostgreSQL, which Alembic's batch
# mode on SQLite needs in order to drop or alter them later.
from storage.tables.base import Base, UTCDateTime


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

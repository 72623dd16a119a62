"""Tables of the plan and its people: plans, tactics and their history, people, groups,
meetings and their actions, import batches (for undo) and champions."""

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
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

# Fixed names make constraints identical on SQLite and PostgreSQL, which Alembic's batch
# mode on SQLite needs in order to drop or alter them later.
from storage.tables.base import Base, UTCDateTime


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

"""The communication plan: objectives, phases and tactics."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime


class Status(enum.StrEnum):
    """Where a tactic or action stands."""

    PLANNED = "planned"
    ONGOING = "ongoing"
    COMPLETE = "complete"
    CANCELLED = "cancelled"

    @property
    def is_closed(self) -> bool:
        """Complete or cancelled: nothing more is expected of it."""
        return self in (Status.COMPLETE, Status.CANCELLED)


class Phase(enum.StrEnum):
    """A quarter of the plan year."""

    Q1 = "Q1"
    Q2 = "Q2"
    Q3 = "Q3"
    Q4 = "Q4"

    @classmethod
    def of_month(cls, month: int) -> Phase:
        """The quarter a calendar month falls in."""
        return cls(f"Q{(month - 1) // 3 + 1}")

    @property
    def months(self) -> tuple[int, int, int]:
        first = (int(self.value[1]) - 1) * 3 + 1
        return (first, first + 1, first + 2)

    @property
    def label(self) -> str:
        names = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
        first, _, last = self.months
        return f"{self.value} ({names[first - 1]}-{names[last - 1]})"


@dataclass(frozen=True, kw_only=True)
class DueWindow:
    """The days a tactic is due in, derived from its timing text (inclusive)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"due window ends ({self.end}) before it starts ({self.start})")

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True, kw_only=True)
class StatusChange:
    """One entry in a tactic's status history."""

    status: Status
    at: datetime
    by: str
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class FieldChange:
    """One change to a field of a tactic or an action: who made it, when, from what to what.

    Values are kept as the text a member reads (owners joined, dates as the plan writes
    them), so the history reads the same whatever the field's type.
    """

    field: str
    old: str
    new: str
    by: str
    at: datetime


@dataclass(frozen=True, kw_only=True)
class Tactic:
    """One row of the communication plan.

    ``timing`` and ``owners`` are kept as people wrote them; ``window`` is derived from the
    timing (None for "TBC") and may be set explicitly by an import or a snooze.
    """

    plan_year: int
    number: int
    name: str
    phase: Phase
    purpose: str = ""
    audience: str = ""
    timing: str = ""
    window: DueWindow | None = None
    owners: tuple[str, ...] = ()
    status: Status = Status.PLANNED
    objectives: tuple[int, ...] = ()
    notes: str = ""
    snoozed_until: date | None = None
    history: tuple[StatusChange, ...] = field(default=(), compare=False)

    @property
    def is_complete(self) -> bool:
        return self.status is Status.COMPLETE

    @property
    def is_closed(self) -> bool:
        """Complete or cancelled: no nudges, not due, not overdue."""
        return self.status.is_closed

    def is_overdue(self, today: date) -> bool:
        """Planned and its window has ended before today.

        An on-going tactic is work the plan carries on past its timing ("(On-going)"), and a
        closed one expects nothing more: neither is late.
        """
        return self.status is Status.PLANNED and self.window is not None and self.window.end < today

    def is_due_between(self, first: date, last: date) -> bool:
        """Whether its window overlaps the inclusive range [first, last]."""
        return self.window is not None and self.window.start <= last and self.window.end >= first


@dataclass(frozen=True, kw_only=True)
class Plan:
    """A year's communication plan."""

    year: int
    title: str
    objectives: tuple[str, ...] = ()
    key_messages: tuple[str, ...] = ()

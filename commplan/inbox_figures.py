"""How the team answers the inbox: received, answered, time to first answer, still waiting.

Pure figures over ``InboxQuery`` values, shared by the weekly digest and the dashboard. Days are
inclusive calendar dates in the time zone of ``now`` (or of the arrival stamp when no ``now`` is
given), so a query that arrived at 23:30 on a Sunday in London counts on Sunday.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from statistics import median
from typing import Protocol

from commplan.queries import InboxQuery
from commplan.workdays import WorkingDays

LISTED_OVERDUE = 5


class Timed(Protocol):
    """What the figures read of a query: an ``InboxQuery`` or the lighter ``QueryTimes``."""

    @property
    def key(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def organisation(self) -> str: ...
    @property
    def received_at(self) -> datetime: ...
    @property
    def answered_at(self) -> datetime | None: ...
    @property
    def open(self) -> bool: ...
    @property
    def hours_to_answer(self) -> float | None: ...


@dataclass(frozen=True, kw_only=True)
class QueryTimes:
    """Only what the figures read of one query: a dashboard reads thousands, and whole
    queries (their senders, summaries and states) cost twice as much to load."""

    key: str
    subject: str
    organisation: str
    received_at: datetime
    answered_at: datetime | None
    open: bool

    @classmethod
    def of(cls, query: InboxQuery) -> QueryTimes:
        return cls(
            key=query.key,
            subject=query.subject,
            organisation=query.organisation,
            received_at=query.received_at,
            answered_at=query.answered_at,
            open=query.open,
        )

    @property
    def hours_to_answer(self) -> float | None:
        """As ``InboxQuery.hours_to_answer``: arrival to first reply, in hours."""
        if self.answered_at is None:
            return None
        return round((self.answered_at - self.received_at).total_seconds() / 3600, 1)


@dataclass(frozen=True, kw_only=True)
class OverdueQuery:
    """An open query past the unanswered limit; ``age_days`` is calendar days since arrival."""

    key: str
    subject: str
    organisation: str
    received_at: datetime
    age_days: int


@dataclass(frozen=True, kw_only=True)
class InboxFigures:
    """The inbox over ``first``..``last`` (inclusive) and what is still waiting at ``now``.

    ``answered`` counts queries whose first answer fell in the range, whenever they arrived;
    ``median_hours`` is the median time to first answer of those, in hours (``None`` when none
    were answered). ``overdue`` lists at most five, oldest first; ``overdue_count`` counts all.
    """

    first: date
    last: date
    received: int
    answered: int
    median_hours: float | None
    overdue_count: int
    overdue: tuple[OverdueQuery, ...]
    unanswered_after_days: int


@dataclass(frozen=True, kw_only=True)
class MonthResponse:
    """One calendar month: queries received, first answers given, median hours to answer."""

    month: date
    received: int
    answered: int
    median_hours: float | None


def _local_day(moment: datetime, zone: tzinfo | None) -> date:
    if zone is not None and moment.tzinfo is not None:
        return moment.astimezone(zone).date()
    return moment.date()


def _median(hours: Iterable[float]) -> float | None:
    values = list(hours)
    return round(median(values), 1) if values else None


def _answered_on(query: Timed, zone: tzinfo | None) -> date | None:
    return _local_day(query.answered_at, zone) if query.answered_at is not None else None


def response_figures(
    queries: Sequence[Timed],
    *,
    first: date,
    last: date,
    now: datetime,
    calendar: WorkingDays,
    unanswered_after_days: int = 3,
) -> InboxFigures:
    """The inbox figures for the days ``first``..``last`` and the queries overdue at ``now``.

    A query is overdue, as for the unanswered nudges, when it is still open on or after the
    working day ``unanswered_after_days`` after the day it arrived.
    """
    zone = now.tzinfo
    today = _local_day(now, zone)
    received = [q for q in queries if first <= _local_day(q.received_at, zone) <= last]
    answered = [
        q for q in queries if (day := _answered_on(q, zone)) is not None and first <= day <= last
    ]
    waiting = sorted(
        (
            q
            for q in queries
            if q.open
            and calendar.add(_local_day(q.received_at, zone), unanswered_after_days) <= today
        ),
        key=lambda q: (q.received_at, q.key),
    )
    return InboxFigures(
        first=first,
        last=last,
        received=len(received),
        answered=len(answered),
        median_hours=_median(h for q in answered if (h := q.hours_to_answer) is not None),
        overdue_count=len(waiting),
        overdue=tuple(
            OverdueQuery(
                key=q.key,
                subject=q.subject or "(no subject)",
                organisation=q.organisation,
                received_at=q.received_at,
                age_days=(today - _local_day(q.received_at, zone)).days,
            )
            for q in waiting[:LISTED_OVERDUE]
        ),
        unanswered_after_days=unanswered_after_days,
    )


def _month(day: date) -> date:
    return day.replace(day=1)


def _next_month(month: date) -> date:
    if month.month == 12:
        return month.replace(year=month.year + 1, month=1)
    return month.replace(month=month.month + 1)


def monthly_response(
    queries: Sequence[Timed], first: date, last: date, zone: tzinfo | None = None
) -> list[MonthResponse]:
    """One row per calendar month touching ``first``..``last``, oldest first, empty months kept.

    Only days inside the range count, so a range starting mid-month gives a partial first month.
    """
    if last < first:
        return []
    # Each query's days once, not once a month: zone conversions were most of a dashboard.
    arrivals = [_local_day(q.received_at, zone) for q in queries]
    answers = [(day, q.hours_to_answer) for q in queries if (day := _answered_on(q, zone))]
    rows = []
    month = _month(first)
    while month <= last:
        following = _next_month(month)
        start = max(first, month)
        end = min(last, following - timedelta(days=1))
        answered = [hours for day, hours in answers if start <= day <= end]
        rows.append(
            MonthResponse(
                month=month,
                received=sum(1 for day in arrivals if start <= day <= end),
                answered=len(answered),
                median_hours=_median(h for h in answered if h is not None),
            )
        )
        month = following
    return rows

"""The dashboard's figures, gathered in one place so that page, charts and downloads agree."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from commplan.baseline import BaselineReport, Period
from commplan.gaps import Gaps, Trend
from commplan.inbox_figures import InboxFigures, MonthResponse, monthly_response, response_figures
from commplan.plan import Phase, Status, Tactic
from commplan.ports import Repositories, UnitOfWork
from commplan.queries import InboxQuery
from commplan.questions import Question
from commplan.services.reports import (
    baseline_in,
    default_periods,
    gaps_in,
    rising_in,
)
from commplan.workdays import WorkingDays

MonthlyCounts = tuple[tuple[str, dict[str, int]], ...]


@dataclass(frozen=True, kw_only=True)
class Dashboard:
    """Everything one dashboard page shows, for one period."""

    period: Period
    baseline_period: Period
    by_type: BaselineReport
    by_group: BaselineReport
    monthly_by_type: MonthlyCounts
    monthly_by_group: MonthlyCounts
    gaps: Gaps
    rising: tuple[Trend, ...]
    progress: dict[Phase, dict[Status, int]]
    overdue: tuple[Tactic, ...]
    unanswered: tuple[Question, ...]
    inbox: InboxFigures
    inbox_by_month: tuple[MonthResponse, ...]


def months(period: Period) -> list[Period]:
    """The calendar months the period touches, clipped to it."""
    found = []
    first = period.first.replace(day=1)
    while first <= period.last:
        following = (first + timedelta(days=32)).replace(day=1)
        found.append(
            Period(
                first=max(first, period.first), last=min(following - timedelta(days=1), period.last)
            )
        )
        first = following
    return found


def plan_periods(uow: UnitOfWork, today: date) -> tuple[Period, Period]:
    """The default period (the plan's year up to today) and its baseline (the first quarter)."""
    with uow as repos:
        latest = repos.plans.latest()
    year = latest.year if latest else today.year
    period, baseline = default_periods(year)
    return period, baseline


def monthly_counts(
    uow: UnitOfWork, by: Literal["org_type", "user_group"], period: Period
) -> MonthlyCounts:
    """Contacts per calendar month of the period by one field, every month listed.

    One SQL aggregate: what a chart needs, without building the whole dashboard.
    """
    with uow as repos:
        return _monthly_in(repos, by, period)


def _monthly_in(
    repos: Repositories, by: Literal["org_type", "user_group"], period: Period
) -> MonthlyCounts:
    labels = [f"{month.first:%Y-%m}" for month in months(period)]
    found = repos.contacts.counts_by_month(by, period.first, period.last)
    return tuple((m, found.get(m, {})) for m in labels)


def _inbox_queries(repos: Repositories, period: Period, now: datetime) -> list[InboxQuery]:
    """The queries the inbox figures need: arrived or answered in the period, or still open."""
    zone = now.tzinfo or UTC
    start = datetime.combine(period.first, time(0), tzinfo=zone)
    end = datetime.combine(period.last + timedelta(days=1), time(0), tzinfo=zone)
    return repos.queries.touched(start, end)


def build_dashboard(
    uow: UnitOfWork,
    *,
    period: Period,
    baseline_period: Period,
    today: date,
    quiet_days: int,
    now: datetime | None = None,
    calendar: WorkingDays | None = None,
    unanswered_after_days: int = 3,
) -> Dashboard:
    """Gather the figures; every contact figure comes from SQL aggregates.

    ``now`` (aware; its zone sets the days the inbox figures count in) defaults to noon UTC
    on ``today``; ``calendar`` and ``unanswered_after_days`` say when an open query is
    overdue, as for the unanswered nudges.
    """
    now = now or datetime.combine(today, time(12), tzinfo=UTC)
    # One unit of work, so that the page is one consistent snapshot.
    with uow as repos:
        by_type = baseline_in(repos, by="org_type", period=period, baseline_period=baseline_period)
        by_group = baseline_in(
            repos, by="user_group", period=period, baseline_period=baseline_period
        )
        monthly_by_type = _monthly_in(repos, "org_type", period)
        monthly_by_group = _monthly_in(repos, "user_group", period)
        queries = _inbox_queries(repos, period, now)
        latest = repos.plans.latest()
        tactics = repos.tactics.all(latest.year) if latest else []
        unanswered = repos.questions.needing_team()
        gaps = gaps_in(repos, at=min(today, period.last), days=quiet_days)
        rising = rising_in(repos, period=period)
    counts = Counter((t.phase, t.status) for t in tactics)
    inbox = response_figures(
        queries,
        first=period.first,
        last=period.last,
        now=now,
        calendar=calendar or WorkingDays(),
        unanswered_after_days=unanswered_after_days,
    )
    return Dashboard(
        period=period,
        baseline_period=baseline_period,
        by_type=by_type,
        by_group=by_group,
        monthly_by_type=monthly_by_type,
        monthly_by_group=monthly_by_group,
        gaps=gaps,
        rising=rising,
        progress={p: {s: counts[(p, s)] for s in Status} for p in Phase},
        overdue=tuple(t for t in tactics if t.is_overdue(today)),
        unanswered=tuple(unanswered),
        inbox=inbox,
        inbox_by_month=tuple(monthly_response(queries, period.first, period.last, now.tzinfo)),
    )

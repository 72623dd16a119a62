"""The dashboard's figures, gathered in one place so that page, charts and downloads agree."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from commplan.baseline import BaselineReport, Period
from commplan.gaps import Gaps, Trend
from commplan.inbox_figures import (
    InboxFigures,
    MonthResponse,
    QueryTimes,
    monthly_response,
    response_figures,
)
from commplan.plan import Phase, Status, Tactic
from commplan.ports import Repositories, UnitOfWork
from commplan.questions import Question
from commplan.services.reports import (
    baseline_in,
    default_periods,
    gaps_in,
    rising_in,
)
from commplan.workdays import WorkingDays

MonthlyCounts = tuple[tuple[str, dict[str, int]], ...]
Progress = dict[Phase, dict[Status, int]]


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
    progress: Progress
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


#: The most bars a chart draws: a longer period is drawn by quarter, year or decade.
MAX_BARS = 36
_UNITS = (1, 3, 12, 120)


def _bar_label(month: date, unit: int) -> str:
    if unit == 1:
        return f"{month:%Y-%m}"
    if unit == 3:
        return f"{month.year}-Q{(month.month - 1) // 3 + 1}"
    if unit == 12:
        return str(month.year)
    return f"{month.year // 10 * 10}s"


def chart_counts(
    uow: UnitOfWork, by: Literal["org_type", "user_group"], period: Period
) -> MonthlyCounts:
    """Contacts per month of the period by one field, as a chart draws them: by month up to
    :data:`MAX_BARS` months, else by the first of quarter, year or decade that fits.

    A chart of a 200-year period once drew 2,400 bars for 19 seconds.
    """
    starts = [m.first.replace(day=1) for m in months(period)]
    unit = next((u for u in _UNITS if -(-len(starts) // u) <= MAX_BARS), _UNITS[-1])
    with uow as repos:
        found = repos.contacts.counts_by_month(by, period.first, period.last)
    bars: dict[str, Counter[str]] = {}
    for start in starts:
        bar = bars.setdefault(_bar_label(start, unit), Counter())
        bar.update(found.get(f"{start:%Y-%m}", {}))
    return tuple((label, dict(counts)) for label, counts in bars.items())


def _inbox_queries(repos: Repositories, period: Period, now: datetime) -> list[QueryTimes]:
    """The queries the inbox figures need: arrived or answered in the period, or still open."""
    zone = now.tzinfo or UTC
    start = datetime.combine(period.first, time(0), tzinfo=zone)
    end = datetime.combine(period.last + timedelta(days=1), time(0), tzinfo=zone)
    return repos.queries.touched_times(start, end)


def plan_progress(uow: UnitOfWork, today: date) -> tuple[Progress, tuple[Tactic, ...]]:
    """The latest plan's tactics by phase and status, and those overdue at ``today``."""
    with uow as repos:
        return _progress_in(repos, today)


def _progress_in(repos: Repositories, today: date) -> tuple[Progress, tuple[Tactic, ...]]:
    latest = repos.plans.latest()
    tactics = repos.tactics.all(latest.year) if latest else []
    counts = Counter((t.phase, t.status) for t in tactics)
    progress = {p: {s: counts[(p, s)] for s in Status} for p in Phase}
    return progress, tuple(t for t in tactics if t.is_overdue(today))


def unanswered_questions(uow: UnitOfWork) -> tuple[Question, ...]:
    """The questions nobody could answer, waiting for the team."""
    with uow as repos:
        return tuple(repos.questions.needing_team())


@dataclass(frozen=True, kw_only=True)
class InboxRules:
    """When an open inbox query counts as overdue, as for the unanswered nudges."""

    calendar: WorkingDays
    unanswered_after_days: int = 3


def inbox_figures(
    uow: UnitOfWork, *, period: Period, now: datetime, rules: InboxRules
) -> tuple[InboxFigures, tuple[MonthResponse, ...]]:
    """The inbox's response figures for the period, and its months."""
    with uow as repos:
        queries = _inbox_queries(repos, period, now)
    return _inbox_of(queries, period, now, rules)


def _inbox_of(
    queries: list[QueryTimes], period: Period, now: datetime, rules: InboxRules
) -> tuple[InboxFigures, tuple[MonthResponse, ...]]:
    figures = response_figures(
        queries,
        first=period.first,
        last=period.last,
        now=now,
        calendar=rules.calendar,
        unanswered_after_days=rules.unanswered_after_days,
    )
    by_month = tuple(monthly_response(queries, period.first, period.last, now.tzinfo))
    return figures, by_month


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
    rules = InboxRules(
        calendar=calendar or WorkingDays(), unanswered_after_days=unanswered_after_days
    )
    # One unit of work, so that the page is one consistent snapshot.
    with uow as repos:
        by_type = baseline_in(repos, by="org_type", period=period, baseline_period=baseline_period)
        by_group = baseline_in(
            repos, by="user_group", period=period, baseline_period=baseline_period
        )
        monthly_by_type = _monthly_in(repos, "org_type", period)
        monthly_by_group = _monthly_in(repos, "user_group", period)
        queries = _inbox_queries(repos, period, now)
        progress, overdue = _progress_in(repos, today)
        unanswered = repos.questions.needing_team()
        gaps = gaps_in(repos, at=min(today, period.last), days=quiet_days)
        rising = rising_in(repos, period=period)
    inbox, inbox_by_month = _inbox_of(queries, period, now, rules)
    return Dashboard(
        period=period,
        baseline_period=baseline_period,
        by_type=by_type,
        by_group=by_group,
        monthly_by_type=monthly_by_type,
        monthly_by_group=monthly_by_group,
        gaps=gaps,
        rising=rising,
        progress=progress,
        overdue=overdue,
        unanswered=tuple(unanswered),
        inbox=inbox,
        inbox_by_month=inbox_by_month,
    )

"""The dashboard's figures, gathered in one place so that page, charts and downloads agree."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from commplan.baseline import BaselineReport, Period
from commplan.gaps import Gaps, Trend
from commplan.plan import Phase, Status, Tactic
from commplan.ports import UnitOfWork
from commplan.questions import Question
from commplan.services.reports import (
    baseline_report,
    default_periods,
    gaps_report,
    topics_on_the_rise,
)


@dataclass(frozen=True, kw_only=True)
class Dashboard:
    """Everything one dashboard page shows, for one period."""

    period: Period
    baseline_period: Period
    by_type: BaselineReport
    by_group: BaselineReport
    monthly_by_type: tuple[tuple[str, dict[str, int]], ...]
    monthly_by_group: tuple[tuple[str, dict[str, int]], ...]
    gaps: Gaps
    rising: tuple[Trend, ...]
    progress: dict[Phase, dict[Status, int]]
    overdue: tuple[Tactic, ...]
    unanswered: tuple[Question, ...]


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
    with uow:
        latest = uow.plans.latest()
    year = latest.year if latest else today.year
    period, baseline = default_periods(year)
    return period, baseline


def build_dashboard(
    uow: UnitOfWork, *, period: Period, baseline_period: Period, today: date, quiet_days: int
) -> Dashboard:
    """Gather the figures; every contact figure comes from SQL aggregates."""
    by_type = baseline_report(uow, by="org_type", period=period, baseline_period=baseline_period)
    by_group = baseline_report(uow, by="user_group", period=period, baseline_period=baseline_period)
    labels = [f"{month.first:%Y-%m}" for month in months(period)]
    with uow:
        by_month_type = uow.contacts.counts_by_month("org_type", period.first, period.last)
        by_month_group = uow.contacts.counts_by_month("user_group", period.first, period.last)
        latest = uow.plans.latest()
        tactics = uow.tactics.all(latest.year) if latest else []
        unanswered = uow.questions.needing_team()
    counts = Counter((t.phase, t.status) for t in tactics)
    return Dashboard(
        period=period,
        baseline_period=baseline_period,
        by_type=by_type,
        by_group=by_group,
        monthly_by_type=tuple((m, by_month_type.get(m, {})) for m in labels),
        monthly_by_group=tuple((m, by_month_group.get(m, {})) for m in labels),
        gaps=gaps_report(uow, at=min(today, period.last), days=quiet_days),
        rising=topics_on_the_rise(uow, period=period),
        progress={p: {s: counts[(p, s)] for s in Status} for p in Phase},
        overdue=tuple(t for t in tactics if t.is_overdue(today)),
        unanswered=tuple(unanswered),
    )

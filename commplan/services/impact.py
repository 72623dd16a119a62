"""Tactics measured against the baseline, and objectives' progress (issue 20).

Each dated tactic whose audience reaches users is measured over the ``weeks`` from its start
(up to today) against as many days just before it. One GROUP BY per distinct date range, so
a plan of 34 tactics costs a few dozen small queries whatever the size of the contact log.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

from commplan.errors import NotFound
from commplan.impact import (
    ObjectiveProgress,
    RateRatio,
    TacticImpact,
    audience_groups,
    rate_ratio,
)
from commplan.organisations import UserGroup
from commplan.plan import Status, Tactic
from commplan.ports import Repositories, UnitOfWork

WEEKS = 8


@dataclass(frozen=True, kw_only=True)
class Unmeasured:
    number: int
    name: str
    why: str


@dataclass(frozen=True, kw_only=True)
class ImpactReport:
    plan_year: int
    today: date
    weeks: int
    tactics: tuple[TacticImpact, ...]
    unmeasured: tuple[Unmeasured, ...]
    objectives: tuple[ObjectiveProgress, ...]


def tactics_impact(
    uow: UnitOfWork, *, today: date, plan_year: int | None = None, weeks: int = WEEKS
) -> ImpactReport:
    """Every tactic of the plan year (the latest by default) measured, and each objective."""
    with uow as repos:
        return impact_in(repos, today=today, plan_year=plan_year, weeks=weeks)


def impact_in(
    repos: Repositories, *, today: date, plan_year: int | None = None, weeks: int = WEEKS
) -> ImpactReport:
    """``tactics_impact`` inside an open unit of work (the evidence pack's)."""
    plan = repos.plans.get(plan_year) if plan_year else repos.plans.latest()
    if plan is None:
        raise NotFound("plan", f"for {plan_year}" if plan_year else "loaded yet")
    tactics = repos.tactics.all(plan.year)
    starts = [t.window.start for t in tactics if t.window is not None]
    span = timedelta(weeks=weeks)
    counts = (
        _Counts(repos, min(starts) - span, min(max(starts) + span, today))
        if starts
        else _Counts(repos, today, today - timedelta(days=1))
    )
    measured: list[TacticImpact] = []
    unmeasured: list[Unmeasured] = []
    # Plans repeat a few audiences; each is read once, not once a tactic.
    groups_of = functools.cache(audience_groups)
    for tactic in tactics:
        impact = _measure(tactic, counts, groups_of, today=today, weeks=weeks)
        if isinstance(impact, Unmeasured):
            unmeasured.append(impact)
        else:
            measured.append(impact)
    objectives = tuple(
        _objective(number, text, tactics, measured)
        for number, text in enumerate(plan.objectives, start=1)
    )
    return ImpactReport(
        plan_year=plan.year,
        today=today,
        weeks=weeks,
        tactics=tuple(measured),
        unmeasured=tuple(unmeasured),
        objectives=objectives,
    )


class _Counts:
    """Contacts per user group over date ranges, from one query of daily counts: a plan of
    thousands of tactics costs one GROUP BY, not one per tactic."""

    def __init__(self, repos: Repositories, first: date, last: date) -> None:
        daily = repos.contacts.counts_by_day("user_group", first, last) if first <= last else {}
        self._first = first
        days = max((last - first).days + 1, 0)
        per_day: dict[str, list[int]] = {"": [0] * days}
        for day, counts in daily.items():
            offset = (day - first).days
            for group, n in counts.items():
                per_day.setdefault(group, [0] * days)[offset] += n
        # Running totals per group: a range's count is a difference of two of them.
        self._running = {
            group: list(accumulate(series, initial=0)) for group, series in per_day.items()
        }

    def __call__(self, groups: tuple[UserGroup, ...], first: date, last: date) -> int:
        if last < first:
            return 0
        start, end = (first - self._first).days, (last - self._first).days + 1
        names = [str(g) for g in groups] if groups else list(self._running)
        return sum(
            self._running[name][end] - self._running[name][start]
            for name in names
            if name in self._running
        )


def _measure(
    tactic: Tactic,
    counts: _Counts,
    groups_of: Callable[[str], tuple[UserGroup, ...] | None],
    *,
    today: date,
    weeks: int,
) -> TacticImpact | Unmeasured:
    if tactic.window is None:
        return Unmeasured(number=tactic.number, name=tactic.name, why="no date yet")
    groups = groups_of(tactic.audience)
    if groups is None:
        return Unmeasured(
            number=tactic.number, name=tactic.name, why="its audience is the steering group"
        )
    start = tactic.window.start
    end = min(start + timedelta(weeks=weeks) - timedelta(days=1), today)
    days = (end - start).days + 1
    after = counts(groups, start, end) if days > 0 else 0
    before = (
        counts(groups, start - timedelta(days=days), start - timedelta(days=1)) if days > 0 else 0
    )
    return TacticImpact(
        plan_year=tactic.plan_year,
        number=tactic.number,
        name=tactic.name,
        audience=tactic.audience,
        groups=groups,
        start=start,
        weeks=weeks,
        ratio=rate_ratio(after, before),
        complete=tactic.status is Status.COMPLETE,
        measured_to=end,
    )


def _objective(
    number: int, text: str, tactics: list[Tactic], measured: list[TacticImpact]
) -> ObjectiveProgress:
    mine = [t for t in tactics if number in t.objectives]
    numbers = {t.number for t in mine}
    impacts = [m for m in measured if m.number in numbers and m.measured_to >= m.start]
    return ObjectiveProgress(
        number=number,
        text=text,
        tactics=len(mine),
        complete=sum(1 for t in mine if t.status is Status.COMPLETE),
        ratio=rate_ratio(sum(m.ratio.after for m in impacts), sum(m.ratio.before for m in impacts)),
    )


def impact_json(report: ImpactReport) -> dict[str, object]:
    """The report as ``harmonibot report tactics --json`` prints it."""

    return {
        "plan_year": report.plan_year,
        "today": report.today.isoformat(),
        "weeks": report.weeks,
        "tactics": [
            {
                "number": t.number,
                "name": t.name,
                "audience": t.audience,
                "user_groups": [str(g) for g in t.groups] or "everyone",
                "start": t.start.isoformat(),
                "measured_to": t.measured_to.isoformat(),
                "complete": t.complete,
                "change": str(t.change),
                **_ratio_json(t.ratio),
            }
            for t in report.tactics
        ],
        "unmeasured": [
            {"number": u.number, "name": u.name, "why": u.why} for u in report.unmeasured
        ],
        "objectives": [
            {
                "number": o.number,
                "objective": o.text,
                "tactics": o.tactics,
                "complete": o.complete,
                "change": str(o.ratio.change),
                **_ratio_json(o.ratio),
            }
            for o in report.objectives
        ],
    }


def _ratio_json(ratio: RateRatio) -> dict[str, object]:
    return {
        "after": ratio.after,
        "before": ratio.before,
        "ratio": _round(ratio.ratio),
        "low": _round(ratio.low),
        "high": _round(ratio.high),
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)

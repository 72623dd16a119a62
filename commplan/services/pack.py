"""The quarterly evidence pack: what the steering group reads, gathered in one snapshot.

Every figure comes from the same functions as the reports (``report baseline``,
``report tactics``, ``report gaps``), over one unit of work, so the pack and the reports agree
for the same dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from commplan.baseline import BaselineReport, Period
from commplan.champions import ChampionsSection, Quarter
from commplan.contacts import Contact
from commplan.errors import InvalidInput
from commplan.gaps import Gaps, Trend
from commplan.plan import Phase, Status, Tactic
from commplan.ports import UnitOfWork
from commplan.questions import Question
from commplan.services.champions import champions_in
from commplan.services.compliance import CHECK_SOURCE
from commplan.services.impact import ImpactReport, impact_in
from commplan.services.reports import baseline_in, default_periods, gaps_in, rising_in
from commplan.standards import Standard, due_for_review

GAP_DAYS = 90
_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*q([1-4])\s*$", re.I)


def quarter(text: str) -> tuple[str, Period]:
    """ "2026Q3" (or "2026-q3") as its label and its days.

    Raises:
        InvalidInput: not a year and quarter.
    """
    found = _QUARTER.match(text)
    if found is None:
        raise InvalidInput(f"{text!r} is not a quarter: write it as 2026Q3")
    year, number = int(found.group(1)), int(found.group(2))
    first = date(year, 3 * number - 2, 1)
    after = date(year + (number == 4), (3 * number) % 12 + 1, 1)
    return f"{year} Q{number}", Period(first=first, last=after - timedelta(days=1))


@dataclass(frozen=True, kw_only=True)
class PhaseProgress:
    phase: Phase
    total: int
    complete: int
    ongoing: int
    overdue: int


@dataclass(frozen=True, kw_only=True)
class EvidencePack:
    label: str
    period: Period
    baseline_period: Period
    plan_year: int
    phases: tuple[PhaseProgress, ...]
    impact: ImpactReport
    by_group: BaselineReport
    by_type: BaselineReport
    by_standard: BaselineReport
    monthly: tuple[tuple[str, dict[str, int]], ...]  # by organisation type, for the chart
    gaps: Gaps
    rising: tuple[Trend, ...]
    unanswered: tuple[Question, ...]
    checks: tuple[tuple[str, int], ...]  # standard, question checks in the quarter
    due_for_review: tuple[Standard, ...]
    champions: ChampionsSection


def evidence_pack(
    uow: UnitOfWork, *, label: str, period: Period, baseline_period: Period | None = None
) -> EvidencePack:
    """The pack for a quarter; the baseline is the plan year's first quarter unless given."""
    with uow as repos:
        plan = repos.plans.get(period.first.year) or repos.plans.latest()
        if plan is None:
            raise InvalidInput("No plan is loaded: import or seed one first.")
        base = baseline_period or default_periods(plan.year)[1]
        tactics = repos.tactics.all(plan.year)
        months = _months(period)
        return EvidencePack(
            label=label,
            period=period,
            baseline_period=base,
            plan_year=plan.year,
            phases=_phases(tactics, period.last),
            impact=impact_in(repos, today=period.last, plan_year=plan.year),
            by_group=baseline_in(repos, by="user_group", period=period, baseline_period=base),
            by_type=baseline_in(repos, by="org_type", period=period, baseline_period=base),
            by_standard=baseline_in(repos, by="standard", period=period, baseline_period=base),
            monthly=tuple(
                (f"{m.first:%b %Y}", repos.contacts.counts("org_type", m.first, m.last))
                for m in months
            ),
            gaps=gaps_in(repos, at=period.last, days=GAP_DAYS),
            rising=rising_in(repos, period=period),
            unanswered=tuple(
                q
                for q in repos.questions.needing_team()
                if period.first <= q.asked_at.date() <= period.last
            ),
            checks=_checks(repos.contacts.all(period.first, period.last)),
            due_for_review=tuple(due_for_review(repos.standards.all(), period.last)),
            champions=champions_in(repos, Quarter.of(period.first)),
        )


def _months(period: Period) -> list[Period]:
    found = []
    first = period.first
    while first <= period.last:
        after = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        found.append(Period(first=first, last=min(after - timedelta(days=1), period.last)))
        first = after
    return found


def _phases(tactics: list[Tactic], today: date) -> tuple[PhaseProgress, ...]:
    return tuple(
        PhaseProgress(
            phase=phase,
            total=len(mine),
            complete=sum(1 for t in mine if t.status is Status.COMPLETE),
            ongoing=sum(1 for t in mine if t.status is Status.ONGOING),
            overdue=sum(1 for t in mine if t.is_overdue(today)),
        )
        for phase in Phase
        if (mine := [t for t in tactics if t.phase is phase])
    )


def _checks(contacts: list[Contact]) -> tuple[tuple[str, int], ...]:
    counted: dict[str, int] = {}
    for contact in contacts:
        if contact.source_ref.startswith(CHECK_SOURCE):
            name = contact.standard or "no standard fitted"
            counted[name] = counted.get(name, 0) + 1
    return tuple(sorted(counted.items(), key=lambda item: (-item[1], item[0])))

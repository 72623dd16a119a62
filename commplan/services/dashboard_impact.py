"""The dashboard's headline figures and its "Tactics against the baseline" section.

Kept apart from ``build_dashboard`` so that the page's main figures stay one snapshot of
small aggregates, and so that a download of the impact tables loads only these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from commplan.baseline import Period
from commplan.ports import UnitOfWork
from commplan.services.impact import ImpactReport, impact_in


@dataclass(frozen=True, kw_only=True)
class ImpactFigures:
    """Tactics measured against the baseline, and the counts the summary cards need.

    ``impact`` is None while no plan is loaded; ``organisations_heard`` counts the distinct
    organisations with a contact in the period; ``open_queries`` the inbox queries with no
    answer yet, however old.
    """

    period: Period
    impact: ImpactReport | None
    organisations_heard: int
    open_queries: int


def impact_figures(uow: UnitOfWork, *, period: Period, today: date) -> ImpactFigures:
    """The figures for the period, tactics measured up to its end or today if sooner."""
    with uow as repos:
        latest = repos.plans.latest()
        impact = (
            impact_in(repos, today=min(today, period.last), plan_year=latest.year)
            if latest
            else None
        )
        # Counted in SQL: a GROUP BY of a year's organisations was most of the page at 1M.
        organisations_heard = repos.contacts.organisations_heard(period.first, period.last)
        open_queries = repos.queries.open_page(limit=0).total
    return ImpactFigures(
        period=period,
        impact=impact,
        organisations_heard=organisations_heard,
        open_queries=open_queries,
    )

"""The dashboard's figures for one request: the period it asks for, then one service call.

Everything that reads the database runs in a worker thread (:func:`off_loop`); only the
query string is read on the event loop.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from aiohttp import web

from adapters.web.bridge import off_loop
from adapters.web.config import DashboardConfig
from adapters.web.tables import TableData
from commplan.baseline import BaselineReport, Period
from commplan.gaps import Gaps, Trend
from commplan.inbox_figures import InboxFigures, MonthResponse
from commplan.plan import Tactic
from commplan.questions import Question
from commplan.services.dashboard import (
    Dashboard,
    InboxRules,
    MonthlyCounts,
    Progress,
    build_dashboard,
    chart_counts,
    inbox_figures,
    monthly_counts,
    plan_periods,
    plan_progress,
    unanswered_questions,
)
from commplan.services.reports import baseline_report, gaps_report, topics_on_the_rise

QUIET_DAYS = 90
#: The dates a request may name: the figures reach back a period before the one asked for, so
#: a date near year 1 or 9999 would run off the calendar (a 500, before these bounds).
EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)
#: The query parameters that choose what the page shows, carried into its links.
FILTERS = ("from", "to", "baseline_from", "baseline_to")


class BadPeriod(ValueError):
    """The dates asked for make no period (one ends before it starts)."""


@dataclass(frozen=True, kw_only=True)
class Asked:
    """The dates a request asks for; None takes the plan's default."""

    first: date | None
    last: date | None
    baseline_first: date | None
    baseline_last: date | None

    def periods(self, default: Period, baseline: Period) -> tuple[Period, Period]:
        """The period and the baseline, the plan's where the request names no date.

        Raises:
            BadPeriod: a period ends before it starts.
        """
        try:
            return (
                Period(first=self.first or default.first, last=self.last or default.last),
                Period(
                    first=self.baseline_first or baseline.first,
                    last=self.baseline_last or baseline.last,
                ),
            )
        except ValueError as error:
            raise BadPeriod(str(error)) from None


def asked(query: Mapping[str, str]) -> Asked:
    """The dates in the query string.

    Raises:
        web.HTTPBadRequest: a date is not YYYY-MM-DD.
    """

    def day(name: str) -> date | None:
        text = query.get(name, "")
        try:
            when = date.fromisoformat(text) if text else None
        except ValueError:
            raise web.HTTPBadRequest(text=f"{name} must be a date (YYYY-MM-DD)") from None
        if when is not None and not EARLIEST <= when <= LATEST:
            raise web.HTTPBadRequest(
                text=f"{name} must be a date between {EARLIEST} and {LATEST}, not {when}"
            )
        return when

    return Asked(
        first=day("from"),
        last=day("to"),
        baseline_first=day("baseline_from"),
        baseline_last=day("baseline_to"),
    )


async def load_dashboard(config: DashboardConfig, query: Mapping[str, str]) -> Dashboard:
    """Everything the page and the downloads show, for the period the query asks for."""
    dates = asked(query)
    try:
        return await off_loop(_dashboard, config, dates)
    except BadPeriod as error:
        raise web.HTTPBadRequest(text=str(error)) from None


async def load_counts(
    config: DashboardConfig, query: Mapping[str, str], by: Literal["org_type", "user_group"]
) -> MonthlyCounts:
    """Only the counts one chart draws: a whole dashboard per chart made a page cost three."""
    dates = asked(query)
    try:
        return await off_loop(_counts, config, dates, by)
    except BadPeriod as error:
        raise web.HTTPBadRequest(text=str(error)) from None


def _periods(config: DashboardConfig, dates: Asked) -> tuple[Period, Period]:
    return dates.periods(*plan_periods(config.uow(), config.clock.now().date()))


def _dashboard(config: DashboardConfig, dates: Asked) -> Dashboard:
    period, baseline = _periods(config, dates)
    now = config.clock.now().astimezone(config.timezone)
    return build_dashboard(
        config.uow(),
        period=period,
        baseline_period=baseline,
        today=now.date(),
        quiet_days=QUIET_DAYS,
        now=now,
        calendar=config.calendar,
        unanswered_after_days=config.unanswered_after_days,
    )


def _counts(
    config: DashboardConfig, dates: Asked, by: Literal["org_type", "user_group"]
) -> MonthlyCounts:
    period, _ = _periods(config, dates)
    return chart_counts(config.uow(), by, period)


async def load_table(
    config: DashboardConfig, query: Mapping[str, str], make: Callable[[LazyFigures], TableData]
) -> TableData:
    """One table of the page, loading only the figures it shows (a download of one table
    used to build the whole page: 5.8 s at a million contacts)."""
    dates = asked(query)
    try:
        return await off_loop(_table, config, dates, make)
    except BadPeriod as error:
        raise web.HTTPBadRequest(text=str(error)) from None


def _table(
    config: DashboardConfig, dates: Asked, make: Callable[[LazyFigures], TableData]
) -> TableData:
    period, baseline = _periods(config, dates)
    return make(LazyFigures(config, period, baseline))


class LazyFigures:
    """The page's figures, each read from the database the first time a table asks for it."""

    def __init__(self, config: DashboardConfig, period: Period, baseline: Period) -> None:
        self._config = config
        self._period = period
        self._baseline = baseline
        self._now: datetime = config.clock.now().astimezone(config.timezone)

    def _report(self, by: Literal["org_type", "user_group"]) -> BaselineReport:
        return baseline_report(
            self._config.uow(), by=by, period=self._period, baseline_period=self._baseline
        )

    @functools.cached_property
    def by_type(self) -> BaselineReport:
        return self._report("org_type")

    @functools.cached_property
    def by_group(self) -> BaselineReport:
        return self._report("user_group")

    @functools.cached_property
    def monthly_by_type(self) -> MonthlyCounts:
        return monthly_counts(self._config.uow(), "org_type", self._period)

    @functools.cached_property
    def monthly_by_group(self) -> MonthlyCounts:
        return monthly_counts(self._config.uow(), "user_group", self._period)

    @functools.cached_property
    def gaps(self) -> Gaps:
        at = min(self._now.date(), self._period.last)
        return gaps_report(self._config.uow(), at=at, days=QUIET_DAYS)

    @functools.cached_property
    def rising(self) -> tuple[Trend, ...]:
        return topics_on_the_rise(self._config.uow(), period=self._period)

    @functools.cached_property
    def _plan(self) -> tuple[Progress, tuple[Tactic, ...]]:
        return plan_progress(self._config.uow(), self._now.date())

    @property
    def progress(self) -> Progress:
        return self._plan[0]

    @property
    def overdue(self) -> tuple[Tactic, ...]:
        return self._plan[1]

    @functools.cached_property
    def unanswered(self) -> tuple[Question, ...]:
        return unanswered_questions(self._config.uow())

    @functools.cached_property
    def _inbox(self) -> tuple[InboxFigures, tuple[MonthResponse, ...]]:
        rules = InboxRules(
            calendar=self._config.calendar,
            unanswered_after_days=self._config.unanswered_after_days,
        )
        return inbox_figures(self._config.uow(), period=self._period, now=self._now, rules=rules)

    @property
    def inbox(self) -> InboxFigures:
        return self._inbox[0]

    @property
    def inbox_by_month(self) -> tuple[MonthResponse, ...]:
        return self._inbox[1]

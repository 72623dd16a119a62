"""The dashboard's figures for one request: the period it asks for, then one service call.

Everything that reads the database runs in a worker thread (:func:`off_loop`); only the
query string is read on the event loop.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from aiohttp import web

from adapters.web.bridge import off_loop
from adapters.web.config import DashboardConfig
from commplan.baseline import Period
from commplan.services.dashboard import (
    Dashboard,
    MonthlyCounts,
    build_dashboard,
    monthly_counts,
    plan_periods,
)

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
    return monthly_counts(config.uow(), by, period)

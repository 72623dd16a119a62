"""Baseline reports over the contact log."""

from __future__ import annotations

from datetime import date, timedelta

from commplan.baseline import BaselineReport, BaselineRow, Period, compare
from commplan.gaps import Gaps, Trend, find_gaps, rising_topics
from commplan.organisations import OrgType, UserGroup
from commplan.ports import ContactField, Repositories, UnitOfWork

FIELDS: tuple[ContactField, ...] = (
    "org_type",
    "user_group",
    "channel",
    "direction",
    "standard",
    "organisation",
    "month",
    "quarter",
)


def default_periods(plan_year: int) -> tuple[Period, Period]:
    """The plan's whole year, and its first quarter as the baseline."""
    return (
        Period(first=date(plan_year, 1, 1), last=date(plan_year, 12, 31)),
        Period(first=date(plan_year, 1, 1), last=date(plan_year, 3, 31)),
    )


def baseline_report(
    uow: UnitOfWork, *, by: ContactField, period: Period, baseline_period: Period
) -> BaselineReport:
    """Contacts per group of ``by`` in the period against the baseline period."""
    with uow as repos:
        return baseline_in(repos, by=by, period=period, baseline_period=baseline_period)


def baseline_in(
    repos: Repositories, *, by: ContactField, period: Period, baseline_period: Period
) -> BaselineReport:
    """``baseline_report`` inside an open unit of work, for pages made of several reports."""
    counts = repos.contacts.counts(by, period.first, period.last)
    base = repos.contacts.counts(by, baseline_period.first, baseline_period.last)
    every: tuple[str, ...] = ()
    if by == "org_type":
        every = tuple(OrgType)
    elif by == "user_group":
        every = tuple(UserGroup)
    if by in ("month", "quarter"):
        # Months and quarters are periods themselves: each is set against the baseline
        # period's average month (or quarter).
        average = round(sum(base.values()) / _units(baseline_period, by), 1)
        rows = tuple(
            BaselineRow(group=key, count=n, baseline=average, change=round(n - average, 1))
            for key, n in sorted(counts.items())
        )
    else:
        rows = compare(counts, base, period=period, baseline_period=baseline_period, groups=every)
    return BaselineReport(by=by, period=period, baseline_period=baseline_period, rows=rows)


def _units(period: Period, by: ContactField) -> int:
    months = (
        (period.last.year - period.first.year) * 12 + period.last.month - period.first.month + 1
    )
    return months if by == "month" else max(1, -(-months // 3))


def gaps_report(uow: UnitOfWork, *, at: date, days: int) -> Gaps:
    """Directory organisations and user groups not heard from in ``days`` days up to ``at``."""
    with uow as repos:
        return gaps_in(repos, at=at, days=days)


def gaps_in(repos: Repositories, *, at: date, days: int) -> Gaps:
    """``gaps_report`` inside an open unit of work."""
    organisations = repos.organisations.names()
    # Only the directory's names and the user groups are asked after, each by its latest day
    # up to ``at`` (contacts after it do not count when looking back from it): a look-up per
    # name, not a pass over every contact ever logged.
    by_organisation = repos.contacts.last_contact_of("organisation", organisations, upto=at)
    groups = [g.value for g in UserGroup]
    by_group = repos.contacts.last_contact_of("user_group", groups, upto=at)
    return find_gaps(
        at=at,
        days=days,
        organisations=organisations,
        last_by_organisation=by_organisation,
        last_by_user_group=by_group,
    )


def topics_on_the_rise(uow: UnitOfWork, *, period: Period, limit: int = 5) -> tuple[Trend, ...]:
    """Standards asked about more in the period than in the same length of time before it."""
    with uow as repos:
        return rising_in(repos, period=period, limit=limit)


def rising_in(repos: Repositories, *, period: Period, limit: int = 5) -> tuple[Trend, ...]:
    """``topics_on_the_rise`` inside an open unit of work."""
    before = Period(
        first=period.first - timedelta(days=period.days), last=period.first - timedelta(days=1)
    )
    recent = repos.contacts.counts("standard", period.first, period.last)
    earlier = repos.contacts.counts("standard", before.first, before.last)
    return rising_topics(recent, earlier, limit=limit)

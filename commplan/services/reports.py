"""Baseline reports over the contact log."""

from __future__ import annotations

from datetime import date

from commplan.baseline import BaselineReport, BaselineRow, Period, compare
from commplan.organisations import OrgType, UserGroup
from commplan.ports import ContactField, UnitOfWork

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
    with uow:
        counts = uow.contacts.counts(by, period.first, period.last)
        base = uow.contacts.counts(by, baseline_period.first, baseline_period.last)
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

"""Gathering the digest's figures from the repositories."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

from commplan.champions import Quarter, digest_lines
from commplan.digest import Digest, build_digest, reported_week
from commplan.inbox_figures import response_figures
from commplan.ports import UnitOfWork
from commplan.services.champions import champions_in
from commplan.services.impact import impact_in
from commplan.services.reports import default_periods
from commplan.workdays import WorkingDays

HISTORY_WEEKS = 12


def digest_for(
    uow: UnitOfWork,
    at: date,
    *,
    now: datetime | None = None,
    zone: tzinfo = UTC,
    calendar: WorkingDays | None = None,
    unanswered_after_days: int = 3,
) -> Digest:
    """The digest made on day ``at``, against the plan year's baseline quarter.

    Contacts, topics and the inbox cover the week that ended the day before ``at``, in local
    days of ``zone``; the queries still open past ``unanswered_after_days`` working days are
    those at ``now`` (default 09:00 on ``at``, local).
    """
    first, last = reported_week(at)
    now = now or datetime.combine(at, time(9, 0), tzinfo=zone)
    start = datetime.combine(first, time(0), tzinfo=zone)
    end = datetime.combine(at, time(0), tzinfo=zone)
    with uow as repos:
        latest = repos.plans.latest()
        year = latest.year if latest else at.year
        tactics = repos.tactics.all(year)
        actions = repos.actions.all()
        _, baseline = default_periods(year)
        last_week = repos.contacts.counts("org_type", first, last)
        base = repos.contacts.counts("org_type", baseline.first, baseline.last)
        topics = repos.contacts.counts("standard", first, last)
        questions = repos.questions.needing_team()
        standards = repos.standards.all()
        since = datetime.combine(at - timedelta(days=7), time(0), tzinfo=UTC)
        unreachable = repos.claims.unreachable_since(since)
        history = []
        for weeks_back in range(HISTORY_WEEKS, 0, -1):
            week = at - timedelta(days=7 * weeks_back)
            history.append((week, repos.contacts.counts("org_type", week, week + timedelta(6))))
        # Arrived in the week, answered in it, or still open: all the figures need.
        queries = repos.queries.touched(start, end)
        champions = digest_lines(champions_in(repos, Quarter.of(at)))
        # Measured up to the reported week's last day, as the week's contacts are.
        impact = impact_in(repos, today=last, plan_year=year).tactics if latest else ()
    inbox = response_figures(
        queries,
        first=first,
        last=last,
        now=now.astimezone(zone),
        calendar=calendar or WorkingDays(),
        unanswered_after_days=unanswered_after_days,
    )
    return build_digest(
        at=at,
        tactics=tactics,
        actions=actions,
        contacts_by_type=last_week,
        baseline_by_type=base,
        baseline_weeks=baseline.days / 7,
        topics=topics,
        unanswered=questions,
        standards=standards,
        weekly_history=history,
        unreachable=unreachable,
        inbox=inbox,
        champions=champions,
        impact=impact,
    )

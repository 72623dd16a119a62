"""Gathering the digest's figures from the repositories."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from commplan.digest import Digest, build_digest
from commplan.ports import UnitOfWork
from commplan.services.reports import default_periods

HISTORY_WEEKS = 12


def digest_for(uow: UnitOfWork, at: date) -> Digest:
    """The digest of the week starting ``at``, against the plan year's baseline quarter."""
    week_end = at + timedelta(days=6)
    with uow:
        latest = uow.plans.latest()
        year = latest.year if latest else at.year
        tactics = uow.tactics.all(year)
        actions = uow.actions.all()
        _, baseline = default_periods(year)
        this_week = uow.contacts.counts("org_type", at, week_end)
        base = uow.contacts.counts("org_type", baseline.first, baseline.last)
        topics = uow.contacts.counts("standard", at, week_end)
        questions = uow.questions.needing_team()
        standards = uow.standards.all()
        since = datetime.combine(at - timedelta(days=7), time(0), tzinfo=UTC)
        unreachable = uow.deliveries.unreachable_since(since)
        history = []
        for weeks_back in range(HISTORY_WEEKS - 1, -1, -1):
            first = at - timedelta(days=7 * weeks_back)
            history.append((first, uow.contacts.counts("org_type", first, first + timedelta(6))))
    return build_digest(
        at=at,
        tactics=tactics,
        actions=actions,
        contacts_by_type=this_week,
        baseline_by_type=base,
        baseline_weeks=baseline.days / 7,
        topics=topics,
        unanswered=questions,
        standards=standards,
        weekly_history=history,
        unreachable=unreachable,
    )

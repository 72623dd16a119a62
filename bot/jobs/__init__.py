"""The clock's work as plain functions of ``now``: nudges, the weekly digest, the inbox poll.

Each job reads and writes through the services, claims every message it sends through
``commplan.services.claims`` before sending it, and gives the claim back when the send fails,
so that the next run retries it. Nothing here imports an adapter: the composition root hands
over what the jobs need as a :class:`JobDeps`, built once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

from commplan.nudges import DEFAULT_POLICY, NudgePolicy
from commplan.ports import Clock, UnitOfWorkFactory
from commplan.ranking import StandardsIndex
from commplan.workdays import WorkingDays

#: Contacts per week by organisation type, oldest week first: what the digest's chart shows.
WeeklyHistory = Sequence[tuple[date, Mapping[str, int]]]


def no_chart(history: WeeklyHistory) -> bytes:
    """Draw nothing: a digest without its picture."""
    return b""


def never_scheduled(now: datetime) -> datetime | None:
    """No digest schedule: no digest is ever due."""
    return None


@dataclass(frozen=True, kw_only=True)
class JobDeps:
    """What the jobs need besides a messenger; built once by the composition root.

    ``last_digest`` gives the most recent time the digest was scheduled at or before a moment
    (None if not lately); ``draw_chart`` turns the digest's weekly history into a PNG.
    """

    uow: UnitOfWorkFactory
    clock: Clock
    standards: Callable[[], StandardsIndex]
    calendar: WorkingDays = WorkingDays()
    zone: tzinfo = UTC
    policy: NudgePolicy = DEFAULT_POLICY
    dashboard_url: str = ""
    team_addresses: frozenset[str] = frozenset()
    draw_chart: Callable[[WeeklyHistory], bytes] = no_chart
    last_digest: Callable[[datetime], datetime | None] = never_scheduled

"""What the dashboard's modules share: its configuration and the headers of every answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, tzinfo

from aiohttp import web

from commplan.ports import Clock, UnitOfWorkFactory
from commplan.workdays import WorkingDays

#: Contacts are personal data: no cache keeps a page, and no other site frames or reads it.
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    # same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" with a
    # form's POST (sign-out), which the Origin check must refuse; other sites still get nothing.
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


@dataclass(frozen=True, kw_only=True)
class DashboardConfig:
    """What the dashboard needs; the calendar, limit and zone are the team's, as for nudges."""

    uow: UnitOfWorkFactory
    clock: Clock
    key: bytes
    secure_cookies: bool
    calendar: WorkingDays = field(default_factory=WorkingDays)
    unanswered_after_days: int = 3
    timezone: tzinfo = UTC


CONFIG = web.AppKey("dashboard", DashboardConfig)

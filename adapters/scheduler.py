"""APScheduler 3.x, triggering the plain jobs; all state lives in the database, not here."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

logger = logging.getLogger(__name__)

Job = Callable[[], Awaitable[object]]


def build_scheduler(
    *,
    zone: ZoneInfo,
    sweep: Job,
    digest: Job,
    retention: Job | None = None,
    sweep_minutes: int = 15,
    digest_cron: str = "0 9 * * mon",
    extra: dict[str, tuple[Job, int]] | None = None,
) -> AsyncIOScheduler:
    """A scheduler with the nudge sweep, the digest, the nightly retention job and any extra
    interval jobs (seconds), which first run as the clock starts.

    Jobs coalesce and never overlap themselves; a job missed while the process was down
    runs once when it comes back within the grace time, and the database's unique keys stop
    anything going out twice.
    """
    scheduler = AsyncIOScheduler(
        timezone=zone,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
    )
    scheduler.add_job(
        sweep,
        IntervalTrigger(minutes=sweep_minutes, timezone=zone),
        id="nudges",
        name="nudge sweep",
        next_run_time=datetime.now(zone),
    )
    scheduler.add_job(
        digest,
        CronTrigger.from_crontab(digest_cron, timezone=zone),
        id="digest",
        name="weekly digest",
    )
    if retention is not None:
        # Nightly, not every 24 hours from the start: a platform that restarts its processes
        # each day would otherwise never reach the first run.
        scheduler.add_job(
            retention,
            CronTrigger(hour=2, minute=30, timezone=zone),
            id="retention",
            name="retention",
        )
    for name, (job, seconds) in (extra or {}).items():
        scheduler.add_job(
            job,
            IntervalTrigger(seconds=seconds, timezone=zone),
            id=name,
            name=name,
            next_run_time=datetime.now(zone),
        )
    return scheduler

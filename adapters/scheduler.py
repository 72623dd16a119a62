"""APScheduler 3.x, triggering the plain jobs; all state lives in the database, not here.

``harmonibot clock`` (and ``serve --clock``) run the jobs of ``bot.jobs`` on the triggers
below; the one-shot commands (``nudges``, ``digest``, ``inbox poll``) run the same functions.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from adapters.settings import Settings
from bot.jobs import JobDeps
from bot.jobs.champions import ask_champions
from bot.jobs.digest import post_due_digest
from bot.jobs.inbox import poll_once
from bot.jobs.nudges import sweep
from bot.ports import MailSource, MailSourceError, Messenger
from commplan.services.privacy import strip_old

logger = logging.getLogger(__name__)

Job = Callable[[], Awaitable[object]]

#: How long a stopping clock lets the jobs under way finish.
FINISH_SECONDS = 30.0


class RunningJobs:
    """The jobs under way, so that a stopping clock can let them finish.

    Shutting APScheduler down cancels a job's task, but the work it handed to a thread goes
    on; waiting here keeps anything from touching the database after the process lets go.
    """

    def __init__(self) -> None:
        self._count = 0
        self._idle = asyncio.Event()
        self._idle.set()

    def track(self, job: Job) -> Job:
        """``job``, counted while it runs."""

        async def tracked() -> None:
            self._count += 1
            self._idle.clear()
            try:
                await job()
            finally:
                self._count -= 1
                if not self._count:
                    self._idle.set()

        return tracked

    async def finish(self, seconds: float) -> bool:
        """Wait up to ``seconds`` for every running job; False if some are still going."""
        try:
            async with asyncio.timeout(seconds):
                await self._idle.wait()
        except TimeoutError:
            logger.warning("stopping with %d jobs still running", self._count)
            return False
        return True


#: How far back :func:`last_fire_time` looks; a schedule that fired longer ago has none.
LOOK_BACK = timedelta(days=14)


def last_fire_time(
    cron: str, zone: ZoneInfo, now: datetime, look_back: timedelta = LOOK_BACK
) -> datetime | None:
    """The most recent time the crontab ``cron`` fired at or before ``now``, local to ``zone``.

    APScheduler's own trigger does the arithmetic, so clock changes and day-of-week rules
    match the scheduler's exactly; None when it did not fire within ``look_back``.
    """
    trigger = CronTrigger.from_crontab(cron, timezone=zone)
    # Compared and stepped in UTC: within one zone Python ignores ``fold``, so the repeated
    # hour of an autumn clock change would otherwise look like no progress at all.
    moment = now.astimezone(UTC)
    fired = None
    candidate = trigger.get_next_fire_time(None, (moment - look_back).astimezone(zone))
    while candidate is not None and candidate.astimezone(UTC) <= moment:
        if fired is not None and candidate.astimezone(UTC) <= fired.astimezone(UTC):
            break  # a trigger that does not move on; never loop for ever
        fired = candidate
        # Fire times are whole seconds, so a second later is strictly after this one.
        after = (candidate.astimezone(UTC) + timedelta(seconds=1)).astimezone(zone)
        candidate = trigger.get_next_fire_time(candidate, after)
    return fired


def build_scheduler(
    *,
    zone: ZoneInfo,
    sweep: Job,
    digest: Job,
    retention: Job | None = None,
    champions: Job | None = None,
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
    if champions is not None:
        # From the 15th of a quarter's last month, each working morning: a champion is asked
        # once a quarter (claimed), so later days reach only champions appointed since or a
        # send that failed.
        scheduler.add_job(
            champions,
            CronTrigger(
                month="3,6,9,12", day="15-31", day_of_week="mon-fri", hour=10, timezone=zone
            ),
            id="champions",
            name="champions' quarterly ask",
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


async def run_scheduled(
    deps: JobDeps,
    messenger: Messenger,
    settings: Settings,
    stop: asyncio.Event,
    *,
    source: MailSource | None = None,
) -> None:
    """Run the jobs on their triggers until ``stop`` is set (a signal, or the lost lock)."""
    clock = deps.clock

    async def nudge_job() -> None:
        sent = await sweep(deps, messenger, clock.now(), stop=stop)
        if sent:
            logger.info("sent %d nudges", len(sent))
        # The digest is a function of now too: a clock that was down at its time, or a post
        # that failed, catches up here.
        await digest_job()

    async def digest_job() -> None:
        try:
            await post_due_digest(deps, messenger, clock.now())
        except Exception:
            logger.exception("the digest did not go out; the next sweep tries again")

    async def retention_job() -> None:
        stripped = await asyncio.to_thread(
            strip_old, deps.uow(), clock.now(), settings.retention_days
        )
        if stripped.contacts or stripped.queries:
            logger.info(
                "retention: stripped %d contacts and %d inbox queries",
                stripped.contacts,
                stripped.queries,
            )

    async def champions_job() -> None:
        try:
            asked = await ask_champions(deps, messenger, clock.now())
        except Exception:
            logger.exception("the champions' ask did not go out; tomorrow's run tries again")
            return
        if asked:
            logger.info("asked %d champions for their quarterly update", len(asked))

    extra: dict[str, tuple[Job, int]] = {}
    if source is not None:
        mailbox = source

        async def inbox_job() -> None:
            try:
                await poll_once(mailbox, deps, messenger, clock.now())
            except MailSourceError as error:
                # Said once a poll, without a traceback: an unreachable server is not a bug.
                logger.warning("inbox poll: %s", error)

        extra["inbox poll"] = (inbox_job, settings.inbox_poll_seconds)

    running = RunningJobs()
    scheduler = build_scheduler(
        zone=settings.timezone,
        sweep=running.track(nudge_job),
        digest=running.track(digest_job),
        retention=running.track(retention_job),
        champions=running.track(champions_job),
        sweep_minutes=settings.sweep_minutes,
        digest_cron=settings.digest_cron,
        extra={name: (running.track(job), every) for name, (job, every) in extra.items()},
    )
    scheduler.start()
    try:
        await stop.wait()
    finally:
        scheduler.pause()
        await running.finish(FINISH_SECONDS)
        scheduler.shutdown(wait=False)

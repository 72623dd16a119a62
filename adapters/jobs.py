"""The clock's jobs: plain functions of now, each idempotent by keys in the database.

``harmonibot clock`` (and ``serve --clock``) runs them under APScheduler; the one-shot
commands (``nudges``, ``digest``, ``inbox poll``, ``contacts retention``) run the same ones.
"""

from __future__ import annotations

import asyncio
import logging

from adapters.bootstrap import Runtime, build_bot, build_intake, build_messenger, mail_source
from adapters.calendar import uk_working_days
from adapters.email.sources import MailSourceError
from adapters.inbox_poll import poll_once
from adapters.scheduler import Job, build_scheduler
from bot.digest_view import digest_reply
from bot.nudging import post_digest, sweep
from commplan.nudges import NudgePolicy
from commplan.services.digest import digest_for
from commplan.services.privacy import strip_old
from commplan.workdays import WorkingDays

logger = logging.getLogger(__name__)


def working_days(runtime: Runtime) -> WorkingDays:
    """The team's working days: weekends and the configured nation's bank holidays off."""
    return uk_working_days(runtime.settings.holiday_region)


def nudge_policy(runtime: Runtime) -> NudgePolicy:
    """The nudge policy with the team's settings."""
    settings = runtime.settings
    return NudgePolicy(
        offsets=settings.nudge_days_before,
        hour=settings.nudge_hour,
        escalate_after_weeks=settings.escalate_after_weeks,
        unanswered_after_days=settings.unanswered_after_days,
    )


async def run_jobs(runtime: Runtime, stop: asyncio.Event) -> None:
    """Run the scheduler until ``stop`` is set (a signal, or the lost lock)."""
    bot = build_bot(runtime)
    messenger = build_messenger(runtime)
    calendar = working_days(runtime)
    policy = nudge_policy(runtime)
    settings = runtime.settings

    async def nudge_job() -> None:
        sent = await sweep(bot.deps, messenger, runtime.clock.now(), calendar, policy=policy)
        if sent:
            logger.info("sent %d nudges", len(sent))

    async def digest_job() -> None:
        today = runtime.clock.now().date()
        digest = await asyncio.to_thread(digest_for, runtime.uow(), today)
        reply = digest_reply(digest, dashboard_url=settings.public_url)
        await post_digest(bot.deps, messenger, reply, today)

    async def retention_job() -> None:
        stripped = await asyncio.to_thread(
            strip_old, runtime.uow(), runtime.clock.now(), settings.retention_days
        )
        if stripped.contacts or stripped.queries:
            logger.info(
                "retention: stripped %d contacts and %d inbox queries",
                stripped.contacts,
                stripped.queries,
            )

    extra: dict[str, tuple[Job, int]] = {}
    source = mail_source(runtime)
    if source is not None:
        intake = build_intake(runtime)

        async def inbox_job() -> None:
            try:
                await poll_once(intake, source, messenger, runtime.uow, runtime.clock)
            except MailSourceError as error:
                # Said once a poll, without a traceback: an unreachable server is not a bug.
                logger.warning("inbox poll: %s", error)

        extra["inbox poll"] = (inbox_job, settings.inbox_poll_seconds)

    scheduler = build_scheduler(
        zone=settings.timezone,
        sweep=nudge_job,
        digest=digest_job,
        retention=retention_job,
        sweep_minutes=settings.sweep_minutes,
        digest_cron=settings.digest_cron,
        extra=extra,
    )
    scheduler.start()
    try:
        await stop.wait()
    finally:
        scheduler.shutdown(wait=False)

"""The clock's jobs: plain functions of now, each idempotent by keys in the database.

``harmonibot clock`` (and ``serve --clock``) runs them under APScheduler; the one-shot
commands (``nudges``, ``digest``, ``inbox poll``, ``contacts retention``) run the same ones.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime

from adapters.bootstrap import Runtime, build_bot, build_intake, build_messenger, mail_source
from adapters.calendar import uk_working_days
from adapters.charts import weekly_contacts_png
from adapters.email.sources import MailSourceError
from adapters.inbox_poll import poll_once
from adapters.scheduler import Job, RunningJobs, build_scheduler, last_fire_time
from bot.messages import Reply
from bot.nudging import digest_key, post_digest, sweep
from bot.ports import Messenger
from bot.turn import Deps
from bot.views.digest import digest_reply
from commplan.nudges import NudgePolicy
from commplan.services.digest import digest_for
from commplan.services.privacy import strip_old
from commplan.workdays import WorkingDays

logger = logging.getLogger(__name__)

#: How long a stopping clock lets the jobs under way finish.
FINISH_SECONDS = 30.0

#: A digest the clock missed (down at the scheduled time, or the post failed) still goes out
#: on a later sweep up to this many working days after; later than that it is stale.
DIGEST_CATCH_UP_WORKING_DAYS = 2


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


def build_digest_reply(runtime: Runtime, deps: Deps, day: date, now: datetime) -> Reply:
    """The digest made on ``day``, with its chart and the bot's dashboard link."""
    settings = runtime.settings
    digest = digest_for(
        runtime.uow(),
        day,
        now=now,
        zone=settings.timezone,
        calendar=working_days(runtime),
        unanswered_after_days=settings.unanswered_after_days,
    )
    try:
        chart = weekly_contacts_png(digest.weekly_history)
    except Exception:
        # The figures matter more than the picture: post without it rather than not at all.
        logger.exception("drawing the digest chart failed; posting the digest without it")
        chart = b""
    return digest_reply(digest, dashboard_url=deps.dashboard_url, chart_png=chart)


def _digest_claimed(runtime: Runtime, day: date) -> bool:
    key = digest_key(day)
    with runtime.uow() as uow:
        return key in uow.claims.claimed([key])


async def post_due_digest(
    runtime: Runtime, deps: Deps, messenger: Messenger, now: datetime
) -> date | None:
    """Post the most recently scheduled digest if it has not gone out; the day it was for.

    The schedule is ``HARMONIBOT_DIGEST_CRON``; a digest scheduled more than
    :data:`DIGEST_CATCH_UP_WORKING_DAYS` working days ago is left alone. Safe to call on every
    sweep: the week's claim key lets each digest out once, and a failed post gives it back.
    """
    zone = runtime.settings.timezone
    fired = last_fire_time(runtime.settings.digest_cron, zone, now)
    if fired is None:
        return None
    day = fired.astimezone(zone).date()
    today = now.astimezone(zone).date()
    if working_days(runtime).add(day, DIGEST_CATCH_UP_WORKING_DAYS) < today:
        return None
    if await asyncio.to_thread(_digest_claimed, runtime, day):
        return None
    reply = await asyncio.to_thread(build_digest_reply, runtime, deps, day, now)
    if not await post_digest(deps, messenger, reply, day):
        return None
    logger.info("posted the digest for %s", day.isoformat())
    return day


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
        # The digest is a function of now too: a clock that was down at its time, or a post
        # that failed, catches up here.
        await digest_job()

    async def digest_job() -> None:
        try:
            await post_due_digest(runtime, bot.deps, messenger, runtime.clock.now())
        except Exception:
            logger.exception("the digest did not go out; the next sweep tries again")

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

    running = RunningJobs()
    scheduler = build_scheduler(
        zone=settings.timezone,
        sweep=running.track(nudge_job),
        digest=running.track(digest_job),
        retention=running.track(retention_job),
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

"""The weekly digest: built from the figures, posted to the team once a week, caught up late.

The digest is a function of now too: a clock that was down at the scheduled time, or a post
that failed, catches up on a later sweep, within :data:`DIGEST_CATCH_UP_WORKING_DAYS`.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime

from bot.jobs import JobDeps
from bot.messages import Reply
from bot.ports import Messenger
from bot.views.digest import digest_reply
from commplan.claims import ClaimKind
from commplan.ports import Claim
from commplan.services import claims
from commplan.services.claims import LEASE
from commplan.services.digest import digest_for

logger = logging.getLogger(__name__)

#: A digest the clock missed (down at the scheduled time, or the post failed) still goes out
#: on a later sweep up to this many working days after; later than that it is stale.
DIGEST_CATCH_UP_WORKING_DAYS = 2


def digest_key(day: date) -> str:
    """The key a week's digest is claimed under: one per ISO week."""
    year, week, _ = day.isocalendar()
    return f"digest:{year}-W{week:02d}"


def build_digest_reply(deps: JobDeps, day: date, now: datetime) -> Reply:
    """The digest made on ``day``, with its chart and the dashboard link; blocking."""
    digest = digest_for(
        deps.uow(),
        day,
        now=now,
        zone=deps.zone,
        calendar=deps.calendar,
        unanswered_after_days=deps.policy.unanswered_after_days,
    )
    try:
        chart = deps.draw_chart(digest.weekly_history)
    except Exception:
        # The figures matter more than the picture: post without it rather than not at all.
        logger.exception("drawing the digest chart failed; posting the digest without it")
        chart = b""
    return digest_reply(digest, dashboard_url=deps.dashboard_url, chart_png=chart)


async def post_digest(
    deps: JobDeps, messenger: Messenger, reply: Reply, day: date, now: datetime
) -> bool:
    """Post the digest made on ``day`` once; False when that week's was already posted.

    A failed post gives the week's claim back and raises, so that the next sweep retries it.
    """
    key = digest_key(day)
    wanted = Claim(key=key, kind=ClaimKind.DIGEST, person="team", item="digest")
    # On a lease: a clock that died between posting and recording it posts again next sweep,
    # rather than never.
    if not await asyncio.to_thread(claims.claim, deps.uow(), [wanted], now, lease=LEASE):
        return False
    try:
        channel = await messenger.send_team(reply)
    except Exception:
        logger.exception("posting the digest failed; it will be retried")
        await asyncio.to_thread(claims.settle, deps.uow(), {}, [key], now)
        raise
    await asyncio.to_thread(claims.settle, deps.uow(), {key: channel}, (), now)
    return True


async def post_due_digest(deps: JobDeps, messenger: Messenger, now: datetime) -> date | None:
    """Post the most recently scheduled digest if it has not gone out; the day it was for.

    A digest scheduled more than :data:`DIGEST_CATCH_UP_WORKING_DAYS` working days ago is
    left alone. Safe to call on every sweep: the week's claim lets each digest out once.
    """
    fired = deps.last_digest(now)
    if fired is None:
        return None
    # Scheduled on a bank holiday, the digest goes on the next working day instead.
    day = deps.calendar.on_or_after(fired.astimezone(deps.zone).date())
    today = now.astimezone(deps.zone).date()
    if today < day or deps.calendar.add(day, DIGEST_CATCH_UP_WORKING_DAYS) < today:
        return None
    # Checked before building: most sweeps find the week's digest already out.
    if await asyncio.to_thread(claims.claimed, deps.uow(), [digest_key(day)], at=now, lease=LEASE):
        return None
    reply = await asyncio.to_thread(build_digest_reply, deps, day, now)
    if not await post_digest(deps, messenger, reply, day, now):
        return None
    logger.info("posted the digest for %s", day.isoformat())
    return day

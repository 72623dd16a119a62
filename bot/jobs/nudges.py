"""The nudge sweep: claim the due nudges in one batch, send them, settle the claims."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime

from bot.jobs import JobDeps
from bot.ports import Messenger, Unreachable
from bot.views.nudges import nudge_reply, unreachable_reply
from commplan.nudges import Nudge, nudge_claim, unreachable_claim
from commplan.services import claims
from commplan.services.nudges import nudges_due

logger = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class SentNudge:
    """What a sweep did with one nudge."""

    nudge: Nudge
    channel: str  # "slack", "teams", "web", "team", "unreachable", or "" on a dry run


async def sweep(
    deps: JobDeps, messenger: Messenger, now: datetime, *, dry_run: bool = False
) -> list[SentNudge]:
    """Send every due nudge whose key this process can claim; skip the rest.

    Keys are checked and claimed in batches, so a sweep with nothing new costs a few queries
    whatever the size of the plan. A failed send gives its claim back, so the next sweep
    retries it instead of losing it.
    """
    nudges = await asyncio.to_thread(
        nudges_due, deps.uow(), now, calendar=deps.calendar, policy=deps.policy
    )
    taken = await asyncio.to_thread(claims.claimed, deps.uow(), [n.key for n in nudges])
    pending = [n for n in nudges if n.key not in taken]
    if dry_run:
        return [SentNudge(nudge=n, channel="") for n in pending]
    mine = await asyncio.to_thread(claims.claim, deps.uow(), [nudge_claim(n) for n in pending], now)
    results: list[SentNudge] = []
    failed: list[str] = []
    for nudge in (n for n in pending if n.key in mine):
        try:
            channel = await _send(messenger, nudge)
        except Exception:
            logger.exception("sending %s failed; it will be retried", nudge.key)
            failed.append(nudge.key)
            continue
        results.append(SentNudge(nudge=nudge, channel=channel))
    sent = {r.nudge.key: r.channel for r in results}
    await asyncio.to_thread(claims.settle, deps.uow(), sent, failed, now)
    missed = [r.nudge for r in results if r.channel == "unreachable"]
    if missed:
        await _report_unreachable(deps, messenger, missed, now)
    return results


async def _send(messenger: Messenger, nudge: Nudge) -> str:
    """Send one nudge; the channel it went through, or "unreachable"."""
    reply = nudge_reply(nudge)
    try:
        if nudge.person is None:
            return await messenger.send_team(reply)
        return await messenger.send_direct(nudge.person, reply)
    except Unreachable:
        who = nudge.person.name if nudge.person else "the team"
        logger.warning("no chat reaches %s for %s", who, nudge.key)
        return "unreachable"


async def _report_unreachable(
    deps: JobDeps, messenger: Messenger, missed: list[Nudge], now: datetime
) -> None:
    """Tell the team at once who could not be reached, each person and item only once."""
    asked = [unreachable_claim(n) for n in missed]
    won = await asyncio.to_thread(claims.claim, deps.uow(), asked, now)
    fresh = [n for n, claim in zip(missed, asked, strict=True) if claim.key in won]
    if not fresh:
        return
    keys = list(dict.fromkeys(c.key for c in asked if c.key in won))
    try:
        channel = await messenger.send_team(unreachable_reply(fresh))
    except Exception:
        logger.exception("telling the team about unreachable owners failed; the digest lists them")
        await asyncio.to_thread(claims.settle, deps.uow(), {}, keys, now)
        return
    await asyncio.to_thread(claims.settle, deps.uow(), dict.fromkeys(keys, channel), (), now)

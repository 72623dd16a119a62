"""The nudge sweep: one summary per person, claimed a few at a time, each recorded as sent at once.

A message is recorded as sent the moment it has gone, so a crash loses nothing: the claims it
left unsent run out (:data:`commplan.services.claims.LEASE`) and the next sweep sends them, and
only the message in flight at the crash can go twice. A stopping clock waits for the current
send, not for the rest of the sweep: what this sweep had claimed but not sent is given back.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, replace
from datetime import datetime

from bot.jobs import JobDeps
from bot.ports import Messenger, Unreachable
from bot.views.nudges import nudge_reply, summary_reply, unreachable_reply
from commplan.nudges import Nudge, nudge_claim, unreachable_claim
from commplan.reminders import Message, recipient, summaries, without_repeats_for_the_team
from commplan.services import claims
from commplan.services.claims import LEASE
from commplan.services.nudges import nudges_due, reminder_settings

logger = logging.getLogger(__name__)

#: Messages claimed in one transaction; each is still recorded as sent on its own.
BATCH = 25


@dataclass(frozen=True, kw_only=True)
class SentNudge:
    """What a sweep did with one nudge."""

    nudge: Nudge
    channel: str  # "slack", "teams", "web", "team", "unreachable", or "" on a dry run


async def sweep(
    deps: JobDeps,
    messenger: Messenger,
    now: datetime,
    *,
    dry_run: bool = False,
    stop: asyncio.Event | None = None,
) -> list[SentNudge]:
    """Send every due nudge whose key this process can claim; skip the rest.

    Keys already sent (or being sent) are found in a few queries whatever the plan's size.
    A failed send gives its claims back, so the next sweep retries it; ``stop`` ends the sweep
    after the message being sent.
    """
    found = await asyncio.to_thread(
        nudges_due, deps.uow(), now, calendar=deps.calendar, policy=deps.policy
    )
    nudges = without_repeats_for_the_team(found)
    taken = await asyncio.to_thread(
        claims.claimed, deps.uow(), [n.key for n in nudges], at=now, lease=LEASE
    )
    pending = [n for n in nudges if n.key not in taken]
    if dry_run:
        return [SentNudge(nudge=n, channel="") for n in pending]
    # Whoever already had a summary this day gets what is new as a follow-up. (A key taken
    # on an earlier day, such as the month's "please set a date", says nothing about today.)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    today = await asyncio.to_thread(
        claims.claimed, deps.uow(), [n.key for n in nudges if n.key in taken], since=midnight
    )
    had_today = {recipient(n.person) for n in nudges if n.key in today}
    settings = await asyncio.to_thread(reminder_settings, deps.uow())
    immediate = [name for name, s in settings.items() if not s.daily_summary]
    outgoing = summaries(pending, had_today=had_today, one_by_one=immediate)
    started = deps.clock.now()
    results: list[SentNudge] = []
    for first in range(0, len(outgoing), BATCH):
        if stop is not None and stop.is_set():
            break
        batch = outgoing[first : first + BATCH]
        # Claimed at the sweep's time plus the time it has taken so far: a long sweep's later
        # claims are as fresh as the lease expects, and a sweep ``--at`` a past moment agrees
        # with the claims it made itself.
        moment = now + (deps.clock.now() - started)
        wanted = [nudge_claim(n) for message in batch for n in message.nudges]
        mine = await asyncio.to_thread(claims.claim, deps.uow(), wanted, moment, lease=LEASE)
        for index, message in enumerate(batch):
            won = tuple(n for n in message.nudges if n.key in mine)
            if not won:
                continue  # another sweep is sending it
            if stop is not None and stop.is_set():
                rest = [n.key for m in batch[index:] for n in m.nudges if n.key in mine]
                await asyncio.to_thread(claims.settle, deps.uow(), {}, rest, moment)
                logger.info("stopping: %d nudges given back for the next sweep", len(rest))
                break
            chosen = replace(message, nudges=won)
            results += await _deliver(deps, messenger, chosen)
    missed = [r.nudge for r in results if r.channel == "unreachable"]
    if missed:
        await _report_unreachable(deps, messenger, missed, now)
    return results


async def _deliver(deps: JobDeps, messenger: Messenger, message: Message) -> list[SentNudge]:
    """Send one message and record it: as sent, or given back for the next sweep."""
    keys = [n.key for n in message.nudges]
    now = deps.clock.now()
    try:
        channel = await _send(messenger, message)
    except Exception:
        logger.exception("sending %d nudges failed; they will be retried", len(keys))
        await asyncio.to_thread(claims.settle, deps.uow(), {}, keys, now)
        return []
    await asyncio.to_thread(claims.settle, deps.uow(), dict.fromkeys(keys, channel), (), now)
    return [SentNudge(nudge=n, channel=channel) for n in message.nudges]


async def _send(messenger: Messenger, message: Message) -> str:
    """Send one message; the channel it went through, or "unreachable"."""
    if message.alone:
        reply = nudge_reply(message.nudges[0])
    else:
        reply = summary_reply(
            message.nudges, follow_up=message.follow_up, team=message.person is None
        )
    try:
        if message.person is None:
            return await messenger.send_team(reply)
        return await messenger.send_direct(message.person, reply)
    except Unreachable:
        who = message.person.name if message.person else "the team"
        logger.warning("no chat reaches %s for %d nudges", who, len(message.nudges))
        return "unreachable"


async def _report_unreachable(
    deps: JobDeps, messenger: Messenger, missed: list[Nudge], now: datetime
) -> None:
    """Tell the team at once who could not be reached, each person and item only once."""
    asked = [unreachable_claim(n) for n in missed]
    won = await asyncio.to_thread(claims.claim, deps.uow(), asked, now, lease=LEASE)
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

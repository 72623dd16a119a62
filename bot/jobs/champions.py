"""The quarterly ask: each champion without an update for the quarter gets a message asking
for one, claimed per champion per quarter, so that a rerun sends nothing twice."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime

from bot.jobs import JobDeps
from bot.ports import Messenger, Unreachable
from bot.views.champions import ask
from commplan.champions import Quarter
from commplan.services import claims
from commplan.services.champions import ToAsk, champions_to_ask

logger = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class SentAsk:
    """What the ask did for one champion."""

    ask: ToAsk
    channel: str  # "slack", "teams", "web", "unreachable", or "" on a dry run


async def ask_champions(
    deps: JobDeps,
    messenger: Messenger,
    now: datetime,
    *,
    quarter: Quarter | None = None,
    dry_run: bool = False,
) -> list[SentAsk]:
    """Ask every champion who has not updated for the quarter (by default the quarter of
    ``now`` in the team's zone); champions asked before for it are skipped.

    A failed send gives its claim back, so the next run asks again.
    """
    chosen = quarter or Quarter.of(now.astimezone(deps.zone).date())
    pending = await asyncio.to_thread(champions_to_ask, deps.uow(), chosen)
    taken = await asyncio.to_thread(claims.claimed, deps.uow(), [a.claim.key for a in pending])
    pending = [a for a in pending if a.claim.key not in taken]
    if dry_run:
        return [SentAsk(ask=a, channel="") for a in pending]
    mine = await asyncio.to_thread(claims.claim, deps.uow(), [a.claim for a in pending], now)
    results: list[SentAsk] = []
    failed: list[str] = []
    for item in (a for a in pending if a.claim.key in mine):
        try:
            channel = await _send(messenger, item)
        except Exception:
            logger.exception("asking a champion failed; the next run asks again")
            failed.append(item.claim.key)
            continue
        results.append(SentAsk(ask=item, channel=channel))
    sent = {r.ask.claim.key: r.channel for r in results}
    await asyncio.to_thread(claims.settle, deps.uow(), sent, failed, now)
    return results


async def _send(messenger: Messenger, item: ToAsk) -> str:
    reply = ask(item.person.name, item.champion.organisation, item.quarter)
    try:
        return await messenger.send_direct(item.person, reply)
    except Unreachable:
        # Recorded on the claim: the digest lists people no chat reaches.
        logger.warning("no chat reaches a champion for %s", item.quarter.key)
        return "unreachable"

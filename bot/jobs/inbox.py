"""One poll of the shared mailbox: fetch what is new, log it, move the cursor, tell the team.

The notice of a new query is claimed like every other message the bot sends: a failed post
gives its claim back and the next poll tries again, for :data:`NOTICE_RETRY` after the query
arrived.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Collection, Sequence
from datetime import datetime

from bot.jobs import JobDeps
from bot.ports import MailSource, Messenger
from bot.views.inbox import new_query_reply
from commplan.services import claims
from commplan.services.intake import (
    NOTICE_RETRY,
    Arrival,
    Intake,
    Outcome,
    Status,
    ingest,
    mailbox_cursor,
    move_cursor,
    notice_claim,
    unannounced,
)

logger = logging.getLogger(__name__)


async def poll_once(
    source: MailSource, deps: JobDeps, messenger: Messenger, now: datetime
) -> list[Outcome]:
    """Fetch from the cursor, log each message once, save the cursor, post each new query.

    The cursor is saved only after the messages are committed: a crash in between means the
    next poll fetches them again, and the Message-ID keeps them from being logged twice.
    """
    cursor = await asyncio.to_thread(mailbox_cursor, deps.uow(), source.name)
    result = await asyncio.to_thread(source.fetch, cursor)
    outcomes = await asyncio.to_thread(_log, deps, result.messages, now)
    await asyncio.to_thread(move_cursor, deps.uow(), source.name, result.cursor, now)
    logged = [o.query.key for o in outcomes if o.status is Status.LOGGED and o.query]
    new = [
        o.query.key
        for o in outcomes
        if o.status is Status.LOGGED and o.query and o.new_organisation
    ]
    await announce(deps, messenger, now, fresh=logged, new_organisations=new)
    if outcomes:
        logger.info("polled %s: %d messages", source.name, len(outcomes))
    return outcomes


async def announce(
    deps: JobDeps,
    messenger: Messenger,
    now: datetime,
    *,
    fresh: Collection[str] = (),
    new_organisations: Collection[str] = (),
) -> list[str]:
    """Tell the team about each new query not yet announced; the keys of those told.

    ``fresh`` are the queries just logged, announced whatever their date; the others are
    retried while they are younger than :data:`NOTICE_RETRY`. ``new_organisations`` are the
    queries whose sender's organisation joined the directory with them (said in the notice).
    """
    owed = await asyncio.to_thread(unannounced, deps.uow(), now - NOTICE_RETRY, fresh)
    if not owed:
        return []
    won = await asyncio.to_thread(claims.claim, deps.uow(), [notice_claim(q) for q in owed], now)
    index = await asyncio.to_thread(deps.standards)
    sent: dict[str, str] = {}
    for query in owed:
        key = notice_claim(query).key
        if key not in won:
            continue  # another clock is telling the team
        try:
            notice = new_query_reply(query, index, new_organisation=query.key in new_organisations)
            channel = await messenger.send_team(notice)
        except Exception:
            logger.exception("could not tell the team about %s; the next poll retries", query.key)
            await asyncio.to_thread(claims.settle, deps.uow(), {}, [key], now)
            continue
        # Recorded as sent at once, each on its own: a crash later in the loop loses no record.
        await asyncio.to_thread(claims.settle, deps.uow(), {key: channel}, (), now)
        sent[key] = channel
    return [q.key for q in owed if notice_claim(q).key in sent]


def _log(deps: JobDeps, messages: Sequence[Arrival], now: datetime) -> list[Outcome]:
    if not messages:
        return []
    intake = Intake(standards=deps.standards(), team_addresses=deps.team_addresses, now=lambda: now)
    return list(ingest(deps.uow, messages, intake))

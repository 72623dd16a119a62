"""One poll of the shared mailbox: fetch what is new, log it, move the cursor, tell the team."""

from __future__ import annotations

import asyncio
import logging

from adapters.email.intake import Intake, ingest
from adapters.email.sources import MailSource
from bot.ports import Messenger
from bot.views.inbox import new_query_reply
from commplan.ports import Clock, UnitOfWorkFactory
from commplan.services.inbox import Outcome, Status

logger = logging.getLogger(__name__)


async def poll_once(
    intake: Intake,
    source: MailSource,
    messenger: Messenger,
    uow: UnitOfWorkFactory,
    clock: Clock,
) -> list[Outcome]:
    """Fetch from the cursor, log each message once, save the cursor, post each new query.

    The cursor is saved only after the messages are committed: a crash in between means the
    next poll fetches them again, and the Message-ID keeps them from being logged twice.
    """
    cursor = await asyncio.to_thread(_cursor, uow, source.name)
    result = await asyncio.to_thread(source.fetch, cursor)
    messages = [(m.source_id, m.raw) for m in result.messages]
    outcomes = await asyncio.to_thread(lambda: list(ingest(intake, messages)))
    await asyncio.to_thread(_save_cursor, uow, source.name, result.cursor, clock)
    for outcome in outcomes:
        if outcome.status is Status.LOGGED and outcome.query is not None:
            try:
                await messenger.send_team(new_query_reply(outcome.query, intake.standards()))
            except Exception:
                # The query is logged and listed in the digest; a lost notice is not fatal.
                logger.exception("could not tell the team about %s", outcome.message_id)
    if outcomes:
        logger.info("polled %s: %d messages", source.name, len(outcomes))
    return outcomes


def _cursor(uow: UnitOfWorkFactory, mailbox: str) -> str:
    with uow() as unit:
        return unit.mailboxes.cursor(mailbox)


def _save_cursor(uow: UnitOfWorkFactory, mailbox: str, cursor: str, clock: Clock) -> None:
    with uow() as unit:
        unit.mailboxes.set_cursor(mailbox, cursor, clock.now())
        unit.commit()

"""Mail into the baseline: parse each message and hand it to the inbox service, in batches.

One bad message never stops the rest: it is reported as skipped with the reason, and the
batch it was in still commits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from adapters.email.parse import parse_message
from commplan.people import Person
from commplan.ports import UnitOfWorkFactory
from commplan.ranking import StandardsIndex
from commplan.senders import SenderDirectory
from commplan.services.inbox import Outcome, Status, receive

logger = logging.getLogger(__name__)

BATCH = 200


@dataclass(frozen=True, kw_only=True)
class Intake:
    """What ingesting needs: the database, the catalogue, the team's own addresses, the time.

    ``archived`` marks a backfill: its queries are recorded closed, so old mail is counted in
    the baseline but never nudged as unanswered.
    """

    uow: UnitOfWorkFactory
    standards: Callable[[], StandardsIndex]
    team_addresses: frozenset[str]
    now: Callable[[], datetime]
    archived: bool = False


def ingest(intake: Intake, messages: Iterable[tuple[str, bytes]]) -> Iterator[Outcome]:
    """Log each (source, raw bytes) message once; yields an outcome per message, in order.

    Streaming: messages are read, parsed and committed ``BATCH`` at a time, so memory stays
    flat however large the archive.
    """
    index = intake.standards()
    batch: list[tuple[str, bytes]] = []
    for item in messages:
        batch.append(item)
        if len(batch) >= BATCH:
            yield from _commit(intake, index, batch)
            batch = []
    if batch:
        yield from _commit(intake, index, batch)


def _commit(intake: Intake, index: StandardsIndex, batch: list[tuple[str, bytes]]) -> list[Outcome]:
    try:
        return _write(intake, index, batch)
    except Exception:
        # Something failed mid-batch and the batch rolled back; redo it a message at a time
        # so that only the failing message is lost, and never half of it.
        logger.exception("a batch of %d messages failed; retrying one by one", len(batch))
        return [_single(intake, index, source, raw) for source, raw in batch]


def _write(intake: Intake, index: StandardsIndex, batch: list[tuple[str, bytes]]) -> list[Outcome]:
    with intake.uow() as uow:
        organisations = uow.organisations.all()
        directory = SenderDirectory(organisations)
        known = {o.name for o in organisations}
        team = intake.team_addresses | roster_addresses(uow.people.all())
        outcomes = [
            receive(
                uow,
                parse_message(raw),
                directory=directory,
                standards=index,
                team_addresses=team,
                at=intake.now(),
                source=source,
                known_organisations=known,
                archived=intake.archived,
            )
            for source, raw in batch
        ]
        uow.commit()
    return outcomes


def roster_addresses(people: Iterable[Person]) -> frozenset[str]:
    """The e-mail addresses of the team roster: their mail is the team's, never a contact."""
    return frozenset(p.email.strip().lower() for p in people if p.role.is_team and p.email)


def _single(intake: Intake, index: StandardsIndex, source: str, raw: bytes) -> Outcome:
    email = parse_message(raw)
    try:
        return _write(intake, index, [(source, raw)])[0]
    except Exception:
        logger.exception("could not log message %s from %s", email.message_id, source)
        return Outcome(
            message_id=email.message_id,
            sender=email.sender_email,
            status=Status.SKIPPED,
            reason="could not be logged (see the log)",
            source=source,
        )


def outcome_json(outcome: Outcome) -> dict[str, str]:
    """The stable JSON shape of one message's outcome (DESIGN.md)."""
    return {
        "message_id": outcome.message_id,
        "sender": outcome.sender,
        "organisation": outcome.organisation,
        "org_type": outcome.org_type,
        "user_group": outcome.user_group,
        "standard": outcome.standard,
        "status": outcome.status.value,
        "reason": outcome.reason,
        "source": outcome.source,
    }

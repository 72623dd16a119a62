"""Once-only work: a key claimed once is never claimed again, by any process.

Scheduled messages (nudges, the digest) are claimed on a lease instead: claimed, sent and
recorded as sent one message at a time, so that a claim a crash left unsent is taken again.

Nudges, digests, notices, platform message ids and sign-in nonces all go through here, so that
a retry, a restart or a second process never sends or answers twice.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime, timedelta

from commplan.ports import Claim, UnitOfWork

#: How long a claim on a scheduled message holds unless it is recorded as sent. A sender
#: claims a few messages at a time and records each as sent at once, so a live claim is
#: minutes old at most; an older unsent one was left by a process that died mid-send, and the
#: next sweep sends it (the one message in flight at the crash may so go twice).
LEASE = timedelta(minutes=10)


def claim(
    uow: UnitOfWork, claims: Sequence[Claim], at: datetime, *, lease: timedelta | None = None
) -> set[str]:
    """Claim several keys at once; the keys this call won (the others were claimed before).

    With a ``lease``, an unsent claim made more than ``lease`` before ``at`` is won again.
    """
    if not claims:
        return set()
    with uow as repos:
        retake = at - lease if lease is not None else None
        won = repos.claims.claim_many(claims, at, retake_before=retake)
        repos.commit()
    return won


def settle(uow: UnitOfWork, sent: Mapping[str, str], failed: Collection[str], at: datetime) -> None:
    """Record what was sent (key to the channel it went through) and give back what failed.

    A failed key is released so that the next sweep offers it again.
    """
    if not sent and not failed:
        return
    with uow as repos:
        if sent:
            repos.claims.mark_all_sent(sent, at)
        for key in failed:
            repos.claims.release(key)
        repos.commit()


def once(
    uow: UnitOfWork, key: str, *, kind: str, at: datetime, person: str = "", item: str = ""
) -> bool:
    """Claim one key; False when it was claimed before (a retry, a repeat, a used link)."""
    with uow as repos:
        won = repos.claims.claim(key, kind=kind, person=person, item=item[:300], at=at)
        repos.commit()
    return won


def claimed(
    uow: UnitOfWork,
    keys: Collection[str],
    *,
    at: datetime | None = None,
    lease: timedelta | None = None,
    since: datetime | None = None,
) -> set[str]:
    """Which of these keys are claimed already; with ``at`` and a ``lease``, leaving out the
    unsent claims that lease has run out on (a later :func:`claim` wins them); with ``since``,
    only those claimed at or after it."""
    unsent_before = at - lease if at is not None and lease is not None else None
    with uow as repos:
        return repos.claims.claimed(keys, unsent_before=unsent_before, since=since)

"""Once-only work: a key claimed once is never claimed again, by any process.

Nudges, digests, notices, platform message ids and sign-in nonces all go through here, so that
a retry, a restart or a second process never sends or answers twice.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime

from commplan.ports import Claim, UnitOfWork


def claim(uow: UnitOfWork, claims: Sequence[Claim], at: datetime) -> set[str]:
    """Claim several keys at once; the keys this call won (the others were claimed before)."""
    if not claims:
        return set()
    with uow as repos:
        won = repos.claims.claim_many(claims, at)
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


def claimed(uow: UnitOfWork, keys: Collection[str]) -> set[str]:
    """Which of these keys are claimed already."""
    with uow as repos:
        return repos.claims.claimed(keys)

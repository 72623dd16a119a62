"""Personal data: erase a person everywhere; strip old contacts to what the baseline counts.

Notices (what the bot left in someone's web chat) count too: a new-query notice quotes the
sender's address and the mail's summary, so it goes with the query.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from commplan.claims import ClaimKind
from commplan.errors import InvalidInput
from commplan.ports import UnitOfWork

#: Slack retries within minutes and Teams within hours; two days is well past both.
CHAT_CLAIM_DAYS = 2


@dataclass(frozen=True, kw_only=True)
class Removed:
    contacts: int = 0
    queries: int = 0
    people: int = 0
    notices: int = 0


def erase_person(uow: UnitOfWork, email: str) -> Removed:
    """Remove a person's contacts, inbox queries (the stored mail), every web chat notice that
    mentions their address, and their directory e-mail."""
    email = email.strip().lower()
    if "@" not in email:
        raise InvalidInput(f"{email!r} is not an e-mail address")
    with uow as repos:
        contacts = repos.contacts.erase(email)
        queries = repos.queries.erase(email)
        notices = repos.notices.erase_mentioning(email)
        people = 0
        person = repos.people.find(email=email)
        if person is not None:
            # The person stays (they may own tactics); their address goes.
            repos.people.save(replace(person, email=""))
            people = 1
        repos.commit()
    return Removed(contacts=contacts, queries=queries, people=people, notices=notices)


def strip_old(uow: UnitOfWork, now: datetime, days: int) -> Removed:
    """Blank names, addresses and text older than ``days``, keeping the baseline's counts.

    Notices older than that go altogether: they are messages, not counts, and long read.
    The once-only keys of chat messages (a chat user's id and conversation) are needed only
    while a platform may still retry, so they go after ``CHAT_CLAIM_DAYS`` whatever ``days``.
    """
    cutoff = now - timedelta(days=days)
    with uow as repos:
        contacts = repos.contacts.strip_before(cutoff.date())
        queries = repos.queries.strip_before(cutoff)
        notices = repos.notices.delete_before(cutoff)
        repos.claims.forget(ClaimKind.CHAT_MESSAGE, now - timedelta(days=CHAT_CLAIM_DAYS))
        repos.commit()
    return Removed(contacts=contacts, queries=queries, notices=notices)

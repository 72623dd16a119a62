"""Personal data: erase a person everywhere; strip old contacts to what the baseline counts.

Both keep the rows the baseline counts (organisation, type, group, topic, date) as anonymous
rows. Notices (what the bot left in someone's web chat) count too: a new-query notice quotes
the sender's address and the mail's summary, so it goes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from commplan.claims import ClaimKind
from commplan.erasure import ERASED, Erasure, erased_name
from commplan.errors import InvalidInput
from commplan.ports import Repositories, UnitOfWork

#: How the contact of a question asked in chat begins its key (``services.questions``).
_ASKED_IN_CHAT = "chat:"

#: Slack retries within minutes and Teams within hours; two days is well past both.
CHAT_CLAIM_DAYS = 2


@dataclass(frozen=True, kw_only=True)
class Removed:
    """How many stored rows an erasure or a retention run changed or removed, by kind."""

    contacts: int = 0
    queries: int = 0
    people: int = 0
    notices: int = 0
    questions: int = 0
    chats: int = 0
    plan: int = 0


def erase_person(
    uow: UnitOfWork, email: str, *, names: Sequence[str] = (), chat_ids: Sequence[str] = ()
) -> Removed:
    """Remove a person's name, address and chat ids from everything stored.

    Who they are comes from the address: the directory's entry for it (name, aliases, Slack
    and Teams ids), the names their contacts were logged under, and the chat ids that sent
    those contacts' messages; ``names`` and ``chat_ids`` add spellings the caller knows.

    Their contacts and inbox queries stay as anonymous rows, so the baseline's counts and the
    inbox figures do not change; a colleague's mail or notes quoting them keep their text
    with the person replaced. Notices and drafts about them, and their own chats with the bot,
    go. A directory entry stays under an "Erased person N" name, so that tactics they owned
    still show an owner to reassign.
    """
    email = email.strip().lower()
    if "@" not in email or any(c.isspace() for c in email):
        raise InvalidInput(f"{email!r} is not an e-mail address")
    with uow as repos:
        who = _who(repos, email, names, chat_ids)
        contacts = repos.contacts.erase_person(who)
        queries = repos.queries.erase_person(who)
        questions = repos.questions.erase_person(who)
        chats = (
            repos.drafts.erase_person(who)
            + repos.claims.erase_person(who)
            + repos.conversations.erase_person(who)
            + repos.reminder_settings.erase_person(who)
            + repos.champions.erase_person(who)
        )
        notices = repos.notices.erase_person(who)
        plan = (
            repos.tactics.erase_person(who)
            + repos.actions.erase_person(who)
            + repos.standards.erase_person(who)
            + repos.imports.erase_person(who)
        )
        people = repos.people.erase_person(who)
        repos.commit()
    return Removed(
        contacts=contacts,
        queries=queries,
        people=people,
        notices=notices,
        questions=questions,
        chats=chats,
        plan=plan,
    )


def _who(repos: Repositories, email: str, names: Sequence[str], chat_ids: Sequence[str]) -> Erasure:
    person = repos.people.find(email=email)
    for chat_id in chat_ids:
        person = (
            person or repos.people.find(slack_id=chat_id) or repos.people.find(teams_id=chat_id)
        )
    theirs = repos.contacts.of_person(email)
    known = [*names]
    ids = [*chat_ids]
    if person is not None:
        known += [person.name, *person.aliases]
        ids += [person.slack_id, person.teams_id]
    known += [c.name for c in theirs]
    # A question asked in chat is logged under the claim key of its message
    # (``commplan.services.turns.message_claim``), and that claim holds the sender's chat id.
    asked = [c.dedupe_key for c in theirs if c.dedupe_key.startswith(_ASKED_IN_CHAT)]
    ids += sorted(repos.claims.claimants(asked))
    placeholder = erased_name(person.id) if person is not None and person.id else ERASED
    return Erasure.of(email, names=known, chat_ids=ids, placeholder=placeholder)


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

"""Where the bot can speak first: the conversations a chat has shown it, kept for nudges and
the digest (see :mod:`commplan.conversations`)."""

from __future__ import annotations

from collections.abc import Iterable

from commplan.conversations import ConversationRef
from commplan.people import Person
from commplan.ports import UnitOfWork
from commplan.services.people import by_platform_id


def remember_conversation(
    uow: UnitOfWork, ref: ConversationRef | None, *, platform: str, user_id: str = ""
) -> Person | None:
    """Store or refresh the conversation a chat user just spoke in (``ref`` None: nothing to
    store); the person already linked to that user, or None.

    The chat's adapter asks the platform who an unlinked user is (their e-mail) only when
    this says nobody is linked yet.
    """
    with uow as repos:
        if ref is not None:
            repos.conversations.save(ref)
        person = by_platform_id(repos.people, platform, user_id)
        repos.commit()
    return person


def personal_chat(uow: UnitOfWork, *, platform: str, user_id: str) -> ConversationRef | None:
    """The user's own chat with the bot, or None when they have not installed it."""
    if not user_id:
        return None
    with uow as repos:
        return repos.conversations.for_user(platform, user_id)


def channels(uow: UnitOfWork, *, platform: str) -> list[ConversationRef]:
    """Every channel of the platform the bot is in."""
    with uow as repos:
        return repos.conversations.channels(platform)


def anyone_reachable(uow: UnitOfWork, *, platform: str) -> bool:
    """Whether the bot could post anywhere on the platform: a channel, or the personal chat
    of somebody linked to it."""
    with uow as repos:
        if repos.conversations.channels(platform):
            return True
        return any(
            repos.conversations.for_user(platform, user_id) is not None
            for user_id in _platform_ids(repos.people.all(), platform)
        )


def _platform_ids(people: Iterable[Person], platform: str) -> list[str]:
    ids = (p.teams_id if platform == "teams" else p.slack_id for p in people)
    return [user_id for user_id in ids if user_id]

"""The start of a chat turn: the message claimed once, who sent it, and any dialogue waiting.

Every chat message begins here, in one unit of work, before any command runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from commplan.claims import ClaimKind
from commplan.people import Person
from commplan.ports import UnitOfWork
from commplan.services.people import identify_in

#: The claim kind of a chat message answered once.
CHAT_MESSAGE = ClaimKind.CHAT_MESSAGE


@dataclass(frozen=True, kw_only=True)
class TurnStart:
    """Who is talking (None for a stranger), the conversation's draft, and whether this
    message was answered before (then nothing else is read: it must not be answered again).
    """

    person: Person | None
    draft: dict[str, str] | None
    duplicate: bool = False


def message_claim(message_key: str) -> str:
    """The claim key of a chat message; its own namespace beside the adapters' delivery keys."""
    return f"chat:{message_key}"


def begin_turn(
    uow: UnitOfWork,
    *,
    message_key: str,
    platform: str,
    user_id: str,
    email: str = "",
    name: str = "",
    conversation_key: str,
    at: datetime,
) -> TurnStart:
    """Claim the message, identify the sender and read the conversation's draft.

    ``message_key`` is empty when the chat gave the message no id of its own: then there is
    nothing to tell a retry by, and the message is always answered.
    """
    with uow as repos:
        if message_key and not repos.claims.claim(
            message_claim(message_key),
            kind=CHAT_MESSAGE,
            person=user_id[:200],
            item=conversation_key[:300],
            at=at,
        ):
            return TurnStart(person=None, draft=None, duplicate=True)
        person = identify_in(repos, platform=platform, user_id=user_id, email=email, name=name)
        draft = repos.drafts.get(conversation_key)
        repos.commit()
    return TurnStart(person=person, draft=draft)


def drop_draft(uow: UnitOfWork, conversation_key: str) -> None:
    """End the conversation's guided dialogue ("cancel"): its draft is forgotten."""
    with uow as repos:
        repos.drafts.clear(conversation_key)
        repos.commit()

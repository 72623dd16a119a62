"""What the Teams adapter keeps in the database: conversations, people's Teams ids, turns seen.

Synchronous, through the unit of work, for the adapter to call with ``asyncio.to_thread``;
free of botbuilder, like the renderer.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from adapters.settings import TeamsSettings
from commplan.conversations import ConversationRef
from commplan.ports import PeopleRepository, UnitOfWorkFactory

logger = logging.getLogger(__name__)

PLATFORM = "teams"


class TeamsMemory:
    """The Teams adapter's reads and writes, one short transaction each."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    def first_delivery(self, key: str, *, item: str, at: datetime) -> bool:
        """Claim a delivered activity; False when it was claimed before (a redelivery)."""
        with self._uow() as uow:
            claimed = uow.claims.claim(
                key, kind="teams_activity", person="", item=item[:300], at=at
            )
            uow.commit()
        return claimed

    def knows(self, teams_id: str) -> bool:
        """Whether a person is already linked to this Teams user."""
        with self._uow() as uow:
            return uow.people.find(teams_id=teams_id) is not None

    def remember(self, ref: ConversationRef | None, *, teams_id: str = "", email: str = "") -> None:
        """Store or refresh the conversation, and link the person with this e-mail to Teams.

        Teams says who a user is by ids only; their e-mail (from the member lookup) is what
        ties them to a person in the directory. Once linked, the person is found by Teams id
        and their personal chat by the same id, for nudges.
        """
        with self._uow() as uow:
            if ref is not None:
                uow.conversations.save(ref)
            if teams_id and email:
                self._link(uow.people, teams_id, email)
            uow.commit()

    @staticmethod
    def _link(people: PeopleRepository, teams_id: str, email: str) -> None:
        person = people.find(email=email)
        if person is None or person.teams_id == teams_id:
            return
        previous = people.find(teams_id=teams_id)
        if previous is not None and previous.name != person.name:
            # One Teams user is one person, and a matching e-mail is the better evidence.
            people.save(replace(previous, teams_id=""))
        people.save(replace(person, teams_id=teams_id))
        logger.info("linked %s to their Teams account", person.name)

    def personal_chat(self, teams_id: str) -> ConversationRef | None:
        """The person's own chat with the bot, or None when they have not installed it."""
        if not teams_id:
            return None
        with self._uow() as uow:
            return uow.conversations.for_user(PLATFORM, teams_id)

    def channels(self) -> list[ConversationRef]:
        """Every channel the bot is in."""
        with self._uow() as uow:
            return uow.conversations.channels(PLATFORM)


def teams_in_use(teams: TeamsSettings, uow: UnitOfWorkFactory) -> bool:
    """Whether nudges and the digest should go through Teams.

    Yes with an app id. Without one (local use with the Agents Playground or the Emulator,
    authentication off), once somebody's personal chat or a channel has been stored: before
    that nobody could be reached, and nudges are better off in the web chat.
    """
    if teams.app_id:
        return True
    with uow() as work:
        if work.conversations.channels(PLATFORM):
            return True
        return any(
            work.conversations.for_user(PLATFORM, person.teams_id) is not None
            for person in work.people.all()
            if person.teams_id
        )

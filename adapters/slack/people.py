"""Who a Slack user is: a known person (by Slack id, else by e-mail), or a named stranger.

A person the team added with only an e-mail address is matched by the address their Slack
profile shows (``users.info``, which needs the ``users:read.email`` scope); the match is
remembered as their Slack id, so it is made once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.messages import Actor
from commplan.people import Person
from commplan.ports import UnitOfWorkFactory

logger = logging.getLogger(__name__)

PLATFORM = "slack"


@dataclass(frozen=True, kw_only=True)
class SlackProfile:
    """What Slack says about a user: display name and e-mail ("" when hidden or unknown)."""

    user_id: str
    name: str = ""
    email: str = ""
    is_bot: bool = False


@dataclass(frozen=True, kw_only=True)
class Resolved:
    """The actor to hand the bot, and the known person behind it (None for a stranger)."""

    actor: Actor
    person: Person | None

    @property
    def is_team(self) -> bool:
        return self.person is not None and self.person.role.is_team


def profile_from_user(user: Mapping[str, Any]) -> SlackProfile:
    """A :class:`SlackProfile` from a ``users.info`` or ``users.lookupByEmail`` user object."""
    profile = user.get("profile") or {}
    name = (
        profile.get("real_name")
        or user.get("real_name")
        or profile.get("display_name")
        or user.get("name")
        or ""
    )
    return SlackProfile(
        user_id=str(user.get("id", "")),
        name=str(name),
        email=str(profile.get("email") or ""),
        is_bot=bool(user.get("is_bot")),
    )


class SlackPeople:
    """Resolves Slack user ids to people, with a small cache of Slack profiles."""

    def __init__(
        self,
        client: AsyncWebClient,
        uow: UnitOfWorkFactory,
        *,
        cache_size: int = 2000,
        cache_seconds: float = 3600.0,
    ) -> None:
        self._client = client
        self._uow = uow
        self._cache_size = cache_size
        self._cache_seconds = cache_seconds
        self._profiles: dict[str, tuple[float, SlackProfile]] = {}

    async def resolve(self, user_id: str) -> Resolved:
        """The actor and person for a Slack user id; never raises for Slack's sake."""
        person = await asyncio.to_thread(self._by_slack_id, user_id)
        if person is not None:
            actor = Actor(platform=PLATFORM, user_id=user_id, name=person.name, email=person.email)
            return Resolved(actor=actor, person=person)
        profile = await self.profile(user_id)
        if profile.email:
            person = await asyncio.to_thread(self._by_email, user_id, profile.email)
        actor = Actor(
            platform=PLATFORM,
            user_id=user_id,
            name=person.name if person else profile.name,
            email=profile.email,
        )
        return Resolved(actor=actor, person=person)

    async def profile(self, user_id: str) -> SlackProfile:
        """The user's Slack profile (cached); just the id when Slack will not say more."""
        now = time.monotonic()
        held = self._profiles.get(user_id)
        if held is not None and now - held[0] < self._cache_seconds:
            return held[1]
        try:
            response = await self._client.users_info(user=user_id)
        except SlackApiError as error:
            # A missing scope or a deleted user: answer anyway, as a stranger.
            logger.warning(
                "slack: users.info for %s failed: %s", user_id, error.response.get("error")
            )
            return SlackProfile(user_id=user_id)
        profile = profile_from_user(response.get("user") or {"id": user_id})
        if len(self._profiles) >= self._cache_size:
            self._profiles.clear()
        self._profiles[user_id] = (now, profile)
        return profile

    def _by_slack_id(self, user_id: str) -> Person | None:
        with self._uow() as uow:
            return uow.people.find(slack_id=user_id)

    def _by_email(self, user_id: str, email: str) -> Person | None:
        with self._uow() as uow:
            person = uow.people.find(email=email)
            if person is not None and not person.slack_id:
                person = replace(person, slack_id=user_id)
                uow.people.save(person)
                uow.commit()
                logger.info("slack: matched %s to %s by e-mail", user_id, person.name)
            return person

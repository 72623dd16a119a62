"""Who a Slack user is, as Slack says: their profile's name and e-mail, cached.

The bot core decides who that is in the directory (by Slack id, else by e-mail, linking the
two); this only asks Slack (``users.info``, which needs the ``users:read.email`` scope for the
address) and remembers the answer for a while, so that a conversation costs one call an hour.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.messages import Actor

logger = logging.getLogger(__name__)

PLATFORM = "slack"
#: How long a profile Slack would not give is not asked for again (a missing scope, a hiccup).
FAILURE_SECONDS = 60.0


@dataclass(frozen=True, kw_only=True)
class SlackProfile:
    """What Slack says about a user: display name and e-mail ("" when hidden or unknown)."""

    user_id: str
    name: str = ""
    email: str = ""
    is_bot: bool = False


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
    """Slack profiles by user id, with a small cache; no database."""

    def __init__(
        self, client: AsyncWebClient, *, cache_size: int = 2000, cache_seconds: float = 3600.0
    ) -> None:
        self._client = client
        self._cache_size = cache_size
        self._cache_seconds = cache_seconds
        # user id -> (when it expires, the profile)
        self._profiles: dict[str, tuple[float, SlackProfile]] = {}

    async def actor(self, user_id: str) -> Actor:
        """The user as the bot core is told about them; never raises for Slack's sake."""
        profile = await self.profile(user_id)
        return Actor(platform=PLATFORM, user_id=user_id, name=profile.name, email=profile.email)

    async def profile(self, user_id: str) -> SlackProfile:
        """The user's Slack profile (cached); just the id when Slack will not say more."""
        now = time.monotonic()
        held = self._profiles.get(user_id)
        if held is not None and now < held[0]:
            return held[1]
        try:
            response = await self._client.users_info(user=user_id)
        except SlackApiError as error:
            # A missing scope or a deleted user: answer anyway, as a stranger, and do not
            # ask again for every message.
            logger.warning(
                "slack: users.info for %s failed: %s", user_id, error.response.get("error")
            )
            return self._keep(user_id, SlackProfile(user_id=user_id), now + FAILURE_SECONDS)
        profile = profile_from_user(response.get("user") or {"id": user_id})
        return self._keep(user_id, profile, now + self._cache_seconds)

    def _keep(self, user_id: str, profile: SlackProfile, until: float) -> SlackProfile:
        if len(self._profiles) >= self._cache_size:
            self._profiles.clear()
        self._profiles[user_id] = (until, profile)
        return profile

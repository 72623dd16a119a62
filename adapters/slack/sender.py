"""Slack's outbound side: nudges by direct message, the digest to the team's channels.

Images a reply carries as PNG bytes (the digest's chart) are uploaded into the same channel
after its messages with ``files_upload_v2``.

Implements ``adapters.outbox.ChatSender``. A person without a Slack id is looked up once by
e-mail (``users.lookupByEmail``) and the id is remembered. Rate limits are the client's
business (it waits out a 429's Retry-After); any other failure raises, so that the sweep
gives the claim back and tries again on its next run instead of losing the message.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.settings import SlackSettings
from adapters.slack.client import make_client
from adapters.slack.people import PLATFORM
from adapters.slack.render import uploads
from adapters.slack.replies import post_reply
from bot.messages import Reply
from commplan.people import Person
from commplan.ports import UnitOfWorkFactory
from commplan.services.people import link_platform_id

logger = logging.getLogger(__name__)

#: Web API errors that mean "this person cannot be reached on Slack", not "try again later".
UNREACHABLE = frozenset(
    {"users_not_found", "user_not_found", "user_disabled", "account_inactive", "cannot_dm_bot"}
)


class SlackSender:
    """Direct messages and channel posts through the Slack Web API."""

    platform = PLATFORM

    def __init__(
        self, client: AsyncWebClient, uow: UnitOfWorkFactory, team_channels: Sequence[str] = ()
    ) -> None:
        self._client = client
        self._uow = uow
        self._team_channels = tuple(team_channels)

    @classmethod
    def from_settings(cls, settings: SlackSettings, uow: UnitOfWorkFactory) -> SlackSender:
        """A sender for the configured workspace and team channels."""
        return cls(make_client(settings), uow, settings.team_channels)

    async def send_direct(self, person: Person, reply: Reply) -> bool:
        """DM the person; False when Slack does not know them (no id, e-mail not found)."""
        user_id = person.slack_id or await self._look_up(person)
        if not user_id:
            return False
        try:
            opened = await self._client.conversations_open(users=user_id)
        except SlackApiError as error:
            if _error(error) in UNREACHABLE:
                logger.warning("slack: cannot open a DM with %s (%s)", user_id, _error(error))
                return False
            raise
        await self._post(str(opened["channel"]["id"]), reply)
        return True

    async def send_team(self, reply: Reply) -> bool:
        """Post to every team channel (``HARMONIBOT_SLACK_CHANNELS``); False when none is set."""
        for channel in self._team_channels:
            await self._post(channel, reply)
        return bool(self._team_channels)

    async def upload_png(self, channel: str, filename: str, data: bytes, title: str) -> str:
        """Upload a PNG (the digest's chart) into a channel, by its id; returns the file id."""
        response = await self._client.files_upload_v2(
            channel=channel, filename=filename, file=data, title=title
        )
        file = response.get("file") or {}
        return str(file.get("id") or "")

    async def _look_up(self, person: Person) -> str:
        if not person.email:
            return ""
        try:
            found = await self._client.users_lookupByEmail(email=person.email)
        except SlackApiError as error:
            if _error(error) in UNREACHABLE:
                return ""
            raise
        user_id = str((found.get("user") or {}).get("id") or "")
        if user_id:
            await asyncio.to_thread(
                link_platform_id,
                self._uow(),
                platform=PLATFORM,
                user_id=user_id,
                email=person.email,
            )
        return user_id

    async def _post(self, channel: str, reply: Reply) -> None:
        # Split replies go out in order; a failure part-way raises like any other.
        await post_reply(self._client, channel, reply)
        # Images drawn here (the digest's chart) follow as uploads, titled with their alt text.
        for number, image in enumerate(uploads(reply), start=1):
            name = f"{reply.intent or 'image'}-{number}.png"
            await self.upload_png(channel, name, image.data, " ".join(image.alt.split()))


def _error(error: SlackApiError) -> str:
    return str(error.response.get("error") or "")

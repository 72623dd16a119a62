"""Questionnaires shared with the bot in Slack: a file in a direct message, or a file shared in
a channel with a mention of the bot, checked and answered in the thread under it.

Slack sends a direct message with files as a ``message`` event of subtype ``file_share``, and a
mention with files as an ``app_mention`` whose ``files`` list them. Each file is looked up with
``files.info`` (the ``files:read`` scope) and fetched from its ``url_private_download`` with the
bot token, which goes only to Slack's file host or the configured API host
(:func:`may_fetch`). The listeners here are registered before the general ones
(``adapters.slack.surfaces``): Bolt runs the first listener that matches, so a mention without
a questionnaire still reaches the core as any mention does.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.files.questionnaires import is_questionnaire_name
from adapters.files.shared import (
    MAX_BYTES,
    MAX_FILES,
    DownloadError,
    DownloadRefused,
    SharedQuestionnaires,
    TooLarge,
    download,
    not_a_questionnaire,
    not_fetched,
    too_large,
)
from adapters.slack.background import Background
from adapters.slack.people import SlackPeople
from adapters.slack.replies import post_reply
from adapters.slack.surfaces import SlackRuntime
from adapters.slack.text import plain_text
from bot.core import BotCore
from bot.messages import Incoming, Reply
from commplan.people import Person

logger = logging.getLogger(__name__)

Body = dict[str, Any]
#: Where Slack serves files (``url_private_download``), commercial and GovSlack.
FILE_HOSTS = ("files.slack.com", "files.slack-gov.com")


def may_fetch(url: str, api_url: str) -> bool:
    """Whether the bot token may go to ``url``: https on Slack's file host, or the host of the
    configured Web API (``SLACK_API_URL``, which a test points at its own server)."""
    try:
        target, api = urlsplit(url), urlsplit(api_url)
        host = (target.hostname or "").lower()
        same_origin = (target.scheme, host, target.port) == (
            api.scheme,
            (api.hostname or "").lower(),
            api.port,
        )
    except ValueError:
        return False
    if target.username or target.password or not host:
        return False
    return (target.scheme == "https" and host in FILE_HOSTS) or same_origin


def _files(event: Body) -> list[Body]:
    return [f for f in event.get("files") or [] if isinstance(f, dict)]


def _from_a_person(event: Body) -> bool:
    return bool(event.get("user")) and not event.get("bot_id")


async def _direct_file_share(event: Body) -> bool:
    """A person's direct message to the bot with files."""
    return _from_a_person(event) and event.get("channel_type") == "im" and bool(_files(event))


async def _mention_with_questionnaire(event: Body) -> bool:
    """A mention with at least one file that can be a questionnaire."""
    return _from_a_person(event) and any(
        is_questionnaire_name(str(f.get("name") or "")) for f in _files(event)
    )


class SlackFiles:
    """The listeners for shared questionnaires; :meth:`register` them before the others."""

    def __init__(
        self, *, runtime: SlackRuntime, bot: BotCore, background: Background, limit: int = MAX_BYTES
    ) -> None:
        self._clock = runtime.clock
        self._api_url = ""
        self._desk = SharedQuestionnaires(bot.deps)
        self._background = background
        self._people: SlackPeople | None = None
        self._limit = limit

    def register(self, app: AsyncApp) -> None:
        self._people = SlackPeople(app.client)
        self._api_url = app.client.base_url
        app.event({"type": "message", "subtype": "file_share"}, matchers=[_direct_file_share])(
            self.on_shared
        )
        app.event("app_mention", matchers=[_mention_with_questionnaire])(self.on_shared)

    async def on_shared(
        self,
        event: Body,
        body: Body,
        client: AsyncWebClient,
        context: AsyncBoltContext,
        request: AsyncBoltRequest,
    ) -> None:
        """Acknowledged by Bolt already; the fetching and checking go on in the background."""
        self._background.spawn(
            self._answer(event, body, client, bot_user_id=context.bot_user_id or ""),
            "checking a shared questionnaire",
        )

    async def _answer(
        self, event: Body, body: Body, client: AsyncWebClient, *, bot_user_id: str
    ) -> None:
        user, channel = str(event.get("user") or ""), str(event.get("channel") or "")
        if not user or not channel or self._people is None:
            return
        incoming = Incoming(
            actor=await self._people.actor(user),
            text=plain_text(str(event.get("text") or ""), bot_user_id),
            at=self._clock.now(),
            conversation=channel,
            message_id=str(body.get("event_id") or ""),
            direct=event.get("channel_type") == "im",
        )
        start = await self._desk.begin(incoming)
        if start.duplicate:
            logger.warning("slack: a shared file's event arrived again; it was checked once")
            return
        thread_ts = event.get("thread_ts") or event.get("ts")
        for shared in _files(event)[:MAX_FILES]:
            reply = await self._check(client, incoming, start.person, shared)
            await post_reply(client, channel, reply, thread_ts=thread_ts)

    async def _check(
        self, client: AsyncWebClient, incoming: Incoming, person: Person | None, shared: Body
    ) -> Reply:
        file_id = str(shared.get("id") or "")
        name = str(shared.get("name") or "")
        info: Body | None = None
        if not name:
            # Slack Connect lists a file by id alone ("file_access": "check_file_info").
            info = await self._info(client, file_id)
            name = str((info or {}).get("name") or "the file")
        if not is_questionnaire_name(name):
            return not_a_questionnaire(name)
        info = info or await self._info(client, file_id)
        if info is None:
            return not_fetched(name)
        if int(info.get("size") or 0) > self._limit:
            return too_large(name, self._limit)
        url = str(info.get("url_private_download") or info.get("url_private") or "")
        try:
            data = await download(
                url,
                may_fetch=lambda address: may_fetch(address, self._api_url),
                headers={"Authorization": f"Bearer {client.token}"},
                limit=self._limit,
            )
        except TooLarge:
            return too_large(name, self._limit)
        except DownloadRefused:
            logger.warning("slack: file %s is not on Slack's file host; not fetched", file_id)
            return not_fetched(name)
        except DownloadError as error:
            logger.warning("slack: file %s could not be fetched: %s", file_id, error)
            return not_fetched(name)
        return await self._desk.check(incoming, person, file_id=file_id, name=name, data=data)

    @staticmethod
    async def _info(client: AsyncWebClient, file_id: str) -> Body | None:
        """``files.info``'s file, or None when Slack will not say (logged)."""
        try:
            file = (await client.files_info(file=file_id)).get("file")
        except SlackApiError as error:
            logger.warning("slack: files.info failed: %s", error.response.get("error"))
            return None
        return file if isinstance(file, dict) else None

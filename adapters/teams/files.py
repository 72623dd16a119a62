"""Questionnaires sent to the bot as files in a Teams personal chat, checked and answered.

Teams sends such a file as an attachment of content type
``application/vnd.microsoft.teams.file.download.info`` whose ``content.downloadUrl`` is a
short-lived SharePoint or OneDrive address carrying its own authorisation: the bot sends no
token of its own. The address comes from the activity, so it is fetched only if it is one the
bot trusts (:func:`may_download_from`): with authentication on, https on Microsoft's
SharePoint or OneDrive hosts (or a host a test names); with it off, the activity is anybody's
say-so and only this machine is fetched from, as with the service URL
(``references.may_post_to``).
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from microsoft_agents.activity import Activity

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
from adapters.teams.references import conversation_kind, is_loopback_service
from bot.messages import Incoming, Reply
from bot.turn import Deps
from commplan.conversations import ConversationKind
from commplan.people import Person

logger = logging.getLogger(__name__)

FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info"
#: Where Teams keeps files sent in chats: SharePoint (work and school accounts, national
#: clouds included) and OneDrive.
DOWNLOAD_DOMAINS = (
    ".sharepoint.com",
    ".sharepoint.us",
    ".sharepoint-mil.us",
    ".sharepoint.cn",
)
DOWNLOAD_HOSTS = ("onedrive.live.com",)


def may_download_from(url: str, *, authenticated: bool, test_hosts: Collection[str] = ()) -> bool:
    """Whether the bot fetches a file Teams says is at ``url``."""
    if not authenticated:
        return is_loopback_service(url)
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return False
    if parts.scheme != "https" or not host or parts.username or parts.password:
        return False
    return host.endswith(DOWNLOAD_DOMAINS) or host in DOWNLOAD_HOSTS or host in test_hosts


@dataclass(frozen=True, kw_only=True)
class TeamsFile:
    """A file attached to a message: its name, where to fetch it and Teams' id for it."""

    name: str
    url: str
    unique_id: str


def shared_files(activity: Activity) -> list[TeamsFile]:
    """The files sent with a message (Teams' download info attachments)."""
    files = []
    for number, attachment in enumerate(activity.attachments or [], start=1):
        if str(getattr(attachment, "content_type", "") or "") != FILE_DOWNLOAD_INFO:
            continue
        content: Any = getattr(attachment, "content", None) or {}
        if not isinstance(content, dict):
            content = getattr(content, "model_dump", dict)()
        files.append(
            TeamsFile(
                name=str(getattr(attachment, "name", "") or "the file"),
                url=str(content.get("downloadUrl") or ""),
                unique_id=str(content.get("uniqueId") or number)[:100],
            )
        )
    return files


class TeamsFiles:
    """Checks the questionnaires sent in a personal chat (:meth:`replies`)."""

    def __init__(
        self,
        deps: Deps,
        *,
        authenticated: bool,
        test_hosts: Collection[str] = (),
        limit: int = MAX_BYTES,
    ) -> None:
        self._desk = SharedQuestionnaires(deps)
        self._authenticated = authenticated
        self._test_hosts = frozenset(host.lower() for host in test_hosts)
        self._limit = limit

    async def replies(self, activity: Activity, incoming: Incoming) -> list[Reply] | None:
        """A reply per file sent; None when the message sends none (it is answered as any
        message), and no reply for a redelivery."""
        files = shared_files(activity)
        if not files or conversation_kind(activity) is not ConversationKind.PERSONAL:
            return None
        start = await self._desk.begin(incoming)
        if start.duplicate:
            logger.info("dropped a redelivered Teams file activity %s", activity.id)
            return []
        return [await self._check(incoming, start.person, shared) for shared in files[:MAX_FILES]]

    async def _check(self, incoming: Incoming, person: Person | None, shared: TeamsFile) -> Reply:
        if not is_questionnaire_name(shared.name):
            return not_a_questionnaire(shared.name)
        try:
            data = await download(
                shared.url,
                may_fetch=lambda url: may_download_from(
                    url, authenticated=self._authenticated, test_hosts=self._test_hosts
                ),
                limit=self._limit,
            )
        except TooLarge:
            return too_large(shared.name, self._limit)
        except DownloadRefused:
            logger.warning(
                "Teams file not fetched: its address is not %s",
                "Microsoft's" if self._authenticated else "on this machine (authentication is off)",
            )
            return not_fetched(shared.name)
        except DownloadError as error:
            logger.warning("Teams file could not be fetched: %s", error)
            return not_fetched(shared.name)
        return await self._desk.check(
            incoming, person, file_id=shared.unique_id, name=shared.name, data=data
        )

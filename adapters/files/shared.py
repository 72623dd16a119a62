"""A questionnaire shared with the bot in a chat: fetched with a size cap, then checked as the
chat command checks a pasted question, and answered with the same view.

Slack and Teams differ only in how a file is found and fetched (``adapters.slack.files``,
``adapters.teams.files``); what is done with its bytes is here, once. A shared file is a chat
message: it is claimed once by the platform's id for it (a redelivery checks nothing twice),
its sender identified as for any message, and each check logged as a contact with its
standard (:func:`~commplan.services.compliance.check_questions`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from urllib.parse import urljoin

from aiohttp import ClientError, ClientSession, ClientTimeout

from adapters.files.questionnaires import read_questionnaire_bytes
from bot.core import error_reply
from bot.keys import conversation_key, message_key
from bot.messages import Incoming, Intent, Reply, Text
from bot.turn import Deps
from bot.views import checks as view
from commplan.errors import CommplanError
from commplan.people import Person
from commplan.services.compliance import CheckedFor, check_questions
from commplan.services.turns import TurnStart, begin_turn

logger = logging.getLogger(__name__)

#: The largest questionnaire fetched: a questionnaire is tens of kilobytes.
MAX_BYTES = 5 * 1024 * 1024
#: How many files of one message are checked (each answered on its own).
MAX_FILES = 3
MAX_REDIRECTS = 3
DOWNLOAD_SECONDS = 30.0
_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024


class DownloadError(Exception):
    """A shared file could not be fetched; the message says why (no address, no body)."""


class DownloadRefused(DownloadError):
    """The file is at an address the bot does not fetch from."""


class TooLarge(DownloadError):
    """The file is larger than :data:`MAX_BYTES`."""


async def download(
    url: str,
    *,
    may_fetch: Callable[[str], bool],
    headers: Mapping[str, str] | None = None,
    limit: int = MAX_BYTES,
) -> bytes:
    """The body at ``url``, read no further than ``limit`` bytes.

    Each address, the first and every redirect's, must pass ``may_fetch`` before it is asked:
    the headers (Slack's bot token) go nowhere else, and a redirect cannot point the bot at an
    address inside the network.

    Raises:
        DownloadRefused: an address failed ``may_fetch``.
        TooLarge: the body is longer than ``limit``.
        DownloadError: anything else (a status other than 200, a network failure).
    """
    try:
        async with ClientSession(timeout=ClientTimeout(total=DOWNLOAD_SECONDS)) as session:
            for _ in range(MAX_REDIRECTS + 1):
                if not may_fetch(url):
                    raise DownloadRefused("the file is at an address the bot does not fetch from")
                async with session.get(
                    url, headers=dict(headers or {}), allow_redirects=False
                ) as response:
                    if response.status in _REDIRECTS and response.headers.get("Location"):
                        url = urljoin(url, response.headers["Location"])
                        continue
                    if response.status != 200:
                        raise DownloadError(f"the file server answered HTTP {response.status}")
                    if (response.content_length or 0) > limit:
                        raise TooLarge(f"larger than {limit} bytes")
                    body = bytearray()
                    async for chunk in response.content.iter_chunked(_CHUNK):
                        body += chunk
                        if len(body) > limit:
                            raise TooLarge(f"larger than {limit} bytes")
                    return bytes(body)
    except (ClientError, TimeoutError) as error:
        raise DownloadError(f"the file could not be fetched ({type(error).__name__})") from None
    raise DownloadError("the file server redirected too often")


class SharedQuestionnaires:
    """Checks questionnaires shared in a chat, for any platform; the core's ``deps`` reach the
    database and the standards."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def begin(self, incoming: Incoming) -> TurnStart:
        """Claim the message and identify its sender, as the core does for every message."""
        return await asyncio.to_thread(self._begin, incoming)

    async def check(
        self, incoming: Incoming, person: Person | None, *, file_id: str, name: str, data: bytes
    ) -> Reply:
        """The check of each question in the file (never raises for what a member shares)."""
        return await asyncio.to_thread(self._check, incoming, person, file_id, name, data)

    def _begin(self, incoming: Incoming) -> TurnStart:
        actor = incoming.actor
        return begin_turn(
            self._deps.uow(),
            message_key=message_key(incoming) if incoming.message_id else "",
            platform=actor.platform,
            user_id=actor.user_id,
            email=actor.email,
            name=actor.name,
            conversation_key=conversation_key(incoming),
            at=incoming.at,
        )

    def _check(
        self, incoming: Incoming, person: Person | None, file_id: str, name: str, data: bytes
    ) -> Reply:
        try:
            drafts = read_questionnaire_bytes(name, data)
            checks = check_questions(
                self._deps.uow(),
                drafts,
                index=self._deps.standards(),
                checked_for=CheckedFor(
                    key=f"{message_key(incoming)}:{file_id}",
                    at=incoming.at,
                    person=person,
                    name=person.name if person else incoming.actor.name or incoming.actor.user_id,
                    email=incoming.actor.email,
                ),
            )
        except CommplanError as error:
            return error_reply(error)
        except Exception:
            platform = incoming.actor.platform
            logger.exception("failed to check a questionnaire shared in %s", platform)
            return Reply(
                text="Sorry, something went wrong on my side checking that file. "
                "The team has been told in the logs.",
                intent=Intent.ERROR,
            )
        return view.checked(checks)


def not_a_questionnaire(name: str) -> Reply:
    return _refusal(
        f"\u201c{name}\u201d is not a questionnaire I can read. Share a .csv or .xlsx file with "
        "the columns question and options (and optionally response and base), or a .docx "
        "with each question ending in '?' followed by its options."
    )


def too_large(name: str, limit: int = MAX_BYTES) -> Reply:
    return _refusal(
        f"\u201c{name}\u201d is larger than {limit // (1024 * 1024)} MB, far more than a "
        "questionnaire needs. Share a file with just the questions and their options."
    )


def not_fetched(name: str) -> Reply:
    return _refusal(f"I could not fetch \u201c{name}\u201d. Please share it again in a moment.")


def _refusal(text: str) -> Reply:
    return Reply(blocks=(Text(text=text),), intent=Intent.INVALID)

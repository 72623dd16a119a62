"""Teams' outbound side for nudges and the digest: proactive messages by stored reference.

A bot can only post where it has been installed, so a nudge goes to the owner's personal
chat with the bot when one is stored, and otherwise reports the owner as unreachable (the
sweep records it and the digest lists them). The digest goes to the channels named in
``HARMONIBOT_TEAMS_CHANNELS``, or to every channel the bot is in when none are named.
"""

from __future__ import annotations

import logging
from typing import Any

from microsoft_agents.activity import Activity
from microsoft_agents.hosting.core import TurnContext

from adapters.settings import TeamsSettings
from adapters.teams.connector import TeamsRuntime, anonymous_identity, make_adapter
from adapters.teams.references import may_post_to, sdk_reference
from adapters.teams.render import render_activities
from adapters.teams.store import PLATFORM, TeamsStore
from adapters.teams.throttle import send_with_backoff, status_of
from bot.messages import Reply
from commplan.conversations import ConversationRef
from commplan.people import Person

logger = logging.getLogger(__name__)

# Teams' answers when the bot is no longer in the conversation (uninstalled, blocked, deleted).
_GONE = (403, 404)
DEFAULT_LOCALE = "en-GB"
#: The audience of the Bot Connector's tokens, which the SDK wants named even when anonymous.
BOT_FRAMEWORK_AUDIENCE = "https://api.botframework.com"


class TeamsSender:
    """Implements ``adapters.outbox.ChatSender`` with the SDK's ``continue_conversation``."""

    platform = PLATFORM

    def __init__(self, *, adapter: Any, store: TeamsStore, settings: TeamsSettings) -> None:
        self._adapter = adapter
        self._store = store
        self._settings = settings

    @classmethod
    def from_runtime(cls, runtime: TeamsRuntime) -> TeamsSender:
        """A sender with its own CloudAdapter, for the processes that nudge."""
        teams = runtime.settings.teams or TeamsSettings()
        return cls(adapter=make_adapter(teams), store=TeamsStore(runtime.uow), settings=teams)

    async def send_direct(self, person: Person, reply: Reply) -> bool:
        """Post in the person's personal chat with the bot; False when there is none."""
        ref = await self._store.personal_chat(person.teams_id)
        if ref is None:
            return False
        return await self._send(ref, reply)

    async def send_team(self, reply: Reply) -> bool:
        """Post in the team channels; False when the bot is in none of them.

        Raises:
            Exception: every channel failed for a reason other than the bot's absence, so
                that the caller gives its claim back and tries again later.
        """
        channels = await self._store.channels()
        wanted = {c.split(";messageid=", 1)[0] for c in self._settings.team_channels}
        if wanted:
            missing = wanted - {c.conversation_id for c in channels}
            if missing:
                logger.warning(
                    "the bot is not in these HARMONIBOT_TEAMS_CHANNELS (add it there): %s",
                    ", ".join(sorted(missing)),
                )
            channels = [c for c in channels if c.conversation_id in wanted]
        posted = False
        failure: Exception | None = None
        for channel in channels:
            try:
                posted = await self._send(channel, reply) or posted
            except Exception as error:
                logger.warning(
                    "posting to Teams channel %s failed (%s)",
                    channel.conversation_id,
                    type(error).__name__,
                )
                failure = error
        if not posted and failure is not None:
            raise failure
        return posted

    async def _send(self, ref: ConversationRef, reply: Reply) -> bool:
        authenticated = bool(self._settings.app_id)
        if not may_post_to(ref.service_url, authenticated=authenticated):
            logger.warning(
                "not posting to Teams conversation %s: its service URL %s is not %s",
                ref.conversation_id,
                ref.service_url,
                "Microsoft's (stored while authentication was off?)"
                if authenticated
                else "on this machine, and authentication is off",
            )
            return False
        activities = [Activity.model_validate(d) for d in render_activities(reply)]
        failures: list[Exception] = []

        reference = sdk_reference(ref)

        async def post(context: TurnContext) -> None:
            # New messages, not replies to the continuation event the SDK made up.
            context.activity.id = None
            # The SDK's continuation drops the locale, and an explicit null is refused by
            # the Agents Playground's connector; the bot writes British English anyway.
            context.activity.locale = reference.locale or DEFAULT_LOCALE
            try:
                for activity in activities:
                    await send_with_backoff(context, activity)
            except Exception as error:
                # Kept, not raised: the adapter's turn-error handler would swallow it.
                failures.append(error)

        continuation = reference.get_continuation_activity()
        try:
            if authenticated:
                await self._adapter.continue_conversation(self._settings.app_id, continuation, post)
            else:
                # No claims: the SDK's anonymous path, which fetches and sends no token.
                await self._adapter.continue_conversation_with_claims(
                    anonymous_identity(), continuation, post, BOT_FRAMEWORK_AUDIENCE
                )
            if failures:
                raise failures[0]
        except Exception as error:
            if status_of(error) in _GONE:
                logger.warning(
                    "Teams conversation %s refused the message (%s): the bot is no longer there",
                    ref.conversation_id,
                    status_of(error),
                )
                return False
            raise
        return True

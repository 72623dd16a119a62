"""The Teams activity handler (the Agents SDK's): each message through the bot core, each
reply as cards.

Every turn first stores (or refreshes) its conversation reference, so that nudges and the
digest can reach the conversation later. With authentication on, a sender nobody is linked to
yet is asked of Teams (their e-mail, from the member endpoint), which ties them to a person in
the directory: the core does it for a message, the store for an installation. With it off, the
activity itself says who sent it and where Teams is, so nobody is looked up or linked from it.
A redelivered activity (Teams retries when an answer is slow) is answered once: the core knows
it by its id and says so, and nothing is sent.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from microsoft_agents.activity import Activity, ActivityTypes
from microsoft_agents.activity import TurnContextProtocol as TurnContext
from microsoft_agents.hosting.core import ActivityHandler
from microsoft_agents.hosting.core.connector import ConnectorClientBase
from microsoft_agents.hosting.core.connector.teams import TeamsConnectorClient

from adapters.teams.files import TeamsFiles
from adapters.teams.references import (
    TEAMS_CHANNEL,
    activity_key,
    conversation_kind,
    conversation_ref,
    user_id,
)
from adapters.teams.render import render_activities
from adapters.teams.store import TeamsStore
from adapters.teams.throttle import send_with_backoff
from bot.messages import DUPLICATE, Action, Actor, Incoming, Reply
from commplan.conversations import ConversationKind
from commplan.ports import Clock

logger = logging.getLogger(__name__)

#: Seconds a turn may take before the user sees "typing…".
TYPING_AFTER = 1.0
MAX_ACTION_ID = 200
MAX_ACTION_VALUE = 16 * 1024
WELCOME = (
    "Hello! I answer \u201cwhich standard covers \u2026?\u201d, keep track of the communication "
    "plan and remind owners of what is due. Say 'help' to see everything I can do."
)
_EMAIL = "harmonibot.email"
# The activities on which an unknown sender is looked up (others can wait for a message).
_LOOK_UP_ON = (
    ActivityTypes.message,
    ActivityTypes.conversation_update,
    ActivityTypes.installation_update,
)

MemberEmail = Callable[[TurnContext, str], Awaitable[str]]


class Answers(Protocol):
    """What the handler needs of ``bot.core.BotCore``."""

    async def handle_async(self, incoming: Incoming) -> Reply: ...


async def teams_member_email(turn_context: TurnContext, member_id: str) -> str:
    """The member's e-mail (or user principal name) from Teams; "" when it cannot say."""
    activity = turn_context.activity
    services = getattr(turn_context, "services", None)
    # The adapter keeps the turn's connector client under its base type.
    client = services.get(ConnectorClientBase) if services is not None else None
    if str(activity.channel_id or "") != TEAMS_CHANNEL or activity.conversation is None:
        return ""
    try:
        if not isinstance(client, TeamsConnectorClient):
            raise LookupError("no Teams connector client in this turn")
        member = await client.get_conversation_member(activity.conversation.id, member_id)
    except Exception as error:
        # Guests and some tenants hide members; the person is then matched by id alone.
        logger.info("Teams did not say who %s is (%s)", member_id, type(error).__name__)
        return ""
    return str(member.email or member.user_principal_name or "").strip()


def strip_bot_mention(activity: Activity) -> str:
    """The message text without the @mention of the bot that a channel message starts with."""
    text = str(activity.text or "")
    bot_id = activity.recipient.id if activity.recipient else None
    for entity in activity.entities or []:
        if str(_field(entity, "type") or "").lower() != "mention":
            continue
        mentioned = _field(entity, "mentioned")
        if mentioned is None or _field(mentioned, "id") != bot_id:
            continue
        marker = _field(entity, "text") or f"<at>{_field(mentioned, 'name') or ''}</at>"
        text = text.replace(str(marker), " ")
    return text.strip()


def _field(value: Any, name: str) -> Any:
    # Entities arrive as the SDK's models (Mention) or as plain dicts for types it lacks.
    if isinstance(value, dict):
        return value.get(name)
    found = getattr(value, name, None)
    if found is None:
        found = (getattr(value, "additional_properties", None) or {}).get(name)
    return found


def card_action(value: object) -> Action | None:
    """The button pressed, from an ``Action.Submit``'s data; None for anything else."""
    if not isinstance(value, dict):
        return None
    action_id = value.get("action_id")
    raw = value.get("value", "")
    if not isinstance(action_id, str) or not 0 < len(action_id) <= MAX_ACTION_ID:
        return None
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        return None
    text = str(raw)
    return Action(action_id=action_id, value=text) if len(text) <= MAX_ACTION_VALUE else None


class HarmonibotTeamsBot(ActivityHandler):
    """Turns Teams activities into :class:`~bot.messages.Incoming` and replies into cards."""

    def __init__(
        self,
        core: Answers,
        store: TeamsStore,
        clock: Clock,
        *,
        link_by_email: bool,
        member_email: MemberEmail = teams_member_email,
        typing_after: float | None = TYPING_AFTER,
        files: TeamsFiles | None = None,
    ) -> None:
        """``link_by_email``: whether activities are authenticated, so that who Teams says
        their sender is can be believed and kept (never with authentication off)."""
        super().__init__()
        self._core = core
        self._store = store
        self._clock = clock
        self._link_by_email = link_by_email
        self._member_email = member_email
        self._typing_after = typing_after
        self._files = files

    async def on_turn(self, turn_context: TurnContext) -> None:
        """Remember the conversation and who is in it, then handle the activity."""
        activity = turn_context.activity
        account = activity.from_property
        teams_id = user_id(account)
        ref = conversation_ref(activity, self._clock.now())
        known = await self._store.remember(ref, user_id=teams_id)
        email = ""
        if (
            self._link_by_email
            and not known
            and activity.type in _LOOK_UP_ON
            and getattr(account, "aad_object_id", None)
        ):
            email = await self._member_email(turn_context, account.id)
            # A message carries the e-mail to the core, which links the person as it
            # identifies them; nothing else reaches the core.
            if email and activity.type != ActivityTypes.message:
                await self._store.link(teams_id, email)
        turn_context.turn_state[_EMAIL] = email
        await super().on_turn(turn_context)

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        """Answer a message or a card's button press (a redelivery gets nothing)."""
        incoming = self._incoming(turn_context)
        if self._files is not None:
            # A questionnaire sent as a file is checked; a message without one goes on.
            checked = await self._files.replies(turn_context.activity, incoming)
            if checked is not None:
                for reply in checked:
                    await send_reply(turn_context, reply)
                return
        reply = await self._answer(turn_context, incoming)
        if reply.intent == DUPLICATE:
            logger.info("dropped a redelivered Teams activity %s", turn_context.activity.id)
            return
        await send_reply(turn_context, reply)

    async def on_conversation_update_activity(self, turn_context: TurnContext) -> None:
        """Say hello in a personal chat the bot has just joined (the reference is stored)."""
        activity = turn_context.activity
        bot_id = activity.recipient.id if activity.recipient else None
        joined = any(member.id == bot_id for member in activity.members_added or [])
        if joined and conversation_kind(activity) is ConversationKind.PERSONAL:
            await send_reply(turn_context, Reply(text=WELCOME, intent="welcome"))

    def _incoming(self, turn_context: TurnContext) -> Incoming:
        activity = turn_context.activity
        action = card_action(activity.value)
        account = activity.from_property
        return Incoming(
            actor=Actor(
                platform="teams",
                user_id=user_id(account),
                name=str(getattr(account, "name", "") or ""),
                email=str(turn_context.turn_state.get(_EMAIL, "")),
            ),
            text=str(activity.text or "").strip() if action else strip_bot_mention(activity),
            at=self._clock.now(),
            conversation=f"teams:{activity.conversation.id if activity.conversation else ''}",
            message_id=activity_key(activity) if activity.id else "",
            action=action,
            direct=conversation_kind(activity) is ConversationKind.PERSONAL,
        )

    async def _answer(self, turn_context: TurnContext, incoming: Incoming) -> Reply:
        answering = asyncio.ensure_future(self._core.handle_async(incoming))
        if self._typing_after is not None:
            done, _ = await asyncio.wait({answering}, timeout=self._typing_after)
            if not done:
                # Long work (a big search, a slow database): show it is coming.
                try:
                    await turn_context.send_activity(Activity(type=ActivityTypes.typing))
                except Exception as error:
                    logger.info("could not send a typing indicator (%s)", type(error).__name__)
        return await answering


async def send_reply(turn_context: TurnContext, reply: Reply) -> None:
    """Send a reply as one activity a card, retrying each when Teams throttles."""
    for document in render_activities(reply):
        await send_with_backoff(turn_context, Activity.model_validate(document))

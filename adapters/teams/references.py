"""Between the Agents SDK's activities and references and our neutral conversation values.

A stored reference's payload is the Bot Framework's camelCase JSON of a conversation
reference (``user``, ``bot``, ``conversation``, ``channelId``, ``serviceUrl``). The Bot
Framework SDK wrote it that way before the move to the Agents SDK, and the Agents SDK reads
and writes the same shape, so rows stored by either load here; a payload that does not load
(damaged, or from a future shape) is rebuilt from the row's own columns rather than lost.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import logging
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from microsoft_agents.activity import (
    Activity,
    ChannelAccount,
    ChannelId,
    ConversationAccount,
    ConversationReference,
)
from pydantic import ValidationError

from adapters.teams.store import PLATFORM
from commplan.conversations import ConversationKind, ConversationRef

logger = logging.getLogger(__name__)

_KINDS = {
    "personal": ConversationKind.PERSONAL,
    "channel": ConversationKind.CHANNEL,
    "groupchat": ConversationKind.GROUP,
}
# A post in a channel is a conversation of its own: "<channel id>;messageid=<post id>".
_THREAD = ";messageid="
MAX_ACTIVITY_ID = 200
TEAMS_CHANNEL = "msteams"
#: The bot's account where the activity or the stored row does not name it (Teams fills in
#: the real one on the way out).
UNNAMED_BOT = "harmonibot"

# Where Teams (commercial, GCC, GCC High, DoD) and the Bot Framework take a bot's messages.
_SERVICE_HOSTS = ("smba.trafficmanager.net",)
_SERVICE_DOMAINS = (
    ".botframework.com",
    ".teams.microsoft.com",
    ".teams.microsoft.us",
    ".botframework.azure.us",
)
_LOOPBACK_NAMES = ("localhost",)


def user_id(account: Any) -> str:
    """A Teams user's stable id: their AAD object id, else their Bot Framework id."""
    if account is None:
        return ""
    return str(getattr(account, "aad_object_id", None) or getattr(account, "id", "") or "")


def conversation_kind(activity: Activity) -> ConversationKind:
    """Personal chat, channel or group chat; the Emulator's chats count as personal."""
    conversation = activity.conversation
    kind = _KINDS.get(str(getattr(conversation, "conversation_type", "") or "").lower())
    if kind is not None:
        return kind
    if getattr(conversation, "is_group", False):
        return ConversationKind.GROUP
    return ConversationKind.PERSONAL


def tenant_of(activity: Activity) -> str:
    """The Microsoft 365 tenant the activity comes from, when Teams says."""
    tenant = getattr(activity.conversation, "tenant_id", None)
    if not tenant and isinstance(activity.channel_data, dict):
        found = activity.channel_data.get("tenant")
        tenant = found.get("id") if isinstance(found, dict) else None
    return str(tenant or "")


def activity_key(activity: Activity) -> str:
    """The activity's id, made unique across conversations.

    Teams numbers messages by the millisecond within a conversation, so two conversations
    can share an id; a short digest of the conversation keeps them apart.
    """
    conversation = activity.conversation.id if activity.conversation else ""
    digest = hashlib.sha256(str(conversation).encode()).hexdigest()[:12]
    return f"{str(activity.id)[:MAX_ACTIVITY_ID]}:{digest}"


def conversation_ref(activity: Activity, at: datetime) -> ConversationRef | None:
    """What to store to post in this activity's conversation later, or None if it cannot be.

    A channel is stored by the channel's own id, not the thread the activity came in, so
    that the digest starts a new post; and the reference names no activity, so that the
    bot's messages are new ones rather than replies.
    """
    conversation = activity.conversation
    if conversation is None or not conversation.id or not activity.service_url:
        return None
    kind = conversation_kind(activity)
    conversation_id = str(conversation.id)
    if kind is ConversationKind.CHANNEL:
        conversation_id = conversation_id.split(_THREAD, 1)[0]
    reference = ConversationReference(
        user=activity.from_property,
        agent=activity.recipient or ChannelAccount(id=UNNAMED_BOT),
        conversation=ConversationAccount(
            id=conversation_id,
            conversation_type=conversation.conversation_type,
            is_group=conversation.is_group,
            tenant_id=conversation.tenant_id,
        ),
        channel_id=activity.channel_id,
        locale=activity.locale,
        service_url=str(activity.service_url),
    )
    payload = reference.model_dump(by_alias=True, exclude_none=True, mode="json")
    return ConversationRef(
        platform=PLATFORM,
        conversation_id=conversation_id,
        kind=kind,
        user_id=user_id(activity.from_property) if kind is ConversationKind.PERSONAL else "",
        service_url=str(activity.service_url),
        tenant_id=tenant_of(activity),
        payload=json.dumps(payload),
        updated_at=at,
    )


def sdk_reference(ref: ConversationRef) -> ConversationReference:
    """The SDK's reference from a stored one, at the service URL seen last.

    Reads payloads written by the Bot Framework SDK and by this module alike; one that does
    not load is rebuilt from the row's columns (the conversation, its kind and tenant, the
    service URL), which is all a proactive message needs.
    """
    try:
        document = json.loads(ref.payload or "{}")
        if not isinstance(document, dict):
            raise ValueError("not an object")
        document.pop("activityId", None)
        reference = ConversationReference.model_validate(document)
    except (ValueError, ValidationError) as error:
        logger.warning(
            "the stored reference of Teams conversation %s did not load (%s); rebuilt from its row",
            ref.conversation_id,
            type(error).__name__,
        )
        reference = ConversationReference(
            agent=ChannelAccount(id=UNNAMED_BOT),
            conversation=ConversationAccount(
                id=ref.conversation_id,
                conversation_type=_TYPES[ref.kind],
                is_group=ref.kind is not ConversationKind.PERSONAL,
            ),
            channel_id=ChannelId(TEAMS_CHANNEL),
            service_url=ref.service_url,
        )
    reference.service_url = ref.service_url or reference.service_url
    if ref.tenant_id and not reference.conversation.tenant_id:
        # The Bot Framework SDK dropped the tenant from the conversation it stored; Teams wants it.
        reference.conversation.tenant_id = ref.tenant_id
    return reference


_TYPES = {
    ConversationKind.PERSONAL: "personal",
    ConversationKind.CHANNEL: "channel",
    ConversationKind.GROUP: "groupChat",
}


def is_bot_service(url: str) -> bool:
    """Whether ``url`` is an https address of Teams or the Bot Framework."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return False
    return parts.scheme == "https" and (host in _SERVICE_HOSTS or host.endswith(_SERVICE_DOMAINS))


def is_loopback_service(url: str) -> bool:
    """Whether ``url`` is an http(s) address on this machine (the Agents Playground's)."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not host or parts.username or parts.password:
        return False
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def may_post_to(url: str, *, authenticated: bool) -> bool:
    """Whether the bot may call this service URL.

    With authentication on, only Microsoft's services: the bot sends its token along, and a
    reference stored while authentication was off may name any address. With it off, only
    this machine: an unauthenticated activity names the service URL itself, and must not be
    able to point the bot at another host (or at a service inside the network).
    """
    return is_bot_service(url) if authenticated else is_loopback_service(url)

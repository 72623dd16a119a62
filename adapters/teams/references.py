"""Between botbuilder's activities and references and our neutral conversation values."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from botbuilder.core import TurnContext
from botbuilder.schema import Activity, ConversationReference

from adapters.teams.store import PLATFORM
from commplan.conversations import ConversationKind, ConversationRef

_KINDS = {
    "personal": ConversationKind.PERSONAL,
    "channel": ConversationKind.CHANNEL,
    "groupchat": ConversationKind.GROUP,
}
# A post in a channel is a conversation of its own: "<channel id>;messageid=<post id>".
_THREAD = ";messageid="
MAX_ACTIVITY_ID = 200

# Where Teams (commercial, GCC, GCC High, DoD) and the Bot Framework take a bot's messages.
_SERVICE_HOSTS = ("smba.trafficmanager.net",)
_SERVICE_DOMAINS = (
    ".botframework.com",
    ".teams.microsoft.com",
    ".teams.microsoft.us",
    ".botframework.azure.us",
)


def user_id(account: Any) -> str:
    """A Teams user's stable id: their AAD object id, else their Bot Framework id."""
    if account is None:
        return ""
    return str(getattr(account, "aad_object_id", None) or account.id or "")


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
        tenant = (activity.channel_data.get("tenant") or {}).get("id")
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
    if activity.conversation is None or not activity.conversation.id or not activity.service_url:
        return None
    reference = TurnContext.get_conversation_reference(activity)
    reference.activity_id = None
    kind = conversation_kind(activity)
    conversation_id = str(activity.conversation.id)
    if kind is ConversationKind.CHANNEL:
        conversation_id = conversation_id.split(_THREAD, 1)[0]
        reference.conversation.id = conversation_id
    return ConversationRef(
        platform=PLATFORM,
        conversation_id=conversation_id,
        kind=kind,
        user_id=user_id(activity.from_property) if kind is ConversationKind.PERSONAL else "",
        service_url=str(activity.service_url),
        tenant_id=tenant_of(activity),
        payload=json.dumps(reference.serialize()),
        updated_at=at,
    )


def bot_reference(ref: ConversationRef) -> ConversationReference:
    """botbuilder's reference from a stored one, at the service URL seen last."""
    reference = ConversationReference().deserialize(json.loads(ref.payload))
    reference.service_url = ref.service_url or reference.service_url
    return reference


def is_bot_service(url: str) -> bool:
    """Whether ``url`` is an https address of Teams or the Bot Framework.

    A reference stored while authentication was off (local use) names whatever service URL
    its sender chose; with an app id the bot sends its token along, so it must only ever
    post to Microsoft's own services.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    return parts.scheme == "https" and (host in _SERVICE_HOSTS or host.endswith(_SERVICE_DOMAINS))

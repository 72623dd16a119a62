"""Where the bot can speak first: a chat platform's reference to one conversation.

A chat platform only lets a bot start a message in a conversation it has already seen
(Teams calls what it needs a conversation reference). The adapter stores one for every
conversation it hears from and uses it later for nudges and the digest. The payload is the
platform's own serialised form, opaque to everything but that platform's adapter.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class ConversationKind(enum.StrEnum):
    """A one-to-one chat with the bot, a team's channel, or a group chat."""

    PERSONAL = "personal"
    CHANNEL = "channel"
    GROUP = "group"


@dataclass(frozen=True, kw_only=True)
class ConversationRef:
    """One conversation the bot may post to without being spoken to first.

    ``user_id`` names the person of a personal chat (for Teams their AAD object id, else the
    Bot Framework id) and is empty for channels and group chats. ``service_url`` is where the
    platform takes the bot's messages for this conversation; it can change, so every turn
    refreshes it.
    """

    platform: str
    conversation_id: str
    kind: ConversationKind
    updated_at: datetime
    user_id: str = ""
    service_url: str = ""
    tenant_id: str = ""
    payload: str = "{}"

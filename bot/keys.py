"""Keys that identify a message or a conversation across turns and retries."""

from __future__ import annotations

import hashlib

from bot.messages import Incoming


def message_key(incoming: Incoming) -> str:
    """The platform's message id, or one made from who said what, and when."""
    if incoming.message_id:
        return f"{incoming.actor.platform}:{incoming.message_id}"
    digest = hashlib.sha256(incoming.text.encode()).hexdigest()[:12]
    actor = incoming.actor
    return f"{actor.platform}:{actor.user_id}:{incoming.at.isoformat()}:{digest}"


def conversation_key(incoming: Incoming) -> str:
    """One person in one conversation (where a guided dialogue keeps its draft)."""
    actor = incoming.actor
    return f"{actor.platform}:{incoming.conversation}:{actor.user_id}"

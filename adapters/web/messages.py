"""The web chat's documents: a posted message checked field by field, replies and notices as JSON.

No request or database here: :mod:`adapters.web.chat` reads requests and calls the bot.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from adapters.web.render import render_html
from bot.messages import Action, Reply
from bot.reply_codec import BadReplyDocument, decode_reply
from commplan.notices import Notice
from commplan.services.notices import TEAM_INBOX

logger = logging.getLogger(__name__)

MAX_BODY = 16 * 1024
MAX_NAME = 200
MAX_MESSAGE_ID = 200


class BadMessage(ValueError):
    """A chat message body that cannot be used; the text says which field and why."""


@dataclass(frozen=True, kw_only=True)
class ChatMessage:
    """What the web chat page posts: who, what, its id, and the button pressed if any."""

    name: str
    text: str
    message_id: str
    action: Action | None


def notice_document(notice: Notice) -> dict[str, object]:
    """A notice as the chat page shows it: the reply's document plus id, time and inbox."""
    reply = Reply(text=notice.text)
    if notice.payload is not None:
        try:
            reply = decode_reply(notice.payload)
        except BadReplyDocument:
            # Shown as its text rather than not at all; the row is still the person's.
            logger.warning("notice %d: the stored reply is unreadable; showing its text", notice.id)
    return {
        **reply_document(reply),
        "id": notice.id,
        "at": notice.at.isoformat(),
        "team": notice.person == TEAM_INBOX,
    }


def parse_message(document: object) -> ChatMessage:
    """Check a posted JSON document and turn it into a :class:`ChatMessage`.

    Raises:
        BadMessage: a field is missing, of the wrong type or too long; the text names it.
    """
    if not isinstance(document, dict):
        raise BadMessage("the body must be a JSON object with 'name', 'text' and 'message_id'")
    name = _string(document, "name", MAX_NAME).strip()
    text = _string(document, "text", MAX_BODY, required=True)
    message_id = _string(document, "message_id", MAX_MESSAGE_ID).strip()
    action = None
    raw_action = document.get("action")
    if raw_action is not None:
        if not isinstance(raw_action, dict):
            raise BadMessage("'action' must be null or an object with 'action_id' and 'value'")
        action_id = _string(raw_action, "action_id", MAX_NAME, required=True, within="action")
        if not action_id:
            raise BadMessage("'action.action_id' must not be empty")
        value = _string(raw_action, "value", MAX_BODY, within="action")
        action = Action(action_id=action_id, value=value)
    return ChatMessage(name=name, text=text, message_id=message_id, action=action)


def _string(
    document: dict[str, object],
    key: str,
    limit: int,
    *,
    required: bool = False,
    within: str = "",
) -> str:
    label = f"{within}.{key}" if within else key
    value = document.get(key)
    if value is None:
        if required:
            raise BadMessage(f"'{label}' is missing; it must be a string")
        return ""
    if not isinstance(value, str):
        raise BadMessage(f"'{label}' must be a string, not {_json_type(value)}")
    if len(value) > limit:
        raise BadMessage(f"'{label}' is longer than {limit} characters")
    return value


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "an array"
    return "an object" if isinstance(value, dict) else type(value).__name__


def reply_document(reply: Reply) -> dict[str, object]:
    """The JSON the chat page receives: plain text, intent, escaped HTML and the buttons."""
    return {
        "text": reply.text,
        "intent": reply.intent,
        "html": render_html(reply),
        "buttons": [
            {"label": b.label, "action_id": b.action_id, "value": b.value} for b in reply.buttons
        ],
    }

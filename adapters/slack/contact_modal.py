"""The "Log as contact" modal: the contact form of ``commplan.services.contacts`` in Block Kit.

The message shortcut opens it prefilled (see ``draft_from_message``); the team member
corrects what is wrong and submits (see ``log_from_message``). The message's channel and
timestamp travel in ``private_metadata`` and become the contact's source reference, so
logging the same message twice logs one contact.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Any

from commplan.organisations import OrgType, UserGroup
from commplan.services.contacts import MessageContact

CALLBACK_ID = "log_as_contact"
MAX_SUMMARY = 500
MAX_FIELD = 200

_SLACK_ID = re.compile(r"^[A-Z0-9]{1,40}$")
_TS = re.compile(r"^\d{1,12}\.\d{1,9}$")


class BadSubmission(ValueError):
    """A view submission this modal did not produce (tampered or from an older version)."""


def message_ref(channel: str, ts: str) -> str:
    """One message, one contact: ``slack:shortcut:<channel>:<message ts>``."""
    return f"slack:shortcut:{channel}:{ts}"


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def _input(
    block_id: str,
    label: str,
    initial: str,
    *,
    optional: bool = True,
    multiline: bool = False,
    max_length: int = MAX_FIELD,
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": "value",
        "multiline": multiline,
        "max_length": max_length,
    }
    if initial:
        element["initial_value"] = initial[:max_length]
    return {
        "type": "input",
        "block_id": block_id,
        "optional": optional,
        "label": _plain(label),
        "element": element,
    }


def _option(member: StrEnum) -> dict[str, Any]:
    return {"text": _plain(member.value), "value": member.value}


def _select(
    block_id: str, label: str, choices: type[StrEnum], initial: StrEnum | None
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "static_select",
        "action_id": "value",
        "placeholder": _plain("Not known"),
        "options": [_option(member) for member in choices],
    }
    if initial is not None:
        element["initial_option"] = _option(initial)
    return {
        "type": "input",
        "block_id": block_id,
        "optional": True,
        "label": _plain(label),
        "element": element,
    }


def contact_modal(draft: MessageContact, *, channel: str, ts: str) -> dict[str, Any]:
    """The ``views.open`` modal for the message at ``channel`` and ``ts``, prefilled."""
    metadata = {"channel": channel, "ts": ts, "on": draft.on.isoformat()}
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "private_metadata": json.dumps(metadata),
        "title": _plain("Log as contact"),
        "submit": _plain("Log it"),
        "close": _plain("Cancel"),
        "blocks": [
            {
                "type": "context",
                "elements": [
                    {
                        "type": "mrkdwn",
                        "text": f"An inbound chat contact on {draft.on:%-d %B %Y}, for the "
                        "baseline. Contacts are personal data: only the team sees them.",
                    }
                ],
            },
            _input("name", "Who", draft.name, optional=False),
            _input("email", "E-mail", draft.email),
            _input("organisation", "Organisation", draft.organisation),
            _select("org_type", "Organisation type", OrgType, draft.org_type),
            _select("user_group", "User group", UserGroup, draft.user_group),
            _input("standard", "Topic (a harmonised standard)", draft.standard),
            _input(
                "summary", "What they asked", draft.summary, multiline=True, max_length=MAX_SUMMARY
            ),
        ],
    }


def read_submission(view: Mapping[str, Any]) -> MessageContact:
    """The contact a submitted modal holds.

    Raises:
        BadSubmission: the view is not one :func:`contact_modal` built.
    """
    try:
        metadata = json.loads(view.get("private_metadata") or "")
        channel, ts = str(metadata["channel"]), str(metadata["ts"])
        on = date.fromisoformat(str(metadata["on"]))
    except (ValueError, KeyError, TypeError) as error:
        raise BadSubmission(f"the modal's metadata is unusable ({error})") from None
    if not _SLACK_ID.match(channel) or not _TS.match(ts):
        raise BadSubmission("the modal's metadata does not name a Slack message")
    values = (view.get("state") or {}).get("values") or {}

    def text(block_id: str, limit: int = MAX_FIELD) -> str:
        value = ((values.get(block_id) or {}).get("value") or {}).get("value")
        return " ".join(str(value or "").split())[:limit]

    def chosen(block_id: str) -> str:
        option = ((values.get(block_id) or {}).get("value") or {}).get("selected_option")
        return str((option or {}).get("value") or "")

    try:
        org_type = OrgType(chosen("org_type")) if chosen("org_type") else None
        user_group = UserGroup(chosen("user_group")) if chosen("user_group") else None
    except ValueError as error:
        raise BadSubmission(str(error)) from None
    summary_value = ((values.get("summary") or {}).get("value") or {}).get("value")
    return MessageContact(
        source_ref=message_ref(channel, ts),
        on=on,
        name=text("name"),
        email=text("email"),
        organisation=text("organisation"),
        org_type=org_type,
        user_group=user_group,
        standard=text("standard"),
        summary=str(summary_value or "").strip()[:MAX_SUMMARY],
    )

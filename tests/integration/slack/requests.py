"""Requests as Slack sends them: signed bodies for slash commands, events and interactivity.

The signature is computed here from first principles (HMAC-SHA256 of ``v0:{ts}:{body}``), so
the tests check Bolt's verification against the documented scheme, not against itself.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from tests.integration.slack.recorder import TEAM_ID

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
_numbers = itertools.count(1)


def sign(body: str, *, secret: str = SIGNING_SECRET, at: float | None = None) -> dict[str, str]:
    """The two headers Slack adds to every request it sends an app."""
    timestamp = str(int(time.time() if at is None else at))
    base = f"v0:{timestamp}:{body}".encode()
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": f"v0={digest}"}


def unique(prefix: str) -> str:
    """A fresh id, such as Slack's event ids and trigger ids."""
    return f"{prefix}{int(time.time())}{next(_numbers):05d}"


def command_body(
    text: str, *, user: str, response_url: str, channel: str = "C0GENERAL", trigger: str = ""
) -> str:
    """A ``/harmonise`` slash command, form-encoded."""
    return urlencode(
        {
            "token": "legacy-verification-token",
            "team_id": TEAM_ID,
            "team_domain": "harmonibot-test",
            "channel_id": channel,
            "channel_name": "general",
            "user_id": user,
            "user_name": user.lower(),
            "command": "/harmonise",
            "text": text,
            "api_app_id": "A0HARMONI",
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": trigger or unique("13345224609."),
        }
    )


def event_body(event: Mapping[str, Any], *, event_id: str = "") -> str:
    """An Events API callback wrapping ``event``, as JSON."""
    return json.dumps(
        {
            "token": "legacy-verification-token",
            "team_id": TEAM_ID,
            "api_app_id": "A0HARMONI",
            "event": dict(event),
            "type": "event_callback",
            "event_id": event_id or unique("Ev"),
            "event_time": int(time.time()),
            "authorizations": [{"team_id": TEAM_ID, "user_id": "UBOT", "is_bot": True}],
        }
    )


def mention(text: str, *, user: str, channel: str = "C0GENERAL", ts: str = "") -> dict[str, Any]:
    return {
        "type": "app_mention",
        "user": user,
        "text": f"<@UBOT> {text}",
        "ts": ts or f"{int(time.time())}.{next(_numbers):06d}",
        "channel": channel,
        "event_ts": ts or f"{int(time.time())}.000001",
    }


def direct_message(text: str, *, user: str, channel: str = "", **extra: Any) -> dict[str, Any]:
    ts = f"{int(time.time())}.{next(_numbers):06d}"
    return {
        "type": "message",
        "channel_type": "im",
        "user": user,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        "channel": channel or "D" + user.lstrip("U"),
        **extra,
    }


def home_opened(*, user: str) -> dict[str, Any]:
    return {
        "type": "app_home_opened",
        "user": user,
        "channel": "D" + user.lstrip("U"),
        "tab": "home",
        "event_ts": f"{int(time.time())}.000001",
    }


def interactive_body(payload: Mapping[str, Any]) -> str:
    """Interactivity (buttons, shortcuts, modals): ``payload=<JSON>``, form-encoded."""
    return urlencode({"payload": json.dumps(dict(payload))})


def button_press(
    *,
    user: str,
    action_id: str,
    value: str,
    response_url: str,
    channel: str = "C0GENERAL",
    message_ts: str = "1790000001.000001",
) -> dict[str, Any]:
    """``block_actions`` for one button of a message."""
    return {
        "type": "block_actions",
        "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID},
        "api_app_id": "A0HARMONI",
        "token": "legacy-verification-token",
        "container": {
            "type": "message",
            "message_ts": message_ts,
            "channel_id": channel,
            "is_ephemeral": False,
        },
        "trigger_id": unique("13345224609."),
        "team": {"id": TEAM_ID, "domain": "harmonibot-test"},
        "channel": {"id": channel, "name": "general"},
        "response_url": response_url,
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": "b1",
                "text": {"type": "plain_text", "text": "Done"},
                "value": value,
                "action_ts": f"{int(time.time())}.{next(_numbers):06d}",
            }
        ],
    }


def home_button_press(
    *, user: str, view: Mapping[str, Any], button: Mapping[str, Any]
) -> dict[str, Any]:
    """``block_actions`` for a button of the published App Home ``view``: no channel and no
    ``response_url``, as Slack sends a press on the Home tab."""
    return {
        "type": "block_actions",
        "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID},
        "api_app_id": "A0HARMONI",
        "token": "legacy-verification-token",
        "container": {"type": "view", "view_id": view["id"]},
        "trigger_id": unique("13345224609."),
        "team": {"id": TEAM_ID, "domain": "harmonibot-test"},
        "view": {**view, "type": "home"},
        "actions": [
            {
                "type": "button",
                "action_id": button["action_id"],
                "block_id": "b1",
                "text": button["text"],
                "value": button.get("value", ""),
                "action_ts": f"{int(time.time())}.{next(_numbers):06d}",
            }
        ],
    }


def message_shortcut(
    *,
    user: str,
    author: str,
    text: str,
    ts: str,
    response_url: str,
    channel: str = "C0GENERAL",
) -> dict[str, Any]:
    """The "Log as contact" shortcut on a message by ``author``."""
    return {
        "type": "message_action",
        "token": "legacy-verification-token",
        "action_ts": f"{int(time.time())}.000001",
        "team": {"id": TEAM_ID, "domain": "harmonibot-test"},
        "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID},
        "channel": {"id": channel, "name": "general"},
        "is_enterprise_install": False,
        "callback_id": "log_as_contact",
        "trigger_id": unique("13345224609."),
        "response_url": response_url,
        "message_ts": ts,
        "message": {"type": "message", "user": author, "text": text, "ts": ts},
    }


def submission(*, user: str, view: Mapping[str, Any]) -> dict[str, Any]:
    """``view_submission`` of a modal as opened, with every field left as prefilled."""
    values: dict[str, Any] = {}
    for block in view.get("blocks", []):
        if block.get("type") != "input":
            continue
        element = block["element"]
        if element["type"] == "static_select":
            state = {"type": "static_select", "selected_option": element.get("initial_option")}
        else:
            state = {"type": "plain_text_input", "value": element.get("initial_value")}
        values[block["block_id"]] = {element["action_id"]: state}
    return {
        "type": "view_submission",
        "team": {"id": TEAM_ID, "domain": "harmonibot-test"},
        "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID},
        "api_app_id": "A0HARMONI",
        "token": "legacy-verification-token",
        "trigger_id": unique("13345224609."),
        "view": {
            "id": view.get("id", "V000001"),
            "type": "modal",
            "callback_id": view["callback_id"],
            "private_metadata": view["private_metadata"],
            "blocks": view["blocks"],
            "state": {"values": values},
        },
    }

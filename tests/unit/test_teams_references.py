"""Stored Teams conversation references: rows written by the adapter on the Bot Framework SDK load
into the Agents SDK unchanged, and where the bot may post is decided by one rule."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from microsoft_agents.activity import Activity

from adapters.teams.references import conversation_ref, may_post_to, sdk_reference
from commplan.conversations import ConversationKind, ConversationRef

AT = datetime(2026, 9, 1, 8, tzinfo=UTC)
# Exactly what the Bot Framework SDK 4.17 (the adapter before the Agents SDK) serialised
# stored for Pete's personal chat and for a channel, before the move to the Agents SDK.
OLD_PERSONAL = (
    '{"user": {"id": "29:pete", "name": "Pete Brodie", "aadObjectId": "aad-pete"}, '
    '"bot": {"id": "28:harmonibot", "name": "Harmonibot"}, '
    '"conversation": {"conversationType": "personal", "id": "a:1personal-pete"}, '
    '"channelId": "msteams", "locale": "en-GB", '
    '"serviceUrl": "https://smba.trafficmanager.net/emea/"}'
)
OLD_CHANNEL = (
    '{"user": {"id": "29:pete", "name": "Pete Brodie", "aadObjectId": "aad-pete"}, '
    '"bot": {"id": "28:harmonibot", "name": "Harmonibot"}, '
    '"conversation": {"isGroup": true, "conversationType": "channel", '
    '"id": "19:general@thread.tacv2"}, "channelId": "msteams", '
    '"serviceUrl": "https://smba.trafficmanager.net/emea/"}'
)


def row(
    payload: str, kind: ConversationKind, conversation_id: str, **fields: str
) -> ConversationRef:
    return ConversationRef(
        platform="teams",
        conversation_id=conversation_id,
        kind=kind,
        updated_at=AT,
        service_url=fields.get("service_url", "https://smba.trafficmanager.net/emea/"),
        tenant_id="tenant-1",
        payload=payload,
    )


def test_a_personal_chat_stored_by_the_old_adapter_continues_in_the_sdk() -> None:
    stored = row(OLD_PERSONAL, ConversationKind.PERSONAL, "a:1personal-pete")
    continuation = sdk_reference(stored).get_continuation_activity()
    assert continuation.conversation.id == "a:1personal-pete"
    assert continuation.conversation.conversation_type == "personal"
    # The old SDK left the tenant out of the conversation; the row's column puts it back.
    assert continuation.conversation.tenant_id == "tenant-1"
    assert continuation.recipient.id == "28:harmonibot"
    assert continuation.from_property.aad_object_id == "aad-pete"
    assert continuation.service_url == "https://smba.trafficmanager.net/emea/"
    assert str(continuation.channel_id) == "msteams"


def test_a_channel_stored_by_the_old_adapter_continues_at_the_service_url_seen_last() -> None:
    stored = row(
        OLD_CHANNEL,
        ConversationKind.CHANNEL,
        "19:general@thread.tacv2",
        service_url="https://smba.trafficmanager.net/uk/",
    )
    continuation = sdk_reference(stored).get_continuation_activity()
    assert continuation.conversation.id == "19:general@thread.tacv2"
    assert continuation.conversation.is_group is True
    assert continuation.service_url == "https://smba.trafficmanager.net/uk/"


@pytest.mark.parametrize("payload", ["", "not json", "[1, 2]", '{"conversation": 5}'])
def test_a_damaged_payload_is_rebuilt_from_the_row(payload: str) -> None:
    stored = row(payload, ConversationKind.CHANNEL, "19:general@thread.tacv2")
    continuation = sdk_reference(stored).get_continuation_activity()
    assert continuation.conversation.id == "19:general@thread.tacv2"
    assert continuation.conversation.conversation_type == "channel"
    assert continuation.conversation.tenant_id == "tenant-1"
    assert continuation.service_url == "https://smba.trafficmanager.net/emea/"


def test_the_sdk_stores_references_in_the_shape_the_old_adapter_did() -> None:
    activity = Activity.model_validate(
        {
            "type": "message",
            "id": "m-1",
            "channelId": "msteams",
            "serviceUrl": "https://smba.trafficmanager.net/emea/",
            "locale": "en-GB",
            "from": {"id": "29:pete", "name": "Pete Brodie", "aadObjectId": "aad-pete"},
            "recipient": {"id": "28:harmonibot", "name": "Harmonibot"},
            "conversation": {"id": "a:1personal-pete", "conversationType": "personal"},
            "channelData": {"tenant": {"id": "tenant-1"}},
        }
    )
    stored = conversation_ref(activity, AT)
    assert stored is not None and stored.tenant_id == "tenant-1"
    assert json.loads(stored.payload) == json.loads(OLD_PERSONAL)


@pytest.mark.parametrize(
    ("url", "authenticated", "allowed"),
    [
        ("https://smba.trafficmanager.net/emea/", True, True),
        ("https://smba.infra.gcc.teams.microsoft.com/", True, True),
        ("http://smba.trafficmanager.net/emea/", True, False),
        ("https://smba.trafficmanager.net.evil.example/", True, False),
        ("http://127.0.0.1:56150/_connector", True, False),
        ("http://localhost:56150/_connector", False, True),
        ("http://127.0.0.1:56150/_connector", False, True),
        ("http://[::1]:56150/", False, True),
        ("https://smba.trafficmanager.net/emea/", False, False),
        ("http://169.254.169.254/latest/", False, False),
        ("http://10.0.0.5:8080/", False, False),
        ("http://user:pw@127.0.0.1/", False, False),
        ("file:///etc/passwd", False, False),
        ("http://[::1", False, False),
    ],
)
def test_where_the_bot_may_post(url: str, authenticated: bool, allowed: bool) -> None:
    assert may_post_to(url, authenticated=authenticated) is allowed

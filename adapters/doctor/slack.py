"""Slack: the token, its scopes, the digest channels, and which owners Slack can find."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from aiohttp import ClientError
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.doctor.findings import Finding, first_line, ok, problem, warning
from adapters.settings import SlackSettings
from adapters.slack.client import make_client
from commplan.services.roster import Owner

AREA = "slack"
#: The bot scopes ``adapters/slack/manifest.yaml`` asks for (a test keeps them the same).
SCOPES = frozenset(
    {
        "app_mentions:read",
        "chat:write",
        "commands",
        "im:history",
        "im:read",
        "im:write",
        "users:read",
        "users:read.email",
        "files:read",
        "files:write",
        "channels:read",
    }
)
_BAD_TOKEN = frozenset(
    {"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive"}
)
_NOT_FOUND = frozenset({"users_not_found", "user_not_found"})
_CHANNEL_ID = re.compile(r"[CGD][A-Z0-9]{6,}")


@dataclass(frozen=True, kw_only=True)
class SlackReport:
    """The findings, and why each owner Slack cannot reach is unreachable (by name)."""

    findings: list[Finding]
    unreachable: dict[str, str] = field(default_factory=dict)
    signed_in: bool = False


async def check_slack(
    settings: SlackSettings, owners: Sequence[Owner], client: AsyncWebClient | None = None
) -> SlackReport:
    client = client or make_client(settings)
    try:
        signed_in = await client.auth_test()
    except SlackApiError as error:
        code = _code(error)
        fix = (
            "copy the Bot User OAuth Token (xoxb-...) from the app's OAuth & Permissions page "
            "into SLACK_BOT_TOKEN, and reinstall the app if it was removed"
            if code in _BAD_TOKEN
            else "see Slack's error code; check SLACK_BOT_TOKEN and SLACK_API_URL"
        )
        detail = f"SLACK_BOT_TOKEN is not accepted ({code})"
        return SlackReport(findings=[problem(AREA, "slack.token", detail, fix)])
    except (ClientError, OSError) as error:
        reason = first_line(error) or type(error).__name__
        detail = f"cannot reach Slack at {settings.api_url} ({reason})"
        fix = "check SLACK_API_URL (or leave it unset) and the network"
        return SlackReport(findings=[problem(AREA, "slack.token", detail, fix)])
    findings = [
        ok(
            AREA,
            "slack.token",
            f"signed in as @{signed_in.get('user', '?')} to {signed_in.get('team', '?')}",
        ),
        _scopes(signed_in.headers),
    ]
    findings += await _channels(client, settings.team_channels)
    unreachable = await _owners(client, owners)
    return SlackReport(findings=findings, unreachable=unreachable, signed_in=True)


def _scopes(headers: dict[str, object]) -> Finding:
    given = next((str(v) for k, v in headers.items() if k.lower() == "x-oauth-scopes"), None)
    if given is None:
        return warning(AREA, "slack.scopes", "Slack did not say which scopes the token has")
    have = {scope.strip() for scope in given.split(",") if scope.strip()}
    missing = sorted(SCOPES - have)
    if missing:
        return problem(
            AREA,
            "slack.scopes",
            f"the token lacks the scopes {', '.join(missing)}",
            "add them under OAuth & Permissions > Bot Token Scopes (or create the app from "
            "adapters/slack/manifest.yaml), then reinstall the app and copy the new token",
        )
    return ok(AREA, "slack.scopes", "the token has every scope the bot uses")


async def _channels(client: AsyncWebClient, wanted: Sequence[str]) -> list[Finding]:
    if not wanted:
        member_of = await _member_of(client)
        return [
            warning(
                AREA,
                "slack.channels",
                "HARMONIBOT_SLACK_CHANNELS is empty: the digest and new-query notices are "
                "not posted in Slack; the bot is in "
                + (", ".join(member_of) if member_of else "no channel"),
                "set HARMONIBOT_SLACK_CHANNELS to the digest channel's id (C0...) and "
                "/invite the bot there",
            )
        ]
    findings = []
    for channel in wanted:
        check = f"slack.channel.{channel}"
        try:
            info = (await client.conversations_info(channel=channel)).get("channel") or {}
        except SlackApiError as error:
            hint = "" if _CHANNEL_ID.fullmatch(channel) else " (give the channel's id, C0...)"
            findings.append(
                problem(
                    AREA,
                    check,
                    f"channel {channel} in HARMONIBOT_SLACK_CHANNELS cannot be seen "
                    f"({_code(error)}){hint}",
                    "copy the id from the channel's details and /invite the bot to it",
                )
            )
            continue
        name = f"#{info.get('name') or channel}"
        if not info.get("is_member"):
            findings.append(
                problem(
                    AREA,
                    check,
                    f"the bot is not in {name}, so the digest cannot be posted there",
                    f"in {name}, type /invite @ and the bot's name",
                )
            )
        else:
            findings.append(ok(AREA, check, f"the bot is in {name}"))
    return findings


async def _member_of(client: AsyncWebClient) -> list[str]:
    """The public channels the bot is in, as "#name (id)", for choosing a digest channel."""
    try:
        answer = await client.users_conversations(types="public_channel", exclude_archived=True)
    except SlackApiError:
        return []
    channels = answer.get("channels") or []
    return [f"#{c.get('name', '?')} ({c.get('id', '?')})" for c in channels]


async def _owners(client: AsyncWebClient, owners: Sequence[Owner]) -> dict[str, str]:
    """Why each owner Slack cannot find is unreachable; nobody is linked (doctor only reads)."""
    unreachable: dict[str, str] = {}
    for owner in owners:
        person = owner.person
        if person.slack_id:
            continue
        if not person.email:
            unreachable[person.name] = "no e-mail address or Slack id"
            continue
        try:
            await client.users_lookupByEmail(email=person.email)
        except SlackApiError as error:
            code = _code(error)
            unreachable[person.name] = (
                f"no Slack user has the address {person.email}"
                if code in _NOT_FOUND
                else f"Slack would not look up {person.email} ({code})"
            )
    return unreachable


def _code(error: SlackApiError) -> str:
    return str(error.response.get("error") or "error")

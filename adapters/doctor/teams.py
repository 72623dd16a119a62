"""Teams: the app's id and secret (where Microsoft's sign-in can be reached), the channels
the bot is in, and which owners have a personal chat with the bot it can write in."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from adapters.doctor.findings import Finding, first_line, ok, problem, warning
from adapters.settings import TeamsSettings
from commplan.conversations import ConversationRef
from commplan.services.roster import Owner

AREA = "teams"
SIGN_IN = "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token"
BOT_SCOPE = "https://api.botframework.com/.default"
TIMEOUT = 10.0
_GONE = (403, 404)
#: What to do for an owner Teams cannot reach.
INSTALL = (
    "they open a chat with the bot in Teams once, or an admin installs the app for them "
    "(Teams admin centre > Setup policies)"
)


# The same rule as the Teams sender's (adapters/teams/references.py, which imports botbuilder):
# the app's token goes only to Microsoft's own services.
_SERVICE_HOSTS = ("smba.trafficmanager.net",)
_SERVICE_DOMAINS = (
    ".botframework.com",
    ".teams.microsoft.com",
    ".teams.microsoft.us",
    ".botframework.azure.us",
)


def microsoft_service(url: str) -> bool:
    """Whether a stored chat's service URL is Teams' or the Bot Framework's (https)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    return parts.scheme == "https" and (host in _SERVICE_HOSTS or host.endswith(_SERVICE_DOMAINS))


@dataclass(frozen=True, kw_only=True)
class TeamsReport:
    findings: list[Finding]
    unreachable: dict[str, str] = field(default_factory=dict)


def token_url(settings: TeamsSettings) -> str:
    """Where the app signs in: its tenant for a single-tenant app, else the Bot Framework's."""
    single = settings.app_type.lower() == "singletenant" and settings.tenant_id
    return SIGN_IN.format(tenant=settings.tenant_id if single else "botframework.com")


async def check_teams(
    settings: TeamsSettings,
    owners: Sequence[Owner],
    channels: Sequence[ConversationRef],
    *,
    sign_in_url: str = "",
    trusted: Callable[[str], bool] = microsoft_service,
) -> TeamsReport:
    """``sign_in_url`` replaces Microsoft's sign-in and ``trusted`` says which service URLs
    may be sent the token (both for tests on loopback)."""
    findings: list[Finding] = []
    async with httpx.AsyncClient(timeout=TIMEOUT) as client:
        token = ""
        if settings.app_id:
            found, token = await _sign_in(client, settings, sign_in_url or token_url(settings))
            findings.append(found)
        else:
            findings.append(
                warning(
                    AREA,
                    "teams.app",
                    "MICROSOFT_APP_ID is not set: Teams works only on loopback, unauthenticated",
                    "register the bot (Azure Bot) and set MICROSOFT_APP_ID and "
                    "MICROSOFT_APP_PASSWORD",
                )
            )
        findings += _channels(settings, channels)
        unreachable = {}
        for owner in owners:
            reason = await _reach(client, owner, token if trusted(_service(owner)) else "")
            if reason:
                unreachable[owner.person.name] = reason
    return TeamsReport(findings=findings, unreachable=unreachable)


async def _sign_in(
    client: httpx.AsyncClient, settings: TeamsSettings, url: str
) -> tuple[Finding, str]:
    if not settings.app_password:
        return problem(
            AREA,
            "teams.credentials",
            "MICROSOFT_APP_PASSWORD is empty: the bot cannot send anything in Teams",
            "create a client secret for the app (Azure portal > the bot's app registration > "
            "Certificates & secrets) and set MICROSOFT_APP_PASSWORD",
        ), ""
    form = {
        "grant_type": "client_credentials",
        "client_id": settings.app_id,
        "client_secret": settings.app_password,
        "scope": BOT_SCOPE,
    }
    try:
        response = await client.post(url, data=form)
    except httpx.TransportError as error:
        return warning(
            AREA,
            "teams.credentials",
            f"Microsoft's sign-in at {httpx.URL(url).host} cannot be reached "
            f"({type(error).__name__}): the app id and secret were not checked",
        ), ""
    if response.status_code == 200:
        token = str(_json(response).get("access_token") or "")
        return ok(AREA, "teams.credentials", "the app id and secret sign in"), token
    body = _json(response)
    code = str(body.get("error") or response.status_code)
    said = first_line(body.get("error_description") or "")
    if "AADSTS700016" in said or code == "unauthorized_client":
        detail = f"MICROSOFT_APP_ID {settings.app_id} is not an app Microsoft knows ({said})"
        fix = "copy the Microsoft App ID from the Azure Bot's Configuration page"
    elif code == "invalid_client":
        detail = f"MICROSOFT_APP_PASSWORD is not accepted ({said or code})"
        fix = "create a new client secret for the app and set MICROSOFT_APP_PASSWORD to its value"
    else:
        detail = f"signing in failed ({code}: {said})"
        fix = "check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD, MICROSOFT_APP_TYPE and TENANT_ID"
    return problem(AREA, "teams.credentials", detail, fix), ""


def _json(response: httpx.Response) -> dict[str, object]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _channels(settings: TeamsSettings, stored: Sequence[ConversationRef]) -> list[Finding]:
    known = {c.conversation_id for c in stored}
    wanted = [c.split(";messageid=", 1)[0] for c in settings.team_channels]
    if not wanted:
        if known:
            return [ok(AREA, "teams.channels", f"the bot is in {len(known)} Teams channel(s)")]
        return [
            warning(
                AREA,
                "teams.channels",
                "the bot is in no Teams channel: the digest is not posted in Teams",
                "add the app to the team's channel (Apps > the bot > Add to a team)",
            )
        ]
    findings = []
    for channel in wanted:
        if channel in known:
            findings.append(ok(AREA, f"teams.channel.{channel}", "the bot is in this channel"))
        else:
            findings.append(
                problem(
                    AREA,
                    f"teams.channel.{channel}",
                    f"the bot has not been added to {channel} (HARMONIBOT_TEAMS_CHANNELS)",
                    "add the app to that team, then post '@bot hello' in the channel once",
                )
            )
    return findings


def _service(owner: Owner) -> str:
    return owner.teams_chat.service_url if owner.teams_chat else ""


async def _reach(client: httpx.AsyncClient, owner: Owner, token: str) -> str:
    """Why the owner cannot be reached in Teams, or "" when they can."""
    person, chat = owner.person, owner.teams_chat
    if not person.teams_id:
        return "has not talked to the bot in Teams"
    if chat is None:
        return "has no personal chat with the bot in Teams"
    if not (token and chat.service_url):
        return ""
    # Asking the chat's members reads nothing private and tells whether the bot is still in it.
    url = f"{chat.service_url.rstrip('/')}/v3/conversations/{chat.conversation_id}/members"
    try:
        response = await client.get(url, headers={"Authorization": f"Bearer {token}"})
    except httpx.TransportError:
        return ""
    if response.status_code in _GONE:
        return f"removed the bot from their Teams chat (HTTP {response.status_code})"
    return ""

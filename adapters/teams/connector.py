"""The Agents SDK's CloudAdapter, built in this one place from our settings, for the endpoint
and the sender alike.

Outbound calls (replies, proactive messages, member lookups) all go through connector
clients that :class:`ConnectorFactory` makes, so the one rule about where the bot may post
(:func:`~adapters.teams.references.may_post_to`) is kept here whatever asks: with
authentication off, nothing beyond this machine; with it on, nothing but Microsoft's services.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Protocol

from aiohttp import ClientSession, ClientTimeout
from microsoft_agents.authentication.msal import MsalAuth
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import AgentAuthConfiguration, ClaimsIdentity, TurnContext
from microsoft_agents.hosting.core.authorization import AuthTypes
from microsoft_agents.hosting.core.connector.client import UserTokenClient
from microsoft_agents.hosting.core.connector.teams import TeamsConnectorClient

from adapters.settings import Settings, SettingsError, TeamsSettings
from adapters.teams.references import may_post_to
from commplan.ports import Clock, UnitOfWorkFactory

logger = logging.getLogger(__name__)

#: The tenant a multi-tenant Bot Framework app gets its tokens from.
MULTITENANT_AUTHORITY = "botframework.com"
#: Where the SDK's user-token client would point; the bot uses no user sign-in, so it is
#: never called, but the SDK makes one per turn.
TOKEN_SERVICE = "https://api.botframework.com"
#: Seconds one call to the Bot Connector may take (the SDK sets no limit).
CONNECTOR_TIMEOUT = 30.0
_APP_TYPES = {
    "multitenant": "MultiTenant",
    "singletenant": "SingleTenant",
    "userassignedmsi": "UserAssignedMSI",
}


class TeamsRuntime(Protocol):
    """What Teams needs of ``adapters.bootstrap.Runtime`` (named here, to stay clear of storage)."""

    @property
    def settings(self) -> Settings: ...

    @property
    def uow(self) -> UnitOfWorkFactory: ...

    @property
    def clock(self) -> Clock: ...


class ServiceUrlRefused(PermissionError):
    """The bot was about to call a service URL it must not (see ``may_post_to``)."""


def auth_configuration(teams: TeamsSettings) -> AgentAuthConfiguration | None:
    """The SDK's configuration for the bot's own tokens; None with authentication off.

    Raises:
        SettingsError: the app type is unknown, or a single-tenant app lacks its tenant; the
            message names the variable.
    """
    app_type = _APP_TYPES.get(teams.app_type.strip().lower())
    if app_type is None:
        raise SettingsError(
            "MICROSOFT_APP_TYPE must be MultiTenant, SingleTenant or UserAssignedMSI, "
            f"not {teams.app_type!r}"
        )
    if not teams.app_id:
        return None
    if app_type != "MultiTenant" and not teams.tenant_id:
        raise SettingsError(f"MICROSOFT_APP_TENANT_ID is needed for a {app_type} app")
    if app_type == "UserAssignedMSI":
        return AgentAuthConfiguration(
            auth_type=AuthTypes.user_managed_identity,
            client_id=teams.app_id,
            tenant_id=teams.tenant_id,
        )
    if not teams.app_password:
        # Requests are still checked; only the bot's own messages will fail to authenticate.
        logger.warning("MICROSOFT_APP_PASSWORD is empty: the bot cannot reply in Teams")
    return AgentAuthConfiguration(
        auth_type=AuthTypes.client_secret,
        client_id=teams.app_id,
        client_secret=teams.app_password,
        tenant_id=teams.tenant_id if app_type == "SingleTenant" else MULTITENANT_AUTHORITY,
    )


def without_nulls(document: Any) -> str:
    """JSON for the Bot Connector without the top-level nulls the SDK leaves in an activity
    (``"id": null``, ``"replyToId": null``), which the Agents Playground's connector refuses
    as invalid input and Teams has no use for."""
    if isinstance(document, dict):
        document = {key: value for key, value in document.items() if value is not None}
    return json.dumps(document)


class ConnectorFactory:
    """Makes the SDK's connector clients, refusing any service URL the bot may not call.

    With an app id, each client carries the bot's token (MSAL, fetched in a thread and
    cached by MSAL); without one, no token is fetched and none is sent.
    """

    def __init__(self, configuration: AgentAuthConfiguration | None) -> None:
        self._tokens = MsalAuth(configuration) if configuration is not None else None

    @property
    def authenticated(self) -> bool:
        return self._tokens is not None

    async def create_connector_client(
        self,
        context: TurnContext | None,
        claims_identity: ClaimsIdentity,
        service_url: str,
        audience: str,
        scopes: list[str] | None = None,
        use_anonymous: bool = False,
    ) -> TeamsConnectorClient:
        if not may_post_to(service_url, authenticated=self.authenticated):
            raise ServiceUrlRefused(
                f"not calling the service URL {service_url!r}: "
                + (
                    "it is not Microsoft's"
                    if self.authenticated
                    else "authentication is off and it is not on this machine"
                )
            )
        token = ""
        if self._tokens is not None:
            token = await self._tokens.get_access_token(
                audience, scopes or claims_identity.get_token_scope()
            )
        session = ClientSession(
            base_url=service_url if service_url.endswith("/") else service_url + "/",
            json_serialize=without_nulls,
            timeout=ClientTimeout(total=CONNECTOR_TIMEOUT),
        )
        return TeamsConnectorClient(endpoint=service_url, token=token, session=session)

    async def create_user_token_client(
        self, context: TurnContext, claims_identity: ClaimsIdentity, use_anonymous: bool = False
    ) -> UserTokenClient:
        # No user sign-in in this bot: a client without a token, never called.
        return UserTokenClient(
            endpoint=TOKEN_SERVICE, token="", app_id=claims_identity.get_app_id() or "harmonibot"
        )


class TeamsCloudAdapter(CloudAdapter):
    """The SDK's CloudAdapter with our connector factory; knows whether it authenticates."""

    def __init__(self, factory: ConnectorFactory) -> None:
        super().__init__(channel_service_client_factory=factory)
        self.authenticated = factory.authenticated
        self.on_turn_error = _log_turn_error


async def _log_turn_error(context: TurnContext, error: Exception) -> None:
    # The core never raises for what users do, so this is a send or a connector failure;
    # the SDK's default would send the exception's text to the user.
    activity = context.activity
    logger.error(
        "a Teams turn failed (%s activity %s)",
        activity.type,
        activity.id,
        exc_info=(type(error), error, error.__traceback__),
    )


def make_adapter(teams: TeamsSettings) -> TeamsCloudAdapter:
    """The CloudAdapter for these settings; an empty app id turns authentication off.

    Raises:
        SettingsError: see :func:`auth_configuration`.
    """
    return TeamsCloudAdapter(ConnectorFactory(auth_configuration(teams)))


def anonymous_identity() -> ClaimsIdentity:
    """The identity of a turn or a proactive message with authentication off."""
    return ClaimsIdentity()

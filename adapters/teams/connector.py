"""The CloudAdapter, built in this one place from our settings for the endpoint and the sender.

botbuilder's ``ConfigurationBotFrameworkAuthentication`` reads its settings as attributes of
a configuration object; it is given :class:`BotConfiguration`, filled from
:class:`~adapters.settings.TeamsSettings`, so nothing here reads the environment.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any, Protocol

from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import (
    CloudAdapter,
    ConfigurationBotFrameworkAuthentication,
    ConfigurationServiceClientCredentialFactory,
)

from adapters.settings import Settings, SettingsError, TeamsSettings
from commplan.ports import Clock, UnitOfWorkFactory

logger = logging.getLogger(__name__)

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


@dataclass(frozen=True, kw_only=True)
class BotConfiguration:
    """The settings botbuilder reads, under the attribute names it reads them by."""

    APP_ID: str
    APP_PASSWORD: str = field(repr=False)
    APP_TYPE: str
    APP_TENANTID: str


def bot_configuration(teams: TeamsSettings) -> BotConfiguration:
    """Our Teams settings as botbuilder's configuration, checked first.

    Raises:
        SettingsError: the app type is unknown, or a single-tenant app lacks its tenant or
            password; the message names the variable.
    """
    app_type = _APP_TYPES.get(teams.app_type.strip().lower())
    if app_type is None:
        raise SettingsError(
            "MICROSOFT_APP_TYPE must be MultiTenant, SingleTenant or UserAssignedMSI, "
            f"not {teams.app_type!r}"
        )
    if not teams.app_id:
        # Authentication is off; botbuilder's anonymous path is its multi-tenant one.
        app_type = "MultiTenant"
    elif app_type != "MultiTenant" and not teams.tenant_id:
        raise SettingsError(f"MICROSOFT_APP_TENANT_ID is needed for a {app_type} app")
    if teams.app_id and app_type != "UserAssignedMSI" and not teams.app_password:
        # Requests are still checked; only the bot's own messages will fail to authenticate.
        logger.warning("MICROSOFT_APP_PASSWORD is empty: the bot cannot reply in Teams")
    return BotConfiguration(
        APP_ID=teams.app_id,
        APP_PASSWORD=teams.app_password,
        APP_TYPE=app_type,
        APP_TENANTID=teams.tenant_id,
    )


class CachedCredentials:
    """botbuilder's credential factory, keeping credentials and fetching tokens off the loop.

    botbuilder makes new credentials, each with a new MSAL client and so an empty token
    cache, for every turn and every proactive message; the first send then fetches a token
    synchronously, on the event loop. Here one set of credentials is kept per scope, and its
    token is fetched (or found in MSAL's cache) in a thread before botbuilder needs it.
    """

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self._credentials: dict[tuple[object, ...], Any] = {}

    async def is_valid_app_id(self, app_id: str) -> bool:
        return bool(await self._inner.is_valid_app_id(app_id))

    async def is_authentication_disabled(self) -> bool:
        return bool(await self._inner.is_authentication_disabled())

    async def create_credentials(
        self, app_id: str, oauth_scope: str, login_endpoint: str, validate_authority: bool
    ) -> Any:
        """The credentials for this scope, with a token ready when authentication is on."""
        key = (app_id, oauth_scope, login_endpoint, validate_authority)
        credentials = self._credentials.get(key)
        if credentials is None:
            made = await self._inner.create_credentials(
                app_id, oauth_scope, login_endpoint, validate_authority
            )
            # Two first turns at once may both make one; either will do.
            credentials = self._credentials.setdefault(key, made)
        fetch = getattr(credentials, "get_access_token", None)
        if fetch is not None and not await self.is_authentication_disabled():
            try:
                await asyncio.to_thread(fetch)
            except Exception as error:
                # Best effort: the send tries again itself and fails the turn if it must.
                logger.warning("could not get a Bot Framework token: %s", error)
        return credentials


class TeamsCloudAdapter(CloudAdapter):  # type: ignore[misc]
    """botbuilder's CloudAdapter, closing each turn's connector client when the turn ends.

    Every turn (and every proactive message) gets a new connector client with its own HTTP
    session; botbuilder leaves them to the garbage collector.
    """

    async def run_pipeline(self, context: TurnContext, callback: Any = None) -> Any:
        try:
            return await super().run_pipeline(context, callback)
        finally:
            client = context.turn_state.get(self.BOT_CONNECTOR_CLIENT_KEY)
            if client is not None:
                try:
                    await client.__aexit__(None, None, None)
                except Exception:
                    logger.debug("closing a connector client failed", exc_info=True)


async def _log_turn_error(context: TurnContext, error: Exception) -> None:
    # The core never raises for what users do, so this is a send or a connector failure.
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
        SettingsError: see :func:`bot_configuration`.
    """
    configuration = bot_configuration(teams)
    credentials = CachedCredentials(ConfigurationServiceClientCredentialFactory(configuration))
    adapter = TeamsCloudAdapter(
        ConfigurationBotFrameworkAuthentication(configuration, credentials_factory=credentials)
    )
    adapter.on_turn_error = _log_turn_error
    return adapter

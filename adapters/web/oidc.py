"""Single sign-on for the web chat with OpenID Connect, through Authlib.

Any provider that publishes a discovery document works: Microsoft Entra ID
(``https://login.microsoftonline.com/<tenant>/v2.0``) and Sign in with Slack
(``https://slack.com``) among them. ``/auth/login`` sends the browser to the provider with a
signed, single-use ``state`` (also kept in a cookie, so that nobody can sign a victim in as
themselves) and a ``nonce``; ``/auth/callback`` trades the code for tokens, checks the ID
token's signature against the provider's keys and its issuer, audience, expiry and nonce,
and starts a session for the person in the directory with the e-mail address it vouches for.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import httpx
from aiohttp import web
from authlib.oauth2.rfc6749.parameters import (  # type: ignore[import-untyped]
    prepare_grant_uri,
    prepare_token_request,
)
from authlib.oidc.core import CodeIDToken  # type: ignore[import-untyped]
from joserfc import jwt
from joserfc.errors import JoseError as JoserfcError
from joserfc.jwk import KeySet

from adapters.web.bridge import off_loop
from adapters.web.config import CONFIG
from adapters.web.page import refuse
from adapters.web.sessions import start_session
from adapters.web.signin import BadToken, sign, verify
from commplan.services.signin import person_with_email, use_once

logger = logging.getLogger(__name__)

STATE_COOKIE = "harmonibot_oidc"
STATE_LIFETIME = timedelta(minutes=10)
STATE_KIND = "oidc_state"
TIMEOUT = 10.0
SCOPES = "openid email profile"


class ProviderError(Exception):
    """The provider could not be reached or answered with something unusable."""


class BadAnswer(ValueError):
    """The provider answered, but not with what a sign-in needs (a refused code, no token)."""


@dataclass(kw_only=True)
class Provider:
    """One OpenID provider, its discovery document and keys fetched once and kept."""

    issuer: str
    client_id: str
    client_secret: str = field(repr=False)
    label: str
    public_url: str
    metadata: dict[str, Any] = field(default_factory=dict)
    keys: dict[str, Any] = field(default_factory=dict)

    async def discover(self) -> dict[str, Any]:
        if not self.metadata:
            document = await _get_json(f"{self.issuer}/.well-known/openid-configuration")
            # A document for another issuer would let that issuer's tokens in.
            if document.get("issuer", "").rstrip("/") != self.issuer:
                raise ProviderError("the discovery document names another issuer")
            for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
                if not isinstance(document.get(key), str):
                    raise ProviderError(f"the discovery document has no {key}")
            self.metadata = document
        return self.metadata

    async def key_set(self, *, fresh: bool = False) -> KeySet:
        if fresh or not self.keys:
            self.keys = await _get_json((await self.discover())["jwks_uri"])
        return KeySet.import_key_set(self.keys)  # type: ignore[arg-type]

    def redirect_uri(self, request: web.Request) -> str:
        # The public address when there is one; on loopback, the address the browser used
        # (its Host was checked by the guard).
        base = self.public_url or f"{request.scheme}://{request.host}"
        return f"{base}/auth/callback"

    async def tokens(self, request: web.Request, code: str) -> dict[str, Any]:
        """The token endpoint's answer for an authorisation code."""
        metadata = await self.discover()
        body = prepare_token_request(
            "authorization_code", code=code, redirect_uri=self.redirect_uri(request)
        )
        # client_secret_basic is the default (Entra ID); Slack accepts only client_secret_post.
        methods = metadata.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
        auth: httpx.Auth = httpx.BasicAuth(self.client_id, self.client_secret)
        if "client_secret_basic" not in methods:
            auth = _NO_AUTH
            body += "&" + urlencode(
                {"client_id": self.client_id, "client_secret": self.client_secret}
            )
        try:
            async with httpx.AsyncClient(timeout=TIMEOUT) as client:
                response = await client.post(
                    metadata["token_endpoint"],
                    content=body,
                    auth=auth,
                    headers={
                        "Content-Type": "application/x-www-form-urlencoded",
                        "Accept": "application/json",
                    },
                )
                answer = response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise ProviderError(f"the token endpoint failed ({type(error).__name__})") from None
        if not isinstance(answer, dict) or response.status_code != 200:
            said = answer.get("error", "") if isinstance(answer, dict) else ""
            raise BadAnswer(f"the token endpoint refused the code ({str(said)[:100]})")
        return answer


_NO_AUTH = httpx.Auth()  # the base class sends the request as it is

PROVIDER = web.AppKey("oidc", Provider)


def mount_oidc(app: web.Application, provider: Provider) -> None:
    app[PROVIDER] = provider
    app.router.add_get("/auth/login", login)
    app.router.add_get("/auth/callback", callback)


async def _get_json(url: str) -> dict[str, Any]:
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT) as client:
            response = await client.get(url)
            response.raise_for_status()
            document = response.json()
    except (httpx.HTTPError, ValueError) as error:
        raise ProviderError(f"{url} did not answer with JSON ({type(error).__name__})") from None
    if not isinstance(document, dict):
        raise ProviderError(f"{url} did not answer with a JSON object")
    return document


def _unavailable() -> web.Response:
    return refuse(
        503,
        "Single sign-on is not answering just now. Try again in a minute, or ask the bot for "
        "'web chat link' in a direct message on Slack or Teams.",
        title="Web chat",
    )


async def login(request: web.Request) -> web.StreamResponse:
    """``GET /auth/login``: off to the provider, with a fresh state and nonce."""
    provider, config = request.app[PROVIDER], request.app[CONFIG]
    try:
        metadata = await provider.discover()
    except ProviderError as error:
        logger.warning("single sign-on: %s", error)
        return _unavailable()
    nonce = secrets.token_urlsafe(16)
    state = sign(
        config.key,
        person="",
        now=config.clock.now(),
        lifetime=STATE_LIFETIME,
        purpose="oidc",
        nonce=nonce,
    )
    url = prepare_grant_uri(
        metadata["authorization_endpoint"],
        client_id=provider.client_id,
        response_type="code",
        redirect_uri=provider.redirect_uri(request),
        scope=SCOPES,
        state=state,
        nonce=nonce,
    )
    response = web.HTTPSeeOther(url)
    response.set_cookie(
        STATE_COOKIE,
        state,
        max_age=int(STATE_LIFETIME.total_seconds()),
        httponly=True,
        samesite="Lax",  # sent on the provider's redirect back, a top-level navigation
        secure=config.secure_cookies,
        path="/auth",
    )
    raise response


async def callback(request: web.Request) -> web.StreamResponse:
    """``GET /auth/callback?code=...&state=...``: check everything, then start a session."""
    provider, config = request.app[PROVIDER], request.app[CONFIG]
    now = config.clock.now()
    state = request.query.get("state", "")
    if not state or state != request.cookies.get(STATE_COOKIE):
        return _refused("this sign-in was not started from this browser")
    try:
        token = verify(config.key, state, now=now, purpose="oidc")
    except BadToken as error:
        return _refused(f"the sign-in state is not valid ({error})")
    if not await off_loop(
        use_once, config.uow(), f"oidc-state:{token.nonce}", kind=STATE_KIND, at=now
    ):
        return _refused("this sign-in was finished already")
    if "error" in request.query or not request.query.get("code"):
        # The provider's own words: the person refused consent, or the app is not allowed.
        reason = request.query.get("error_description") or request.query.get("error", "no code")
        return _refused(f"the provider said: {reason[:200]}")
    try:
        claims = await _id_token_claims(provider, request, request.query["code"], token.nonce)
    except ProviderError as error:
        logger.warning("single sign-on: %s", error)
        return _unavailable()
    except (BadAnswer, JoserfcError, ValueError) as error:
        return _refused(f"the provider's answer did not check out ({type(error).__name__})")
    email = _email(claims)
    person = await off_loop(person_with_email, config.uow(), email)
    if person is None:
        logger.info("single sign-on: no one in the directory has the address given")
        return refuse(
            403,
            f"You signed in as {email or 'someone without an e-mail address'}, but nobody in "
            "harmonibot's directory has that address. Ask the harmonisation team to add it.",
            title="Web chat",
        )
    response = web.HTTPSeeOther("/chat")
    response.del_cookie(STATE_COOKIE, path="/auth")
    start_session(response, config, person.name)
    raise response


def _refused(reason: str) -> web.Response:
    logger.info("single sign-on refused: %s", reason)
    return refuse(403, f"Sign-in failed: {reason}. Please start again.", title="Web chat")


async def _id_token_claims(
    provider: Provider, request: web.Request, code: str, nonce: str
) -> dict[str, Any]:
    """The ID token's claims, once its signature, issuer, audience, times and nonce hold."""
    metadata = await provider.discover()
    tokens = await provider.tokens(request, code)
    if "id_token" not in tokens:
        raise BadAnswer("no id_token in the provider's answer")
    algorithms = metadata.get("id_token_signing_alg_values_supported") or ["RS256"]
    try:
        decoded = jwt.decode(tokens["id_token"], await provider.key_set(), algorithms=algorithms)
    except JoserfcError:
        # The provider may have rolled its keys since they were fetched: once more, fresh.
        decoded = jwt.decode(
            tokens["id_token"], await provider.key_set(fresh=True), algorithms=algorithms
        )
    checked = CodeIDToken(
        decoded.claims,
        decoded.header,
        {
            "iss": {"essential": True, "values": [provider.issuer, metadata["issuer"]]},
            # Authlib checks azp against the client; the audience must name this client too.
            "aud": {"essential": True, "value": provider.client_id},
        },
        {
            "nonce": nonce,
            "client_id": provider.client_id,
            "access_token": tokens.get("access_token"),
        },
    )
    checked.validate(leeway=120)
    return dict(decoded.claims)


def _email(claims: dict[str, Any]) -> str:
    """The address the provider vouches for: ``email``, else Entra's ``preferred_username``."""
    if claims.get("email_verified") is False:
        return ""
    for name in ("email", "preferred_username", "upn"):
        value = claims.get(name)
        if isinstance(value, str) and "@" in value:
            return value.strip().lower()
    return ""

"""Authenticating ``/api/messages``: every failure a 401, and never a stalled event loop.

The Bot Framework signs each activity it sends with a JWT (RS256; its keys are published as
a JWKS). :class:`RequestGuard` checks one in two steps:

1. the header's shape first, with no network: present, ``Bearer``, a JWT whose header and
   claims decode, an RS algorithm, not expired. Anything else is a 401 at once;
2. then :class:`TokenValidator` (PyJWT) in a small thread pool of its own, with a time limit:
   a trusted issuer, a signature by one of that issuer's keys (fetched, and cached, from its
   JWKS), this bot's app id as the audience, and the ``serviceurl`` claim, when there is one,
   naming the activity's service URL. Whatever it raises is a 401.

The Agents SDK has a validator of its own, but it is tied to Microsoft's key addresses and
lets some failures through as other errors; this one is small, takes its keys' address as a
setting (so the tests use a JWKS on loopback) and has a single way out: :class:`Unauthorized`.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import logging
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import jwt
from microsoft_agents.hosting.core import ClaimsIdentity

logger = logging.getLogger(__name__)

#: Seconds a token's validation may take (it may fetch the signing keys first).
AUTH_TIMEOUT = 10.0
#: Validations at once; more wait, so a dead network cannot take every thread.
AUTH_THREADS = 4
#: Clock skew allowed on a token's expiry, as the Bot Framework's own SDKs allow.
LEEWAY = 300.0
#: Seconds the signing keys are kept before they are fetched again (an unknown key id
#: fetches them at once).
KEYS_LIFESPAN = 24 * 3600.0
_ALGORITHMS = ("RS256", "RS384", "RS512")
#: The Bot Framework's token issuers and where their signing keys are published.
BOT_FRAMEWORK_KEYS = {
    "https://api.botframework.com": "https://login.botframework.com/v1/.well-known/keys",
    "https://api.botframework.us": "https://login.botframework.azure.us/v1/.well-known/keys",
}


class Unauthorized(Exception):
    """The request is not from the Bot Framework (or cannot be shown to be); answer 401."""


def _segment(text: str) -> dict[str, Any]:
    """One base64url JSON segment of a JWT, as an object."""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        value = json.loads(raw)
    except (binascii.Error, ValueError, RecursionError):
        raise Unauthorized("the bearer token is not a JWT") from None
    if not isinstance(value, dict):
        raise Unauthorized("the bearer token is not a JWT")
    return value


def check_header(header: str, now: float | None = None) -> None:
    """Refuse, without any network, an Authorization header no valid token can be in.

    Raises:
        Unauthorized: no header, not ``Bearer``, not a decodable JWT, an algorithm the Bot
            Framework does not sign with, or expired.
    """
    if not header:
        raise Unauthorized("no Authorization header")
    scheme, _, token = header.partition(" ")
    if scheme != "Bearer" or not token.strip():
        raise Unauthorized("the Authorization header is not a bearer token")
    parts = token.strip().split(".")
    if len(parts) != 3 or not all(parts):
        raise Unauthorized("the bearer token is not a JWT")
    head, claims = _segment(parts[0]), _segment(parts[1])
    if head.get("alg") not in _ALGORITHMS:
        raise Unauthorized("the bearer token is not signed the Bot Framework's way")
    expires = claims.get("exp")
    if isinstance(expires, bool) or not isinstance(expires, int | float):
        raise Unauthorized("the bearer token has no expiry")
    if expires + LEEWAY < (time.time() if now is None else now):
        raise Unauthorized("the bearer token has expired")


@dataclass(frozen=True, kw_only=True)
class TokenRules:
    """What a token must say: this bot as its audience, and an issuer named here, whose
    signing keys are at the JWKS address it maps to."""

    audience: str
    issuers: Mapping[str, str] = field(default_factory=dict)


def token_rules(app_id: str, tenant_id: str = "", *, jwks_url: str = "") -> TokenRules:
    """The rules for this app: the Bot Framework's issuers, and a single-tenant app's own
    Entra ID tenant. ``jwks_url`` replaces every issuer's key address (tests, a key mirror)."""
    issuers = dict(BOT_FRAMEWORK_KEYS)
    if tenant_id:
        keys = f"https://login.microsoftonline.com/{tenant_id}/discovery/v2.0/keys"
        issuers[f"https://sts.windows.net/{tenant_id}/"] = keys
        issuers[f"https://login.microsoftonline.com/{tenant_id}/v2.0"] = keys
    if jwks_url:
        issuers = dict.fromkeys(issuers, jwks_url)
    return TokenRules(audience=app_id, issuers=issuers)


class TokenValidator:
    """Validates one bearer token against :class:`TokenRules`; blocking (it may fetch keys)."""

    def __init__(self, rules: TokenRules, *, timeout: float = AUTH_TIMEOUT) -> None:
        self.rules = rules
        self._timeout = timeout
        self._keys: dict[str, jwt.PyJWKClient] = {}

    def validate(self, token: str, service_url: str) -> dict[str, Any]:
        """The token's claims, once it is shown to be the Bot Framework's for this bot.

        Raises:
            Unauthorized: anything else (the reason is for the log, not the caller).
        """
        try:
            header = jwt.get_unverified_header(token)
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            raise Unauthorized("the bearer token is not a JWT") from None
        issuer = unverified.get("iss")
        keys_at = self.rules.issuers.get(issuer) if isinstance(issuer, str) else None
        if keys_at is None:
            raise Unauthorized("the token's issuer is not trusted")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise Unauthorized("the token names no signing key")
        try:
            key = self._client(keys_at).get_signing_key(kid)
            claims: dict[str, Any] = jwt.decode(
                token,
                key=key,
                algorithms=["RS256"],
                audience=self.rules.audience,
                issuer=issuer,
                leeway=LEEWAY,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.PyJWTError as error:
            # An unknown key, a bad signature, the wrong audience, keys out of reach.
            raise Unauthorized(f"the token did not validate ({type(error).__name__})") from None
        claimed = claims.get("serviceurl")
        if claimed is not None and _host(str(claimed)) != _host(service_url):
            raise Unauthorized("the token was issued for another service URL")
        return claims

    def _client(self, url: str) -> jwt.PyJWKClient:
        client = self._keys.get(url)
        if client is None:
            client = jwt.PyJWKClient(
                url, cache_keys=True, lifespan=KEYS_LIFESPAN, timeout=self._timeout
            )
            # Two first requests at once may both make one; either will do.
            client = self._keys.setdefault(url, client)
        return client


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


class RequestGuard:
    """Authenticates requests with a :class:`TokenValidator`, off the event loop.

    Without a validator (no app id: authentication off) every request is anonymous, whatever
    header it carries.
    """

    def __init__(
        self,
        validator: TokenValidator | None,
        *,
        timeout: float = AUTH_TIMEOUT,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._validator = validator
        self.enabled = validator is not None
        self._timeout = timeout
        self._clock = clock
        self._pool: ThreadPoolExecutor | None = None

    def precheck(self, header: str) -> None:
        """The cheap check of :func:`check_header`, when authentication is on.

        Raises:
            Unauthorized: see :func:`check_header`.
        """
        if self.enabled:
            check_header(header, self._clock())

    async def authenticate(self, header: str, service_url: str) -> ClaimsIdentity:
        """The SDK's identity for this request: anonymous with authentication off.

        Raises:
            Unauthorized: any failure, including a validation that did not finish in time.
        """
        if self._validator is None:
            return ClaimsIdentity()
        self.precheck(header)
        token = header.partition(" ")[2].strip()
        if self._pool is None:
            self._pool = ThreadPoolExecutor(AUTH_THREADS, thread_name_prefix="teams-auth")
        loop = asyncio.get_running_loop()
        work = loop.run_in_executor(self._pool, self._validator.validate, token, service_url)
        try:
            claims = await asyncio.wait_for(work, self._timeout)
        except TimeoutError:
            raise Unauthorized(
                f"the token could not be validated within {self._timeout:g} s "
                "(are the Bot Framework's signing keys reachable?)"
            ) from None
        except Unauthorized:
            raise
        except Exception as error:
            # Whatever else a validation raises still means "not shown to be the Bot Framework".
            raise Unauthorized(f"{type(error).__name__} while validating the token") from None
        return ClaimsIdentity(claims, authentication_type="Bearer", security_token=token)

    def close(self) -> None:
        """Let the validation threads go (a stuck key fetch is left to finish alone)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

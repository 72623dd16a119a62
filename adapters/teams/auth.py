"""Authenticating ``/api/messages``: every failure a 401, and never a stalled event loop.

botbuilder 4.17 validates the Bot Framework's JWT inside ``CloudAdapter.process`` on the
event loop: a token that does not decode escapes as a 500, and fetching the signing keys
(``requests``, no timeout, once a day) blocks the loop for as long as the network takes.
:class:`RequestGuard` does the same validation differently:

1. the header's shape is checked first, with no network: present, ``Bearer``, a JWT whose
   header and claims decode, an RS algorithm, not expired. Anything else is a 401 at once;
2. botbuilder's own validation then runs in a small thread pool of its own, with a time
   limit, and whatever it raises is a 401.

The result is handed to ``CloudAdapter.process_activity``, which then skips its own check.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

logger = logging.getLogger(__name__)

#: Seconds botbuilder may take to validate a token (it may fetch the signing keys first).
AUTH_TIMEOUT = 10.0
#: Validations at once; more wait, so a dead network cannot take every thread.
AUTH_THREADS = 4
#: Clock skew allowed on a token's expiry, as botbuilder allows.
LEEWAY = 300.0
_ALGORITHMS = ("RS256", "RS384", "RS512")


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


class RequestGuard:
    """Authenticates activities with botbuilder's authentication, off the event loop.

    With authentication off (no app id) every request is anonymous, whatever header it
    carries: botbuilder would otherwise try to validate a header it was sent.
    """

    def __init__(
        self,
        authentication: Any,
        *,
        enabled: bool,
        timeout: float = AUTH_TIMEOUT,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._authentication = authentication
        self.enabled = enabled
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

    async def authenticate(self, activity: Any, header: str) -> Any:
        """botbuilder's ``AuthenticateRequestResult`` for this request.

        Raises:
            Unauthorized: any failure, including a validation that did not finish in time.
        """
        if not self.enabled:
            return await self._authentication.authenticate_request(activity, "")
        self.precheck(header)
        if self._pool is None:
            self._pool = ThreadPoolExecutor(AUTH_THREADS, thread_name_prefix="teams-auth")
        loop = asyncio.get_running_loop()
        work = loop.run_in_executor(self._pool, self._validate, activity, header)
        try:
            return await asyncio.wait_for(work, self._timeout)
        except TimeoutError:
            raise Unauthorized(
                f"the token could not be validated within {self._timeout:g} s "
                "(are the Bot Framework's signing keys reachable?)"
            ) from None
        except Exception as error:
            # PermissionError, PyJWT's errors, a failed key fetch, botbuilder's own
            # IndexError for an unknown key id: all mean "not shown to be the Bot Framework".
            raise Unauthorized(f"{type(error).__name__}: {error}") from None

    def _validate(self, activity: Any, header: str) -> Any:
        # A loop of this thread's own: botbuilder's validation is a coroutine that blocks.
        return asyncio.run(self._authentication.authenticate_request(activity, header))

    def close(self) -> None:
        """Let the validation threads go (a stuck key fetch is left to finish alone)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

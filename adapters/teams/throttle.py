"""Sending through the Bot Connector when it says "too many requests" (HTTP 429).

Teams throttles bots per conversation and per app; the connector answers 429, often with a
Retry-After. The Agents SDK's connector client retries nothing, so every send goes through
:func:`send_with_backoff`, which waits as told (or backs off exponentially) and
tries again a few times before giving up.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from adapters.http import retry_after

logger = logging.getLogger(__name__)

#: Tries after the first, when throttled.
RETRIES = 3
#: The first wait when the connector gives no Retry-After; it doubles each time.
FIRST_DELAY = 1.0
#: No wait is longer than this, whatever Retry-After says (a turn must end some time).
MAX_DELAY = 30.0


class Sends(Protocol):
    """What sends an activity: the Agents SDK's TurnContext."""

    async def send_activity(self, activity: Any) -> Any: ...


def status_of(error: BaseException) -> int | None:
    """The HTTP status of a connector error (aiohttp's ClientResponseError), if any."""
    status = getattr(error, "status", None)
    return status if isinstance(status, int) and not isinstance(status, bool) else None


def asked_wait(error: BaseException) -> float | None:
    """Seconds the connector asked to wait in its Retry-After, if it said."""
    headers = getattr(error, "headers", None) or {}
    return retry_after(str(headers.get("Retry-After", "") or ""))


async def send_with_backoff(
    context: Sends,
    activity: Any,
    *,
    retries: int = RETRIES,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> Any:
    """``context.send_activity(activity)``, tried again after each 429 up to ``retries`` times.

    Raises:
        Exception: whatever the last try raised; anything but a 429 at once.
    """
    attempt = 0
    while True:
        try:
            return await context.send_activity(activity)
        except Exception as error:
            if status_of(error) != 429 or attempt >= retries:
                raise
            asked = asked_wait(error)
            delay = min(MAX_DELAY, FIRST_DELAY * 2**attempt if asked is None else asked)
            attempt += 1
            logger.warning(
                "Teams is throttling the bot (429); trying again in %.1f s (%d of %d)",
                delay,
                attempt,
                retries,
            )
            await sleep(delay)

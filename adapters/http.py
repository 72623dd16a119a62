"""Small HTTP helpers the web process and the outbound clients share.

:func:`read_body` and :func:`json_error` serve the aiohttp endpoints (web chat, Teams);
:func:`retry_after` reads the wait a throttled server asks for (Graph, the Bot Connector).
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from aiohttp import web

#: Error bodies say what is wrong with one request; a cache must never replay them.
_ERROR_HEADERS = {"Cache-Control": "no-store"}


async def read_body(request: web.Request, limit: int) -> bytes | None:
    """The body, or None when it is over ``limit`` bytes (read no further than that).

    Content-Length is checked first, but a chunked body has none, so the bytes are also
    counted as they arrive.
    """
    if request.content_length is not None and request.content_length > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    while chunk := await request.content.read(limit + 1 - size):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            return None
    return b"".join(chunks)


def json_error(status: int, message: str) -> web.Response:
    """``{"error": message}`` with ``status``; the message is for the caller to read."""
    return web.json_response({"error": message}, status=status, headers=_ERROR_HEADERS)


def retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header value: a number or an HTTP date.

    None when there is no value or it is neither; never negative (a date in the past is 0).
    """
    text = (value or "").strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        # "inf" and "nan" parse as numbers, but no caller can wait that long.
        return max(0.0, seconds) if math.isfinite(seconds) else None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


__all__ = ["json_error", "read_body", "retry_after"]

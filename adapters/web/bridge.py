"""The web adapter's one way from an async handler into synchronous code.

Services hold the database for the length of a query, so a handler that called one directly
would stop every other request on the event loop meanwhile; every service call goes through
:func:`off_loop` instead.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


async def off_loop(call: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """``call(*args, **kwargs)`` in a worker thread, awaited."""
    return await asyncio.to_thread(call, *args, **kwargs)

"""Work that runs after Slack has had its acknowledgement, tracked so none of it is lost."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager, suppress
from typing import Any

logger = logging.getLogger(__name__)

#: The longest an answer waits for a lull in acknowledgements before it starts anyway.
PATIENCE_SECONDS = 0.5
#: How long without a request being acknowledged counts as a lull (a burst's requests
#: arrive a few milliseconds apart).
LULL_SECONDS = 0.02


class Background:
    """Runs coroutines as tasks, logs their failures, and can wait for them all.

    Slack gives an app three seconds to acknowledge a request; answering may take longer
    (the database, the Web API), so listeners acknowledge first and hand the rest to
    :meth:`spawn`. Answers hold the interpreter (the bot's core runs in threads, under the
    GIL), so new work waits for a lull of :data:`LULL_SECONDS` in acknowledgements
    (:meth:`acknowledging`), up to :data:`PATIENCE_SECONDS`: a burst of fifty requests is
    acknowledged first and answered after. The tasks are kept here because the event loop
    holds only weak references to tasks, and so that a shutdown can let them finish.
    """

    def __init__(self, patience: float = PATIENCE_SECONDS, lull: float = LULL_SECONDS) -> None:
        self._tasks: set[asyncio.Task[None]] = set()
        self._patience = patience
        self._lull = lull
        self._acknowledging = 0
        self._last_acknowledged = 0.0
        self._quiet = asyncio.Event()
        self._quiet.set()

    def __len__(self) -> int:
        return len(self._tasks)

    @contextmanager
    def acknowledging(self) -> Iterator[None]:
        """Mark a request being acknowledged; work spawned meanwhile starts after it."""
        self._acknowledging += 1
        self._quiet.clear()
        try:
            yield
        finally:
            self._acknowledging -= 1
            self._last_acknowledged = time.monotonic()
            if not self._acknowledging:
                self._quiet.set()

    def spawn(self, work: Coroutine[Any, Any, None], what: str) -> None:
        """Run ``work`` in the background; ``what`` names it in the log if it fails."""
        task = asyncio.get_running_loop().create_task(self._guarded(work, what))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self) -> None:
        """Wait until no work is left (work may spawn more work); bound it with a timeout."""
        while self._tasks:
            await asyncio.wait(set(self._tasks))

    async def _lull_in_acknowledgements(self) -> None:
        while True:
            await self._quiet.wait()
            quiet_for = time.monotonic() - self._last_acknowledged
            if quiet_for >= self._lull:
                return
            await asyncio.sleep(self._lull - quiet_for)

    async def _guarded(self, work: Coroutine[Any, Any, None], what: str) -> None:
        try:
            with suppress(TimeoutError):
                async with asyncio.timeout(self._patience):
                    await self._lull_in_acknowledgements()
            await work
        except Exception:
            # Slack has its 200 already; the log is the only place this failure can go.
            logger.exception("slack: %s failed after the acknowledgement", what)
        finally:
            work.close()  # no "never awaited" warning if it was cancelled before it started

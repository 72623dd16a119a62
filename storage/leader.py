"""One clock at a time: a PostgreSQL advisory lock, or a file lock beside a SQLite database."""

from __future__ import annotations

import fcntl
import logging
import os
import time
from pathlib import Path
from typing import IO

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url

logger = logging.getLogger(__name__)

# An arbitrary constant naming harmonibot's clock among the server's advisory locks.
CLOCK_LOCK_ID = 0x4841524D  # "HARM"


class ClockLock:
    """Held by the one working clock; a second clock waits in ``acquire``."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._connection: Connection | None = None
        self._file: IO[str] | None = None

    def try_acquire(self) -> bool:
        """Take the lock if it is free; True when this process now holds it."""
        if self._engine.dialect.name == "postgresql":
            connection = self._engine.connect()
            got = connection.execute(
                text("SELECT pg_try_advisory_lock(:id)"), {"id": CLOCK_LOCK_ID}
            ).scalar()
            if got:
                # The lock lives as long as this session: keep the connection open.
                self._connection = connection
                return True
            connection.close()
            return False
        path = _lock_path(self._engine)
        handle = path.open("a+")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._file = handle
        return True

    def acquire(self, *, poll_seconds: float = 5.0, log_every: float = 60.0) -> None:
        """Wait until this process holds the lock."""
        waited = 0.0
        while not self.try_acquire():
            if waited % log_every < poll_seconds:
                logger.info("another clock is running; waiting for it to stop")
            time.sleep(poll_seconds)
            waited += poll_seconds

    def still_held(self) -> bool:
        """Whether the lock is still ours (a dropped PostgreSQL connection loses it)."""
        if self._file is not None:
            return True
        if self._connection is None:
            return False
        try:
            self._connection.execute(text("SELECT 1"))
        except Exception:
            logger.warning("lost the database connection holding the clock lock")
            self._connection = None
            return False
        return True

    def release(self) -> None:
        if self._connection is not None:
            try:
                self._connection.execute(
                    text("SELECT pg_advisory_unlock(:id)"), {"id": CLOCK_LOCK_ID}
                )
            finally:
                self._connection.close()
                self._connection = None
        if self._file is not None:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None


def _lock_path(engine: Engine) -> Path:
    database = make_url(str(engine.url)).database or "harmonibot.db"
    if database in ("", ":memory:"):
        return Path("harmonibot-clock.lock")
    return Path(database).with_name(Path(database).name + ".clock.lock")

"""A clock whose database goes away stops with a failure status, so its supervisor restarts it."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text

import adapters.bootstrap
import adapters.cli.clock
from adapters.cli.main import main
from storage.leader import ClockLock
from tests.conftest import POSTGRES_URL, migrated_database

pytestmark = pytest.mark.postgres


class WatchedLock(ClockLock):
    """The real lock, telling the test which server process holds it."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)
        self.backend = threading.Event()
        self.pid = 0

    def try_acquire(self) -> bool:
        got = super().try_acquire()
        if got and self._connection is not None:
            self.pid = int(self._connection.execute(text("SELECT pg_backend_pid()")).scalar_one())
            self.backend.set()
        return got


@pytest.fixture
def postgres_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with migrated_database("postgres", request, tmp_path) as url:
        yield url


def test_a_clock_that_loses_its_database_exits_non_zero(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", postgres_url)
    locks: list[WatchedLock] = []

    def watched(runtime: Any) -> WatchedLock:
        locks.append(WatchedLock(runtime.engine))
        return locks[-1]

    async def idle(runtime: Any, stop: asyncio.Event) -> None:
        await stop.wait()  # the jobs themselves are not what this test is about

    monkeypatch.setattr(adapters.bootstrap, "clock_lock", watched)
    monkeypatch.setattr(adapters.cli.clock, "run_jobs", idle)
    monkeypatch.setattr(adapters.cli.clock, "LOCK_CHECK_SECONDS", 0.2)

    def cut_the_database() -> None:
        while not locks:
            threading.Event().wait(0.05)
        assert locks[0].backend.wait(60)
        admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": locks[0].pid})
        admin.dispose()

    cutter = threading.Thread(target=cut_the_database)
    cutter.start()
    code = main(["clock"])
    cutter.join()
    assert code == adapters.cli.clock.LOST_DATABASE != 0

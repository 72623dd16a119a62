"""The web process never waits on the database on its event loop.

A unit of work entered on the loop's thread would stall every other request for as long as
its query runs; each one must be entered in a worker thread instead.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from types import TracebackType

import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.bootstrap import Runtime, build_bot, build_runtime
from adapters.cli.main import main
from adapters.settings import load_settings
from adapters.web.app import make_app
from commplan.ports import Repositories, UnitOfWork, UnitOfWorkFactory
from tests.conftest import LONDON
from tests.integration.test_dashboard import Clock, link


class Watched:
    """A unit-of-work factory that notes the thread each of its units is entered on."""

    def __init__(self, inner: UnitOfWorkFactory) -> None:
        self.inner = inner
        self.threads: list[int] = []

    def __call__(self) -> UnitOfWork:
        return _Noting(self.inner(), self.threads)


class _Noting:
    def __init__(self, inner: UnitOfWork, threads: list[int]) -> None:
        self.inner = inner
        self.threads = threads

    def __enter__(self) -> Repositories:
        self.threads.append(threading.get_ident())
        return self.inner.__enter__()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.inner.__exit__(exc_type, exc, tb)


@pytest.fixture
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Runtime]:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'loop.db'}")
    monkeypatch.setenv("HARMONIBOT_SECRET_KEY", "test-key")
    assert main(["seed", "--plan-year", "2026"]) == 0
    built = build_runtime(load_settings())
    clock = Clock(datetime(2026, 11, 2, 10, tzinfo=LONDON))
    yield Runtime(settings=built.settings, engine=built.engine, uow=Watched(built.uow), clock=clock)
    built.engine.dispose()


async def test_no_request_enters_a_unit_of_work_on_the_event_loop(runtime: Runtime) -> None:
    watched = runtime.uow
    assert isinstance(watched, Watched)
    loop_thread = threading.get_ident()
    async with TestClient(TestServer(make_app(runtime, build_bot(runtime)))) as client:
        statuses = {
            "sign in": (await client.get(link(runtime, "Becki Aquilina"), allow_redirects=False)),
            "page": await client.get("/dashboard"),
            "chart": await client.get("/dashboard/chart/monthly-type.svg"),
            "download": await client.get("/dashboard/download/progress.csv"),
            "notices": await client.get("/chat/notices", params={"as": "Becki Aquilina"}),
            "health": await client.get("/healthz"),
            "chat": await client.post(
                "/chat/messages", json={"name": "Becki Aquilina", "text": "help"}
            ),
        }
    assert {k: r.status for k, r in statuses.items()} == {
        "sign in": 303,
        "page": 200,
        "chart": 200,
        "download": 200,
        "notices": 200,
        "health": 200,
        "chat": 200,
    }
    # Each dashboard request checks the session and loads its figures: many units in all.
    assert len(watched.threads) >= 10
    assert loop_thread not in watched.threads

"""The real ``harmonibot serve`` for the Teams tests: a seeded database, a free port, SIGTERM
at the end; and activities as Teams sends them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from adapters.bootstrap import build_runtime
from adapters.cli.main import main
from adapters.settings import load_settings
from tests.integration.web_server import OUTSIDE_SETTINGS, free_port

STARTUP_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0
PETE_EMAIL = "pete.brodie@ons.gov.uk"
BOT = {"id": "28:harmonibot", "name": "Harmonibot"}
PETE = {"id": "29:pete", "name": "Pete Brodie", "aadObjectId": "aad-pete"}
PERSONAL = "a:1personal-pete"


@dataclass(frozen=True, kw_only=True)
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def environment(database_url: str, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(OUTSIDE_SETTINGS)}
    env["DATABASE_URL"] = database_url
    env.update(settings)
    return env


@contextmanager
def serving(
    directory: Path, database_url: str, *, host: str = "127.0.0.1", **settings: str
) -> Iterator[Server]:
    """``harmonibot serve`` on a free port with these settings, stopped with SIGTERM after."""
    port = free_port()
    log = directory / f"serve-{port}.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "adapters.cli.main",
                "serve",
                "--host",
                host,
                "--port",
                str(port),
            ],
            cwd=directory,
            env=environment(database_url, **settings),
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    server = Server(url=f"http://127.0.0.1:{port}", process=process, log=log)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"serve exited with {process.returncode}:\n{server.output()}")
            try:
                if httpx.get(f"{server.url}/healthz", timeout=1.0).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"serve was not healthy in time:\n{server.output()}")
            time.sleep(0.1)
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def seed(directory: Path) -> str:
    """A seeded SQLite file (the plan in 2026) where Pete Brodie has an e-mail address."""
    url = f"sqlite:///{directory / 'teams.db'}"
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.chdir(directory)
        monkeypatch.setenv("DATABASE_URL", url)
        assert main(["seed", "--plan-year", "2026"]) == 0
        runtime = build_runtime(load_settings())
        with runtime.uow() as uow:
            pete = uow.people.get("Pete Brodie")
            assert pete is not None
            uow.people.save(replace(pete, email=PETE_EMAIL))
            uow.commit()
        runtime.engine.dispose()
    return url


def message(service_url: str, activity_id: str, **fields: Any) -> dict[str, Any]:
    """A message from Pete in his personal chat, whose answers go to ``service_url``."""
    return {
        "type": "message",
        "id": activity_id,
        "channelId": "msteams",
        "serviceUrl": service_url,
        "timestamp": "2026-09-01T08:00:00.000Z",
        "from": PETE,
        "recipient": BOT,
        "conversation": {"id": PERSONAL, "conversationType": "personal", "tenantId": "tenant-1"},
        "channelData": {"tenant": {"id": "tenant-1"}},
        **fields,
    }


def link_teams_id(database_url: str, name: str, teams_id: str) -> None:
    """Tie a person to a Teams id as an authenticated turn would have (authentication is off
    in these tests, and then nobody is linked from an activity)."""
    runtime = build_runtime(load_settings({"DATABASE_URL": database_url}))
    try:
        with runtime.uow() as uow:
            person = uow.people.get(name)
            assert person is not None
            uow.people.save(replace(person, teams_id=teams_id))
            uow.commit()
    finally:
        runtime.engine.dispose()

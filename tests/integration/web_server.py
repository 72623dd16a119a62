"""The real ``harmonibot serve`` for tests: a seeded database, the process on a free loopback
port, stopped cleanly; and one web chat turn over HTTP."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from adapters.cli.main import main

STARTUP_TIMEOUT = 20.0
STOP_TIMEOUT = 10.0
# A developer's shell may hold these; the server under test must see only what we give it.
OUTSIDE_SETTINGS = (
    "DATABASE_URL",
    "PORT",
    "HARMONIBOT_",
    "SLACK_",
    "MICROSOFT_",
    "IMAP_",
    "GRAPH_",
    "WEB_CONCURRENCY",
)


@dataclass(frozen=True, kw_only=True)
class Server:
    """A running ``harmonibot serve``: its base URL, process and combined output."""

    url: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def seed_database(directory: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A SQLite file in ``directory`` with the sample plan moved to 2026; returns its URL."""
    url = f"sqlite:///{directory / 'web.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["seed", "--plan-year", "2026"]) == 0
    return url


@contextmanager
def running_server(
    directory: Path,
    database_url: str,
    *,
    settings: Mapping[str, str] | None = None,
    arguments: Sequence[str] = (),
    startup_timeout: float = STARTUP_TIMEOUT,
) -> Iterator[Server]:
    """Start ``harmonibot serve`` on a free port, wait until healthy, and always stop it.

    ``settings`` are further environment variables; ``arguments`` go after ``serve``.
    """
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith(OUTSIDE_SETTINGS)}
    environment["DATABASE_URL"] = database_url
    environment.update(settings or {})
    log = directory / f"serve-{port}.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "adapters.cli.main", "serve", "--port", str(port), *arguments],
            cwd=directory,
            env=environment,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    server = Server(url=f"http://127.0.0.1:{port}", port=port, process=process, log=log)
    try:
        _wait_until_healthy(server, startup_timeout)
        yield server
    finally:
        stop(server)


def _wait_until_healthy(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"serve exited with {server.process.returncode}:\n{server.output()}")
        try:
            if httpx.get(f"{server.url}/healthz", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    pytest.fail(f"serve was not healthy within {timeout:.0f} s:\n{server.output()}")


def stop(server: Server) -> int:
    """SIGTERM, as a platform stops a web process; kill only if it does not go."""
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()
    return server.process.returncode


def say(
    client: httpx.Client,
    text: str,
    *,
    name: str = "Becki Aquilina",
    message_id: str = "",
    action: dict[str, str] | None = None,
) -> httpx.Response:
    document = {"name": name, "text": text, "message_id": message_id, "action": action}
    return client.post("/chat/messages", json=document)

"""The processes ``bench_slack.py`` runs: ``harmonibot serve`` on a seeded SQLite database, the
recording stand-in for Slack's Web API, and a bare Bolt app to compare with.

The bare app runs as this script: ``python bench/slack_servers.py --port P --api-url URL``.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench"


# -- the bare Bolt app (run as its own process) ------------------------------------------------


def run_bare(port: int, api_url: str) -> None:
    """A Bolt app that acknowledges /harmonise with a constant and every event with nothing."""
    from aiohttp import web
    from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
    from slack_bolt.app.async_app import AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient

    bolt = AsyncApp(client=AsyncWebClient(token=TOKEN, base_url=api_url), signing_secret=SECRET)

    @bolt.command("/harmonise")
    async def command(ack):  # type: ignore[no-untyped-def]
        await ack()

    @bolt.event("app_mention")
    async def mention() -> None:
        return None

    async def events(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await bolt.async_dispatch(await to_bolt_request(request)))

    async def healthz(request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    app = web.Application()
    app.router.add_post("/slack/events", events)
    app.router.add_get("/healthz", healthz)
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


# -- processes ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def clean_environment(**settings: str) -> dict[str, str]:
    prefixes = ("DATABASE_URL", "PORT", "HARMONIBOT_", "SLACK_", "MICROSOFT_", "IMAP_", "GRAPH_")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(prefixes)}
    environment.update(settings)
    return environment


@contextmanager
def process(
    command: list[str], environment: dict[str, str], log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """A child process, its output in ``log``, run from ``log``'s directory (no stray .env)."""
    with log.open("wb") as sink:
        child = subprocess.Popen(
            command, cwd=log.parent, env=environment, stdout=sink, stderr=subprocess.STDOUT
        )
    try:
        yield child
    finally:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


@contextmanager
def recorder(directory: Path) -> Iterator[str]:
    """The recording Web API stand-in (tests/integration/slack); yields its base URL."""
    command = [sys.executable, "-m", "tests.integration.slack.recorder"]
    child = subprocess.Popen(command, cwd=ROOT, env=clean_environment(), stdout=subprocess.PIPE)
    try:
        assert child.stdout is not None
        yield child.stdout.readline().decode().strip()
    finally:
        child.send_signal(signal.SIGTERM)
        child.wait(timeout=15)


def wait_healthy(url: str, child: subprocess.Popen[bytes], log: Path) -> None:
    import urllib.request

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise SystemExit(f"{url} exited:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not become healthy:\n{log.read_text()}")


def seed(directory: Path) -> str:
    """A SQLite database with the sample plan (2026) and Pete Brodie's Slack id."""
    from adapters.bootstrap import build_runtime
    from adapters.settings import load_settings

    url = f"sqlite:///{directory / 'bench.db'}"
    subprocess.run(
        [sys.executable, "-m", "adapters.cli.main", "seed", "--plan-year", "2026"],
        cwd=directory,
        env=clean_environment(DATABASE_URL=url),
        check=True,
        capture_output=True,
    )
    runtime = build_runtime(load_settings({"DATABASE_URL": url}))
    with runtime.uow() as uow:
        pete = uow.people.get("Pete Brodie")
        assert pete is not None
        uow.people.save(replace(pete, slack_id="UPETE", email="pete.brodie@ons.gov.uk"))
        uow.commit()
    runtime.engine.dispose()
    return url


def bare_command(port: int, api_url: str) -> list[str]:
    """The command that runs the bare Bolt app on ``port``."""
    return [
        sys.executable,
        str(Path(__file__).resolve()),
        "--port",
        str(port),
        "--api-url",
        api_url,
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description="the bare Bolt app of bench_slack.py")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--api-url", required=True)
    args = parser.parse_args()
    run_bare(args.port, args.api_url)


if __name__ == "__main__":
    main()

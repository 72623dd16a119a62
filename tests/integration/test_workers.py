"""``harmonibot serve --workers 2`` on PostgreSQL: one conversation across two processes.

The real server on a free port, with gunicorn's master and two aiohttp workers. Each test
client below keeps one connection open, and so talks to one worker; which one, the access
log says (``worker <pid>``, with the client's own User-Agent). Turns alternate between two
such clients, one per worker: whatever the workers must agree on (sessions, single-use links,
dialogue drafts, Slack's retries) has to be in the database for the conversation to hold.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from adapters.bootstrap import build_runtime
from adapters.cli.main import main
from adapters.settings import load_settings
from adapters.web.sessions import COOKIE
from tests.conftest import migrated_database
from tests.integration.slack.recorder import Call
from tests.integration.slack.requests import (
    SIGNING_SECRET,
    direct_message,
    event_body,
    sign,
    unique,
)
from tests.integration.slack.thread import RecorderThread, recording_slack
from tests.integration.slack.workspace import JSON, PEOPLE, slack_users
from tests.integration.web_server import Server, free_port, running_server, seed_database, stop

#: How long the access log may take to show a request (it is written after the answer).
LOG_WAIT = 15.0
#: A master and two workers start on a machine whose cores other work may be using.
STARTUP_TIMEOUT = 60.0
#: New connections tried before both workers must have answered one.
CONNECTIONS_TO_TRY = 60
_SERVED_BY = re.compile(r'"(?P<agent>[^"]*)" worker <(?P<pid>\d+)>$')


@dataclass(frozen=True, kw_only=True)
class Running:
    server: Server
    slack: RecorderThread
    database_url: str


@pytest.fixture(scope="module")
def running(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Running]:
    directory = tmp_path_factory.mktemp("workers")
    with (
        migrated_database("postgres", request, directory) as url,
        recording_slack(slack_users()) as slack,
    ):
        seed(url)
        settings = {
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": slack.api_url,
        }
        # No HARMONIBOT_SECRET_KEY: the key file the master makes must serve both workers.
        arguments = ("--workers", "2", "--clock")
        with running_server(
            directory, url, settings=settings, arguments=arguments, startup_timeout=STARTUP_TIMEOUT
        ) as server:
            # Healthy once one worker answers; both have started when both have tried the lock.
            wait_for_output(server, "the clock runs in another process", within=STARTUP_TIMEOUT)
            yield Running(server=server, slack=slack, database_url=url)
        # SIGTERM stops the master and both workers cleanly.
        assert stop(server) == 0, server.output()
        assert "Traceback" not in server.output(), server.output()


def seed(url: str) -> None:
    """The sample plan moved to 2026, and the Slack ids of the people who talk in Slack."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("DATABASE_URL", url)
        assert main(["seed", "--plan-year", "2026"]) == 0
    runtime = build_runtime(load_settings({"DATABASE_URL": url}))
    try:
        with runtime.uow() as uow:
            for name, (slack_id, email) in PEOPLE.items():
                person = uow.people.get(name)
                assert person is not None, name
                uow.people.save(replace(person, slack_id=slack_id, email=email))
            uow.commit()
    finally:
        runtime.engine.dispose()


@dataclass(frozen=True, kw_only=True)
class Pinned:
    """A client whose one kept-alive connection is served by one worker, ``pid``."""

    client: httpx.Client
    pid: str
    agent: str


def connect(server: Server) -> Pinned:
    """A new connection, and the worker that answered on it."""
    agent = f"pinned-{uuid.uuid4().hex[:12]}"
    client = httpx.Client(
        base_url=server.url,
        timeout=10.0,
        headers={"User-Agent": agent},
        limits=httpx.Limits(max_connections=1, max_keepalive_connections=1, keepalive_expiry=60),
    )
    assert client.get("/healthz").status_code == 200
    return Pinned(client=client, pid=served_by(server, agent)[0], agent=agent)


def served_by(server: Server, agent: str) -> list[str]:
    """The workers that served each request of ``agent``, once the log shows at least one."""
    deadline = time.monotonic() + LOG_WAIT
    while True:
        pids = [
            match["pid"]
            for line in server.output().splitlines()
            if (match := _SERVED_BY.search(line)) and match["agent"] == agent
        ]
        if pids or time.monotonic() > deadline:
            assert pids, f"no access line for {agent}:\n{server.output()}"
            return pids
        time.sleep(0.05)


@pytest.fixture(scope="module")
def workers(running: Running) -> Iterator[tuple[Pinned, Pinned]]:
    """Two clients, one on each worker."""
    first = connect(running.server)
    other = None
    for _ in range(CONNECTIONS_TO_TRY):
        other = connect(running.server)
        if other.pid != first.pid:
            break
        other.client.close()
        other = None
    if other is None:
        first.client.close()
        pytest.fail(f"{CONNECTIONS_TO_TRY} connections all went to worker {first.pid}")
    try:
        yield first, other
    finally:
        first.client.close()
        other.client.close()
    # Every request of each client went to its own worker, to the end.
    assert set(served_by(running.server, first.agent)) == {first.pid}
    assert set(served_by(running.server, other.agent)) == {other.pid}


def say(pinned: Pinned, text: str) -> dict[str, Any]:
    response = pinned.client.post("/chat/messages", json={"text": text})
    assert response.status_code == 200, response.text
    reply: dict[str, Any] = response.json()
    return reply


def post_to_slack(pinned: Pinned, body: str, **headers: str) -> None:
    response = pinned.client.post(
        "/slack/events",
        content=body.encode(),
        headers={"Content-Type": JSON, **sign(body), **headers},
    )
    assert response.status_code == 200, response.text


def slack_dm(running: Running, pinned: Pinned, text: str, *, user: str, channel: str) -> Call:
    post_to_slack(pinned, event_body(direct_message(text, user=user, channel=channel)))
    return running.slack.recorder.wait_call("chat.postMessage", has=f'"channel": "{channel}"')


@pytest.mark.postgres
def test_the_clock_runs_in_exactly_one_worker(running: Running) -> None:
    output = running.server.output()
    assert output.count("Booting worker with pid") == 2, output
    assert output.count(" runs the clock") == 1, output
    assert output.count("the clock runs in another process") == 1, output


@pytest.mark.postgres
def test_a_link_from_slack_signs_in_on_one_worker_once_and_ends_everywhere(
    running: Running, workers: tuple[Pinned, Pinned]
) -> None:
    one, two = workers
    # Becki asks in Slack (on the first worker) for a link to the web chat.
    answer = slack_dm(running, one, "web chat link", user="UBECKI", channel="D0WORKERS1")
    found = re.search(r"/chat/signin\?token=[\w.\-]+", answer.text())
    assert found, answer.text()
    link = urlsplit(found.group(0))
    used = two.client.get(f"{link.path}?{link.query}")
    assert used.status_code == 303 and used.headers["Location"] == "/chat"
    cookie = used.cookies[COOKIE]
    again = one.client.get(f"{link.path}?{link.query}")
    assert again.status_code == 403 and "already been used" in again.text
    for pinned in workers:
        pinned.client.cookies.set(COOKIE, cookie)
        assert pinned.client.get("/chat/session").json()["person"] == "Becki Aquilina"

    # A guided dialogue whose every answer goes to the other worker than the question.
    assert "What is the tactic called" in say(one, "add tactic")["text"]
    assert "When is it due" in say(two, "Termly newsletter for the devolved nations")["text"]
    assert "Who is accountable" in say(one, "November")["text"]
    added = say(two, "Palvi Shah")["text"]
    number = re.search(r"Added tactic (\d+)", added)
    assert number, added
    shown = say(one, f"show tactic {number.group(1)}")["text"]
    assert "Termly newsletter for the devolved nations" in shown and "Palvi Shah" in shown

    # Signed out on one worker, the same cookie is refused on the other.
    signed_out = two.client.post("/chat/signout", headers={"Origin": running.server.url})
    assert signed_out.status_code == 303
    one.client.cookies.set(COOKIE, cookie)
    assert one.client.get("/chat/session").json()["person"] is None
    assert say(one, "my tactics")["intent"] == "sign_in_needed"


@pytest.mark.postgres
def test_a_slack_retry_that_lands_on_the_other_worker_is_not_answered_again(
    running: Running, workers: tuple[Pinned, Pinned]
) -> None:
    one, two = workers
    event_id = unique("Ev")
    channel = "D0WORKERS2"
    body = event_body(
        direct_message("which standard covers ethnicity", user="UJANE", channel=channel),
        event_id=event_id,
    )
    # The retry follows at once, as when the first answer was slow to be acknowledged: both
    # workers have the event in hand together, and one of them must find it answered.
    post_to_slack(one, body)
    post_to_slack(two, body, **{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    running.slack.recorder.wait_call("chat.postMessage", has=f'"channel": "{channel}"')
    wait_for_output(running.server, f"slack:event:{event_id} arrived again")
    posted = [c for c in running.slack.recorder.recorded("chat.postMessage") if channel in c.text()]
    assert len(posted) == 1, posted


def wait_for_output(server: Server, text: str, *, within: float = LOG_WAIT) -> None:
    deadline = time.monotonic() + within
    while text not in server.output():
        assert time.monotonic() < deadline, f"serve did not log {text!r}:\n{server.output()}"
        time.sleep(0.05)


# -- on SQLite, and what goes wrong ------------------------------------------------------------


def test_two_workers_serve_a_sqlite_file_and_stop_on_sigterm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = seed_database(tmp_path, monkeypatch)
    with running_server(
        tmp_path, url, arguments=("--workers", "2"), startup_timeout=STARTUP_TIMEOUT
    ) as server:
        with httpx.Client(base_url=server.url, timeout=10.0) as client:
            reply = client.post("/chat/messages", json={"text": "which standard covers ethnicity"})
            assert "Ethnicity harmonised standard" in reply.json()["text"]
        code = stop(server)
    assert code == 0, server.output()
    assert f"harmonibot web chat on http://127.0.0.1:{server.port}/chat" in server.output()
    assert server.output().count("Booting worker with pid") == 2
    assert "Traceback" not in server.output()
    # The master made the signing key before the fork, once, for both workers.
    assert (tmp_path / "harmonibot.secret").read_text().strip()


def outside_settings_removed() -> dict[str, str]:
    """This environment without what a developer's shell may set for harmonibot."""
    ours = ("DATABASE_URL", "PORT", "HARMONIBOT_", "SLACK_", "MICROSOFT_", "WEB_CONCURRENCY")
    return {k: v for k, v in os.environ.items() if not k.startswith(ours)}


def test_a_port_in_use_is_said_plainly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = seed_database(tmp_path, monkeypatch)
    port = free_port()
    with socket.create_server(("127.0.0.1", port)):
        finished = subprocess.run(
            [sys.executable, "-m", "adapters.cli.main", "serve", "--port", str(port)]
            + ["--workers", "2"],
            cwd=tmp_path,
            env={**outside_settings_removed(), "DATABASE_URL": url},
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert finished.returncode == 1, finished.stderr
    assert f"cannot listen on 127.0.0.1:{port}: Address already in use" in finished.stderr
    assert "Booting worker" not in finished.stderr and "Traceback" not in finished.stderr


@pytest.mark.parametrize(
    ("given", "says"),
    [("none", "not a number of workers: 'none'"), ("0", "--workers is 1 or more, not 0")],
)
def test_a_bad_number_of_workers_is_refused(
    given: str, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--workers", given])
    assert exited.value.code == 2
    assert says in capsys.readouterr().err


def test_a_bad_web_concurrency_is_a_configuration_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WEB_CONCURRENCY", "lots")
    assert main(["serve"]) == 2
    assert "configuration: WEB_CONCURRENCY must be a whole number, not 'lots'" in (
        capsys.readouterr().err
    )

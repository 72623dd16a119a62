"""The pretend workspace: a seeded database whose people have Slack ids or e-mails, the
matching Slack users, and the real ``harmonibot serve`` process pointed at the stand-in API."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import httpx

from adapters.bootstrap import build_runtime
from adapters.cli.main import main
from adapters.settings import load_settings
from commplan.contacts import Contact
from commplan.plan import Tactic
from commplan.ports import UnitOfWork
from commplan.questions import Question
from tests.conftest import LONDON
from tests.integration.slack.recorder import Call, SlackUser
from tests.integration.slack.requests import (
    SIGNING_SECRET,
    direct_message,
    event_body,
    interactive_body,
    sign,
    unique,
)
from tests.integration.slack.thread import RecorderThread, recording_slack
from tests.integration.web_server import OUTSIDE_SETTINGS, free_port

T = TypeVar("T")
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

STARTUP_TIMEOUT = 20.0
STOP_TIMEOUT = 10.0
PUBLIC_URL = "https://harmonibot.example.org"
# A developer's shell may hold these; the server under test must see only what we give it.

#: Slack ids and e-mails the database starts with (name -> (slack id, e-mail)).
PEOPLE = {
    "Pete Brodie": ("UPETE", "pete.brodie@ons.gov.uk"),
    "Becki Aquilina": ("UBECKI", "becki.aquilina@ons.gov.uk"),
    # Known by e-mail only: matched when they first talk to the bot, or nudged.
    "Palvi Shah": ("", "palvi.shah@ons.gov.uk"),
    "Emma Wright": ("", "emma.wright@ons.gov.uk"),
    "Jan Thomas": ("", "jan.thomas@ons.gov.uk"),
}

#: Who the Slack workspace has. Jan Thomas is not in it; Jane Smith is not in the database.
SLACK_USERS = (
    SlackUser(id="UPETE", name="Pete Brodie", email="pete.brodie@ons.gov.uk"),
    SlackUser(id="UBECKI", name="Becki Aquilina", email="becki.aquilina@ons.gov.uk"),
    SlackUser(id="UPALVI", name="Palvi Shah", email="palvi.shah@ons.gov.uk"),
    SlackUser(id="UEMMA", name="Emma Wright", email="emma.wright@ons.gov.uk"),
    SlackUser(id="UJANE", name="Jane Smith", email="jane.smith@leeds.gov.uk"),
)


def slack_users() -> list[SlackUser]:
    return [replace(user) for user in SLACK_USERS]


def seed_workspace(directory: Path) -> str:
    """A SQLite file with the sample plan moved to 2026 and :data:`PEOPLE` set; its URL."""
    url = f"sqlite:///{directory / 'slack.db'}"
    previous = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    try:
        assert main(["seed", "--plan-year", "2026"]) == 0
    finally:
        if previous is None:
            del os.environ["DATABASE_URL"]
        else:
            os.environ["DATABASE_URL"] = previous
    runtime = build_runtime(load_settings({"DATABASE_URL": url}))
    with runtime.uow() as uow:
        for name, (slack_id, email) in PEOPLE.items():
            person = uow.people.get(name)
            assert person is not None, name
            uow.people.save(replace(person, slack_id=slack_id, email=email))
        uow.commit()
    runtime.engine.dispose()
    return url


def slack_environment(database_url: str, api_url: str, **more: str) -> dict[str, str]:
    """The settings a Slack-enabled ``serve`` gets."""
    return {
        "DATABASE_URL": database_url,
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": api_url,
        "HARMONIBOT_PUBLIC_URL": PUBLIC_URL,
        **more,
    }


@dataclass(frozen=True, kw_only=True)
class Server:
    """A running ``harmonibot serve``: its base URL, process and combined output."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for_output(self, text: str, timeout: float = 15.0) -> None:
        """Block until the server has logged ``text``."""
        deadline = time.monotonic() + timeout
        while text not in self.output():
            if time.monotonic() > deadline:
                raise AssertionError(f"serve did not log {text!r}:\n{self.output()}")
            time.sleep(0.05)


@contextmanager
def running_serve(
    directory: Path, settings: Mapping[str, str], *, verbose: bool = False
) -> Iterator[Server]:
    """``harmonibot serve`` on a free port with ``settings`` as its whole configuration."""
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith(OUTSIDE_SETTINGS)}
    environment.update(settings)
    log = directory / f"serve-{port}.log"
    command = [sys.executable, "-m", "adapters.cli.main"]
    if verbose:
        command.append("-v")
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [*command, "serve", "--port", str(port)],
            cwd=directory,
            env=environment,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    server = Server(url=f"http://127.0.0.1:{port}", process=process, log=log)
    try:
        _wait_until_healthy(server)
        yield server
    finally:
        _stop(server)


def _wait_until_healthy(server: Server) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise AssertionError(
                f"serve exited with {server.process.returncode}:\n{server.output()}"
            )
        try:
            if httpx.get(f"{server.url}/healthz", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError(
        f"serve was not healthy within {STARTUP_TIMEOUT:.0f} s:\n{server.output()}"
    )


def _stop(server: Server) -> None:
    """SIGTERM, as a platform stops a web process; kill only if it does not go."""
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


@dataclass(frozen=True, kw_only=True)
class Workspace:
    """The seeded database, the Slack stand-in and the running ``serve``."""

    database_url: str
    slack: RecorderThread
    server: Server

    def post(self, body: str, content_type: str, **headers: str) -> httpx.Response:
        """Send ``body`` to ``/slack/events`` signed, as Slack does."""
        return self.post_raw(body, content_type, {**sign(body), **headers})

    def post_raw(self, body: str, content_type: str, headers: dict[str, str]) -> httpx.Response:
        return httpx.post(
            f"{self.server.url}/slack/events",
            content=body.encode(),
            headers={"Content-Type": content_type, **headers},
            timeout=10.0,
        )

    def press(self, payload: dict[str, Any]) -> None:
        assert self.post(interactive_body(payload), FORM).status_code == 200

    def say(self, text: str, *, user: str, channel: str) -> tuple[str, Call]:
        """A direct message to the bot; its event id and the bot's answer."""
        event_id = unique("Ev")
        body = event_body(direct_message(text, user=user, channel=channel), event_id=event_id)
        assert self.post(body, JSON).status_code == 200
        return event_id, self.wait("chat.postMessage", has=f'"channel": "{channel}"')

    def wait(self, method: str, *, where: str = "", has: str = "") -> Call:
        """The first call of ``method`` whose path contains ``where`` and body ``has``."""
        return self.slack.recorder.wait_call(method, where=where, has=has)

    def calls(self, method: str, *, where: str = "", has: str = "") -> list[Call]:
        return [
            c for c in self.slack.recorder.recorded(method) if where in c.path and has in c.text()
        ]

    def read(self, look: Callable[[UnitOfWork], T]) -> T:
        """What ``look`` finds in the database, through an engine of the test's own."""
        runtime = build_runtime(load_settings({"DATABASE_URL": self.database_url}))
        try:
            with runtime.uow() as uow:
                return look(uow)
        finally:
            runtime.engine.dispose()

    def contacts(self, source_ref: str) -> list[Contact]:
        return self.read(lambda uow: [c for c in uow.contacts.all() if c.source_ref == source_ref])

    def tactic(self, number: int) -> Tactic:
        tactic = self.read(lambda uow: uow.tactics.get(2026, number))
        assert tactic is not None
        return tactic

    def snoozed_until(self, person: str, item: str) -> date | None:
        """Until when ``person`` snoozed ``item`` ("tactic:2026/24") for themselves."""
        today = datetime.now(LONDON).date()
        snoozes = self.read(lambda uow: uow.reminder_settings.snoozed(today))
        return next((s.until for s in snoozes if (s.person, s.item) == (person, item)), None)

    def question(self, key: str) -> Question:
        question = self.read(lambda uow: uow.questions.get(key))
        assert question is not None, key
        return question

    def needing_team(self) -> list[str]:
        return self.read(lambda uow: [q.key for q in uow.questions.needing_team()])

    def claimed(self, key: str) -> bool:
        return self.read(lambda uow: key in uow.claims.claimed({key}))


@contextmanager
def running_workspace(directory: Path) -> Iterator[Workspace]:
    """A seeded database, the recording Slack and ``serve`` on it; no traceback allowed."""
    url = seed_workspace(directory)
    with (
        recording_slack(slack_users()) as slack,
        running_serve(directory, slack_environment(url, slack.api_url)) as server,
    ):
        yield Workspace(database_url=url, slack=slack, server=server)
        output = server.output()
    assert "Traceback" not in output, output

"""Slack over Socket Mode: ``serve`` with an app token over a real websocket to the recording
stand-in, and the same listeners fed the payloads in process, as AsyncSocketModeHandler feeds
them."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
from slack_bolt.request.async_request import AsyncBoltRequest

from adapters.bootstrap import Runtime, build_bot, build_runtime
from adapters.settings import load_settings
from adapters.slack.app import SlackApp, build_slack_app
from tests.integration.slack.recorder import Call
from tests.integration.slack.requests import (
    button_press,
    command_body,
    direct_message,
    event_body,
    home_opened,
    mention,
    message_shortcut,
    submission,
    unique,
)
from tests.integration.slack.thread import RecorderThread, recording_slack
from tests.integration.slack.workspace import (
    PUBLIC_URL,
    running_serve,
    seed_workspace,
    slack_environment,
    slack_users,
)

ETHNICITY = "Ethnicity harmonised standard"
QUESTION = "which standard covers ethnicity"


def blocks_text(call: Call) -> str:
    return json.dumps(call.body.get("blocks"), ensure_ascii=False)


def test_with_an_app_token_serve_also_answers_over_socket_mode(tmp_path: Path) -> None:
    database = seed_workspace(tmp_path)
    settings = slack_environment(database, "", SLACK_APP_TOKEN="xapp-test")
    with recording_slack(slack_users()) as slack:
        settings["SLACK_API_URL"] = slack.api_url
        with running_serve(tmp_path, settings):
            recorder = slack.recorder
            recorder.wait_call("socket.connect")
            opened = recorder.wait_call("apps.connections.open")
            assert opened.authorization == "Bearer xapp-test"

            hook = unique("socket-mode-")
            command = dict(
                parse_qsl(command_body(QUESTION, user="UPETE", response_url=slack.hook(hook)))
            )
            envelope = slack.push("slash_commands", command)
            recorder.wait_call("socket.ack", has=envelope)
            assert ETHNICITY in blocks_text(recorder.wait_call("response_url", where=hook))

            event = json.loads(event_body(mention(QUESTION, user="UPETE", channel="C0SOCKET")))
            envelope = slack.push("events_api", event)
            recorder.wait_call("socket.ack", has=envelope)
            answer = recorder.wait_call("chat.postMessage", has='"channel": "C0SOCKET"')
            assert ETHNICITY in blocks_text(answer)


# -- Socket Mode: the same listeners, fed as AsyncSocketModeHandler feeds them ----------------


@dataclass(frozen=True, kw_only=True)
class InProcess:
    runtime: Runtime
    app: SlackApp
    slack: RecorderThread

    async def dispatch(self, payload: dict[str, Any], retry: int = 0) -> int:
        """One Socket Mode envelope's payload through Bolt; the acknowledgement's status."""
        headers: dict[str, str | Sequence[str]] = {"x-slack-retry-num": str(retry)} if retry else {}
        request = AsyncBoltRequest(body=payload, mode="socket_mode", headers=headers)
        response = await self.app.bolt.async_dispatch(request)
        return response.status

    async def settle(self) -> None:
        """Wait for the work the listeners handed over after acknowledging.

        Bolt runs event listeners in tasks of its own after the acknowledgement, and those
        hand over to the app's background, so every other task of this loop is waited for.
        """
        while others := asyncio.all_tasks() - {asyncio.current_task()}:
            await asyncio.wait(others)


@pytest.fixture(scope="module")
def socket_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    return seed_workspace(tmp_path_factory.mktemp("socket"))


@pytest.fixture(scope="module")
def module_slack() -> Iterator[RecorderThread]:
    with recording_slack(slack_users()) as slack:
        yield slack


@pytest.fixture
async def in_process(
    socket_database: str, module_slack: RecorderThread
) -> AsyncIterator[InProcess]:
    settings = load_settings(
        slack_environment(socket_database, module_slack.api_url, SLACK_APP_TOKEN="xapp-test")
    )
    runtime = build_runtime(settings)
    app = build_slack_app(runtime, build_bot(runtime))
    yield InProcess(runtime=runtime, app=app, slack=module_slack)
    await app.background.drain()
    runtime.engine.dispose()


def _socket_event(event: dict[str, Any], event_id: str = "") -> dict[str, Any]:
    document: dict[str, Any] = json.loads(event_body(event, event_id=event_id))
    return document


def _socket_command(text: str, user: str, response_url: str) -> dict[str, Any]:
    return dict(parse_qsl(command_body(text, user=user, response_url=response_url)))


async def test_socket_mode_answers_commands_mentions_and_dms(in_process: InProcess) -> None:
    slack = in_process.slack
    hook = unique("socket-command-")
    payloads = (
        _socket_command("which standard covers ethnicity", "UPETE", slack.hook(hook)),
        _socket_event(mention("which standard covers ethnicity", user="UPETE", channel="C0SOCK")),
        _socket_event(direct_message("show tactic 5", user="UPETE", channel="D0SOCK")),
    )
    assert [await in_process.dispatch(p) for p in payloads] == [200, 200, 200]
    await in_process.settle()
    calls = slack.recorder.recorded()
    [answer] = [c for c in calls if c.method == "response_url" and hook in c.path]
    assert ETHNICITY in blocks_text(answer)
    [in_channel] = [c for c in calls if c.method == "chat.postMessage" and "C0SOCK" in c.text()]
    assert ETHNICITY in blocks_text(in_channel)
    [in_dm] = [c for c in calls if c.method == "chat.postMessage" and "D0SOCK" in c.text()]
    assert "Tactic 5:" in in_dm.body["text"]


async def test_socket_mode_ignores_bots_edits_and_other_subtypes(in_process: InProcess) -> None:
    before = len(in_process.slack.recorder.recorded("chat.postMessage"))
    for extra in (
        {"bot_id": "B0OTHER"},
        {"subtype": "message_changed"},
        {"edited": {"user": "UPETE", "ts": "1.2"}},
        {"channel_type": "channel"},
    ):
        event = direct_message("what's overdue", user="UPETE", channel="D0IGNORE", **extra)
        assert await in_process.dispatch(_socket_event(event)) == 200
    await in_process.settle()
    assert len(in_process.slack.recorder.recorded("chat.postMessage")) == before


async def test_socket_mode_answers_a_retried_event_once(in_process: InProcess) -> None:
    event_id = unique("Ev")
    event = _socket_event(
        direct_message("which standard covers ethnicity", user="UJANE", channel="D0SRETRY"),
        event_id=event_id,
    )
    assert await in_process.dispatch(event) == 200
    await in_process.settle()
    assert await in_process.dispatch(event, retry=1) == 200
    assert await in_process.dispatch(event, retry=2) == 200
    await in_process.settle()
    posts = [
        c for c in in_process.slack.recorder.recorded("chat.postMessage") if "D0SRETRY" in c.text()
    ]
    assert len(posts) == 1
    with in_process.runtime.uow() as uow:
        logged = [c for c in uow.contacts.all() if c.source_ref == f"chat:slack:{event_id}"]
    assert len(logged) == 1


async def test_socket_mode_buttons_and_the_shortcut(in_process: InProcess) -> None:
    slack = in_process.slack
    hook = unique("socket-done-")
    press = button_press(
        # The yes of Done's question (Done itself only asks).
        user="UPETE",
        action_id="tactic_done_confirmed#1",
        value="24",
        response_url=slack.hook(hook),
    )
    assert await in_process.dispatch(press) == 200
    ts = "1790000300.000400"
    shortcut = message_shortcut(
        user="UBECKI",
        author="UJANE",
        text="which standard covers ethnicity?",
        ts=ts,
        response_url=slack.hook(unique("socket-shortcut-")),
    )
    assert await in_process.dispatch(shortcut) == 200
    await in_process.settle()
    [answer] = [c for c in slack.recorder.recorded("response_url") if hook in c.path]
    assert answer.body["text"].startswith("Marked tactic 24 complete")
    with in_process.runtime.uow() as uow:
        tactic = uow.tactics.get(2026, 24)
    assert tactic is not None and tactic.is_complete

    [opened] = [
        c for c in slack.recorder.recorded("views.open") if shortcut["trigger_id"] in c.text()
    ]
    submitted = submission(user="UBECKI", view=opened.body["view"])
    assert await in_process.dispatch(submitted) == 200
    assert await in_process.dispatch(submitted) == 200
    await in_process.settle()
    with in_process.runtime.uow() as uow:
        logged = [c for c in uow.contacts.all() if c.source_ref == f"slack:shortcut:C0GENERAL:{ts}"]
    assert len(logged) == 1


async def test_socket_mode_app_home(in_process: InProcess) -> None:
    assert await in_process.dispatch(_socket_event(home_opened(user="UBECKI"))) == 200
    await in_process.settle()
    [home] = [
        c for c in in_process.slack.recorder.recorded("views.publish") if "UBECKI" in c.text()
    ][-1:]
    assert f"{PUBLIC_URL}/dashboard" in json.dumps(home.body["view"])

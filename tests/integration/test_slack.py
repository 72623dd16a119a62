"""Slack end to end: signed requests to the real ``harmonibot serve`` through the real Bolt app,
with Slack's Web API played by a recording server on loopback; the Socket Mode path fed the
same payloads in process; and the outbound sender (nudges, digest, chart upload)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.bootstrap import Runtime, build_bot, build_job_deps, build_messenger, build_runtime
from adapters.cli.main import main
from adapters.settings import load_settings
from adapters.slack.app import SlackApp, build_slack_app
from adapters.slack.client import make_client
from adapters.slack.sender import SlackSender
from bot.jobs.digest import build_digest_reply, post_digest
from bot.messages import Image, Reply, Text
from bot.ports import Unreachable
from commplan.contacts import Channel
from commplan.people import Person
from tests.conftest import LONDON
from tests.integration.slack.recorder import (
    MISSING_CHANNEL,
    Call,
    RecorderThread,
    recording_slack,
)
from tests.integration.slack.requests import (
    button_press,
    command_body,
    direct_message,
    event_body,
    home_opened,
    interactive_body,
    mention,
    message_shortcut,
    sign,
    submission,
    unique,
)
from tests.integration.slack.workspace import (
    FORM,
    JSON,
    PUBLIC_URL,
    Workspace,
    running_serve,
    running_workspace,
    seed_workspace,
    slack_environment,
    slack_users,
)

ETHNICITY = "Ethnicity harmonised standard"
QUESTION = "which standard covers ethnicity"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    with running_workspace(tmp_path_factory.mktemp("slack")) as workspace:
        yield workspace


def blocks_text(call: Call) -> str:
    return json.dumps(call.body.get("blocks"), ensure_ascii=False)


# -- over HTTP: the surfaces -------------------------------------------------------------------


def test_the_slash_command_is_acknowledged_and_answered_through_response_url(
    workspace: Workspace,
) -> None:
    hook = unique("command-")
    body = command_body(
        "which standard covers ethnicity", user="UPETE", response_url=workspace.slack.hook(hook)
    )
    response = workspace.post(body, FORM)
    assert response.status_code == 200
    assert response.text == ""
    answer = workspace.wait("response_url", where=hook)
    assert ETHNICITY in blocks_text(answer)
    assert answer.body["response_type"] == "ephemeral"
    assert answer.body["text"].startswith(ETHNICITY)


def test_an_empty_slash_command_gives_help(workspace: Workspace) -> None:
    hook = unique("help-")
    body = command_body("", user="UPETE", response_url=workspace.slack.hook(hook))
    assert workspace.post(body, FORM).status_code == 200
    answer = workspace.wait("response_url", where=hook)
    assert "What I can do" in answer.body["text"]
    assert "which standard covers ethnicity" in blocks_text(answer)


def test_a_mention_is_answered_in_its_thread_and_a_strangers_question_is_a_contact(
    workspace: Workspace,
) -> None:
    event = mention("which standard covers ethnicity?", user="UJANE", channel="C0MENTION")
    event_id = unique("Ev")
    assert workspace.post(event_body(event, event_id=event_id), JSON).status_code == 200
    answer = workspace.wait("chat.postMessage", has='"channel": "C0MENTION"')
    assert answer.body["thread_ts"] == event["ts"]
    assert ETHNICITY in blocks_text(answer)
    assert answer.authorization == "Bearer xoxb-test"
    [contact] = workspace.contacts(f"chat:slack:{event_id}")
    # Named from the Slack profile: Jane Smith is not in the directory.
    assert (contact.name, contact.email) == ("Jane Smith", "jane.smith@leeds.gov.uk")
    assert (contact.channel, contact.standard) == (Channel.CHAT, ETHNICITY)


def test_a_direct_message_is_answered_in_the_dm(workspace: Workspace) -> None:
    event = direct_message("show tactic 3", user="UPETE", channel="D0PETE1")
    assert workspace.post(event_body(event), JSON).status_code == 200
    answer = workspace.wait("chat.postMessage", has='"channel": "D0PETE1"')
    assert "Tactic 3:" in answer.body["text"]
    assert "thread_ts" not in answer.body


def test_a_retried_event_is_answered_once_and_logged_once(workspace: Workspace) -> None:
    event_id = unique("Ev")
    body = event_body(
        direct_message("which standard covers ethnicity", user="UJANE", channel="D0RETRY"),
        event_id=event_id,
    )
    assert workspace.post(body, JSON).status_code == 200
    workspace.wait("chat.postMessage", has='"channel": "D0RETRY"')
    retried = workspace.post(
        body, JSON, **{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    )
    assert retried.status_code == 200
    workspace.server.wait_for_output(f"slack:event:{event_id} arrived again (Slack retry 1)")
    assert len(workspace.calls("chat.postMessage", has='"channel": "D0RETRY"')) == 1
    assert len(workspace.contacts(f"chat:slack:{event_id}")) == 1


def test_done_marks_the_tactic_complete(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    event = direct_message("show tactic 24", user="UPETE", channel="D0PETE2")
    assert workspace.post(event_body(event), JSON).status_code == 200
    card = workspace.wait("chat.postMessage", has='"channel": "D0PETE2"')
    [done] = [
        element
        for block in card.body["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"].startswith("tactic_done#")
    ]
    hook = unique("done-")
    press = button_press(
        user="UPETE",
        action_id=done["action_id"],
        value=done["value"],
        response_url=workspace.slack.hook(hook),
        channel="D0PETE2",
    )
    assert workspace.post(interactive_body(press), FORM).status_code == 200
    answer = workspace.wait("response_url", where=hook)
    assert answer.body["text"].startswith("Marked tactic 24 complete")
    assert answer.body["replace_original"] is False

    monkeypatch.setenv("DATABASE_URL", workspace.database_url)
    capsys.readouterr()
    assert main(["tactics", "list", "--json"]) == 0
    tactics = {t["id"]: t for t in json.loads(capsys.readouterr().out)}
    assert tactics[24]["status"] == "complete"


def test_the_shortcut_opens_a_prefilled_modal_and_logs_one_contact(workspace: Workspace) -> None:
    ts = f"{int(time.time()) - 3600}.000200"
    shortcut = message_shortcut(
        user="UBECKI",
        author="UJANE",
        text="Hello &amp; thanks: is there a standard for ethnicity in our survey?",
        ts=ts,
        response_url=workspace.slack.hook(unique("shortcut-")),
    )
    assert workspace.post(interactive_body(shortcut), FORM).status_code == 200
    opened = workspace.wait("views.open", has=shortcut["trigger_id"])
    view = opened.body["view"]
    fields = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert fields["name"]["initial_value"] == "Jane Smith"
    assert fields["email"]["initial_value"] == "jane.smith@leeds.gov.uk"
    assert fields["org_type"]["initial_option"]["value"] == "Local Government"
    assert fields["user_group"]["initial_option"]["value"] == "Sub national organisations"
    assert fields["standard"]["initial_value"] == ETHNICITY
    assert fields["summary"]["initial_value"].startswith("Hello & thanks")

    submitted = interactive_body(submission(user="UBECKI", view=view))
    response = workspace.post(submitted, FORM)
    assert response.status_code == 200
    assert response.text == ""  # the modal closes
    workspace.wait("chat.postMessage", has="Logged a contact with Jane Smith")
    # Submitting the same message again (a double click, a retry) logs nothing new.
    assert workspace.post(submitted, FORM).status_code == 200
    workspace.wait("chat.postMessage", has="already logged as a contact with Jane Smith")

    [contact] = workspace.contacts(f"slack:shortcut:C0GENERAL:{ts}")
    assert contact.name == "Jane Smith"
    assert contact.channel is Channel.CHAT
    assert contact.standard == ETHNICITY
    assert contact.org_type is not None and contact.org_type.value == "Local Government"
    assert contact.on == datetime.fromtimestamp(float(ts), tz=LONDON).date()


def test_the_shortcut_is_refused_to_people_outside_the_team(workspace: Workspace) -> None:
    hook = unique("refused-")
    shortcut = message_shortcut(
        user="UPETE",
        author="UJANE",
        text="a question",
        ts="1790000200.000300",
        response_url=workspace.slack.hook(hook),
    )
    assert workspace.post(interactive_body(shortcut), FORM).status_code == 200
    refusal = workspace.wait("response_url", where=hook)
    assert "personal data" in refusal.body["text"]
    assert refusal.body["response_type"] == "ephemeral"
    assert not workspace.calls("views.open", has=shortcut["trigger_id"])


def test_app_home_shows_tactics_actions_and_for_the_team_the_dashboard(
    workspace: Workspace,
) -> None:
    assert workspace.post(event_body(home_opened(user="UBECKI")), JSON).status_code == 200
    home = workspace.wait("views.publish", has='"user_id": "UBECKI"')
    text = json.dumps(home.body["view"])
    assert home.body["view"]["type"] == "home"
    assert "Your open tactics, Becki Aquilina" in text
    assert "Your open actions, Becki Aquilina" in text
    assert "Due from" in text
    assert f"<{PUBLIC_URL}/dashboard|" in text

    assert workspace.post(event_body(home_opened(user="UPETE")), JSON).status_code == 200
    home = workspace.wait("views.publish", has='"user_id": "UPETE"')
    assert "Your open tactics, Pete Brodie" in json.dumps(home.body["view"])
    assert "/dashboard" not in json.dumps(home.body["view"])


def test_a_person_known_only_by_email_is_matched_and_remembered(workspace: Workspace) -> None:
    event = direct_message("my tactics", user="UPALVI", channel="D0PALVI")
    assert workspace.post(event_body(event), JSON).status_code == 200
    answer = workspace.wait("chat.postMessage", has='"channel": "D0PALVI"')
    assert "Palvi Shah" in answer.body["text"]
    palvi = workspace.read(lambda uow: uow.people.get("Palvi Shah"))
    assert palvi is not None and palvi.slack_id == "UPALVI"


def test_slacks_url_verification_is_answered(workspace: Workspace) -> None:
    body = json.dumps(
        {"token": "t", "challenge": "3eZbrw1aBm2rZgRNFdxV", "type": "url_verification"}
    )
    response = workspace.post(body, JSON)
    assert response.status_code == 200
    assert response.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV"}


# -- over HTTP: requests Slack did not sign ----------------------------------------------------


def _forged(workspace: Workspace, marker: str) -> str:
    return command_body(marker, user="UPETE", response_url=workspace.slack.hook(marker))


def test_an_unsigned_request_is_refused(workspace: Workspace) -> None:
    marker = unique("unsigned-")
    response = workspace.post_raw(_forged(workspace, marker), FORM, {})
    assert response.status_code == 401


def test_a_wrongly_signed_request_is_refused(workspace: Workspace) -> None:
    marker = unique("wrong-")
    body = _forged(workspace, marker)
    headers = sign(body, secret="not-the-signing-secret")
    assert workspace.post_raw(body, FORM, headers).status_code == 401
    tampered = sign(body)
    assert workspace.post_raw(body + "&x=1", FORM, tampered).status_code == 401


def test_a_stale_request_is_refused(workspace: Workspace) -> None:
    marker = unique("stale-")
    body = _forged(workspace, marker)
    headers = sign(body, at=time.time() - 6 * 60)  # Slack's replay window is five minutes
    assert workspace.post_raw(body, FORM, headers).status_code == 401


def test_refused_requests_reach_nobody(workspace: Workspace) -> None:
    # Runs after the three above in this module; none of their markers got anywhere.
    for call in workspace.slack.recorder.recorded():
        assert not any(m in call.path for m in ("unsigned-", "wrong-", "stale-")), call


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
        user="UPETE", action_id="tactic_done#0", value="24", response_url=slack.hook(hook)
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


# -- outbound: nudges, the digest, the chart ---------------------------------------------------


@pytest.fixture
async def outbound(in_process: InProcess) -> SlackSender:
    settings = in_process.runtime.settings.slack
    assert settings is not None
    return SlackSender.from_settings(settings, in_process.runtime.uow)


def _person(runtime: Runtime, name: str) -> Person:
    with runtime.uow() as uow:
        person = uow.people.get(name)
    assert person is not None
    return person


NUDGE = Reply(text="Tactic 7 is due on Monday.", blocks=(Text(text="Tactic 7 is due on Monday."),))


async def test_a_nudge_looks_up_an_unknown_slack_id_by_email_once_and_remembers_it(
    in_process: InProcess, outbound: SlackSender
) -> None:
    recorder = in_process.slack.recorder
    emma = _person(in_process.runtime, "Emma Wright")
    assert emma.slack_id == ""
    assert await outbound.send_direct(emma, NUDGE)
    lookups = [c for c in recorder.recorded("users.lookupByEmail") if "emma" in c.text()]
    assert [c.body["email"] for c in lookups] == ["emma.wright@ons.gov.uk"]
    emma = _person(in_process.runtime, "Emma Wright")
    assert emma.slack_id == "UEMMA"

    # The nudge sweep goes through the messenger the composition root builds.
    assert await build_messenger(in_process.runtime).send_direct(emma, NUDGE) == "slack"
    assert len([c for c in recorder.recorded("users.lookupByEmail") if "emma" in c.text()]) == 1
    opened = [c for c in recorder.recorded("conversations.open") if c.body.get("users") == "UEMMA"]
    assert len(opened) == 2
    posts = [c for c in recorder.recorded("chat.postMessage") if c.body["channel"] == "DEMMA"]
    assert [p.body["text"] for p in posts] == ["Tactic 7 is due on Monday."] * 2


async def test_someone_slack_does_not_know_is_unreachable(
    in_process: InProcess, outbound: SlackSender
) -> None:
    jan = _person(in_process.runtime, "Jan Thomas")
    assert not await outbound.send_direct(jan, NUDGE)
    with pytest.raises(Unreachable):
        await build_messenger(in_process.runtime).send_direct(jan, NUDGE)
    assert _person(in_process.runtime, "Jan Thomas").slack_id == ""


async def test_a_long_nudge_goes_out_as_several_messages_in_order(
    in_process: InProcess, outbound: SlackSender
) -> None:
    pete = _person(in_process.runtime, "Pete Brodie")
    reply = Reply(text="many", blocks=tuple(Text(text=f"part {n}") for n in range(60)))
    assert await outbound.send_direct(pete, reply)
    posts = [
        c for c in in_process.slack.recorder.recorded("chat.postMessage") if "part " in c.text()
    ]
    assert [p.body["channel"] for p in posts] == ["DPETE", "DPETE"]
    assert [len(p.body["blocks"]) for p in posts] == [50, 10]
    assert posts[1].body["blocks"][0]["text"]["text"] == "part 50"


async def test_the_digest_goes_to_each_team_channel(in_process: InProcess) -> None:
    settings = load_settings(
        slack_environment(
            in_process.runtime.settings.database_url,
            in_process.slack.api_url,
            HARMONIBOT_SLACK_CHANNELS="C0HARM, C0STEER",
        )
    )
    assert settings.slack is not None
    sender = SlackSender.from_settings(settings.slack, in_process.runtime.uow)
    digest = Reply(text="Weekly digest", blocks=(Text(text="Weekly digest"),))
    assert await sender.send_team(digest)
    posts = [
        c.body["channel"]
        for c in in_process.slack.recorder.recorded("chat.postMessage")
        if "Weekly digest" in c.text()
    ]
    assert posts == ["C0HARM", "C0STEER"]
    without = SlackSender(_client(in_process), in_process.runtime.uow)
    assert not await without.send_team(digest)


def _client(in_process: InProcess) -> AsyncWebClient:
    settings = in_process.runtime.settings.slack
    assert settings is not None
    return make_client(settings)


async def test_a_rate_limited_post_is_retried_after_retry_after(in_process: InProcess) -> None:
    sender = SlackSender(_client(in_process), in_process.runtime.uow, team_channels=("C0LIMIT",))
    in_process.slack.recorder.throttle("chat.postMessage", times=1)
    assert await sender.send_team(Reply(text="after the 429"))
    posts = [
        c
        for c in in_process.slack.recorder.recorded("chat.postMessage")
        if "after the 429" in c.text()
    ]
    assert len(posts) == 2  # the 429, then the post that went through


async def test_a_failed_post_raises_so_the_sweep_retries_later(in_process: InProcess) -> None:
    sender = SlackSender(
        _client(in_process), in_process.runtime.uow, team_channels=(MISSING_CHANNEL,)
    )
    with pytest.raises(SlackApiError) as raised:
        await sender.send_team(Reply(text="lost?"))
    assert raised.value.response["error"] == "channel_not_found"


async def test_the_digest_chart_is_uploaded(in_process: InProcess) -> None:
    # The real digest, chart and all, posted the way the clock posts it.
    runtime = replace(
        in_process.runtime,
        settings=load_settings(
            slack_environment(
                in_process.runtime.settings.database_url,
                in_process.slack.api_url,
                HARMONIBOT_SLACK_CHANNELS="C0CHART1, C0CHART2",
            )
        ),
    )
    monday = datetime(2026, 9, 14, 9, 0, tzinfo=LONDON)
    deps = build_job_deps(runtime)
    reply = build_digest_reply(deps, monday.date(), monday)
    [chart] = [b for b in reply.blocks if isinstance(b, Image)]
    assert chart.data.startswith(b"\x89PNG") and len(chart.data) < 40_000
    assert await post_digest(deps, build_messenger(runtime), reply, monday.date(), monday)

    recorder = in_process.slack.recorder
    posts = [
        c.body["channel"]
        for c in recorder.recorded("chat.postMessage")
        if "Weekly digest for Monday 14 September 2026" in c.text()
    ]
    assert posts == ["C0CHART1", "C0CHART2"]
    asked = [c for c in recorder.recorded("files.getUploadURLExternal") if "digest-1" in c.text()]
    assert [int(c.body["length"]) for c in asked] == [len(chart.data)] * 2
    done = [c for c in recorder.recorded("files.completeUploadExternal") if "C0CHART" in c.text()]
    assert [c.body["channel_id"] for c in done] == ["C0CHART1", "C0CHART2"]
    assert all(chart.alt in c.text() for c in done)
    for call in done:
        [file] = json.loads(call.body["files"])
        [upload] = [c for c in recorder.recorded("upload") if file["id"] in c.path]
        assert upload.body["_bytes"] == len(chart.data)


async def test_an_image_in_a_direct_message_is_uploaded_to_the_dm(
    in_process: InProcess, outbound: SlackSender
) -> None:
    pete = _person(in_process.runtime, "Pete Brodie")
    png = b"\x89PNG\r\n\x1a\n" + bytes(300)
    reply = Reply(
        text="Your chart",
        blocks=(Text(text="Your chart"), Image(data=png, alt="Pete's chart")),
        intent="chart",
    )
    assert await outbound.send_direct(pete, reply)
    recorder = in_process.slack.recorder
    [done] = [c for c in recorder.recorded("files.completeUploadExternal") if "Pete" in c.text()]
    assert done.body["channel_id"] == "DPETE"

"""Slack's outbound side: nudges by direct message, the digest to the team's channels and its
chart uploaded, through the recording stand-in for the Web API."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.bootstrap import Runtime, build_job_deps, build_messenger, build_runtime
from adapters.settings import load_settings
from adapters.slack.client import make_client
from adapters.slack.sender import SlackSender
from bot.jobs.digest import build_digest_reply, post_digest
from bot.messages import Image, Reply, Text
from bot.ports import Unreachable
from commplan.people import Person
from tests.conftest import LONDON
from tests.integration.slack.recorder import MISSING_CHANNEL
from tests.integration.slack.thread import RecorderThread, recording_slack
from tests.integration.slack.workspace import seed_workspace, slack_environment, slack_users


@dataclass(frozen=True, kw_only=True)
class SlackEnvironment:
    """A runtime configured for Slack, and the recording stand-in it talks to."""

    runtime: Runtime
    slack: RecorderThread


@pytest.fixture(scope="module")
def outbound_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    return seed_workspace(tmp_path_factory.mktemp("slack-outbound"))


@pytest.fixture(scope="module")
def module_slack() -> Iterator[RecorderThread]:
    with recording_slack(slack_users()) as slack:
        yield slack


@pytest.fixture
def env(outbound_database: str, module_slack: RecorderThread) -> Iterator[SlackEnvironment]:
    runtime = build_runtime(
        load_settings(slack_environment(outbound_database, module_slack.api_url))
    )
    yield SlackEnvironment(runtime=runtime, slack=module_slack)
    runtime.engine.dispose()


@pytest.fixture
async def outbound(env: SlackEnvironment) -> SlackSender:
    settings = env.runtime.settings.slack
    assert settings is not None
    return SlackSender.from_settings(settings, env.runtime.uow)


def _person(runtime: Runtime, name: str) -> Person:
    with runtime.uow() as uow:
        person = uow.people.get(name)
    assert person is not None
    return person


NUDGE = Reply(text="Tactic 7 is due on Monday.", blocks=(Text(text="Tactic 7 is due on Monday."),))


async def test_a_nudge_looks_up_an_unknown_slack_id_by_email_once_and_remembers_it(
    env: SlackEnvironment, outbound: SlackSender
) -> None:
    recorder = env.slack.recorder
    emma = _person(env.runtime, "Emma Wright")
    assert emma.slack_id == ""
    assert await outbound.send_direct(emma, NUDGE)
    lookups = [c for c in recorder.recorded("users.lookupByEmail") if "emma" in c.text()]
    assert [c.body["email"] for c in lookups] == ["emma.wright@ons.gov.uk"]
    emma = _person(env.runtime, "Emma Wright")
    assert emma.slack_id == "UEMMA"

    # The nudge sweep goes through the messenger the composition root builds.
    assert await build_messenger(env.runtime).send_direct(emma, NUDGE) == "slack"
    assert len([c for c in recorder.recorded("users.lookupByEmail") if "emma" in c.text()]) == 1
    opened = [c for c in recorder.recorded("conversations.open") if c.body.get("users") == "UEMMA"]
    assert len(opened) == 2
    posts = [c for c in recorder.recorded("chat.postMessage") if c.body["channel"] == "DEMMA"]
    assert [p.body["text"] for p in posts] == ["Tactic 7 is due on Monday."] * 2


async def test_someone_slack_does_not_know_is_unreachable(
    env: SlackEnvironment, outbound: SlackSender
) -> None:
    jan = _person(env.runtime, "Jan Thomas")
    assert not await outbound.send_direct(jan, NUDGE)
    with pytest.raises(Unreachable):
        await build_messenger(env.runtime).send_direct(jan, NUDGE)
    assert _person(env.runtime, "Jan Thomas").slack_id == ""


async def test_a_long_nudge_goes_out_as_several_messages_in_order(
    env: SlackEnvironment, outbound: SlackSender
) -> None:
    pete = _person(env.runtime, "Pete Brodie")
    reply = Reply(text="many", blocks=tuple(Text(text=f"part {n}") for n in range(60)))
    assert await outbound.send_direct(pete, reply)
    posts = [c for c in env.slack.recorder.recorded("chat.postMessage") if "part " in c.text()]
    assert [p.body["channel"] for p in posts] == ["DPETE", "DPETE"]
    assert [len(p.body["blocks"]) for p in posts] == [50, 10]
    assert posts[1].body["blocks"][0]["text"]["text"] == "part 50"


async def test_the_digest_goes_to_each_team_channel(env: SlackEnvironment) -> None:
    settings = load_settings(
        slack_environment(
            env.runtime.settings.database_url,
            env.slack.api_url,
            HARMONIBOT_SLACK_CHANNELS="C0HARM, C0STEER",
        )
    )
    assert settings.slack is not None
    sender = SlackSender.from_settings(settings.slack, env.runtime.uow)
    digest = Reply(text="Weekly digest", blocks=(Text(text="Weekly digest"),))
    assert await sender.send_team(digest)
    posts = [
        c.body["channel"]
        for c in env.slack.recorder.recorded("chat.postMessage")
        if "Weekly digest" in c.text()
    ]
    assert posts == ["C0HARM", "C0STEER"]
    without = SlackSender(_client(env), env.runtime.uow)
    assert not await without.send_team(digest)


def _client(env: SlackEnvironment) -> AsyncWebClient:
    settings = env.runtime.settings.slack
    assert settings is not None
    return make_client(settings)


async def test_a_rate_limited_post_is_retried_after_retry_after(env: SlackEnvironment) -> None:
    sender = SlackSender(_client(env), env.runtime.uow, team_channels=("C0LIMIT",))
    env.slack.recorder.throttle("chat.postMessage", times=1)
    assert await sender.send_team(Reply(text="after the 429"))
    posts = [
        c for c in env.slack.recorder.recorded("chat.postMessage") if "after the 429" in c.text()
    ]
    assert len(posts) == 2  # the 429, then the post that went through


async def test_a_failed_post_raises_so_the_sweep_retries_later(env: SlackEnvironment) -> None:
    sender = SlackSender(_client(env), env.runtime.uow, team_channels=(MISSING_CHANNEL,))
    with pytest.raises(SlackApiError) as raised:
        await sender.send_team(Reply(text="lost?"))
    assert raised.value.response["error"] == "channel_not_found"


async def test_the_digest_chart_is_uploaded(env: SlackEnvironment) -> None:
    # The real digest, chart and all, posted the way the clock posts it.
    runtime = replace(
        env.runtime,
        settings=load_settings(
            slack_environment(
                env.runtime.settings.database_url,
                env.slack.api_url,
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

    recorder = env.slack.recorder
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
    env: SlackEnvironment, outbound: SlackSender
) -> None:
    pete = _person(env.runtime, "Pete Brodie")
    png = b"\x89PNG\r\n\x1a\n" + bytes(300)
    reply = Reply(
        text="Your chart",
        blocks=(Text(text="Your chart"), Image(data=png, alt="Pete's chart")),
        intent="chart",
    )
    assert await outbound.send_direct(pete, reply)
    recorder = env.slack.recorder
    [done] = [c for c in recorder.recorded("files.completeUploadExternal") if "Pete" in c.text()]
    assert done.body["channel_id"] == "DPETE"

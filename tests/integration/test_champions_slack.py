"""Champions over Slack end to end: an admin names a champion in a DM, ``harmonibot champions
ask`` sends the ask to the champion's DM through Slack's Web API (a recording server on
loopback), the button starts the update, the answers are typed in the DM, and a retried
event and a second ask do nothing twice."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from adapters.cli.main import main
from tests.integration.slack.requests import button_press, direct_message, event_body, unique
from tests.integration.slack.workspace import JSON, Workspace, running_workspace, slack_environment


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    with running_workspace(tmp_path_factory.mktemp("slack-champions")) as workspace:
        yield workspace


def _ask(workspace: Workspace, monkeypatch: pytest.MonkeyPatch, capsys: Any) -> str:
    for name, value in slack_environment(workspace.database_url, workspace.slack.api_url).items():
        monkeypatch.setenv(name, value)
    capsys.readouterr()
    assert main(["champions", "ask", "--quarter", "2026Q3"]) == 0
    return str(capsys.readouterr().out)


def test_a_champion_is_asked_in_slack_and_answers_in_the_dm(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, named = workspace.say(
        "make Pete Brodie champion for the Office for National Statistics",
        user="UBECKI",
        channel="D0BECKI",
    )
    assert (
        "Pete Brodie is now a harmonisation champion for Office for National Statistics"
        in (named.body["text"])
    )

    assert "asked 1 champions" in _ask(workspace, monkeypatch, capsys)
    asked = workspace.wait("chat.postMessage", has="champion update for Office")
    dm = asked.body["channel"]
    assert dm == "DPETE"
    [button] = [
        element
        for block in asked.body["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"].startswith("champion_update")
    ]
    assert button["value"] == "2026Q3"

    hook = unique("champion-")
    workspace.press(
        button_press(
            user="UPETE",
            action_id=button["action_id"],
            value=button["value"],
            response_url=workspace.slack.hook(hook),
            channel=dm,
        )
    )
    started = workspace.wait("response_url", where=hook)
    assert "What has your organisation harmonised this quarter?" in started.body["text"]

    before = len(workspace.calls("chat.postMessage", has=f'"channel": "{dm}"'))
    harmonised = "The Annual Population Survey now asks the harmonised sex question"
    body = event_body(direct_message(harmonised, user="UPETE", channel=dm), event_id=unique("Ev"))
    assert workspace.post(body, JSON).status_code == 200
    workspace.slack.recorder.wait_call("chat.postMessage", has="Is anything blocked?")
    # Slack retries the event: it is answered once, and not taken as the second answer.
    assert workspace.post(body, JSON, **{"X-Slack-Retry-Num": "1"}).status_code == 200
    blocked = direct_message("Waiting on the census output geography", user="UPETE", channel=dm)
    assert workspace.post(event_body(blocked, event_id=unique("Ev")), JSON).status_code == 200
    stored = workspace.wait("chat.postMessage", has="Thank you: your 2026 Q3 update")
    assert stored.body["channel"] == dm
    posted = workspace.calls("chat.postMessage", has=f'"channel": "{dm}"')
    assert len(posted) - before == 2

    updates = workspace.read(lambda uow: uow.champions.updates("2026Q3", replaced=True))
    assert [(u.person, u.harmonised, u.blocked) for u in updates] == [
        ("Pete Brodie", harmonised, "Waiting on the census output geography")
    ]
    assert "asked 0 champions" in _ask(workspace, monkeypatch, capsys)
    assert len(workspace.calls("chat.postMessage", has="champion update for Office")) == 1
    assert json.dumps(asked.body["blocks"]).count("Give my update") == 1

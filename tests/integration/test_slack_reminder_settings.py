"""Reminder settings over Slack, end to end: said in a direct message to the real ``serve``,
and shown with their buttons in App Home; Slack's Web API is the recording stand-in."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.integration.slack.requests import event_body, home_opened
from tests.integration.slack.workspace import JSON, Workspace, running_workspace


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    with running_workspace(tmp_path_factory.mktemp("slack-reminders")) as workspace:
        yield workspace


def answer(workspace: Workspace, text: str, channel: str) -> str:
    _, call = workspace.say(text, user="UPETE", channel=channel)
    return json.dumps(call.body, ensure_ascii=False)


def test_pete_sets_his_reminders_in_a_direct_message_and_sees_them_at_home(
    workspace: Workspace,
) -> None:
    said = answer(workspace, "remind me 3 days ahead", "D0PETE1")
    assert "I'll tell you 3 days ahead." in said and "Coming up: 3 days ahead." in said
    said = answer(workspace, "no reminders on Fridays", "D0PETE2")
    assert "No reminders on Fridays: they wait for the next day." in said
    said = answer(workspace, "pause reminders until 5 January", "D0PETE3")
    assert "Reminders paused until " in said and " 5 January 20" in said
    said = answer(workspace, "my reminder settings", "D0PETE4")
    assert "Coming up: 3 days ahead." in said and "No reminders on Fridays." in said
    assert '"action_id": "reminders_daily' in said and '"action_id": "reminders_resume' in said

    assert workspace.post(event_body(home_opened(user="UPETE")), JSON).status_code == 200
    home = json.dumps(workspace.wait("views.publish", has='"user_id": "UPETE"').body["view"])
    assert "Your reminder settings:" in home and "No reminders on Fridays." in home
    assert "Your reminders, Pete Brodie" in home
    assert '"action_id": "reminders_immediately' in home

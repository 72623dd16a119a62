"""Editing the plan in Slack, end to end: signed direct messages and button presses to the real
``harmonibot serve``, answered through the recording Web API, checked against the database.

Each point of the plan's editing: every status with a Done button that asks first, any field
edited with its history, owners only from known people and groups, and the seed read as
written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from commplan.plan import Status
from tests.integration.slack.recorder import Call
from tests.integration.slack.requests import button_press, unique
from tests.integration.slack.workspace import Workspace, running_workspace


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    with running_workspace(tmp_path_factory.mktemp("slack-plan-edits")) as workspace:
        yield workspace


def say(workspace: Workspace, text: str, *, user: str = "UBECKI") -> Call:
    """The bot's answer to a direct message, in a conversation of its own."""
    _, answer = workspace.say(text, user=user, channel=unique("D0EDIT"))
    return answer


def shown(call: Call) -> str:
    """What Slack shows: the text and every block's words."""
    return call.body["text"] + "\n" + json.dumps(call.body.get("blocks"), ensure_ascii=False)


def press(workspace: Workspace, answer: Call, action: str, *, user: str) -> Call:
    """Press the button with this action id on a message the bot posted; the answer."""
    [button] = [
        element
        for block in answer.body["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"].rpartition("#")[0] == action
    ]
    hook = unique(f"{action}-")
    payload: dict[str, Any] = button_press(
        user=user,
        action_id=button["action_id"],
        value=button["value"],
        response_url=workspace.slack.hook(hook),
        channel=answer.body.get("channel", "D0EDIT"),
    )
    workspace.press(payload)
    return workspace.wait("response_url", where=hook)


def test_every_status_and_a_done_button_that_asks(workspace: Workspace) -> None:
    assert (
        say(workspace, "tactic 31 is on-going")
        .body["text"]
        .startswith("Tactic 31 is now on-going (it was planned).")
    )
    assert (
        say(workspace, "cancel tactic 31")
        .body["text"]
        .startswith("Tactic 31 is now cancelled (it was on-going).")
    )
    assert workspace.tactic(31).status is Status.CANCELLED
    assert (
        say(workspace, "reopen tactic 31")
        .body["text"]
        .startswith("Reopened tactic 31 (on-going; it was cancelled).")
    )

    card = say(workspace, "show tactic 24", user="UPETE")
    asked = press(workspace, card, "tactic_done", user="UPETE")
    assert asked.body["text"].startswith("Mark tactic 24 complete? Present to ONS Directors Group")
    no = press(workspace, asked, "tactic_keep", user="UPETE")
    assert no.body["text"] == "Left tactic 24 as it was (planned)."
    assert workspace.tactic(24).status is Status.PLANNED
    asked = press(workspace, card, "tactic_done", user="UPETE")
    yes = press(workspace, asked, "tactic_done_confirmed", user="UPETE")
    assert yes.body["text"].startswith("Marked tactic 24 complete")
    assert workspace.tactic(24).status is Status.COMPLETE


def test_any_field_is_edited_and_the_history_says_who_and_what(workspace: Workspace) -> None:
    answer = say(workspace, "set timing of tactic 29 to November")
    assert answer.body["text"].startswith(
        "Changed the timing of tactic 29 from “TBC” to “November”."
    )
    assert "1 Nov – 30 Nov 2026" in shown(answer)
    say(workspace, "tactic 29 audience GSS analysts")
    say(workspace, "rename tactic 29 to Follow-up with the Statistics User Forum")
    tactic = workspace.tactic(29)
    assert (tactic.name, tactic.audience, tactic.timing) == (
        "Follow-up with the Statistics User Forum",
        "GSS analysts",
        "November",
    )
    history = shown(say(workspace, "history of tactic 29"))
    for line in (
        "Becki Aquilina · timing: “TBC” → “November”",
        "Becki Aquilina · audience: “GSS” → “GSS analysts”",
        "Becki Aquilina · name: “Liaising with Users” → “Follow-up with the Statistics User Forum”",
    ):
        assert line in history


def test_owners_are_known_people_and_groups_only(workspace: Workspace) -> None:
    people = workspace.read(lambda uow: {p.name for p in uow.people.all()})
    answer = say(workspace, "assign tactic 32 to Steering group")
    assert answer.body["text"].startswith(
        "I don't know anyone called Steering group. Did you mean Steering group members?"
    )
    assert "'add person Steering group, EMAIL'" in answer.body["text"]
    refused = say(workspace, "assign tactic 32 to new person Sam Jones")
    assert "I don't know anyone called Sam Jones." in refused.body["text"]
    assert workspace.read(lambda uow: {p.name for p in uow.people.all()}) == people
    done = say(workspace, "assign tactic 32 to Steering group members")
    assert done.body["text"] == "Tactic 32 is now with Steering group members."


def test_the_seed_reads_as_written(workspace: Workspace) -> None:
    laria = shown(say(workspace, "show tactic 10", user="UPETE"))
    assert "on-going" in laria and "overdue" not in laria
    forum = shown(say(workspace, "show tactic 2", user="UPETE"))
    assert "1. Make harmonisation part of the GSS voice" in forum
    assert "Royal Statistical Society (RSS): an organisation outside the team" in forum
    people = workspace.read(lambda uow: {p.name for p in uow.people.all()})
    assert not people & {"ONS Geography", "the RSS", "John Pullinger"}

"""Slack's buttons end to end: signed presses to the real ``harmonibot serve``, answered through
the recording Web API, checked against the database; and every surface over a real Socket Mode
websocket."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from adapters.bootstrap import build_runtime
from adapters.settings import load_settings
from commplan.questions import Feedback
from tests.conftest import LONDON
from tests.integration.slack.recorder import Call
from tests.integration.slack.requests import (
    button_press,
    command_body,
    direct_message,
    event_body,
    home_button_press,
    home_opened,
    message_shortcut,
    submission,
    unique,
)
from tests.integration.slack.thread import recording_slack
from tests.integration.slack.workspace import (
    FORM,
    JSON,
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
    with running_workspace(tmp_path_factory.mktemp("slack-buttons")) as workspace:
        yield workspace


def buttons(blocks: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The buttons of rendered blocks by their reply's own action id (the first of each)."""
    found: dict[str, dict[str, Any]] = {}
    for element in all_buttons(blocks):
        found.setdefault(element["action_id"].rpartition("#")[0], element)
    return found


def all_buttons(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        element
        for block in blocks
        if block["type"] == "actions"
        for element in block["elements"]
        if element["type"] == "button"
    ]


def blocks_text(call: Call) -> str:
    return json.dumps(call.body.get("blocks"), ensure_ascii=False)


def press_in(
    workspace: Workspace, answer: Call, action: str, *, user: str
) -> tuple[dict[str, Any], str]:
    """The press of ``action`` on a message the bot posted; the payload and its hook's name."""
    button = buttons(answer.body["blocks"])[action]
    hook = unique(f"{action}-")
    payload = button_press(
        user=user,
        action_id=button["action_id"],
        value=button["value"],
        response_url=workspace.slack.hook(hook),
        channel=answer.body["channel"],
        message_ts=unique("1790000000."),
    )
    return payload, hook


# -- the tactic buttons ------------------------------------------------------------------------


def test_snooze_a_week_moves_the_snooze_and_says_until_when(workspace: Workspace) -> None:
    _, card = workspace.say("show tactic 24", user="UPETE", channel="D0SNOOZE")
    assert workspace.snoozed_until("Pete Brodie", "tactic:2026/24") is None
    press, hook = press_in(workspace, card, "tactic_snooze", user="UPETE")
    workspace.press(press)
    answer = workspace.wait("response_url", where=hook)

    until = workspace.snoozed_until("Pete Brodie", "tactic:2026/24")
    assert until == datetime.now(LONDON).date() + timedelta(days=7)
    assert answer.body["text"].startswith(f"Snoozed tactic 24 for you until {until:%A %-d %B %Y}")
    # Pete's alone: the tactic is not held for its other owners.
    assert workspace.tactic(24).snoozed_until is None
    assert answer.body["response_type"] == "ephemeral"
    assert answer.body["replace_original"] is False


def test_open_brings_the_tactic_card_back(workspace: Workspace) -> None:
    _, card = workspace.say("my tactics", user="UPETE", channel="D0OPEN")
    press, hook = press_in(workspace, card, "tactic_open", user="UPETE")
    number = int(press["actions"][0]["value"])
    before = workspace.tactic(number)
    workspace.press(press)
    answer = workspace.wait("response_url", where=hook)
    assert answer.body["text"].startswith(f"Tactic {number}:")
    assert "Accountable" in blocks_text(answer)
    assert ", ".join(before.owners) in blocks_text(answer)
    # The card has its own buttons again; Open changes nothing.
    assert {"tactic_done", "tactic_snooze", "tactic_open"} <= set(buttons(answer.body["blocks"]))
    assert workspace.tactic(number) == before


# -- the answer buttons ------------------------------------------------------------------------


def test_helpful_on_a_standards_answer_is_stored(workspace: Workspace) -> None:
    event_id, answer = workspace.say(QUESTION, user="UPETE", channel="D0HELPFUL")
    assert ETHNICITY in blocks_text(answer)
    key = f"slack:{event_id}"
    assert workspace.question(key).feedback is Feedback.NONE
    press, hook = press_in(workspace, answer, "answer_helpful", user="UPETE")
    assert press["actions"][0]["value"] == key
    workspace.press(press)
    thanks = workspace.wait("response_url", where=hook)
    assert thanks.body["text"] == "Thanks, noted as helpful."
    assert workspace.question(key).feedback is Feedback.HELPFUL
    assert key not in workspace.needing_team()


def test_not_what_i_needed_lands_in_the_teams_unanswered_questions(
    workspace: Workspace,
) -> None:
    event_id, answer = workspace.say(QUESTION, user="UPETE", channel="D0NOTNEEDED")
    key = f"slack:{event_id}"
    assert key not in workspace.needing_team()  # answered, so not the team's business yet
    press, hook = press_in(workspace, answer, "answer_not_needed", user="UPETE")
    workspace.press(press)
    sorry = workspace.wait("response_url", where=hook)
    assert "passed \u201cethnicity\u201d to the harmonisation team" in sorry.body["text"]
    assert workspace.question(key).feedback is Feedback.NOT_NEEDED
    assert key in workspace.needing_team()

    # A team member sees it in the queue.
    queue = unique("queue-")
    body = command_body(
        "unanswered questions", user="UBECKI", response_url=workspace.slack.hook(queue)
    )
    assert workspace.post(body, FORM).status_code == 200
    listed = workspace.wait("response_url", where=queue)
    assert "\u201cethnicity\u201d (Pete Brodie, not what they needed)" in blocks_text(listed)


# -- the Home tab, and a press that arrives twice ----------------------------------------------


def test_a_button_on_app_home_answers_in_the_dm_and_republishes_home(
    workspace: Workspace,
) -> None:
    assert workspace.post(event_body(home_opened(user="UPETE")), JSON).status_code == 200
    home = workspace.wait("views.publish", has='"user_id": "UPETE"')
    view = {**home.body["view"], "id": "VHOMEPETE"}
    published = len(workspace.calls("views.publish", has='"user_id": "UPETE"'))
    posted = len(workspace.calls("chat.postMessage", has='"channel": "DPETE"'))

    button = buttons(view["blocks"])["tactic_open"]
    number = button["value"]
    press = home_button_press(user="UPETE", view=view, button=button)
    assert "response_url" not in press
    workspace.press(press)

    # No response_url: the answer goes to Pete's DM (opened with conversations.open) ...
    workspace.slack.recorder.wait_for(
        lambda _: len(workspace.calls("chat.postMessage", has='"channel": "DPETE"')) > posted
    )
    [answer] = workspace.calls("chat.postMessage", has='"channel": "DPETE"')[posted:]
    assert answer.body["text"].startswith(f"Tactic {number}:")
    assert workspace.calls("conversations.open", has='"users": "UPETE"')
    # ... and Home is published again, fresh.
    workspace.slack.recorder.wait_for(
        lambda _: len(workspace.calls("views.publish", has='"user_id": "UPETE"')) > published
    )
    again = workspace.calls("views.publish", has='"user_id": "UPETE"')[-1]
    assert again.body["view"]["type"] == "home"
    assert "Your open tactics, Pete Brodie" in json.dumps(again.body["view"])
    action_ts = press["actions"][0]["action_ts"]
    assert workspace.claimed(f"chat:slack:VHOMEPETE:{action_ts}")
    assert not workspace.calls("response_url", where="VHOMEPETE")


def test_the_same_press_twice_is_answered_once(workspace: Workspace) -> None:
    _, card = workspace.say("show tactic 23", user="UBECKI", channel="D0TWICE")
    press, hook = press_in(workspace, card, "tactic_snooze", user="UBECKI")
    workspace.press(press)
    workspace.wait("response_url", where=hook)
    workspace.press(press)  # the same action_ts: a double click delivered twice, or a replay

    message_ts, action_ts = press["container"]["message_ts"], press["actions"][0]["action_ts"]
    workspace.server.wait_for_output(f"slack:action:{message_ts}:{action_ts} arrived again")
    assert len(workspace.calls("response_url", where=hook)) == 1
    # The core claimed the press by Slack's id for it, as it claims every chat message.
    assert workspace.claimed(f"chat:slack:{message_ts}:{action_ts}")
    week = datetime.now(LONDON).date() + timedelta(days=7)
    assert workspace.snoozed_until("Becki Aquilina", "tactic:2026/23") == week


# -- Socket Mode over the websocket: a DM, a button and the shortcut --------------------------


def test_socket_mode_answers_a_dm_a_button_and_the_shortcut_over_the_websocket(
    tmp_path: Path,
) -> None:
    database = seed_workspace(tmp_path)
    with recording_slack(slack_users()) as slack:
        settings = slack_environment(database, slack.api_url, SLACK_APP_TOKEN="xapp-test")
        with running_serve(tmp_path, settings) as server:
            recorder = slack.recorder
            recorder.wait_call("socket.connect")

            dm = json.loads(
                event_body(direct_message("show tactic 24", user="UPETE", channel="D0WS"))
            )
            envelope = slack.push("events_api", dm)
            assert recorder.wait_call("socket.ack", has=envelope).body == {"envelope_id": envelope}
            card = recorder.wait_call("chat.postMessage", has='"channel": "D0WS"')
            assert card.body["text"].startswith("Tactic 24:")

            done = buttons(card.body["blocks"])["tactic_done"]
            hook = unique("ws-done-")
            press = button_press(
                user="UPETE",
                action_id=done["action_id"],
                value=done["value"],
                response_url=slack.hook(hook),
                channel="D0WS",
            )
            envelope = slack.push("interactive", press)
            recorder.wait_call("socket.ack", has=envelope)
            asked = recorder.wait_call("response_url", where=hook)
            assert asked.body["text"].startswith("Mark tactic 24 complete?")
            yes = buttons(asked.body["blocks"])["tactic_done_confirmed"]
            hook = unique("ws-yes-")
            press = button_press(
                user="UPETE",
                action_id=yes["action_id"],
                value=yes["value"],
                response_url=slack.hook(hook),
                channel="D0WS",
            )
            envelope = slack.push("interactive", press)
            recorder.wait_call("socket.ack", has=envelope)
            answer = recorder.wait_call("response_url", where=hook)
            assert answer.body["text"].startswith("Marked tactic 24 complete")

            ts = "1790000400.000500"
            shortcut = message_shortcut(
                user="UBECKI",
                author="UJANE",
                text="is there a standard for ethnicity?",
                ts=ts,
                response_url=slack.hook(unique("ws-shortcut-")),
            )
            envelope = slack.push("interactive", shortcut)
            recorder.wait_call("socket.ack", has=envelope)
            opened = recorder.wait_call("views.open", has=shortcut["trigger_id"])
            envelope = slack.push(
                "interactive", submission(user="UBECKI", view=opened.body["view"])
            )
            recorder.wait_call("socket.ack", has=envelope)
            recorder.wait_call("chat.postMessage", has="Logged a contact with Jane Smith")
            output = server.output()

    assert "Traceback" not in output, output
    runtime = build_runtime(load_settings({"DATABASE_URL": database}))
    try:
        with runtime.uow() as uow:
            tactic = uow.tactics.get(2026, 24)
            contacts = [
                c for c in uow.contacts.all() if c.source_ref == f"slack:shortcut:C0GENERAL:{ts}"
            ]
    finally:
        runtime.engine.dispose()
    assert tactic is not None and tactic.is_complete
    assert [c.name for c in contacts] == ["Jane Smith"]

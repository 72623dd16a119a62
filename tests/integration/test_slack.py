"""Slack end to end over HTTP: signed requests to the real ``harmonibot serve`` through the real
Bolt app, with Slack's Web API played by a recording server on loopback.

Socket Mode is in ``test_slack_socket_mode``, the outbound sender in ``test_slack_outbound``,
buttons in ``test_slack_buttons``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import datetime

import pytest

from adapters.cli.main import main
from commplan.contacts import Channel
from tests.conftest import LONDON
from tests.integration.slack.recorder import Call
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
    running_workspace,
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
    # Kept once; and Jane's questions of the day are one conversation, so one contact.
    assert workspace.question(f"slack:{event_id}").text == "ethnicity"
    janes = workspace.read(
        lambda uow: [
            c
            for c in uow.contacts.all()
            if c.email == "jane.smith@leeds.gov.uk" and c.source_ref.startswith("chat:")
        ]
    )
    assert len(janes) == 1


def test_a_repeated_slash_command_is_answered_once(workspace: Workspace) -> None:
    hook, trigger = unique("twice-"), unique("13345224609.")
    body = command_body(
        QUESTION, user="UPETE", response_url=workspace.slack.hook(hook), trigger=trigger
    )
    assert workspace.post(body, FORM).status_code == 200
    workspace.wait("response_url", where=hook)
    assert workspace.post(body, FORM).status_code == 200
    workspace.server.wait_for_output(f"slack:command:{trigger} arrived again")
    assert len(workspace.calls("response_url", where=hook)) == 1


def test_a_retried_app_home_event_publishes_home_once(workspace: Workspace) -> None:
    event_id = unique("Ev")
    body = event_body(home_opened(user="UEMMA"), event_id=event_id)
    assert workspace.post(body, JSON).status_code == 200
    workspace.wait("views.publish", has='"user_id": "UEMMA"')
    assert workspace.post(body, JSON, **{"X-Slack-Retry-Num": "1"}).status_code == 200
    workspace.server.wait_for_output(f"slack:event:{event_id} arrived again (Slack retry 1)")
    assert len(workspace.calls("views.publish", has='"user_id": "UEMMA"')) == 1


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
    asked = workspace.wait("response_url", where=hook)
    assert asked.body["text"].startswith("Mark tactic 24 complete?")
    assert workspace.tactic(24).status.value == "planned"
    [yes] = [
        element
        for block in asked.body["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"].startswith("tactic_done_confirmed#")
    ]
    hook = unique("done-yes-")
    press = button_press(
        user="UPETE",
        action_id=yes["action_id"],
        value=yes["value"],
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


def test_a_repeated_shortcut_opens_one_modal(workspace: Workspace) -> None:
    shortcut = message_shortcut(
        user="UBECKI",
        author="UJANE",
        text="which standard covers ethnicity?",
        ts="1790000100.000100",
        response_url=workspace.slack.hook(unique("shortcut-twice-")),
    )
    trigger = shortcut["trigger_id"]
    assert workspace.post(interactive_body(shortcut), FORM).status_code == 200
    workspace.wait("views.open", has=trigger)
    assert workspace.post(interactive_body(shortcut), FORM).status_code == 200
    workspace.server.wait_for_output(f"slack:shortcut:{trigger} arrived again")
    assert len(workspace.calls("views.open", has=trigger)) == 1


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


def test_app_home_shows_tactics_actions_and_the_dashboard_to_the_team_or_steering_group(
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
    text = json.dumps(home.body["view"])
    assert "Your open tactics, Pete Brodie" in text
    # Pete is on the steering group, not the team: the counts-only view, never the team's.
    assert f"<{PUBLIC_URL}/dashboard/steering|Open the steering group view>" in text
    assert f"<{PUBLIC_URL}/dashboard|" not in text

    # Jane Smith is in the workspace but in neither group: no dashboard at all.
    assert workspace.post(event_body(home_opened(user="UJANE")), JSON).status_code == 200
    home = workspace.wait("views.publish", has='"user_id": "UJANE"')
    assert "Hello, Jane Smith" in json.dumps(home.body["view"])
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

"""Requests Slack did not sign, over the real stack: 401 before anything parses them, and
nothing of their body in the log.

``serve``'s application with Slack mounted runs in process on a loopback port (so that caplog
sees every logger, Bolt's included, at ``serve``'s default level); requests go over HTTP.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from adapters.bootstrap import build_runtime
from adapters.settings import load_settings
from tests.integration.slack.in_process import InProcessServe, serving_in_process
from tests.integration.slack.requests import (
    button_press,
    command_body,
    direct_message,
    event_body,
    interactive_body,
    sign,
    unique,
)
from tests.integration.slack.thread import RecorderThread, recording_slack
from tests.integration.slack.workspace import (
    FORM,
    JSON,
    seed_workspace,
    slack_environment,
    slack_users,
)

#: What a member might write: personal data that must never reach a log.
MESSAGE = "My daughter's NHS number is 943 476 5919, which ethnicity question fits her?"


@dataclass(frozen=True)
class Served:
    serve: InProcessServe
    slack: RecorderThread

    async def post(
        self, body: str | bytes, content_type: str, headers: dict[str, str]
    ) -> httpx.Response:
        async with httpx.AsyncClient(timeout=30) as client:
            return await client.post(
                f"{self.serve.url}/slack/events",
                content=body.encode() if isinstance(body, str) else body,
                headers={"Content-Type": content_type, **headers},
            )


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[Served]:
    database = seed_workspace(tmp_path)
    with recording_slack(slack_users()) as slack:
        runtime = build_runtime(load_settings(slack_environment(database, slack.api_url)))
        try:
            async with serving_in_process(runtime) as serve:
                yield Served(serve, slack)
        finally:
            runtime.engine.dispose()


def a_members_message(served: Served) -> str:
    return command_body(MESSAGE, user="UPETE", response_url=served.slack.hook(unique("forged-")))


def assert_nothing_of_it_logged(caplog: pytest.LogCaptureFixture) -> None:
    for record in caplog.records:
        text = record.getMessage()
        assert "943 476 5919" not in text and "943+476+5919" not in text, text
        assert "NHS" not in text, text
        assert record.levelno < logging.WARNING, text
        assert record.exc_info is None, text


async def test_unsigned_and_malformed_requests_are_401_and_leave_no_trace(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)  # serve's default
    form = a_members_message(served)
    now = str(int(time.time()))
    refused = {
        "no signature": (form, FORM, {}),
        "a garbage signature": (
            form,
            FORM,
            {"X-Slack-Signature": "v0=zzz", "X-Slack-Request-Timestamp": now},
        ),
        "a timestamp that is no number": (
            form,
            FORM,
            {**sign(form), "X-Slack-Request-Timestamp": "NaN"},
        ),
        "a timestamp far too large": (
            form,
            FORM,
            {**sign(form), "X-Slack-Request-Timestamp": "9" * 400},
        ),
        "a malformed JSON body, unsigned": ('{"event": {"text": "' + MESSAGE, JSON, {}),
        "a malformed JSON body, signature of another": (
            '{"event": {"text": "' + MESSAGE,
            JSON,
            sign("{}"),
        ),
        "bytes that are no text": (b"\xff\xfe" + MESSAGE.encode("utf-16"), FORM, {}),
        "a wrong signing secret": (form, FORM, sign(form, secret="not-the-signing-secret")),
        "a body changed after signing": (form.replace("ethnicity", "religion"), FORM, sign(form)),
        "a stale signature": (form, FORM, sign(form, at=time.time() - 6 * 60)),
        "a large unsigned body": ("text=" + MESSAGE + "x" * 900_000, FORM, {}),
    }
    for case, (body, content_type, headers) in refused.items():
        response = await served.post(body, content_type, headers)
        assert response.status_code == 401, case
        assert "NHS" not in response.text, case
    assert_nothing_of_it_logged(caplog)
    assert not served.slack.recorder.recorded("response_url")
    assert [r.getMessage() for r in caplog.records if "refused" in r.getMessage()][:2] == [
        "slack: refused a request (unsigned)",
        "slack: refused a request (malformed signature)",
    ]


async def test_a_request_slack_signed_is_still_answered(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    body = event_body(direct_message(MESSAGE, user="UPETE", channel="D0PETE"))
    response = await served.post(body, JSON, sign(body))
    assert response.status_code == 200
    await served.serve.answered(lambda: bool(served.slack.recorder.recorded("chat.postMessage")))
    assert_nothing_of_it_logged(caplog)


async def test_a_button_whose_value_does_not_decode_is_answered_and_warned_of(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    hook = unique("garbled-")
    for action in ("action_done", "action_snooze", "tactic_done"):
        press = button_press(
            user="UPETE",
            action_id=action,
            value="2026-13-45/x",
            response_url=served.slack.hook(hook),
        )
        body = interactive_body(press)
        assert (await served.post(body, FORM, sign(body))).status_code == 200

    def answers() -> list[str]:
        calls = served.slack.recorder.recorded("response_url")
        return [c.text() for c in calls if hook in c.path]

    await served.serve.answered(lambda: len(answers()) == 3)
    assert all("That button no longer works; ask me again." in text for text in answers())
    warned = [r for r in caplog.records if "does not decode" in r.getMessage()]
    assert warned and all(r.levelno == logging.WARNING and r.exc_info is None for r in warned)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not any("2026-13-45" in r.getMessage() for r in caplog.records)

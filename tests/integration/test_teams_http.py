"""Teams end to end: the real ``harmonibot serve`` and a recording Bot Connector on loopback.

Activities are POSTed to ``/api/messages`` as Teams would, with ``serviceUrl`` pointing at the
recording connector (``tests/integration/teams/connector.py``), which takes the bot's replies
and proactive messages and answers member lookups.
"""

from __future__ import annotations

import asyncio
import base64
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiohttp import web

import adapters.teams.app as teams_app
from adapters.bootstrap import build_runtime
from adapters.settings import TeamsSettings, load_settings
from adapters.teams.auth import RequestGuard
from adapters.teams.bot import HarmonibotTeamsBot
from adapters.teams.connector import make_adapter
from adapters.teams.store import TeamsStore
from bot.messages import Incoming, Reply, Text
from tests.integration.teams.connector import Posted, Recorder, recording_connector
from tests.integration.teams.serving import (
    BOT,
    PERSONAL,
    PETE,
    PETE_EMAIL,
    Server,
    environment,
    link_teams_id,
    message,
    seed,
    serving,
)

CHANNEL = "19:general@thread.tacv2"
TEAM = "19:team@thread.tacv2"


@dataclass(frozen=True, kw_only=True)
class Setup:
    directory: Path
    database_url: str
    recorder: Recorder
    server: Server


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    """Serve on loopback with MICROSOFT_APP_ID empty (authentication off), and a recorder.

    Pete's Teams id is linked first, as an authenticated turn would have linked it: with
    authentication off an activity links nobody (test_teams_auth_off.py)."""
    directory = tmp_path_factory.mktemp("teams-http")
    url = seed(directory)
    link_teams_id(url, "Pete Brodie", PETE["aadObjectId"])
    with recording_connector() as recorder:
        recorder.members["29:pete"] = {
            **PETE,
            "email": PETE_EMAIL,
            "userPrincipalName": PETE_EMAIL,
            "tenantId": "tenant-1",
        }
        with serving(directory, url, MICROSOFT_APP_ID="") as server:
            yield Setup(directory=directory, database_url=url, recorder=recorder, server=server)
            output = server.output()
    assert "Traceback" not in output, output


def activity(setup: Setup, activity_id: str, **fields: Any) -> dict[str, Any]:
    """A message from Pete in his personal chat with the bot, as Teams sends it."""
    return message(setup.recorder.url, activity_id, **fields)


def answers(setup: Setup, activity_id: str) -> list[Posted]:
    """The messages that answered one activity in Pete's chat (not the "typing…" a slow
    turn shows first)."""
    return [
        p
        for p in setup.recorder.delivered(PERSONAL)
        if p.reply_to == activity_id and p.activity["type"] == "message"
    ]


def post(setup: Setup, document: dict[str, Any], **headers: str) -> httpx.Response:
    return httpx.post(
        f"{setup.server.url}/api/messages", json=document, headers=headers, timeout=30
    )


def test_a_personal_message_is_answered_with_a_card_through_the_connector(setup: Setup) -> None:
    response = post(setup, activity(setup, "m-1", text="which standard covers ethnicity"))
    assert response.status_code in (200, 201), setup.server.output()
    [reply] = answers(setup, "m-1")
    assert reply.texts[0] == "Ethnicity harmonised standard"
    assert list(reply.buttons) == ["Helpful", "Not what I needed"]
    assert reply.activity["conversation"]["id"] == PERSONAL
    assert reply.activity["summary"].startswith("Ethnicity harmonised standard")
    # Authentication is off: no token is fetched and none is sent, and nobody is looked up.
    assert reply.authorization is None
    assert setup.recorder.looked_up == []


def test_a_channel_mention_is_stripped_before_the_router_sees_it(setup: Setup) -> None:
    thread = f"{CHANNEL};messageid=m-2"
    document = activity(
        setup,
        "m-2",
        text="<at>Harmonibot</at> show tactic 12",
        conversation={
            "id": thread,
            "conversationType": "channel",
            "isGroup": True,
            "tenantId": "tenant-1",
        },
        entities=[{"type": "mention", "mentioned": BOT, "text": "<at>Harmonibot</at>"}],
        channelData={
            "team": {"id": TEAM},
            "channel": {"id": CHANNEL},
            "tenant": {"id": "tenant-1"},
        },
    )
    response = post(setup, document)
    assert response.status_code in (200, 201), setup.server.output()
    [reply] = [p for p in setup.recorder.delivered(thread) if p.activity["type"] == "message"]
    assert reply.reply_to == "m-2"
    assert reply.texts[0].startswith("Tactic 12")


def test_a_card_button_press_marks_tactic_24_done_as_pete(setup: Setup) -> None:
    assert post(setup, activity(setup, "m-3", text="show tactic 24")).status_code in (200, 201)
    [card] = answers(setup, "m-3")
    done = card.buttons["Done"]
    assert done == {"action_id": "tactic_done", "value": "24"}
    # Action.Submit: a message with the button's data as its value and no text.
    response = post(setup, activity(setup, "m-4", value=done))
    assert response.status_code in (200, 201), setup.server.output()
    [asked] = answers(setup, "m-4")
    assert asked.texts[0].startswith("Mark tactic 24 complete?")
    yes = asked.buttons["Yes, mark complete"]
    assert yes == {"action_id": "tactic_done_confirmed", "value": "24"}
    response = post(setup, activity(setup, "m-4b", value=yes))
    assert response.status_code in (200, 201), setup.server.output()
    [pressed] = answers(setup, "m-4b")
    assert any("Marked tactic 24 complete" in text for text in pressed.texts)


def test_a_redelivered_activity_is_answered_once(setup: Setup) -> None:
    document = activity(setup, "m-5", text="help")
    assert post(setup, document).status_code in (200, 201)
    assert post(setup, document).status_code in (200, 201)
    assert len(answers(setup, "m-5")) == 1


def test_a_throttled_reply_is_sent_again_after_retry_after(setup: Setup) -> None:
    setup.recorder.throttle = 1
    response = post(setup, activity(setup, "m-6", text="which standard covers ethnicity"))
    assert response.status_code in (200, 201), setup.server.output()
    tries = [
        p for p in setup.recorder.posted if p.reply_to == "m-6" and p.activity["type"] == "message"
    ]
    assert [p.status for p in tries] == [429, 200]
    assert tries[1].texts[0] == "Ethnicity harmonised standard"


def test_a_nudge_reaches_pete_in_his_personal_chat(setup: Setup) -> None:
    # His chat is stored once he has written (the earlier tests, or now).
    assert post(setup, activity(setup, "m-7", text="help")).status_code in (200, 201)
    before = len(setup.recorder.delivered(PERSONAL))
    done = subprocess.run(
        [sys.executable, "-m", "adapters.cli.main", "nudges", "--at", "2026-09-10T09:30", "--json"],
        cwd=setup.directory,
        env=environment(setup.database_url, MICROSOFT_APP_ID=""),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    sent = json.loads(done.stdout)
    petes = [n for n in sent if n["person"] == "Pete Brodie"]
    assert petes and {n["channel"] for n in petes} == {"teams"}
    # Nobody else installed the bot: reported unreachable (the digest lists them), not lost.
    assert {n["channel"] for n in sent if n["person"] not in ("Pete Brodie", "team")} == {
        "unreachable"
    }
    nudges = setup.recorder.delivered(PERSONAL)[before:]
    assert len(nudges) == 1 < len(petes)  # one summary with all of Pete's items
    assert all(p.reply_to is None for p in nudges)  # new messages, not replies
    assert nudges[0].texts[0].startswith("Your reminders: ")
    assert any(text.startswith("Overdue: Tactic ") for text in nudges[0].texts)
    assert {"Done", "Snooze a week", "Open"} <= set(nudges[0].buttons)


def test_the_digest_is_posted_to_the_channel_the_bot_was_mentioned_in(setup: Setup) -> None:
    # The channel's reference was stored by the mention earlier in this module; made sure of here.
    mention = activity(
        setup,
        "m-8",
        text="<at>Harmonibot</at> help",
        conversation={
            "id": f"{CHANNEL};messageid=m-8",
            "conversationType": "channel",
            "isGroup": True,
            "tenantId": "tenant-1",
        },
        entities=[{"type": "mention", "mentioned": BOT, "text": "<at>Harmonibot</at>"}],
        channelData={
            "team": {"id": TEAM},
            "channel": {"id": CHANNEL},
            "tenant": {"id": "tenant-1"},
        },
    )
    assert post(setup, mention).status_code in (200, 201), setup.server.output()
    before = len(setup.recorder.delivered(CHANNEL))
    done = subprocess.run(
        [sys.executable, "-m", "adapters.cli.main", "digest", "--at", "2026-09-07", "--post"],
        cwd=setup.directory,
        env=environment(setup.database_url, MICROSOFT_APP_ID=""),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert "posted the digest" in done.stdout.decode()
    digest = setup.recorder.delivered(CHANNEL)[before:]
    assert digest, "nothing reached the channel"
    # A new post in the channel itself, not a reply in the mention's thread.
    assert all(p.reply_to is None for p in digest)
    assert all(p.activity["conversation"]["id"] == CHANNEL for p in digest)
    texts = " ".join(text for p in digest for text in p.texts)
    assert "7 September" in texts or "7 Sep" in texts, texts
    assert "Overdue" in texts, texts
    # The same week again: already posted, nothing sent twice.
    again = subprocess.run(
        [sys.executable, "-m", "adapters.cli.main", "digest", "--at", "2026-09-07", "--post"],
        cwd=setup.directory,
        env=environment(setup.database_url, MICROSOFT_APP_ID=""),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert again.returncode == 0, again.stderr.decode()
    assert "already posted" in again.stdout.decode()
    assert len(setup.recorder.delivered(CHANNEL)) == before + len(digest)


class SlowCore:
    """A bot core that answers only when the test lets it: a turn longer than any deadline."""

    def __init__(self) -> None:
        self.go = asyncio.Event()
        self.asked: list[str] = []

    async def handle_async(self, incoming: Incoming) -> Reply:
        self.asked.append(incoming.text)
        await self.go.wait()
        return Reply(text=f"at last: {incoming.text}", blocks=(Text(text="at last"),))


async def test_a_slow_turn_is_acknowledged_first_and_answered_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Not ten seconds here: the turn is held until the acknowledgement is in, whatever it takes.
    monkeypatch.setattr(teams_app, "ACK_WITHIN", 0.1)
    runtime = build_runtime(load_settings({"DATABASE_URL": seed(tmp_path)}))
    core = SlowCore()
    endpoint = teams_app.TeamsEndpoint(
        adapter=make_adapter(TeamsSettings()),
        bot=HarmonibotTeamsBot(
            core, TeamsStore(runtime.uow), runtime.clock, link_by_email=False, typing_after=None
        ),
        guard=RequestGuard(None),
    )
    app = web.Application()
    app.router.add_post(teams_app.PATH, endpoint.handle)
    app.on_shutdown.append(endpoint.drain)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}{teams_app.PATH}"
    try:
        with recording_connector() as recorder:
            # From someone without an AAD id: no member lookup, only the turn itself.
            someone = {"id": "29:someone", "name": "Someone"}
            document = message(recorder.url, "slow-1", text="a hard question", **{"from": someone})
            async with httpx.AsyncClient(timeout=30) as client:
                response = await client.post(url, json=document)
            assert response.status_code == 202
            assert core.asked == ["a hard question"]  # the turn is under way ...
            assert recorder.posted == []  # ... and has sent nothing yet
            core.go.set()
            deadline = time.monotonic() + 30  # a safety net for a broken system, not a timing
            while not recorder.delivered(PERSONAL):
                assert time.monotonic() < deadline, "the answer never came"
                await asyncio.sleep(0.05)
            [answer] = recorder.delivered(PERSONAL)
            assert answer.reply_to == "slow-1"
            assert answer.texts == ["at last"]
            await endpoint.drain(app)
    finally:
        await runner.cleanup()
        runtime.engine.dispose()


def test_a_request_that_is_not_json_or_not_an_activity_is_refused(setup: Setup) -> None:
    url = f"{setup.server.url}/api/messages"
    assert (
        httpx.post(url, content=b"text", headers={"Content-Type": "text/plain"}).status_code == 415
    )
    assert httpx.post(url, json={"text": "no type"}).status_code == 400
    assert httpx.post(url, json=["not", "an", "object"]).status_code == 400
    assert httpx.get(url).status_code == 405


def _token(claims: dict[str, Any], header: dict[str, Any] | None = None) -> str:
    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    head = header or {"alg": "RS256", "typ": "JWT", "kid": "not-a-real-key"}
    return f"{part(head)}.{part(claims)}.c2lnbmF0dXJl"


def test_with_an_app_id_every_unauthenticated_request_is_a_401(
    tmp_path: Path, setup: Setup
) -> None:
    url = seed(tmp_path)
    future = int(time.time()) + 3600
    attempts = {
        "no header": {},
        "not bearer": {"Authorization": "Basic dXNlcjpwYXNz"},
        "bare scheme": {"Authorization": "Bearer"},
        "garbage": {"Authorization": "Bearer x.y.z"},
        "expired": {
            "Authorization": "Bearer "
            + _token({"iss": "https://api.botframework.com", "aud": "some-id", "exp": 1})
        },
        "unsigned": {
            "Authorization": "Bearer "
            + _token({"iss": "https://api.botframework.com", "exp": future}, {"alg": "none"})
        },
        # Well formed, but from an issuer the bot does not trust: refused before any key
        # fetch. (Signatures, audiences and keys: test_teams_auth.py, with a local JWKS.)
        "wrong issuer": {
            "Authorization": "Bearer "
            + _token({"iss": "https://evil.example", "aud": "some-id", "exp": future})
        },
    }
    setup.recorder.clear()
    with serving(
        tmp_path, url, MICROSOFT_APP_ID="some-id", MICROSOFT_APP_PASSWORD="not-a-secret"
    ) as server:
        for name, headers in attempts.items():
            response = httpx.post(
                f"{server.url}/api/messages",
                json=activity(setup, f"auth-{name}", text="help"),
                headers=headers,
                timeout=30,
            )
            assert response.status_code == 401, (name, response.text, server.output())
        assert httpx.get(f"{server.url}/healthz").status_code == 200
        output = server.output()
    assert "Traceback" not in output
    assert "not-a-secret" not in output
    assert setup.recorder.posted == []
    assert setup.recorder.looked_up == []


def test_without_an_app_id_the_endpoint_is_not_on_a_public_interface(tmp_path: Path) -> None:
    url = seed(tmp_path)
    with serving(tmp_path, url, host="0.0.0.0", MICROSOFT_APP_ID="") as server:
        response = httpx.post(f"{server.url}/api/messages", json={"type": "message"})
        assert response.status_code == 404
        assert httpx.get(f"{server.url}/healthz").status_code == 200

"""Champions over the web chat and the command line: the team names a champion, the quarterly
ask lands in the champion's web chat, the button starts the update, a retried message stores
nothing twice, and asking again sends nothing."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.bootstrap import build_bot, build_runtime
from adapters.settings import Settings
from adapters.web.app import make_app
from tests.integration.cli import Cli, Result


async def test_a_champion_is_asked_and_answers_in_the_web_chat(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(database_url, monkeypatch, capsys)
    cli.ok("init", "--admin-name", "Amira Okafor", "--admin-email", "amira@stats.example.org")
    runtime = build_runtime(Settings(database_url=database_url))
    try:
        app = make_app(runtime, build_bot(runtime), loopback=True)  # a local trial: typed names
        async with TestClient(TestServer(app)) as client:

            async def post(name: str, **message: object) -> dict[str, object]:
                response = await client.post("/chat/messages", json={"name": name, **message})
                assert response.status == 200
                document: dict[str, object] = await response.json()
                return document

            async def say(name: str, text: str, message_id: str = "") -> str:
                reply = await post(name, text=text, message_id=message_id)
                return str(reply["text"])

            async def harmonibot(*args: str) -> Result:
                # The command line runs its own event loop: off this test's loop, as typed.
                return await asyncio.to_thread(cli.ok, *args)

            amira, nadia = "Amira Okafor", "Nadia Rahman"
            assert "Added Nadia Rahman" in await say(
                amira, "add person Nadia Rahman, nadia.rahman@ons.gov.uk"
            )
            assert "Nadia Rahman is now a harmonisation champion for Office for National" in (
                await say(amira, "make Nadia champion for Office for National Statistics")
            )
            assert "Office for National Statistics: Nadia Rahman — no update yet" in await say(
                amira, "champions"
            )

            # No chat platform is configured: the ask lands in Nadia's web chat.
            asked = await harmonibot("champions", "ask", "--quarter", "2026Q3")
            assert "asked 1 champions" in asked.out and "Nadia Rahman" in asked.out
            response = await client.get("/chat/notices", params={"as": nadia})
            (notice,) = (await response.json())["notices"]
            assert "time for your 2026 Q3 harmonisation champion update" in notice["text"]
            (button,) = notice["buttons"]
            assert button == {
                "label": "Give my update",
                "action_id": "champion_update",
                "value": "2026Q3",
            }

            started = await post(nadia, text="Give my update", action=button, message_id="w1")
            assert "What has your organisation harmonised this quarter?" in str(started["text"])
            assert "Is anything blocked?" in await say(
                nadia, "The Labour Force Survey moved to the harmonised ethnicity question", "w2"
            )
            stored = await say(nadia, "Waiting for the sex and gender identity guidance", "w3")
            assert "Thank you: your 2026 Q3 update for Office for National Statistics" in stored
            # The browser sends the last message again (a reconnect): answered and stored once.
            again = await post(
                nadia, text="Waiting for the sex and gender identity guidance", message_id="w3"
            )
            assert again["intent"] == "duplicate"

            assert (
                "asked 0 champions"
                in (await harmonibot("champions", "ask", "--quarter", "2026Q3")).out
            )
            listed = (await harmonibot("champions", "list", "--quarter", "2026Q3", "--json")).json()
            assert listed["updates"] == [
                {
                    "organisation": "Office for National Statistics",
                    "champion": "Nadia Rahman",
                    "harmonised": "The Labour Force Survey moved to the harmonised ethnicity "
                    "question",
                    "blocked": "Waiting for the sex and gender identity guidance",
                }
            ]
            assert "Office for National Statistics: Nadia Rahman — last update 2026Q3" in (
                await say(amira, "who are the champions")
            )
            assert "no longer a champion" in await say(amira, "Nadia is no longer a champion")
    finally:
        runtime.engine.dispose()

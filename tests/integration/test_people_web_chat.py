"""Managing people over the web chat, after a clean start: the admin ``init`` made adds a
colleague, puts them on the team and in a group, and a member finds they may not."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.bootstrap import build_bot, build_runtime
from adapters.cli.main import main
from adapters.settings import Settings
from adapters.web.app import make_app


@pytest.fixture
def clean_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'live.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert (
        main(["init", "--admin-name", "Amira Okafor", "--admin-email", "amira@stats.example.org"])
        == 0
    )
    return url


async def test_an_admin_manages_the_roster_in_the_web_chat(clean_start: str) -> None:
    runtime = build_runtime(Settings(database_url=clean_start))
    try:
        app = make_app(runtime, build_bot(runtime), loopback=True)  # a local trial: typed names
        async with TestClient(TestServer(app)) as client:

            async def say(name: str, text: str) -> str:
                response = await client.post("/chat/messages", json={"name": name, "text": text})
                assert response.status == 200
                reply: str = (await response.json())["text"]
                return reply

            amira = "Amira Okafor"
            assert "Added Ben Hughes (ben.hughes@stats.example.org) as a member" in await say(
                amira, "add person Ben Hughes, ben.hughes@stats.example.org"
            )
            assert "Only an admin can change someone's role" in await say(
                "Ben Hughes", "make Ben Hughes admin"
            )
            assert "Ben Hughes is now a team member" in await say(amira, "make Ben team member")
            assert "Added Ben Hughes to Steering group (a new group)" in await say(
                amira, "add Ben Hughes to the steering group"
            )
            team = await say("Ben Hughes", "who is on the team?")
            assert "Amira Okafor (admin)" in team and "Ben Hughes (team member)" in team
            assert "Steering group: 1 person" in await say(
                "Ben Hughes", "who is in the steering group"
            )
            assert "You are the only admin" in await say(amira, "make Amira Okafor member")
            known = await say("Ben Hughes", "who do you know")
            assert "I know 2 people" in known and "ben.hughes@stats.example.org" in known
    finally:
        runtime.engine.dispose()

"""Reminder settings in the web chat, over the real HTTP routes."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.bootstrap import build_bot, build_runtime
from adapters.settings import Settings
from adapters.web.app import make_app
from tests.integration.web_server import seed_database


async def test_settings_said_in_the_web_chat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = build_runtime(Settings(database_url=seed_database(tmp_path, monkeypatch)))
    try:
        app = make_app(runtime, build_bot(runtime), loopback=True)  # a local trial: typed names
        async with TestClient(TestServer(app)) as client:

            async def say(text: str, number: int) -> str:
                response = await client.post(
                    "/chat/messages",
                    json={"name": "Emma Wright", "text": text, "message_id": f"web-{number}"},
                )
                assert response.status == 200
                return str((await response.json())["text"])

            transcript = [
                ("my reminder settings", "Coming up: 7 and 1 days ahead."),
                ("remind me 2 days before", "I'll tell you 2 days ahead."),
                ("send my reminders immediately", "each reminder as a message of its own"),
                ("I don't work Mondays and Fridays", "No reminders on Mondays, Fridays"),
                ("my reminder settings", "Delivery: each reminder as it falls due."),
                ("daily summary", "You'll get one summary a day."),
                ("reminders every day", "Reminders on every working day again."),
            ]
            for number, (said, expected) in enumerate(transcript):
                reply = await say(said, number)
                assert expected in reply, (said, reply)
    finally:
        runtime.engine.dispose()

"""``harmonibot serve`` end to end: the real process on a free loopback port, over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.bootstrap import build_bot, build_runtime
from adapters.cli.main import main
from adapters.settings import Settings
from adapters.web.app import make_app
from tests.integration.web_server import (
    Server,
    running_server,
    say,
    seed_database,
    stop,
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One seeded server for this module (the autouse environment fixture is per test)."""
    directory = tmp_path_factory.mktemp("serve")
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.chdir(directory)  # no .env from wherever pytest was started
        url = seed_database(directory, monkeypatch)
    with running_server(directory, url) as running:
        yield running


@pytest.fixture
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=10.0) as client:
        yield client


def test_healthz_says_the_database_is_ok(client: httpx.Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_the_root_leads_to_the_chat_page_which_loads_only_its_own_files(
    client: httpx.Client,
) -> None:
    root = client.get("/")
    assert root.status_code == 302 and root.headers["location"] == "/chat"
    page = client.get("/chat")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert 'aria-live="polite"' in page.text and "http" not in page.text.split("<body>")[0]
    for asset, kind in (("/chat/chat.js", "javascript"), ("/chat/chat.css", "css")):
        response = client.get(asset)
        assert response.status_code == 200 and kind in response.headers["content-type"]


def test_a_question_gets_the_ethnicity_standard(client: httpx.Client) -> None:
    response = say(client, "which standard covers ethnicity", message_id="q-ethnicity")
    assert response.status_code == 200
    reply = response.json()
    assert set(reply) >= {"text", "intent", "html", "buttons"}
    assert "Ethnicity harmonised standard" in reply["text"]
    assert '<h3 class="hb-header">Ethnicity harmonised standard</h3>' in reply["html"]
    assert [b["label"] for b in reply["buttons"]] == ["Helpful", "Not what I needed"]


def test_a_button_press_comes_back_through_the_router(client: httpx.Client) -> None:
    card = say(client, "show tactic 24", message_id="show-24").json()
    done = next(b for b in card["buttons"] if b["label"] == "Done")
    pressed = say(
        client,
        done["label"],
        message_id="press-24",
        action={"action_id": done["action_id"], "value": done["value"]},
    ).json()
    assert pressed["text"].startswith("Mark tactic 24 complete?")
    yes = next(b for b in pressed["buttons"] if b["label"] == "Yes, mark complete")
    confirmed = say(
        client,
        yes["label"],
        message_id="confirm-24",
        action={"action_id": yes["action_id"], "value": yes["value"]},
    ).json()
    assert "Marked tactic 24 complete" in confirmed["text"]
    assert [b["label"] for b in confirmed["buttons"]] == ["Open", "Reopen"]


def test_a_sign_in_link_names_the_port_served(client: httpx.Client, server: Server) -> None:
    reply = say(client, "dashboard", message_id="dashboard-link").json()
    assert reply["intent"] == "dashboard"
    assert f"http://127.0.0.1:{server.port}/dashboard/signin?token=" in reply["text"]


def test_a_guest_gets_an_answer_too(client: httpx.Client) -> None:
    response = say(client, "help", name="")
    assert response.status_code == 200 and response.json()["text"]


def test_script_in_a_message_comes_back_escaped(client: httpx.Client) -> None:
    reply = say(client, "<script>alert(1)</script>", message_id="xss").json()
    assert "<script" not in reply["html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in reply["html"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"name": "Becki", "text": ', "not JSON"),
        (b'{"text": "\xff"}', "not UTF-8"),
        (b'["which standard covers ethnicity"]', "JSON object"),
        (b'{"name": "Becki"}', "'text' is missing"),
        (b'{"text": 42}', "'text' must be a string, not a number"),
        (b'{"text": "x", "name": ["Becki"]}', "'name' must be a string"),
        (b'{"text": "x", "action": "tactic_done"}', "'action' must be null or an object"),
        (b'{"text": "x", "action": {"value": "24"}}', "'action.action_id' is missing"),
        (b'{"text": "x", "action": {"action_id": ""}}', "'action.action_id' must not be empty"),
    ],
)
def test_bad_input_is_a_400_that_says_what_is_wrong(
    client: httpx.Client, body: bytes, message: str
) -> None:
    response = client.post(
        "/chat/messages", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_a_body_over_16_kb_is_refused(client: httpx.Client) -> None:
    response = say(client, "x" * (17 * 1024))
    assert response.status_code == 413
    assert "16 KB" in response.json()["error"]


def test_a_body_over_16_kb_is_refused_when_it_comes_in_chunks_too(client: httpx.Client) -> None:
    # Without Content-Length the server must count as it reads, and stop reading.
    chunks = iter([b'{"text": "', b"x" * 8192, b"x" * 8192, b"x" * 8192, b'"}'])
    response = client.post(
        "/chat/messages", content=chunks, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413


def test_only_json_from_the_page_itself_is_accepted(client: httpx.Client, server: Server) -> None:
    form = client.post("/chat/messages", content=b"text=hi", headers={"Content-Type": "text/plain"})
    assert form.status_code == 415
    elsewhere = client.post(
        "/chat/messages", json={"text": "done"}, headers={"Origin": "http://evil.example"}
    )
    assert elsewhere.status_code == 403
    here = client.post("/chat/messages", json={"text": "help"}, headers={"Origin": server.url})
    assert here.status_code == 200


def test_sigterm_stops_it_cleanly_after_saying_where_it_listens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with running_server(tmp_path, seed_database(tmp_path, monkeypatch)) as server:
        code = stop(server)
    assert code == 0, server.output()
    assert f"harmonibot web chat on http://127.0.0.1:{server.port}/chat" in server.output()
    assert "Traceback" not in server.output()


async def test_healthz_is_503_when_the_database_is_unreachable(tmp_path: Path) -> None:
    # A SQLite file in a folder that does not exist cannot be opened: the database is gone.
    runtime = build_runtime(Settings(database_url=f"sqlite:///{tmp_path / 'gone' / 'x.db'}"))
    try:
        app = make_app(runtime, build_bot(runtime))
        async with TestClient(TestServer(app)) as client:
            response = await client.get("/healthz")
            assert response.status == 503
            assert await response.json() == {"status": "unavailable", "database": "unreachable"}
    finally:
        runtime.engine.dispose()


@pytest.fixture
def after_a_sweep(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A seeded database after a nudge sweep and the digest, with no Slack or Teams set up."""
    url = seed_database(tmp_path, monkeypatch)
    assert main(["nudges", "--at", "2026-03-02T10:00:00+00:00"]) == 0
    assert main(["digest", "--at", "2026-03-02", "--post"]) == 0
    return url


async def test_what_the_bot_sent_while_away_is_in_the_web_chat_with_working_buttons(
    after_a_sweep: str,
) -> None:
    runtime = build_runtime(Settings(database_url=after_a_sweep))
    try:
        app = make_app(runtime, build_bot(runtime), loopback=True)
        async with TestClient(TestServer(app)) as client:
            response = await client.get("/chat/notices", params={"as": "pete brodie"})
            assert response.status == 200
            assert response.headers["Cache-Control"] == "no-store"
            page = await response.json()
            texts = [n["text"] for n in page["notices"]]
            # Everything due for Pete at the sweep came as one summary.
            assert len(texts) == 1
            # (The actions of the 4 March meeting are not asked about before it is held.)
            assert texts[0].startswith("Your reminders: 1 overdue.")
            assert "\nOverdue: Tactic 10: Contact LARIA" in texts[0]
            assert not any(n["team"] for n in page["notices"])  # a member sees no team notices
            ids = [n["id"] for n in page["notices"]]
            assert ids == sorted(ids) and page["cursor"] == ids[-1]

            # The nudge is the reply it was, buttons and all, rendered as chat replies are.
            nudge = page["notices"][0]
            assert nudge["intent"] == "nudge_summary"
            assert [b["label"] for b in nudge["buttons"][:3]] == ["Done", "Snooze a week", "Open"]
            assert nudge["buttons"][0]["value"] == "10"
            assert 'data-action-id="tactic_done"' in nudge["html"]
            assert "Research &amp; Intelligence" in nudge["html"]  # escaped, as every reply

            # Each once: after the cursor there is nothing new.
            again = await client.get(
                "/chat/notices", params={"as": "Pete Brodie", "after": str(page["cursor"])}
            )
            assert await again.json() == {"notices": [], "cursor": page["cursor"]}

            done = next(b for b in nudge["buttons"] if b["label"] == "Done")
            pressed = await client.post(
                "/chat/messages",
                json={
                    "name": "Pete Brodie",
                    "text": "Done",
                    "message_id": "notice-done",
                    "action": {"action_id": done["action_id"], "value": done["value"]},
                },
            )
            asked = await pressed.json()
            assert asked["text"].startswith("Mark tactic 10 complete?")
            yes = next(b for b in asked["buttons"] if b["label"] == "Yes, mark complete")
            confirmed = await client.post(
                "/chat/messages",
                json={
                    "name": "Pete Brodie",
                    "text": yes["label"],
                    "message_id": "notice-done-yes",
                    "action": {"action_id": yes["action_id"], "value": yes["value"]},
                },
            )
            assert "Marked tactic 10 complete" in (await confirmed.json())["text"]

            # A team member also sees the team's notices: the digest, with its sections.
            team = await (await client.get("/chat/notices", params={"as": "Becki Aquilina"})).json()
            digests = [n for n in team["notices"] if n["team"]]
            assert len(digests) == 1 and digests[0]["text"].startswith("Weekly digest")
            assert '<h3 class="hb-header">' in digests[0]["html"]

            nobody = await client.get("/chat/notices", params={"as": "Nobody Known"})
            assert await nobody.json() == {"notices": [], "cursor": 0}
            bad = await client.get("/chat/notices", params={"as": "Pete Brodie", "after": "x"})
            assert bad.status == 400 and "whole number" in (await bad.json())["error"]
    finally:
        runtime.engine.dispose()


@pytest.mark.parametrize(
    ("after", "message"),
    [
        ("x", "'after' must be a whole number"),
        ("1.5", "'after' must be a whole number"),
        ("1e3", "'after' must be a whole number"),
        ("-1", "'after' must be a notice id, from 0 to"),
        ("99999999999999999999", "'after' must be a notice id, from 0 to"),
    ],
)
def test_bad_notice_cursors_are_a_400_that_says_what_is_wrong(
    client: httpx.Client, after: str, message: str
) -> None:
    response = client.get("/chat/notices", params={"as": "Pete Brodie", "after": after})
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_on_a_local_trial_a_guest_is_asked_for_a_name_before_their_tactics(
    client: httpx.Client,
) -> None:
    reply = say(client, "my tactics", name="").json()
    assert reply["intent"] == "sign_in_needed"
    assert "type your name at the top of the page" in reply["text"]
    assert client.get("/chat/session").json() == {
        "person": None,
        "typed_names": True,
        "single_sign_on": None,
    }

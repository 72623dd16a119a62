"""Signing in to the web chat on the real ``harmonibot serve``: single sign-on against a small
OpenID provider on loopback, single-use links, sign-out that ends the session for good, and
what a visitor without a session may do (ask about standards, anonymously, nothing else).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from adapters.bootstrap import build_runtime
from adapters.cli.main import main
from adapters.settings import Settings
from tests.integration.oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider, running_provider
from tests.integration.web_server import Server, running_server, seed_database

PETE = "pete.brodie@ons.gov.uk"
BECKI = "becki.aquilina@ons.gov.uk"
KEY = "a-signing-key-for-the-sign-in-tests-0123456789"


def give_addresses(database_url: str) -> None:
    """The sample directory has no addresses; single sign-on finds people by theirs."""
    runtime = build_runtime(Settings(database_url=database_url))
    try:
        with runtime.uow() as repos:
            for name, email in (("Pete Brodie", PETE), ("Becki Aquilina", BECKI)):
                person = repos.people.get(name)
                assert person is not None
                repos.people.save(replace(person, email=email))
            repos.commit()
    finally:
        runtime.engine.dispose()


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    with running_provider() as running:
        yield running


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    directory = tmp_path_factory.mktemp("signin")
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.chdir(directory)
        url = seed_database(directory, monkeypatch)
    give_addresses(url)
    return directory, url


@pytest.fixture(scope="module")
def server(database: tuple[Path, str], provider: Provider) -> Iterator[Server]:
    directory, url = database
    settings = {
        "HARMONIBOT_SECRET_KEY": KEY,
        "HARMONIBOT_OIDC_ISSUER": provider.url,
        "HARMONIBOT_OIDC_CLIENT_ID": CLIENT_ID,
        "HARMONIBOT_OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "HARMONIBOT_OIDC_LABEL": "Microsoft",
    }
    with running_server(directory, url, settings=settings) as running:
        yield running


@pytest.fixture
def client(server: Server, provider: Provider) -> Iterator[httpx.Client]:
    provider.spoil = ""
    with httpx.Client(base_url=server.url, timeout=10.0) as client:
        yield client


def say(client: httpx.Client, text: str, **fields: object) -> dict[str, object]:
    response = client.post("/chat/messages", json={"text": text, **fields})
    assert response.status_code == 200, response.text
    reply: dict[str, object] = response.json()
    return reply


def sign_in_with_sso(client: httpx.Client, provider: Provider, email: str) -> httpx.Response:
    """Press "Sign in": off to the provider and back, following every redirect."""
    provider.email = email
    return client.get("/auth/login", follow_redirects=True)


def test_a_visitor_asks_about_standards_anonymously_and_nothing_else(
    client: httpx.Client,
) -> None:
    session = client.get("/chat/session").json()
    assert session == {"person": None, "typed_names": False, "single_sign_on": "Microsoft"}
    answer = say(client, "which standard covers ethnicity")
    assert "Ethnicity harmonised standard" in str(answer["text"])
    for text in ("my tactics", "what's overdue", "who contacted us this month", "dashboard"):
        # A typed name proves nothing once sign-in is configured.
        reply = say(client, text, name="Becki Aquilina")
        assert reply["intent"] == "sign_in_needed", (text, reply)
        assert "Sign in with Microsoft" in str(reply["text"]) and "web chat link" in str(
            reply["text"]
        )
    # A button from an old page cannot change the plan either.
    pressed = say(
        client, "Done", name="Becki Aquilina", action={"action_id": "tactic_done", "value": "24"}
    )
    assert pressed["intent"] == "sign_in_needed"
    notices = client.get("/chat/notices", params={"as": "Becki Aquilina"})
    assert notices.status_code == 401 and "sign in" in notices.json()["error"]


def test_single_sign_on_signs_pete_in_and_sign_out_ends_it_for_good(
    client: httpx.Client, provider: Provider, server: Server
) -> None:
    landed = sign_in_with_sso(client, provider, PETE)
    assert landed.status_code == 200 and str(landed.url) == f"{server.url}/chat"
    assert client.get("/chat/session").json()["person"] == "Pete Brodie"
    mine = say(client, "my tactics", name="Becki Aquilina")  # the typed name is ignored
    assert "Your open tactics, Pete Brodie" in str(mine["text"])
    assert client.get("/chat/notices").status_code == 200
    cookie = client.cookies["harmonibot_session"]

    out = client.post("/chat/signout", headers={"Origin": server.url})
    assert out.status_code == 303 and out.headers["location"] == "/chat"
    assert client.get("/chat/session").json()["person"] is None
    # The same cookie, sent again by whoever kept a copy, is refused.
    with httpx.Client(
        base_url=server.url, timeout=10.0, headers={"Cookie": f"harmonibot_session={cookie}"}
    ) as replay:
        assert replay.get("/chat/session").json()["person"] is None
        assert say(replay, "my tactics")["intent"] == "sign_in_needed"
        assert replay.get("/chat/notices").status_code == 401


@pytest.mark.parametrize(
    ("spoil", "why"),
    [
        ("audience", "did not check out"),
        ("nonce", "did not check out"),
        ("issuer", "did not check out"),
        ("expired", "did not check out"),
        ("signature", "did not check out"),
    ],
)
def test_a_wrong_id_token_is_refused(
    client: httpx.Client, provider: Provider, spoil: str, why: str
) -> None:
    provider.spoil = spoil
    refused = sign_in_with_sso(client, provider, PETE)
    assert refused.status_code == 403 and why in refused.text
    assert client.get("/chat/session").json()["person"] is None


def test_a_callback_not_started_here_or_used_twice_is_refused(
    client: httpx.Client, provider: Provider, server: Server
) -> None:
    provider.email = PETE
    start = client.get("/auth/login")
    assert start.status_code == 303
    back = httpx.get(start.headers["location"])  # the provider, sending the browser back
    callback = back.headers["location"]
    assert urlsplit(callback).netloc == urlsplit(server.url).netloc
    # Another browser (no state cookie) cannot finish this sign-in: no login CSRF.
    stranger = httpx.get(callback)
    assert stranger.status_code == 403 and "not started from this browser" in stranger.text
    state_cookie = client.cookies["harmonibot_oidc"]
    assert client.get(callback).status_code == 303
    # Replayed whole, cookie and all (a copy kept from the wire), it is used up.
    with httpx.Client(headers={"Cookie": f"harmonibot_oidc={state_cookie}"}) as replay:
        again = replay.get(callback)
    assert again.status_code == 403 and "finished already" in again.text


def test_an_address_nobody_has_gets_no_session(client: httpx.Client, provider: Provider) -> None:
    refused = sign_in_with_sso(client, provider, "someone.else@example.org")
    assert refused.status_code == 403
    assert "nobody in harmonibot&#x27;s directory has that address" in refused.text
    assert client.get("/chat/session").json()["person"] is None


def test_a_link_from_a_direct_message_signs_in_once(
    client: httpx.Client,
    server: Server,
    database: tuple[Path, str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, url = database
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("HARMONIBOT_SECRET_KEY", KEY)
    capsys.readouterr()
    assert main(["dashboard-link", "--user", "pete", "--to", "chat"]) == 0
    link = urlsplit(capsys.readouterr().out.strip())
    assert link.path == "/chat/signin"
    used = client.get(f"{link.path}?{link.query}", follow_redirects=True)
    assert used.status_code == 200 and str(used.url) == f"{server.url}/chat"
    assert client.get("/chat/session").json()["person"] == "Pete Brodie"
    with httpx.Client(base_url=server.url, timeout=10.0) as other:
        again = other.get(f"{link.path}?{link.query}")
        assert again.status_code == 403 and "already been used" in again.text
    forged = client.get("/chat/signin", params={"token": "eyJwIjoiQmVja2kifQ.AAAA"})
    assert forged.status_code == 403


def test_the_procfile_bind_without_sign_in_trusts_no_typed_name(
    database: tuple[Path, str],
) -> None:
    directory, url = database
    settings = {"HARMONIBOT_SECRET_KEY": KEY}
    with (
        running_server(directory, url, settings=settings, arguments=("--host", "0.0.0.0")) as up,
        httpx.Client(base_url=up.url, timeout=10.0) as client,
    ):
        assert client.get("/chat/session").json() == {
            "person": None,
            "typed_names": False,
            "single_sign_on": None,
        }
        # What the attack did: type the admin's name and ask for the dashboard.
        reply = say(client, "dashboard", name="Becki Aquilina")
        assert reply["intent"] == "sign_in_needed" and "token" not in str(reply)
        assert "web chat link" in str(reply["text"]) and "Sign in with" not in str(reply["text"])
        overdue = say(client, "mark tactic 24 done", name="Becki Aquilina")
        assert overdue["intent"] == "sign_in_needed"
        assert client.get("/chat/notices", params={"as": "Becki Aquilina"}).status_code == 401
        answer = say(client, "which standard covers ethnicity", name="Becki Aquilina")
        assert "Ethnicity harmonised standard" in str(answer["text"])

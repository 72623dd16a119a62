"""Host and Origin checks on the real ``harmonibot serve``: a rebinding page gets nothing.

A page on ``rebind.example`` whose name resolves to 127.0.0.1 reaches the server with its own
name in ``Host`` and ``Origin``; another site's page sends its own ``Origin``. Both are refused
on every route that acts or shows someone's data, over plain HTTP against the real process.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.integration.web_server import Server, running_server, seed_database

PUBLIC = "harmonibot.example.org"

#: Every route that acts or shows someone's data, with how a page would call it.
ROUTES = [
    ("POST", "/chat/messages"),
    ("GET", "/chat/notices?as=Becki%20Aquilina"),
    ("GET", "/chat/session"),
    ("POST", "/chat/signout"),
    ("GET", "/chat/signin?token=x"),
    ("GET", "/dashboard"),
    ("GET", "/dashboard/signin?token=x"),
    ("POST", "/dashboard/signout"),
    ("GET", "/dashboard/download/by-type.csv"),
    ("GET", "/auth/login"),
    ("GET", "/auth/callback?code=x&state=y"),
    ("GET", "/chat"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Bound to every address, as the Procfile runs it, with its public name configured."""
    directory = tmp_path_factory.mktemp("guard")
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.chdir(directory)
        url = seed_database(directory, monkeypatch)
    settings = {"HARMONIBOT_PUBLIC_URL": f"https://{PUBLIC}", "HARMONIBOT_SECRET_KEY": "k" * 40}
    with running_server(directory, url, settings=settings, arguments=("--host", "0.0.0.0")) as up:
        yield up


@pytest.fixture
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=10.0) as client:
        yield client


def call(client: httpx.Client, method: str, path: str, headers: dict[str, str]) -> httpx.Response:
    body = {"text": "what's overdue", "name": "Becki Aquilina"} if method == "POST" else None
    return client.request(method, path, json=body, headers=headers)


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_a_rebinding_page_is_refused_on_every_personal_route(
    client: httpx.Client, server: Server, method: str, path: str
) -> None:
    rebound = f"rebind.example:{server.port}"
    response = call(client, method, path, {"Host": rebound, "Origin": f"http://{rebound}"})
    assert response.status_code == 400, response.text
    assert "does not answer to that host name" in response.json()["error"]


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_another_sites_page_is_refused_on_every_personal_route(
    client: httpx.Client, method: str, path: str
) -> None:
    for origin in ("https://evil.example", "null", f"http://{PUBLIC}.evil.example"):
        response = call(client, method, path, {"Origin": origin})
        assert response.status_code == 403, (origin, response.text)
        assert "this site's own pages" in response.json()["error"]


def test_the_servers_own_names_are_served(client: httpx.Client, server: Server) -> None:
    for host, origin in (
        (f"127.0.0.1:{server.port}", f"http://127.0.0.1:{server.port}"),
        (f"localhost:{server.port}", f"http://localhost:{server.port}"),
        # Behind the platform's proxy: the public name, with or without the port.
        (PUBLIC, f"https://{PUBLIC}"),
        (f"{PUBLIC}:443", f"https://{PUBLIC}"),
    ):
        question = {"text": "which standard covers ethnicity"}
        answer = client.post(
            "/chat/messages", json=question, headers={"Host": host, "Origin": origin}
        )
        assert answer.status_code == 200, (host, answer.text)
        assert "Ethnicity harmonised standard" in answer.json()["text"]
        assert client.get("/chat", headers={"Host": host}).status_code == 200


def test_a_loopback_origin_for_another_port_is_another_site(
    client: httpx.Client, server: Server
) -> None:
    response = client.post(
        "/chat/messages",
        json={"text": "help"},
        headers={"Origin": f"http://127.0.0.1:{server.port + 1}"},
    )
    assert response.status_code == 403


def test_a_wrong_port_on_the_public_name_and_an_unknown_name_are_refused(
    client: httpx.Client,
) -> None:
    for host in (f"{PUBLIC}:8443", "192.0.2.10", "", "a@b"):
        response = client.get("/chat/notices", headers={"Host": host})
        assert response.status_code == 400, host


def test_the_health_check_answers_a_platform_probe_by_any_name(client: httpx.Client) -> None:
    assert client.get("/healthz", headers={"Host": "10.1.2.3:5000"}).status_code == 200

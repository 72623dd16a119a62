"""GraphSource against httpx.MockTransport playing Graph: paging, delta links, 410, 429, tokens."""

from __future__ import annotations

import json
from typing import Any

import httpx
import msal
import pytest

from adapters.email.graph import GraphSource
from adapters.email.parse import parse_message
from adapters.settings import GraphSettings
from bot.ports import MailSourceError

API = "https://graph.test/v1.0/"
MAILBOX = "harmonisation@statistics.gov.uk"
DELTA_PATH = f"/v1.0/users/{MAILBOX}/mailFolders/inbox/messages/delta"
DELTA_URL = f"https://graph.test{DELTA_PATH}"
MESSAGES_PATH = f"/v1.0/users/{MAILBOX}/messages/"
TOKEN = "eyJ-test-access-token"
SECRET = "client-secret-value-~42"
SETTINGS = GraphSettings(
    mailbox=MAILBOX,
    tenant_id="tenant-1",
    client_id="client-1",
    client_secret=SECRET,
    api_url=API,
)


def _mime(number: int) -> bytes:
    return (
        f"From: Person {number} <person{number}@ons.gov.uk>\r\n"
        f"To: {MAILBOX}\r\n"
        f"Subject: Query {number}\r\n"
        f"Message-ID: <graph-{number}@ons.gov.uk>\r\n"
        "\r\n"
        f"Which standard covers question {number}?\r\n"
    ).encode()


class FakeGraph:
    """Graph's inbox delta query and message downloads, from a log of changes.

    A full sync lists the messages in the inbox now; a delta token N lists the changes from the
    Nth on. Pages hold two entries. ``throttle`` answers its statuses first, one a request.
    """

    def __init__(self) -> None:
        self.changes: list[dict[str, Any]] = []
        self.mime: dict[str, bytes] = {}
        self.expired: set[str] = set()
        self.throttle: list[int] = []
        self.requests: list[httpx.Request] = []

    def deliver(self, *numbers: int) -> None:
        for number in numbers:
            message_id = f"AAMkImmutable-{number}="
            self.mime[message_id] = _mime(number)
            self.changes.append(
                {"id": message_id, "internetMessageId": f"<graph-{number}@ons.gov.uk>"}
            )

    def remove(self, number: int) -> None:
        message_id = f"AAMkImmutable-{number}="
        del self.mime[message_id]
        self.changes.append({"id": message_id, "@removed": {"reason": "deleted"}})

    def delta_requests(self) -> list[httpx.Request]:
        return [request for request in self.requests if request.url.path == DELTA_PATH]

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.throttle:
            return httpx.Response(
                self.throttle.pop(0),
                headers={"Retry-After": "2"},
                json={"error": {"code": "TooManyRequests", "message": "Slow down."}},
            )
        if request.headers.get("Authorization") != f"Bearer {TOKEN}":
            return httpx.Response(401, json={"error": {"code": "InvalidAuthenticationToken"}})
        path = request.url.path
        if path == DELTA_PATH:
            return self._delta(request.url.params)
        if path.startswith(MESSAGES_PATH) and path.endswith("/$value"):
            raw = self.mime.get(path[len(MESSAGES_PATH) : -len("/$value")])
            if raw is not None:
                return httpx.Response(200, content=raw)
        return httpx.Response(404, json={"error": {"code": "ErrorItemNotFound"}})

    def _delta(self, params: httpx.QueryParams) -> httpx.Response:
        if "$deltatoken" in params:
            base, offset = params["$deltatoken"], 0
            if base in self.expired:
                return httpx.Response(410, json={"error": {"code": "SyncStateNotFound"}})
        elif "$skiptoken" in params:
            base, _, start = params["$skiptoken"].partition(".")
            offset = int(start)
        else:
            assert params["$select"] == "id,internetMessageId"
            base, offset = "full", 0
        if base == "full":
            entries = [{"id": key, "internetMessageId": "<x>"} for key in self.mime]
        else:
            entries = self.changes[int(base) :]
        page: dict[str, Any] = {"value": entries[offset : offset + 2]}
        if offset + 2 < len(entries):
            page["@odata.nextLink"] = f"{DELTA_URL}?$skiptoken={base}.{offset + 2}"
        else:
            page["@odata.deltaLink"] = f"{DELTA_URL}?$deltatoken={len(self.changes)}"
        return httpx.Response(200, json=page)


@pytest.fixture
def graph() -> FakeGraph:
    return FakeGraph()


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def source(graph: FakeGraph, sleeps: list[float]) -> GraphSource:
    return GraphSource(
        SETTINGS,
        transport=httpx.MockTransport(graph.handler),
        token_provider=lambda: TOKEN,
        sleep=sleeps.append,
    )


def _numbers(result_messages: Any) -> list[int]:
    return [int(message.source_id.rsplit("-", 1)[1].rstrip("=")) for message in result_messages]


def test_a_full_sync_follows_the_pages_and_downloads_every_message(
    source: GraphSource, graph: FakeGraph
) -> None:
    graph.deliver(1, 2, 3)

    result = source.fetch_raw("")

    assert [message.source_id for message in result.messages] == [
        "graph:AAMkImmutable-1=",
        "graph:AAMkImmutable-2=",
        "graph:AAMkImmutable-3=",
    ]
    assert [parse_message(message.raw).message_id for message in result.messages] == [
        "graph-1@ons.gov.uk",
        "graph-2@ons.gov.uk",
        "graph-3@ons.gov.uk",
    ]
    assert json.loads(result.cursor) == {"delta": f"{DELTA_URL}?$deltatoken=3"}
    assert len(graph.delta_requests()) == 2  # two pages, the second with the deltaLink
    for request in graph.requests:
        assert 'IdType="ImmutableId"' in request.headers["Prefer"]
        assert request.headers["Authorization"] == f"Bearer {TOKEN}"


def test_the_port_hands_over_the_messages_parsed(source: GraphSource, graph: FakeGraph) -> None:
    graph.deliver(1, 2)

    result = source.fetch("")

    assert [(m.source, m.email.message_id) for m in result.messages] == [
        ("graph:AAMkImmutable-1=", "graph-1@ons.gov.uk"),
        ("graph:AAMkImmutable-2=", "graph-2@ons.gov.uk"),
    ]
    assert json.loads(result.cursor) == {"delta": f"{DELTA_URL}?$deltatoken=2"}


def test_the_cursor_brings_only_new_messages_and_removals_are_skipped(
    source: GraphSource, graph: FakeGraph
) -> None:
    graph.deliver(1, 2, 3)
    first = source.fetch_raw("")
    graph.deliver(4)
    graph.remove(1)
    seen = len(graph.requests)

    second = source.fetch_raw(first.cursor)

    assert _numbers(second.messages) == [4]
    downloads = [request.url.path for request in graph.requests[seen:]]
    assert [path for path in downloads if path != DELTA_PATH] == [
        f"{MESSAGES_PATH}AAMkImmutable-4=/$value"
    ]
    assert json.loads(second.cursor) == {"delta": f"{DELTA_URL}?$deltatoken=5"}
    assert str(graph.delta_requests()[2].url) == f"{DELTA_URL}?$deltatoken=3"
    assert source.fetch_raw(second.cursor).messages == ()


@pytest.mark.parametrize("status", [429, 503])
def test_throttling_is_waited_out_as_retry_after_says(
    source: GraphSource, graph: FakeGraph, sleeps: list[float], status: int
) -> None:
    graph.deliver(1)
    graph.throttle = [status]

    result = source.fetch_raw("")

    assert sleeps == [2]
    assert _numbers(result.messages) == [1]


def test_throttling_that_goes_on_is_an_error_after_three_retries(
    source: GraphSource, graph: FakeGraph, sleeps: list[float]
) -> None:
    graph.throttle = [429] * 4

    with pytest.raises(MailSourceError, match="delta query failed: HTTP 429") as raised:
        source.fetch("")

    assert sleeps == [2, 2, 2]
    assert TOKEN not in str(raised.value)


def test_an_expired_delta_link_starts_a_full_resync(
    source: GraphSource, graph: FakeGraph, caplog: pytest.LogCaptureFixture
) -> None:
    graph.deliver(1, 2)
    first = source.fetch_raw("")
    graph.expired.add("2")
    graph.deliver(3)

    result = source.fetch_raw(first.cursor)

    assert _numbers(result.messages) == [1, 2, 3]
    assert json.loads(result.cursor) == {"delta": f"{DELTA_URL}?$deltatoken=3"}
    assert "410" in caplog.text


def test_a_message_gone_before_its_download_is_left_out(
    source: GraphSource, graph: FakeGraph
) -> None:
    graph.deliver(1, 2)
    first = source.fetch_raw("")
    graph.deliver(3, 4)
    del graph.mime["AAMkImmutable-3="]  # deleted between the delta page and the download

    assert _numbers(source.fetch_raw(first.cursor).messages) == [4]


def test_a_cursor_for_another_server_is_not_followed(source: GraphSource, graph: FakeGraph) -> None:
    graph.deliver(1)

    result = source.fetch_raw(json.dumps({"delta": "https://elsewhere.test/delta?$deltatoken=9"}))

    assert _numbers(result.messages) == [1]
    assert {request.url.host for request in graph.requests} == {"graph.test"}


def test_a_refused_token_is_an_error_without_secrets(graph: FakeGraph) -> None:
    source = GraphSource(
        SETTINGS,
        transport=httpx.MockTransport(graph.handler),
        token_provider=lambda: "expired-token",
    )

    with pytest.raises(MailSourceError, match="HTTP 401 InvalidAuthenticationToken") as raised:
        source.fetch("")

    assert "expired-token" not in str(raised.value)


class FakeMsalApp:
    """Stands in for msal.ConfidentialClientApplication and records how it was made."""

    made: list[dict[str, Any]] = []
    answer: dict[str, Any] = {}

    def __init__(self, client_id: str, **options: Any) -> None:
        self.made.append({"client_id": client_id, **options})
        self.scopes: list[list[str]] = []

    def acquire_token_for_client(self, scopes: list[str]) -> dict[str, Any]:
        self.scopes.append(scopes)
        return self.answer


@pytest.fixture
def msal_app(monkeypatch: pytest.MonkeyPatch) -> type[FakeMsalApp]:
    monkeypatch.setattr(msal, "ConfidentialClientApplication", FakeMsalApp)
    monkeypatch.setattr(FakeMsalApp, "made", [])
    monkeypatch.setattr(FakeMsalApp, "answer", {"access_token": TOKEN, "expires_in": 3599})
    return FakeMsalApp


def test_msal_is_set_up_once_with_the_tenant_and_graph_scope(
    graph: FakeGraph, msal_app: type[FakeMsalApp]
) -> None:
    graph.deliver(1)
    source = GraphSource(SETTINGS, transport=httpx.MockTransport(graph.handler))

    first = source.fetch_raw("")
    source.fetch_raw(first.cursor)

    assert msal_app.made == [
        {
            "client_id": "client-1",
            "authority": "https://login.microsoftonline.com/tenant-1",
            "client_credential": SECRET,
        }
    ]
    assert _numbers(first.messages) == [1]


def test_a_token_url_is_the_authority_and_skips_instance_discovery(
    graph: FakeGraph, msal_app: type[FakeMsalApp]
) -> None:
    settings = GraphSettings(
        mailbox=MAILBOX,
        tenant_id="tenant-1",
        client_id="client-1",
        client_secret=SECRET,
        api_url=API,
        token_url="https://login.test/tenant-1",
    )

    GraphSource(settings, transport=httpx.MockTransport(graph.handler)).fetch_raw("")

    assert msal_app.made[0]["authority"] == "https://login.test/tenant-1"
    assert msal_app.made[0]["instance_discovery"] is False


def test_a_token_error_is_reported_without_the_secret(
    graph: FakeGraph, msal_app: type[FakeMsalApp]
) -> None:
    msal_app.answer = {
        "error": "invalid_client",
        "error_description": f"AADSTS7000215: Invalid client secret {SECRET} provided.\nTrace",
    }
    source = GraphSource(SETTINGS, transport=httpx.MockTransport(graph.handler))

    with pytest.raises(MailSourceError, match="token request failed: invalid_client") as raised:
        source.fetch("")

    assert SECRET not in str(raised.value)
    assert graph.requests == []


def test_msal_failing_to_start_is_an_error_without_the_secret(
    graph: FakeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise ValueError(f"Unable to get authority configuration with {SECRET}")

    monkeypatch.setattr(msal, "ConfidentialClientApplication", broken)
    source = GraphSource(SETTINGS, transport=httpx.MockTransport(graph.handler))

    with pytest.raises(MailSourceError, match="token set-up failed") as raised:
        source.fetch("")

    assert SECRET not in str(raised.value)

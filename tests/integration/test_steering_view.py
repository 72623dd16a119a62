"""The steering group's view through the real web app: who gets in, what they see, and what
they never see.

Pete Brodie is on the steering group; Andy Bates is in the directory but not on it; Becki
Aquilina is on the team. The log holds a year of contacts whose names, addresses and summaries
are distinctive enough that a leak of any one of them shows.
"""

from __future__ import annotations

import csv
import io
import random
import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.bootstrap import Runtime, build_bot, build_runtime
from adapters.cli.main import main
from adapters.settings import load_settings
from adapters.web.app import make_app
from commplan.people import Person
from tests.conftest import LONDON
from tests.integration.oidc_provider import CLIENT_ID, CLIENT_SECRET, running_provider
from tests.integration.test_dashboard import HEADER, Clock
from tests.integration.test_web_signin import KEY, PETE, give_addresses, sign_in_with_sso
from tests.integration.web_server import running_server, seed_database

ORGS = [
    ("Leeds City Council", "Local Government", "Sub national organisations"),
    ("NHS Digital", "NHS", "Other government departments"),
    ("University of Manchester", "Higher/Further Education", "Academics and researchers"),
    ("Little Snoring Parish Trust", "Charity", "Voluntary and Community sector"),
]
#: Who wrote in, and what they said: none of it may reach the steering group.
PEOPLE = [
    ("Zebedee Quagmire", "zebedee.quagmire@leeds.gov.uk"),
    ("Ottoline Farthingale", "ottoline.farthingale@nhs.net"),
    ("Mirabel Tristram-Oakes", "m.tristram-oakes@manchester.ac.uk"),
    ("Hieronymus Budgett", "hieronymus@littlesnoring-trust.org.uk"),
]
SUMMARY = "asked about her son's exam results in confidence"
STANDARDS = ("Ethnicity harmonised standard", "Tenure harmonised standard", "")


def write_log(path: Path) -> None:
    """A year of contacts in 2026; the parish trust writes once, in August."""
    rng = random.Random(17)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER.split(","))
        for n in range(120):
            day = date(2026, 1, 1) + timedelta(days=rng.randrange(300))
            who = rng.randrange(3)
            name, email = PEOPLE[who]
            writer.writerow(
                [day.isoformat(), name, email, *ORGS[who], "inbox", "inbound"]
                + [STANDARDS[n % 3], f"{SUMMARY} ({n})"]
            )
        writer.writerow(
            ["2026-08-04", *PEOPLE[3], *ORGS[3], "inbox", "inbound", STANDARDS[1], SUMMARY]
        )


def secrets() -> list[str]:
    """Everything personal the log holds; the view must show none of it."""
    return [*(n for p in PEOPLE for n in p), SUMMARY, "Little Snoring Parish Trust"]


@pytest.fixture
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Runtime]:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'steering.db'}")
    monkeypatch.setenv("HARMONIBOT_SECRET_KEY", "test-key")
    assert main(["seed", "--plan-year", "2026"]) == 0
    write_log(tmp_path / "log.csv")
    assert main(["import", "contacts", str(tmp_path / "log.csv")]) == 0
    built = build_runtime(load_settings())
    clock = Clock(datetime(2026, 11, 2, 10, tzinfo=LONDON))
    runtime = Runtime(settings=built.settings, engine=built.engine, uow=built.uow, clock=clock)
    yield runtime
    runtime.engine.dispose()


@pytest.fixture
async def client(runtime: Runtime) -> AsyncIterator[TestClient]:  # type: ignore[type-arg]
    # On loopback, as a local trial runs it: the web chat trusts a typed name.
    app = make_app(runtime, build_bot(runtime), loopback=True)
    async with TestClient(TestServer(app)) as client:
        yield client


def link(runtime: Runtime, name: str) -> str:
    """The link the bot's "dashboard" gives in a direct message, as a path on this server."""
    make = build_bot(runtime).deps.dashboard_link
    assert make is not None
    return make(Person(name=name)).split("8080", 1)[1]


async def sign_in(client: TestClient, runtime: Runtime, name: str) -> str:  # type: ignore[type-arg]
    """Use a fresh link; where it sends the browser."""
    response = await client.get(link(runtime, name), allow_redirects=False)
    assert response.status == 303, await response.text()
    return response.headers["Location"]


async def test_a_steering_member_signs_in_and_sees_counts_only(
    client: TestClient,  # type: ignore[type-arg]
    runtime: Runtime,
) -> None:
    assert await sign_in(client, runtime, "Pete Brodie") == "/dashboard/steering"
    response = await client.get("/dashboard/steering")
    page = await response.text()
    assert response.status == 200 and "Steering group view" in page
    assert response.headers["Cache-Control"] == "no-store"
    assert "Signed in as Pete Brodie" in page
    for caption in (
        "Contacts by user group against the baseline",
        "Contacts by organisation type against the baseline",
        "Contacts by topic (standard) against the baseline",
        "Contacts per month against the baseline",
        "Contacts per quarter against the baseline",
        "The plan by phase and status",
    ):
        assert caption in page
    assert "121" in page  # the year's contacts, on a card
    # The parish trust's single contact shows as a small count, and the page says why.
    assert "<th scope='row'>Charity</th><td class='num'>&lt;3</td>" in page
    # The smallest other count is withheld with it, else the total would give it away.
    assert "<th scope='row'>Higher/<wbr>Further Education</th><td class='num'>withheld</td>" in page
    assert "Counts of 1 to 2 are shown as" in page
    for secret in secrets():
        assert secret not in page, secret
    assert "/dashboard/contacts" not in page and "The team's dashboard" not in page

    for name in ("by-type", "by-topic", "by-month", "tactics"):
        for fmt in ("csv", "xlsx"):
            download = await client.get(f"/dashboard/steering/download/{name}.{fmt}")
            assert download.status == 200, (name, fmt)
            body = await download.read()
            for secret in secrets():
                assert secret.encode() not in body, (name, fmt, secret)
    by_type = await client.get("/dashboard/steering/download/by-type.csv?from=2026-08-01")
    rows = list(csv.DictReader(io.StringIO((await by_type.read()).decode("utf-8-sig"))))
    assert {r["organisation type"]: r["count"] for r in rows}["Charity"] == "<3"
    assert (await client.get("/dashboard/steering/download/unanswered.csv")).status == 404

    # The chart: the page shows it, and a steering member may open it, wide or narrow.
    assert "src='/dashboard/steering/chart/quarterly-group.svg'" in page
    for layout in ("", "?layout=narrow"):
        drawn = await client.get(f"/dashboard/steering/chart/quarterly-group.svg{layout}")
        assert drawn.status == 200 and drawn.content_type == "image/svg+xml"
        svg = await drawn.text()
        assert "<svg" in svg and "Contacts per quarter by user group" in svg
        for secret in secrets():
            assert secret not in svg, secret
    assert (await client.get("/dashboard/steering/chart/monthly-type.svg")).status == 404


async def test_a_steering_member_is_refused_the_teams_personal_view(
    client: TestClient,  # type: ignore[type-arg]
    runtime: Runtime,
) -> None:
    await sign_in(client, runtime, "Pete Brodie")
    # /dashboard sends the steering group to its own view, with the period asked for.
    sent = await client.get("/dashboard?from=2026-07-01&to=2026-09-30", allow_redirects=False)
    assert sent.status == 303
    assert sent.headers["Location"] == "/dashboard/steering?from=2026-07-01&to=2026-09-30"
    followed = await client.get("/dashboard?from=2026-07-01&to=2026-09-30")
    shown = re.sub(r"<[^>]+>", "", await followed.text())  # the dates sit in spans
    assert "from 1 July 2026 to 30 September 2026" in shown
    for path in (
        "/dashboard/contacts",
        "/dashboard/contacts/1",
        "/dashboard/download/unanswered.csv",
        "/dashboard/download/overdue.xlsx",
        "/dashboard/download/inbox-overdue.csv",
        "/dashboard/chart/monthly-type.svg",
    ):
        response = await client.get(path, allow_redirects=False)
        assert response.status == 403, path
        text = await response.text()
        for secret in secrets():
            assert secret not in text, (path, secret)


async def test_the_public_and_other_people_are_refused(
    client: TestClient,  # type: ignore[type-arg]
    runtime: Runtime,
) -> None:
    for path in (
        "/dashboard/steering",
        "/dashboard/steering/download/by-type.csv",
        "/dashboard/steering/chart/quarterly-group.svg",
    ):
        assert (await client.get(path)).status == 403, path
    andy = await client.get(link(runtime, "Andy Bates"), allow_redirects=False)
    assert andy.status == 403 and "steering group" in await andy.text()
    stranger = await client.get(link(runtime, "Nobody Known"), allow_redirects=False)
    assert stranger.status == 403
    refused = await client.get("/dashboard/steering")
    assert refused.status == 403 and "steering group members" in await refused.text()


async def test_leaving_the_steering_group_ends_the_view_at_once(
    client: TestClient,  # type: ignore[type-arg]
    runtime: Runtime,
) -> None:
    await sign_in(client, runtime, "Pete Brodie")
    assert (await client.get("/dashboard/steering")).status == 200
    with runtime.uow() as repos:
        group = repos.groups.get("Steering group members")
        assert group is not None
        left = tuple(m for m in group.members if m != "Pete Brodie")
        repos.groups.save(replace(group, members=left))
        repos.commit()
    assert (await client.get("/dashboard/steering")).status == 403
    assert (await client.get("/dashboard")).status == 403


async def test_the_team_opens_both_views(
    client: TestClient,  # type: ignore[type-arg]
    runtime: Runtime,
) -> None:
    assert await sign_in(client, runtime, "Charlie Wroth-Smith") == "/dashboard"
    team = await client.get("/dashboard")
    assert team.status == 200 and "Harmonisation dashboard" in await team.text()
    steering = await client.get("/dashboard/steering")
    page = await steering.text()
    assert steering.status == 200 and "The team's dashboard" in page
    for secret in secrets():
        assert secret not in page, secret


async def say(client: TestClient, text: str, name: str) -> dict[str, object]:  # type: ignore[type-arg]
    response = await client.post("/chat/messages", json={"name": name, "text": text})
    assert response.status == 200, await response.text()
    reply: dict[str, object] = await response.json()
    return reply


async def test_in_the_web_chat_the_steering_group_asks_for_its_view(
    client: TestClient,  # type: ignore[type-arg]
) -> None:
    # Pete: dashboard
    reply = await say(client, "dashboard", "Pete Brodie")
    # Bot: a link to the steering group view, counts only.
    assert reply["intent"] == "dashboard"
    text = str(reply["text"])
    assert text.startswith("Your personal link to the steering group view")
    assert "no personal data" in text and "/dashboard/signin?token=" in text
    path = text[text.index("/dashboard/signin") :].split()[0]
    opened = await client.get(path, allow_redirects=False)
    assert opened.status == 303 and opened.headers["Location"] == "/dashboard/steering"
    assert (await client.get("/dashboard/steering")).status == 200

    # Andy (not on the steering group), in another browser: dashboard
    client.session.cookie_jar.clear()
    refused = await say(client, "dashboard", "Andy Bates")
    # Bot: it is for the team (and, as counts, the steering group); no link.
    assert refused["intent"] == "not_allowed"
    assert "harmonisation team" in str(refused["text"]) and "token" not in str(refused)


def test_single_sign_on_opens_the_steering_view_and_nothing_personal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env from wherever pytest was started
    url = seed_database(tmp_path, monkeypatch)
    give_addresses(url)
    write_log(tmp_path / "log.csv")
    assert main(["import", "contacts", str(tmp_path / "log.csv")]) == 0
    with running_provider() as provider:
        settings = {
            "HARMONIBOT_SECRET_KEY": KEY,
            "HARMONIBOT_OIDC_ISSUER": provider.url,
            "HARMONIBOT_OIDC_CLIENT_ID": CLIENT_ID,
            "HARMONIBOT_OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "HARMONIBOT_OIDC_LABEL": "Microsoft",
        }
        with (
            running_server(tmp_path, url, settings=settings) as server,
            httpx.Client(base_url=server.url, timeout=10.0) as client,
        ):
            assert sign_in_with_sso(client, provider, PETE).status_code == 200
            sent = client.get("/dashboard")
            assert sent.status_code == 303 and sent.headers["location"] == "/dashboard/steering"
            view = client.get("/dashboard/steering")
            assert view.status_code == 200 and "Signed in as Pete Brodie" in view.text
            for secret in secrets():
                assert secret not in view.text, secret
            assert client.get("/dashboard/contacts").status_code == 403


async def test_the_command_line_gives_a_steering_member_their_link_and_nobody_else(
    client: TestClient,  # type: ignore[type-arg]
    runtime: Runtime,
    capsys: pytest.CaptureFixture[str],
) -> None:
    capsys.readouterr()
    assert main(["dashboard-link", "--user", "pete brodie"]) == 0
    url = capsys.readouterr().out.strip()
    response = await client.get(url.split("8080", 1)[1], allow_redirects=False)
    assert response.headers["Location"] == "/dashboard/steering"
    assert main(["dashboard-link", "--user", "Andy Bates"]) == 1
    assert "neither on the team roster nor in the steering group" in capsys.readouterr().err

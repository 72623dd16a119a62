"""The dashboard: sign-in links, access, and figures that match the command-line report."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import AsyncIterator, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.bootstrap import Runtime, build_bot, build_runtime
from adapters.cli.main import main
from adapters.settings import load_settings
from adapters.web.app import make_app
from adapters.web.signin import sign
from commplan.people import Person
from tests.conftest import LONDON

ORGS = [
    ("Leeds City Council", "Local Government", "Sub national organisations"),
    ("NHS Digital", "NHS", "Other government departments"),
    ("University of Manchester", "Higher/Further Education", "Academics and researchers"),
    ("BBC", "Media", "Journalists/media"),
]
HEADER = "date,name,email,organisation,org_type,user_group,channel,direction,standard,summary"


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at


def write_year(path: Path) -> None:
    """A year of contacts; the BBC goes quiet after June."""
    rng = random.Random(11)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER.split(","))
        for n in range(300):
            day = date(2026, 1, 1) + timedelta(days=rng.randrange(300))
            org = rng.choice(ORGS if day.month <= 6 else ORGS[:3])
            writer.writerow(
                [
                    day.isoformat(),
                    f"P{n}",
                    "",
                    *org,
                    "inbox",
                    "inbound",
                    "Ethnicity harmonised standard" if n % 3 else "",
                    "",
                ]
            )


@pytest.fixture
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Runtime]:
    url = f"sqlite:///{tmp_path / 'dash.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("HARMONIBOT_SECRET_KEY", "test-key")
    assert main(["seed", "--plan-year", "2026"]) == 0
    write_year(tmp_path / "year.csv")
    assert main(["import", "contacts", str(tmp_path / "year.csv")]) == 0
    built = build_runtime(load_settings())
    clock = Clock(datetime(2026, 11, 2, 10, tzinfo=LONDON))
    runtime = Runtime(settings=built.settings, engine=built.engine, uow=built.uow, clock=clock)
    yield runtime
    runtime.engine.dispose()


@pytest.fixture
async def client(runtime: Runtime) -> AsyncIterator[TestClient]:  # type: ignore[type-arg]
    app = make_app(runtime, build_bot(runtime))
    async with TestClient(TestServer(app)) as client:
        yield client


def link(runtime: Runtime, name: str) -> str:
    make = build_bot(runtime).deps.dashboard_link
    assert make is not None
    return make(Person(name=name)).split("8080", 1)[1]


async def test_a_link_signs_a_team_member_in_once(client: TestClient, runtime: Runtime) -> None:  # type: ignore[type-arg]
    assert (await client.get("/dashboard")).status == 403
    url = link(runtime, "Becki Aquilina")
    first = await client.get(url, allow_redirects=False)
    assert first.status == 303 and "harmonibot_session" in first.cookies
    page = await client.get("/dashboard")
    assert page.status == 200 and "Signed in as Becki Aquilina" in await page.text()
    client.session.cookie_jar.clear()
    again = await client.get(url, allow_redirects=False)
    assert again.status == 403 and "already been used" in await again.text()


async def test_links_cannot_be_forged_expired_or_used_by_members(
    client: TestClient,
    runtime: Runtime,  # type: ignore[type-arg]
) -> None:
    forged = sign(
        b"another key",
        person="Becki Aquilina",
        now=runtime.clock.now(),
        lifetime=timedelta(minutes=5),
        purpose="link",
    )
    assert (await client.get(f"/dashboard/signin?token={forged}")).status == 403
    old = sign(
        b"test-key",
        person="Becki Aquilina",
        now=runtime.clock.now() - timedelta(hours=1),
        lifetime=timedelta(minutes=15),
        purpose="link",
    )
    assert (await client.get(f"/dashboard/signin?token={old}")).status == 403
    session_as_link = sign(
        b"test-key",
        person="Becki Aquilina",
        now=runtime.clock.now(),
        lifetime=timedelta(minutes=5),
        purpose="session",
    )
    assert (await client.get(f"/dashboard/signin?token={session_as_link}")).status == 403
    # Andy Bates is in the directory but on neither the team nor the steering group.
    member = await client.get(link(runtime, "Andy Bates"), allow_redirects=False)
    assert member.status == 403 and "Only the harmonisation team" in await member.text()
    for path in ("/dashboard/chart/monthly-type.svg", "/dashboard/download/by-type.csv"):
        assert (await client.get(path)).status == 403


async def test_the_figures_match_the_command_line_report(
    client: TestClient,
    runtime: Runtime,
    capsys: pytest.CaptureFixture[str],  # type: ignore[type-arg]
) -> None:
    await client.get(link(runtime, "Becki Aquilina"))
    query = "from=2026-04-01&to=2026-09-30&baseline_from=2026-01-01&baseline_to=2026-03-31"
    download = await client.get(f"/dashboard/download/by-type.csv?{query}")
    assert download.status == 200
    web_rows = {
        r["group"]: r for r in csv.DictReader(io.StringIO((await download.text()).lstrip("\ufeff")))
    }
    capsys.readouterr()
    assert main(["report", "baseline", "--json", "--from", "2026-04-01", "--to", "2026-09-30"]) == 0
    import json

    cli_rows = {r["group"]: r for r in json.loads(capsys.readouterr().out)["rows"]}
    assert {g: int(r["count"]) for g, r in web_rows.items()} == {
        g: r["count"] for g, r in cli_rows.items()
    }
    assert {g: float(r["baseline"]) for g, r in web_rows.items()} == {
        g: r["baseline"] for g, r in cli_rows.items()
    }
    page = await (await client.get(f"/dashboard?{query}")).text()
    # Quiet since June (a slash between words may break: <wbr> is no text).
    assert "Journalists/media" in page.replace("<wbr>", "")
    quiet = await client.get("/dashboard/download/quiet-organisations.csv")
    assert "BBC" in await quiet.text()
    chart = await client.get(f"/dashboard/chart/monthly-type.svg?{query}")
    assert chart.status == 200 and (await chart.read()).lstrip().startswith(b"<?xml")
    xlsx = await client.get("/dashboard/download/progress.xlsx")
    assert xlsx.status == 200 and (await xlsx.read())[:2] == b"PK"


def add_queries(runtime: Runtime) -> None:
    """Six queries with answer times worked out by hand (times in UTC; London is UTC+1 until
    25 October)."""
    from datetime import UTC

    from commplan.queries import InboxQuery, QueryState

    def query(
        key: str, received: datetime, answered: datetime | None, subject: str = ""
    ) -> InboxQuery:
        return InboxQuery(
            key=key,
            thread=key,
            received_at=received,
            answered_at=answered,
            state=QueryState.ANSWERED if answered else QueryState.NEW,
            subject=subject,
            organisation="Leeds City Council",
        )

    with runtime.uow() as uow:
        for made in (
            query("q1", datetime(2026, 9, 7, 9, tzinfo=UTC), datetime(2026, 9, 7, 13, tzinfo=UTC)),
            query("q2", datetime(2026, 9, 8, 10, tzinfo=UTC), datetime(2026, 9, 9, 10, tzinfo=UTC)),
            # 23:30 on 30 September in UTC is 00:30 on 1 October in London: an October query.
            query(
                "q3",
                datetime(2026, 9, 30, 23, 30, tzinfo=UTC),
                datetime(2026, 10, 1, 9, 30, tzinfo=UTC),
            ),
            query("q4", datetime(2026, 10, 5, 9, tzinfo=UTC), datetime(2026, 10, 7, 9, tzinfo=UTC)),
            # Open since Tuesday 27 October: three working days on is Friday 30th, so overdue.
            query("q5", datetime(2026, 10, 27, 9, tzinfo=UTC), None, "Ethnicity <b>codes</b>"),
            # Open since Friday 30 October: due an answer by Wednesday 4 November, not yet late.
            query("q6", datetime(2026, 10, 30, 9, tzinfo=UTC), None, "Disability"),
        ):
            uow.queries.add(made)
        uow.commit()


async def test_inbox_response_times_match_the_hand_computed_figures(
    client: TestClient,
    runtime: Runtime,  # type: ignore[type-arg]
) -> None:
    add_queries(runtime)
    await client.get(link(runtime, "Becki Aquilina"))
    query = "from=2026-09-01&to=2026-10-31"
    months = await client.get(f"/dashboard/download/inbox-months.csv?{query}")
    assert months.status == 200
    assert list(csv.reader(io.StringIO((await months.text()).lstrip("\ufeff")))) == [
        ["month", "received", "answered", "median hours to first answer"],
        ["2026-09", "2", "2", "14"],  # 4 and 24 hours
        ["2026-10", "4", "2", "29"],  # 10 and 48 hours
    ]
    overdue = await client.get(f"/dashboard/download/inbox-overdue.xlsx?{query}")
    assert overdue.status == 200 and (await overdue.read())[:2] == b"PK"
    overdue_csv = await client.get(f"/dashboard/download/inbox-overdue.csv?{query}")
    assert list(csv.DictReader(io.StringIO((await overdue_csv.text()).lstrip("\ufeff")))) == [
        {
            "received": "2026-10-27",
            "subject": "Ethnicity <b>codes</b>",
            "organisation": "Leeds City Council",
            "days waiting": "6",
        }
    ]
    page = await (await client.get(f"/dashboard?{query}")).text()
    assert "6 queries received and 4 answered in the period" in page
    assert "median 17 hours to the first answer" in page  # of 4, 10, 24 and 48
    assert "1 open past 3 working days now" in page
    assert "Ethnicity &lt;b&gt;codes&lt;/b&gt;" in page and "<b>codes" not in page
    # No form inside a paragraph (invalid HTML, which browsers repair unpredictably).
    from html.parser import HTMLParser

    class Nesting(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.open: list[str] = []
            self.form_in_p = False

        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag == "form" and "p" in self.open:
                self.form_in_p = True
            if tag not in ("input", "img", "meta", "link", "br", "hr"):
                self.open.append(tag)

        def handle_endtag(self, tag: str) -> None:
            if tag in self.open:
                del self.open[len(self.open) - 1 - self.open[::-1].index(tag)]

    nesting = Nesting()
    nesting.feed(page)
    assert not nesting.form_in_p


async def test_signing_out_ends_the_session_for_a_kept_cookie_too(
    client: TestClient,  # type: ignore[type-arg]
    runtime: Runtime,
) -> None:
    await client.get(link(runtime, "Becki Aquilina"))
    kept = client.session.cookie_jar.filter_cookies(client.make_url("/dashboard"))[
        "harmonibot_session"
    ]
    assert (await client.get("/dashboard")).status == 200
    out = await client.post("/dashboard/signout", allow_redirects=False)
    assert out.status == 303
    assert (await client.get("/dashboard")).status == 403
    replayed = await client.get("/dashboard", cookies={"harmonibot_session": kept.value})
    assert replayed.status == 403
    download = await client.get(
        "/dashboard/download/by-type.csv", cookies={"harmonibot_session": kept.value}
    )
    assert download.status == 403


async def test_bad_query_values_are_a_400_that_says_what_is_wrong(
    client: TestClient,  # type: ignore[type-arg]
    runtime: Runtime,
) -> None:
    await client.get(link(runtime, "Becki Aquilina"))
    cases = [
        ("from=0001-01-01", "from must be a date between 1900-01-01 and 2199-12-31"),
        ("to=9999-12-31", "to must be a date between"),
        ("baseline_from=0001-01-01&baseline_to=0001-01-31", "baseline_from must be a date"),
        ("from=2026-13-01", "from must be a date (YYYY-MM-DD)"),
        ("from=2026-02-30", "from must be a date (YYYY-MM-DD)"),
        ("from=%00", "from must be a date (YYYY-MM-DD)"),
        ("from=2026-05-01&to=2026-04-01", "the period ends (2026-04-01) before it starts"),
    ]
    for path in (
        "/dashboard",
        "/dashboard/chart/monthly-type.svg",
        "/dashboard/download/by-type.csv",
    ):
        for query, message in cases:
            response = await client.get(f"{path}?{query}")
            assert response.status == 400, (path, query, response.status)
            assert message in await response.text(), (path, query)
    wide = await client.get("/dashboard?from=1900-01-01&to=2199-12-31")
    assert wide.status == 200

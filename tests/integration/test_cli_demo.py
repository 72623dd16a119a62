"""``harmonibot seed --demo`` end to end: a living dashboard for demos, never for real data."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from tests.integration.cli import Cli


@pytest.fixture
def cli(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Cli:
    return Cli(database_url, monkeypatch, capsys)


def contacts(cli: Cli) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(cli.ok("export", "contacts").out.lstrip("\ufeff"))))


def test_plain_seed_adds_no_contacts(cli: Cli) -> None:
    out = cli.ok("seed").out
    assert "demo" not in out
    assert contacts(cli) == []
    rows = cli.ok("report", "baseline", "--json").json()["rows"]
    assert all(row["count"] == 0 for row in rows)


def test_seeding_the_demo_twice_adds_it_once_and_its_reports_are_alive(cli: Cli) -> None:
    first = cli.ok("seed", "--demo").out
    assert "tactics: 34 added" in first
    assert "demo data: " in first and "contacts" in first
    logged = contacts(cli)
    assert 2000 <= len(logged) <= 5000
    assert all(row["email"].endswith(".example") for row in logged if row["email"])

    again = cli.ok("seed", "--demo").out
    assert "demo data: already there, nothing added" in again
    assert "tactics: 0 added, 0 updated, 34 unchanged" in again
    assert len(contacts(cli)) == len(logged)

    # This year's plan, and reports with something in them.
    year = date.today().year
    tactics = cli.ok("tactics", "list", "--json").json()
    assert tactics[0]["due_start"] == f"{year}-01-07"
    report = cli.ok("report", "baseline", "--json", "--by", "user_group").json()
    counts = {row["group"]: row["count"] for row in report["rows"]}
    assert sum(counts.values()) > 500
    assert counts["Other government departments"] > 0
    months = cli.ok("report", "baseline", "--json", "--by", "month").json()["rows"]
    assert all(row["count"] > 0 for row in months)


def test_the_demo_comes_out_again_and_the_rest_stays(cli: Cli) -> None:
    cli.ok("seed", "--demo")
    out = cli.ok("seed", "--demo", "--remove").out
    assert out.startswith("demo data removed: ")
    assert " 0 inbox queries" not in out and " 0 chat questions" not in out
    assert contacts(cli) == []
    assert len(cli.ok("tactics", "list", "--json").json()) == 34


def test_the_demo_chooses_its_own_year(cli: Cli) -> None:
    result = cli("seed", "--demo", "--plan-year", "2015")
    assert result.code != 0
    assert "leave out --plan-year" in result.err
    assert "Traceback" not in result.err
    refused = cli("seed", "--remove")
    assert refused.code != 0 and "go with --demo" in refused.err

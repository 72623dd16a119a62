"""``harmonibot report tactics --json`` over imported contacts, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.integration.cli import Cli


@pytest.fixture
def seeded(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Cli:
    cli = Cli(database_url, monkeypatch, capsys)
    cli.ok("db", "upgrade")
    cli.ok("seed", "--plan-year", "2026")
    return cli


def test_the_report_measures_each_dated_tactic_and_each_objective(
    seeded: Cli, tmp_path: Path
) -> None:
    talk = date(2026, 4, 13)  # tactic 14, to GSS senior managers and heads of profession
    days = [talk + timedelta(days=4 * n) for n in range(10)] + [talk - timedelta(days=20)]
    path = tmp_path / "contacts.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["date", "name", "channel", "user_group", "summary"])
        for n, day in enumerate(days):
            writer.writerow(
                [
                    day.isoformat(),
                    f"Analyst {n}",
                    "inbox",
                    "Other government departments",
                    f"query {n}",
                ]
            )
    seeded.ok("import", "contacts", str(path))
    report = seeded.ok("report", "tactics", "--json", "--at", "2026-07-06").json()
    assert report["plan_year"] == 2026 and report["weeks"] == 8
    (row,) = [t for t in report["tactics"] if t["number"] == 14]
    assert (row["after"], row["before"], row["change"]) == (10, 1, "more")
    assert row["low"] > 1 and row["user_groups"] == [
        "Other government departments",
        "Major policy customers",
    ]
    assert {u["why"] for u in report["unmeasured"]} <= {
        "no date yet",
        "its audience is the steering group",
    }
    assert [o["number"] for o in report["objectives"]] == list(
        range(1, len(report["objectives"]) + 1)
    )
    text = seeded.ok("report", "tactics", "--at", "2026-07-06").out
    assert "#14 Present to GSS SPSC (13 Apr 2026): 10 after, 1 before" in text

"""Going live from an empty database, as the README walks through it: ``init``, ``import
people``, ``import plan``, Slack pointed at the recording server, ``doctor``, then the first
sweep, whose nudges find the imported owners in Slack by their e-mail addresses. No sample
plan or person is anywhere."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.integration.cli import Cli
from tests.integration.doctor_servers import DIGEST_CHANNEL, GOOD_TOKEN, checking_slack
from tests.integration.slack.recorder import SlackUser

PEOPLE = """\
name,email,role,groups,organisation
Amira Okafor,amira.okafor@stats.example.org,admin,Harmonisation team,Statistics Office
Ben Hughes,ben.hughes@stats.example.org,team,Harmonisation team,Statistics Office
Carys Evans,carys.evans@health.example.org,member,Steering group,Health Department
"""
PLAN = """\
plan_year,number,phase,name,timing,accountable
2027,1,Q1,Harmonisation blog,March,Ben Hughes
2027,2,Q1,User forum,March,Carys Evans
2027,3,Q1,Steering group paper,March,Harmonisation team
"""
# Slack knows them by e-mail only: the database has no Slack id for anyone.
SLACK_USERS = [
    SlackUser(id="UAMIRA", name="Amira Okafor", email="amira.okafor@stats.example.org"),
    SlackUser(id="UBEN", name="Ben Hughes", email="ben.hughes@stats.example.org"),
    SlackUser(id="UCARYS", name="Carys Evans", email="carys.evans@health.example.org"),
]
SAMPLE_NAMES = ("Jacqui Jones", "Becki Aquilina", "Pete Brodie", "Harmonisation blog 2015")


def test_from_an_empty_database_to_the_first_nudges_in_slack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(f"sqlite:///{tmp_path / 'live.db'}", monkeypatch, capsys)
    cli.ok(
        "init", "--admin-name", "Amira Okafor", "--admin-email", "amira.okafor@stats.example.org"
    )
    (tmp_path / "people.csv").write_text(PEOPLE)
    (tmp_path / "plan.csv").write_text(PLAN)
    assert (
        "people: 2 added, 1 updated" in cli.ok("import", "people", str(tmp_path / "people.csv")).out
    )
    cli.ok("import", "plan", str(tmp_path / "plan.csv"))

    people = cli.ok("export", "people").out
    tactics = cli.ok("tactics", "list", "--json").json()
    assert [r["name"] for r in csv.DictReader(io.StringIO(people.lstrip("\ufeff")))] == [
        "Amira Okafor",
        "Ben Hughes",
        "Carys Evans",
    ]
    assert [t["name"] for t in tactics] == [
        "Harmonisation blog",
        "User forum",
        "Steering group paper",
    ]
    everything = people + cli.ok("export", "actions").out + cli.ok("export", "groups").out
    assert not any(name in everything for name in SAMPLE_NAMES)

    with checking_slack(SLACK_USERS) as (server, slack):
        monkeypatch.setenv("SLACK_BOT_TOKEN", GOOD_TOKEN)
        monkeypatch.setenv("SLACK_SIGNING_SECRET", "going-live-signing-secret")
        monkeypatch.setenv("SLACK_API_URL", server.api_url)
        monkeypatch.setenv("HARMONIBOT_SLACK_CHANNELS", DIGEST_CHANNEL)
        doctor = cli("doctor", "--json").json()
        assert doctor["ok"] is True, doctor

        # A week before the three tactics start on Monday 1 March 2027.
        sent = cli.ok("nudges", "--at", "2027-02-22T09:30", "--json").json()
        tactics_sent = [n for n in sent if n["item_type"] == "tactic"]
        assert sorted((n["person"], n["item"], n["kind"]) for n in tactics_sent) == [
            ("Amira Okafor", "2027/3", "before"),
            ("Ben Hughes", "2027/1", "before"),
            ("Ben Hughes", "2027/3", "before"),
            ("Carys Evans", "2027/2", "before"),
        ]
        # The shipped catalogue's review dates have passed: its owner, the harmonisation
        # team, is asked to review (one message per entry) in the same sweep.
        assert {n["item_type"] for n in sent} == {"tactic", "standard"}
        assert {n["person"] for n in sent if n["item_type"] == "standard"} <= {
            "Amira Okafor",
            "Ben Hughes",
        }
        assert {n["channel"] for n in sent} == {"slack"}
        looked_up = {c.body["email"] for c in slack.recorded("users.lookupByEmail")}
        assert looked_up == {u.email for u in SLACK_USERS}
        opened = {c.body["users"] for c in slack.recorded("conversations.open")}
        assert opened == {"UAMIRA", "UBEN", "UCARYS"}
        posts = slack.recorded("chat.postMessage")
        assert len(posts) == len({n["person"] for n in sent})  # one summary a person
        carys = [p for p in posts if p.body["channel"] == "DCARYS"]
        assert len(carys) == 1 and "User forum" in carys[0].text()
        blog = [p for p in posts if "Harmonisation blog" in p.text()]
        assert [p.body["channel"] for p in blog] == ["DBEN"]

        # The ids Slack gave are kept: the next sweep needs no look-up.
        linked = {
            r["name"]: r["slack_id"]
            for r in csv.DictReader(io.StringIO(cli.ok("export", "people").out.lstrip("\ufeff")))
        }
        assert linked == {"Amira Okafor": "UAMIRA", "Ben Hughes": "UBEN", "Carys Evans": "UCARYS"}
        assert cli.ok("nudges", "--at", "2027-02-22T09:30", "--json").json() == []

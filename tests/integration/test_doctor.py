"""``harmonibot doctor`` against the recording Slack server, the test Dovecot and a recording
Teams sign-in and connector: right first, then misconfigured one thing at a time.

The team: Amira Okafor (admin, from ``init``), Ben Hughes and Carys Evans, each known to the
Slack workspace by e-mail; the 2027 plan gives each of them, or their group, open work.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from adapters.bootstrap import build_runtime
from adapters.doctor.findings import Finding, Status
from adapters.doctor.run import diagnose
from adapters.doctor.slack import SCOPES
from adapters.doctor.teams import microsoft_service
from adapters.settings import Settings, TeamsSettings
from commplan.conversations import ConversationKind, ConversationRef
from storage.engine import make_engine
from storage.uow import unit_of_work_factory
from tests.integration.cli import Cli
from tests.integration.doctor_servers import (
    ALL_SCOPES,
    APP_ID,
    APP_SECRET,
    DIGEST_CHANNEL,
    GOOD_TOKEN,
    CheckingSlack,
    checking_slack,
    teams_stand_in,
)
from tests.integration.dovecot import DovecotServer, require_dovecot, run_dovecot
from tests.integration.slack.recorder import SlackUser

PEOPLE = """\
name,email,role,groups
Amira Okafor,amira.okafor@stats.example.org,admin,Harmonisation team
Ben Hughes,ben.hughes@stats.example.org,team,Harmonisation team
Carys Evans,carys.evans@health.example.org,member,
"""
PLAN = """\
plan_year,number,name,timing,accountable
2027,1,Harmonisation blog,March,Ben Hughes
2027,2,User forum,17th-18th May,Carys Evans
2027,3,Steering group paper,June,Harmonisation team
"""
SLACK_USERS = (
    SlackUser(id="UAMIRA", name="Amira Okafor", email="amira.okafor@stats.example.org"),
    SlackUser(id="UBEN", name="Ben Hughes", email="ben.hughes@stats.example.org"),
    SlackUser(id="UCARYS", name="Carys Evans", email="carys.evans@health.example.org"),
)


@pytest.fixture(scope="module")
def dovecot() -> Iterator[DovecotServer]:
    require_dovecot()
    with run_dovecot() as server:
        yield server


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    cli = Cli(f"sqlite:///{tmp_path / 'live.db'}", monkeypatch, capsys)
    cli.ok(
        "init", "--admin-name", "Amira Okafor", "--admin-email", "amira.okafor@stats.example.org"
    )
    (tmp_path / "people.csv").write_text(PEOPLE)
    (tmp_path / "plan.csv").write_text(PLAN)
    cli.ok("import", "people", str(tmp_path / "people.csv"))
    cli.ok("import", "plan", str(tmp_path / "plan.csv"))
    return cli


@pytest.fixture
def slack(monkeypatch: pytest.MonkeyPatch) -> Iterator[CheckingSlack]:
    with checking_slack(list(SLACK_USERS)) as (server, recorder):
        monkeypatch.setenv("SLACK_BOT_TOKEN", GOOD_TOKEN)
        monkeypatch.setenv("SLACK_SIGNING_SECRET", "doctor-signing-secret")
        monkeypatch.setenv("SLACK_API_URL", server.api_url)
        monkeypatch.setenv("HARMONIBOT_SLACK_CHANNELS", DIGEST_CHANNEL)
        yield recorder


@pytest.fixture
def mailbox(dovecot: DovecotServer, monkeypatch: pytest.MonkeyPatch) -> DovecotServer:
    monkeypatch.setenv("IMAP_HOST", dovecot.host)
    monkeypatch.setenv("IMAP_PORT", str(dovecot.port))
    monkeypatch.setenv("IMAP_TLS", "none")
    monkeypatch.setenv("IMAP_USERNAME", dovecot.username)
    monkeypatch.setenv("IMAP_PASSWORD", dovecot.password)
    return dovecot


def _checks(document: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {c["check"]: c for c in document["checks"]}


def test_a_good_configuration_passes_and_nothing_changes(
    cli: Cli, slack: CheckingSlack, mailbox: DovecotServer
) -> None:
    before = cli.ok("export", "people").out
    result = cli("doctor", "--json")
    document = result.json()
    assert result.code == 0, result.out
    assert document["ok"] is True and document["problems"] == 0
    checks = _checks(document)
    for name in (
        "database.migrations",
        "slack.token",
        "slack.scopes",
        f"slack.channel.{DIGEST_CHANNEL}",
        "mailbox.login",
        "mailbox.folder",
        "owners",
    ):
        assert checks[name]["status"] == "ok", checks[name]
    assert checks["owners"]["detail"] == "all 3 owners of open work can be reached"
    # Slack was asked who the owners are, but nobody was linked and nothing was posted.
    assert len(slack.recorded("users.lookupByEmail")) == 3
    assert not slack.recorded("chat.postMessage")
    assert cli.ok("export", "people").out == before
    text = cli("doctor")
    assert text.code == 0 and "0 problem(s)" in text.out and "ready to go live" in text.out


CASES = {
    "a wrong token": (
        {"SLACK_BOT_TOKEN": "xoxb-revoked"},
        "slack.token",
        "SLACK_BOT_TOKEN is not accepted (invalid_auth)",
    ),
    "a channel the bot was not invited to": (
        {"HARMONIBOT_SLACK_CHANNELS": "C0QUIET"},
        "slack.channel.C0QUIET",
        "the bot is not in #general",
    ),
    "a channel that does not exist": (
        {"HARMONIBOT_SLACK_CHANNELS": "C0NOWHERE1"},
        "slack.channel.C0NOWHERE1",
        "cannot be seen (channel_not_found)",
    ),
    "no digest channel": (
        {"HARMONIBOT_SLACK_CHANNELS": ""},
        "slack.channels",
        "the bot is in #harmonisation (C0DIGEST)",
    ),
    "a wrong mailbox password": (
        {"IMAP_PASSWORD": "not-the-password"},
        "mailbox.login",
        "refused IMAP_USERNAME 'shared'",
    ),
    "a mailbox folder that does not exist": (
        {"IMAP_FOLDER": "Queries"},
        "mailbox.folder",
        "there is no folder 'Queries'",
    ),
    "a mailbox port nothing listens on": (
        {"IMAP_PORT": "1"},
        "mailbox.connect",
        "cannot connect to the IMAP server 127.0.0.1:1",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_misconfiguration_is_named_and_fails_the_run(
    case: str,
    cli: Cli,
    slack: CheckingSlack,
    mailbox: DovecotServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    environment, check, says = CASES[case]
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    result = cli("doctor", "--json")
    found = _checks(result.json())[check]
    assert says in found["detail"], found
    assert found["fix"]
    if found["status"] == "warning":
        # Nothing posts to a channel, but nothing will fail either.
        assert result.code == 0 and case == "no digest channel"
    else:
        assert result.code == 1 and found["status"] == "problem"


def test_missing_scopes_and_unreachable_owners_say_what_to_do(
    cli: Cli, slack: CheckingSlack, mailbox: DovecotServer, tmp_path: Path
) -> None:
    slack.scopes = ALL_SCOPES.replace(",users:read.email", "")
    slack.users = [u for u in slack.users if u.name != "Carys Evans"]
    (tmp_path / "ben.csv").write_text("name,email\nBen Hughes,\n")
    cli.ok("import", "people", str(tmp_path / "ben.csv"))
    result = cli("doctor")
    assert result.code == 1
    assert "the token lacks the scopes users:read.email" in result.out
    assert (
        "Carys Evans (1 open item) cannot be reached. Slack: no Slack user has the address "
        "carys.evans@health.example.org" in result.out
    )
    # Ben owns tactic 1 and, through the harmonisation team, tactic 3.
    assert "Ben Hughes (2 open items) cannot be reached. Slack: no e-mail address" in result.out
    assert "-> give them the e-mail address their Slack account uses" in result.out
    assert "3 problem(s)" in result.out


def test_an_empty_or_missing_database_is_a_problem_and_stays_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.db"
    cli = Cli(f"sqlite:///{missing}", monkeypatch, capsys)
    result = cli("doctor", "--json")
    assert result.code == 1
    assert _checks(result.json())["database.exists"]["fix"].startswith("run 'harmonibot init'")
    assert not missing.exists()
    empty = tmp_path / "empty.db"
    empty.touch()
    cli = Cli(f"sqlite:///{empty}", monkeypatch, capsys)
    found = _checks(cli("doctor", "--json").json())["database.migrations"]
    assert found["detail"] == "the database has no tables yet"
    # Opening it sets SQLite's journal mode (the engine's connect hook), but no table is made.
    with sqlite3.connect(empty) as connection:
        assert connection.execute("select count(*) from sqlite_master").fetchone() == (0,)


def test_a_database_server_that_does_not_answer_is_named(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli("postgresql+psycopg://harmonibot:hunter2@127.0.0.1:1/live", monkeypatch, capsys)
    result = cli("doctor", "--json")
    assert result.code == 1
    found = _checks(result.json())["database.connect"]
    assert found["detail"].startswith("cannot open postgresql+psycopg://harmonibot:***@")
    assert "hunter2" not in result.out


def test_the_scopes_the_doctor_wants_are_the_manifests() -> None:
    import yaml

    manifest = Path(__file__).parents[2] / "adapters" / "slack" / "manifest.yaml"
    assert set(yaml.safe_load(manifest.read_text())["oauth_config"]["scopes"]["bot"]) == SCOPES


# -- Teams ---------------------------------------------------------------------------------


def _teams_runtime(url: str, **teams: Any) -> Any:
    return build_runtime(Settings(database_url=url, teams=TeamsSettings(**teams)))


def _store_chats(url: str, service_url: str) -> None:
    """Ben and Carys have Teams ids; only Ben's personal chat with the bot is stored."""
    engine = make_engine(url)
    with unit_of_work_factory(engine)() as repos:
        for name, teams_id in (("Ben Hughes", "29:ben"), ("Carys Evans", "29:carys")):
            person = repos.people.get(name)
            assert person is not None
            repos.people.save(replace(person, teams_id=teams_id))
        repos.conversations.save(
            ConversationRef(
                platform="teams",
                conversation_id="a:ben-chat",
                kind=ConversationKind.PERSONAL,
                updated_at=datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
                user_id="29:ben",
                service_url=service_url,
            )
        )
        repos.commit()
    engine.dispose()


def _by_check(findings: list[Finding]) -> dict[str, Finding]:
    return {f.check: f for f in findings}


def test_teams_credentials_channels_and_owners(tmp_path: Path, cli: Cli) -> None:
    url = f"sqlite:///{tmp_path / 'live.db'}"
    with teams_stand_in() as teams:
        _store_chats(url, teams.url)
        teams.installed.add("a:ben-chat")
        sign_in = teams.url + "token"

        def run(**settings: Any) -> dict[str, Finding]:
            runtime = _teams_runtime(url, **settings)
            try:
                found = diagnose(runtime, teams_sign_in=sign_in, trusted=lambda _: True)
            finally:
                runtime.engine.dispose()
            return _by_check(found)

        good = run(app_id=APP_ID, app_password=APP_SECRET)
        assert good["teams.credentials"].status is Status.OK
        assert good["teams.channels"].status is Status.WARNING  # in no channel yet
        assert "owners.Ben Hughes" not in good
        assert "has no personal chat with the bot in Teams" in good["owners.Carys Evans"].detail
        assert "has not talked to the bot in Teams" in good["owners.Amira Okafor"].detail
        assert "GET /v3/conversations/a:ben-chat/members" in teams.asked

        wrong_secret = run(app_id=APP_ID, app_password="an-old-secret")
        assert wrong_secret["teams.credentials"].status is Status.PROBLEM
        assert "MICROSOFT_APP_PASSWORD is not accepted" in wrong_secret["teams.credentials"].detail
        wrong_app = run(app_id="11111111-2222-3333-4444-555555555555", app_password=APP_SECRET)
        assert "is not an app Microsoft knows" in wrong_app["teams.credentials"].detail
        no_secret = run(app_id=APP_ID)
        assert "MICROSOFT_APP_PASSWORD is empty" in no_secret["teams.credentials"].detail

        channel = run(
            app_id=APP_ID, app_password=APP_SECRET, team_channels=("19:digest@thread.tacv2",)
        )
        assert channel["teams.channel.19:digest@thread.tacv2"].status is Status.PROBLEM

        teams.installed.clear()  # Ben removed the bot
        removed = run(app_id=APP_ID, app_password=APP_SECRET)
        assert "removed the bot from their Teams chat (HTTP 403)" in (
            removed["owners.Ben Hughes"].detail
        )


def test_the_token_goes_to_microsofts_services_only() -> None:
    assert microsoft_service("https://smba.trafficmanager.net/emea/")
    assert microsoft_service("https://europe.webchat.botframework.com/")
    assert not microsoft_service("http://smba.trafficmanager.net/emea/")
    assert not microsoft_service("https://botframework.com.evil.example/")
    assert not microsoft_service("http://127.0.0.1:3978/")

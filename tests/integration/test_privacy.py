"""Erasure and retention reach the web chat's notices, on SQLite and PostgreSQL.

A new-query notice quotes the sender's address and the mail's summary; once the person is
erased, or the notice is older than the retention period, it must not survive in storage.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest

from adapters.bootstrap import Runtime, build_intake, build_messenger, build_runtime
from adapters.settings import load_settings
from bot.messages import Reply
from bot.views.inbox import new_query_reply
from tests.integration.cli import Cli

SENDER = "Jane.Smith@leeds.gov.uk"
SUMMARY = "Which ethnic group categories should we use in our residents survey?"


@pytest.fixture
def cli(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Cli:
    cli = Cli(database_url, monkeypatch, capsys)
    cli.ok("seed", "--plan-year", "2026")
    return cli


@pytest.fixture
def runtime(cli: Cli) -> Iterator[Runtime]:
    runtime = build_runtime(load_settings())
    yield runtime
    runtime.engine.dispose()


def import_query(cli: Cli, folder: Path) -> None:
    mail = EmailMessage()
    mail["From"] = f"Jane Smith <{SENDER}>"
    mail["To"] = "harmonisation@ons.gov.uk"
    mail["Subject"] = "Ethnic group question"
    mail["Date"] = "Mon, 07 Sep 2026 10:15:00 +0100"
    mail["Message-ID"] = "<q1@leeds.gov.uk>"
    mail.set_content(SUMMARY)
    path = folder / "q1.eml"
    path.write_bytes(bytes(mail))
    cli.ok("inbox", "import", "--open", str(path))


def team_notices(runtime: Runtime) -> list[str]:
    with runtime.uow() as uow:
        return [n.text for n in uow.notices.after(["#team", "Pete Brodie"])]


def test_erasing_a_person_removes_every_notice_that_mentions_their_address(
    cli: Cli, runtime: Runtime, tmp_path: Path
) -> None:
    import_query(cli, tmp_path)
    with runtime.uow() as uow:
        query = uow.queries.get("q1@leeds.gov.uk")
    assert query is not None
    messenger = build_messenger(runtime)  # no Slack or Teams: the notices table
    reply = new_query_reply(query, build_intake(runtime).standards)
    assert asyncio.run(messenger.send_team(reply)) == "web"
    # A notice that does not mention the address stays put.
    with runtime.uow() as uow:
        pete = uow.people.get("Pete Brodie")
    assert pete is not None
    asyncio.run(messenger.send_direct(pete, Reply(text="Overdue: Tactic 10")))
    stored = team_notices(runtime)
    assert len(stored) == 2 and SENDER.lower() in stored[0].lower()

    result = cli.ok("contacts", "erase", "--email", SENDER.upper())
    assert "1 inbox queries" in result.out

    assert team_notices(runtime) == ["Overdue: Tactic 10"]
    with runtime.uow() as uow:
        left = uow.notices.after(["#team", "Pete Brodie", "Becki Aquilina"])
    assert not any(SUMMARY in repr(n.payload) or SUMMARY in n.text for n in left)


def test_retention_deletes_notices_older_than_the_period(cli: Cli, runtime: Runtime) -> None:
    now = runtime.clock.now()
    days = runtime.settings.retention_days
    with runtime.uow() as uow:
        uow.notices.add("#team", "New query from an old sender", now - timedelta(days=days + 1))
        uow.notices.add("#team", "New query from a recent one", now - timedelta(days=days - 1))
        uow.commit()
    cli.ok("contacts", "retention")
    assert team_notices(runtime) == ["New query from a recent one"]

"""The inbox end to end: mail appended to a real Dovecot lands in the baseline exactly once,
the team hears of it, and a reply from the team marks it answered."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest
from imapclient import IMAPClient

from adapters.bootstrap import Runtime, build_runtime
from adapters.cli.clock import run_jobs
from adapters.settings import load_settings
from commplan.queries import InboxQuery
from tests.integration.cli import Cli
from tests.integration.dovecot import DovecotServer, require_dovecot, run_dovecot

TEAM = "harmonisation@ons.gov.uk"


def message(message_id: str, sender: str, subject: str, body: str, *, reply_to: str = "") -> bytes:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = TEAM
    mail["Subject"] = subject
    mail["Date"] = "Mon, 07 Sep 2026 10:15:00 +0100"
    mail["Message-ID"] = f"<{message_id}>"
    if reply_to:
        mail["In-Reply-To"] = f"<{reply_to}>"
        mail["References"] = f"<{reply_to}>"
    mail.set_content(body)
    return mail.as_bytes(policy=SMTP)


@pytest.fixture
def dovecot() -> Iterator[DovecotServer]:
    require_dovecot()
    with run_dovecot() as server:
        yield server


@pytest.fixture
def cli(
    database_url: str,
    dovecot: DovecotServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Cli:
    for name, value in {
        "IMAP_HOST": dovecot.host,
        "IMAP_PORT": str(dovecot.port),
        "IMAP_USERNAME": dovecot.username,
        "IMAP_PASSWORD": dovecot.password,
        "IMAP_TLS": "none",
        "HARMONIBOT_TEAM_ADDRESS": TEAM,
    }.items():
        monkeypatch.setenv(name, value)
    cli = Cli(database_url, monkeypatch, capsys)
    cli.ok("seed", "--plan-year", "2026")
    return cli


def deliver(dovecot: DovecotServer, *messages: bytes) -> None:
    client = IMAPClient(dovecot.host, port=dovecot.port, ssl=False, timeout=10)
    client.login(dovecot.username, dovecot.password)
    try:
        for raw in messages:
            client.append("INBOX", raw)
    finally:
        client.logout()


pytestmark = pytest.mark.imap


def test_appended_mail_is_logged_once_and_answered_by_a_team_reply(
    cli: Cli, dovecot: DovecotServer
) -> None:
    deliver(
        dovecot,
        message(
            "q1@leeds.gov.uk",
            "Jane Smith <jane.smith@leeds.gov.uk>",
            "Ethnic group question for our residents survey",
            "Which ethnic group categories should we use in our survey?",
        ),
        message(
            "ooo@hmtreasury.gov.uk",
            "Dana Fox <dana@hmtreasury.gov.uk>",
            "Automatic reply: away",
            "I am out of the office.",
        ),
    )
    first = cli.ok("inbox", "poll", "--json").json()
    assert [(o["status"], o["sender"]) for o in first] == [
        ("logged", "jane.smith@leeds.gov.uk"),
        ("skipped", "dana@hmtreasury.gov.uk"),
    ]
    assert first[0]["org_type"] == "Local Government"
    assert first[0]["user_group"] == "Sub national organisations"
    assert first[0]["standard"] == "Ethnicity harmonised standard"
    assert cli.ok("inbox", "poll", "--json").json() == []

    contacts = cli.ok("export", "contacts").out.splitlines()
    assert len(contacts) == 2 and ",inbox,inbound,Ethnicity harmonised standard," in contacts[1]

    # The team heard of it: with no chat configured, the team's web chat has the notice.
    runtime = build_runtime(load_settings())
    try:
        with runtime.uow() as uow:
            notices = uow.notices.for_person("#team")
            assert len(notices) == 1 and "New query from Jane Smith" in notices[0][1]
            assert uow.queries.get("q1@leeds.gov.uk") is not None
    finally:
        runtime.engine.dispose()

    deliver(
        dovecot,
        message(
            "r1@ons.gov.uk",
            f"Harmonisation <{TEAM}>",
            "Re: Ethnic group question",
            "Use the GSS harmonised standard.",
            reply_to="q1@leeds.gov.uk",
        ),
    )
    reply = cli.ok("inbox", "poll", "--json").json()
    assert [(o["status"], o["reason"]) for o in reply] == [
        ("skipped", "reply from the team: query q1@leeds.gov.uk answered")
    ]
    runtime = build_runtime(load_settings())
    try:
        with runtime.uow() as uow:
            query = uow.queries.get("q1@leeds.gov.uk")
            assert query is not None and query.state.value == "answered"
            assert query.hours_to_answer == 0.0
    finally:
        runtime.engine.dispose()


def test_the_team_takes_and_corrects_a_query_then_teaches_the_directory_its_domain(
    cli: Cli, dovecot: DovecotServer
) -> None:
    deliver(
        dovecot,
        message(
            "q2@parish.example.org",
            "Sam <sam@parish.example.org>",
            "Survey question on renting",
            "Do people own or rent their home?",
        ),
    )
    logged = cli.ok("inbox", "poll", "--json").json()
    assert logged[0]["organisation"] == "parish.example.org" and logged[0]["org_type"] == ""
    listing = cli.ok("ask", "inbox", "--as", "Becki Aquilina").out
    ref = listing.split("•")[1].split("·")[0].strip()
    taken = cli.ok("ask", f"take query {ref}", "--as", "Becki Aquilina", "--json").json()
    assert taken["intent"] == "query_taken"
    fixed = cli.ok(
        "ask",
        f"correct query {ref} organisation Little Snoring Parish Council",
        "--as",
        "Palvi Shah",
        "--json",
    ).json()
    assert fixed["data"]["organisation"] == "Little Snoring Parish Council"
    cli.ok("ask", f"correct query {ref} type Local Government", "--as", "Palvi Shah")
    refused = cli.ok("ask", f"correct query {ref} type Media", "--as", "Pete Brodie", "--json")
    assert refused.json()["intent"] == "not_allowed"
    # Correcting the query changed that query only; teaching the domain is its own step.
    taught = cli.ok(
        "ask",
        "teach domain parish.example.org is Little Snoring Parish Council",
        "--as",
        "Palvi Shah",
        "--json",
    ).json()
    assert taught["intent"] == "domain_taught"
    # The next message from that domain is classified by what the team taught.
    deliver(
        dovecot,
        message(
            "q3@parish.example.org",
            "Kim <kim@parish.example.org>",
            "Another question",
            "About unpaid carers.",
        ),
    )
    again = cli.ok("inbox", "poll", "--json").json()
    assert (again[0]["organisation"], again[0]["org_type"]) == (
        "Little Snoring Parish Council",
        "Local Government",
    )
    contacts = cli.ok("export", "contacts").out
    assert "Little Snoring Parish Council,Local Government" in contacts


def test_inbox_import_and_erasure(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "a.eml").write_bytes(
        message(
            "a@bbc.co.uk",
            "Rob <rob@bbc.co.uk>",
            "Press query",
            "How do you measure sexual orientation?",
        )
    )
    mbox = folder / "archive.mbox"
    mbox.write_bytes(
        b"From x@y Mon Sep  7 10:00:00 2026\n"
        + message("b@nhs.net", "Gwen <gwen@nhs.net>", "Long term illness", "Which question?")
        + b"\n"
    )
    report = cli.ok("inbox", "import", str(folder), "--json").json()
    assert {(o["sender"], o["status"]) for o in report} == {
        ("rob@bbc.co.uk", "logged"),
        ("gwen@nhs.net", "logged"),
    }
    assert set(report[0]) >= {
        "message_id",
        "sender",
        "organisation",
        "org_type",
        "user_group",
        "standard",
        "status",
        "reason",
    }
    assert {o["status"] for o in cli.ok("inbox", "import", str(folder), "--json").json()} == {
        "duplicate"
    }
    erased = cli.ok("contacts", "erase", "--email", "ROB@bbc.co.uk").out
    assert "1 contacts, 1 inbox queries" in erased
    exported = cli.ok("export", "contacts").out
    assert "rob@bbc.co.uk" not in exported and "Rob" not in exported
    missing = cli("inbox", "import", str(tmp_path / "nope.mbox"))
    assert missing.code == 1 and "no such file" in missing.err
    # The erased mail still counts, anonymously: importing it again would count it twice.
    again = json.loads(cli.ok("inbox", "import", str(folder / "a.eml"), "--json").out)[0]
    assert again["status"] == "duplicate"


async def test_the_clock_polls_the_mailbox_as_it_starts(cli: Cli, dovecot: DovecotServer) -> None:
    deliver(
        dovecot,
        message(
            "q4@gla.ac.uk",
            "Ewan <ewan@gla.ac.uk>",
            "Coding occupations",
            "Which classification should we use to code job titles?",
        ),
    )
    runtime = build_runtime(load_settings())
    stop = asyncio.Event()
    jobs = asyncio.create_task(run_jobs(runtime, stop))
    try:
        query = None
        for _ in range(200):  # a deadline for a broken clock, not a timing assertion
            query = await asyncio.to_thread(_query, runtime, "q4@gla.ac.uk")
            if query is not None:
                break
            await asyncio.sleep(0.1)
        assert query is not None and query.org_type is not None
        assert query.org_type.value == "Higher/Further Education"
    finally:
        stop.set()
        await jobs
        runtime.engine.dispose()
    # The clock moved the cursor: polling again by hand finds nothing new.
    polled = await asyncio.to_thread(cli.ok, "inbox", "poll", "--json")
    assert polled.json() == []


def _query(runtime: Runtime, key: str) -> InboxQuery | None:
    with runtime.uow() as uow:
        return uow.queries.get(key)

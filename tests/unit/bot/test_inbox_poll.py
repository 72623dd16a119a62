"""One poll of the mailbox: new mail logged once, the cursor moved, the team told once.

The notice of a new query is claimed like every other message: a failed post is retried by the
next poll, and goes out once.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from adapters.calendar import uk_working_days
from bot.jobs import JobDeps
from bot.jobs.inbox import poll_once
from bot.ports import MailSourceError
from commplan.claims import ClaimKind
from commplan.inbox import InboundEmail
from commplan.queries import QueryState
from commplan.ranking import StandardsIndex
from commplan.records.standards import standards_from_table
from commplan.sample import load_sample, standards_table
from commplan.services.intake import NOTICE_RETRY, Status
from commplan.services.seeding import seed
from tests.conftest import LONDON, HeldClock
from tests.fake_ports import FakeMailSource, FakeMessenger
from tests.fakes import FakeDatabase

NOW = datetime(2026, 9, 10, 10, 0, tzinfo=LONDON)
TEAM = "harmonisation@ons.gov.uk"
INDEX = StandardsIndex.build(standards_from_table(standards_table()))


def query(key: str, sender: str = "Jane Smith <jane.smith@leeds.gov.uk>") -> InboundEmail:
    name, address = sender.removesuffix(">").split(" <") if "<" in sender else ("", sender)
    return InboundEmail(
        message_id=key,
        sender_name=name,
        sender_email=address,
        subject="Ethnic group question for our residents survey",
        sent_at=NOW - timedelta(minutes=5),
        text="Which ethnic group categories should we use in our survey?",
    )


@pytest.fixture
def database() -> FakeDatabase:
    database = FakeDatabase()
    seed(database(), load_sample(2026), at=NOW)
    return database


@pytest.fixture
def deps(database: FakeDatabase) -> JobDeps:
    return JobDeps(
        uow=database,
        clock=HeldClock(NOW),
        standards=lambda: INDEX,
        calendar=uk_working_days(),
        zone=LONDON,
        team_addresses=frozenset({TEAM}),
    )


def notices(messenger: FakeMessenger) -> list[str]:
    return [r.text.splitlines()[0] for r in messenger.team_posts]


async def test_new_mail_is_logged_once_and_the_team_told_once(
    database: FakeDatabase, deps: JobDeps
) -> None:
    source, messenger = FakeMailSource(), FakeMessenger()
    source.deliver(query("q1@leeds.gov.uk"))
    first = await poll_once(source, deps, messenger, NOW)
    assert [(o.status, o.standard) for o in first] == [
        (Status.LOGGED, "Ethnicity harmonised standard")
    ]
    assert notices(messenger) == ["New query from Jane Smith"]
    assert database.store.cursors == {source.name: "1"}
    later = NOW + timedelta(minutes=2)
    assert await poll_once(source, deps, messenger, later) == []
    assert len(messenger.team_posts) == 1


async def test_a_failed_notice_is_retried_by_the_next_poll_and_sent_once(
    database: FakeDatabase, deps: JobDeps
) -> None:
    source, messenger = FakeMailSource(), FakeMessenger(team_failures=1)
    source.deliver(query("q1@leeds.gov.uk"))
    await poll_once(source, deps, messenger, NOW)
    assert messenger.team_posts == []  # the chat was down; the query is logged all the same
    assert "q1@leeds.gov.uk" in database.store.queries
    assert "inbox_notice:q1@leeds.gov.uk" not in database.store.claims  # given back

    # No new mail, but the notice is still owed.
    assert await poll_once(source, deps, messenger, NOW + timedelta(minutes=2)) == []
    assert notices(messenger) == ["New query from Jane Smith"]
    await poll_once(source, deps, messenger, NOW + timedelta(minutes=4))
    assert len(messenger.team_posts) == 1
    claim = database.store.claims["inbox_notice:q1@leeds.gov.uk"]
    assert (claim["kind"], claim["channel"]) == (ClaimKind.INBOX_NOTICE, "web")


async def test_a_query_taken_meanwhile_is_no_longer_announced(deps: JobDeps) -> None:
    source, messenger = FakeMailSource(), FakeMessenger(team_failures=2)
    source.deliver(query("q1@leeds.gov.uk"), query("q2@gla.ac.uk", sender="Ewan <ewan@gla.ac.uk>"))
    await poll_once(source, deps, messenger, NOW)
    assert messenger.team_posts == []
    with deps.uow() as repos:
        taken = repos.queries.get("q1@leeds.gov.uk")
        assert taken is not None
        repos.queries.save(replace(taken, state=QueryState.TAKEN, assignee="Palvi Shah"))
        repos.commit()
    await poll_once(source, deps, messenger, NOW + timedelta(minutes=2))
    assert notices(messenger) == ["New query from Ewan"]


async def test_a_notice_is_retried_only_while_the_query_is_fresh(deps: JobDeps) -> None:
    source, messenger = FakeMailSource(), FakeMessenger(team_failures=1)
    source.deliver(query("q1@leeds.gov.uk"))
    await poll_once(source, deps, messenger, NOW)
    # Received five minutes before NOW: past the retry window, the digest speaks for it.
    await poll_once(source, deps, messenger, NOW + NOTICE_RETRY)
    assert messenger.team_posts == []


async def test_mail_from_the_team_is_never_announced(deps: JobDeps) -> None:
    source, messenger = FakeMailSource(), FakeMessenger()
    source.deliver(query("r1@ons.gov.uk", sender=TEAM))
    [outcome] = await poll_once(source, deps, messenger, NOW)
    assert (outcome.status, outcome.reason) == (Status.SKIPPED, "from the team's own address")
    assert messenger.sent == []


async def test_a_mailbox_that_cannot_be_read_moves_nothing(
    database: FakeDatabase, deps: JobDeps
) -> None:
    source, messenger = FakeMailSource(), FakeMessenger()
    source.deliver(query("q1@leeds.gov.uk"))
    source.down = True
    with pytest.raises(MailSourceError):
        await poll_once(source, deps, messenger, NOW)
    assert database.store.cursors == {}
    source.down = False
    assert [o.status for o in await poll_once(source, deps, messenger, NOW)] == [Status.LOGGED]


async def test_the_notice_says_when_the_senders_organisation_is_new_to_the_directory(
    deps: JobDeps,
) -> None:
    source, messenger = FakeMailSource(), FakeMessenger()
    source.deliver(
        query("q1@wlga.gov.uk", sender="Rhian Price <rhian.price@wlga.gov.uk>"),
        query("q2@wyre.gov.uk", sender="Ann Lee <ann.lee@wyre.gov.uk>"),
    )
    first, second = await poll_once(source, deps, messenger, NOW)
    assert (first.new_organisation, second.new_organisation) == (False, True)
    known, wyre = (post.text.splitlines() for post in messenger.team_posts)
    assert "Organisation: Welsh Local Government Association (Local Government)" in known
    [organisation] = [line for line in wyre if line.startswith("Organisation:")]
    assert organisation.endswith("new to the directory)")
    assert organisation.startswith(f"Organisation: {second.organisation} (")

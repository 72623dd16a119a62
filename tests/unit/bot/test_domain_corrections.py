"""Corrections that stay where they belong, as transcripts over fakes: correcting one inbox
query changes that query; teaching the directory a domain is its own explicit step, refused
for the team's own domain, free mail and shared domains; and a placeholder entry is replaced,
never left behind as "not heard from".

Issue 15's case first: a team member forwarded a query as an attachment, so it was logged
from the team's own domain; correcting its organisation must not teach the directory that the
team's domain belongs to the forwarded organisation."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from bot.commands import builtin_router
from bot.core import BotCore
from bot.turn import Deps
from commplan.inbox import InboundEmail
from commplan.queries import InboxQuery
from commplan.ranking import StandardsIndex
from commplan.records.standards import standards_from_table
from commplan.sample import load_sample, standards_table
from commplan.services.intake import Arrival, Intake, ingest
from commplan.services.seeding import seed
from tests.conftest import LONDON, HeldClock
from tests.fakes import FakeDatabase
from tests.unit.bot.transcript import Chat, assert_dialog

NOW = datetime(2026, 9, 10, 10, 0, tzinfo=LONDON)
ONS = "Office for National Statistics"
TEAM_EMAILS = {
    "Becki Aquilina": "becki.aquilina@ons.gov.uk",
    "Palvi Shah": "palvi.shah@ons.gov.uk",
}


@pytest.fixture(scope="module")
def index() -> StandardsIndex:
    return StandardsIndex.build(standards_from_table(standards_table()))


@pytest.fixture
def database() -> FakeDatabase:
    database = FakeDatabase()
    seed(database(), load_sample(2026), at=NOW)
    with database() as uow:
        for name, email in TEAM_EMAILS.items():
            person = uow.people.get(name)
            assert person is not None
            uow.people.save(replace(person, email=email))
        uow.commit()
    return database


@pytest.fixture
def bot(database: FakeDatabase, index: StandardsIndex) -> BotCore:
    return BotCore(
        Deps(uow=database, clock=HeldClock(NOW), standards=lambda: index), builtin_router()
    )


def arrive(
    database: FakeDatabase, index: StandardsIndex, *emails: tuple[str, str, str]
) -> list[InboxQuery]:
    """Mail into the inbox: (sender, subject, words) each; the queries logged."""
    intake = Intake(standards=index, team_addresses=frozenset(), now=lambda: NOW)
    arrivals = [
        Arrival(
            source=f"test:{i}",
            email=InboundEmail(
                message_id=f"<{sender.replace('@', '.')}.{i}.{subject[:8]}@mail.example>",
                sender_name=sender.split("@")[0].replace(".", " ").title(),
                sender_email=sender,
                subject=subject,
                text=words,
                sent_at=NOW - timedelta(hours=len(emails) - i),
            ),
        )
        for i, (sender, subject, words) in enumerate(emails)
    ]
    outcomes = list(ingest(database, arrivals, intake))
    queries = [o.query for o in outcomes]
    assert all(q is not None for q in queries), outcomes
    return [q for q in queries if q is not None]


def quiet(chat: Chat) -> list[str]:
    """The organisations "who has gone quiet" reports, never heard from ones included."""
    reply = chat.say("who has gone quiet")
    assert reply.intent == "gaps", reply.text
    names = reply.data["organisations"]
    assert isinstance(names, list) and names  # the directory has quiet organisations
    return [str(n) for n in names]


def directory_owner(database: FakeDatabase, domain: str) -> str:
    with database() as repos:
        found = repos.organisations.by_domain(domain)
    return found.name if found else ""


def test_correcting_a_query_from_the_teams_own_domain_never_teaches_the_domain(
    bot: BotCore, database: FakeDatabase, index: StandardsIndex
) -> None:
    # Forwarded as an attachment by a colleague at ONS: logged from ONS's own domain.
    (forwarded,) = arrive(
        database,
        index,
        (
            "sam.jones@ons.gov.uk",
            "Fw: Ethnicity question from Leeds",
            "Please could the team pick up the attached query about ethnicity categories?",
        ),
    )
    assert forwarded.organisation == ONS
    becki = Chat(bot=bot, name="Becki Aquilina", at=NOW)
    reply = becki.say(f"correct query {forwarded.ref} organisation Leeds City Council")
    assert "Corrected: Leeds City Council" in reply.text and "This query only" in reply.text
    assert "teach domain" not in reply.text  # never offered for the team's own domain
    assert_dialog(
        becki,
        [
            (
                "teach domain ons.gov.uk is Leeds City Council",
                r"ons.gov.uk is the team's own domain",
            ),
        ],
    )
    assert directory_owner(database, "ons.gov.uk") == ONS
    # The next message from anyone at ONS is still ONS's, not Leeds City Council's.
    (later,) = arrive(
        database, index, ("pete.brodie@ons.gov.uk", "Steering group papers", "Attached.")
    )
    assert later.organisation == ONS
    assert database.store.queries[forwarded.key].organisation == "Leeds City Council"


def test_free_mail_and_shared_domains_are_never_taught(bot: BotCore) -> None:
    assert_dialog(
        Chat(bot=bot, name="Palvi Shah", at=NOW),
        [
            ("teach domain gmail.com is Leeds City Council", r"gmail.com is a free-mail provider"),
            (
                "teach domain nhs.net is Leeds Teaching Hospitals NHS Trust",
                r"nhs.net is shared by many organisations",
            ),
            ("teach domain example.org.uk is Example Trust", r"harmonisation team|From now on"),
        ],
    )


def test_a_domain_whose_mail_is_filed_under_several_organisations_is_refused(
    bot: BotCore, database: FakeDatabase, index: StandardsIndex
) -> None:
    first, second = arrive(
        database,
        index,
        ("ann@shared-services.example", "Tenure", "Do people own or rent their home?"),
        ("bob@shared-services.example", "Ethnicity", "Which ethnicity question should we use?"),
    )
    palvi = Chat(bot=bot, name="Palvi Shah", at=NOW)
    assert_dialog(
        palvi,
        [
            (f"correct query {first.ref} organisation Leeds City Council", r"Corrected"),
            (f"correct query {second.ref} organisation Bradford Council", r"Corrected"),
            (
                "teach domain shared-services.example is Leeds City Council",
                r"already filed under other organisations \(Bradford",
            ),
        ],
    )
    assert directory_owner(database, "shared-services.example") == ""


def test_teaching_a_domain_replaces_its_placeholder_and_files_later_mail(
    bot: BotCore, database: FakeDatabase, index: StandardsIndex
) -> None:
    first, second = arrive(
        database,
        index,
        ("sam@parish.example.org", "Renting", "Do people own or rent their home?"),
        ("jo@parish.example.org", "Carers", "How should we ask about unpaid care?"),
    )
    assert first.organisation == second.organisation == "parish.example.org"
    palvi = Chat(bot=bot, name="Palvi Shah", at=NOW)
    assert_dialog(
        palvi,
        [
            (
                f"correct query {first.ref} organisation Little Snoring Parish Council",
                r"This query only.*'teach domain parish.example.org is Little Snoring Parish",
            ),
            (
                "teach domain parish.example.org is Little Snoring Parish Council",
                (
                    r"From now on, mail from parish.example.org is filed under Little Snoring "
                    r"Parish Council \(Local Government\).*1 contact filed under "
                    r"parish.example.org moved"
                ),
            ),
        ],
    )
    assert "parish.example.org" not in quiet(palvi)
    assert "parish.example.org" not in database.store.organisations
    assert database.store.queries[second.key].organisation == "Little Snoring Parish Council"
    (later,) = arrive(database, index, ("clerk@parish.example.org", "Census", "Thanks."))
    assert later.organisation == "Little Snoring Parish Council"


def test_a_corrected_query_that_leaves_a_placeholder_unused_removes_it(
    bot: BotCore, database: FakeDatabase, index: StandardsIndex
) -> None:
    (query,) = arrive(
        database, index, ("kim@quiet-trust.example", "Religion", "Which religion question?")
    )
    assert "quiet-trust.example" in database.store.organisations
    said = Chat(bot=bot, name="Palvi Shah", at=NOW).say(
        f"correct query {query.ref} organisation Quiet Trust"
    )
    assert "Corrected: Quiet Trust" in said.text
    assert "quiet-trust.example" not in database.store.organisations
    assert "quiet-trust.example" not in quiet(Chat(bot=bot, name="Palvi Shah", at=NOW))


def test_correct_query_topic_none_clears_the_topic(
    bot: BotCore, database: FakeDatabase, index: StandardsIndex
) -> None:
    (query,) = arrive(
        database, index, ("sam@parish.example.org", "Renting", "Do people own or rent?")
    )
    assert query.standard
    assert_dialog(
        Chat(bot=bot, name="Palvi Shah", at=NOW),
        [(f"correct query {query.ref} topic none", r"topic none")],
    )
    assert database.store.queries[query.key].standard == ""
    assert database.store.contacts[f"mail:{query.key}"].standard == ""

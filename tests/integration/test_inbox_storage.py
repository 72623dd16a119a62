"""The inbox over the real storage (SQLite and PostgreSQL): long Message-IDs, archives logged
closed, the team roster's own mail, and the guided correction pressed through to the rows."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP

import pytest

from adapters.email.parse import arrivals
from bot.commands import builtin_router
from bot.core import BotCore
from bot.turn import Deps
from bot.views.inbox import new_query_reply
from commplan.inbox import message_key
from commplan.organisations import OrgType
from commplan.people import Person, Role
from commplan.ports import UnitOfWorkFactory
from commplan.queries import QueryState
from commplan.ranking import StandardsIndex
from commplan.records.standards import standards_from_table
from commplan.sample import load_sample, standards_table
from commplan.services.intake import Intake, Outcome, Status, ingest
from commplan.services.seeding import seed
from tests.conftest import LONDON, HeldClock
from tests.unit.bot.transcript import Chat, assert_dialog

NOW = datetime(2026, 9, 10, 10, 0, tzinfo=LONDON)
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


@pytest.fixture(scope="module")
def index() -> StandardsIndex:
    return StandardsIndex.build(standards_from_table(standards_table()))


@dataclass(frozen=True)
class Mailroom:
    """A seeded database and what logging mail into it needs."""

    uow: UnitOfWorkFactory
    intake: Mailroom

    def ingest(self, messages: list[tuple[str, bytes]], *, archived: bool = False) -> list[Outcome]:
        intake = replace(self.intake, archived=archived)
        return list(ingest(self.uow, arrivals(messages), intake))


@pytest.fixture
def intake(uow_factory: UnitOfWorkFactory, index: StandardsIndex) -> Mailroom:
    seed(uow_factory(), load_sample(2026), at=NOW)
    return Mailroom(
        uow=uow_factory,
        intake=Intake(standards=index, team_addresses=frozenset({TEAM}), now=lambda: NOW),
    )


def test_a_400_character_message_id_is_logged_once_then_a_duplicate(intake: Mailroom) -> None:
    long_id = "x" * 380 + "@mail.example.org"
    raw = message(long_id, "Jo <jo@leeds.gov.uk>", "Tenure categories", "Owned outright?")
    first = intake.ingest([("a.eml", raw)])
    second = intake.ingest([("a.eml", raw)])
    assert [o.status for o in first] == [Status.LOGGED]
    assert [(o.status, o.reason) for o in second] == [(Status.DUPLICATE, "already logged")]
    key = message_key(long_id)
    assert key.startswith("sha256:") and len(key) < 100 and key == message_key(long_id)
    with intake.uow() as uow:
        query = uow.queries.get(key)
        assert query is not None and query.standard == "Tenure harmonised standard"
        assert uow.contacts.get(f"mail:{key}") is not None
    # The team's reply names the long id in In-Reply-To and still finds its query.
    # (Written by hand: the stdlib would fold a 400-character header into encoded words.)
    reply = (
        f"From: {TEAM}\r\nSubject: Re: Tenure\r\nMessage-ID: <r@ons.gov.uk>\r\n"
        f"In-Reply-To: <{long_id}>\r\nReferences: <{long_id}>\r\n\r\nYes.\r\n"
    ).encode()
    assert "answered" in intake.ingest([("r.eml", reply)])[0].reason
    with intake.uow() as uow:
        answered = uow.queries.get(key)
        assert answered is not None and answered.state is QueryState.ANSWERED


def test_an_archive_is_logged_closed_and_a_live_poll_open(intake: Mailroom) -> None:
    old = message("old@leeds.gov.uk", "Jo <jo@leeds.gov.uk>", "Ethnicity", "Which one?")
    new = message("new@leeds.gov.uk", "Jo <jo@leeds.gov.uk>", "Religion", "Which one?")
    archived = intake.ingest([("old.mbox#1", old)], archived=True)
    assert [(o.status, o.reason) for o in archived] == [
        (Status.LOGGED, "imported from an archive: query closed")
    ]
    intake.ingest([("imap:1:1", new)])
    with intake.uow() as uow:
        assert [q.key for q in uow.queries.open()] == ["new@leeds.gov.uk"]
        closed = uow.queries.get("old@leeds.gov.uk")
        assert closed is not None and closed.state is QueryState.CLOSED
        assert len(uow.contacts.all()) == 2  # both count in the baseline


def test_mail_from_a_team_member_on_the_roster_is_the_teams(intake: Mailroom) -> None:
    with intake.uow() as uow:
        palvi = uow.people.get("Palvi Shah")
        assert palvi is not None and palvi.role.is_team
        uow.people.save(replace(palvi, email="palvi.shah@ons.gov.uk"))
        uow.people.add(Person(name="Ann Member", email="ann@ons.gov.uk", role=Role.MEMBER))
        uow.commit()
    query = message("q@gla.ac.uk", "Ewan <ewan@gla.ac.uk>", "Tenure", "Owned outright?")
    reply = message(
        "r@ons.gov.uk",
        "Palvi <Palvi.Shah@ons.gov.uk>",
        "Re: Tenure",
        "Yes.",
        reply_to="q@gla.ac.uk",
    )
    member = message("m@ons.gov.uk", "Ann <ann@ons.gov.uk>", "Religion", "Which question?")
    outcomes = intake.ingest([("1", query), ("2", reply), ("3", member)])
    assert [o.status for o in outcomes] == [Status.LOGGED, Status.SKIPPED, Status.LOGGED]
    assert outcomes[1].reason == "reply from the team: query q@gla.ac.uk answered"
    with intake.uow() as uow:
        assert {c.email for c in uow.contacts.all()} == {"ewan@gla.ac.uk", "ann@ons.gov.uk"}


def test_the_guided_correction_reaches_the_rows_and_teaching_the_directory(
    intake: Mailroom, index: StandardsIndex
) -> None:
    raw = message("q2@parish.example.org", "Sam <sam@parish.example.org>", "Renting", "Rent?")
    (outcome,) = intake.ingest([("a.eml", raw)])
    assert outcome.query is not None
    bot = BotCore(
        Deps(uow=intake.uow, clock=HeldClock(NOW), standards=lambda: index), builtin_router()
    )
    palvi = Chat(bot=bot, name="Palvi Shah", at=NOW)
    palvi.replies.append(new_query_reply(outcome.query, index))
    assert_dialog(
        palvi,
        [
            ("[Correct]", r"Organisation: parish.example.org"),
            ("[Organisation]", r"Type its name"),
            # a new name takes its pattern's type and group: a parish council is local
            (
                "Little Snoring Parish Council",
                r"Corrected: Little Snoring Parish Council \(Local Government, Sub national",
            ),
            ("[Type]", r"pick the right one"),
            ("[Local Government]", r"\(Local Government[,)]"),
        ],
    )
    with intake.uow() as uow:
        query = uow.queries.get("q2@parish.example.org")
        assert query is not None and query.org_type is OrgType.LOCAL_GOVERNMENT
        contact = uow.contacts.get("mail:q2@parish.example.org")
        assert contact is not None and contact.organisation == "Little Snoring Parish Council"
        # One query corrected: the domain is not taught, and its unused placeholder is gone.
        assert uow.organisations.by_domain("parish.example.org") is None
        assert uow.organisations.get("parish.example.org") is None
    assert_dialog(
        palvi,
        [
            (
                "teach domain parish.example.org is Little Snoring Parish Council",
                r"From now on, mail from parish.example.org is filed under Little Snoring",
            )
        ],
    )
    with intake.uow() as uow:
        learnt = uow.organisations.get("Little Snoring Parish Council")
        assert learnt is not None and "parish.example.org" in learnt.domains
    # The next message from that domain is classified by what the team taught.
    again = message("q3@parish.example.org", "Kim <kim@parish.example.org>", "Care", "Carers?")
    (next_outcome,) = intake.ingest([("b.eml", again)])
    assert (next_outcome.organisation, next_outcome.org_type) == (
        "Little Snoring Parish Council",
        "Local Government",
    )

"""A query the team forwards to the inbox is the original writer's: Gmail's and Outlook's inline
forwards and a message forwarded as an attachment are logged against the person who wrote, with
their organisation and their own subject and words; the team member who passed it on is no
contact."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP

import pytest

from adapters.email.forwards import parse_date
from adapters.email.parse import parse_message
from commplan.inbox import Forwarded, InboundEmail
from commplan.ranking import StandardsIndex
from commplan.records.standards import standards_from_table
from commplan.sample import load_sample, standards_table
from commplan.services.intake import Arrival, Intake, Outcome, Status, ingest
from commplan.services.seeding import seed
from tests.conftest import LONDON
from tests.fakes import FakeDatabase

NOW = datetime(2026, 2, 25, 9, 0, tzinfo=LONDON)
TEAM = "harmonisation@ons.gov.uk"
INDEX = StandardsIndex.build(standards_from_table(standards_table()))
FORCES = "Harmonised standard for previous UK armed forces service"
SEX = "Sex harmonisation guidance"

GMAIL = """Logging this one from the LARIA session - she asked me to pass it on.

---------- Forwarded message ---------
From: Joanne Kirby <joanne.kirby@liverpool.gov.uk>
Date: Fri, 13 Feb 2026 at 15:31
Subject: Armed forces question on housing register
To: Charlie Wroth-Smith <charlie.wroth-smith@ons.gov.uk>


Hi Charlie,

We need to identify housing applicants who have previously served in the UK armed forces.
Is there a harmonised question for this?

Thanks,
Joanne

Joanne Kirby
Housing Strategy Officer, Liverpool City Council
"""

OUTLOOK = """Not sure this is one for us but logging it anyway.

________________________________
From: Okonjo, Helen [mailto:h.okonjo@theguardian.com]
Sent: 17 February 2026 18:22
To: Press Office <press.office@ons.gov.uk>
Subject: Press query: sex question after the Supreme Court ruling

Hi,

Could you tell me the GSS's current guidance on asking about sex?

Many thanks,
Helen
"""

ORIGINAL = "-----Original Message-----\n" + OUTLOOK.split("________________________________\n")[1]


def mail(sender: str, subject: str, body: str, *, attach: EmailMessage | None = None) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = TEAM
    message["Subject"] = subject
    message["Date"] = "Wed, 25 Feb 2026 08:30:00 +0000"
    message["Message-ID"] = f"<{abs(hash((sender, subject, body)))}@ons.gov.uk>"
    message.set_content(body)
    if attach is not None:
        message.add_attachment(attach)  # message/rfc822: Outlook's "forward as attachment"
    return message.as_bytes(policy=SMTP)


def attached_original() -> EmailMessage:
    inner = EmailMessage()
    inner["From"] = "Oliver Grant <oliver.grant@kantar.com>"
    inner["To"] = "Palvi Shah <palvi.shah@ons.gov.uk>"
    inner["Subject"] = "Marital and civil partnership status categories"
    inner["Date"] = "Fri, 20 Feb 2026 10:44:00 +0000"
    inner.set_content(
        "Hi Palvi,\n\nCould you confirm the harmonised categories for legal marital or civil "
        "partnership status?\n\nThanks,\nOliver"
    )
    return inner


def test_a_gmail_forward_names_its_writer_date_and_subject() -> None:
    email = parse_message(mail("Charlie <charlie.wroth-smith@ons.gov.uk>", "Fwd: Armed", GMAIL))
    [original] = email.forwarded
    assert (original.sender_name, original.sender_email) == (
        "Joanne Kirby",
        "joanne.kirby@liverpool.gov.uk",
    )
    assert original.subject == "Armed forces question on housing register"
    assert original.sent_at == datetime(2026, 2, 13, 15, 31, tzinfo=UTC)
    assert original.text.startswith("Hi Charlie,")


@pytest.mark.parametrize("body", [OUTLOOK, ORIGINAL], ids=["underscores", "original-message"])
def test_an_outlook_forward_is_read_when_the_subject_says_fw(body: str) -> None:
    email = parse_message(mail("Becki <becki.aquilina@ons.gov.uk>", "FW: Press query", body))
    [original] = email.forwarded
    assert (original.sender_name, original.sender_email) == (
        "Okonjo, Helen",
        "h.okonjo@theguardian.com",
    )
    assert original.sent_at == datetime(2026, 2, 17, 18, 22, tzinfo=UTC)
    # the same quoted block under a reply's subject is the thread, not a forward
    reply = parse_message(mail("Becki <becki.aquilina@ons.gov.uk>", "RE: Press query", body))
    assert reply.forwarded == ()


@pytest.mark.parametrize(
    ("subject", "body", "sender"),
    [
        (
            "WG: Ethnie",
            (
                "Bitte ansehen.\n\n-----Ursprüngliche Nachricht-----\nVon: Hans Müller "
                "<hans@destatis.de>\nGesendet: Montag, 12. Januar 2026 09:41\nAn: Team\n"
                "Betreff: Ethnie\n\nGibt es einen Standard?"
            ),
            "hans@destatis.de",
        ),
        (
            "Tr: Question",
            (
                "Voir ci-dessous.\n\n-------- Message transféré --------\nSujet : Question\n"
                "Date : Mon, 12 Jan 2026 09:41:00 +0100\nDe : Marie Curie <marie@insee.fr>\n"
                "Pour : team\nRépondre à : x\n\nBonjour, une question."
            ),
            "marie@insee.fr",
        ),
    ],
    ids=["outlook-german", "thunderbird-french"],
)
def test_forwards_in_other_languages_are_read(subject: str, body: str, sender: str) -> None:
    [original] = parse_message(mail("Palvi <palvi.shah@ons.gov.uk>", subject, body)).forwarded
    assert original.sender_email == sender
    assert original.text.split("\n")[-1] in ("Gibt es einen Standard?", "Bonjour, une question.")


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Fri, 13 Feb 2026 at 15:31", datetime(2026, 2, 13, 15, 31, tzinfo=UTC)),
        ("Tuesday, February 24, 2026 2:02 PM", datetime(2026, 2, 24, 14, 2, tzinfo=UTC)),
        ("24/02/2026 14:02", datetime(2026, 2, 24, 14, 2, tzinfo=UTC)),
        ("Mon, 12 Jan 2026 09:41:00 +0000", datetime(2026, 1, 12, 9, 41, tzinfo=UTC)),
        # a guess past a foreign month name could land on the wrong day: none is made
        ("Montag, 12. Januar 2026 09:41", None),
        ("not a date", None),
    ],
)
def test_a_forwarded_date_is_read_only_when_it_is_plain(
    written: str, read: datetime | None
) -> None:
    assert parse_date(written, None) == read


def test_a_message_forwarded_as_an_attachment_is_read_whole() -> None:
    raw = mail(
        "Palvi Shah <palvi.shah@ons.gov.uk>",
        "FW: Marital",
        "Forwarding as an attachment for the log.",
        attach=attached_original(),
    )
    email = parse_message(raw)
    [original] = email.forwarded
    assert (original.sender_email, original.subject) == (
        "oliver.grant@kantar.com",
        "Marital and civil partnership status categories",
    )
    assert "civil partnership status" in original.text
    assert "civil partnership" not in email.text  # the attachment is not the forwarder's text


def test_a_forward_of_a_forward_lists_both_outermost_first() -> None:
    body = (
        "FYI\n\n---------- Forwarded message ---------\nFrom: Press Office "
        "<press.office@ons.gov.uk>\nDate: Tue, 17 Feb 2026 at 19:00\nSubject: Fwd: Press query"
        "\nTo: Palvi Shah <palvi.shah@ons.gov.uk>\n\nOne for you.\n\n" + "-" * 10 + " Forwarded "
        "message " + "-" * 9 + "\nFrom: Helen Okonjo <h.okonjo@theguardian.com>\nDate: Tue, 17 "
        "Feb 2026 at 18:22\nSubject: Press query\nTo: <press.office@ons.gov.uk>\n\nHi, is there "
        "guidance on asking about sex?\n"
    )
    email = parse_message(mail("Palvi Shah <palvi.shah@ons.gov.uk>", "Fwd: Fwd: Press", body))
    assert [f.sender_email for f in email.forwarded] == [
        "press.office@ons.gov.uk",
        "h.okonjo@theguardian.com",
    ]


def logged(*raws: bytes, team: frozenset[str] = frozenset({TEAM})) -> list[Outcome]:
    return logged_emails(*(parse_message(raw) for raw in raws), team=team)


def logged_emails(*emails: InboundEmail, team: frozenset[str] = frozenset({TEAM})) -> list[Outcome]:
    """Each message through the intake; the contacts logged are the outcomes' senders only."""
    database = FakeDatabase()
    seed(database(), load_sample(2026), at=NOW)
    arrivals = [Arrival(source=f"m{n}", email=email) for n, email in enumerate(emails)]
    intake = Intake(standards=INDEX, team_addresses=team, now=lambda: NOW)
    outcomes = list(ingest(database, arrivals, intake))
    contacts = database.store.contacts.values()
    assert sorted(c.email for c in contacts) == sorted(o.sender for o in outcomes if o.query)
    return outcomes


def test_a_team_forward_is_logged_against_the_person_who_wrote() -> None:
    [gmail, outlook, attached] = logged(
        mail("Charlie <charlie.wroth-smith@ons.gov.uk>", "Fwd: Armed forces", GMAIL),
        mail("Becki <becki.aquilina@ons.gov.uk>", "FW: Press query", OUTLOOK),
        mail("Palvi <palvi.shah@ons.gov.uk>", "FW: Marital", "Log", attach=attached_original()),
    )
    assert (gmail.status, gmail.sender, gmail.org_type, gmail.standard) == (
        Status.LOGGED,
        "joanne.kirby@liverpool.gov.uk",
        "Local Government",
        FORCES,
    )
    assert gmail.reason == "forwarded by charlie.wroth-smith@ons.gov.uk"
    assert gmail.query is not None
    assert (gmail.query.sender_name, gmail.query.subject) == (
        "Joanne Kirby",
        "Armed forces question on housing register",
    )
    assert (outlook.sender, outlook.organisation, outlook.org_type, outlook.standard) == (
        "h.okonjo@theguardian.com",
        "The Guardian",
        "Media",
        SEX,
    )
    assert (attached.sender, attached.org_type) == (
        "oliver.grant@kantar.com",
        "Private/commercial organisation",
    )
    assert attached.standard == "Demographic information harmonised principle"


def test_the_contact_is_dated_when_the_original_was_written() -> None:
    database = FakeDatabase()
    seed(database(), load_sample(2026), at=NOW)
    email = parse_message(mail("Charlie <charlie.wroth-smith@ons.gov.uk>", "Fwd: Armed", GMAIL))
    intake = Intake(standards=INDEX, team_addresses=frozenset({TEAM}), now=lambda: NOW)
    list(ingest(database, [Arrival(source="m", email=email)], intake))
    [contact] = database.store.contacts.values()
    assert (contact.name, contact.on.isoformat()) == ("Joanne Kirby", "2026-02-13")


def test_a_forward_from_outside_the_team_is_the_forwarders_own_query() -> None:
    [outcome] = logged(mail("Sam Lee <sam.lee@leeds.gov.uk>", "Fwd: Armed forces", GMAIL))
    assert (outcome.status, outcome.sender, outcome.reason) == (
        Status.LOGGED,
        "sam.lee@leeds.gov.uk",
        "",
    )


def test_the_team_forwarding_the_teams_own_mail_logs_nothing() -> None:
    body = GMAIL.replace("Joanne Kirby <joanne.kirby@liverpool.gov.uk>", f"Team <{TEAM}>")
    team = frozenset({TEAM, "charlie.wroth-smith@ons.gov.uk"})
    [outcome] = logged(mail("Charlie <charlie.wroth-smith@ons.gov.uk>", "Fwd: x", body), team=team)
    assert (outcome.status, outcome.reason) == (Status.SKIPPED, "from the team's own address")


def test_a_relayed_forward_of_a_forward_is_logged_against_the_outside_writer() -> None:
    relay = InboundEmail(
        message_id="relay@ons.gov.uk",
        sender_name="Palvi Shah",
        sender_email="palvi.shah@ons.gov.uk",
        subject="Fwd: Fwd: Press query",
        text="FYI",
        forwarded=(
            Forwarded(sender_email="press.office@ons.gov.uk", text="One for you."),
            Forwarded(
                sender_name="Helen Okonjo",
                sender_email="h.okonjo@theguardian.com",
                subject="Press query",
                text="Is there guidance on asking about sex?",
            ),
        ),
    )
    [outcome] = logged_emails(relay)
    assert (outcome.sender, outcome.org_type, outcome.standard) == (
        "h.okonjo@theguardian.com",
        "Media",
        SEX,
    )


def test_the_team_passing_on_a_query_the_inbox_has_logs_no_second_one() -> None:
    asked = InboundEmail(
        message_id="q1@liverpool.gov.uk",
        sender_name="Joanne Kirby",
        sender_email="joanne.kirby@liverpool.gov.uk",
        subject="Armed forces question",
        text="Is there a harmonised question on previous service in the UK armed forces?",
    )
    passed_on = replace(
        parse_message(mail("Charlie <charlie.wroth-smith@ons.gov.uk>", "Fwd: Armed", GMAIL)),
        references=("q1@liverpool.gov.uk",),
    )
    first, second = logged_emails(asked, passed_on)
    assert first.status is Status.LOGGED
    assert (second.status, second.reason) == (
        Status.SKIPPED,
        "forward of query q1@liverpool.gov.uk, already logged",
    )


def test_a_body_of_header_lines_costs_little() -> None:
    body = "From: a@b.org\nTo: c@d.org\n" * 5_000
    started = time.perf_counter()
    email = parse_message(mail("Palvi <palvi.shah@ons.gov.uk>", "FW: spam", body))
    assert time.perf_counter() - started < 2.0
    assert len(email.forwarded) <= 5

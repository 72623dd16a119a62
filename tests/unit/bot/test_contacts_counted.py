"""Contacts as the team counts them, as transcripts: one contact per conversation with the
best topic of the thread, the team and the steering group never counted as users, and a
reported contact's day, direction, channel and topic read wherever they are said.

The sample bot lives on Monday 6 July 2026."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from bot.core import BotCore
from commplan.contacts import Channel, Direction
from commplan.inbox import Forwarded, InboundEmail
from commplan.ranking import StandardsIndex
from commplan.services.intake import Arrival, Intake, ingest
from tests.fakes import FakeDatabase
from tests.unit.bot.sample_bot import NOW
from tests.unit.bot.transcript import Chat, assert_dialog

ETHNICITY = "Ethnicity harmonised standard"


def test_a_question_and_its_follow_ups_the_same_day_are_one_contact_about_the_question(
    bot: BotCore, database: FakeDatabase
) -> None:
    morag = Chat(bot=bot, name="Morag Fintry", at=NOW)
    morag.say("Which standard covers ethnicity?", message_id="m1")
    morag.say("what about in Scotland?", message_id="m2")
    morag.say("and is there one for national identity too?", message_id="m3")
    morag.say("thanks, that's great", message_id="m4")
    (contact,) = database.store.contacts.values()
    assert contact.name == "Morag Fintry" and contact.channel is Channel.CHAT
    assert contact.standard == ETHNICITY  # a follow-up never takes over the thread's topic
    assert "ethnicity" in contact.summary and "national identity" in contact.summary

    # The next working day is another conversation, and another contact.
    tomorrow = replace(morag, at=NOW + timedelta(days=1))
    tomorrow.say("how do we ask whether people rent or own their home?", message_id="m5")
    later = sorted(database.store.contacts.values(), key=lambda c: c.on)
    assert [(c.on, c.standard) for c in later] == [
        (date(2026, 7, 6), ETHNICITY),
        (date(2026, 7, 7), "Tenure harmonised standard"),
    ]


def test_a_thread_that_starts_unsure_takes_the_topic_it_settles_on(
    bot: BotCore, database: FakeDatabase
) -> None:
    guest = Chat(bot=bot, name="Ravi Menon", at=NOW)
    guest.say("which standard covers pet ownership?", message_id="g1")
    guest.say("which standard covers unpaid care?", message_id="g2")
    (contact,) = database.store.contacts.values()
    assert contact.standard == "Unpaid care harmonised standard"


def test_the_team_and_the_steering_group_are_never_counted_as_users(
    bot: BotCore, database: FakeDatabase
) -> None:
    for name in ("Becki Aquilina", "Palvi Shah", "Jacqui Jones", "Sarah Martin", "Pete Brodie"):
        Chat(bot=bot, name=name, at=NOW).say("which standard covers religion", message_id=name)
    assert database.store.contacts == {}
    Chat(bot=bot, name="Andy Bates", at=NOW).say("which standard covers religion")
    assert [c.name for c in database.store.contacts.values()] == ["Andy Bates"]


def test_log_contact_takes_the_day_direction_and_topic_wherever_they_are_said(
    bot: BotCore, database: FakeDatabase
) -> None:
    becki = Chat(bot=bot, name="Becki Aquilina", at=NOW)
    assert_dialog(
        becki,
        [
            (
                (
                    "log contact: Jane Smith, Leeds City Council, asked about ethnicity at a "
                    "meeting yesterday"
                ),
                (
                    r"with Jane Smith .*on 5 July 2026.*Channel: meeting.*Direction: inbound"
                    r".*Topic: Ethnicity harmonised standard"
                ),
            ),
            (
                (
                    "log contact on 12 November: Sam Patel, Office for National Statistics, we "
                    "presented at their event on the sexual orientation standard"
                ),
                (
                    r"on 12 November 2025.*Channel: event.*Direction: outbound"
                    r".*Topic: Sexual orientation harmonised standard"
                ),
            ),
            (
                (
                    "log contact: Ann Lee, Leeds City Council, they emailed us about housing "
                    "tenure on Friday"
                ),
                r"on 3 July 2026.*Channel: inbox.*Direction: inbound.*Topic: Tenure",
            ),
            (
                (
                    "log contact: Tom Reid, Leeds City Council, outbound phone call about "
                    "unpaid care questions last Thursday"
                ),
                r"on 2 July 2026.*Channel: phone.*Direction: outbound.*Topic: Unpaid care",
            ),
            (
                "log contact: Kim Ode, Leeds City Council, asked about religion on 12 December",
                r"12 December 2025",
            ),
            (
                (
                    "log contact: Kim Ode, Leeds City Council, asked about religion on 12 December "
                    "2026"
                ),
                r"hasn't happened yet",
            ),
        ],
    )
    logged = {c.name: c for c in database.store.contacts.values()}
    assert logged["Sam Patel"].direction is Direction.OUTBOUND
    assert logged["Jane Smith"].summary == "asked about ethnicity at a meeting"
    assert len(logged) == 5


def test_mail_from_the_steering_group_is_not_a_contact_but_what_they_forward_is(
    database: FakeDatabase, index: StandardsIndex
) -> None:
    with database() as uow:
        sarah = uow.people.get("Sarah Martin")
        assert sarah is not None
        uow.people.save(replace(sarah, email="sarah.martin@gov.scot"))
        uow.commit()
    own = InboundEmail(
        message_id="<sg-1@gov.scot>",
        sender_name="Sarah Martin",
        sender_email="sarah.martin@gov.scot",
        subject="Papers for the next meeting",
        text="Which standard covers ethnicity in the census paper?",
        sent_at=NOW,
    )
    passed_on = replace(
        own,
        message_id="<sg-2@gov.scot>",
        subject="Fw: Tenure question",
        text="Could the team answer this one?",
        forwarded=(
            Forwarded(
                sender_name="Ann Lee",
                sender_email="ann.lee@fife.gov.uk",
                subject="Tenure question",
                text="Do you have a standard question on whether people rent or own?",
                sent_at=NOW - timedelta(days=1),
            ),
        ),
    )
    intake = Intake(standards=index, team_addresses=frozenset(), now=lambda: NOW)
    outcomes = list(
        ingest(
            database, [Arrival(source="a", email=own), Arrival(source="b", email=passed_on)], intake
        )
    )
    assert [o.status.value for o in outcomes] == ["skipped", "logged"]
    assert "steering group" in outcomes[0].reason
    assert [c.name for c in database.store.contacts.values()] == ["Ann Lee"]


def test_a_standard_the_asker_picks_from_the_choices_becomes_the_conversations_topic(
    bot: BotCore, database: FakeDatabase
) -> None:
    morag = Chat(bot=bot, name="Morag Fintry", at=NOW)
    assert_dialog(
        morag,
        [
            ("which standard covers housing?", r"Not sure .* one of these"),
            ("[Tenure harmonised standard]", r"Tenure harmonised standard"),
        ],
    )
    (contact,) = database.store.contacts.values()
    assert contact.standard == "Tenure harmonised standard"

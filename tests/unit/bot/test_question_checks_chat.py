"""A member pastes a draft survey question and gets it checked against its standard, as a
transcript; each check is a contact with the standard it used."""

from __future__ import annotations

from bot.core import BotCore
from tests.fakes import FakeDatabase
from tests.unit.bot.sample_bot import NOW
from tests.unit.bot.transcript import Chat

ETHNICITY = "Ethnicity harmonised standard"


def test_a_pasted_question_with_shortened_categories_gets_each_difference(
    bot: BotCore, database: FakeDatabase
) -> None:
    morag = Chat(bot=bot, name="Morag Fintry", at=NOW)
    reply = morag.say(
        "Hi, could you check my question: What is your ethnic group?\n"
        "White\nBlack\nAsian\nMixed\nOther\nPrefer not to say",
        message_id="check-1",
    )
    assert reply.intent == "question_check"
    (check,) = reply.data["checks"]  # type: ignore[misc]
    assert check["standard"] == ETHNICITY
    kinds = [d["kind"] for d in check["differences"]]
    assert kinds.count("renamed_category") == 4 and "prefer_not_to_say" in kinds
    assert "\u201cMixed\u201d should read \u201cMixed or Multiple ethnic groups\u201d" in reply.text
    assert "The standard asks: \u201cWhat is your ethnic group?\u201d" in reply.text
    (contact,) = database.store.contacts.values()
    assert contact.standard == ETHNICITY and contact.name == "Morag Fintry"
    assert contact.summary.startswith("Question check: What is your ethnic group?")


def test_a_compliant_question_is_confirmed_and_a_retry_logs_no_second_contact(
    bot: BotCore, database: FakeDatabase
) -> None:
    morag = Chat(bot=bot, name="Morag Fintry", at=NOW)
    draft = (
        "check my question: How is your health in general? Very good / Good / Fair / Bad / Very bad"
    )
    first = morag.say(draft, message_id="check-2")
    assert "This follows the *General health harmonised standard*" in first.text
    morag.say(draft, message_id="check-2")  # the platform delivered it twice
    assert [c.standard for c in database.store.contacts.values()] == [
        "General health harmonised standard"
    ]


def test_several_questions_separated_by_blank_lines_are_each_checked(bot: BotCore) -> None:
    reply = Chat(bot=bot, name="Morag Fintry", at=NOW).say(
        "check my questions:\n\nWhat is your nationality? English / Welsh / Scottish / British\n\n"
        "What is your religion? No religion / Christian / Muslim / Other"
    )
    standards = [c["standard"] for c in reply.data["checks"]]  # type: ignore[union-attr]
    assert standards == ["National identity harmonised standard", "Religion harmonised standard"]
    assert "asks about something else" in reply.text  # nationality is not national identity


def test_the_team_checking_a_question_is_not_a_contact(
    bot: BotCore, database: FakeDatabase
) -> None:
    becki = Chat(bot=bot, name="Becki Aquilina", at=NOW)
    reply = becki.say("is this question compliant? What is your sex? Male / Female / Other")
    assert reply.data["checks"][0]["standard"] == "Sex harmonisation guidance"  # type: ignore[index]
    assert database.store.contacts == {}


def test_asking_to_check_without_a_question_says_how(bot: BotCore) -> None:
    reply = Chat(bot=bot, name="Morag Fintry", at=NOW).say("check my question")
    assert "Paste the question and its options" in reply.text

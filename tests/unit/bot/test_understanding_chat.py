"""Messages read for what they are: a post answered, an unsure choice, no standard, the plan,
and chatter, as transcripts."""

from __future__ import annotations

import pytest

from bot.core import BotCore
from commplan.questions import Feedback
from tests.fakes import FakeDatabase
from tests.unit.bot.sample_bot import NOW
from tests.unit.bot.transcript import Chat, assert_dialog


def outsider(bot: BotCore) -> Chat:
    """Somebody from outside the team: their standards questions are contacts."""
    return Chat(bot=bot, name="Morag Fintry", at=NOW)


def test_a_long_post_with_greeting_and_sign_off_gets_a_confident_answer(
    bot: BotCore, database: FakeDatabase
) -> None:
    post = (
        "Hi both, hope the week is treating you kindly. Our housing association is rewriting "
        "its annual tenants' questionnaire and we want to find out whether people rent or "
        "own their home. Which harmonised question should we be using for that? Is it still "
        "current? Many thanks, Morag"
    )
    reply = outsider(bot).say(post, message_id="post-1")
    assert reply.intent == "standard_answer"
    assert reply.data["answered"] is True
    assert reply.data["matches"][0]["name"] == "Tenure harmonised standard"  # type: ignore[index]
    assert "Confidence 9" in reply.text  # the calibrated confidence, 90% or more
    assert reply.text.index("Status") < reply.text.index("Read the standard")
    (question,) = database.store.questions.values()
    assert question.answered and question.best_match == "Tenure harmonised standard"
    (contact,) = database.store.contacts.values()
    assert contact.standard == "Tenure harmonised standard"
    assert "Hi both" not in contact.summary and "tenants" in contact.summary


def test_an_unsure_question_offers_choices_and_pressing_one_answers_it(
    bot: BotCore, database: FakeDatabase
) -> None:
    morag = outsider(bot)
    reply = morag.say("which standard covers identity?", message_id="job-1")
    assert reply.intent == "standard_unanswered" and reply.data["outcome"] == "unsure"
    assert "Not sure" in reply.text
    choices = [b.label for b in reply.buttons if b.action_id == "standard_choose"]
    assert 2 <= len(choices) <= 3
    chosen = morag.press("National identity harmonised standard")
    assert chosen.intent == "standard_answer"
    assert chosen.data["matches"][0]["name"] == "National identity harmonised standard"  # type: ignore[index]
    assert "You chose this one" in chosen.text
    question = database.store.questions[str(reply.data["question"])]
    assert question.answered and question.feedback is Feedback.HELPFUL
    assert question.best_match == "National identity harmonised standard"


@pytest.mark.parametrize(
    "message, topic",
    [
        ("intersex", "intersex"),
        ("Hello, is there anything on flooding? We survey residents after storms.", "flooding"),
    ],
)
def test_a_topic_the_catalogue_does_not_cover_is_never_answered(
    bot: BotCore, database: FakeDatabase, message: str, topic: str
) -> None:
    reply = outsider(bot).say(message, message_id=f"none-{topic}")
    assert reply.intent == "standard_unanswered" and reply.data["answered"] is False
    assert f"No harmonised standard covers \u201c{topic}" in reply.text
    assert "Pass it to the team" in [b.label for b in reply.buttons]
    assert [q.answered for q in database.store.questions.values()] == [False]


def test_who_owns_what_goes_to_the_plan_and_is_not_a_contact(
    bot: BotCore, database: FakeDatabase
) -> None:
    reply = outsider(bot).say("Morning! Quick one: who owns what in the comms plan?")
    assert reply.intent == "search_tactics"
    assert "Who owns what" in reply.text
    assert database.store.contacts == {} and database.store.questions == {}


def test_plan_questions_in_own_words_reach_the_plan_commands(bot: BotCore) -> None:
    assert_dialog(
        Chat(bot=bot, name="Becki Aquilina", at=NOW),
        [
            ("tactics owned by Pete Brodie", r"Open tactics owned by Pete Brodie"),
            ("search tactics for blog", r"Tactics mentioning .blog."),
            ("Hiya, what's due next week?", r"Due next week \(13 Jul to 17 Jul 2026\)"),
            ("what's due in March?", r"Due in March 2026"),
        ],
    )


def test_chatter_gets_a_friendly_reply_and_nonsense_a_list_of_what_i_do(bot: BotCore) -> None:
    morag = outsider(bot)
    hello = morag.say("good morning")
    assert hello.intent == "chatter" and hello.text.startswith("Hello!")
    assert "didn't understand" not in hello.text
    lost = morag.say("frobnicate the wibble")
    assert lost.intent == "unknown" and "I can tell you which harmonised standard" in lost.text


def test_a_long_thank_you_is_chatter_and_logs_nothing(bot: BotCore, database: FakeDatabase) -> None:
    reply = outsider(bot).say(
        "Hi all, just wanted to say a big thank you to everyone who came to the workshop on "
        "Tuesday. The feedback was really positive.",
        message_id="thanks-1",
    )
    assert reply.intent == "chatter"
    assert "didn't understand" not in reply.text
    assert database.store.questions == {} and database.store.contacts == {}


def test_a_post_that_names_a_colleague_then_says_she_gets_her_tactics(bot: BotCore) -> None:
    assert_dialog(
        Chat(bot=bot, name="Becki Aquilina", at=NOW),
        [
            (
                (
                    "Hi, Emma is on leave next week and I've said I'll keep an eye on her "
                    "work. Which tactics does she own so I know what to watch?"
                ),
                r"Open tactics owned by Emma",
            ),
        ],
    )


def test_a_long_post_asking_for_my_tactics_lists_them(bot: BotCore) -> None:
    reply = Chat(bot=bot, name="Palvi Shah", at=NOW).say(
        "Hello - Becki mentioned at the team meeting that some of the tactics were moved over "
        "to me after Pete changed role. Can you list the ones that are mine so I can plan my "
        "week?"
    )
    assert reply.intent == "my_tactics"
    assert "Palvi Shah" in reply.text or "Your" in reply.text

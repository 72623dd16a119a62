"""Long posts read sentence by sentence: the first thing asked is answered, whatever the
greetings, context, second questions and sign-offs around it, as transcripts."""

from __future__ import annotations

import pytest

from bot.core import BotCore
from tests.fakes import FakeDatabase
from tests.unit.bot.sample_bot import NOW
from tests.unit.bot.transcript import Chat, assert_dialog


def becki(bot: BotCore) -> Chat:
    return Chat(bot=bot, name="Becki Aquilina", at=NOW)


def test_the_first_of_two_plan_questions_is_the_one_answered(bot: BotCore) -> None:
    assert_dialog(
        becki(bot),
        [
            (
                (
                    "hello, Jacqui is off next week and I'm covering. Which tactics does she own? "
                    "Also what's due next week?"
                ),
                r"Open tactics owned by Jacqui",
            ),
            (
                (
                    "Good morning. For the quarterly report I need a high level picture. How is "
                    "the "
                    "comms plan going overall, and is anything overdue?"
                ),
                r"Plan 2026: \d+ tactics.*Q1 \(Jan-Mar\)",
            ),
        ],
    )


def test_a_request_with_why_it_is_asked_still_reaches_the_plan(bot: BotCore) -> None:
    assert_dialog(
        becki(bot),
        [
            (
                (
                    "Hi all, hope everyone had a good weekend. Pete's off sick today and I'm "
                    "covering "
                    "his bits for the SG papers. Could you pull up the tactics owned by Pete "
                    "Brodie "
                    "so I know what I'm picking up? ta"
                ),
                r"Open tactics owned by Pete Brodie",
            ),
            (
                (
                    "morning - steve's asked for a list of everything thats assigned to him so he "
                    "can prioritise. can u list tactics for Steve Ellerd-Elliott pls"
                ),
                r"Open tactics owned by Steve Ellerd-Elliott",
            ),
            (
                (
                    "Hello, I'm the new NHS liaison on the team. Could you tell me what Emma "
                    "Wright "
                    "is working on? I'd like to introduce myself."
                ),
                r"Open tactics owned by Emma Wright",
            ),
        ],
    )


def test_a_quarter_is_not_taken_for_a_person(bot: BotCore) -> None:
    reply = becki(bot).say(
        "Good morning, I'm preparing the Q4 review. Please list the tactics for Q4 - and are "
        "there any we've already finished?"
    )
    assert reply.intent != "tactics_owned_by"
    assert "Q4" in reply.text and "owned by Q4" not in reply.text


def test_a_forwarded_plan_question_is_read_when_the_post_points_at_it(bot: BotCore) -> None:
    reply = becki(bot).say(
        "Hi bot, can you do what Jacqui asks below please? Thanks\n\n"
        "---------- Forwarded message ---------\nFrom: Jacqui Jones\nSubject: SG prep\n\n"
        "Hi Becki, can someone pull the overdue tactics for Thursday's SG? Ta, J"
    )
    assert reply.intent == "overdue"


def test_a_formal_request_wrapped_in_gratitude_is_still_a_request(bot: BotCore) -> None:
    reply = becki(bot).say(
        "Dear harmonisation team,\n\nI am preparing the quarterly update for the Director "
        "General. I would be grateful if you could provide the list of tactics that are past "
        "their due date.\n\nKind regards,\nSteve Ellerd-Elliott"
    )
    assert reply.intent == "overdue"


@pytest.mark.parametrize(
    "post",
    [
        (
            "Congrats to the team on getting the wellbeing guidance published :tada: Really nice "
            "piece of work, and the Welsh translation was a lovely touch."
        ),
        (
            "Hello, I'm out of the office until Monday 8 December with limited access to email. "
            "For urgent queries please contact the harmonisation team inbox. Thanks, Siobhan"
        ),
        (
            "Just a heads up that the GSS website will be down for maintenance on Saturday. "
            "Nothing for you to do."
        ),
        (
            "Great session today everyone, thanks for the thoughtful questions on the income "
            "guidance."
        ),
        "sorry, ignore that last message, posted in the wrong thread! :see_no_evil:",
    ],
)
def test_news_thanks_and_out_of_office_are_chatter_and_log_nothing(
    bot: BotCore, database: FakeDatabase, post: str
) -> None:
    reply = Chat(bot=bot, name="Morag Fintry", at=NOW).say(post, message_id="chatter-1")
    assert reply.intent == "chatter"
    assert database.store.questions == {} and database.store.contacts == {}


def test_the_standard_asked_for_wins_over_the_ones_already_in_use(bot: BotCore) -> None:
    reply = Chat(bot=bot, name="Morag Fintry", at=NOW).say(
        "Hi, I'm at an NHS trust. Our staff survey asks sex using the harmonisation guidance "
        "and gender identity using the GSS standard. Is there also a harmonised question for "
        "sexual orientation? Many thanks, Dr P Shah",
        message_id="neighbours-1",
    )
    assert reply.intent == "standard_answer" and reply.data["answered"] is True
    assert reply.data["matches"][0]["name"] == "Sexual orientation harmonised standard"  # type: ignore[index]


def test_a_standards_question_near_a_commands_example_is_not_misunderstood(
    bot: BotCore,
) -> None:
    reply = Chat(bot=bot, name="Morag Fintry", at=NOW).say(
        "Is there a standard question on smoking?", message_id="smoking-1"
    )
    assert reply.intent == "standard_unanswered"
    assert "didn't understand" not in reply.text


def test_what_to_help_with_is_in_the_sentences_around_can_you_help(bot: BotCore) -> None:
    assert_dialog(
        becki(bot),
        [
            (
                (
                    "Hi there. I'm pulling together the quarterly report and need to know which "
                    "organisations we haven't heard from in a while. Can you help?"
                ),
                r"Not heard from in 90 days",
            ),
            (
                "Hi, where are we with tactic 12? Last I heard it was stuck. Thanks",
                r"Tactic 12: Contact the ONS lead",
            ),
            (
                # The plan says "GSS Conference", never "stand": the words it has are searched,
                # and "stand" is not found inside "understand".
                (
                    "Morning team, quick one from me. Who is leading on the GSS conference stand "
                    "this year? I'd like to offer some help."
                ),
                (
                    r"Tactics mentioning “gss conference”.*#9 Contact organisers of the GSS "
                    r"Conference.*#20 Organise presenters"
                ),
            ),
        ],
    )


def test_a_plan_question_in_words_no_rule_knows_still_reaches_the_plan(bot: BotCore) -> None:
    chat = becki(bot)
    reply = chat.say(
        "Hiya, prepping for Thursday's steering group and I'd like to flag anything that's "
        "gone past its deadline. Could you pull that together? Ta, J"
    )
    assert reply.intent == "overdue"
    reply = chat.say("Morning! what have we got landing in march? cheers")
    assert reply.intent == "due_in_month" and "March" in reply.text

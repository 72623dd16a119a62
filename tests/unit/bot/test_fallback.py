"""Messages no command matches: bare topics get the standards reply, gibberish gets help."""

from __future__ import annotations

import pytest

from bot.core import BotCore
from bot.router import Router, content_words
from commplan.ranking import StandardsIndex
from commplan.understanding import Outcome, decide_topic
from tests.fakes import FakeDatabase
from tests.unit.bot.sample_bot import NOW
from tests.unit.bot.transcript import Chat, assert_dialog


def chat(bot: BotCore) -> Chat:
    return Chat(bot=bot, name="Pete Brodie", at=NOW)


@pytest.mark.parametrize(
    "topic",
    [
        "looking after pets",
        "Christian Muslim Hindu Sikh categories",
    ],
)
def test_a_bare_topic_nothing_covers_gets_the_standards_reply(
    bot: BotCore, index: StandardsIndex, topic: str
) -> None:
    bare = chat(bot).say(topic, message_id="bare")
    asked = chat(bot).say(f"is there a standard for {topic}", message_id="asked")
    assert bare.intent == asked.intent == "standard_unanswered"
    assert bare.text == asked.text
    assert [b.label for b in bare.buttons] == ["Pass it to the team"]
    # The chat shows what the topic decision found, nearest first.
    decision = decide_topic(topic, index)
    assert bare.data["answered"] is False
    assert decision.outcome is not Outcome.CONFIDENT
    assert (
        [m["name"] for m in bare.data["matches"]]
        == [  # type: ignore[union-attr]
            m.standard.name for m in decision.matches[:3]
        ]
    )


def test_weak_candidates_are_offered_as_did_you_mean(bot: BotCore) -> None:
    assert_dialog(
        chat(bot),
        [
            (
                "looking after pets",
                (
                    r"No harmonised standard covers .looking after pets."
                    r".*Did you mean: Unpaid care harmonised standard"
                ),
            ),
            ("[Pass it to the team]", r"Passed .looking after pets. to the"),
            (
                "Christian Muslim Hindu Sikh categories",
                r"Did you mean: Religion harmonised standard",
            ),
        ],
    )


def test_gibberish_still_gets_didnt_understand(bot: BotCore) -> None:
    reply = chat(bot).say("frobnicate the wibble")
    assert reply.intent == "unknown"
    assert "didn't understand" in reply.text
    assert "Pass it to the team" not in reply.text
    assert reply.data["suggestion"] is None
    assert reply.buttons == ()


def test_chat_and_misspelt_commands_are_not_topics(bot: BotCore) -> None:
    assert_dialog(
        chat(bot),
        [
            ("thanks", r"Ask me any time"),
            ("my tacticz", r"Did you mean 'my tactics'"),
            ("whats overdew", r"Did you mean 'what's overdue'"),
        ],
    )


def test_chatter_is_never_kept_but_an_uncovered_topic_is(
    bot: BotCore, database: FakeDatabase
) -> None:
    pete = chat(bot)
    assert_dialog(
        pete,
        [
            ("good morning", r"^Hello!"),
            ("Thanks so much, have a lovely weekend!", r"Ask me any time"),
        ],
    )
    assert database.store.questions == {}
    assert_dialog(
        pete,
        [
            ("air pollution", r"No harmonised standard covers .air pollution."),
            ("[Pass it to the team]", r"Passed .air pollution. to the harmonisation team"),
        ],
    )
    assert [q.text for q in database.store.questions.values()] == ["air pollution"]


def test_nearest_never_suggests_a_button_only_command(bot: BotCore) -> None:
    router = bot.router
    typed = {c.name for c in router.commands if c.patterns}
    for text in (
        "frobnicate the wibble",
        "pass it to the team",
        "not what I needed",
        "helpful",
        "give it to the team",
    ):
        nearest = router.nearest(text)
        assert nearest is None or nearest.name in typed, (text, nearest and nearest.name)
    assert router.nearest("frobnicate the wibble") is None


def test_word_overlap_ignores_stop_words() -> None:
    assert content_words("frobnicate the wibble") == {"frobnicate", "wibble"}
    assert content_words("Pass it to the team") == {"pass", "team"}
    assert content_words("which standard covers <topic>") == {"standard", "covers"}


def test_word_overlap_still_finds_a_command_by_its_content_words(bot: BotCore) -> None:
    router: Router = bot.router
    nearest = router.nearest("contacts baseline please")
    assert nearest is not None and nearest.name == "baseline"

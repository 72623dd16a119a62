"""The topic decision: confident, unsure or none, with a confidence that means what it says."""

from __future__ import annotations

import pytest

from commplan.ranking import StandardsIndex
from commplan.understanding import Outcome, Source, decide_mail_topic, decide_topic, read
from tests.eval.catalogue import load_sample_standards

ETHNICITY = "Ethnicity harmonised standard"
CARE = "Unpaid care harmonised standard"
TENURE = "Tenure harmonised standard"
RELIGION = "Religion harmonised standard"
WELSH = "Welsh language skills harmonised standard"
FORCES = "Harmonised standard for previous UK armed forces service"


@pytest.fixture(scope="module")
def index() -> StandardsIndex:
    return StandardsIndex.build(load_sample_standards())


@pytest.mark.parametrize(
    "text",
    [
        "intersex",
        "flooding",
        "inflation",
        "house prices",
        "is there a standard for intersex?",
        "Hi team, is there a harmonised question on flooding? Thanks",
        "We're looking at cost of living. Is there a standard for inflation expectations?",
        "what's the harmonised standard for house prices?",
    ],
)
def test_topics_no_standard_covers_are_never_answered_confidently(
    index: StandardsIndex, text: str
) -> None:
    decision = decide_topic(text, index)
    assert decision.outcome is not Outcome.CONFIDENT
    assert decision.confidence < 0.9


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("intersex", "intersex"),
        ("Is there a GSS standard for smoking and vaping? Thanks", "smoking and vaping"),
        ("Hi, is there a harmonised question on problem debt?", "problem debt"),
        ("frobnicate the wibble", "frobnicate the wibble"),
    ],
)
def test_no_standard_names_what_was_asked(index: StandardsIndex, text: str, topic: str) -> None:
    decision = decide_topic(text, index)
    assert decision.outcome is Outcome.NONE
    assert decision.topic_text == topic
    assert decision.standard == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("which standard covers ethnicity", ETHNICITY),
        ("how do I ask about someone's faith or belief", RELIGION),
        (
            (
                "Hi team, hope you're well. We're redesigning our residents' survey and want to "
                "ask about caring. Which standard should we use? Is it still under review? "
                "Many thanks, Jo"
            ),
            CARE,
        ),
        (
            (
                "<@U0BOT> Morning all :wave:\n\nWe've already switched our staff survey to your "
                "ethnicity standard. Next on the list is whether people own or rent their home and "
                "who their landlord is. Is there a harmonised question for that?\n\nCheers\nSam"
            ),
            TENURE,
        ),
        (
            (
                "Hello, our council has to report how many staff can speak, read and write Welsh. "
                "Is there a standard set of questions?\n\nBest wishes\nElin Jones\nPolicy Officer"
            ),
            WELSH,
        ),
    ],
)
def test_clear_questions_are_answered_confidently(
    index: StandardsIndex, text: str, expected: str
) -> None:
    decision = decide_topic(text, index)
    assert decision.outcome is Outcome.CONFIDENT, decision
    assert decision.standard == expected
    assert decision.confidence >= 0.9
    assert decision.matches[0].standard.name == expected


def test_a_request_that_points_back_takes_its_topic_from_the_context(
    index: StandardsIndex,
) -> None:
    decision = decide_topic(
        "We're adding a section on caring responsibilities to our panel survey.\n"
        "Which standard applies to that?",
        index,
    )
    assert decision.standard == CARE
    assert decision.source is Source.CONTEXT


def test_an_unsure_decision_offers_two_or_three_entries(index: StandardsIndex) -> None:
    decision = decide_topic("owner occupeirs vs renters question?", index)
    assert decision.outcome is Outcome.UNSURE
    assert 2 <= len(decision.matches) <= 3
    names = {m.standard.name for m in decision.matches}
    assert {TENURE, "Housing costs and benefits harmonised principle"} <= names


def test_nothing_to_rank_is_none_with_no_topic(index: StandardsIndex) -> None:
    decision = decide_topic(read("thanks!"), index)
    assert decision.outcome is Outcome.NONE
    assert decision.topic_text == ""
    assert decision.matches == ()


def test_a_mail_takes_its_topic_from_the_body_before_the_subject(index: StandardsIndex) -> None:
    decision = decide_mail_topic(
        "Re: Ethnic group question",
        "Thanks, that helps. One more: is there a standard question on unpaid care for "
        "family members?",
        index,
    )
    assert decision.standard == CARE


def test_a_mail_that_points_back_takes_its_topic_from_the_subject(index: StandardsIndex) -> None:
    decision = decide_mail_topic(
        "Veterans question", "Good morning,\n\nIs there a harmonised version of this?", index
    )
    assert decision.likely == FORCES
    assert decision.source is Source.SUBJECT


def test_a_mail_with_nothing_but_thanks_is_read_from_its_subject(index: StandardsIndex) -> None:
    decision = decide_mail_topic("Religion categories", "Thanks!\n\nKim", index)
    assert decision.likely == RELIGION


def test_a_mail_on_a_topic_nobody_covers_records_no_standard(index: StandardsIndex) -> None:
    decision = decide_mail_topic(
        "Smoking question", "Dear colleagues,\n\nDo you have a standard on e-cigarettes?", index
    )
    assert decision.likely == ""
    assert decision.outcome is Outcome.NONE


def test_confidence_and_coverage_are_probabilities(index: StandardsIndex) -> None:
    for text in ("ethnicity", "intersex", "how much rent do tenants pay", "smoking"):
        decision = decide_topic(text, index)
        assert 0.0 <= decision.confidence <= decision.covered <= 1.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            (
                "Hi, I'm at an NHS trust. Our staff survey asks sex using the harmonisation "
                "guidance "
                "and gender identity using the GSS standard. Is there also a harmonised question "
                "for "
                "sexual orientation?"
            ),
            "Sexual orientation harmonised standard",
        ),
        (
            (
                "Our wellbeing module uses the ONS4 personal wellbeing questions already. What "
                "we're "
                "missing is something on how often people feel lonely - is there a harmonised "
                "question for that?"
            ),
            "Loneliness harmonised standard",
        ),
        (
            (
                "Our equality monitoring form has ethnicity, sex and sexual orientation done to "
                "the "
                "GSS standards. The one I'm not sure about is faith. Which question should we use "
                "for religion?"
            ),
            RELIGION,
        ),
    ],
)
def test_the_standard_asked_for_wins_over_neighbours_already_in_use(
    index: StandardsIndex, text: str, expected: str
) -> None:
    decision = decide_topic(text, index)
    assert decision.outcome is Outcome.CONFIDENT
    assert decision.standard == expected


def test_context_in_use_is_still_the_topic_when_it_is_all_there_is(
    index: StandardsIndex,
) -> None:
    decision = decide_topic("We already use your ethnicity standard. Is it still current?", index)
    assert decision.matches and decision.matches[0].standard.name == ETHNICITY


def test_who_is_asking_does_not_dilute_what_they_ask_about(index: StandardsIndex) -> None:
    # "among" is a catalogue word (the income guidance's "among the many statistics") and
    # "charity" names the writer, not a topic: neither may halve the topic's share.
    decision = decide_topic(
        "Afternoon. We're a small charity looking at loneliness among older people in rural "
        "areas. Is there a standard set of questions we should be using so we can compare with "
        "national figures?",
        index,
    )
    assert decision.outcome is not Outcome.NONE
    assert decision.matches[0].standard.name == "Loneliness harmonised standard"


def test_the_writers_employer_is_not_a_topic(index: StandardsIndex) -> None:
    # "an NHS trust" once offered Social capital (trust in others) beside sexual orientation.
    decision = decide_topic(
        "Hi, I work for an NHS trust and we're revising our patient experience survey. Which "
        "question should we be using to capture sexual orientation? Also is it still the 2019 "
        "version?",
        index,
    )
    assert decision.outcome is Outcome.CONFIDENT
    assert decision.standard == "Sexual orientation harmonised standard"


def test_how_something_is_defined_finds_its_definition(index: StandardsIndex) -> None:
    decision = decide_topic(
        "Hello, journalist here from a regional paper. How does ONS define a household when it "
        "counts them? Need it for a piece this week.",
        index,
    )
    assert decision.standard == "Demographic information harmonised principle"


def test_text_speak_is_not_taken_for_the_topic(index: StandardsIndex) -> None:
    decision = decide_topic("hi, wot standard shud i use for etnicity in a staff survey? ta", index)
    assert decision.outcome is not Outcome.NONE
    assert "wot" not in decision.topic_text
    assert decision.matches[0].standard.topic == "Ethnicity"


@pytest.mark.parametrize(
    ("text", "choices"),
    [
        (
            "housing",
            {
                "Housing costs and benefits harmonised principle",
                "Affordable housing harmonisation guidance",
            },
        ),
        (
            "which standard covers identity?",
            {"National identity harmonised standard", "Gender identity harmonised standard"},
        ),
    ],
)
def test_words_that_fit_two_entries_alike_leave_the_choice_to_the_asker(
    index: StandardsIndex, text: str, choices: set[str]
) -> None:
    decision = decide_topic(text, index)
    assert decision.outcome is Outcome.UNSURE
    assert choices <= {m.standard.name for m in decision.matches}


def test_a_word_that_is_one_entrys_own_topic_is_no_tie(index: StandardsIndex) -> None:
    decision = decide_topic("ethnicity", index)
    assert decision.outcome is Outcome.CONFIDENT
    assert decision.standard == ETHNICITY


@pytest.mark.parametrize(
    ("text", "first"),
    [
        (
            (
                "Hi, do you have a standard question for whether people own or rent their home? "
                "Also, is there anything on housing costs?"
            ),
            TENURE,
        ),
        ("Which standard covers religion? And is there one for national identity too?", RELIGION),
    ],
)
def test_of_two_topics_asked_the_first_is_answered(
    index: StandardsIndex, text: str, first: str
) -> None:
    decision = decide_topic(text, index)
    assert decision.outcome is Outcome.CONFIDENT
    assert decision.standard == first


def test_a_second_question_about_the_same_standard_keeps_it(index: StandardsIndex) -> None:
    decision = decide_topic(
        "Is there a standard for unpaid care? Does it ask about hours per week?", index
    )
    assert decision.standard == CARE

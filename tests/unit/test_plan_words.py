"""The words plan questions and chatter are recognised by, beyond any one phrasing."""

from __future__ import annotations

import pytest

from commplan.understanding import PlanKind, plan_question, read


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("which tacs r overdue pls", PlanKind.OVERDUE),  # shorthand spelt out
        ("what's due next wk?", PlanKind.DUE),
        ("outstanding actions from the SG", PlanKind.OPEN_ACTIONS),
        ("which orgs haven't been in touch for months?", PlanKind.GONE_QUIET),
        ("Could someone remind me what I'm on the hook for?", PlanKind.MY_TACTICS),
        ("Is anything slipping?", PlanKind.OVERDUE),
        ("Where are we with the comms plan?", PlanKind.SUMMARY),
        ("Anything I should be chasing this wk?", PlanKind.DUE),
    ],
)
def test_meaning_not_wording_decides_the_kind(text: str, kind: PlanKind) -> None:
    found = plan_question(text)
    assert found is not None and found.kind is kind


def test_a_name_later_in_the_sentence_is_still_found() -> None:
    found = plan_question("Can you show me Jacqui's tactics?")
    assert found is not None
    assert (found.kind, found.name) == (PlanKind.OWNED_BY, "Jacqui")


def test_a_month_searched_for_is_a_question_about_what_is_due() -> None:
    found = plan_question("anything in the plan for December?")
    assert found is not None
    assert (found.kind, found.period) == (PlanKind.DUE, "December")


@pytest.mark.parametrize(
    "text",
    [
        "Welsh language skills. Who looks after it?",  # "it" names no tactic
        "I'm working on adverse childhood experiences. Is there a harmonised module?",
        "Hello, my tasks this week include a disability question - which standard should I use?",
        "Is there a question on slipping and falling for older people?",
    ],
)
def test_topic_questions_with_plan_words_are_not_plan_questions(text: str) -> None:
    assert plan_question(text) is None


@pytest.mark.parametrize(
    "text", ["ok cool", "brilliant, cheers", ":+1:", "testing 123", "night all", "gotcha thanks"]
)
def test_acknowledgements_and_goodbyes_are_chatter(text: str) -> None:
    assert read(text).chatter


@pytest.mark.parametrize(
    "text",
    [
        "next week?",
        "tomorrow?",
        "Sorry for the wrong link earlier, which standard covers religion?",
    ],
)
def test_a_question_is_never_chatter(text: str) -> None:
    assert not read(text).chatter

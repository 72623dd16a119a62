"""The plan-question model behind the rules: phrasings no rule knows, and what it leaves alone."""

from __future__ import annotations

import pytest

from commplan.understanding import PlanKind, guessed_question, read
from commplan.understanding.plan_guess import OTHER, examples, period_of, train


def test_the_shipped_examples_name_known_kinds_and_hold_both_sides() -> None:
    labels = {label for label, _ in examples()}
    assert OTHER in labels
    assert labels - {OTHER} <= {kind.value for kind in PlanKind}
    assert len(labels) > 10


@pytest.mark.parametrize(
    ("message", "kind", "period"),
    [
        (
            (
                "Hiya, prepping for Thursday's steering group and I'd like to flag anything "
                "that's gone past its deadline. Could you pull that together? Ta, J"
            ),
            PlanKind.OVERDUE,
            "",
        ),
        ("what have we got landing in march", PlanKind.DUE, "March"),
    ],
)
def test_a_phrasing_the_rules_miss_is_guessed_with_its_period(
    message: str, kind: PlanKind, period: str
) -> None:
    found = guessed_question(read(message))
    assert found is not None
    assert (found.kind, found.period) == (kind, period)


@pytest.mark.parametrize(
    "message",
    [
        "Hi, we're redoing our residents' survey. Which question should we use for ethnicity?",
        "Is there a harmonised way of asking whether people own or rent their home?",
        "thanks so much, that's sorted it :)",
    ],
)
def test_topic_questions_and_thanks_are_not_taken_for_the_plan(message: str) -> None:
    assert guessed_question(read(message)) is None


def test_a_kind_whose_argument_is_missing_is_no_guess() -> None:
    model = train([("show_tactic", "show me tactic 4"), ("other", "which standard covers sex")])
    assert model.posterior("show me tactic 9")[0] == "show_tactic"
    # The shipped model may know "show me that tactic", but with no number it asks nothing.
    assert guessed_question(read("can you show me that tactic again?")) is None


def test_may_as_a_verb_names_no_month() -> None:
    assert period_of("may I ask what's coming up") == "this week"
    assert period_of("anything due by end of may?") == "May"

"""Questions about the plan and its people, however they are written; topic questions are not."""

from __future__ import annotations

import pytest

from commplan.understanding import PlanKind, PlanQuestion, plan_question


def asked(text: str) -> tuple[str, ...] | None:
    """The kind and the arguments given, compactly."""
    found = plan_question(text)
    if found is None:
        return None
    args = (found.name, found.term, found.period, "" if found.number is None else str(found.number))
    return (found.kind.value, *(a for a in args if a))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("who owns what?", ("who_owns",)),
        ("Hi, who is responsible for the newsletter?", ("who_owns", "newsletter")),
        ("who's leading the webinar?", ("who_owns", "webinar")),
        ("What does Palvi Shah own?", ("owned_by", "Palvi Shah")),
        ("what's Becki got on?", ("owned_by", "Becki")),
        ("tactics owned by becki aquilina", ("owned_by", "Becki Aquilina")),
        ("what is the harmonisation team responsible for?", ("owned_by", "the harmonisation team")),
        (
            "Can you list the tactics Steve Ellerd-Elliott is accountable for?",
            ("owned_by", "Steve Ellerd-Elliott"),
        ),
        ("what's due this week?", ("due", "this week")),
        ("whats due", ("due", "this week")),
        ("Morning! Can you tell me what falls due next week please? Thanks", ("due", "next week")),
        ("what's due in March?", ("due", "March")),
        ("What does the plan have for September?", ("due", "September")),
        ("anything overdue on the plan?", ("overdue",)),
        ("what has slipped?", ("overdue",)),
        ("Which of the plan's tactics are past their deadline and not complete?", ("overdue",)),
        ("my tasks", ("my_tactics",)),
        ("what do I own?", ("my_tactics",)),
        ("what's still open in the comms plan with my name on it?", ("my_tactics",)),
        ("do I have any actions?", ("my_actions",)),
        ("actions for Jacqui Jones", ("actions_for", "Jacqui Jones")),
        ("Charlie's actions", ("actions_for", "Charlie")),
        ("search tactics for conference", ("search", "conference")),
        ("Are there any tactics about the annual conference?", ("search", "annual conference")),
        ("outstanding actions from the SG", ("open_actions",)),
        ("which steering group actions haven't been completed yet?", ("open_actions",)),
        ("what actions came out of the last steering group meeting?", ("open_actions",)),
        ("tactics for Q3", ("phase", "Q3")),
        ("what's in the plan for the second quarter?", ("phase", "Q2")),
        ("how is the plan going?", ("summary",)),
        ("Can you give me a summary by phase?", ("summary",)),
        ("Hi, can you show me tactic 14?", ("show_tactic", "14")),
        ("what does action 7 say?", ("show_action", "7")),
        ("who's contacted us this week?", ("contacts", "this week")),
        ("which organisations haven't contacted us for a while?", ("gone_quiet",)),
        ("which topics are people asking about more lately?", ("topics_rising",)),
        ("show the baseline by organisation type", ("baseline", "organisation type")),
        ("any new queries in the inbox?", ("inbox",)),
        ("which standards haven't been reviewed for over five years?", ("standards_review",)),
    ],
)
def test_plan_questions_in_many_forms(text: str, expected: tuple[str, ...]) -> None:
    assert asked(text) == expected


def test_a_plan_question_inside_a_longer_post() -> None:
    found = plan_question(
        "Hi bot :wave: I'm back from leave today and catching up. Could you tell me what's "
        "overdue on the comms plan at the moment? I'll chase owners this afternoon. Thanks, Jo"
    )
    assert found == PlanQuestion(
        kind=PlanKind.OVERDUE,
        text="Could you tell me what's overdue on the comms plan at the moment?",
    )


@pytest.mark.parametrize(
    "text",
    [
        "who owns their home",
        "do they own their home or rent",
        "which standard covers overdue rent",
        "when is the ethnicity standard due for review?",
        "what does the household own",
        "who looks after a disabled relative",
        "Is there a standard for ethnicity?",
        "how many hours a week do carers look after someone?",
        "intersex",
        "thanks!",
    ],
)
def test_topic_questions_and_chatter_are_not_plan_questions(text: str) -> None:
    assert plan_question(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the first of two asks in one sentence
        ("How is the comms plan going overall, and is anything overdue?", ("summary",)),
        # what is asked, without why it is asked
        (
            "Could you pull up the tactics owned by Pete Brodie so I know what I'm picking up?",
            ("owned_by", "Pete Brodie"),
        ),
        ("could you tell me which tactics Jacqui owns?", ("owned_by", "Jacqui")),
        ("can u list tactics for Steve Ellerd-Elliott pls", ("owned_by", "Steve Ellerd-Elliott")),
        ("Could you give me a list of the tactics I'm responsible for? ty", ("my_tactics",)),
        (
            "Pete Brodie has moved team. I'd like to see all the tactics with his name on them.",
            ("owned_by", "Pete Brodie"),
        ),
        # a day is not a person
        ("can someone pull the overdue tactics for Thursday's SG?", ("overdue",)),
        (
            (
                "Hi bot, can you do what Jacqui asks below please?\n\n"
                "---------- Forwarded message ---------\nFrom: Jacqui Jones\n\n"
                "What's due next week?"
            ),
            ("due", "next week"),
        ),
    ],
)
def test_long_requests_are_read_for_their_first_ask(text: str, expected: tuple[str, ...]) -> None:
    assert asked(text) == expected


def test_a_forwarded_question_is_not_read_unless_the_post_points_at_it() -> None:
    text = "FYI, see below.\n\n> What's due next week?"
    assert asked(text) == ("due", "next week")
    assert asked("Which standard covers ethnicity?\n\n> What's due next week?") is None

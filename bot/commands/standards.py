"""Standards commands: "which standard covers X?", listings, feedback, unanswered questions."""

from __future__ import annotations

from bot.command import STALE_BUTTON, Args, Command
from bot.keys import message_key
from bot.messages import Intent, Reply
from bot.turn import Turn
from bot.views import standards as view
from bot.views.listing import dashboard_rest
from commplan.errors import InvalidInput
from commplan.questions import Feedback
from commplan.ranking import Match
from commplan.services.questions import (
    AskedQuestion,
    choose_answer,
    keep_question,
    record_feedback,
    unanswered_page,
)
from commplan.standards import REVIEW_AGE
from commplan.standards import due_for_review as stale
from commplan.understanding import Outcome, Reading, TopicDecision, decide_topic, read


def answer(turn: Turn, args: Args) -> Reply:
    """Answer a question about which standard covers a topic, and keep the question.

    A typed message is read whole (greeting, context and follow-ups included); a button's
    value ("Ask about it") is the topic itself.
    """
    text = turn.incoming.text if turn.incoming.action is None else args.text("value", "topic")
    reading = read(text)
    return decided(turn, reading, decide_topic(reading, turn.deps.standards()))


def decided(turn: Turn, reading: Reading, decision: TopicDecision) -> Reply:
    """The reply to a topic decision: a confident answer, "not sure, one of these", or "no
    standard covers it" (kept for the team). Only a confident answer counts as answered."""
    topic = decision.topic_text
    if not topic:
        return view.which_topic()
    key = message_key(turn.incoming)
    confident = decision.outcome is Outcome.CONFIDENT
    best = decision.matches[0].standard.name if decision.matches else ""
    asked = AskedQuestion(
        key=key,
        topic=topic,
        at=turn.now,
        person=turn.person,
        asker=turn.who,
        email=turn.incoming.actor.email,
    )
    keep_question(
        turn.deps.uow(),
        asked,
        answered=confident,
        best_match=best,
        score=decision.confidence,
        summary=reading.text,
    )
    if confident:
        return view.answer_card(
            topic,
            decision.matches,
            decision.confidence,
            turn.deps.standards(),
            question=key,
            follow_ups=bool(reading.follow_ups),
        )
    if decision.outcome is Outcome.UNSURE and decision.matches:
        return view.unsure(topic, decision.matches, decision.confidence, question=key)
    return view.no_standard(topic, decision.matches, question=key)


def choose(turn: Turn, args: Args) -> Reply:
    """One of the "not sure" choices pressed: it answers the question and counts as helpful."""
    key, _, name = args["value"].partition(view.CHOICE_SEPARATOR)
    index = turn.deps.standards()
    standard = index.get(name)
    if standard is None or not key:
        raise InvalidInput(STALE_BUTTON)
    question = choose_answer(turn.deps.uow(), key, standard.name)
    return view.answer_card(
        question.text, (Match(standard=standard, score=1.0),), None, index, question=key
    )


def helpful(turn: Turn, args: Args) -> Reply:
    record_feedback(turn.deps.uow(), args["value"], Feedback.HELPFUL)
    return view.noted_helpful()


def not_needed(turn: Turn, args: Args) -> Reply:
    return view.missed(record_feedback(turn.deps.uow(), args["value"], Feedback.NOT_NEEDED))


def offer_as_question(topic: str) -> Reply:
    """For a bare phrase the catalogue knows nothing of: no standard, and an offer to ask.

    Only a press of the button keeps it as a question, so a greeting or a slip of the keyboard
    never reaches the team's unanswered list.
    """
    return view.offer(topic)


def ask_offered(turn: Turn, args: Args) -> Reply:
    """The "Ask about it" button: the phrase asked as a standards question after all."""
    return answer(turn, Args({"topic": args["value"]}))


def pass_to_team(turn: Turn, args: Args) -> Reply:
    return view.passed_on(record_feedback(turn.deps.uow(), args["value"], None, passed=True))


def unanswered_questions(turn: Turn, args: Args) -> Reply:
    page = unanswered_page(turn.deps.uow(), person=turn.person)
    rest = dashboard_rest(
        turn.deps.dashboard_url, "#table-unanswered", command="say 'dashboard' for all of them"
    )
    return view.unanswered_list(page.rows, total=page.total, rest=rest)


def a_to_z(turn: Turn, args: Args) -> Reply:
    standards = sorted(turn.deps.standards().standards, key=lambda s: s.name.lower())
    return view.listing("Harmonised standards A-Z", standards, intent=Intent.STANDARDS_A_Z)


def about(turn: Turn, args: Args) -> Reply:
    topic = args["topic"].lower()
    index = turn.deps.standards()
    chosen = [s for s in index.standards if topic in f"{s.topic} {s.group} {s.name}".lower()]
    if not chosen:
        lookup = index.lookup(topic, limit=8)
        chosen = [m.standard for m in lookup.matches if m.score >= 0.15]
    return view.listing(
        f"Standards about {args['topic']}",
        sorted(chosen, key=lambda s: s.name),
        intent=Intent.STANDARDS_ABOUT,
    )


def due_for_review(turn: Turn, args: Args) -> Reply:
    cutoff = turn.today - REVIEW_AGE
    standards = stale(turn.deps.standards().standards, turn.today)
    return view.listing(
        f"Standards last reviewed before {cutoff:%-d %B %Y}",
        standards,
        intent=Intent.STANDARDS_DUE_FOR_REVIEW,
        show_review=True,
    )


COMMANDS = (
    Command(
        name="standards A-Z",
        group="Standards",
        handler=a_to_z,
        help="Every harmonised standard and piece of guidance, A to Z.",
        examples=("standards A-Z",),
        patterns=(r"(?:list |all )?(?:the )?standards(?: a ?- ?z| a to z)?", r"a-z"),
    ),
    Command(
        name="standards due for review",
        group="Standards",
        handler=due_for_review,
        help="Standards whose last review is more than five years old.",
        examples=("standards due for review",),
        patterns=(r"standards (?:due|overdue) (?:for|a) review", r"review due"),
    ),
    Command(
        name="standards about <topic>",
        group="Standards",
        handler=about,
        help="Standards on a topic such as health or housing.",
        examples=("standards about health",),
        patterns=(r"standards (?:about|on|for|in) (?P<topic>.+)",),
    ),
    Command(
        name="unanswered questions",
        group="Standards",
        handler=unanswered_questions,
        team_only=True,
        help="Questions nobody could answer (team members).",
        examples=("unanswered questions",),
        patterns=(r"(?:show )?(?:the )?unanswered(?: questions)?",),
    ),
    Command(
        name="which standard covers <topic>",
        group="Standards",
        handler=answer,
        help="Find the harmonised standard for a topic, in your own words.",
        examples=("which standard covers ethnicity", "is there a standard for unpaid care?"),
        patterns=(
            (
                r"(?:which|what) (?:harmonised )?(?:standard|guidance|standards)"
                r"(?: (?:covers?|is (?:there )?for|for|on|about|should i use for))? (?P<topic>.+)"
            ),
            (
                r"is there (?:a |any )?(?:harmonised )?(?:standard|guidance|question)s?"
                r" (?:for|on|about|covering) (?P<topic>.+)"
            ),
            r"(?:standard|guidance) (?:for|on|about) (?P<topic>.+)",
            (
                r"how (?:do|should|can) (?:i|we) (?:ask|measure|collect|record)(?: about)? "
                r"(?P<topic>.+)"
            ),
        ),
    ),
    Command(
        name="Helpful",
        group="",
        handler=helpful,
        actions=("answer_helpful",),
        help="Tell me an answer helped.",
        examples=(),
    ),
    Command(
        name="Not what I needed",
        group="",
        handler=not_needed,
        actions=("answer_not_needed",),
        help="Tell me an answer missed; the question goes to the team.",
        examples=(),
    ),
    Command(
        name="Choose a standard",
        group="",
        handler=choose,
        actions=("standard_choose",),
        help="Pick one of the standards offered when I was not sure.",
        examples=(),
    ),
    Command(
        name="Ask about it",
        group="",
        handler=ask_offered,
        actions=("standard_ask",),
        help="Ask about a phrase the catalogue does not know, as a standards question.",
        examples=(),
    ),
    Command(
        name="Pass it to the team",
        group="",
        handler=pass_to_team,
        actions=("pass_to_team",),
        help="Send a question nobody could answer to the team.",
        examples=(),
    ),
)

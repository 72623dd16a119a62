"""Standards commands: "which standard covers X?", listings, feedback, unanswered questions."""

from __future__ import annotations

from datetime import date, timedelta

from bot.command import Args, Command
from bot.keys import message_key
from bot.messages import Block, Bullets, Button, Buttons, Context, Fields, Header, Link, Reply, Text
from bot.turn import Turn
from commplan.questions import Feedback
from commplan.ranking import Lookup
from commplan.services.questions import AskedQuestion, ask_standard, record_feedback, unanswered
from commplan.standards import Standard

REVIEW_AGE = timedelta(days=5 * 365)
ALSO_CONSIDER_GAP = 0.2


def _first_sentence(text: str) -> str:
    head, dot, _ = text.partition(". ")
    return head + ("." if dot else "")


def answer(turn: Turn, args: Args) -> Reply:
    """Answer a question about which standard covers a topic, and keep the question."""
    topic = args.get("topic") or turn.incoming.text
    index = turn.deps.standards()
    key = message_key(turn.incoming)
    asked = AskedQuestion(
        key=key,
        topic=topic,
        at=turn.now,
        person=turn.person,
        asker=turn.who,
        email=turn.incoming.actor.email,
    )
    lookup = ask_standard(turn.deps.uow(), asked, standards=index).lookup
    if not lookup.answered:
        return _unanswered(topic, lookup, key)
    best = lookup.matches[0]
    standard = best.standard
    pairs = [("Status", standard.status or "published")]
    if standard.last_review:
        pairs.append(("Last review", f"{standard.last_review:%-d %B %Y}"))
    pairs.append(("Topic", standard.topic))
    blocks: list[Block] = [
        Header(text=standard.name),
        Text(text=_first_sentence(standard.covers)),
        Fields(pairs=tuple(pairs)),
    ]
    if standard.url:
        blocks.append(Link(label="Read the standard", url=standard.url))
    also = [
        m.standard.name
        for m in lookup.matches[1:3]
        if m.score >= best.score - ALSO_CONSIDER_GAP and m.score >= 0.25
    ]
    related = [s.name for s in index.related(standard) if s.name not in also][:3]
    if also:
        blocks.append(Context(text="Also consider: " + "; ".join(also)))
    if related:
        blocks.append(Context(text="Related: " + "; ".join(related)))
    blocks.append(Context(text=f"Confidence {best.score:.0%}"))
    blocks.append(
        Buttons(
            buttons=(
                Button(label="Helpful", action_id="answer_helpful", value=key),
                Button(label="Not what I needed", action_id="answer_not_needed", value=key),
            )
        )
    )
    text_lines = [
        f"{standard.name} ({standard.status or 'published'})",
        _first_sentence(standard.covers),
    ]
    if standard.last_review:
        text_lines.append(f"Last review: {standard.last_review:%-d %B %Y}")
    if standard.url:
        text_lines.append(standard.url)
    if also:
        text_lines.append("Also consider: " + "; ".join(also))
    if related:
        text_lines.append("Related: " + "; ".join(related))
    return Reply(
        text="\n".join(text_lines),
        blocks=tuple(blocks),
        intent="standard_answer",
        data={
            "query": topic,
            "answered": True,
            "question": key,
            "matches": [_match_json(m.standard, m.score) for m in lookup.matches[:3]],
        },
    )


def _match_json(standard: Standard, score: float) -> dict[str, object]:
    return {
        "name": standard.name,
        "score": round(score, 3),
        "status": standard.status,
        "url": standard.url,
    }


def _unanswered(topic: str, lookup: Lookup, key: str) -> Reply:
    text = (
        f"No harmonised standard covers \u201c{topic}\u201d as far as I can tell. "
        "I've added it to the team's unanswered questions."
    )
    blocks: list[Block] = [Text(text=text)]
    lines = [text]
    if lookup.matches:
        near = "; ".join(m.standard.name for m in lookup.matches[:2])
        blocks.append(Context(text=f"Did you mean: {near}?"))
        lines.append(f"Did you mean: {near}?")
    blocks.append(
        Buttons(
            buttons=(
                Button(
                    label="Pass it to the team",
                    action_id="pass_to_team",
                    value=key,
                    style="primary",
                ),
            )
        )
    )
    return Reply(
        text="\n".join(lines),
        blocks=tuple(blocks),
        intent="standard_unanswered",
        data={
            "query": topic,
            "answered": False,
            "question": key,
            "matches": [_match_json(m.standard, m.score) for m in lookup.matches[:3]],
        },
    )


def helpful(turn: Turn, args: Args) -> Reply:
    record_feedback(turn.deps.uow(), args["value"], Feedback.HELPFUL)
    return Reply(text="Thanks, noted as helpful.", intent="feedback_helpful")


def not_needed(turn: Turn, args: Args) -> Reply:
    question = record_feedback(turn.deps.uow(), args["value"], Feedback.NOT_NEEDED)
    text = (
        f"Sorry about that. I've passed \u201c{question.text}\u201d to the harmonisation team; "
        "they will come back to you."
    )
    return Reply(text=text, blocks=(Text(text=text),), intent="feedback_not_needed")


def offer_as_question(topic: str) -> Reply:
    """For a bare phrase the catalogue knows nothing of: no standard, and an offer to ask.

    Only a press of the button keeps it as a question, so a greeting or a slip of the keyboard
    never reaches the team's unanswered list.
    """
    text = (
        f"I don't know of a harmonised standard for \u201c{topic}\u201d. If that is a topic "
        "you need one for, ask and I'll keep the question for the team."
    )
    return Reply(
        text=text,
        blocks=(
            Text(text=text),
            Buttons(
                buttons=(Button(label="Ask about it", action_id="standard_ask", value=topic[:200]),)
            ),
        ),
        intent="standard_offer",
        data={"query": topic, "answered": False},
    )


def ask_offered(turn: Turn, args: Args) -> Reply:
    """The "Ask about it" button: the phrase asked as a standards question after all."""
    return answer(turn, Args({"topic": args["value"]}))


def pass_to_team(turn: Turn, args: Args) -> Reply:
    question = record_feedback(turn.deps.uow(), args["value"], None, passed=True)
    text = f"Passed \u201c{question.text}\u201d to the harmonisation team."
    return Reply(text=text, blocks=(Text(text=text),), intent="passed_to_team")


def unanswered_questions(turn: Turn, args: Args) -> Reply:
    questions = unanswered(turn.deps.uow(), person=turn.person)
    lines = tuple(
        f"{q.asked_at:%-d %b}: \u201c{q.text}\u201d ({q.asker or 'someone'}"
        f"{', not what they needed' if q.feedback is Feedback.NOT_NEEDED else ''})"
        for q in questions
    )
    title = f"{len(questions)} questions nobody could answer"
    return Reply(
        text="\n".join([title, *lines]),
        blocks=(Header(text=title), Bullets(items=lines or ("None.",))),
        intent="unanswered_questions",
        data={"count": len(questions)},
    )


def a_to_z(turn: Turn, args: Args) -> Reply:
    standards = sorted(turn.deps.standards().standards, key=lambda s: s.name.lower())
    return _listing("Harmonised standards A-Z", standards, intent="standards_a_z")


def about(turn: Turn, args: Args) -> Reply:
    topic = args["topic"].lower()
    index = turn.deps.standards()
    chosen = [s for s in index.standards if topic in f"{s.topic} {s.group} {s.name}".lower()]
    if not chosen:
        lookup = index.lookup(topic, limit=8)
        chosen = [m.standard for m in lookup.matches if m.score >= 0.15]
    return _listing(
        f"Standards about {args['topic']}",
        sorted(chosen, key=lambda s: s.name),
        intent="standards_about",
    )


def due_for_review(turn: Turn, args: Args) -> Reply:
    cutoff = turn.today - REVIEW_AGE
    standards = [
        s
        for s in turn.deps.standards().standards
        if s.last_review is None or s.last_review < cutoff
    ]
    standards.sort(key=lambda s: s.last_review or date.min)
    return _listing(
        f"Standards last reviewed before {cutoff:%-d %B %Y}",
        standards,
        intent="standards_due_for_review",
        show_review=True,
    )


def _listing(
    title: str, standards: list[Standard], *, intent: str, show_review: bool = False
) -> Reply:
    def line(s: Standard) -> str:
        when = f"{s.last_review:%b %Y}" if s.last_review else "no review date"
        return f"{s.name} — {when}" if show_review else f"{s.name} ({s.topic})"

    lines = tuple(line(s) for s in standards) or ("None.",)
    return Reply(
        text="\n".join([f"{title} ({len(standards)})", *lines]),
        blocks=(Header(text=f"{title} ({len(standards)})"), Bullets(items=lines)),
        intent=intent,
        data={"standards": [s.name for s in standards]},
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

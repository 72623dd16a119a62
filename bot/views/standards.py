"""How the catalogue answers look: the answer card, "no standard", listings, feedback."""

from __future__ import annotations

from collections.abc import Sequence

from bot.messages import (
    Block,
    Bullets,
    Button,
    Buttons,
    Context,
    Fields,
    Header,
    Intent,
    Link,
    Reply,
    Text,
)
from commplan.questions import Feedback, Question
from commplan.ranking import Lookup, StandardsIndex
from commplan.standards import Standard

#: A runner-up this close to the best match is worth naming too.
ALSO_CONSIDER_GAP = 0.2
ALSO_CONSIDER_FLOOR = 0.25


def _first_sentence(text: str) -> str:
    head, dot, _ = text.partition(". ")
    return head + ("." if dot else "")


def _matches_json(lookup: Lookup) -> list[dict[str, object]]:
    return [
        {
            "name": m.standard.name,
            "score": round(m.score, 3),
            "status": m.standard.status,
            "url": m.standard.url,
        }
        for m in lookup.matches[:3]
    ]


def answer_card(topic: str, lookup: Lookup, index: StandardsIndex, *, question: str) -> Reply:
    """The best standard for a question, with its runners-up, related entries and feedback
    buttons carrying the question's key."""
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
        if m.score >= best.score - ALSO_CONSIDER_GAP and m.score >= ALSO_CONSIDER_FLOOR
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
                Button(label="Helpful", action_id="answer_helpful", value=question),
                Button(label="Not what I needed", action_id="answer_not_needed", value=question),
            )
        )
    )
    return Reply(
        blocks=tuple(blocks),
        intent=Intent.STANDARD_ANSWER,
        data={
            "query": topic,
            "answered": True,
            "question": question,
            "matches": _matches_json(lookup),
        },
    )


def no_standard(topic: str, lookup: Lookup, *, question: str) -> Reply:
    """Nothing covers the topic: the question is kept, with near misses and a button to pass
    it on."""
    blocks: list[Block] = [
        Text(
            text=f"No harmonised standard covers \u201c{topic}\u201d as far as I can tell. "
            "I've added it to the team's unanswered questions."
        )
    ]
    if lookup.matches:
        near = "; ".join(m.standard.name for m in lookup.matches[:2])
        blocks.append(Context(text=f"Did you mean: {near}?"))
    pass_on = Button(
        label="Pass it to the team", action_id="pass_to_team", value=question, style="primary"
    )
    blocks.append(Buttons(buttons=(pass_on,)))
    return Reply(
        blocks=tuple(blocks),
        intent=Intent.STANDARD_UNANSWERED,
        data={
            "query": topic,
            "answered": False,
            "question": question,
            "matches": _matches_json(lookup),
        },
    )


def offer(topic: str) -> Reply:
    """No standard for a bare phrase, and a button to ask about it after all."""
    text = (
        f"I don't know of a harmonised standard for \u201c{topic}\u201d. If that is a topic "
        "you need one for, ask and I'll keep the question for the team."
    )
    ask = Button(label="Ask about it", action_id="standard_ask", value=topic[:200])
    return Reply(
        blocks=(Text(text=text), Buttons(buttons=(ask,))),
        intent=Intent.STANDARD_OFFER,
        data={"query": topic, "answered": False},
    )


def noted_helpful() -> Reply:
    return Reply(text="Thanks, noted as helpful.", intent=Intent.FEEDBACK_HELPFUL)


def missed(question: Question) -> Reply:
    """An answer that missed: the question has gone to the team."""
    text = (
        f"Sorry about that. I've passed \u201c{question.text}\u201d to the harmonisation team; "
        "they will come back to you."
    )
    return Reply(blocks=(Text(text=text),), intent=Intent.FEEDBACK_NOT_NEEDED)


def passed_on(question: Question) -> Reply:
    text = f"Passed \u201c{question.text}\u201d to the harmonisation team."
    return Reply(blocks=(Text(text=text),), intent=Intent.PASSED_TO_TEAM)


def unanswered_list(questions: Sequence[Question]) -> Reply:
    lines = tuple(
        f"{q.asked_at:%-d %b}: \u201c{q.text}\u201d ({q.asker or 'someone'}"
        f"{', not what they needed' if q.feedback is Feedback.NOT_NEEDED else ''})"
        for q in questions
    )
    return Reply(
        blocks=(
            Header(text=f"{len(questions)} questions nobody could answer"),
            Bullets(items=lines or ("None.",)),
        ),
        intent=Intent.UNANSWERED_QUESTIONS,
        data={"count": len(questions)},
    )


def listing(
    title: str, standards: Sequence[Standard], *, intent: Intent, show_review: bool = False
) -> Reply:
    """A titled list of standards, with their topic or their last review."""

    def line(s: Standard) -> str:
        when = f"{s.last_review:%b %Y}" if s.last_review else "no review date"
        return f"{s.name} — {when}" if show_review else f"{s.name} ({s.topic})"

    return Reply(
        blocks=(
            Header(text=f"{title} ({len(standards)})"),
            Bullets(items=tuple(line(s) for s in standards) or ("None.",)),
        ),
        intent=intent,
        data={"standards": [s.name for s in standards]},
    )

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
from bot.views.listing import Rest, capped, more_blocks
from commplan.questions import Feedback, Question
from commplan.ranking import Match, StandardsIndex
from commplan.standards import Standard

#: A runner-up this close to the best match is worth naming too.
ALSO_CONSIDER_GAP = 0.2
ALSO_CONSIDER_FLOOR = 0.25


def _first_sentence(text: str) -> str:
    head, dot, _ = text.partition(". ")
    return head + ("." if dot else "")


def _matches_json(matches: Sequence[Match], confidence: float | None) -> list[dict[str, object]]:
    """Best first; with a ``confidence``, the first match's score is it (what the reply says)
    and the others' scores stay below it."""
    shown = []
    for n, m in enumerate(matches[:3]):
        score = (
            m.score if confidence is None else (confidence if n == 0 else min(m.score, confidence))
        )
        shown.append(
            {
                "name": m.standard.name,
                "score": round(score, 3),
                "status": m.standard.status,
                "url": m.standard.url,
            }
        )
    return shown


def answer_card(
    topic: str,
    matches: Sequence[Match],
    confidence: float | None,
    index: StandardsIndex,
    *,
    question: str,
    follow_ups: bool = False,
) -> Reply:
    """The best standard for a question, with its runners-up, related entries and feedback
    buttons carrying the question's key. ``follow_ups``: the asker wants its status, version
    or review date, so those come first. No ``confidence``: the asker chose it."""
    best = matches[0]
    standard = best.standard
    pairs = [("Status", standard.status or "published")]
    if standard.last_review:
        pairs.append(("Last review", f"{standard.last_review:%-d %B %Y}"))
    pairs.append(("Topic", standard.topic))
    about = Text(text=_first_sentence(standard.covers))
    fields = Fields(pairs=tuple(pairs))
    blocks: list[Block] = [Header(text=standard.name)]
    blocks += [fields, about] if follow_ups else [about, fields]
    if standard.url:
        blocks.append(Link(label="Read the standard", url=standard.url))
    also = [
        m.standard.name
        for m in matches[1:3]
        if m.score >= best.score - ALSO_CONSIDER_GAP and m.score >= ALSO_CONSIDER_FLOOR
    ]
    related = [s.name for s in index.related(standard) if s.name not in also][:3]
    if also:
        blocks.append(Context(text="Also consider: " + "; ".join(also)))
    if related:
        blocks.append(Context(text="Related: " + "; ".join(related)))
    shown = "You chose this one." if confidence is None else f"Confidence {confidence:.0%}"
    blocks.append(Context(text=shown))
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
            "outcome": "confident" if confidence is not None else "chosen",
            "confidence": round(confidence, 3) if confidence is not None else None,
            "question": question,
            "matches": _matches_json(matches, confidence),
        },
    )


#: What separates a question's key from the standard's name in a "choose" button's value.
CHOICE_SEPARATOR = "\x1f"


def unsure(topic: str, matches: Sequence[Match], confidence: float, *, question: str) -> Reply:
    """Not sure: the two or three best entries as buttons; pressing one answers with it."""
    buttons = tuple(
        Button(
            label=m.standard.name,
            action_id="standard_choose",
            value=f"{question}{CHOICE_SEPARATOR}{m.standard.name}",
        )
        for m in matches[:3]
    )
    blocks: list[Block] = [
        Text(text=f"Not sure — one of these may be what you need for “{topic}”:"),
        Buttons(buttons=buttons),
        Context(text="Pick one and I'll show it; otherwise I can pass it to the team."),
        Buttons(
            buttons=(Button(label="Pass it to the team", action_id="pass_to_team", value=question),)
        ),
    ]
    return Reply(
        blocks=tuple(blocks),
        intent=Intent.STANDARD_UNANSWERED,
        data={
            "query": topic,
            "answered": False,
            "outcome": "unsure",
            "confidence": round(confidence, 3),
            "question": question,
            "matches": _matches_json(matches, None),
        },
    )


def no_standard(topic: str, matches: Sequence[Match], *, question: str) -> Reply:
    """Nothing covers the topic: the question is kept, with near misses and a button to pass
    it on."""
    blocks: list[Block] = [
        Text(
            text=f"No harmonised standard covers “{topic}” as far as I can tell. "
            "I've added it to the team's unanswered questions."
        )
    ]
    if matches:
        near = "; ".join(m.standard.name for m in matches[:2])
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
            "outcome": "none",
            "question": question,
            "matches": _matches_json(matches, None),
        },
    )


def which_topic() -> Reply:
    """A standards question that names no topic: ask for one, keep nothing."""
    return Reply(
        blocks=(
            Text(text="Which topic do you need a standard for?"),
            Context(text="For example: 'which standard covers ethnicity'."),
        ),
        intent=Intent.STANDARD_UNANSWERED,
        data={"query": "", "answered": False, "outcome": "none", "matches": []},
    )


def chatter(*, greeted: bool) -> Reply:
    """A greeting, thanks or sign-off alone: a short, friendly reply."""
    text = (
        "Hello! Ask me about a topic (e.g. 'which standard covers ethnicity') or the plan "
        "('what's due this week')."
        if greeted
        else "Okay. Ask me any time \u2014 'help' lists what I can do."
    )
    return Reply(text=text, intent=Intent.CHATTER)


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


def unanswered_list(
    questions: Sequence[Question], *, total: int | None = None, rest: Rest | None = None
) -> Reply:
    """The newest questions nobody could answer; ``total`` counts the whole queue."""
    total = len(questions) if total is None else total
    lines = tuple(
        f"{q.asked_at:%-d %b}: \u201c{q.text}\u201d ({q.asker or 'someone'}"
        f"{', not what they needed' if q.feedback is Feedback.NOT_NEEDED else ''})"
        for q in questions
    )
    return Reply(
        blocks=(
            Header(text=f"{total} questions nobody could answer"),
            Bullets(items=lines or ("None.",)),
            *more_blocks(total - len(questions), rest or Rest()),
        ),
        intent=Intent.UNANSWERED_QUESTIONS,
        data={"count": total},
    )


def listing(
    title: str, standards: Sequence[Standard], *, intent: Intent, show_review: bool = False
) -> Reply:
    """A titled list of standards, with their topic or their last review."""

    def line(s: Standard) -> str:
        when = f"{s.last_review:%b %Y}" if s.last_review else "no review date"
        return f"{s.name} — {when}" if show_review else f"{s.name} ({s.topic})"

    lines, more = capped(
        [line(s) for s in standards], Rest(command="run `harmonibot export standards`")
    )
    return Reply(
        blocks=(
            Header(text=f"{title} ({len(standards)})"),
            Bullets(items=lines or ("None.",)),
            *more,
        ),
        intent=intent,
        data={"standards": [s.name for s in standards]},
    )
